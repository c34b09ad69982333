"""Site-wide pages: the home page and the fixed pages every public body needs."""

from collections import defaultdict

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import ContentStreamBlock
from portal.page_context import extend_context
from portal.visibility import visible_to

TOP_PAGES_ATTRIBUTE = "_portal_top_pages"


def top_pages(request, home) -> list[Page]:
    """The home page's live children this request may open, read once per request.

    The header's menu, the footer's links and the home page's cards all list them.
    """
    cached = getattr(request, TOP_PAGES_ATTRIBUTE, None)
    if cached is None:
        cached = list(visible_to(request, home.get_children()))
        setattr(request, TOP_PAGES_ATTRIBUTE, cached)
    return cached


def in_specific_form(pages) -> list[Page]:
    """The pages as their own page types, one query per type rather than per page, in the order given."""
    ids_by_class = defaultdict(list)
    for page in pages:
        ids_by_class[page.specific_class or Page].append(page.pk)
    found = {}
    for page_class, ids in ids_by_class.items():
        found.update(page_class.objects.defer_streamfields().in_bulk(ids))
    return [found.get(page.pk, page) for page in pages]


class HomePage(Page):
    """The front door: what the partnership is, and the way to its groups and consultations."""

    introduction = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences that tell a visitor what this partnership is for.",
    )
    body = StreamField(ContentStreamBlock(), blank=True, help_text="Anything else the front page should say.")

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = in_specific_form([page for page in top_pages(request, self) if page.show_in_menus])
        return extend_context(self, request, context)


class ContentPage(Page):
    """A fixed page such as the accessibility statement, privacy notice or 'About the partnership'."""

    summary = models.CharField(
        max_length=250, blank=True, help_text="Shown under the title and in search results. One sentence."
    )
    body = StreamField(ContentStreamBlock(), help_text="The page itself: headings, paragraphs and call-outs.")
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When someone last checked this page was still true. Shown at the foot of the page.",
    )
    contact_details = RichTextField(
        features=["bold", "link"], blank=True, help_text="Who to contact about this page, if anyone."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("contact_details"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]
