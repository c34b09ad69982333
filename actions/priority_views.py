"""A priority's page, a pledge's page and an organisation's scorecard: the partnership's commitments in the open.

Each reads only through the visibility rules in `actions.services`, so a members-only partnership's
priorities, pledges and tasks stay with its members, and each costs the same however long its lists.
"""

from django.shortcuts import get_object_or_404, render

from actions.milestone_status import assessed
from actions.progress import TASK_PEOPLE, TaskFigures, in_due_order, scorecard_totals, task_figures, with_figures
from actions.services import actions_visible_to, may_manage_priorities, pledges_visible_to, priorities_visible_to
from governance.models import Organisation
from portal.visibility import can_open


def priority_detail(request, pk):
    """Why it is a priority, who works on it, what each organisation pledged, and how the actions stand."""
    priorities = priorities_visible_to(request).select_related("partnership", "task_and_finish_group")
    priority = get_object_or_404(priorities, pk=pk)
    group = priority.task_and_finish_group if can_open(request, priority.task_and_finish_group) else None
    pledges = pledges_visible_to(request, priority.pledges.select_related("organisation"))
    actions = actions_visible_to(request, priority.actions.select_related(*TASK_PEOPLE))
    context = {
        "priority": priority,
        "partnership_visible": can_open(request, priority.partnership),
        "group": group,
        "group_members": group.members_by_role() if group else [],
        "pledges": with_figures(request, pledges),
        "actions": list(in_due_order(actions)),
        "milestones": assessed(priority.milestones.all()),
        "can_set_milestones": may_manage_priorities(request.user, priority.partnership),
        "show_review_notice": priority.review_overdue and may_manage_priorities(request.user, priority.partnership),
    }
    return render(request, "actions/priority.html", context)


def pledge_detail(request, pk):
    """The commitment in the organisation's words, and the tasks that show it is being kept."""
    pledges = pledges_visible_to(request).select_related("priority", "organisation", "signed_by")
    pledge = get_object_or_404(pledges, pk=pk)
    tasks = actions_visible_to(request, pledge.tasks.select_related(*TASK_PEOPLE))
    context = {
        "pledge": pledge,
        "tasks": list(in_due_order(tasks)),
        "figures": task_figures(request, [pledge.pk]).get(pledge.pk, TaskFigures()),
    }
    return render(request, "actions/pledge.html", context)


def organisation_scorecard(request, pk):
    """Everything one organisation has pledged, across the priorities, and how far its tasks have got."""
    organisation = get_object_or_404(Organisation, pk=pk)
    pledges = pledges_visible_to(request, organisation.pledges.select_related("priority", "priority__partnership"))
    pledges = with_figures(request, pledges.order_by("priority__title", "made_on"))
    context = {"organisation": organisation, "pledges": pledges, "totals": scorecard_totals(pledges)}
    return render(request, "actions/scorecard.html", context)
