"""User-written HTML and text: hostile payloads never reach the page as markup."""

import pytest
from django.template import Context, Template

from portal.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, clean_html, plain_text

HOSTILE_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example/"></iframe>',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">hi</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<div><p>unclosed <b>bold <a href="data:text/html,<script>alert(1)</script>">x',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="password"></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]

DANGEROUS_FRAGMENTS = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "javascript:",
    "<iframe",
    "<svg",
    "<object",
    "<embed",
    "<form",
    "<input",
    "<base",
    "<meta",
    "<style",
    "data:text/html",
]


@pytest.mark.parametrize("payload", HOSTILE_PAYLOADS)
def test_clean_html_strips_every_active_part_of_hostile_markup(payload):
    cleaned = clean_html(payload).lower()
    for fragment in DANGEROUS_FRAGMENTS:
        assert fragment not in cleaned


def test_no_allowed_tag_may_carry_a_style_attribute_and_no_url_may_be_data():
    # A style attribute would need the Content-Security-Policy loosened ('unsafe-inline'), and can
    # restyle the page around it; a data: URL can carry a whole document.
    assert all("style" not in attributes for attributes in ALLOWED_ATTRIBUTES.values())
    assert "data" not in ALLOWED_URL_SCHEMES


@pytest.mark.parametrize("tag", sorted(ALLOWED_TAGS))
def test_clean_html_drops_style_from_every_allowed_tag(tag):
    cleaned = clean_html(f'<{tag} style="position:fixed;top:0">text</{tag}>')
    assert f"<{tag}" in cleaned
    assert "style" not in cleaned
    assert "position" not in cleaned


@pytest.mark.parametrize("tag", sorted(ALLOWED_TAGS))
@pytest.mark.parametrize(
    "url", ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:image/svg+xml,<svg onload=alert(1)>"]
)
def test_clean_html_drops_data_urls_from_every_allowed_tag(tag, url):
    cleaned = clean_html(f'<{tag} href="{url}" src="{url}" cite="{url}">text</{tag}>')
    assert f"<{tag}" in cleaned
    assert "data:" not in cleaned.lower()


def test_clean_html_keeps_allowed_formatting_and_safe_links():
    cleaned = clean_html('<p>We <strong>agreed</strong> <a href="https://example.org/paper.pdf">the paper</a>.</p>')
    assert "<strong>agreed</strong>" in cleaned
    assert 'href="https://example.org/paper.pdf"' in cleaned
    assert 'rel="nofollow noopener noreferrer"' in cleaned


def test_clean_html_closes_broken_markup():
    assert clean_html("<p><em>unfinished") == "<p><em>unfinished</em></p>"


def test_clean_html_of_nothing_is_empty():
    assert clean_html(None) == ""
    assert clean_html("") == ""


@pytest.mark.parametrize("payload", HOSTILE_PAYLOADS)
def test_plain_text_escapes_everything(payload):
    rendered = plain_text(payload)
    assert "<script" not in rendered
    assert "<iframe" not in rendered
    assert "&lt;" in rendered


def test_plain_text_keeps_paragraphs_and_line_breaks():
    assert (
        plain_text("First point\nstill first\n\nSecond point")
        == "<p>First point<br>still first</p>\n\n<p>Second point</p>"
    )


def test_template_filters_use_the_same_two_paths():
    template = Template("{% load portal_tags %}{{ answer|user_text }}|{{ comment|user_html }}")
    rendered = template.render(Context({"answer": "<b>5 & 6</b>", "comment": "<b onclick='x'>ok</b>"}))
    assert rendered == "<p>&lt;b&gt;5 &amp; 6&lt;/b&gt;</p>|<b>ok</b>"
