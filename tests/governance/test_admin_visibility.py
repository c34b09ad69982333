"""The admin never shows a chair the titles of another group's drafts or private pages."""

import pytest
from django.urls import reverse

from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory
from governance.models import MembershipRole
from portal.factories import PartnerStaffFactory, UserFactory

pytestmark = pytest.mark.django_db

CONFIDENTIAL = "CONFIDENTIAL restructure of the attendance service"
PUBLIC = "Open meeting on school transport"


def chair_of(group):
    person = PersonFactory(user=PartnerStaffFactory())
    MembershipFactory(person=person, group=group, role=MembershipRole.CHAIR)
    return person.user


@pytest.fixture
def confidential_draft(group):
    """A secretariat's unpublished draft in group A, saved as a revision the way the editor saves it."""
    draft = MeetingPageFactory(parent=group, title=CONFIDENTIAL, live=False)
    draft.save_revision()
    return draft


@pytest.fixture
def public_meeting(group):
    return MeetingPageFactory(parent=group, title=PUBLIC)


def screens_listing_pages(group):
    """Every admin screen that lists pages by title, as a person would reach it."""
    return {
        "admin search": reverse("wagtailadmin_pages:search") + "?q=restructure",
        "admin search results": reverse("wagtailadmin_pages:search_results") + "?q=restructure",
        "explorer listing": reverse("wagtailadmin_explore", args=[group.pk]),
        "explorer search": reverse("wagtailadmin_explore", args=[group.pk]) + "?q=restructure&search_all=1",
        "sidebar explorer": reverse("wagtailadmin_api:pages:listing") + f"?child_of={group.pk}&for_explorer=1",
        "page chooser": reverse("wagtailadmin_choose_page_child", args=[group.pk]),
        "page chooser search": reverse("wagtailadmin_choose_page_search") + "?q=restructure",
        "page types report": reverse("wagtailadmin_reports:page_types_usage_results"),
    }


def titles_shown(client, group):
    return {name: client.get(url, follow=True).content.decode() for name, url in screens_listing_pages(group).items()}


def test_chair_of_another_group_never_sees_a_confidential_draft_title(
    client, group, other_group, confidential_draft, public_meeting
):
    client.force_login(chair_of(other_group))
    for screen, content in titles_shown(client, group).items():
        assert "CONFIDENTIAL" not in content, screen


def test_chair_of_another_group_never_sees_a_confidential_draft_in_reports_or_the_dashboard(client, group, other_group):
    draft = MeetingPageFactory(parent=group, title=CONFIDENTIAL, live=False)
    draft.save_revision(log_action=True)
    draft.get_workflow().start(draft, UserFactory())
    client.force_login(chair_of(other_group))
    reports = ["site_history", "aging_pages", "workflow", "workflow_tasks", "locked_pages"]
    screens = [reverse("wagtailadmin_home")] + [reverse(f"wagtailadmin_reports:{report}") for report in reports]
    for screen in screens:
        response = client.get(screen)
        assert response.status_code == 200, screen
        assert "CONFIDENTIAL" not in response.content.decode(), screen


def test_chair_of_the_group_sees_its_own_draft_everywhere(client, group, confidential_draft):
    client.force_login(chair_of(group))
    for screen, content in titles_shown(client, group).items():
        assert "CONFIDENTIAL" in content, screen


def test_site_admin_sees_every_draft(client, group, confidential_draft):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    chooser = client.get(reverse("wagtailadmin_choose_page_search") + "?q=restructure")
    assert "CONFIDENTIAL" in chooser.content.decode()


def test_chair_of_another_group_may_still_choose_a_public_live_page(client, group, other_group, public_meeting):
    client.force_login(chair_of(other_group))
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[group.pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=transport")
    assert PUBLIC in browse.content.decode()
    assert PUBLIC in search.content.decode()


def test_chair_of_another_group_never_chooses_a_members_only_groups_pages(client, group, other_group, public_meeting):
    group.members_only = True
    group.save_revision().publish()
    client.force_login(chair_of(other_group))
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[group.pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=transport")
    assert PUBLIC not in browse.content.decode()
    assert PUBLIC not in search.content.decode()


def test_a_crafted_chooser_address_names_no_page_the_person_may_not_open(
    client, group, other_group, confidential_draft, public_meeting
):
    client.force_login(chair_of(other_group))
    chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
    answer = client.get(f"{chosen}?id={confidential_draft.pk}&id={public_meeting.pk}").content.decode()
    assert "CONFIDENTIAL" not in answer
    assert PUBLIC in answer
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[confidential_draft.pk])).status_code == 404


def test_the_chair_of_the_group_can_still_choose_its_draft_by_address(client, group, confidential_draft):
    client.force_login(chair_of(group))
    chosen = reverse("wagtailadmin_choose_page_chosen_multiple")
    assert "CONFIDENTIAL" in client.get(f"{chosen}?id={confidential_draft.pk}").content.decode()
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[confidential_draft.pk])).status_code == 200
