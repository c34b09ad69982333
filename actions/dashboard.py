"""'Your actions' on the dashboard: the open actions a person owns, and their organisation's pledge tasks.

Each list shows the most pressing few with a count of the rest, so the panel costs the same number
of queries whether the portal holds ten actions or ten thousand.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from actions.models import Action
from actions.progress import in_due_order
from actions.services import actions_visible_to
from governance.models import PartnershipGroupPage, Person
from portal.visibility import can_open

LISTED = 20
SHOWN_WITH = ("group", "owner", "owner_organisation")


@dataclass
class YourActions:
    person: Person
    owned: list = field(default_factory=list)
    owned_count: int = 0
    logs: list = field(default_factory=list)
    pledge_tasks: list = field(default_factory=list)
    pledge_task_count: int = 0

    def __bool__(self):
        return bool(self.owned_count or self.pledge_task_count)


def your_actions(request, limit=LISTED) -> YourActions | None:
    """The person's open actions, soonest due first (so overdue ones lead), and their pledge tasks."""
    person = Person.objects.filter(user=request.user).select_related("organisation").first()
    if person is None:
        return None
    owned = actions_visible_to(request, Action.objects.still_open().filter(owner=person))
    found = YourActions(person, list(in_due_order(owned.select_related(*SHOWN_WITH))[:limit]))
    by_group = dict(owned.order_by().values_list("group_id").annotate(count=Count("pk")))
    found.owned_count = sum(by_group.values())
    found.logs = logs_listing(request, owned, by_group)
    tasks = pledge_tasks(request, person)
    found.pledge_tasks = list(in_due_order(tasks.select_related(*SHOWN_WITH))[:limit])
    found.pledge_task_count = tasks.count()
    return found


def pledge_tasks(request, person):
    """Open tasks of the pledges the person's organisation made, other than their own actions."""
    if not person.organisation_id:
        return Action.objects.none()
    tasks = Action.objects.still_open().filter(pledge__organisation_id=person.organisation_id).exclude(owner=person)
    return actions_visible_to(request, tasks)


def logs_listing(request, owned, by_group) -> list[tuple]:
    """The group logs that list the person's actions, with how many are open in each, for 'see them all';
    a log they may not open (that of a members-only group they are not on) is left out. Read as a
    subquery, so the panel makes the same queries whether the person owns actions or not."""
    groups = PartnershipGroupPage.objects.filter(pk__in=owned.order_by().values("group_id")).order_by("title")
    return [(group, by_group[group.pk]) for group in groups if can_open(request, group)]
