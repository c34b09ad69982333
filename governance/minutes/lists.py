"""Entries: one person as a list writes them, and reading a written list ("Present:", "Apologies:", tables).

Registers come in many hands: comma lists that wrap across lines, one person a line as
"AB – role, organisation", names running straight into job titles, text flattened from a PDF with
"Name (Org) Name and Name (Org)" in one run. Whatever cannot be read as a person is kept as a note
on the person before it, or reported, never turned into someone.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from governance.choices import AttendanceCapacity, MembershipRole, register_capacity
from governance.minutes.lines import first_sentence, header_columns, is_header_row, strip_list_marker, table_cells
from governance.minutes.names import (
    BRACKETED,
    initials_of,
    is_acronym,
    is_initials,
    is_not_name_word,
    looks_like_name,
    split_name_and_title,
    split_run_together,
)
from governance.minutes.results import ParsedApology, ParsedPerson
from governance.minutes.sections import NOTHING

if TYPE_CHECKING:
    from governance.minutes.results import Found
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
    initials: str = ""
    line: int = -1
    found: Found | None = None
    unsure: str = ""

    def add_note(self, note: str) -> None:
        """Sort what a list says about someone (role, online, organisation, a deputy) into its place."""
        note = note.strip(" .:;–—-")
        brackets = [" ".join(group for group in found if group) for found in BRACKETED.findall(note)]
        if brackets and BRACKETED.sub("", note).strip():
            for part in [BRACKETED.sub(" ", note), *brackets]:
                self.add_note(part)
            return
        standing_in = _DEPUTISING_FOR.match(note)
        if standing_in and looks_like_name(standing_in.group("member").strip(" .")):
            self.is_deputy, self.deputising_for = True, standing_in.group("member").strip(" .")
            return
        deputy = _DEPUTY_BEFORE.match(note) or _DEPUTY_AFTER.match(note)
        named = deputy.group("deputy").strip(" .") if deputy else ""
        if named and (looks_like_name(named) or is_initials(named)):  # "Deputy Headteacher" names no deputy
            self.deputy = named
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
        elif part and self._states_initials(part):
            self.initials = part
        elif part and not _IGNORED_NOTE.match(part):
            self.organisations.append(part)

    def _states_initials(self, part: str) -> bool:
        """ "Ian Budd (IB)" or "Mrs R Agnew (RA)": capitals starting with the first initial are the person's own."""
        if part == initials_of(self.name):
            return True
        own = initials_of(self.name)
        return len(own) >= 2 and bool(re.fullmatch(r"[A-Z]{2,4}", part)) and part[0] == own[0] and not self.initials

    def capacity(self, unstated: str = "") -> str:
        """The register capacity: a deputy is a deputy unless the minutes also make them the chair."""
        stated = register_capacity(self.role) if self.role else unstated
        if self.is_deputy and stated != AttendanceCapacity.CHAIR:
            return AttendanceCapacity.DEPUTY
        return stated

    def as_person(self, unstated_capacity: str = "") -> ParsedPerson:
        organisation = ", ".join(self.organisations)
        return ParsedPerson(self.name, self.capacity(unstated_capacity), organisation, self.online, self.found)

    def as_apology(self) -> ParsedApology:
        return ParsedApology(self.name, self.deputy, self.found)


_ONLINE_STATUS = re.compile(r"\b(?:online|virtual(?:ly)?|remote(?:ly)?|teams|zoom|by\s+phone)\b", re.IGNORECASE)
_STATUS = {"present": "present", "attended": "present", "yes": "present", "y": "present", "online": "present",
           "virtual": "present", "remote": "present", "apologies": "apologies", "apology": "apologies",
           "absent": "absent", "no": "absent", "n": "absent"}  # fmt: skip
