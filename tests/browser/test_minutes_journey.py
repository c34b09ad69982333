"""The secretariat imports minutes, the chair approves them, and they appear on the public group page."""

import pytest
from playwright.sync_api import expect

from governance.factories import (
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import AttendanceRecord, MeetingPage, MembershipRole
from portal.factories import PartnerStaffFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.conftest import shared_file


def member(group, role, email):
    person = PersonFactory(user=PartnerStaffFactory(email=email))
    MembershipFactory(person=person, group=group, role=role)
    return person


@pytest.fixture
def groups(home_page):
    index = PartnershipIndexPageFactory(parent=home_page)
    partnership = PartnershipGroupPageFactory(parent=index, title="Sheffield Strategic Partnership")
    other = PartnershipGroupPageFactory(parent=index, title="SEND working group")
    member(partnership, MembershipRole.SECRETARIAT, "notes@example.org")
    member(partnership, MembershipRole.CHAIR, "chair@example.org")
    member(other, MembershipRole.CHAIR, "other.chair@example.org")
    return partnership, other


def test_imported_minutes_go_through_the_chair_to_the_public_page(page, site_url, groups):
    seed = shared_file("seeds", "000_48bdc0c17e7556da.txt")
    partnership, other = groups

    sign_in(page, site_url, "notes@example.org")
    page.get_by_role("link", name="Import minutes").click()
    assert_no_axe_violations(page)
    page.get_by_label("Group").select_option(label="Sheffield Strategic Partnership")
    page.get_by_label("Minutes file").set_input_files(str(seed))
    page.get_by_role("button", name="Read the minutes").click()

    expect(page.get_by_role("heading", name="Check the imported minutes")).to_be_visible()
    expect(page.get_by_label("Start time")).to_have_value("11:00")
    expect(page.get_by_label("End time")).to_have_value("13:00")
    assert_no_axe_violations(page)
    misspelt = page.get_by_role("group", name="Dean Websters")
    misspelt.get_by_label("Name").fill("Dean Webster")
    online = page.get_by_role("group", name="Ben Bryant")
    expect(online.get_by_label("Attendance")).to_have_value("online")
    chair = page.get_by_role("group", name="Stephen Betts")
    expect(chair.get_by_label("Attended as")).to_have_value("chair")
    page.get_by_role("button", name="Save and send to the chair").click()
    expect(page.get_by_role("heading", name="Sent to the chair")).to_be_visible()
    assert_no_axe_violations(page)

    meeting = MeetingPage.objects.child_of(partnership).get()
    assert not meeting.live
    assert AttendanceRecord.objects.filter(meeting=meeting, person__full_name="Dean Webster").exists()
    page.goto(f"{site_url}{partnership.url}")
    expect(page.get_by_text("No approved minutes have been published yet.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, site_url, "other.chair@example.org")
    page.goto(f"{site_url}/admin/pages/{meeting.pk}/edit/")
    expect(page.get_by_text("Sorry, you do not have permission to access this area.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, site_url, "chair@example.org")
    page.goto(f"{site_url}/admin/")
    page.get_by_role("link", name=meeting.title).first.click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish").click()
    expect(page.get_by_text("has been updated", exact=False).first).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.live

    page.context.clear_cookies()
    page.goto(f"{site_url}{partnership.url}")
    minutes_section = page.get_by_role("region", name="Recent minutes")
    minutes_section.get_by_role("link", name=meeting.title).click()
    expect(page.get_by_text("Dean Webster", exact=False).first).to_be_visible()
    expect(page.get_by_text("Stephen Betts, Chair", exact=True)).to_be_visible()
    expect(page.get_by_text("Ben Bryant — joined online", exact=True)).to_be_visible()
    expect(
        page.get_by_text("SB presented a draft 'Learn Sheffield Insight Report: Attendance'", exact=False)
    ).to_be_visible()
    assert_no_axe_violations(page)
