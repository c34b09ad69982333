"""The rules every action page relies on: numbering, who sees, who changes, how progress is kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from actions.factories import PriorityFactory, make_action
from actions.models import Action, ActionStatus
from actions.services import (
    actions_visible_to,
    add_comment,
    matters_arising,
    may_change,
    may_comment,
    priorities_visible_to,
    record_progress,
)
from governance.factories import MeetingPageFactory, MembershipFactory, PartnershipGroupPageFactory
from governance.models import MembershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(group, other_group, person_with_account):
    roles = {
        "chair": (group, MembershipRole.CHAIR),
        "secretariat": (group, MembershipRole.SECRETARIAT),
        "member": (group, MembershipRole.MEMBER),
        "owner": (other_group, MembershipRole.MEMBER),
        "other_chair": (other_group, MembershipRole.CHAIR),
    }
    found = {}
    for name, (where, role) in roles.items():
        person = person_with_account()
        MembershipFactory(person=person, group=where, role=role)
        found[name] = person
    return found


def request_for(user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def test_references_count_up_within_a_group_and_year(group, other_group):
    first, second = make_action(group), make_action(group)
    year = timezone.localdate().year
    assert first.reference == f"AWG-{year}-001" and second.reference == f"AWG-{year}-002"
    assert make_action(other_group).reference == f"SWG-{year}-001"


def test_two_groups_with_the_same_initials_keep_their_references_apart(partnerships):
    one = PartnershipGroupPageFactory(parent=partnerships, title="Attendance Working Group")
    two = PartnershipGroupPageFactory(parent=partnerships, title="Admissions Working Group")
    references = {make_action(one).reference, make_action(two).reference, make_action(two).reference}
    assert len(references) == 3
    assert make_action(two).reference.startswith(f"AWG{two.pk}-")


def test_who_may_change_and_who_may_comment(group, people):
    action = make_action(group, owner=people["owner"])
    changes = {name: may_change(person.user, action) for name, person in people.items()}
    comments = {name: may_comment(person.user, action) for name, person in people.items()}
    assert changes == {"chair": True, "secretariat": True, "member": False, "owner": True, "other_chair": False}
    assert comments == {"chair": True, "secretariat": True, "member": True, "owner": True, "other_chair": False}


def test_an_action_from_unpublished_minutes_is_seen_only_inside_the_group(group, people):
    draft = MeetingPageFactory(parent=group, live=False)
    published = MeetingPageFactory(parent=group)
    hidden, shown = make_action(group, meeting=draft), make_action(group, meeting=published)
    between_meetings = make_action(group)
    for who, expected in [
        (None, {shown, between_meetings}),
        (people["other_chair"].user, {shown, between_meetings}),
        (people["member"].user, {hidden, shown, between_meetings}),
    ]:
        assert set(actions_visible_to(request_for(who))) == expected


def test_a_members_only_groups_actions_and_priorities_stay_inside_it(partnerships, people):
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    closed.save_revision().publish()
    MembershipFactory(person=people["member"], group=closed)
    action = make_action(closed)
    priority = PriorityFactory(partnership=closed)
    assert action not in actions_visible_to(request_for())
    assert action not in actions_visible_to(request_for(people["other_chair"].user))
    assert action in actions_visible_to(request_for(people["member"].user))
    assert priority not in priorities_visible_to(request_for())
    assert priority in priorities_visible_to(request_for(people["member"].user))


def test_the_owner_sees_their_action_even_outside_the_group(partnerships, people):
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    closed.save_revision().publish()
    action = make_action(closed, owner=people["owner"])
    assert action in actions_visible_to(request_for(people["owner"].user))


def test_progress_keeps_the_status_change_with_its_note_and_the_history_names_who(group, people):
    action = make_action(group, owner=people["owner"])
    record_progress(action, people["owner"].user, "Data pulled together", ActionStatus.IN_PROGRESS)
    update = record_progress(action, people["owner"].user, "Sent to heads", ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.closed_on == timezone.localdate()
    assert (update.status_from, update.status_to, update.note) == ("in_progress", "done", "Sent to heads")
    assert action.history.first().history_user == people["owner"].user


def test_blocking_or_dropping_needs_a_reason(group, people):
    action = make_action(group)
    with pytest.raises(ValidationError):
        record_progress(action, people["chair"].user, "", ActionStatus.BLOCKED)
    record_progress(action, people["chair"].user, "Waiting for the data-sharing agreement", ActionStatus.BLOCKED)
    action.refresh_from_db()
    assert action.status_reason == "Waiting for the data-sharing agreement"


def test_a_member_comments_but_cannot_update(group, people):
    action = make_action(group)
    with pytest.raises(PermissionDenied):
        record_progress(action, people["member"].user, "Done it", ActionStatus.DONE)
    add_comment(action, people["member"].user, "Our school can help")
    with pytest.raises(PermissionDenied):
        add_comment(action, people["other_chair"].user, "Outsider")
    assert action.updates.get().kind == "comment"


def test_matters_arising_carry_open_actions_from_earlier_meetings(group):
    now = timezone.now()
    earlier = MeetingPageFactory(parent=group, start=now - datetime.timedelta(days=30))
    later = MeetingPageFactory(parent=group, start=now + datetime.timedelta(days=5))
    still_open = make_action(group, meeting=earlier, title="Still open")
    done = make_action(group, meeting=earlier, title="Done already")
    done.status = ActionStatus.DONE
    done.save()
    agreed_later = make_action(group, meeting=later, title="Agreed at the later meeting")
    arising = list(matters_arising(later, group))
    assert still_open in arising and done not in arising and agreed_later not in arising
    assert Action.objects.count() == 3
