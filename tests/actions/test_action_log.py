"""A group's action log: its filters, counts, order and pages, its spreadsheets, and who may read it."""

import codecs
import csv
import datetime
import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from actions.factories import PriorityFactory, make_action
from actions.models import ActionStatus
from actions.services import record_progress
from governance.factories import MeetingPageFactory, MembershipFactory, PartnershipGroupPageFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def log_url(group, **query):
    url = reverse("actions:action_log", args=[group.pk])
    return f"{url}?{urlencode(query)}" if query else url


def listed(response):
    assert response.status_code == 200
    return [action.reference for action in response.context["actions"]]


def references(*actions):
    return [action.reference for action in actions]


@pytest.fixture
def statuses(group):
    """One action in each status, the blocked and dropped ones with their reasons."""
    made = {}
    for status in ActionStatus:
        reason = "Waiting for the data" if status in (ActionStatus.BLOCKED, ActionStatus.DROPPED) else ""
        made[status] = make_action(
            group, title=f"An action {status.label.lower()}", status=status, status_reason=reason
        )
    return made


def test_the_log_shows_open_in_progress_and_blocked_actions_unless_asked_for_others(client, group, statuses):
    still_open = {statuses[s].reference for s in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)}
    assert set(listed(client.get(log_url(group)))) == still_open
    assert listed(client.get(log_url(group, status="done"))) == [statuses[ActionStatus.DONE].reference]
    assert set(listed(client.get(log_url(group, status="all")))) == {a.reference for a in statuses.values()}


def test_filters_by_owner_priority_meeting_and_overdue(client, group, people):
    priority = PriorityFactory(partnership=group)
    meeting = MeetingPageFactory(parent=group)
    mine = make_action(group, owner=people["member"], due_on=TODAY + DAY)
    prioritised = make_action(group, priority=priority)
    from_meeting = make_action(group, meeting=meeting)
    late = make_action(group, due_on=TODAY - 5 * DAY)
    assert listed(client.get(log_url(group, owner=people["member"].pk))) == [mine.reference]
    assert listed(client.get(log_url(group, priority=priority.pk))) == [prioritised.reference]
    assert listed(client.get(log_url(group, meeting=meeting.pk))) == [from_meeting.reference]
    assert listed(client.get(log_url(group, overdue="on"))) == [late.reference]


def test_an_unknown_filter_value_is_ignored_rather_than_refused(client, group):
    action = make_action(group)
    assert listed(client.get(log_url(group, owner="999999", status="nonsense", sort="sideways"))) == [action.reference]


def test_overdue_is_said_in_words(client, group):
    make_action(group, title="Send the figures", due_on=TODAY - 5 * DAY)
    text = client.get(log_url(group)).content.decode()
    assert "Overdue by 5\xa0days" in text


def test_counts_by_status_follow_the_other_filters(client, group, people, statuses):
    make_action(group, owner=people["member"])
    make_action(group, owner=people["member"], status=ActionStatus.DONE)
    counts = dict(client.get(log_url(group, owner=people["member"].pk)).context["counts"])
    assert counts == {"open": 1, "in_progress": 0, "blocked": 0, "done": 1, "dropped": 0}
    everyone = dict(client.get(log_url(group, status="done")).context["counts"])
    assert everyone == {"open": 2, "in_progress": 1, "blocked": 1, "done": 2, "dropped": 1}


def test_counts_leave_out_what_the_visitor_may_not_see(client, group):
    make_action(group)
    make_action(group, meeting=MeetingPageFactory(parent=group, live=False))
    assert dict(client.get(log_url(group)).context["counts"])["open"] == 1


def test_sorts_by_due_date_reference_status_and_last_change(client, group, people):
    later = make_action(group, title="Later", due_on=TODAY + 9 * DAY)
    undated = make_action(group, title="Undated")
    sooner = make_action(group, title="Sooner", due_on=TODAY + DAY, status=ActionStatus.BLOCKED, status_reason="Why")
    started = make_action(group, title="Started", due_on=TODAY + 5 * DAY, status=ActionStatus.IN_PROGRESS)
    assert listed(client.get(log_url(group))) == references(sooner, started, later, undated)
    assert listed(client.get(log_url(group, sort="reference"))) == references(later, undated, sooner, started)
    assert listed(client.get(log_url(group, sort="status"))) == references(later, undated, started, sooner)
    record_progress(undated, people["chair"].user, "Asked the heads for dates")
    assert listed(client.get(log_url(group, sort="changed")))[0] == undated.reference


