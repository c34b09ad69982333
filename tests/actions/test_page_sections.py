"""Priorities and actions on the home, group and meeting pages, added by hook, kept fresh in the page cache."""

import ast
import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.factories import PriorityFactory, make_action
from actions.models import Action, ActionStatus, PriorityStatus
from governance.factories import MeetingPageFactory, OrganisationFactory, PersonFactory
from governance.models import MembershipRole
from portal.page_cache import STATUS_HEADER
from tests.actions.priority_setup import close, members_only, sign_in, task_and_finish_group
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def anonymous_get(url):
    """A visitor with no cookies at all, who is served from the page cache when a copy is stored."""
    return Client().get(url)


def test_group_page_lists_its_priorities_and_open_actions_the_next_five_due_first(client, group):
    PriorityFactory(partnership=group, title="Persistent absence in Year 9")
    for days in (9, 2, 7, 4, 30, 1):
        make_action(group, title=f"Step {days}", due_on=TODAY + days * DAY)
    close(make_action(group, title="Done already", due_on=TODAY - DAY))
    make_action(group, title="Late", due_on=TODAY - 5 * DAY, status=ActionStatus.BLOCKED, status_reason="No data")

    text = client.get(group.url).content.decode()
    assert "Persistent absence in Year 9" in text
    assert "7 open actions: 6 open, 1 blocked, of which 1 overdue." in text
    listed = text.split("Next due", 1)[1]
    assert listed.index("Late") < listed.index("Step 1") < listed.index("Step 2") < listed.index("Step 7")
    assert "Step 9" not in listed and "Step 30" not in listed and "Done already" not in listed
    assert f'href="{reverse("actions:action_log", args=[group.pk])}"' in text
    late = Action.objects.get(title="Late")
    assert f'href="{reverse("actions:action", args=[late.reference])}"' in listed


def test_group_page_counts_only_the_actions_the_visitor_may_open(client, group, person_with_account):
    make_action(group, title="Agreed in the open")
    make_action(group, title="Agreed in unpublished minutes", meeting=MeetingPageFactory(parent=group, live=False))
    assert "1 open action: 1 open." in client.get(group.url).content.decode()
    sign_in(client, group, MembershipRole.MEMBER, person_with_account)
    assert "2 open actions: 2 open." in client.get(group.url).content.decode()


def test_a_task_and_finish_groups_page_lists_the_priority_it_owns(client, group):
    task_group = task_and_finish_group(group)
    PriorityFactory(partnership=group, task_and_finish_group=task_group, title="Early help plans")
    assert "Early help plans" in client.get(task_group.url).content.decode()


@pytest.fixture
def meetings(group):
    earlier = MeetingPageFactory(parent=group, title="Autumn meeting", start=NOW - 60 * DAY)
    later = MeetingPageFactory(parent=group, title="Spring meeting", start=NOW - DAY)
    return earlier, later


def test_meeting_page_lists_the_actions_agreed_at_it(client, group, meetings):
    earlier, later = meetings
    make_action(group, title="Survey parents about term dates", meeting=later, owner=PersonFactory(full_name="Ann Lee"))
    text = client.get(later.url).content.decode()
    assert "Actions agreed at this meeting" in text
    assert "Survey parents about term dates" in text and "Ann Lee" in text
    assert "Survey parents about term dates" not in client.get(earlier.url).content.decode()


def test_an_open_action_from_the_previous_meeting_is_a_matter_arising_at_the_next(client, group, meetings):
    earlier, later = meetings
    make_action(group, title="Circulate the attendance figures", meeting=earlier)
    close(make_action(group, title="Book the venue", meeting=earlier))
    text = client.get(later.url).content.decode()
    arising = text.split("Matters arising", 1)[1]
    assert "Circulate the attendance figures" in arising
    assert "Book the venue" not in text
    assert "Matters arising" not in client.get(earlier.url).content.decode()


def test_matters_arising_from_members_only_minutes_stay_inside_the_group(client, group, meetings, person_with_account):
    earlier, later = meetings
    draft = MeetingPageFactory(parent=group, title="Draft meeting", start=NOW - 30 * DAY, live=False)
    make_action(group, title="From minutes not yet approved", meeting=draft)
    assert "From minutes not yet approved" not in client.get(later.url).content.decode()
    sign_in(client, group, MembershipRole.MEMBER, person_with_account)
    assert "From minutes not yet approved" in client.get(later.url).content.decode()


@pytest.mark.parametrize(
    ("role", "offered"),
    [(None, False), (MembershipRole.MEMBER, False), (MembershipRole.SECRETARIAT, True), (MembershipRole.CHAIR, True)],
)
def test_the_chairs_and_secretariat_are_offered_to_add_an_action_at_the_meeting(
    client, group, meetings, person_with_account, role, offered
):
    _, meeting = meetings
    if role:
        sign_in(client, group, role, person_with_account)
    response = client.get(meeting.url)
    assert response.context["can_add_actions"] is offered
    add_action = reverse("actions:add_action", args=[group.pk])
    link = f'href="{add_action}?meeting={meeting.pk}&amp;next={meeting.url}"'
    assert (link in response.content.decode()) is offered