# "Sue Norgate (Wandsworth) - Chair Linda Orr": a role marker after the bracket belongs inside it.
_ROLE_AFTER_BRACKET = re.compile(
    r"\)\s*[–—-]\s*(?P<role>(?:vice[\s-]?)?chair(?:man|person|woman)?|clerk|secretary|notes|minutes)\b", re.IGNORECASE
)
# "Nadia Fenwick for Colin Ashdown" in a list of substitutes: she came in his place.
_STANDING_IN = re.compile(
    r"^(?P<deputy>.+?)\s+(?:(?:attended|attending|deputising|deputised|substituting|substituted|sitting)\s+)?"
    r"(?:for|on\s+behalf\s+of|in\s+place\s+of)\s+(?P<member>.+)$"
)
_ORGANISATION_WORDS = re.compile(
    r"\b(?:school|academy|college|university|trust|council|federation|partnership|foundation|diocese|hospital|"
    r"primary|secondary|infant|junior|nursery|ccg|icb|nhs|authority|service|services)\b",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*")
_LIST_LEAD = re.compile(r"^(?:the\s+following|following)\b[\s:-]*", re.IGNORECASE)


def read_entries(section: Section) -> tuple[list[Entry], list[str]]:
    """The people a list section names, and any pieces of it that were not names."""
    entries: list[Entry] = []
    unreadable: list[str] = []
    columns = section.columns
    rest = "" if NOTHING.match(section.label.rest) else section.label.rest
    texts = [(section.line, rest)] if rest else []
    for index, text, parts in logical_lines([*texts, *section.items]):
        cells = table_cells(strip_list_marker(text))
        if cells and is_header_row(cells):
            columns = header_columns(cells)
            continue
        label_rest = bool(rest) and index == section.line
        found = [_entry_from_row(cells, columns)] if cells else _entries_in_text(text, unreadable, label_rest)
        for entry in filter(None, found):
            entry.line = _line_naming(entry.name, parts, index)
            entries.append(entry)
    return entries, unreadable


def logical_lines(items: list[tuple[int, str]]) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Join a comma list that wraps onto the next line ("Bethany Crane (Academy" / "Trust), Rowan Heathcote")."""
    joined: list[tuple[int, str, list[tuple[int, str]]]] = []
    for index, text in items:
        if joined and continues(joined[-1][1], text):
            first, previous, parts = joined[-1]
            joined[-1] = (first, f"{previous} {text}", [*parts, (index, text)])
        else:
            joined.append((index, text, [(index, text)]))
    return joined


def continues(previous: str, text: str) -> bool:
    """Whether a line carries on the list of the line before rather than starting a new entry."""
    if table_cells(text) or table_cells(previous):
        return False
    if previous.count("(") > previous.count(")"):
        return True
    return previous.endswith((",", ";", "&", " and")) or text[:1].islower() or text.startswith(("(", "&", "and "))


def _line_naming(name: str, parts: list[tuple[int, str]], default: int) -> int:
    surname = (name.split() or [""])[-1]
    return next((index for index, text in parts if surname in text), default)


def _entries_in_text(text: str, unreadable: list[str], label_rest: bool = False) -> list[Entry]:
    text = first_sentence(text)
    dashed = _entries_with_dash_note(text)
    if dashed is not None:
        return dashed
    entries: list[Entry] = []
    after_organisation = False
    pieces = split_people(text)
    initials = _is_initials_register(pieces)
    for position, piece in enumerate(pieces):
        found = _entries_from_piece(piece, initials, lead_words=label_rest and position == 0)
        if found:
            if after_organisation and len(found) == 1 and not found[0].initials and len(found[0].name.split()) == 2:
                # "Head Teacher, St Paul's School, Leamington Spa": a town after a school reads like a name.
                found[0].unsure = f'"{found[0].name}" follows an organisation in the list'
            entries.extend(found)
            after_organisation = False
        elif entries and len(piece.split()) <= 8:
            entries[-1].add_note(piece)  # "Jane Roe, Walsall Council" or "Jane Roe, represented by John Doe"
            after_organisation = bool(_ORGANISATION_WORDS.search(piece))
        elif not NOTHING.match(piece.strip()):
            unreadable.append(piece.strip())
    return entries


def _entries_with_dash_note(text: str) -> list[Entry] | None:
    """ "MB – Head Teacher, St Paul's School, Leamington" is one person: all after the dash is about them.

    Also "JA & DH (minutes)" and "Ian Budd (IB) – Assistant Director, WCC".
    """
    text = strip_list_marker(text)
    parts = _DASH.split(text, maxsplit=1)
    head = parts[0].strip()
    if len(parts) != 2 or "," in head or ";" in head or not head:
        return None
    entries = _named_in(head)
    if not entries:
        return None
    named = entries
    # "Jane Roe – Chair; Tom Lee – Headteacher, Oak Primary": a piece that starts "Name –" is the next person.
    for piece in _split_outside_brackets(parts[1]):
        following = _DASH.split(piece.strip(), maxsplit=1)
        starts_anew = len(following) == 2 and "(" not in following[0] and _named_in(following[0].strip())
        if starts_anew:
            named = _named_in(following[0].strip())
            entries += named
            piece = following[1]
        for entry in named:
            entry.add_note(piece)
    return entries


def _named_in(head: str) -> list[Entry]:
    """Everyone named before a dash: one name, initials, or "AB & CD"."""
    pieces = re.split(r"\s+(?:and|&)\s+|\s*&\s*", head)
    entries = [_entry_from_piece(piece, allow_initials=True) for piece in pieces]
    return entries if all(entries) else []


def entries_in_sentence(text: str) -> tuple[list[Entry], list[str]]:
    """The people a sentence lists after its lead-in ("Apologies were received from schools members A, B and C")."""
    unreadable: list[str] = []
    return _entries_in_text(text, unreadable, label_rest=True), unreadable


def split_people(text: str) -> list[str]:
    """Split a written list of people on commas, semicolons, "and", and a missing comma after a bracket."""
    text = _ROLE_AFTER_BRACKET.sub(lambda found: f", {found.group('role')})", text.strip().rstrip("."))
    pieces = []
    for piece in _split_outside_brackets(text):
        # Seed 000 has "Ben Bryant ISOS (online) Evelyn Priestley (notes)": a capital after a bracket is a new person.
        for part in re.split(r"(?<=\))\s*(?=[A-Z])", piece):
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
    if len(parts) > 1 and all(_entry_from_piece(part, allow_initials=True) for part in parts):
        # "Mark Hale and Fay Inch (Bexley)": the bracket after the last name is about both.
        shared = BRACKETED.findall(parts[-1]) if not BRACKETED.search(" ".join(parts[:-1])) else []
        notes = " ".join(f"({''.join(groups)})" for groups in shared)
        return [f"{part} {notes}".strip() for part in parts[:-1]] + [parts[-1]]
    return [text]


def _is_initials_register(pieces: list[str]) -> bool:
    """ "Present: DM (Chair), RK, PS": lone capitals are people when the list is written in initials.

    In a list of full names, "John Doe, NAHT" ends with an organisation instead.
    """
    bare = [BRACKETED.sub(" ", strip_list_marker(piece)).strip(" .;:") for piece in pieces]
    initials = [is_initials(text) for text in bare if text]
    return bool(initials) and (initials[0] or sum(initials) * 2 > len(initials))


def _entries_from_piece(piece: str, initials: bool = False, lead_words: bool = False) -> list[Entry]:
    """One piece of a list: usually one person, sometimes two run together without a space."""
    text = BRACKETED.sub(" ", strip_list_marker(piece)).strip(" .;:")
    halves = split_run_together(" ".join(text.split()))
    if halves:
        return _run_together(piece, halves)
    entry = _entry_from_piece(piece, allow_initials=initials)
    if entry:
        return [entry]
    trimmed = _without_lead_words(piece) if lead_words else None
    return [trimmed] if trimmed else []


def _run_together(piece: str, halves: list[str]) -> list[Entry]:
    """Two names that lost the space between them; the brackets after them are about the second."""
    first, second = Entry(halves[0]), _entry_from_piece(piece.replace(halves[0], "", 1)) or Entry(halves[1])
    return [first, second]


def _without_lead_words(piece: str) -> Entry | None:
    """ "schools members Kevin Dorsey" or "the following: Jane Roe": a group label before the first name."""
    words = _LIST_LEAD.sub("", piece.strip()).split()
    for start in range(1, min(len(words) - 1, 5)):
        if words[start - 1][:1].isupper() and not is_not_name_word(words[start - 1]):
            return None
        entry = _entry_from_piece(" ".join(words[start:]))
        if entry:
            return entry
    return None


def _entry_from_piece(piece: str, allow_initials: bool = False) -> Entry | None:
    """Read "Ben Bryant ISOS (online)" as a name plus what the list says about them."""
    text = strip_list_marker(piece).strip(" .;:")
    text, deputy = _split_deputy(text)
    notes = [" ".join(group for group in found if group) for found in BRACKETED.findall(text)]
    text = BRACKETED.sub(" ", text).strip(" ,")
    text, dash_note = _split_dash_note(text)
    text, acronyms = _split_trailing_acronyms(" ".join(text.split()))
    entry = _named_entry(text, allow_initials)
    if entry is None:
        return None
    entry.deputy = deputy
    for note in [*notes, dash_note, acronyms]:
        if note:
            entry.add_note(note)
    return entry


def _named_entry(text: str, allow_initials: bool) -> Entry | None:
    if looks_like_name(text):
        return Entry(text)
    if allow_initials and is_initials(text) and " " not in text:
        return Entry(text, initials=text)
    standing_in = _STANDING_IN.match(text)
    if standing_in and looks_like_name(standing_in["deputy"]) and looks_like_name(standing_in["member"]):
        return Entry(standing_in["deputy"], is_deputy=True, deputising_for=standing_in["member"])
    split = split_name_and_title(text)
    if split:
        entry = Entry(split[0])
        entry.add_note(split[1])
        return entry
    return None


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
        return is_header_row(cells) or _entry_from_piece(cells[0], allow_initials=True) is not None
    if _entries_with_dash_note(text):
        return True
    pieces = split_people(first_sentence(text))
    return bool(pieces) and bool(_entries_from_piece(pieces[0], _is_initials_register(pieces)))


def _entry_from_row(cells: list[str], columns: dict[int, str] | None) -> Entry | None:
    """A person from "Name | Organisation | Role" (or, without a header row, name first and notes after)."""
    columns = columns or _guessed_columns(cells)
    name_cell = next((cells[i] for i, name in columns.items() if name == "name" and i < len(cells)), "")
    entry = _entry_from_piece(name_cell, allow_initials=True)
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
