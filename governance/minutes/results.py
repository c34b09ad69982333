"""What the parser hands back: plain data a confirmation screen, a command or a test can read."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import asdict, dataclass


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


@dataclass
class ParsedApology:
    """Someone who sent apologies, and the deputy who came in their place, if any."""

    name: str
    represented_by: str = ""


@dataclass
class ParsedAction:
    """An action agreed at the meeting; the owner is a full name wherever the minutes allow."""

    text: str
    owner: str = ""


@dataclass
class ParserWarning:
    """Something the chair should check, tied to the field on the confirmation screen."""

    field: str
    message: str


@dataclass
class ParsedMinutes:
    """Everything read from one set of minutes, ready for a person to confirm."""

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

    def as_json_dict(self) -> dict:
        """The shape the confirmation screen and the API exchange."""
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "start_time": _clock_text(self.start_time),
            "end_time": _clock_text(self.end_time),
            "venue": self.venue,
            "chair": self.chair,
            "attendees": [asdict(person) for person in self.attendees],
            "apologies": [asdict(apology) for apology in self.apologies],
            "absent": [asdict(person) for person in self.absent],
            "in_attendance": [asdict(person) for person in self.in_attendance],
            "agenda": list(self.agenda),
            "actions": [asdict(action) for action in self.actions],
            "next_meeting": self.next_meeting.strftime("%Y-%m-%dT%H:%M:%S") if self.next_meeting else None,
            "warnings": [asdict(warning) for warning in self.warnings],
        }

    def warnings_for(self, field: str) -> list[str]:
        """Messages to show beside one field of the confirmation screen."""
        return [warning.message for warning in self.warnings if warning.field == field]


def _clock_text(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None
