"""Actions, priorities and pledges in the site search, read through the same rules as every list of them.

Each kind is filtered to what the person may open first, then matched word by word: the visibility
rules join across groups and meetings, which Wagtail's search backends cannot filter on.
"""

from django.utils.text import Truncator

from actions.services import actions_visible_to, pledges_visible_to, priorities_visible_to
from portal.search import Found, every_word_in, result_group


def actions_priorities_and_pledges(request, query) -> list[dict]:
    actions = actions_visible_to(request).filter(every_word_in(query, "title", "reference"))
    # Newest first across every group, rather than group by group in page-tree order.
    actions = actions.select_related("group").order_by("-year", "-number")
    priorities = priorities_visible_to(request).filter(every_word_in(query, "title", "rationale"))
    pledges = pledges_visible_to(request).filter(every_word_in(query, "statement", "organisation__name"))
    return [
        result_group("actions", "Actions", actions, describe_action),
        result_group("priorities", "Priorities", priorities.select_related("partnership"), describe_priority),
        result_group("pledges", "Pledges", pledges.select_related("organisation", "priority"), describe_pledge),
    ]


def describe_action(action):
    note = f"{action.reference}, {action.get_status_display().lower()}"
    return Found(action.title, action.get_absolute_url(), action.group.title, note)


def describe_priority(priority):
    return Found(priority.title, priority.get_absolute_url(), priority.partnership.title, priority.get_status_display())


def describe_pledge(pledge):
    statement = Truncator(pledge.statement).chars(160)
    return Found(pledge.organisation.name, pledge.get_absolute_url(), f"Pledge to {pledge.priority.title}", statement)
