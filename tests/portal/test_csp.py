"""Every response carries a Content-Security-Policy, and no page loads anything from another site."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from governance.factories import MeetingPageFactory, PartnershipGroupPageFactory, PartnershipIndexPageFactory
from portal.factories import UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
# Wagtail's admin has its own, looser policy; emails are read in mail programs, not under the policy.
SITE_TEMPLATES = sorted(
    path
    for path in TEMPLATES_DIR.rglob("*.html")
    if path.relative_to(TEMPLATES_DIR).parts[0] != "wagtailadmin" and "email" not in path.parts
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER_OR_STYLE = re.compile(r"<[a-z][^>]*\s(on[a-z]+|style)\s*=", re.IGNORECASE)


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";") if part.strip())}


@pytest.fixture
def site_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


@pytest.fixture
def meeting(home_page):
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    return MeetingPageFactory(parent=group)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_site_pages_send_the_strict_policy(client, home_page, path):
    assert policy(client.get(path)) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }


def test_admin_pages_allow_wagtails_inline_code_and_nothing_from_elsewhere(client, site_admin):
    directives = policy(client.get(reverse("wagtailadmin_home")))
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]


def test_only_the_admins_preview_may_be_framed_and_only_by_the_admin(client, site_admin, meeting):
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[meeting.pk]))
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    assert policy(client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])))["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("template", SITE_TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATES_DIR)))
def test_site_templates_have_no_inline_script_style_or_event_handler(template):
    source = template.read_text()
    assert not INLINE_SCRIPT.search(source)
    assert not EVENT_HANDLER_OR_STYLE.search(source)


def resource_urls(html):
    """Every URL the browser would fetch to show the page (links a person clicks are not fetched)."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(["script", "img", "iframe", "source", "audio", "video", "embed", "object"]):
        yield from filter(None, [element.get("src"), element.get("data")])
        yield from (candidate.split()[0] for candidate in element.get("srcset", "").split(",") if candidate.strip())
    for link in soup.find_all("link", href=True):
        if set(link.get("rel", [])) & {"stylesheet", "icon", "preload", "prefetch", "manifest", "apple-touch-icon"}:
            yield link["href"]


def third_party_resources(response):
    return [url for url in resource_urls(response.content.decode()) if urlsplit(url).netloc not in {"", "testserver"}]


def admin_screens(meeting):
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[meeting.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[meeting.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_account"),
        reverse("wagtailsnippets_governance_person:list"),
    ]


def test_admin_screens_load_nothing_from_another_site_and_no_gravatar(client, site_admin, meeting):
    UserFactory(email="chair@riverford.example", is_staff=True)
    for path in admin_screens(meeting):
        response = client.get(path)
        assert response.status_code == 200, path
        assert third_party_resources(response) == [], path
        assert "gravatar" not in response.content.decode().lower(), path


def test_site_pages_load_nothing_from_another_site(client, meeting):
    client.force_login(UserFactory())
    for path in ["/", "/accounts/signup/", reverse("portal:dashboard"), meeting.get_parent().url, meeting.url]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert third_party_resources(response) == [], path


def test_a_resource_from_another_site_is_noticed():
    html = '<img src="//www.gravatar.com/avatar/abc"><link rel="stylesheet" href="https://fonts.example/x.css">'
    assert list(resource_urls(html)) == ["//www.gravatar.com/avatar/abc", "https://fonts.example/x.css"]


@pytest.mark.django_db
def test_the_pending_email_change_page_needs_no_inline_style(client):
    from allauth.account.models import EmailAddress

    user = UserFactory()
    EmailAddress.objects.create(user=user, email="new-address@example.org", verified=False, primary=False)
    client.force_login(user)
    response = client.get(reverse("account_email"))
    assert response.status_code == 200
    assert "new-address@example.org" in response.content.decode()
    assert "style=" not in response.content.decode()
