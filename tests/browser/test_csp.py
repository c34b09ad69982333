"""The Content-Security-Policy holds in a real browser: the site and Wagtail's admin break none of it."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from governance.factories import (
    MeetingPageFactory,
    OrganisationFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
)
from portal.factories import UserFactory
from tests.browser.conftest import sign_in

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const blocked = event.blockedURI || "inline code";
    window.cspViolations.push(`${event.violatedDirective} blocked ${blocked} in ${event.documentURI}`);
});
"""


@pytest.fixture
def csp_violations(page):
    """Every violation the browser reports, from the page's own event and from the console (frames too)."""
    reported = []
    page.add_init_script(RECORD_VIOLATIONS)

    def keep_policy_errors(message):
        if "Content Security Policy" in message.text:
            reported.append(message.text)

    page.on("console", keep_policy_errors)
    return reported


def visit(page, url, csp_violations):
    response = page.goto(url)
    assert "default-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    return csp_violations + page.evaluate("window.cspViolations")


@pytest.fixture
def meeting(home_page):
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    return MeetingPageFactory(parent=group, title="Attendance working group, spring meeting")


def test_the_browser_enforces_the_policy_in_these_tests(page, site_url, csp_violations):
    """Playwright can be told to bypass the policy (bypass_csp); the tests below prove nothing if it is."""
    visit(page, f"{site_url}/", csp_violations)
    with contextlib.suppress(PlaywrightError):
        page.add_script_tag(content="window.inlineScriptRan = true;")
    assert page.evaluate("window.inlineScriptRan") is None
    assert csp_violations, "the browser did not report the blocked inline script"


def test_site_pages_break_no_part_of_the_policy(page, site_url, csp_violations, meeting):
    for path in ("/", "/accounts/login/", "/accounts/signup/", meeting.get_parent().url, meeting.url):
        assert visit(page, f"{site_url}{path}", csp_violations) == [], path


def test_wagtail_admin_breaks_no_part_of_the_policy(page, site_url, csp_violations, meeting):
    OrganisationFactory(name="Riverford Council")
    UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    sign_in(page, site_url, "admin@example.org")
    for path in (
        "/admin/",
        f"/admin/pages/{meeting.get_parent().pk}/",
        "/admin/snippets/governance/organisation/",
        f"/admin/pages/{meeting.pk}/edit/",
    ):
        assert visit(page, f"{site_url}{path}", csp_violations) == [], path

    page.get_by_role("button", name="Toggle preview").click()
    expect(page.frame_locator("iframe#w-preview-iframe").get_by_role("heading", name=meeting.title)).to_be_visible()
    assert csp_violations + page.evaluate("window.cspViolations") == []
