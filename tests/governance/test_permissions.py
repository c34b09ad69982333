"""Roles become rights through Wagtail's page permissions, workflow and page privacy."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.factories import MeetingPageFactory, MembershipFactory, TermsOfReferencePageFactory
from governance.models import MembershipRole
from portal.models import User

pytestmark = pytest.mark.django_db


def rights(user, page):
    fresh_user = User.objects.get(pk=user.pk)  # as on the next request: no cached permissions
    permissions = page.permissions_for_user(fresh_user)
    return {"edit": permissions.can_edit(), "publish": permissions.can_publish(), "add": permissions.can_add_subpage()}


@pytest.fixture
def meeting(group):
    return MeetingPageFactory(parent=group)


@pytest.fixture
def terms(group):
    return TermsOfReferencePageFactory(parent=group)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (MembershipRole.CHAIR, {"edit": True, "publish": True, "add": True}),
        (MembershipRole.INDEPENDENT_CHAIR, {"edit": True, "publish": True, "add": True}),
        (MembershipRole.VICE_CHAIR, {"edit": True, "publish": True, "add": True}),
        (MembershipRole.SECRETARIAT, {"edit": True, "publish": False, "add": True}),
        (MembershipRole.MEMBER, {"edit": False, "publish": False, "add": False}),
        (MembershipRole.CO_OPTED, {"edit": False, "publish": False, "add": False}),
        (MembershipRole.ADVISER, {"edit": False, "publish": False, "add": False}),
        (MembershipRole.OBSERVER, {"edit": False, "publish": False, "add": False}),
    ],
)
def test_each_role_gets_its_rights_on_the_group_meeting_and_terms_pages(
    role, expected, group, meeting, terms, person_with_account
):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    assert rights(person.user, group) == expected
    # Meetings and terms take no sub-pages, so only editing and publishing apply to them.
    for page in (meeting, terms):
        assert rights(person.user, page) == {**expected, "add": False}, page


@pytest.mark.parametrize("role", [MembershipRole.CHAIR, MembershipRole.SECRETARIAT])
def test_nobody_gets_rights_on_another_groups_pages(role, group, other_group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    other_meeting = MeetingPageFactory(parent=other_group)
    assert rights(person.user, other_group) == {"edit": False, "publish": False, "add": False}
    assert rights(person.user, other_meeting)["edit"] is False


def test_ending_a_membership_removes_rights_at_once(group, meeting, person_with_account):
    person = person_with_account()
    membership = MembershipFactory(person=person, group=group, role=MembershipRole.CHAIR)
    assert rights(person.user, meeting)["edit"]

    membership.ends_on = timezone.localdate()
    membership.save()
    assert rights(person.user, meeting) == {"edit": False, "publish": False, "add": False}
    assert rights(person.user, group)["add"] is False


def test_a_membership_that_has_not_started_gives_no_rights(group, person_with_account):
    person = person_with_account()
    MembershipFactory(
        person=person,
        group=group,
        role=MembershipRole.CHAIR,
        starts_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert rights(person.user, group)["edit"] is False


def test_deleting_a_membership_or_unlinking_the_account_removes_rights(group, person_with_account):
    person = person_with_account()
    membership = MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    user = person.user
    membership.delete()
    assert rights(user, group)["edit"] is False

    MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    assert rights(user, group)["edit"]
    person.user = None
    person.save()
    assert rights(user, group)["edit"] is False


def test_chairs_and_secretariat_may_enter_the_admin_but_members_may_not(client, group, person_with_account):
    chair, member = person_with_account(), person_with_account()
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)
    client.force_login(chair.user)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[group.pk])).status_code == 200
    client.force_login(member.user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_minutes_go_from_secretariat_to_a_chair_of_that_group(group, other_group, meeting, person_with_account):
    secretariat, chair, other_chair = person_with_account(), person_with_account(), person_with_account()
    MembershipFactory(person=secretariat, group=group, role=MembershipRole.SECRETARIAT)
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    MembershipFactory(person=other_chair, group=other_group, role=MembershipRole.CHAIR)

    meeting.minutes = "<p>Draft minutes.</p>"
    meeting.save_revision(user=secretariat.user)
    workflow_state = meeting.get_workflow().start(meeting, secretariat.user)
    task = workflow_state.current_task_state.task.specific
    assert task.user_can_access_editor(meeting, chair.user)
    assert not task.get_actions(meeting, other_chair.user)
    assert not task.get_actions(meeting, secretariat.user)

    task.on_action(workflow_state.current_task_state, chair.user, "approve")
    meeting.refresh_from_db()
    assert meeting.minutes == "<p>Draft minutes.</p>"


def test_unapproved_minutes_are_not_public(client, group, meeting, person_with_account):
    secretariat = person_with_account()
    MembershipFactory(person=secretariat, group=group, role=MembershipRole.SECRETARIAT)
    meeting.minutes = "<p>Secret draft wording.</p>"
    meeting.save_revision(user=secretariat.user)
    meeting.get_workflow().start(meeting, secretariat.user)
    assert "Secret draft wording" not in client.get(meeting.url).text


def test_members_only_groups_admit_members_and_refuse_others(client, group, meeting, person_with_account):
    group.members_only = True
    group.save_revision().publish()
    member = person_with_account()
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)

    assert client.get(meeting.url).status_code == 302
    client.force_login(person_with_account().user)
    refused = client.get(meeting.url)
    assert refused.status_code == 403
    assert "members only" in refused.content.decode()
    client.force_login(member.user)
    assert client.get(meeting.url).status_code == 200
    assert client.get(group.url).status_code == 200


def test_deleting_a_person_removes_their_accounts_rights(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.CHAIR)
    user = person.user
    person.delete()
    assert rights(user, group)["edit"] is False


def test_rejected_minutes_go_back_with_the_chairs_comment(group, meeting, person_with_account):
    secretariat, chair = person_with_account(), person_with_account()
    MembershipFactory(person=secretariat, group=group, role=MembershipRole.SECRETARIAT)
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    meeting.minutes = "<p>Draft minutes with a mistake.</p>"
    meeting.save_revision(user=secretariat.user)
    workflow_state = meeting.get_workflow().start(meeting, secretariat.user)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, chair.user, "reject", comment="Item 3: correct the figures.")

    workflow_state.refresh_from_db()
    task_state.refresh_from_db()
    assert workflow_state.status == "needs_changes"
    assert task_state.comment == "Item 3: correct the figures."
    meeting.refresh_from_db()
    assert "mistake" not in meeting.minutes


def test_a_copied_group_gets_role_groups_of_its_own(group, person_with_account):
    chair = person_with_account()
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    copy = group.copy(update_attrs={"title": "Copied group", "slug": "copied-group"})
    assert copy.chairs_group_id != group.chairs_group_id
    assert rights(chair.user, copy)["edit"] is False


def test_terms_of_reference_go_through_the_same_chair_approval(group, terms):
    assert terms.get_workflow() == group.get_workflow()
    assert list(group.get_workflow().tasks.get().specific.groups.all()) == [group.chairs_group]
