"""An action's page: what it says, its progress and history, who may add to it, and who may not see it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.factories import PledgeFactory, PriorityFactory, make_action
from actions.models import ActionStatus, ActionUpdate
from actions.services import add_comment, record_progress
from governance.factories import MeetingPageFactory, OrganisationFactory, PartnershipGroupPageFactory, PersonFactory
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def page_of(action):
    return reverse("actions:action", args=[action.reference])


def signed_in(client, person):
    client.force_login(person.user)
    return client


def test_the_page_says_what_who_when_and_where_it_came_from(client, group, people):
    meeting = MeetingPageFactory(parent=group, title="Autumn meeting")
    priority = PriorityFactory(partnership=group, title="Persistent absence in Year 9")
    pledge = PledgeFactory(priority=priority, organisation=OrganisationFactory(name="Riverford Dental"))
    action = make_action(
        group,
        title="Circulate the attendance figures",
        detail="Split by phase, against national.",
        owner=people["member"],
        due_on=TODAY - 5 * DAY,
        meeting=meeting,
        agenda_item="Attendance data update",
        pledge=pledge,
        status=ActionStatus.BLOCKED,
        status_reason="Waiting for the data-sharing agreement",
    )
    text = client.get(page_of(action)).content.decode()
    for expected in [
        action.reference,
        "Circulate the attendance figures",
        "Split by phase, against national.",
        people["member"].full_name,
        "Overdue by 5\xa0days",
        f'<a href="{meeting.url}">Autumn meeting</a>',
        "Attendance data update",
        "Blocked",
        "Waiting for the data-sharing agreement",
        "Persistent absence in Year 9",
        "Riverford Dental",
        f'<a href="{group.url}">{group.title}</a>',
    ]:
        assert expected in text, expected
    assert f'href="{reverse("actions:priority", args=[priority.pk])}"' in text


def test_progress_and_comments_show_newest_first_with_author_and_date(client, group, people):
    action = make_action(group, owner=people["owner"])
    record_progress(action, people["owner"].user, "Pulled the figures together", ActionStatus.IN_PROGRESS)
    add_comment(action, people["member"].user, "Our school can share its data")
    text = client.get(page_of(action)).content.decode()
    progress = text.split("Progress and comments", 1)[1]
    assert progress.index("Our school can share its data") < progress.index("Pulled the figures together")
    assert people["owner"].full_name in progress and people["member"].full_name in progress
    assert "Open → In progress" in progress
    assert TODAY.strftime("%-d %B %Y") in progress
    assert people["owner"].user.email not in text  # named, never by email, on a page the public may read


def test_history_says_who_changed_what_and_when(client, group, people):
    action = make_action(group, owner=people["member"], created_by=people["secretariat"].user)
    record_progress(action, people["member"].user, "Started", ActionStatus.IN_PROGRESS)
    signed_in(client, people["chair"]).post(
        reverse("actions:edit_action", args=[action.reference]),
        {"title": action.title, "owner": people["chair"].pk, "due_on": (TODAY + 7 * DAY).isoformat()},
    )
    changes = client.get(page_of(action)).context["changes"]
    assert [change.what for change in changes] == [
        [
            f"Owner: {people['member'].full_name} → {people['chair'].full_name}",
            f"Due: none → {TODAY + 7 * DAY:%-d %B %Y}",
        ],
        ["Status: Open → In progress"],
        ["Added the action"],
    ]
    assert [change.who for change in changes] == [people[n].user for n in ("chair", "member", "secretariat")]
    history = client.get(page_of(action)).content.decode().split('id="history-heading"', 1)[1]
    assert people["chair"].full_name in history and "Status: Open → In progress" in history
    assert f"{timezone.localtime(changes[0].when):%H:%M}" in history


def test_whoever_may_change_it_adds_progress_and_may_move_its_status(client, group, people):
    action = make_action(group, owner=people["owner"])
    for name in ("owner", "chair", "secretariat"):
        page = signed_in(client, people[name]).get(page_of(action)).content.decode()
        assert "Add a progress update" in page and "Add a comment" not in page, name
    response = client.post(page_of(action), {"status": "in_progress", "note": "Heads have the figures"})
    assert response.status_code == 302 and response.url == page_of(action)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.updates.get().author == people["secretariat"].user


def test_a_member_comments_and_cannot_move_the_status(client, group, people):
    action = make_action(group)
    page = signed_in(client, people["member"]).get(page_of(action)).content.decode()
    assert "Add a comment" in page and "Add a progress update" not in page
    client.post(page_of(action), {"status": "done", "note": "We can help"})
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert action.updates.get().kind == ActionUpdate.Kind.COMMENT


def test_visitors_outside_the_group_read_it_but_cannot_add_to_it(client, group, people):
    action = make_action(group)
    for who in (None, "outsider", "other_chair"):
        client.logout()
        if who:
            signed_in(client, people[who])
        page = client.get(page_of(action))
        text = page.content.decode()
        assert page.status_code == 200 and "Add a comment" not in text and "Add a progress update" not in text
        assert client.post(page_of(action), {"note": "Let me in"}).status_code == 403
    assert not action.updates.exists()


def test_blocking_needs_a_reason_said_plainly_and_what_was_typed_is_kept(client, group, people):
    action = make_action(group, owner=people["owner"])
    signed_in(client, people["owner"])
    response = client.post(page_of(action), {"status": "blocked", "note": ""})
    assert response.status_code == 400
    assert "Say why the action is blocked" in response.content.decode()
    assert '<option value="blocked" selected>' in response.content.decode()
    long_note = "Waiting for the data-sharing agreement. " * 110
    response = client.post(page_of(action), {"status": "blocked", "note": long_note})
    assert response.status_code == 400 and long_note.strip() in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN and not action.updates.exists()


def test_a_quick_update_goes_back_where_it_came_from_but_only_on_this_site(client, group, people):
    action = make_action(group, owner=people["owner"])
    signed_in(client, people["owner"])
    response = client.post(page_of(action), {"status": "in_progress", "note": "", "next": "/dashboard/"})
    assert response.url == "/dashboard/"
    response = client.post(page_of(action), {"note": "More", "next": "https://evil.example/"})
    assert response.url == page_of(action)


def test_an_action_the_person_may_not_see_is_not_found(client, group, partnerships, people):
    draft_minutes = make_action(group, meeting=MeetingPageFactory(parent=group, live=False))
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    closed.save_revision().publish()
    members_only = make_action(closed)
    for who in (None, "outsider", "other_chair"):
        client.logout()
        if who:
            signed_in(client, people[who])
        assert client.get(page_of(draft_minutes)).status_code == 404
        assert client.get(page_of(members_only)).status_code == 404
        assert client.post(page_of(draft_minutes), {"note": "Hello"}).status_code == 404
    assert signed_in(client, people["member"]).get(page_of(draft_minutes)).status_code == 200
    assert client.get(reverse("actions:action", args=["NOPE-2020-001"])).status_code == 404


def busy_history(action, people, rounds):
    """Notes, comments and saves that name people, organisations, meetings and priorities."""
    chair = people["chair"].user
    for n in range(rounds):
        record_progress(action, chair, f"Update {n}", ActionStatus.IN_PROGRESS if n % 2 else ActionStatus.OPEN)
        add_comment(action, people["member"].user, f"Comment {n}")
        action.refresh_from_db()
        action.owner = PersonFactory()
        action.owner_organisation = OrganisationFactory()
        action.meeting = MeetingPageFactory(parent=action.group)
        action.priority = PriorityFactory(partnership=action.group)
        action.due_on = TODAY + n * DAY
        action._history_user = chair
        action.save()


@pytest.mark.parametrize("viewer", ["chair", "member", None])
def test_the_page_costs_the_same_however_long_its_history(client, group, people, viewer, django_assert_max_num_queries):
    action = make_action(group, owner=people["owner"])
    busy_history(action, people, 1)
    if viewer:
        signed_in(client, people[viewer])
    text = assert_queries_stay_flat(
        client, page_of(action), lambda: busy_history(action, people, 8), django_assert_max_num_queries
    )
    assert "Update 7" in text and "Comment 7" in text
