"""A group's action log: the orders it can be read in, its counts by status, and its spreadsheet columns.

The log page and its "Export this view" read the same queryset, so a spreadsheet holds exactly the
rows the filters chose, every page of them, and nothing the person may not open.
"""

from django.db.models import Case, Count, DateTimeField, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from actions.models import OPEN_STATUSES, Action, ActionStatus, ActionUpdate

PER_PAGE = 50
# Still-open statuses first, as a meeting goes through them, then the closed ones.
STATUS_ORDER = [*OPEN_STATUSES, ActionStatus.DONE, ActionStatus.DROPPED]
DUE_FIRST = F("due_on").asc(nulls_last=True)


def status_rank():
    whens = [When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)]
    return Case(*whens, default=Value(len(STATUS_ORDER)), output_field=IntegerField())


# Each order the log can be read in: its label, and the columns it sorts on.
SORTS = {
    "due": ("Due date, soonest first", [DUE_FIRST, "year", "number"]),
    "reference": ("Reference", ["year", "number"]),
    "status": ("Status", [status_rank(), DUE_FIRST, "year", "number"]),
    "changed": ("Last changed, newest first", [F("last_changed").desc(), "-year", "-number"]),
}
SORT_CHOICES = [(key, label) for key, (label, _) in SORTS.items()]


def with_last_changed(actions):
    """Each action's last change: its latest save (simple-history) or its latest note, whichever came later."""
    saved = Action.history.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    noted = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-written_at").values("written_at")[:1]
    saved_at = Coalesce(Subquery(saved), F("created_at"), output_field=DateTimeField())
    noted_at = Coalesce(Subquery(noted), F("created_at"), output_field=DateTimeField())
    return actions.annotate(last_changed=Greatest(saved_at, noted_at, output_field=DateTimeField()))


def in_order(actions, sort):
    return actions.order_by(*SORTS.get(sort, SORTS["due"])[1])


def counts_by_status(actions) -> list[tuple]:
    """How many actions have each status, every status listed (zeros too), in one query."""
    counts = dict(actions.order_by().values_list("status").annotate(count=Count("pk")))
    return [(status, counts.get(status, 0)) for status in STATUS_ORDER]


# The spreadsheet's columns: Wagtail's SpreadsheetExportMixin reads these from each action.
EXPORT_COLUMNS = {
    "reference": "Reference",
    "title": "Action",
    "owner_name": "Owner",
    "owner_organisation": "Organisation",
    "due_on": "Due",
    "due_words": "Due (in words)",
    "get_status_display": "Status",
    "status_reason": "Why blocked or dropped",
    "meeting": "Agreed at",
    "agenda_item": "Agenda item",
    "priority": "Priority",
    "pledge": "Pledge",
    "closed_on": "Closed on",
    "detail": "Detail",
}
EXPORT_RELATED = ("owner", "owner_organisation", "meeting", "priority", "pledge__organisation")
