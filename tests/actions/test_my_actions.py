"""'Your actions' on the dashboard: the person's open actions with a quick update, and their pledge tasks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.factories import PledgeFactory, make_action
from actions.models import Action, ActionStatus
from governance.factories import MeetingPageFactory, PartnershipGroupPageFactory, PersonFactory
from portal.factories import UserFactory
from tests.conftest import posted_form
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
DASHBOARD = "/dashboard/"


def panel_of(response):
    panels = [panel for panel in response.context["panels"] if "yours" in panel["context"]]
    return panels[0]["context"] if panels else None


def test_your_open_actions_are_listed_overdue_first_then_by_due_date(client, group, people):
    me = people["member"]
    soon = make_action(group, title="Soon", owner=me, due_on=TODAY + 3 * DAY)
    undated = make_action(group, title="Undated", owner=me)
    late = make_action(group, title="Late", owner=me, due_on=TODAY - 5 * DAY)
    make_action(group, title="Finished", owner=me, status=ActionStatus.DONE)
    make_action(group, title="Someone else's", owner=people["chair"])
    client.force_login(me.user)
    response = client.get(DASHBOARD)
    assert [action for action, _ in panel_of(response)["updates"]] == [late, soon, undated]
    text = response.content.decode()
    assert "Overdue by 5\xa0days" in text and "Finished" not in text and "Someone else" not in text


def test_a_quick_update_moves_the_action_on_and_comes_back_to_the_dashboard(client, group, people):
    action = make_action(group, title="Send the figures", owner=people["member"])
    client.force_login(people["member"].user)
    answers = posted_form(client.get(DASHBOARD), "status")
    assert answers["next"] == DASHBOARD
    answers.update(status="in_progress", note="Drafted")
    response = client.post(reverse("actions:action", args=[action.reference]), answers, follow=True)
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert f"{action.reference} is now in progress." in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.updates.get().note == "Drafted"


def test_blocking_from_the_dashboard_without_a_reason_asks_for_one_and_keeps_the_way_back(client, group, people):
    action = make_action(group, owner=people["member"])
    client.force_login(people["member"].user)
    answers = {**posted_form(client.get(DASHBOARD), "status"), "status": "blocked", "note": ""}
    response = client.post(reverse("actions:action", args=[action.reference]), answers)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Say why the action is blocked" in text and f'name="next" value="{DASHBOARD}"' in text


def test_your_organisations_pledge_tasks_follow_your_actions(client, group, partnerships, people):
    me = people["member"]
    pledge = PledgeFactory(organisation=me.organisation, priority__partnership=group)
    colleague = PersonFactory(organisation=me.organisation)
    task = make_action(group, title="Book appointments outside school hours", owner=colleague, pledge=pledge)
    make_action(group, title="A task already done", pledge=pledge, status=ActionStatus.DONE)
    make_action(group, title="Another organisation's task", pledge=PledgeFactory(priority=pledge.priority))
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    closed.save_revision().publish()
    make_action(closed, title="A task in a group I cannot see", pledge=pledge)
    client.force_login(me.user)
    response = client.get(DASHBOARD)
    assert panel_of(response)["yours"].pledge_tasks == [task]
    assert "Your organisation's pledge tasks" in response.content.decode()


def test_no_panel_for_someone_with_nothing_to_do(client, group, people):
    make_action(group, owner=people["chair"])
    make_action(group, owner=people["member"], status=ActionStatus.DONE)
    for user in (people["member"].user, people["outsider"].user, UserFactory()):
        client.force_login(user)
        response = client.get(DASHBOARD)
        assert panel_of(response) is None and "Your actions" not in response.content.decode()


def add_many(group, owner, pledge, count, start):
    """Open actions straight into the table: the person's own, their organisation's pledge tasks, others'."""
    year = TODAY.year
    Action.objects.bulk_create(
        (
            Action(
                group=group,
                year=year,
                number=n,
                reference=f"BULK-{year}-{n:05d}",
                title=f"Bulk action {n}",
                owner=owner if n % 3 == 0 else None,
                pledge=pledge if n % 3 == 1 else None,
                due_on=TODAY + (n % 40 - 20) * DAY,
            )
            for n in range(start, start + count)
        ),
        batch_size=500,
    )


def test_the_panel_costs_the_same_for_ten_actions_as_for_ten_thousand(
    client, group, people, django_assert_max_num_queries
):
    me = people["member"]
    pledge = PledgeFactory(organisation=me.organisation, priority__partnership=group)
    make_action(
        group, title="Agreed at a draft meeting", owner=me, meeting=MeetingPageFactory(parent=group, live=False)
    )
    add_many(group, me, pledge, 10, start=1000)
    client.force_login(me.user)
    text = assert_queries_stay_flat(
        client, DASHBOARD, lambda: add_many(group, me, pledge, 9_990, start=2000), django_assert_max_num_queries
    )
    mine, tasks = Action.objects.filter(owner=me).count(), Action.objects.filter(pledge=pledge).count()
    assert f"The 20 most pressing of your {mine} open actions" in text
    assert f"{group.title}'s action log ({mine})" in text
    assert f"the 20 most pressing of {tasks}" in text
