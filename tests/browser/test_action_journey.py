"""A member moves their action on from the dashboard; the chair reads its history and exports the log."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from actions.factories import make_action
from actions.models import ActionStatus
from governance.factories import (
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole
from portal.factories import PartnerStaffFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in

PHONE = {"width": 320, "height": 740}
TODAY = timezone.localdate()


def member(group, role, email, full_name):
    first_name, last_name = full_name.split()
    person = PersonFactory(
        full_name=full_name, user=PartnerStaffFactory(email=email, first_name=first_name, last_name=last_name)
    )
    MembershipFactory(person=person, group=group, role=role)
    return person


@pytest.fixture
def group(home_page):
    index = PartnershipIndexPageFactory(parent=home_page)
    return PartnershipGroupPageFactory(parent=index, title="Attendance working group")


@pytest.fixture
def actions(group):
    chair = member(group, MembershipRole.CHAIR, "chair@example.org", "Helen Okafor")
    owner = member(group, MembershipRole.MEMBER, "head@example.org", "Sam Ahmed")
    figures = make_action(
        group, title="Circulate the attendance figures", owner=owner, due_on=TODAY - datetime.timedelta(days=5)
    )
    make_action(group, title="Write to the secondary heads", owner=chair)
    survey = make_action(group, title="Survey parents", owner=chair, status=ActionStatus.DONE)
    return {"figures": figures, "survey": survey}


def test_a_member_moves_their_action_on_and_the_chair_sees_who_did_and_exports_the_done_ones(
    page, browser, site_url, group, actions
):
    figures = actions["figures"].reference
    sign_in(page, site_url, "head@example.org")
    expect(page.get_by_role("heading", name="Your actions")).to_be_visible()
    expect(page.get_by_text("Overdue by 5 days")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label(f"New status for {figures}").select_option(label="In progress")
    page.get_by_label(f"Short note on {figures}").fill("Figures pulled together by phase")
    page.get_by_role("button", name=f"Update {figures}").click()
    expect(page.get_by_text(f"{figures} is now in progress.")).to_be_visible()
    expect(page.get_by_role("heading", name="My dashboard")).to_be_visible()
    page.get_by_label(f"New status for {figures}").select_option(label="Done")
    page.get_by_label(f"Short note on {figures}").fill("Sent to every head")
    page.get_by_role("button", name=f"Update {figures}").click()
    expect(page.get_by_text(f"{figures} is now done.")).to_be_visible()
    expect(page.get_by_role("heading", name="Your actions")).to_have_count(0)

    chair_context = browser.new_context()
    chair = chair_context.new_page()
    sign_in(chair, site_url, "chair@example.org")
    chair.goto(f"{site_url}{reverse('actions:action', args=[figures])}")
    history = chair.locator("section", has=chair.get_by_role("heading", name="History"))
    done = history.get_by_role("row", name="Status: In progress → Done")
    expect(done).to_contain_text("Sam Ahmed")
    expect(done).to_contain_text(TODAY.strftime("%-d %B %Y"))
    expect(history.get_by_role("row", name="Status: Open → In progress")).to_contain_text("Sam Ahmed")
    expect(chair.get_by_text("Sent to every head")).to_be_visible()
    assert_no_axe_violations(chair)

    chair.get_by_role("link", name="Action log of Attendance working group").click()
    chair.get_by_label("Status", exact=True).select_option(label="Done")
    chair.get_by_role("button", name="Show actions").click()
    expect(chair.get_by_role("heading", name="2 actions")).to_be_visible()
    assert_no_axe_violations(chair)
    with chair.expect_download() as download:
        chair.get_by_role("link", name="CSV spreadsheet of these actions").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert {row["Reference"] for row in rows} == {figures, actions["survey"].reference}
    assert {row["Status"] for row in rows} == {"Done"}
    chair_context.close()


def test_the_log_and_an_action_fit_a_phone(browser, site_url, group, actions):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, site_url, "head@example.org")
    for url in (
        "/dashboard/",
        reverse("actions:action_log", args=[group.pk]),
        reverse("actions:action", args=[actions["figures"].reference]),
    ):
        page.goto(f"{site_url}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{url} is {width}px wide on a phone"
        assert_no_axe_violations(page)
    context.close()
