"""Actions agreed in a meeting reach the action log: typed in 'Record a meeting', or found in imported minutes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.factories import make_action
from actions.models import Action, ActionStatus
from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory
from governance.models import MeetingPage, MembershipRole, Person
from tests.conftest import posted_form
from tests.governance.test_import_minutes_view import MINUTES, confirm, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    return person.user


@pytest.fixture
def meeting(group, secretariat):
    meeting = MeetingPageFactory(parent=group, live=False, start=timezone.now(), agenda=[("item", {"title": "Data"})])
    meeting.save_revision(user=secretariat)
    return meeting


def step(meeting, name="actions"):
    return reverse("governance:record_meeting_step", args=[meeting.pk, name])


def rows(*actions):
    data = {"actions-TOTAL_FORMS": str(max(3, len(actions))), "actions-INITIAL_FORMS": "0"}
    for number, fields in enumerate(actions):
        data |= {f"actions-{number}-{name}": value for name, value in fields.items()}
    return data


def test_actions_agreed_go_on_the_log_at_once_and_show_on_the_check_page(client, group, meeting, secretariat):
    member = MembershipFactory(group=group, person=PersonFactory(full_name="Amira Shah")).person
    client.force_login(secretariat)
    assert client.get(step(meeting)).status_code == 200
    response = client.post(
        step(meeting),
        rows(
            {"title": "Circulate the figures", "owner": str(member.pk), "due_on": "2026-12-01", "agenda_item": "Data"},
            {"title": "Invite the police lead", "owner_name": "Inspector Tom Reed"},
        )
        | {"add_more": "1"},
    )
    assert response.status_code == 302 and response.url.endswith("#actions-end")
    first, second = Action.objects.filter(meeting=meeting).order_by("number")
    assert (first.owner, first.due_on, first.agenda_item) == (member, datetime.date(2026, 12, 1), "Data")
    assert second.owner == Person.objects.get(full_name="Inspector Tom Reed")
    assert first.reference in client.get(step(meeting)).content.decode()
    check = client.get(step(meeting, "check")).content.decode()
    assert "Circulate the figures" in check and "Invite the police lead" in check


def test_choosing_a_member_and_typing_a_name_is_explained_and_nothing_saved(client, group, meeting, secretariat):
    member = MembershipFactory(group=group).person
    client.force_login(secretariat)
    response = client.post(step(meeting), rows({"title": "Do it", "owner": str(member.pk), "owner_name": "Someone"}))
    assert response.status_code == 400
    assert "Choose a member or type a name, not both" in response.content.decode()
    assert not Action.objects.exists()


def test_blank_rows_add_nothing_and_the_step_moves_on(client, meeting, secretariat):
    client.force_login(secretariat)
    response = client.post(step(meeting), rows())
    assert response.url == step(meeting, "check")
    assert not Action.objects.exists()


def test_matters_arising_are_offered_in_the_step(client, group, meeting, secretariat):
    earlier = MeetingPageFactory(parent=group, start=timezone.now() - datetime.timedelta(days=30))
    open_one = make_action(group, meeting=earlier, title="Still to do")
    done = make_action(group, meeting=earlier, title="Already done")
    done.status = ActionStatus.DONE
    done.save()
    client.force_login(secretariat)
    page = client.get(step(meeting)).content.decode()
    arising = page.split("Matters arising", 1)[1]
    assert open_one.reference in arising and done.reference not in arising


def test_a_member_cannot_add_actions_through_the_recorder(client, group, meeting, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.MEMBER)
    client.force_login(person.user)
    assert client.post(step(meeting), rows({"title": "Sneaky"})).status_code == 403
    assert not Action.objects.exists()


def test_imported_actions_become_actions_with_their_owners_matched(client, group, secretariat):
    john = PersonFactory(full_name="John Smith")
    client.force_login(secretariat)
    screen = upload(client, group, MINUTES)
    form = posted_form(screen, "upload")
    assert "circulate the attendance data" in form["actions"]
    confirm(client, screen, actions=form["actions"] + "\nBook the hall — Priya Nandra")
    meeting = MeetingPage.objects.child_of(group).get()
    actions = {action.title: action for action in Action.objects.filter(meeting=meeting)}
    assert len(actions) == 2
    circulate = next(action for title, action in actions.items() if "circulate" in title)
    assert circulate.owner == john
    assert actions["Book the hall"].owner.full_name == "Priya Nandra"
    assert "Actions" not in meeting.minutes


def test_an_imported_action_dropped_on_the_confirmation_screen_is_not_made(client, group, secretariat):
    client.force_login(secretariat)
    confirm(client, upload(client, group, MINUTES), actions="")
    assert not Action.objects.exists()
