"""People in lists: what each entry says about someone, and where on the register they belong.

Each entry yields a name, the capacity the minutes give (chair, notes, deputy...), whether they
joined online, their organisation, and for apologies the deputy who came in their place.
`registers` reads a written list into entries; this module files them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from governance.choices import AttendanceCapacity, MembershipRole
from governance.minutes.lines import sentences_of, shorten
from governance.minutes.lists import Entry, entries_in_sentence
from governance.minutes.names import KnownPeople, looks_like_name, name_key
from governance.minutes.prose import PROSE_APOLOGIES, chair_in, stood_in
from governance.minutes.results import Found, ParsedApology, ParsedMinutes, ParsedPerson

if TYPE_CHECKING:
    from governance.minutes.prose import ChairSentence
    from governance.minutes.sections import Section

_VICE_CHAIR, _NOTES = MembershipRole.VICE_CHAIR, MembershipRole.SECRETARIAT


def file_entries(minutes: ParsedMinutes, kind: str, entries: list[Entry]) -> None:
    """Put each entry of a list where it belongs: attendees, officials in attendance, absent or apologies."""
    for entry in entries:
        if entry.deputising_for:  # "Nadia Fenwick for Colin Ashdown", in any list: she came, he sent apologies
            minutes.attendees.append(entry.as_person())
            minutes.apologies.append(ParsedApology(entry.deputising_for, entry.name, entry.found))
        elif kind == "apologies" or entry.status == "apologies":
            minutes.apologies.append(entry.as_apology())
        elif entry.status == "absent":
            minutes.absent.append(entry.as_person())
        elif kind == "in_attendance":
            minutes.in_attendance.append(entry.as_person(AttendanceCapacity.IN_ATTENDANCE))
        else:
            minutes.attendees.append(entry.as_person())


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


_LIST_FIELDS = {"attendees": "attendees", "in_attendance": "in_attendance", "apologies": "apologies"}
_STOOD_IN_WORDS = re.compile(r"\b(?:attended|present|sat|deputised|substituted)\b")
_LABEL_CAPACITY = {"deputy": "", "observer": MembershipRole.OBSERVER, "notes": _NOTES}


class PeopleReading:
    """The reader's register: the lists first, then what sentences add (apologies, deputies, a chair)."""

    def _settle_entries(self, section: Section) -> None:
        """Say where each entry was found, and give it the part its label names ("Observers:", "Substitutes:")."""
        where = f"under '{section.label.words}'" if section.label.rest or section.items else "in the register"
        role = section.label.role
        for entry in section.entries:
            entry.found = self._found(where, entry.line if entry.line >= 0 else section.line)
            if role == "deputy":
                entry.is_deputy = True
            elif role and not entry.role:
                entry.role = _LABEL_CAPACITY[role]

    def _read_people(self, minutes: ParsedMinutes) -> None:
        for section in self._sections("attendees", "in_attendance", "apologies"):
            file_entries(minutes, section.kind, section.entries)
        for section in self._sections("notes_taker"):
            for entry in section.entries:
                give_capacity(minutes, entry, AttendanceCapacity.NOTES, minutes.in_attendance)
        self._read_apologies_in_sentences(minutes)
        minutes.attendees = unique_people(minutes.attendees)
        minutes.in_attendance = unique_people(minutes.in_attendance)
        minutes.absent = unique_people(minutes.absent)
        minutes.apologies = unique_apologies(minutes.apologies)
        self._read_deputies_in_sentences(minutes)
        mark_deputies(minutes)
        minutes.chair = self._chair(minutes)
        self._warn_about_people()

    def _known_so_far(self, minutes: ParsedMinutes) -> KnownPeople:
        listed = minutes.attendees + minutes.in_attendance + minutes.apologies
        known = KnownPeople([person.name for person in listed])
        for section in self._sections(*PEOPLE_KINDS):
            for entry in section.entries:
                if entry.initials and entry.initials != entry.name:
                    known.add_initials(entry.initials, entry.name)
        return known

    # Sentences ---------------------------------------------------------------------------------------------------

    def _sentences_with(self, word: str):
        """(line index, sentence) for every sentence that contains the word (in lower case)."""
        for index, text in enumerate(self.lines):
            if word in text.lower():
                for _, sentence in sentences_of(text):
                    if word in sentence.lower():
                        yield index, sentence

    def _read_apologies_in_sentences(self, minutes: ParsedMinutes) -> None:
        """ "Apologies were received from A, B and C." anywhere, and "Apologies were also received from D"."""
        for index, sentence in self._sentences_with("apologies"):
            found = PROSE_APOLOGIES.match(sentence)
            if not found:
                continue
            entries, unreadable = entries_in_sentence(found["people"])
            for entry in entries:
                entry.found = self._found(f"in the sentence '{shorten(sentence, 40)}'", index)
                minutes.apologies.append(entry.as_apology())
            for piece in unreadable:
                self._warn("apologies", f'"{shorten(piece)}" on line {self.origins[index]} did not look like a name, '
                           "so it was left out; please check.", index)  # fmt: skip

    def _read_deputies_in_sentences(self, minutes: ParsedMinutes) -> None:
        """ "Sara Ng attended on behalf of Tara Banks": she is Tara Banks's deputy."""
        known = self._known_so_far(minutes)
        for index, sentence in self._stood_in_sentences():
            for found in stood_in(sentence):
                deputy = known.resolve(found.deputy) or found.deputy
                member = known.resolve(found.member) or found.member
                where = self._found(f"in the sentence '{shorten(sentence, 40)}'", index)
                self._record_deputy(minutes, deputy, member, where)

    def _stood_in_sentences(self):
        for index, text in enumerate(self.lines):
            if _STOOD_IN_WORDS.search(text):
                for _, sentence in sentences_of(text):
                    yield index, sentence

    def _record_deputy(self, minutes: ParsedMinutes, deputy: str, member: str, where: Found) -> None:
        apology = next((a for a in minutes.apologies if name_key(a.name) == name_key(member)), None)
        if apology is None:
            minutes.apologies.append(ParsedApology(member, deputy, where))
        elif not apology.represented_by:
            apology.represented_by = deputy
        if not any(name_key(person.name) == name_key(deputy) for person in minutes.attendees + minutes.in_attendance):
            minutes.attendees.append(ParsedPerson(deputy, AttendanceCapacity.DEPUTY, found=where))

    # The chair ---------------------------------------------------------------------------------------------------

    def _chair(self, minutes: ParsedMinutes) -> str:
        for section in self._sections("chair"):
            for entry in section.entries[:1]:
                minutes.found["chair"] = entry.found
                return give_capacity(minutes, entry, AttendanceCapacity.CHAIR, minutes.attendees, at_start=True).name
        chairs = [person for person in minutes.attendees + minutes.in_attendance if is_chair(person)]
        if chairs:
            if chairs[0].found:
                minutes.found["chair"] = chairs[0].found
            return " and ".join(person.name for person in chairs)
        return self._chair_from_a_sentence(minutes)

    def _chair_from_a_sentence(self, minutes: ParsedMinutes) -> str:
        """ "In the absence of the Chair, Patrick Doyle took the chair": a guess the chair is asked to check."""
        known = self._known_so_far(minutes)
        for index, sentence in self._sentences_with("chair"):
            name = self._chair_named(chair_in(sentence), known)
            if not name:
                continue
            where = self._found(f"in the sentence '{shorten(sentence, 40)}'", index)
            person = give_capacity(minutes, Entry(name, found=where), AttendanceCapacity.CHAIR, minutes.attendees, True)
            minutes.found["chair"] = where
            self._warn(
                "chair",
                f'The chair was worked out from a sentence on line {where.line}: "{shorten(sentence)}"; '
                "please check who chaired the meeting.",
                index,
                person.name,
            )
            return person.name
        return ""

    def _chair_named(self, said: ChairSentence | None, known: KnownPeople) -> str:
        if said is None:
            return ""
        if said.is_vice_chair:
            return self._vice_chair()
        return known.resolve(said.who) or (said.who if looks_like_name(said.who) else "")

    def _vice_chair(self) -> str:
        for section in self._sections("attendees", "in_attendance"):
            for entry in section.entries:
                if entry.role == _VICE_CHAIR:
                    return entry.name
        return ""

    # Warnings ----------------------------------------------------------------------------------------------------

    def _warn_about_people(self) -> None:
        for section in self._sections(*PEOPLE_KINDS):
            field = _LIST_FIELDS.get(section.kind, "attendees")
            line = self.origins[section.line]
            for piece in section.unreadable:
                self._warn(field, f'"{shorten(piece)}" (line {line}) did not look like a name, so it was left out; '
                           "please check.", section.line)  # fmt: skip
            for entry in section.entries:
                if entry.unsure:
                    self._warn(field, f"{entry.unsure} (line {entry.found.line if entry.found else line}); please "
                               "check this is a person.", entry.line, entry.name)  # fmt: skip


PEOPLE_KINDS = ("attendees", "in_attendance", "apologies", "chair", "notes_taker")
