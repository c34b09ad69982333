"""Titles and agenda headings: a listed agenda, or else the headings the discussion is written under."""

from __future__ import annotations

import re
from dataclasses import dataclass

from governance.minutes.dates import ONE_TIME, TIME_RANGE, find_date, without_when
from governance.minutes.lines import (
    is_bullet,
    is_prose,
    split_numbering,
    strip_list_marker,
    table_cells,
    unique_in_order,
)
from governance.minutes.names import BRACKETED, INITIALS, looks_like_name

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_SUB_ITEM = re.compile(r"^\d{1,2}\.\d{1,2}\b")
_NOT_AGENDA = frozenset(
    {"decisions", "decision", "discussion", "key points", "outcome", "outcomes", "notes", "summary", "key decisions"}
)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:draft|approved|confirmed|unconfirmed|final)\s+)?(?:minutes|notes)\s+(?:of|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:\w+\s+)?meeting\s+(?:of|held\s+by)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_TITLE_HELD = re.compile(r"\s+(?:held|which\s+took\s+place|that\s+took\s+place)\b.*$", re.IGNORECASE)
GENERIC_TITLES = frozenset(
    re.split(
        r"\s*\|\s*",
        "minutes | meeting minutes | minutes of meeting | minutes of the meeting | notes | meeting notes | "
        "notes of meeting | notes of the meeting | draft minutes | meeting | action notes | record of meeting",
    )
)
_MARKINGS = re.compile(
    r"^(?:draft|confidential|official(?:[\s-]+sensitive)?|not\s+protectively\s+marked|restricted|private|"
    r"page\s+\d+(?:\s+of\s+\d+)?|for\s+publication|unconfirmed|paper\s+\w{1,3}|appendix\s+\w{1,3}|annex\s+\w{1,3}"
    r"|agenda\s+item\s+\w{1,3}|item\s+\d{1,2}[a-z]?)\W*$",
    re.IGNORECASE,
)
# Page furniture: headers and footers that repeat on every page and are neither a title nor an agenda item.
_FURNITURE = re.compile(
    r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-|(?:contact|e-?mail|tel|telephone|phone|mobile|web|"
    r"website|address|ref|our\s+ref|your\s+ref)\s*[:.]\s*.*|.*\bwww\.\S+.*|.*\S+@\S+\.\w+.*|https?://\S+)$",
    re.IGNORECASE,
)
# "MINUTES OF THE MEETING HELD ON 25 NOVEMBER 2015 AT 9.30 A.M. AT ... OF THE REGIONAL CONFERENCE ..."
HELD_ON = re.compile(r"^(?:draft\s+)?minutes\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+)?meeting\s+held\s+on\b", re.IGNORECASE)
_HELD_ON_GROUP = re.compile(r"^.*\bheld\s+on\b.*\bof\s+the\s+(?P<group>[^,;]{3,150}?)\W*$", re.IGNORECASE)


def is_furniture(text: str) -> bool:
    return bool(_MARKINGS.match(text) or _FURNITURE.match(text))


def plain_heading(text: str) -> str | None:
    """A short standalone line that names a part of the meeting, e.g. "Introductions"."""
    words = text.split()
    if not 1 <= len(words) <= 12 or len(text) > 100 or not (text[0].isupper() or text[0].isdigit()):
        return None
    if is_furniture(text):
        return None
    if text.endswith((".", ",", ";", ":")) or _SENTENCE_BREAK.search(text) or not re.search(r"[A-Za-z]{2}", text):
        return None
    if _SUB_ITEM.match(text):
        return None  # "3.1 Attendance data" is part of item 3, not an item of its own
    if TIME_RANGE.search(text) or ONE_TIME.search(text) or text.lower() in _NOT_AGENDA:
        return None
    return text


def _dash_heading(text: str) -> str | None:
    """The heading before a dash: "Attendance - a discussion about ...", "Useful lessons – Simon Day (slides)"."""
    parts = re.split(r"\s+[–—-]\s+", text, maxsplit=1)
    if len(parts) != 2 or len(text.split()) > 35 or len(parts[0].split()) > 8:
        return None
    head, tail = parts
    if plain_heading(head) is None or _SENTENCE_BREAK.search(tail.rstrip(".")):
        return None
    presenter = BRACKETED.sub(" ", tail).strip(" .")
    if tail[0].islower() or looks_like_name(presenter) or INITIALS.fullmatch(presenter):
        return head
    return None


@dataclass
class _HeadingScan:
    """What the agenda scan remembers from one line to the next."""

    previous: str = ""
    in_list: bool = False
    last_number: int | None = None


def _row_heading(text: str) -> str | None:
    """In a Word agenda table, "1 | Welcome and apologies | SB" is item 1."""
    cells = [cell for cell in table_cells(text) or [] if cell]
    if len(cells) >= 2 and re.fullmatch(r"\d{1,2}\.?", cells[0]):
        return _dash_heading(cells[1]) or plain_heading(cells[1])
    return None


def could_be_title(text: str) -> bool:
    letters = sum(character.isalpha() or character.isspace() for character in text)
    if len(text) > 200 or letters < len(text) * 0.6 or is_furniture(text) or table_cells(text) or is_prose(text):
        return False
    return find_date(text) is None or bool(re.search(r"[A-Za-z]{3}", without_when(text)))


def title_in_held_on(text: str) -> str:
    """The group a "Minutes of the meeting held on ... of the Regional Conference" sentence names."""
    if not HELD_ON.match(text):
        return ""
    found = _HELD_ON_GROUP.match(text)
    return found.group("group").strip() if found else ""


def tidy_title(text: str) -> str:
    """ "Minutes of the Attendance Working Group held on 12 March 2024" -> "Attendance Working Group"."""
    title = _TITLE_HELD.sub("", _TITLE_PREFIX.sub("", text, count=1)).strip(" ,–—-:")
    mention = find_date(title)
    if mention and mention.start > 0:
        title = title[: mention.start].strip(" ,–—-:")
    return title


class AgendaReading:
    """The reader's agenda: a listed agenda, or else the headings of the discussion."""

    def _agenda(self) -> list[str]:
        listed = []
        for section in self._sections("agenda"):
            listed += re.split(r"\s*;\s*", section.label.rest) + [strip_list_marker(text) for _, text in section.items]
        listed = [item for item in listed if item]
        return unique_in_order(listed) if listed else unique_in_order(self._agenda_headings())

    def _agenda_headings(self) -> list[str]:
        headings, scan = [], _HeadingScan()
        for index in range(self.body_start, len(self.lines)):
            heading = self._heading_at(index, scan)
            if heading:
                headings.append(heading)
        return headings

    def _heading_at(self, index: int, scan: _HeadingScan) -> str | None:
        text = self.lines[index]
        if not text:
            return None
        number, body = split_numbering(text)
        # Numbered lines after "... nine conditions:" are a list in the discussion, not agenda items.
        in_list = (is_bullet(text) or number is not None) and (scan.previous.endswith(":") or scan.in_list)
        scan.in_list, scan.previous = in_list, text
        if index in self.consumed:
            return self._consumed_heading(index, number, scan)
        if in_list or is_bullet(text) or index >= self.last_text_line:
            return None
        heading = _row_heading(text) if table_cells(text) else self._line_heading(number, body, scan)
        if heading and number is not None:
            scan.last_number = number
        return heading

    def _consumed_heading(self, index: int, number: int | None, scan: _HeadingScan) -> str | None:
        """A "Date of next meeting" heading is the last agenda item; other labelled lines are not items."""
        if number is not None:
            scan.last_number = number
        section = self.section_at.get(index)
        if section is None or section.kind != "next_meeting":
            return None
        if section.label.rest and number is None:
            return None  # "Next meeting: 15 December at 10am" gives a date; it is not an item discussed
        return section.label.label[:1].upper() + section.label.label[1:]

    def _line_heading(self, number: int | None, body: str, scan: _HeadingScan) -> str | None:
        if self._is_sentence_about_someone(body):
            return None
        # Seed 000's "3. Focusing on ... – recognising ..." continues a list in the prose, so a numbered dash
        # heading only counts when it follows on from the items before it.
        in_sequence = number is None or number == 1 or (scan.last_number is not None and number > scan.last_number)
        heading = (_dash_heading(body) if in_sequence else None) or plain_heading(body)
        if heading and looks_like_name(heading) and self.people.resolve(heading):
            return None  # a signature or a presenter's name, not an item
        return heading

    def _is_sentence_about_someone(self, text: str) -> bool:
        words = text.split()
        if len(words) < 2 or not words[1][:1].islower():
            return False
        return self.people.knows_initials(words[0]) or bool(self.people.resolve(words[0]))
