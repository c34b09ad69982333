"""Terms of reference: one page per approved version, so every version stays readable."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from governance.blocks import ExpectationsBlock, MembershipLineBlock
from portal.visibility import can_open

PROSE = ["bold", "italic", "ul", "ol", "link"]

# The sections compared when showing what changed between two versions, in reading order.
SECTIONS = [
    ("purpose", "Role and purpose"),
    ("term", "Term"),
    ("membership", "Membership"),
    ("responsibilities", "Roles and responsibilities"),
    ("meetings", "Meetings"),
    ("amendment", "Amendment"),
    ("expectations", "Expectations"),
]


class TermsOfReferencePage(Page):
    """One version of a group's terms of reference, in force from its effective date.

    A new version is a new page: earlier ones stay published and readable, and the group page
    shows the version in force today. A chair approves each version through the group's workflow.
    """

    effective_from = models.DateField(help_text="The date this version takes effect.")
    effective_until = models.DateField(
        null=True, blank=True, help_text="Leave blank for 'ongoing until terminated by agreement'."
    )
    purpose = RichTextField(features=PROSE, help_text="Role and purpose: what the group is for.")
    term = models.TextField(blank=True, help_text="For example 'Effective from September 2022 and ongoing'.")
    membership = StreamField(
        [("seat", MembershipLineBlock())], blank=True, help_text="Who the group comprises, seat by seat."
    )
    responsibilities = RichTextField(features=PROSE, blank=True, help_text="What members commit to.")
    chaired_by = models.CharField(max_length=200, blank=True, help_text="Who chairs meetings.")
    meeting_frequency = models.CharField(max_length=200, blank=True, help_text="For example 'Termly'.")
    quorum = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many members (including the chair) must attend for decisions to stand. Blank if not set.",
    )
    amendment = models.TextField(blank=True, help_text="How these terms may be amended.")
    expectations = StreamField(
        [("expectations", ExpectationsBlock())], blank=True, help_text="What each kind of organisation commits to."
    )
    change_summary = models.TextField(
        blank=True, help_text="For a new version: what changed and why, in a sentence or two."
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("effective_from"), FieldPanel("effective_until"), FieldPanel("change_summary")],
            heading="This version",
        ),
        FieldPanel("purpose"),
        FieldPanel("term"),
        FieldPanel("membership"),
        FieldPanel("responsibilities"),
        MultiFieldPanel(
            [FieldPanel("chaired_by"), FieldPanel("meeting_frequency"), FieldPanel("quorum")], heading="Meetings"
        ),
        FieldPanel("amendment"),
        FieldPanel("expectations"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("purpose")]
    parent_page_types = ["governance.PartnershipGroupPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"

    @classmethod
    def in_force_for(cls, group, on=None):
        on = on or timezone.localdate()
        versions = cls.objects.child_of(group).live().filter(effective_from__lte=on).order_by("-effective_from")
        # Callers name the version and read its quorum; its membership and expectations blocks are not read.
        return versions.defer_streamfields().first()

    def versions(self):
        return TermsOfReferencePage.objects.sibling_of(self).live().order_by("-effective_from")

    def previous_version(self):
        return self.versions().filter(effective_from__lt=self.effective_from).first()

    def meetings_text(self):
        parts = [
            f"Chaired by {self.chaired_by}." if self.chaired_by else "",
            f"Meets: {self.meeting_frequency}." if self.meeting_frequency else "",
            f"Quorum: {self.quorum} members." if self.quorum else "",
        ]
        return " ".join(part for part in parts if part)

    def section_text(self, name):
        if name == "meetings":
            return self.meetings_text()
        value = getattr(self, name)
        if hasattr(value, "raw_data"):
            return "\n".join(str(block.value) for block in value)
        return str(value or "")

    def changed_sections(self):
        """The sections whose wording differs from the previous version: 'what changed'."""
        return self.changes_since(self.previous_version())

    def changes_since(self, previous):
        if previous is None:
            return []
        return [label for name, label in SECTIONS if self.section_text(name) != previous.section_text(name)]

    def get_context(self, request, *args, **kwargs):
        """Every version is read once: the one in force, the previous one and the list all come from it."""
        context = super().get_context(request, *args, **kwargs)
        versions = list(self.versions())
        today = timezone.localdate()
        in_force = next((version for version in versions if version.effective_from <= today), None)
        previous = next((version for version in versions if version.effective_from < self.effective_from), None)
        group = self.get_parent().specific
        context.update(
            group=group,
            in_force=in_force if can_open(request, in_force) else None,
            changed_sections=self.changes_since(previous),
            versions=[version for version in versions if can_open(request, version)],
            can_amend=group.terms_amendable_by(request.user),
        )
        return context
