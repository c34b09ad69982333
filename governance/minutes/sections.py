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
    r"|also\s+in\s+attendance|in\s+attendance|also\s+present|observers?|guests?|officials?|advis[eo]rs?"
    r"|also(?=\s*:)",
    "apologies": r"apologies(?:\s+for\s+absence)?(?:\s*\.?\s+(?:these|they))?"
    r"(?:\s+(?:were|was|have\s+been|had\s+been))?(?:\s+also)?(?:\s+(?:received|given|noted|sent|tendered))?(?:\s+from)?",
    "attendees": r"attendees|attendance|attending|present|members\s+present|members\s+attending|those\s+present"
    r"|participants|members|board\s+members|group\s+members|attended\s+by",
    "notes_taker": r"minute[\s-]?taker|minutes\s+taken\s+by|notes?\s+taken\s+by|note[\s-]?taker|clerk|secretariat"
    r"|minuted\s+by|minutes\s+by|notes\s+by|notes(?=\s*:)",
    "chair": r"chair(?:person|man|woman)?|chaired\s+by|in\s+the\s+chair|meeting\s+chair|independent\s+chair",
    "venue": r"venue|location|where|place|held\s+at|meeting\s+place",
    "date": r"date|meeting\s+date|date\s+of\s+(?:the\s+)?meeting|date\s*(?:and|&|/)\s*time|when|held\s+on",
    "time": r"times?|meeting\s+time|start\s+time",
    "agenda": r"agenda(?:\s+items?)?",
    "actions": r"actions?(?:\s+points?|\s+log|\s+arising|\s+agreed|\s+summary|\s+list)?|summary\s+of\s+actions"
    r"|agreed\s+actions|actions?\s+and\s+decisions?",
}
_LABEL_TAIL = r"(?:\s*\((?P<note>[^()]{0,40})\))?(?:\s*:-?\s*|\s+[–—-]\s*|\s*$|(?<=from)(?::-|\s)\s*|(?<=by)\s+)"
_LEAD = r"^(?:[-*•]\s+)?(?:(?P<number>\d{1,2})[a-z]?[.)]\s+)?"
_LABELS = {
    kind: re.compile(rf"{_LEAD}(?P<label>{words}){_LABEL_TAIL}(?P<rest>.*)$", re.IGNORECASE)
    for kind, words in _LABEL_WORDS.items()
}
# A register split into groups, each under its own label: "Schools members:", "Substitutes:", "Officers:".
_GROUP_WORDS = {
    "attendees": r"members|governors|trustees|directors|representatives|councillors|headteachers|heads",
    "in_attendance": r"officers|officials|advis[eo]rs|observers|guests|visitors|clerks?|secretar(?:y|iat)|staff",
    "deputies": r"substitutes?|deputies|alternates|substitute\s+members",
}
_GROUP_LABEL = re.compile(
    rf"{_LEAD}(?P<label>(?:(?!actions?\b|items?\b)[A-Za-z][\w'’&-]*\s+){{0,3}}?"
    rf"(?P<group>{'|'.join(_GROUP_WORDS.values())}))\s*(?:\((?P<note>[^()]{{0,40}})\))?\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_GROUP_KIND = {kind: re.compile(rf"(?:{words})$", re.IGNORECASE) for kind, words in _GROUP_WORDS.items()}
# The part a whole labelled group took, when its label says so.
_LABEL_ROLES = (
    (re.compile(r"substitut|deput|alternate", re.I), "deputy"),
    (re.compile(r"observ", re.I), "observer"),
    (re.compile(r"clerk|secretar|minute|note", re.I), "notes"),
)
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

    @property
    def role(self) -> str:
        """ "Substitutes:", "Observers:", "Clerk:": the part everyone under this label took."""
        return next((role for pattern, role in _LABEL_ROLES if pattern.search(self.label)), "")

    @property
    def words(self) -> str:
        """The label as the minutes write it, to say where a value was found."""
        return " ".join(self.label.split())


def match_label(text: str) -> Label | None:
    if _NO_APOLOGIES.match(text):
        return Label("apologies", "Apologies", "")
    for kind, pattern in _LABELS.items():
        found = pattern.match(text)
        if found:
            return _label(kind, found)
    found = _GROUP_LABEL.match(text)
    if found:
        kind = next(kind for kind, pattern in _GROUP_KIND.items() if pattern.search(found.group("group")))
        return _label("attendees" if kind == "deputies" else kind, found)
    return None


def _label(kind: str, found: re.Match) -> Label:
    number = int(found.group("number")) if found.group("number") else None
    rest = found.group("rest").strip()
    return Label(kind, found.group("label"), rest, (found.group("note") or "").strip(), number)


def clean_lines(text: str) -> tuple[list[str], list[int]]:
    """The tidied lines, and for each the line of the text as uploaded it came from (counting from 1)."""
    lines, origins = [], []
    for number, line in enumerate(source_lines_of(CONTROL_CHARACTERS.sub("", text)), start=1):
        tidied = _key_value_lines(_numbered_row_label(clean_line(line)))
        lines.extend(tidied)
        origins.extend([number] * len(tidied))
    return lines, origins


def source_lines_of(text: str) -> list[str]:
    """The text's lines as the parser counts them, so "line 12" on the confirmation screen is the same line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return text.split("\n")


_ROW_CELLS = re.compile(r"\s*\|\s*|\t+|\s+/\s+")


def _numbered_row_label(line: str) -> str:
    """An agenda table row such as "1 / Apologies / AB, CD" or "1 | Apologies | AB, CD" holds a labelled list."""
    cells = [cell for cell in _ROW_CELLS.split(line.strip("| ")) if cell]
    if len(cells) < 3 or not re.fullmatch(r"\d{1,2}[a-z]?\.?", cells[0]):
        return line
    label = match_label(cells[1])
    if label is None or label.kind not in PEOPLE_KINDS or label.rest:
        return line
    return f"{cells[1].rstrip(' :')}: {cells[2]}"


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
