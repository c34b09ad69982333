"""The secretariat records a meeting from the dashboard, step by step, and it reaches the chair's list."""

import pytest
from playwright.sync_api import expect

from governance.factories import (
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import AttendanceStatus, MeetingPage, MembershipRole, Person
from portal.factories import PartnerStaffFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in

PHONE = {"width": 320, "height": 740}
MEMBERS = ["Amira Shah", "Ben Cole", "Cara Doyle", "Dev Patel", "Ellen Fry", "Femi Ade", "Gita Rao"]


@pytest.fixture
def partnership(home_page):
    index = PartnershipIndexPageFactory(parent=home_page)
    group = PartnershipGroupPageFactory(parent=index, title="Riverford Attendance Partnership")
    for role, email, name in [
        (MembershipRole.SECRETARIAT, "notes@example.org", "Nadia Okafor"),
        (MembershipRole.CHAIR, "chair@example.org", "Helen Marsh"),
    ]:
        person = PersonFactory(full_name=name, user=PartnerStaffFactory(email=email))
        MembershipFactory(person=person, group=group, role=role)
    for name in MEMBERS:
        MembershipFactory(group=group, person=PersonFactory(full_name=name))
    return group


class Interactions:
    """Counts what the person does: each click or typed answer."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator, text=None):
        self.count += 1
        return locator.fill(text) if text is not None else locator.click()


def test_the_secretariat_records_a_nine_person_meeting_that_reaches_the_chair(page, site_url, partnership):
    sign_in(page, site_url, "notes@example.org")
    act = Interactions()

    act(page.get_by_role("link", name="Record a meeting"))
    expect(page.get_by_role("heading", name="When and where was the meeting?")).to_be_visible()
    assert_no_axe_violations(page)
    act(page.get_by_label("Date of the meeting"), "2026-11-18")
    act(page.get_by_label("Start time"), "16:00")
    act(page.get_by_label("Where"), "Civic Centre, Committee Room 2")
    act(page.get_by_role("button", name="Save and continue"))

    expect(page.get_by_role("heading", name="What was on the agenda?")).to_be_visible()
    assert_no_axe_violations(page)
    act(page.get_by_role("group", name="Item 1").get_by_label("Item"), "Autumn attendance figures")
    act(page.get_by_role("button", name="Save and continue"))

    expect(page.get_by_role("heading", name="Who came?")).to_be_visible()
    assert_no_axe_violations(page)
    rows = page.locator("fieldset.register-row > legend")
    assert rows.count() == 9 + 2  # the chair, the secretariat, seven members; two spare rows
    ben = page.get_by_role("group", name="Ben Cole", exact=True)
    expect(ben.get_by_label("In the room")).to_be_checked()
    act(ben.get_by_label("Apologies"))
    act(ben.get_by_label("Deputy who came instead"), "Priya Nandra")
    act(page.get_by_role("button", name="Save and continue"))

    expect(page.get_by_role("heading", name="Minutes and decisions")).to_be_visible()
    assert_no_axe_violations(page)
    act(page.get_by_label("Minutes"), "Persistent absence fell by two points.")
    act(page.get_by_role("button", name="Save and continue"))

    expect(page.get_by_role("heading", name="What actions were agreed?")).to_be_visible()
    assert_no_axe_violations(page)
    act(page.get_by_role("button", name="Save and continue"))

    expect(page.get_by_role("heading", name="Check the meeting before you send it")).to_be_visible()
    expect(page.get_by_text("represented by Priya Nandra")).to_be_visible()
    assert_no_axe_violations(page)
    act(page.get_by_role("button", name="Send to the chair"))

    expect(page.get_by_role("heading", name="Sent to the chair")).to_be_visible()
    expect(page.get_by_text("We have emailed Helen Marsh")).to_be_visible()
    assert_no_axe_violations(page)
    assert act.count <= 15, f"{act.count} interactions"

    meeting = MeetingPage.objects.get(title="Meeting on 18 November 2026")
    assert not meeting.live
    draft = meeting.get_latest_revision_as_object()
    deputy = Person.objects.get(full_name="Priya Nandra")
    assert draft.register.get(status=AttendanceStatus.APOLOGIES).represented_by_id == deputy.pk
    assert draft.register.count() == 10

    page.context.clear_cookies()
    sign_in(page, site_url, "chair@example.org")
    waiting = page.locator("section", has=page.get_by_role("heading", name="Waiting for your approval"))
    expect(waiting.get_by_text("Meeting on 18 November 2026").first).to_be_visible()


def test_every_step_fits_a_phone(browser, site_url, partnership):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, site_url, "notes@example.org")
    page.goto(f"{site_url}/groups/{partnership.pk}/meetings/new/")
    fits_the_screen(page)
    page.get_by_label("Date of the meeting").fill("2026-11-18")
    page.get_by_label("Start time").fill("16:00")
    page.get_by_role("button", name="Save and continue").click()
    for heading in ["What was on the agenda?", "Who came?", "Minutes and decisions", "What actions were agreed?"]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        fits_the_screen(page)
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Check the meeting before you send it")).to_be_visible()
    fits_the_screen(page)
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_role("heading", name="Saved as a draft")).to_be_visible()
    fits_the_screen(page)
    page.get_by_role("link", name="Go to your dashboard").click()
    fits_the_screen(page)
    assert_no_axe_violations(page)
    context.close()


def fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"
