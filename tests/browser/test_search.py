"""A visitor on a phone searches from the header and reads the results, grouped by kind."""

from playwright.sync_api import expect

from governance.factories import MeetingPageFactory, PartnershipGroupPageFactory, PartnershipIndexPageFactory
from portal.factories import ContentPageFactory
from tests.browser.conftest import assert_no_axe_violations

PHONE = {"width": 320, "height": 740}


def test_searching_from_the_header_on_a_phone(browser, site_url, home_page):
    group = PartnershipGroupPageFactory(
        parent=PartnershipIndexPageFactory(parent=home_page), title="Riverford Strategic Education Partnership"
    )
    MeetingPageFactory(parent=group, title="Partnership meeting", minutes="<p>Attendance fell in Year 9.</p>")
    ContentPageFactory(parent=home_page, title="Attendance statistics", slug="attendance-statistics")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}/")

    header_search = page.get_by_role("search", name="Site")
    header_search.get_by_label("Search the portal").fill("attendance")
    header_search.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="Meeting minutes (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Other pages (1)")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Attendance statistics")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the results are {width}px wide on a {PHONE['width']}px screen"
    assert_no_axe_violations(page)

    page.goto(f"{site_url}/search/?q={'attendance' * 21}")
    expect(page.get_by_text("Search for at most 200 characters: this search has 210.")).to_be_visible()
    assert_no_axe_violations(page)
    context.close()
