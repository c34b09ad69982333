"""Partnership groups and how they govern themselves."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class PartnershipIndexPage(Page):
    """The list of every partnership, alliance and working group on the site."""

    introduction = models.TextField(
        max_length=600, blank=True, help_text="A sentence or two on how the partnerships fit together."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.get_children().live().public().specific()
        return context
