"""People in lists: "Present:", "Apologies:", attendance tables, and what each entry says about someone.

Each entry yields a name, the capacity the minutes give (chair, notes, deputy...), whether they
joined online, their organisation, and for apologies the deputy who came in their place.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance.choices import AttendanceCapacity, MembershipRole, register_capacity
from governance.minutes.lines import header_columns, is_header_row, strip_list_marker, table_cells
from governance.minutes.names import BRACKETED, initials_of, is_acronym, looks_like_name, name_key
from governance.minutes.results import ParsedApology, ParsedMinutes, ParsedPerson
from governance.minutes.sections import NOTHING

if TYPE_CHECKING:
    from governance.minutes.sections import Section

_CHAIR, _VICE_CHAIR, _NOTES = MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.SECRETARIAT
_ROLES = {
    "chair": _CHAIR, "chairperson": _CHAIR, "chairman": _CHAIR, "chairwoman": _CHAIR, "in the chair": _CHAIR,
    "chair of the meeting": _CHAIR, "chairing": _CHAIR, "independent chair": MembershipRole.INDEPENDENT_CHAIR,
    "co-chair": _CHAIR, "joint chair": _CHAIR, "vice-chair": _VICE_CHAIR, "vice chair": _VICE_CHAIR,
    "deputy chair": _VICE_CHAIR, "vice chairman": _VICE_CHAIR, "notes": _NOTES, "minutes": _NOTES,
    "note taker": _NOTES, "notetaker": _NOTES, "note-taker": _NOTES, "minute taker": _NOTES,
    "minute-taker": _NOTES, "taking notes": _NOTES, "clerk": _NOTES, "secretariat": _NOTES,
    "secretary": _NOTES, "observer": MembershipRole.OBSERVER, "observing": MembershipRole.OBSERVER,
    "co-opted": MembershipRole.CO_OPTED, "co-opted member": MembershipRole.CO_OPTED, "guest": MembershipRole.ADVISER,
}  # fmt: skip
_ONLINE_NOTES = frozenset(
    {"online", "virtual", "remote", "remotely", "via teams", "on teams", "teams", "via zoom", "zoom", "by phone",
     "joined online", "joined remotely", "ms teams"}
)  # fmt: skip
_ONLINE_STATUS = re.compile(r"\b(?:online|virtual(?:ly)?|remote(?:ly)?|teams|zoom|by\s+phone)\b", re.IGNORECASE)
_DEPUTY_NOTES = frozenset({"deputy", "deputising", "deputizing", "substitute", "substituting", "sub", "as deputy"})
# "John Doe (deputy for Jane Roe)" in a list of those present: he came in her place.
_DEPUTISING_FOR = re.compile(
    r"^(?:as\s+)?(?:(?:deputy|deputising|deputizing|substitute|substituting|sub|standing\s+in|attending)\s+for"
    r"|in\s+place\s+of|on\s+behalf\s+of)\s+(?P<member>.+)$",
    re.IGNORECASE,
)
_DEPUTY_BEFORE = re.compile(
    r"^(?:represented\s+by|rep(?:\.|resented)?\s+by|deputised\s+by|deputy|deputising|substituted\s+by|substitute|sub"
    r"|sent|replaced\s+by|covered\s+by|attended\s+by)\s*:?\s+(?P<deputy>.+)$",
    re.IGNORECASE,
)
_DEPUTY_AFTER = re.compile(r"^(?P<deputy>.+?)\s+(?:deputising|deputised|attending|attended|substituting|as\s+deputy)$")
_DEPUTY_IN_TEXT = re.compile(r"\s*[,–—-]?\s*\b(?:represented|deputised|substituted|replaced|covered)\s+by\s+", re.I)
_IGNORED_NOTE = re.compile(
    r"^(?:items?\b|for\s+(?:items?|part)|from\b|until\b|left\b|arrived\b|joined\b|part\b|see\b|agenda\b|minute\b)",
    re.IGNORECASE,
)
_STATUS = {"present": "present", "attended": "present", "yes": "present", "y": "present", "online": "present",
           "virtual": "present", "remote": "present", "apologies": "apologies", "apology": "apologies",
           "absent": "absent", "no": "absent", "n": "absent"}  # fmt: skip


@dataclass
class Entry:
    """One person as read from a list, before they become an attendee, an absence or an apology."""

    name: str
    role: str = ""
    organisations: list[str] = dataclasses.field(default_factory=list)
    online: bool = False
    deputy: str = ""
    is_deputy: bool = False
    deputising_for: str = ""
    status: str = ""

    def add_note(self, note: str) -> None:
        """Sort what a list says about someone (role, online, organisation, a deputy) into its place."""
        note = note.strip(" .:;–—-")
        standing_in = _DEPUTISING_FOR.match(note)
        if standing_in and looks_like_name(standing_in.group("member").strip(" .")):
            self.is_deputy, self.deputising_for = True, standing_in.group("member").strip(" .")
            return
        deputy = _DEPUTY_BEFORE.match(note) or _DEPUTY_AFTER.match(note)
        if deputy:
            self.deputy = deputy.group("deputy").strip(" .")
            return
        for part in re.split(r"\s*[,;]\s*", note):
            self._add_note_part(part.strip(" .:–—-"))

    def _add_note_part(self, part: str) -> None:
        words = " ".join(part.lower().split())
        if words in _ONLINE_NOTES:
            self.online = True
        elif words in _DEPUTY_NOTES:
            self.is_deputy = True
        elif words in _ROLES:
            self.role = self.role or _ROLES[words]
        # "(SB)" after Stephen Betts repeats his initials; "(for item 3)" says when, not who.
        elif part and not _IGNORED_NOTE.match(part) and part != initials_of(self.name):
            self.organisations.append(part)

    def capacity(self, unstated: str = "") -> str:
        """The register capacity: a deputy is a deputy unless the minutes also make them the chair."""
        stated = register_capacity(self.role) if self.role else unstated
        if self.is_deputy and stated != AttendanceCapacity.CHAIR:
            return AttendanceCapacity.DEPUTY
        return stated

    def as_person(self, unstated_capacity: str = "") -> ParsedPerson:
        return ParsedPerson(self.name, self.capacity(unstated_capacity), ", ".join(self.organisations), self.online)

    def as_apology(self) -> ParsedApology:
        return ParsedApology(self.name, self.deputy)


def _split_people(text: str) -> list[str]:
    """Split a written list of people on commas, semicolons, "and", and a missing comma after a bracket."""
    pieces = []
    for piece in _split_outside_brackets(text.strip().rstrip(".")):
        # Seed 000 has "Ben Bryant ISOS (online) Evelyn Priestley (notes)": a capital after a bracket is a new person.
        for part in re.split(r"(?<=\))\s+(?=[A-Z])", piece):
            pieces.extend(_split_on_and(part.strip()))
    return [piece for piece in pieces if piece]


def _split_outside_brackets(text: str) -> list[str]:
    pieces, current, depth = [], [], 0
    for character in text:
        depth += (character in "([") - (character in ")]")
        depth = max(depth, 0)
        if character in ",;" and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(character)
    return [*pieces, "".join(current)]


def _split_on_and(text: str) -> list[str]:
    parts = re.split(r"\s+(?:and|&)\s+", text)
    if len(parts) > 1 and all(_entry_from_piece(part) for part in parts):
        return parts
    return [text]


def _entry_from_piece(piece: str) -> Entry | None:
    """Read "Ben Bryant ISOS (online)" as a name plus what the list says about them."""
    text = strip_list_marker(piece).strip(" .;:")
    text, deputy = _split_deputy(text)
    notes = [" ".join(group for group in found if group) for found in BRACKETED.findall(text)]
    text = BRACKETED.sub(" ", text).strip(" ,")
    text, dash_note = _split_dash_note(text)
    text, acronyms = _split_trailing_acronyms(" ".join(text.split()))
    if not looks_like_name(text):
        return None
    entry = Entry(text, deputy=deputy)
    for note in [*notes, dash_note, acronyms]:
        if note:
            entry.add_note(note)
    return entry


def _split_deputy(text: str) -> tuple[str, str]:
    parts = _DEPUTY_IN_TEXT.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].count("(") == parts[0].count(")"):
        return parts[0].strip(" ,–—-"), parts[1].strip(" .")
    return text, ""


def _split_dash_note(text: str) -> tuple[str, str]:
    parts = re.split(r"\s+[–—-]\s+", text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _split_trailing_acronyms(text: str) -> tuple[str, str]:
    words = text.split()
    if all(word.isupper() for word in words):
        return text, ""  # a name written all in capitals has no organisation tucked on the end
    end = len(words)
    while end > 2 and is_acronym(words[end - 1]):
        end -= 1
    return " ".join(words[:end]), " ".join(words[end:])


def is_person_line(text: str) -> bool:
    text = strip_list_marker(text)
    cells = table_cells(text)
    if cells:
        return is_header_row(cells) or _entry_from_piece(cells[0]) is not None
    pieces = _split_people(text)
    return bool(pieces) and _entry_from_piece(pieces[0]) is not None


def _entry_from_row(cells: list[str], columns: dict[int, str] | None) -> Entry | None:
    """A person from "Name | Organisation | Role" (or, without a header row, name first and notes after)."""
    columns = columns or _guessed_columns(cells)
    entry = _entry_from_piece(next((cells[i] for i, name in columns.items() if name == "name" and i < len(cells)), ""))
    if entry is None:
        return None
    for index, cell in enumerate(cells):
        if columns.get(index) == "status":
            _read_status(entry, cell)
        elif columns.get(index) in {"role", "organisation"} and cell:
            entry.add_note(cell)
    return entry


def _guessed_columns(cells: list[str]) -> dict[int, str]:
    columns = {index: "organisation" for index in range(1, len(cells))}
    columns.update({index: "status" for index, cell in enumerate(cells) if index and _status_of(cell)})
    return {**columns, 0: "name"}


def _status_of(cell: str) -> str:
    first_word = (cell.lower().split() or [""])[0].strip(" .,;:–—-")
    return _STATUS.get(first_word, "")


def _read_status(entry: Entry, cell: str) -> None:
    """An attendance column: "Present", "Online", "Apologies – represented by John Doe", "Absent"."""
    entry.status = _status_of(cell)
    entry.online = entry.online or (entry.status == "present" and bool(_ONLINE_STATUS.search(cell)))
    deputy = _DEPUTY_IN_TEXT.split(cell, maxsplit=1)
    if len(deputy) == 2:
        entry.deputy = deputy[1].strip(" .")


def read_entries(section: Section) -> tuple[list[Entry], list[str]]:
    """The people a list section names, and any pieces of it that were not names."""
    entries: list[Entry] = []
    unreadable: list[str] = []
    columns = section.columns
    rest = "" if NOTHING.match(section.label.rest) else section.label.rest
    for text in [rest, *(text for _, text in section.items)]:
        cells = table_cells(strip_list_marker(text)) if text else None
        if cells and is_header_row(cells):
            columns = header_columns(cells)
        elif cells:
            entries.extend(entry for entry in [_entry_from_row(cells, columns)] if entry)
        elif text:
            _read_entries_in_text(text, entries, unreadable)
    return entries, unreadable


def _read_entries_in_text(text: str, entries: list[Entry], unreadable: list[str]) -> None:
    for piece in _split_people(text):
        entry = _entry_from_piece(piece)
        if entry:
            entries.append(entry)
        elif entries and len(piece.split()) <= 8:
            entries[-1].add_note(piece)  # "Jane Roe, Walsall Council" or "Jane Roe, represented by John Doe"
        elif not NOTHING.match(piece):
            unreadable.append(piece)


def file_entries(minutes: ParsedMinutes, kind: str, entries: list[Entry]) -> None:
    """Put each entry of a list where it belongs: attendees, officials in attendance, absent or apologies."""
    for entry in entries:
        if kind == "apologies" or entry.status == "apologies":
            minutes.apologies.append(entry.as_apology())
        elif entry.status == "absent":
            minutes.absent.append(entry.as_person())
        elif kind == "in_attendance":
            minutes.in_attendance.append(entry.as_person(AttendanceCapacity.IN_ATTENDANCE))
        else:
            minutes.attendees.append(entry.as_person())
            if entry.deputising_for:
                minutes.apologies.append(ParsedApology(entry.deputising_for, entry.name))


def give_capacity(
    minutes: ParsedMinutes, entry: Entry, capacity: str, add_to: list[ParsedPerson], at_start: bool = False
) -> ParsedPerson:
    """Give a listed person a capacity, adding them if the minutes name them only in a "Chair:" or "Clerk:" line."""
    key = name_key(entry.name)
    for person in minutes.attendees + minutes.in_attendance:
        if name_key(person.name) == key:
            if capacity == AttendanceCapacity.CHAIR or person.capacity in _UNSTATED:
                person.capacity = capacity
            return person
    person = entry.as_person(capacity)
    person.capacity = capacity
    add_to.insert(0 if at_start else len(add_to), person)
    return person


_UNSTATED = {"", AttendanceCapacity.MEMBER, AttendanceCapacity.IN_ATTENDANCE}


def is_chair(person: ParsedPerson) -> bool:
    return person.capacity == AttendanceCapacity.CHAIR


def unique_people(people: list[ParsedPerson]) -> list[ParsedPerson]:
    unique: dict[str, ParsedPerson] = {}
    for person in people:
        unique.setdefault(name_key(person.name), person)
    return list(unique.values())


def unique_apologies(apologies: list[ParsedApology]) -> list[ParsedApology]:
    """One apology per person, keeping the deputy whichever list named them."""
    unique: dict[str, ParsedApology] = {}
    for apology in apologies:
        kept = unique.setdefault(name_key(apology.name), apology)
        kept.represented_by = kept.represented_by or apology.represented_by
    return list(unique.values())


def mark_deputies(minutes: ParsedMinutes) -> None:
    """Someone present who is named as a member's deputy attended as that deputy, and counts once."""
    deputies = {name_key(apology.represented_by) for apology in minutes.apologies if apology.represented_by}
    for person in minutes.attendees:
        if name_key(person.name) in deputies and person.capacity in _UNSTATED:
            person.capacity = AttendanceCapacity.DEPUTY