def test_home_page_shows_open_priorities_next_meetings_and_latest_minutes(client, partnerships, group, meetings):
    PriorityFactory(partnership=group, title="Persistent absence in Year 9")
    PriorityFactory(partnership=group, title="Closed priority", status=PriorityStatus.CLOSED)
    PriorityFactory(partnership=members_only(partnerships), title="Members-only priority")
    MeetingPageFactory(parent=group, title="Summer meeting", start=NOW + 10 * DAY)
    MeetingPageFactory(parent=group, title="Winter meeting", start=NOW - 5 * DAY, minutes="<p>Agreed.</p>")

    text = client.get("/").content.decode()
    assert "Persistent absence in Year 9" in text
    assert "Closed priority" not in text and "Members-only priority" not in text
    assert "Summer meeting" in text.split("Meetings coming up", 1)[1]
    assert "Winter meeting" in text.split("Latest minutes", 1)[1]
    assert "Autumn meeting" not in text, "a meeting without minutes is not listed as minutes"


def test_a_new_priority_shows_at_once_on_the_cached_home_and_group_pages(group, django_capture_on_commit_callbacks):
    for url in ("/", group.url):
        anonymous_get(url)
        assert anonymous_get(url)[STATUS_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        PriorityFactory(partnership=group, title="Persistent absence in Year 9")

    for url in ("/", group.url):
        assert "Persistent absence in Year 9" in anonymous_get(url).content.decode()


def test_closing_an_action_takes_it_off_the_cached_meeting_page(group, meetings, django_capture_on_commit_callbacks):
    earlier, later = meetings
    action = make_action(group, title="Circulate the attendance figures", meeting=earlier)
    assert "Circulate the attendance figures" in anonymous_get(later.url).content.decode()
    assert anonymous_get(later.url)[STATUS_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        close(action)

    assert "Circulate the attendance figures" not in anonymous_get(later.url).content.decode()


def add_priorities_and_actions(group, count):
    """Priorities, open actions with owners (some organisations), due and overdue, and meetings of the group."""
    for n in range(count):
        PriorityFactory(partnership=group, title=f"Priority {n}")
        owner = {"owner": PersonFactory()} if n % 2 else {"owner_organisation": OrganisationFactory()}
        make_action(group, due_on=TODAY + (n - 3) * DAY, **owner)
        MeetingPageFactory(parent=group, start=NOW + (n + 1) * DAY)
        MeetingPageFactory(parent=group, start=NOW - (n + 100) * DAY, minutes="<p>Agreed.</p>")


@pytest.mark.parametrize("role", [None, MembershipRole.CHAIR])
@pytest.mark.parametrize("where", ["group", "home"])
def test_group_and_home_pages_cost_the_same_however_many_priorities_and_actions(
    client, group, where, role, person_with_account, django_assert_max_num_queries
):
    if role:
        sign_in(client, group, role, person_with_account)
    add_priorities_and_actions(group, 2)
    url = group.url if where == "group" else "/"
    text = assert_queries_stay_flat(
        client, url, lambda: add_priorities_and_actions(group, 10), django_assert_max_num_queries
    )
    assert "Priority 9" in text


def add_meeting_actions(group, meeting, earlier, count):
    for n in range(count):
        owner = {"owner": PersonFactory()} if n % 2 else {"owner_organisation": OrganisationFactory()}
        make_action(group, meeting=meeting, due_on=TODAY + n * DAY, title=f"Agreed {n}", **owner)
        make_action(group, meeting=earlier, due_on=TODAY - n * DAY, title=f"Arising {n}", **owner)


@pytest.mark.parametrize("role", [None, MembershipRole.CHAIR])
def test_meeting_page_costs_the_same_however_many_actions_and_matters_arising(
    client, group, meetings, role, person_with_account, django_assert_max_num_queries
):
    earlier, later = meetings
    if role:
        sign_in(client, group, role, person_with_account)
    add_meeting_actions(group, later, earlier, 2)
    text = assert_queries_stay_flat(
        client, later.url, lambda: add_meeting_actions(group, later, earlier, 10), django_assert_max_num_queries
    )
    assert text.count('"Action">Agreed ') == 12, "every action agreed at the meeting"
    assert text.split("Matters arising", 1)[1].count('"Action">Arising ') == 12, "every matter arising"


def test_pages_render_without_empty_sections_when_no_app_adds_them(client, group, meetings, monkeypatch):
    monkeypatch.setattr("portal.page_context.hooks.get_hooks", lambda name: [])
    for url, section in (
        ("/", "Meetings coming up"),
        (group.url, 'id="action-log-heading"'),
        (meetings[1].url, "<table"),
    ):
        response = client.get(url)
        assert response.status_code == 200 and section not in response.content.decode()


def imported_apps(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever in the module the import is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_portal_and_governance_never_import_actions():
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for app in ("portal", "governance")
        for path in (root / app).rglob("*.py")
        if "actions" in imported_apps(path)
    ]
    assert offenders == []
