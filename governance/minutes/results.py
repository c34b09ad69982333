"""What the parser hands back: plain data a confirmation screen, a command or a test can read."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Found:
    """Where a value came from, so a chair can check it against the text: the rule that read it and its line.

    `line` counts from 1 in the text as uploaded (the text the confirmation screen shows).
    """

    rule: str
    line: int

    def __str__(self) -> str:
        return f"found {self.rule}, line {self.line}"


def _found_field():
    return dataclasses.field(default=None, compare=False, repr=False)


@dataclass
class ParsedPerson:
    """Someone listed at the meeting: the capacity they sat in and whether they joined online are separate facts.

    `capacity` is an AttendanceCapacity value, or "" when the minutes do not say (the importer then
    looks at the person's membership of the group).
    """

    name: str
    capacity: str = ""
    organisation: str = ""
    online: bool = False
    found: Found | None = _found_field()


@dataclass
class ParsedApology:
    """Someone who sent apologies, and the deputy who came in their place, if any."""

    name: str
    represented_by: str = ""
    found: Found | None = _found_field()


@dataclass
class ParsedAction:
    """An action agreed at the meeting; the owner is a full name wherever the minutes allow."""

    text: str
    owner: str = ""
    found: Found | None = _found_field()


@dataclass
class ParserWarning:
    """Something the chair should check, tied to the field on the confirmation screen.

    `line` is the line of the text it is about, and `person` the name of the register row it is
    about, when there is one, so the screen can point to that row.
    """

    field: str
    message: str
    line: int | None = dataclasses.field(default=None, compare=False)
    person: str = dataclasses.field(default="", compare=False)


_PERSON_FIELDS = ("name", "capacity", "organisation", "online")


@dataclass
class ParsedMinutes:
    """Everything read from one set of minutes, ready for a person to confirm.

    `found` says where each single-valued field (title, date, chair...) was read; each person and
    action carries its own.
    """

    title: str = ""
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str = ""
    chair: str = ""
    attendees: list[ParsedPerson] = dataclasses.field(default_factory=list)
    apologies: list[ParsedApology] = dataclasses.field(default_factory=list)
    absent: list[ParsedPerson] = dataclasses.field(default_factory=list)
    in_attendance: list[ParsedPerson] = dataclasses.field(default_factory=list)
    agenda: list[str] = dataclasses.field(default_factory=list)
    actions: list[ParsedAction] = dataclasses.field(default_factory=list)
    next_meeting: datetime.datetime | None = None
    warnings: list[ParserWarning] = dataclasses.field(default_factory=list)
    found: dict[str, Found] = dataclasses.field(default_factory=dict)

    def as_json_dict(self) -> dict:
        """The shape the confirmation screen and the API exchange."""
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "start_time": _clock_text(self.start_time),
            "end_time": _clock_text(self.end_time),
            "venue": self.venue,
            "chair": self.chair,
            "attendees": [_person_dict(person) for person in self.attendees],
            "apologies": [{"name": a.name, "represented_by": a.represented_by} for a in self.apologies],
            "absent": [_person_dict(person) for person in self.absent],
            "in_attendance": [_person_dict(person) for person in self.in_attendance],
            "agenda": list(self.agenda),
            "actions": [{"text": action.text, "owner": action.owner} for action in self.actions],
            "next_meeting": self.next_meeting.strftime("%Y-%m-%dT%H:%M:%S") if self.next_meeting else None,
            "warnings": [{"field": w.field, "message": w.message, "line": w.line} for w in self.warnings],
            "found": self._found_dict(),
        }

    def _found_dict(self) -> dict:
        """Where each value was read: one entry per field, and one per item of each list, in order."""
        found: dict = {field: asdict(where) for field, where in self.found.items()}
        for field in ("attendees", "apologies", "absent", "in_attendance", "actions"):
            found[field] = [asdict(item.found) if item.found else None for item in getattr(self, field)]
        return found

    def warnings_for(self, field: str) -> list[str]:
        """Messages to show beside one field of the confirmation screen."""
        return [warning.message for warning in self.warnings if warning.field == field]


def _person_dict(person: ParsedPerson) -> dict:
    return {field: getattr(person, field) for field in _PERSON_FIELDS}


def _clock_text(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None
