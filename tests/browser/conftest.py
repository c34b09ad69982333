"""Browser tests drive the real site in Chromium against Django's live server."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from portal.factories import TEST_PASSWORD, ensure_site_tree

AXE = Axe()
AXE_RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def assert_no_axe_violations(page):
    results = AXE.run(page, options={"resultTypes": ["violations"], "runOnly": AXE_RULESETS})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def sign_in(page, site_url, email, password=TEST_PASSWORD):
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def last_link_in_outbox(pattern):
    assert mail.outbox, "no email was sent"
    return re.search(pattern, mail.outbox[-1].body).group(0)


@pytest.fixture(autouse=True)
def site_tree(transactional_db):
    """Each transactional test starts from an emptied database: put back the site Wagtail's
    migrations made (Django's serialised rollback cannot, as Playwright switches the DB connection)."""
    return ensure_site_tree()


@pytest.fixture
def home_page(site_tree):
    return site_tree


@pytest.fixture
def site_url(live_server):
    return live_server.url


@pytest.fixture(autouse=True)
def short_timeouts(page):
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(20_000)
