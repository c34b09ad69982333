"""Labelled parts of the minutes ("Apologies:", "Date of next meeting", a "Date | Venue" table) and venues."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance.minutes.dates import find_date
from governance.minutes.lines import CONTROL_CHARACTERS, clean_line, is_table_rule, table_cells

if TYPE_CHECKING:
    from governance.minutes.people import Entry


_LABEL_WORDS = {
    "next_meeting": r"(?:date|time|dates?\s*(?:and|&|/)\s*times?|time\s+and\s+date|details|arrangements)\s+(?:of|for)"
    r"\s+(?:the\s+)?next\s+meeting|next\s+meeting(?:\s+date)?|future\s+meeting\s+dates?|future\s+meetings"
    r"|dates?\s+of\s+(?:future|next)\s+meetings?",
    "in_attendance": r"(?:officials?|officers?|advis[eo]rs?|staff|others?|guests?)\s+(?:also\s+)?in\s+attendance"
    r"|also\s+in\s+attendance|in\s+attendance|also\s+present|observers?|guests?|officials?|advis[eo]rs?",
    "apologies": r"apologies(?:\s+for\s+absence)?(?:\s+(?:were|was|have\s+been|had\s+been))?"
    r"(?:\s+(?:received|given|noted|sent))?(?:\s+from)?",
    "attendees": r"attendees|attendance|attending|present|members\s+present|members\s+attending|those\s+present"
    r"|participants|members|board\s+members|group\s+members|attended\s+by",
    "notes_taker": r"minute[\s-]?taker|minutes\s+taken\s+by|notes?\s+taken\s+by|note[\s-]?taker|clerk|secretariat"
    r"|minuted\s+by|minutes\s+by|notes\s+by",
    "chair": r"chair(?:person|man|woman)?|chaired\s+by|in\s+the\s+chair|meeting\s+chair|independent\s+chair",
    "venue": r"venue|location|where|place|held\s+at|meeting\s+place",
    "date": r"date|meeting\s+date|date\s+of\s+(?:the\s+)?meeting|date\s*(?:and|&|/)\s*time|when|held\s+on",
    "time": r"times?|meeting\s+time|start\s+time",
    "agenda": r"agenda(?:\s+items?)?",
    "actions": r"actions?(?:\s+points?|\s+log|\s+arising|\s+agreed|\s+summary|\s+list)?|summary\s+of\s+actions"
    r"|agreed\s+actions|actions?\s+and\s+decisions?",
}
_LABEL_TAIL = r"(?:\s*\((?P<note>[^()]{0,40})\))?(?:\s*:\s*|\s+[–—-]\s*|\s*$|(?<=from)\s+|(?<=by)\s+)"
_LABELS = {
    kind: re.compile(
        rf"^(?:[-*•]\s+)?(?:(?P<number>\d{{1,2}})[.)]\s+)?(?P<label>{words}){_LABEL_TAIL}(?P<rest>.*)$", re.IGNORECASE
    )
    for kind, words in _LABEL_WORDS.items()
}
_NO_APOLOGIES = re.compile(r"^(?:there\s+were\s+)?no\s+apologies\b", re.IGNORECASE)
NOTHING = re.compile(r"^(?:none|nil|n/?a|no\s+apologies|none\s+(?:received|given|noted)|-+)\W*$", re.IGNORECASE)
PEOPLE_KINDS = frozenset({"attendees", "in_attendance", "apologies", "chair", "notes_taker"})
_LIST_KINDS = frozenset({"attendees", "in_attendance", "apologies", "agenda", "actions"})
ONE_LINE_KINDS = frozenset({"chair", "notes_taker", "venue", "date", "time"})
HEADER_KINDS = frozenset({"attendees", "in_attendance", "apologies", "chair", "notes_taker", "venue", "date", "time"})


@dataclass
class Label:
    kind: str
    label: str
    rest: str
    note: str = ""
    number: int | None = None


def match_label(text: str) -> Label | None:
    if _NO_APOLOGIES.match(text):
        return Label("apologies", "Apologies", "")
    for kind, pattern in _LABELS.items():
        found = pattern.match(text)
        if found:
            number = int(found.group("number")) if found.group("number") else None
            rest = found.group("rest").strip()
            return Label(kind, found.group("label"), rest, (found.group("note") or "").strip(), number)
    return None


def clean_lines(text: str) -> list[str]:
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    lines = []
    for line in text.split("\n"):
        lines.extend(_key_value_lines(clean_line(line)))
    return lines


def _key_value_lines(line: str) -> list[str]:
    """Word templates often put "Date | 23/11/2023 | Venue | Room 4" in a table; read it as labelled lines."""
    cells = table_cells(line)
    if not cells or match_label(cells[0]) is None:
        return [] if is_table_rule(line) else [line]
    pairs = list(zip(cells[::2], cells[1::2], strict=False))
    labels = [match_label(label) for label, _ in pairs]
    if len(cells) % 2 or any(label is None or label.kind in _LIST_KINDS - PEOPLE_KINDS for label in labels):
        return [line]  # a real table, such as "Action | Owner | Due" or "Time | Item | Lead"
    return [f"{label.rstrip(' :')}: {value}" for label, value in pairs]


@dataclass
class Section:
    """A labelled part of the minutes, such as "Apologies:" and the lines that belong to it."""

    kind: str
    line: int
    label: Label
    items: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    columns: dict[int, str] | None = None
    entries: list[Entry] = dataclasses.field(default_factory=list)
    unreadable: list[str] = dataclasses.field(default_factory=list)

    def indexes(self) -> set[int]:
        return {self.line} | {index for index, _ in self.items}

    def text(self) -> str:
        return " ".join([self.label.rest] + [text for _, text in self.items]).strip()

    def names(self) -> list[str]:
        return [name for entry in self.entries for name in (entry.name, entry.deputy, entry.deputising_for) if name]


_VENUE_LEAD = re.compile(r"^[\s,;:|/–—-]*(?:(?:held\s+)?(?:at|in|via|on)\b|venue\b|location\b)?[\s:,–—-]*", re.I)
ONLINE = re.compile(
    r"\b(?:MS\s+Teams|Microsoft\s+Teams|Teams|Zoom|Google\s+Meet|Webex|online|virtual(?:ly)?|hybrid)\b", re.IGNORECASE
)
VENUE_WORDS = re.compile(
    r"\b(?:room|house|hall|centre|center|school|college|academy|office|offices|building|library|street|road|suite"
    r"|chambers|campus|university|town|council)\b",
    re.IGNORECASE,
)


def venue_from_rest(rest: str) -> str:
    venue = _VENUE_LEAD.sub("", rest, count=1).strip(" ,;.")
    if not re.search(r"[A-Za-z]{2}", venue) or len(venue.split()) > 15 or find_date(venue):
        return ""
    return online_name(venue) if re.fullmatch(ONLINE.pattern, venue, re.IGNORECASE) else venue


def online_name(text: str) -> str:
    return "Online" if text.lower().startswith(("online", "virtual")) else text


def is_real_section(section: Section) -> bool:
    """A label word followed by prose ("Attendance - a discussion ...") is a heading, not a list."""
    if section.kind in {"attendees", "in_attendance", "chair", "notes_taker"}:
        return bool(section.entries)
    if section.kind == "apologies":
        rest = section.label.rest
        return bool(section.entries) or not rest or bool(NOTHING.match(rest))
    return section.kind != "agenda" or bool(section.items or section.label.rest)
