"""Adding an action (during a meeting, one after another) and changing one: who may, and what is kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.factories import PledgeFactory, PriorityFactory, make_action
from actions.models import Action
from governance.factories import MeetingPageFactory, MembershipFactory, PartnershipGroupPageFactory, PersonFactory
from governance.models import GroupKind, Person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
AGENDA = [("item", {"title": "Attendance data update", "summary": ""}), ("item", {"title": "Any other business"})]


def add_url(group, **query):
    url = reverse("actions:add_action", args=[group.pk])
    return url + "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else url


def edit_url(action):
    return reverse("actions:edit_action", args=[action.reference])


def test_the_secretariat_adds_actions_during_a_meeting_and_goes_back_to_it(client, group, people):
    meeting = MeetingPageFactory(parent=group, title="Autumn meeting", agenda=AGENDA)
    client.force_login(people["secretariat"].user)
    form = client.get(add_url(group, meeting=meeting.pk, next=meeting.url)).content.decode()
    assert f'<option value="{meeting.pk}" selected>' in form
    assert '<option value="Attendance data update">' in form
    assert f'name="next" value="{meeting.url}"' in form
    response = client.post(
        add_url(group),
        {
            "title": "Circulate the autumn figures",
            "owner": people["member"].pk,
            "due_on": (TODAY + datetime.timedelta(days=14)).isoformat(),
            "meeting": meeting.pk,
            "agenda_item": "Attendance data update",
            "next": meeting.url,
        },
    )
    assert response.status_code == 302 and response.url == meeting.url
    action = Action.objects.get()
    assert (action.meeting, action.agenda_item, action.owner) == (meeting, "Attendance data update", people["member"])
    assert action.created_by == people["secretariat"].user
    assert action.history.get().history_user == people["secretariat"].user


def test_an_agenda_item_must_be_one_of_the_chosen_meetings(client, group, people):
    meeting = MeetingPageFactory(parent=group, agenda=AGENDA)
    other = MeetingPageFactory(parent=group, agenda=[("item", {"title": "Exclusions"})])
    client.force_login(people["chair"].user)
    response = client.post(add_url(group), {"title": "Check", "meeting": other.pk, "agenda_item": "Any other business"})
    assert response.status_code == 400
    assert "Choose an item from the agenda of the meeting chosen above." in response.content.decode()
    assert '<option value="Exclusions">' in response.content.decode() and not Action.objects.exists()
    client.post(add_url(group), {"title": "Check", "meeting": meeting.pk, "agenda_item": "Any other business"})
    assert Action.objects.get().agenda_item == "Any other business"


def test_without_a_safe_place_to_go_back_to_the_new_action_is_shown(client, group, people):
    client.force_login(people["chair"].user)
    response = client.post(add_url(group), {"title": "Write to the heads", "next": "//evil.example/"})
    assert response.url == Action.objects.get().get_absolute_url()


def test_a_new_owners_name_is_matched_to_people_already_on_the_portal(client, group, people):
    known = PersonFactory(full_name="Dr Jane Roe")
    client.force_login(people["chair"].user)
    client.post(add_url(group), {"title": "First", "new_owner": "Jane Roe"})
    client.post(add_url(group), {"title": "Second", "new_owner": "Tom Alder"})
    owners = dict(Action.objects.values_list("title", "owner__full_name"))
    assert owners == {"First": known.full_name, "Second": "Tom Alder"}
    assert Person.objects.filter(full_name="Tom Alder").count() == 1


def test_an_owner_is_chosen_from_the_groups_current_members_or_named_not_both(client, group, people, other_group):
    client.force_login(people["chair"].user)
    form = client.get(add_url(group)).context["form"]
    assert set(form.fields["owner"].queryset) == {people[n] for n in ("chair", "secretariat", "member")}
    response = client.post(add_url(group), {"title": "Both", "owner": people["member"].pk, "new_owner": "Tom Alder"})
    assert response.status_code == 400 and "Choose a member or type a name, not both." in response.content.decode()
    response = client.post(add_url(group), {"title": "Outsider", "owner": people["owner"].pk})
    assert response.status_code == 400 and not Action.objects.exists()


def test_priorities_and_pledges_offered_are_the_partnerships(client, group, other_group, people):
    ours, theirs = PriorityFactory(partnership=group), PriorityFactory(partnership=other_group)
    pledge = PledgeFactory(priority=ours)
    task_group = PartnershipGroupPageFactory(
        parent=group.get_parent(), kind=GroupKind.TASK_AND_FINISH, parent_group=group, title="Year 9 group"
    )
    MembershipFactory(person=people["chair"], group=task_group, role=people["chair"].memberships.get().role)
    client.force_login(people["chair"].user)
    form = client.get(add_url(group)).context["form"]
    assert list(form.fields["priority"].queryset) == [ours] and list(form.fields["pledge"].queryset) == [pledge]
    assert theirs not in client.get(add_url(task_group)).context["form"].fields["priority"].queryset
    assert ours in client.get(add_url(task_group)).context["form"].fields["priority"].queryset


def test_only_the_groups_chairs_and_secretariat_add_actions(client, group, people):
    response = client.get(add_url(group))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    expected = {"chair": 200, "secretariat": 200, "member": 403, "owner": 403, "other_chair": 403, "outsider": 403}
    for name, status in expected.items():
        client.force_login(people[name].user)
        assert client.get(add_url(group)).status_code == status, name
        assert client.post(add_url(group), {"title": f"By {name}"}).status_code == (302 if status == 200 else 403)
    assert set(Action.objects.values_list("title", flat=True)) == {"By chair", "By secretariat"}
    assert client.get(reverse("actions:add_action", args=[999999])).status_code == 404


def test_the_owner_chairs_and_secretariat_change_an_action_and_others_may_not(client, group, partnerships, people):
    action = make_action(group, owner=people["owner"], title="Write to the heads")
    assert client.get(edit_url(action)).status_code == 302
    expected = {"owner": 200, "chair": 200, "secretariat": 200, "member": 403, "other_chair": 403, "outsider": 403}
    for name, status in expected.items():
        client.force_login(people[name].user)
        assert client.get(edit_url(action)).status_code == status, name
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    closed.save_revision().publish()
    assert client.get(edit_url(make_action(closed))).status_code == 404


def test_a_change_keeps_the_owner_offered_and_names_who_made_it(client, group, people):
    action = make_action(group, owner=people["owner"], title="Write to the heads")
    client.force_login(people["owner"].user)
    form = client.get(edit_url(action)).context["form"]
    assert people["owner"] in form.fields["owner"].queryset  # not on the group, yet still its owner
    response = client.post(edit_url(action), {"title": "Write to every head", "owner": people["owner"].pk})
    assert response.url == action.get_absolute_url()
    action.refresh_from_db()
    assert action.title == "Write to every head"
    assert action.history.first().history_user == people["owner"].user
