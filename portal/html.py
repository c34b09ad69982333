"""The only two ways user-written text reaches a page, and the way back from stored HTML to text.

`clean_html` keeps a small allow-list of formatting tags and drops everything else (nh3, the Rust
ammonia sanitiser: bleach no longer gets security fixes). `plain_text` escapes everything and keeps
paragraphs. Templates use them through the `user_html` and `user_text` filters.
"""

from html.parser import HTMLParser

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MAX_INPUT_LENGTH = 200_000


def clean_html(value: str | None) -> SafeString:
    """User-written HTML made safe to show: allow-listed tags only, links open nothing but web and mail."""
    if not value:
        return mark_safe("")  # noqa: S308 - the empty string
    cleaned = nh3.clean(
        str(value)[:MAX_INPUT_LENGTH],
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it


def plain_text(value: str | None) -> SafeString:
    """User-written plain text, escaped, with its paragraphs and line breaks kept."""
    if not value:
        return mark_safe("")  # noqa: S308 - the empty string
    return mark_safe(linebreaks(str(value), autoescape=True))  # noqa: S308 - linebreaks escaped it


BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "table", "tr"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.current = [], []

    def end_paragraph(self):
        text = "".join(self.current).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.end_paragraph()
        if tag == "li":
            self.current.append("- ")
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.end_paragraph()

    def handle_data(self, data):
        self.current.append(data.replace("\n", " "))


def text_of_html(value: str | None) -> str:
    """Stored rich text as plain paragraphs (a blank line between them) for a plain text box to edit."""
    if not value:
        return ""
    collector = _TextCollector()
    collector.feed(str(value))
    collector.close()
    collector.end_paragraph()
    return "\n\n".join(collector.paragraphs)
