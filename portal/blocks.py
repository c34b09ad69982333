"""StreamField blocks for the site's fixed pages: prose, headings and call-outs."""

from django.core.exceptions import ValidationError
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct for screen-reader users."""

    text = blocks.CharBlock(max_length=120, help_text="Short and plain, like a heading in a paper.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section"), ("h3", "Sub-section")],
        default="h2",
        help_text="Use 'Section' unless this sits inside another section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "How we work together", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted box for the one thing a reader must not miss, such as a closing date."""

    title = blocks.CharBlock(max_length=120, required=False)
    body = blocks.RichTextBlock(features=["bold", "italic", "link"])
    link_page = blocks.PageChooserBlock(required=False, help_text="Optional: a page the box points to.")
    link_text = blocks.CharBlock(max_length=60, required=False, help_text="The words on the link, if any.")

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        preview_value = {"title": "Closing date", "body": "<p>Responses close on Friday 15 December.</p>"}

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned.get("link_page") and not cleaned.get("link_text"):
            raise ValidationError(
                "Say what the link is for.",
                params={"link_text": ValidationError("Add the words for the link, or remove the page.")},
            )
        return cleaned


PROSE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PROSE_FEATURES, icon="pilcrow", template="blocks/paragraph_block.html")
    callout = CalloutBlock()
