"""StreamField blocks for terms of reference and meetings."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from governance.models.people import OrganisationKind


class ExpectationsBlock(blocks.StructBlock):
    """What one kind of organisation commits to, as the terms of reference or strategy words it."""

    organisation_kind = blocks.ChoiceBlock(
        choices=OrganisationKind.choices, help_text="Who these expectations are for."
    )
    heading = blocks.CharBlock(
        max_length=150, required=False, help_text="Optional wording, e.g. 'Expectations of academy trust boards'."
    )
    expectations = blocks.ListBlock(blocks.CharBlock(max_length=400), help_text="One commitment per line.")

    class Meta:
        icon = "list-ul"
        template = "governance/blocks/expectations_block.html"
        preview_value = {
            "organisation_kind": "school",
            "expectations": ["Accurately complete admission and attendance registers"],
        }


class MembershipLineBlock(blocks.StructBlock):
    """One seat on the group as the terms of reference describe it."""

    name = blocks.CharBlock(
        max_length=200, required=False, help_text="Leave blank for a seat, e.g. 'Two secondary heads'."
    )
    job_title = blocks.CharBlock(max_length=200, required=False)
    organisation = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "user"
        preview_value = {"name": "Robyn Turner", "job_title": "Statutory Specialist Officer", "organisation": "Council"}


class AgendaItemBlock(blocks.StructBlock):
    """A numbered agenda item with its owner and papers."""

    title = blocks.CharBlock(max_length=200)
    owner = SnippetChooserBlock("governance.Person", required=False, help_text="Who leads this item.")
    summary = blocks.TextBlock(required=False, help_text="What the item is about, in a sentence or two.")
    papers = blocks.ListBlock(DocumentChooserBlock(), default=[], help_text="Papers for this item.")

    class Meta:
        icon = "list-ol"
        template = "governance/blocks/agenda_item_block.html"
        preview_value = {"title": "Attendance data update", "summary": "Autumn term figures against target."}
