"""An action's history as people read it: who changed what, when, in plain words.

simple-history keeps a row for every save. Each row is compared with the one before it
(`diff_against`), and the people, organisations, meetings, priorities and pledges the changes name are
read in one query per kind, so a long history costs the same as a short one.
"""

import datetime
from dataclasses import dataclass

from actions.models import ActionStatus, Pledge, Priority
from governance.models import MeetingPage, Organisation, Person

# The fields a person changes, in the order a change is described, with the words for each.
FIELD_LABELS = {
    "title": "Title",
    "status": "Status",
    "status_reason": "Reason",
    "owner": "Owner",
    "owner_organisation": "Organisation",
    "due_on": "Due",
    "meeting": "Meeting",
    "agenda_item": "Agenda item",
    "priority": "Priority",
    "pledge": "Pledge",
    "detail": "Detail",
}
NAMED_BY = {
    "owner": Person.objects.all(),
    "owner_organisation": Organisation.objects.all(),
    "meeting": MeetingPage.objects.all(),
    "priority": Priority.objects.all(),
    "pledge": Pledge.objects.select_related("organisation"),
}
LONG_TEXT = 120


@dataclass
class Change:
    """One save of the action: when, by whom, and what it changed."""

    when: datetime.datetime
    who: object
    what: list[str]


def changes_in(action) -> list[Change]:
    """The action's history, newest first, each save described field by field."""
    records = list(action.history.select_related("history_user__person").order_by("-history_date", "-history_id"))
    pairs = list(zip(records, [*records[1:], None], strict=True))
    deltas = {
        record.pk: record.diff_against(earlier, included_fields=FIELD_LABELS) for record, earlier in pairs if earlier
    }
    names = names_for(deltas.values())
    return [
        Change(record.history_date, record.history_user, describe(deltas.get(record.pk), names)) for record, _ in pairs
    ]


def names_for(deltas) -> dict:
    """What each related record a change names is called, by field and primary key."""
    wanted = {field: set() for field in NAMED_BY}
    for delta in deltas:
        for change in delta.changes:
            if change.field in wanted:
                wanted[change.field] |= {change.old, change.new} - {None}
    return {
        field: {obj.pk: str(obj) for obj in NAMED_BY[field].filter(pk__in=pks)} for field, pks in wanted.items() if pks
    }


def describe(delta, names) -> list[str]:
    """'Status: Open → In progress', one line per field; the first save is the action being added."""
    if delta is None:
        return ["Added the action"]
    lines = [
        f"{label}: {shown(field, change.old, names)} → {shown(field, change.new, names)}"
        for field, label in FIELD_LABELS.items()
        for change in delta.changes
        if change.field == field
    ]
    return lines or ["Saved with no change"]


def shown(field, value, names) -> str:
    if value in (None, ""):
        return "none"
    if field == "status":
        return ActionStatus(value).label if value in ActionStatus.values else value
    if field in names:
        return names[field].get(value, "a record since removed")
    if field in NAMED_BY:
        return "a record since removed"
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    text = str(value)
    return text if len(text) <= LONG_TEXT else f"{text[:LONG_TEXT].rstrip()}…"


def person_name(user) -> str:
    """How a person is named on a public page: the name on their person record or account, never their email."""
    if user is None:
        return "The portal"
    person = getattr(user, "person", None)
    return (person.full_name if person else "") or user.get_full_name() or "A portal user"
