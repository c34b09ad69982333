"""How far pledges and priorities have got: their tasks counted done and overdue, and due dates in words.

A pledge is only credible when its tasks are tracked, so every page that lists pledges shows the same
figures. They are counted in the database for a whole list at once, so a scorecard of fifty pledges
costs what one does, and only from the tasks the person may open.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil

from actions.models import OPEN_STATUSES, Action, ActionStatus, PledgeStatus
from actions.services import actions_visible_to

# An action's owner is a person or, when no one person owns it, an organisation: tables read both.
TASK_PEOPLE = ("owner", "owner_organisation")


@dataclass(frozen=True)
class TaskFigures:
    """A pledge's tasks: how many, how many done, how many still open past their due date."""

    tasks: int = 0
    done: int = 0
    overdue: int = 0

    def __add__(self, other):
        return TaskFigures(self.tasks + other.tasks, self.done + other.done, self.overdue + other.overdue)


def overdue(today=None) -> Q:
    """The one rule for 'overdue', as Action.objects.overdue() applies it."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today or timezone.localdate())


def task_figures(request, pledges) -> dict:
    """Figures for each pledge's visible tasks, by pledge id, in one query."""
    rows = (
        actions_visible_to(request, Action.objects.filter(pledge__in=pledges))
        .order_by()
        .values("pledge_id")
        .annotate(
            tasks=Count("pk"),
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
            late=Count("pk", filter=overdue()),
        )
    )
    return {row["pledge_id"]: TaskFigures(row["tasks"], row["done"], row["late"]) for row in rows}


def with_figures(request, pledges) -> list[tuple]:
    """Each pledge beside its figures, for tables that show both."""
    pledges = list(pledges)
    figures = task_figures(request, [pledge.pk for pledge in pledges])
    return [(pledge, figures.get(pledge.pk, TaskFigures())) for pledge in pledges]


def scorecard_totals(pledges_with_figures) -> dict:
    """An organisation's pledges counted by status, and all their tasks added up."""
    statuses = [pledge.status for pledge, _ in pledges_with_figures]
    return {
        "pledges": len(statuses),
        "by_status": [(status.label, statuses.count(status)) for status in PledgeStatus if status in statuses],
        "figures": sum((figures for _, figures in pledges_with_figures), TaskFigures()),
    }


def in_due_order(actions):
    """Soonest due first, undated last, so what is late or close is read first."""
    return actions.order_by(F("due_on").asc(nulls_last=True), "year", "number")


def open_actions_by_status(actions) -> dict:
    """A group's open actions counted by status, and how many of them are overdue, in one query."""
    rows = list(
        actions.still_open().order_by().values("status").annotate(count=Count("pk"), late=Count("pk", filter=overdue()))
    )
    counts = {row["status"]: row for row in rows}
    return {
        "by_status": [(status.label, counts[status]["count"]) for status in OPEN_STATUSES if status in counts],
        "total": sum(row["count"] for row in rows),
        "overdue": sum(row["late"] for row in rows),
    }


def due_in_words(action, today=None) -> str:
    """'Overdue by 3 days', 'Due today', 'Due in 2 weeks': how pressing an open action is, as people say it."""
    if not action.is_open:
        return ""
    if action.due_on is None:
        return "No due date"
    today = today or timezone.localdate()
    if action.due_on < today:
        return f"Overdue by {timesince(action.due_on, today, depth=1)}"
    if action.due_on == today:
        return "Due today"
    return f"Due in {timeuntil(action.due_on, today, depth=1)}"
