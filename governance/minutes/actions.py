"""Actions: "Action: SB to circulate the slides", action tables, and owners resolved to full names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from governance.minutes.lines import (
    header_columns,
    is_header_row,
    is_marked,
    sentences,
    shorten,
    strip_list_marker,
    table_cells,
)
from governance.minutes.names import INITIALS, KnownPeople, is_acronym
from governance.minutes.results import ParsedAction
from governance.minutes.sections import NOTHING

if TYPE_CHECKING:
    from governance.minutes.results import Found
    from governance.minutes.sections import Section

_ACTION_MARKER = re.compile(r"(?:(?<=[.!?])\s+|^)(?:ACTIONS?|Actions?)\s*(?:\((?P<note>[^()]{1,40})\))?\s*[:–—]\s*")
_OWNER_NOTE = re.compile(
    r"[\s(\[;,.–—-]*\b(?:owner|lead|responsible|action\s+by)\s*[:–—-]\s*(?P<who>[^;,.()\[\]]{1,60}?)\s*[)\]]?"
    r"(?=$|[;,.]|\s+due\b)",
    re.IGNORECASE,
)
_TRAILING_OWNER = re.compile(
    r"\s*(?:[–—-]\s*|(?P<bracket>[(\[])\s*)(?P<who>[A-Z]{2,4}(?:\s*(?:/|,|&|and)\s*[A-Z]{2,4})*)\s*[)\]]?\s*\.?$"
)
_SUBJECT = re.compile(
    r"^(?P<who>.{1,60}?)\s+(?:has\s+|have\s+)?(?:agreed\s+to|is\s+to|are\s+to|will|to|should|must|needs?\s+to)\s+"
    r"(?!be\b)(?=[a-z])"
)
_INFERRED_SUBJECT = re.compile(
    r"^(?P<who>[A-Z][\w'’.-]*(?:(?:\s+(?:and|&)\s+|\s*/\s*|\s+)[A-Z][\w'’.-]*){0,4})\s+"
    r"(?:has\s+|have\s+)?(?:agreed\s+to|will|is\s+to|are\s+to|to)\s+(?!be\b)(?=[a-z])"
)
_GROUP_OWNER = re.compile(r"^(?:the|all|each|every|both)\b", re.IGNORECASE)
_WELL_KNOWN_BODIES = frozenset({"LA", "DFE", "NHS", "MAT", "MATS", "FE", "SCC", "ESFA", "LAS"})


def _owner_parts(who: str) -> list[str]:
    return [part for part in re.split(r"\s*(?:/|&|,|\band\b)\s*", who) if part]


def _action_pieces(text: str, lead_note: str | None = None) -> list[tuple[str, str]]:
    """Split text at each "Action:" marker; with a lead_note, the text before the first marker is an action too."""
    markers = list(_ACTION_MARKER.finditer(text))
    pieces = [(text[: markers[0].start()] if markers else text, lead_note)] if lead_note is not None else []
    for marker, following in zip(markers, [*markers[1:], None], strict=False):
        pieces.append((text[marker.end() : following.start() if following else len(text)], marker["note"] or ""))
    return [(piece.strip(), note or "") for piece, note in pieces if piece.strip() and not NOTHING.match(piece.strip())]


def is_action_line(text: str) -> bool:
    if is_marked(text):
        return True
    return text.endswith(".") or bool(_SUBJECT.match(text))


def _take_owner_note(text: str, people: KnownPeople) -> tuple[str, str]:
    """Take "(Owner: SB)", "Lead: Jane Roe" or a trailing "– SB" off an action, returning the owner."""
    for pattern in (_OWNER_NOTE, _TRAILING_OWNER):
        found = pattern.search(text)
        if found and _is_owner_note(found, people):
            remaining = (text[: found.start()] + text[found.end() :]).strip(" ,;–—-")
            return remaining or text, found.group("who").strip()
    return text, ""


def _is_owner_note(found: re.Match, people: KnownPeople) -> bool:
    # "(SEND)" at the end of an action is usually part of the text; "(SB)" is an owner only if SB is someone.
    if "bracket" not in found.groupdict() or not found.group("bracket"):
        return True
    return all(people.resolve(part) for part in _owner_parts(found.group("who")))


def _subject_owner(text: str, people: KnownPeople) -> str:
    """ "the Department is to publish ..." is owned by "the Department"; "circulate the slides" names no owner."""
    found = _SUBJECT.match(text)
    if not found:
        return ""
    who = found.group("who").strip(" ,")
    words = who.split()
    if all(people.resolve(part) or INITIALS.fullmatch(part) for part in _owner_parts(who)):
        return who
    if _GROUP_OWNER.match(who) and len(words) <= 5:
        return who
    if 2 <= len(words) <= 4 and all(word[0].isupper() for word in words):
        return who
    return who if len(words) == 1 and (is_acronym(who) or _is_plural_noun(who)) else ""


def _is_plural_noun(word: str) -> bool:
    # "Officials to share the data" names an owner; "Discuss ..." or "Circulate ..." is an instruction.
    return word[:1].isupper() and word.endswith("s") and not word.endswith("ss")


class ActionReading:
    """The reader's actions: marked ones, those in tables, or else sentences that give someone a task."""

    def _actions(self) -> list[ParsedAction]:
        found = self._actions_in_sections() + self._actions_in_prose()
        # Actions are inferred only from minutes that mark none, so a marked action is never counted twice.
        if found or self._sections("actions"):
            return [action for _, action in sorted(found, key=lambda pair: pair[0])]
        return self._inferred_actions()

    def _actions_in_sections(self) -> list[tuple[int, ParsedAction]]:
        found = []
        for section in self._sections("actions"):
            pieces = _action_pieces(section.label.rest, section.label.note)
            where = self._found(f"marked '{section.label.words}'", section.line)
            found += [(section.line, self._action(text, note, where)) for text, note in pieces]
            found += self._actions_in_items(section)
        return found

    def _actions_in_items(self, section: Section) -> list[tuple[int, ParsedAction]]:
        found, columns = [], section.columns
        rule = f"under '{section.label.words}'"
        for index, text in section.items:
            cells = table_cells(text)
            if cells and is_header_row(cells):
                columns = header_columns(cells)
                continue
            where = self._found(rule, index)
            if cells:
                action = self._action_from_row(cells, columns, where)
            else:
                action = self._action(strip_list_marker(text), where=where)
            if action:
                found.append((index, action))
        return found

    def _actions_in_prose(self) -> list[tuple[int, ParsedAction]]:
        found = []
        for index, text in enumerate(self.lines):
            if index not in self.consumed and "ction" in text:
                where = self._found("marked 'Action'", index)
                found += [(index, self._action(piece, note, where)) for piece, note in _action_pieces(text)]
        return found

    def _inferred_actions(self) -> list[ParsedAction]:
        """With no "Action:" markers at all, sentences like "SD agreed to circulate his slides" are the actions."""
        found = []
        for index in range(self.body_start, len(self.lines)):
            if index in self.consumed or not self.lines[index]:
                continue
            for sentence in sentences(strip_list_marker(self.lines[index])):
                owner = self._inferred_owner(sentence)
                if owner:
                    where = self._found("in a sentence giving someone a task", index)
                    found.append(ParsedAction(sentence, owner, where))
        return found

    def _inferred_owner(self, sentence: str) -> str | None:
        found = _INFERRED_SUBJECT.match(sentence)
        if not found:
            return None
        names = [self.people.resolve(part) for part in _owner_parts(found.group("who"))]
        return " and ".join(name for name in names if name) if names and all(names) else None

    def _action(self, text: str, hint: str = "", where: Found | None = None) -> ParsedAction:
        text = " ".join(text.split()).strip(" ;")
        text, owner = _take_owner_note(text, self.people)
        owner = owner or hint or _subject_owner(text, self.people)
        return ParsedAction(text, self._owner_name(owner, text), where)

    def _action_from_row(
        self, cells: list[str], columns: dict[int, str] | None, where: Found | None = None
    ) -> ParsedAction | None:
        by_column = {columns.get(index, ""): cell for index, cell in enumerate(cells)} if columns else {}
        text = by_column.get("text") if columns else max(cells, key=len)
        if not text or re.fullmatch(r"[\W\d]*", text):
            return None
        owner = by_column.get("owner", "") if columns else next((c for c in cells if self.people.resolve(c)), "")
        return self._action(text, owner, where)

    def _owner_name(self, who: str, text: str) -> str:
        """The owner as a full name wherever initials or a first name can be resolved."""
        who = who.strip(" .,;:()[]")
        parts = _owner_parts(who)
        names = [self.people.resolve(part) for part in parts]
        if parts and all(names):
            return " and ".join(name for name in names if name)
        for part, name in zip(parts, names, strict=True):
            if name is None and INITIALS.fullmatch(part) and part.upper() not in _WELL_KNOWN_BODIES:
                self._warn(
                    "actions",
                    f'"{part}", the owner of "{shorten(text, 60)}", could not be matched to anyone '
                    "named in the minutes; please choose the owner.",
                )
        return who