def test_fifty_actions_a_page(client, group):
    for n in range(51):
        make_action(group, title=f"Action {n}", due_on=TODAY + n * DAY)
    first, second = client.get(log_url(group)), client.get(log_url(group, page=2))
    assert len(listed(first)) == 50 and [a.title for a in second.context["actions"]] == ["Action 50"]
    assert "Page 1 of 2" in first.content.decode()


def csv_rows(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_cells(response):
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = sheet.iter_rows()
    return [dict(zip((cell.value for cell in header), row, strict=True)) for row in rows]


def xlsx_rows(response):
    return [{heading: cell.value for heading, cell in row.items()} for row in xlsx_cells(response)]


def test_export_holds_exactly_the_filtered_rows_of_every_page(client, group, people):
    for n in range(55):
        make_action(group, title=f"Task {n}", owner=people["member"], due_on=TODAY + n * DAY)
    make_action(group, title="Someone else's", owner=people["chair"])
    make_action(group, title="Mine but done", owner=people["member"], status=ActionStatus.DONE)
    query = {"owner": people["member"].pk, "sort": "reference"}
    shown = [a.reference for a in client.get(log_url(group, **query)).context["paginator"].object_list]
    assert len(shown) == 55
    csv_response = client.get(log_url(group, export="csv", **query))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert [row["Reference"] for row in csv_rows(csv_response)] == shown
    assert [row["Reference"] for row in xlsx_rows(client.get(log_url(group, export="xlsx", **query)))] == shown


def test_export_says_overdue_in_words_and_never_hands_excel_a_formula(client, group, people):
    make_action(group, title='=HYPERLINK("http://evil.example")', owner=people["member"], due_on=TODAY - 3 * DAY)
    csv_row = csv_rows(client.get(log_url(group, export="csv")))[0]
    assert csv_row["Action"] == '\'=HYPERLINK("http://evil.example")'
    assert csv_row["Owner"] == people["member"].full_name
    assert csv_row["Due (in words)"] == "Overdue by 3\xa0days"
    xlsx_row = xlsx_cells(client.get(log_url(group, export="xlsx")))[0]
    assert xlsx_row["Action"].value == '=HYPERLINK("http://evil.example")'
    assert xlsx_row["Action"].data_type == "s"  # text, never a formula
    assert xlsx_row["Due"].value == TODAY - 3 * DAY


def test_log_and_export_leave_out_actions_of_unpublished_minutes_for_outsiders(client, group, people):
    public = make_action(group, title="Agreed in the open")
    hidden = make_action(group, title="Agreed in draft minutes", meeting=MeetingPageFactory(parent=group, live=False))
    for who, expected in [(None, [public]), ("outsider", [public]), ("member", [hidden, public])]:
        client.logout()
        if who:
            client.force_login(people[who].user)
        assert set(listed(client.get(log_url(group)))) == set(references(*expected))
        exported = {row["Reference"] for row in csv_rows(client.get(log_url(group, export="csv")))}
        assert exported == set(references(*expected))


def test_everyone_reads_an_open_groups_log_and_only_chairs_and_secretariat_may_add(client, group, people):
    add = reverse("actions:add_action", args=[group.pk])
    response = client.get(log_url(group))
    assert response.status_code == 200 and add not in response.content.decode()
    for name, person in people.items():
        client.force_login(person.user)
        response = client.get(log_url(group))
        assert response.status_code == 200, name
        assert (add in response.content.decode()) == (name in ("chair", "secretariat")), name


@pytest.fixture
def members_only_group(partnerships):
    closed = PartnershipGroupPageFactory(parent=partnerships, title="Attendance panel", members_only=True)
    closed.save_revision().publish()
    return closed


def test_a_members_only_groups_log_refuses_outsiders_as_its_page_does(client, members_only_group, people):
    make_action(members_only_group, owner=people["owner"])
    for name in ("chair", "member"):
        MembershipFactory(person=people[name], group=members_only_group, role=people[name].memberships.get().role)
    response = client.get(log_url(members_only_group))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    expected = {"chair": 200, "member": 200, "secretariat": 403, "owner": 403, "other_chair": 403, "outsider": 403}
    for name, status in expected.items():
        client.force_login(people[name].user)
        assert client.get(log_url(members_only_group)).status_code == status, name
        assert client.get(members_only_group.url).status_code == status, name


def test_no_log_for_a_group_that_does_not_exist(client):
    assert client.get(reverse("actions:action_log", args=[999999])).status_code == 404
