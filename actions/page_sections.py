"""What the home, group and meeting pages show of priorities and actions.

Those pages belong to `portal` and `governance`, which never import this app; they call the
`portal_page_context` hook (`portal.page_context`), and `wagtail_hooks.py` answers it from here.
Each section is a fixed number of queries, and lists only what the person may open.
"""

from django.db.models import Q

from actions.milestone_status import assessed
from actions.models import Milestone, Priority, PriorityStatus
from actions.progress import TASK_PEOPLE, in_due_order, open_actions_by_status
from actions.services import actions_visible_to, matters_arising, may_add_actions, priorities_visible_to
from governance.models import MeetingPage, PartnershipGroupPage
from portal.models import HomePage

NEXT_DUE = 5


def group_sections(group, request, context) -> dict:
    """The group's priorities (those it sets and those it owns as a task-and-finish group) and its open actions."""
    priorities = Priority.objects.filter(Q(partnership=group) | Q(task_and_finish_group=group))
    actions = actions_visible_to(request, group.actions.all())
    dated = actions.still_open().filter(due_on__isnull=False).select_related(*TASK_PEOPLE)
    visible_priorities = priorities_visible_to(request, priorities)
    return {
        "group_priorities": list(visible_priorities.order_by("title")),
        "group_milestones": assessed(Milestone.objects.filter(priority__in=visible_priorities.values("pk"))),
        "open_actions": open_actions_by_status(actions),
        "next_actions_due": list(in_due_order(dated)[:NEXT_DUE]),
    }


def meeting_sections(meeting, request, context) -> dict:
    """The actions agreed at the meeting, those still open from earlier ones, and who may add more."""
    group = context["group"]
    agreed = meeting.actions.select_related(*TASK_PEOPLE).order_by("year", "number")
    return {
        "actions_agreed": list(actions_visible_to(request, agreed)),
        "matters_arising": list(actions_visible_to(request, matters_arising(meeting, group))),
        "can_add_actions": may_add_actions(request.user, group),
    }


def home_sections(home, request, context) -> dict:
    """The priorities the partnerships are working on now, for the front door."""
    priorities = Priority.objects.exclude(status=PriorityStatus.CLOSED).select_related("partnership")
    visible = priorities_visible_to(request, priorities).order_by("partnership__title", "title")
    return {"partnership_priorities": list(visible)}


SECTIONS = ((PartnershipGroupPage, group_sections), (MeetingPage, meeting_sections), (HomePage, home_sections))


def page_sections(page, request, context) -> dict | None:
    """The sections for this kind of page; none for a page not yet saved (a preview while it is created)."""
    if page.pk is None:
        return None
    for page_class, sections in SECTIONS:
        if isinstance(page, page_class):
            return sections(page, request, context)
    return None
