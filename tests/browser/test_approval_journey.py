"""A chair approves minutes and sends others back from the site; the secretariat finds the comment in their list."""

import pytest
from playwright.sync_api import expect

from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole
from governance.services import send_for_approval
from portal.factories import PartnerStaffFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in

COMMENT = "Add the police's apologies to item 2."


def member(group, role, email, full_name):
    first_name, last_name = full_name.split()
    user = PartnerStaffFactory(email=email, first_name=first_name, last_name=last_name)
    MembershipFactory(person=PersonFactory(full_name=full_name, user=user), group=group, role=role)
    return user


def waiting_minutes(group, secretariat, title, minutes):
    meeting = MeetingPageFactory(parent=group, title=title, live=False)
    meeting.minutes = f"<p>{minutes}</p>"
    meeting.save_revision(user=secretariat)
    send_for_approval(meeting, secretariat)
    return meeting


@pytest.fixture
def group(home_page):
    index = PartnershipIndexPageFactory(parent=home_page)
    group = PartnershipGroupPageFactory(parent=index, title="Attendance working group")
    secretariat = member(group, MembershipRole.SECRETARIAT, "notes@example.org", "Sam Notes")
    member(group, MembershipRole.CHAIR, "chair@example.org", "Helen Okafor")
    waiting_minutes(group, secretariat, "Autumn term meeting", "Persistent absence fell in secondary schools.")
    waiting_minutes(group, secretariat, "Spring term meeting", "The survey of parents is agreed.")
    return group


@pytest.fixture
def policy_errors(page):
    """What the browser says the Content-Security-Policy blocked."""
    blocked = []

    def keep_policy_errors(message):
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", keep_policy_errors)
    return blocked


def test_a_chair_approves_from_the_dashboard_and_sends_another_back_for_the_secretariat(
    page, site_url, group, policy_errors
):
    sign_in(page, site_url, "chair@example.org")
    waiting = page.get_by_role("region", name="Waiting for your approval")
    expect(waiting.get_by_text("Spring term meeting", exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    waiting.get_by_role("button", name="Approve and publish 'Autumn term meeting'").click()
    expect(page.get_by_role("heading", name="'Autumn term meeting' is approved and published")).to_be_visible()
    expect(page.get_by_text("We have emailed Sam Notes, who sent it to you")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Read the published minutes").click()
    expect(page.get_by_role("heading", name="Autumn term meeting", level=1)).to_be_visible()
    expect(page.get_by_text("Persistent absence fell in secondary schools.")).to_be_visible()
    expect(page.get_by_text("Draft — not public")).to_have_count(0)

    page.goto(f"{site_url}/dashboard/")
    expect(waiting.get_by_text("Autumn term meeting")).to_have_count(0)
    page.get_by_role("link", name="Read the draft of 'Spring term meeting'").click()
    banner = page.get_by_role("status").filter(has_text="Draft — not public")
    expect(page.get_by_text("The survey of parents is agreed.")).to_be_visible()
    banner.get_by_role("link", name="Send back with a comment").click()
    expect(page.get_by_text("Your comment goes to Sam Notes, who sent it to you for approval.")).to_be_visible()
    page.get_by_role("button", name="Send back with this comment").click()
    expect(page.get_by_text("Write what needs to change")).to_be_visible()
    page.get_by_label("Your comment").fill(COMMENT)
    page.get_by_role("button", name="Send back with this comment").click()
    expect(page.get_by_role("heading", name="'Spring term meeting' went back to the secretariat")).to_be_visible()
    expect(page.get_by_text('as "Changes requested", with the comment beside it')).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    sign_in(page, site_url, "notes@example.org")
    drafts = page.get_by_role("region", name="Minutes and papers in progress")
    returned = drafts.get_by_role("listitem").filter(has_text="Spring term meeting")
    expect(returned).to_contain_text("Changes requested")
    expect(returned).to_contain_text(COMMENT)
    assert not policy_errors


def test_a_chair_approves_from_the_draft_banner(page, site_url, group, policy_errors):
    sign_in(page, site_url, "chair@example.org")
    page.get_by_role("link", name="Read the draft of 'Autumn term meeting'").click()
    expect(page.get_by_role("heading", name="Autumn term meeting", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("status").filter(has_text="Draft — not public").get_by_role(
        "button", name="Approve and publish"
    ).click()
    expect(page.get_by_role("heading", name="'Autumn term meeting' is approved and published")).to_be_visible()
    assert not policy_errors
