"""A chair runs their group's membership from the site: invite, the newcomer joins, the chair ends it."""

import pytest
from playwright.sync_api import expect

from governance.factories import (
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole
from portal.factories import TEST_PASSWORD, UserFactory
from tests.browser.conftest import assert_no_axe_violations, last_link_in_outbox, sign_in

SIGNUP_LINK = r"https?://\S+/accounts/signup/"
CONFIRM_LINK = r"https?://\S+/accounts/confirm-email/\S+/"


@pytest.fixture
def groups(site_tree):
    partnerships = PartnershipIndexPageFactory(parent=site_tree)
    panel = PartnershipGroupPageFactory(
        parent=partnerships,
        title="Attendance panel",
        members_only=True,
        purpose="<p>Reviews the city's persistent absence cases.</p>",
    )
    board = PartnershipGroupPageFactory(parent=partnerships, title="SEND board")
    chair = PersonFactory(full_name="Helen Okafor", user=UserFactory(email="chair@panel.example"))
    MembershipFactory(person=chair, group=panel, role=MembershipRole.CHAIR)
    other_chair = PersonFactory(user=UserFactory(email="chair@board.example"))
    MembershipFactory(person=other_chair, group=board, role=MembershipRole.CHAIR)
    return panel, board


def test_chair_invites_a_newcomer_who_joins_and_loses_access_when_the_chair_ends_it(
    page, browser, site_url, groups, mailoutbox
):
    panel, _ = groups
    sign_in(page, site_url, "chair@panel.example")
    page.get_by_role("link", name="Manage members of Attendance panel").click()
    expect(page.get_by_role("heading", name="Members of Attendance panel")).to_be_visible()
    page.get_by_label("Or a new person: full name").fill("Priya Shah")
    page.get_by_label("Their organisation").fill("Eastside Health")
    page.get_by_label("Their email address").fill("priya@nhs.example")
    page.get_by_label("Role").select_option(label="Member")
    page.get_by_role("button", name="Add to the group").click()
    expect(page.get_by_text("We have emailed an invitation to priya@nhs.example")).to_be_visible()
    expect(page.get_by_role("cell", name="Priya Shah", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    assert mailoutbox[-1].to == ["priya@nhs.example"]

    newcomer_context = browser.new_context()
    newcomer = newcomer_context.new_page()
    newcomer.goto(last_link_in_outbox(SIGNUP_LINK))
    newcomer.get_by_label("First name").fill("Priya")
    newcomer.get_by_label("Last name").fill("Shah")
    newcomer.get_by_label("Email").fill("priya@nhs.example")
    newcomer.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    newcomer.get_by_label("Password (again)").fill(TEST_PASSWORD)
    newcomer.get_by_label("Partner organisation staff").check()
    newcomer.get_by_label("Organisation", exact=True).fill("Eastside Health")
    newcomer.get_by_role("button", name="Sign Up").click()
    newcomer.goto(last_link_in_outbox(CONFIRM_LINK))
    newcomer.get_by_role("button", name="Confirm").click()
    sign_in(newcomer, site_url, "priya@nhs.example")
    newcomer.goto(f"{site_url}{panel.url}")
    expect(newcomer.get_by_role("heading", name="Attendance panel", level=1)).to_be_visible()
    expect(newcomer.get_by_text("persistent absence cases")).to_be_visible()

    page.get_by_role("link", name="Change Priya Shah's membership").click()
    page.get_by_role("button", name="End this membership today").click()
    expect(page.get_by_text("Priya Shah's membership has ended")).to_be_visible()

    newcomer.reload()
    expect(newcomer.get_by_role("heading", name="You cannot see this page")).to_be_visible()
    expect(newcomer.get_by_text("persistent absence cases")).to_have_count(0)
    assert_no_axe_violations(newcomer)
    newcomer_context.close()


def test_a_chair_of_another_group_cannot_reach_its_memberships(page, site_url, groups):
    panel, _ = groups
    sign_in(page, site_url, "chair@board.example")
    expect(page.get_by_role("link", name="Manage members of SEND board")).to_be_visible()
    expect(page.get_by_role("link", name="Manage members of Attendance panel")).to_have_count(0)
    response = page.goto(f"{site_url}/groups/{panel.pk}/members/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot see this page")).to_be_visible()
    expect(page.get_by_text("Priya Shah")).to_have_count(0)
