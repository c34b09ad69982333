"""The only two ways user-written text reaches a page.

`clean_html` keeps a small allow-list of formatting tags and drops everything else (nh3, the Rust
ammonia sanitiser: bleach no longer gets security fixes). `plain_text` escapes everything and keeps
paragraphs. Templates use them through the `user_html` and `user_text` filters.
"""

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
