"""The reader that ties the stages together: one set of minutes in, a draft with its warnings out."""

from __future__ import annotations

import datetime
import logging
import re

from governance.minutes.actions import ActionReading, is_action_line
from governance.minutes.agenda import (
    GENERIC_TITLES,
    HELD_ON,
    AgendaReading,
    could_be_title,
    plain_heading,
    tidy_title,
    title_in_held_on,
)
from governance.minutes.dates import (
    MEETING_CLOSED,
    MEETING_STARTED,
    TIME_ATTEMPT,
    DateMention,
    clock_readings,
    daytime_first,
    find_date,
    find_times,
    safe_date,
    without_when,
)
from governance.minutes.lines import (
    NUMBERING,
    as_text,
    header_columns,
    is_bullet,
    is_marked,
    is_prose,
    sentences,
    shorten,
    table_cells,
    table_kind,
)
from governance.minutes.lists import continues, is_person_line, read_entries
from governance.minutes.names import KnownPeople, name_runs
from governance.minutes.people import PeopleReading
from governance.minutes.results import Found, ParsedMinutes, ParserWarning
from governance.minutes.sections import (
    HEADER_KINDS,
    ONE_LINE_KINDS,
    ONLINE,
    PEOPLE_KINDS,
    VENUE_WORDS,
    Label,
    Section,
    clean_lines,
    is_real_section,
    match_label,
    online_name,
    venue_from_rest,
)

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 2_000_000
# The confirmation screen posts everything read back in one form, which Django caps at 2.5 MB; these
# limits keep the largest possible screen within it (a real meeting has a fraction of each).
MAX_LIST_ITEMS = 200
MAX_ACTION_CHARACTERS = 1_000
MAX_NAME_CHARACTERS = 100
MAX_ORGANISATION_CHARACTERS = 120
MAX_HEADING_CHARACTERS = 200
_LIST_FIELDS = {
    "attendees": "people present",
    "in_attendance": "people in attendance",
    "absent": "people absent",
    "apologies": "apologies",
    "agenda": "agenda items",
    "actions": "actions",
}


def parse_minutes(text: str) -> ParsedMinutes:
    """Read minutes into a draft for a chair to confirm.

    Never raises: an upload must always reach the confirmation screen, where the
    warnings tell the chair what to fill in by hand.
    """
    try:
        return _MinutesReader(as_text(text)).read()
    except Exception:  # a reading bug must not lose the chair's upload
        logger.exception("Could not read uploaded minutes")
        message = "These minutes could not be read automatically; please fill in the details by hand."
        return ParsedMinutes(warnings=[ParserWarning("title", message)])


class _MinutesReader(AgendaReading, ActionReading, PeopleReading):
    """Reads one set of minutes; each part of the minutes has its own small method."""

    def __init__(self, text: str):
        self.warnings: list[ParserWarning] = []
        if len(text) > MAX_CHARACTERS:
            text = text[:MAX_CHARACTERS]
            self._warn("title", "The file is very long, so only its first part was read; please check the details.")
        self.lines, self.origins = clean_lines(text)
        self.last_text_line = max((index for index, text in enumerate(self.lines) if text), default=-1)
        self.consumed: set[int] = set()
        self.sections: list[Section] = []
        self.section_at: dict[int, Section] = {}
        self.header_lines: set[int] = set()
        self.people = KnownPeople([])
        self.body_start = 0
        self.title_found: Found | None = None
        self.places: dict[str, int] = {}  # the line each single-valued field was read from
        self.sentence_places: dict[int, str] = {}

    def _warn(self, field: str, message: str, index: int | None = None, person: str = "") -> None:
        line = self.origins[index] if index is not None and 0 <= index < len(self.origins) else None
        self.warnings.append(ParserWarning(field, message, line, person))

    def _found(self, rule: str, index: int) -> Found:
        """Where a value was read: the rule, in the chair's words, and the line of the text as uploaded."""
        return Found(rule, self.origins[index] if 0 <= index < len(self.origins) else 0)

    def read(self) -> ParsedMinutes:
        minutes = ParsedMinutes()
        if self.last_text_line < 0:
            self._warn("title", "The minutes are empty, so nothing could be read from them.")
        self._find_sections()
        minutes.title = self._title()
        if minutes.title and self.title_found:
            minutes.found["title"] = self.title_found
        self._read_when(minutes)
        self._read_people(minutes)
        self.body_start = self._find_body_start()
        self.people = KnownPeople(self._names_in_order())
        minutes.agenda = self._agenda()
        minutes.actions = self._actions()
        minutes.next_meeting = self._next_meeting(minutes.date)
        self._record_places(minutes)
        self._keep_within_limits(minutes)
        self._warn_about_gaps(minutes)
        minutes.warnings = _tidy_warnings(self.warnings)
        return minutes

    def _record_places(self, minutes: ParsedMinutes) -> None:
        for field, index in self.places.items():
            if getattr(minutes, field) and field not in minutes.found:
                minutes.found[field] = self._found(self._rule_at(index), index)

    def _rule_at(self, index: int) -> str:
        section = self.section_at.get(index)
        if section is not None:
            return f"under '{section.label.words}'"
        if index in self.sentence_places:
            return f"in the sentence '{shorten(self.sentence_places[index], 40)}'"
        return "in the heading" if index < self.body_start or index in self.header_lines else "in the text"

    # Sections --------------------------------------------------------------------------------------------------

    def _find_sections(self) -> None:
        for index, text in enumerate(self.lines):
            if index in self.consumed or not text:
                continue
            section = self._labelled_section(index, text) or self._table_section(index, text)
            if section:
                self.sections.append(section)
                self.section_at[index] = section
                self.consumed |= section.indexes()

    def _labelled_section(self, index: int, text: str) -> Section | None:
        label = match_label(text)
        if label is None:
            return None
        section = Section(label.kind, index, label, self._items(label, index))
        if label.kind in PEOPLE_KINDS:
            section.entries, section.unreadable = read_entries(section)
            self._settle_entries(section)
        return section if is_real_section(section) else None

    def _table_section(self, index: int, text: str) -> Section | None:
        cells = table_cells(text)
        kind = table_kind(cells) if cells else None
        if kind is None:
            return None
        items = []
        for following in range(index + 1, len(self.lines)):
            if not table_cells(self.lines[following]):
                break
            items.append((following, self.lines[following]))
        section = Section(kind, index, Label(kind, text, ""), items, header_columns(cells))
        section.entries, section.unreadable = read_entries(section)
        self._settle_entries(section)
        return section

    def _items(self, label: Label, index: int) -> list[tuple[int, str]]:
        """The lines after a label that belong to it, e.g. one attendee per line."""
        if label.rest and label.kind in ONE_LINE_KINDS | {"next_meeting"}:
            return []
        if label.kind in PEOPLE_KINDS and label.rest.endswith("."):
            return []  # "Apologies were received from A and B." is a whole sentence; the next line is not in it
        # "Next meeting" may be a heading with the date on the line below, and occasionally the line after.
        limit = 1 if label.kind in ONE_LINE_KINDS else 2 if label.kind == "next_meeting" else 300
        items: list[tuple[int, str]] = []
        for following in range(index + 1, len(self.lines)):
            text = self.lines[following]
            if not text and (items or label.rest):
                break  # a blank line ends a list, though one may sit between a label and its list
            previous = items[-1][1] if items else label.rest
            carried_on = bool(previous) and label.kind in PEOPLE_KINDS and continues(previous, text)
            if text and not carried_on and (match_label(text) or not _ITEM_TESTS[label.kind](text)):
                break
            if text and items and is_marked(items[0][1]) and not is_marked(text):
                break  # a bulleted list ends where the prose starts again
            if text and label.kind == "actions" and label.rest and not is_bullet(text):
                break  # after "Action: JR to book a room." comes the next item, or prose, not another action
            if text:
                items.append((following, text))
            if len(items) >= limit:
                break
        return items

    def _sections(self, *kinds: str) -> list[Section]:
        return [section for section in self.sections if section.kind in kinds]

    # Title -----------------------------------------------------------------------------------------------------

    def _title(self) -> str:
        candidates = [index for index in self._leading_lines(8) if could_be_title(self.lines[index])]
        for position, index in enumerate(candidates[:3]):
            title = tidy_title(self.lines[index])
            if title and title.lower() not in GENERIC_TITLES:
                self.header_lines.update(candidates[: position + 1])
                self.title_found = self._found("as the first line naming the meeting", index)
                return title
        for index in self._leading_lines(4):
            title = title_in_held_on(self.lines[index])
            if title:
                self.title_found = self._found("in the 'Minutes of the meeting held on' sentence", index)
                return title
        if candidates:
            self.header_lines.add(candidates[0])
            self.title_found = self._found("as the first line", candidates[0])
            return self.lines[candidates[0]]
        return ""

    def _leading_lines(self, count: int) -> list[int]:
        indexes = (index for index, text in enumerate(self.lines[:300]) if text and index not in self.consumed)
        return [index for _, index in zip(range(count), indexes, strict=False)]

    # Date, times and venue -------------------------------------------------------------------------------------

    def _read_when(self, minutes: ParsedMinutes) -> None:
        date_line, date_text = self._date_source()
        mention = find_date(date_text)
        rest = date_text[mention.end :] if mention else date_text
        if mention:
            minutes.date = self._meeting_date(mention)
            self.places["date"] = date_line
        elif date_line is not None:
            self._warn("date", f'The date "{shorten(date_text)}" could not be read; please enter the meeting date.')
        rest = self._read_times(minutes, rest, date_line)
        group = title_in_held_on(date_text)
        if group:  # "... AT 9.30 A.M. AT THE ASSEMBLY ROOMS OF THE EASTERN NETWORK": the venue ends before the group
            rest = re.sub(rf"\s+of\s+the\s+{re.escape(group)}\W*$", "", rest, flags=re.IGNORECASE)
        minutes.venue = self._venue(rest, date_line)

    def _date_source(self) -> tuple[int | None, str]:
        for section in self._sections("date"):
            self.header_lines.add(section.line)
            return section.line, section.text()
        for index in self._leading_lines(30):
            text = self.lines[index]
            if (len(text.split()) <= 30 or HELD_ON.search(text)) and find_date(text):
                self.header_lines.add(index)
                return index, text
            if is_prose(text):
                break  # the discussion has begun; a date from here on is not the meeting's
        return None, ""

    def _meeting_date(self, mention: DateMention) -> datetime.date | None:
        if mention.year is None:
            self._warn("date", "The meeting date has no year; please enter the full date.")
            return None
        date = safe_date(mention.year, mention.month, mention.day)
        if date and mention.weekday is not None and mention.weekday != date.weekday():
            self._warn(
                "date",
                f"The day of the week in the minutes does not match {date:%d %B %Y} (a {date:%A}); "
                "please check the date.",
            )
        return date

    def _read_times(self, minutes: ParsedMinutes, rest: str, date_line: int | None) -> str:
        """Fill in the start and end times; return what follows them on the date line (often the venue)."""
        time_text, separate, time_line = self._time_source(rest, date_line)
        times = find_times(time_text)
        if times:
            minutes.start_time, minutes.end_time = times.start, times.end
            self.places.update({"start_time": time_line, "end_time": time_line})
            if times.ambiguous:
                self._warn("start_time", "No am or pm was given, so the times are a best guess; please check them.")
        elif time_text.strip(" ,;") and (separate or TIME_ATTEMPT.search(without_when(time_text))):
            self._warn_unreadable_time(time_text)
        else:
            minutes.start_time = self._time_in_a_sentence(MEETING_STARTED, "start_time")
        if minutes.start_time and not minutes.end_time:
            minutes.end_time = self._time_in_a_sentence(MEETING_CLOSED, "end_time", after=minutes.start_time)
        return rest[times.span_end :] if times and not separate else rest

    def _time_source(self, rest: str, date_line: int | None) -> tuple[str, bool, int | None]:
        for section in self._sections("time"):
            self.header_lines.add(section.line)
            return section.text(), True, section.line
        following = self._next_text_line(date_line)
        if following is not None and not find_times(rest) and _is_time_only(self.lines[following]):
            self.header_lines.add(following)
            return self.lines[following], True, following
        return rest, False, date_line

    def _time_in_a_sentence(
        self, pattern: re.Pattern, field: str, after: datetime.time | None = None
    ) -> datetime.time | None:
        """ "The meeting commenced at 8.05 am", "The meeting closed at 12.55pm", when the heading gives no time."""
        for index, text in enumerate(self.lines):
            found = pattern.search(text) if "meeting" in text.lower() else None
            readings = daytime_first(clock_readings(found.group("time"))) if found else []
            readings = [reading for reading in readings if after is None or reading > after]
            if readings:
                self.places[field] = index
                self.sentence_places[index] = text[found.start() :]
                return readings[0]
        return None

    def _warn_unreadable_time(self, text: str) -> None:
        quoted = shorten(text.strip(" ,;"))
        self._warn("start_time", f'The time "{quoted}" could not be read; please enter the start time.')
        self._warn("end_time", f'The time "{quoted}" could not be read; please enter the finishing time.')

    def _next_text_line(self, index: int | None) -> int | None:
        if index is None:
            return None
        return next((i for i in range(index + 1, min(len(self.lines), index + 6)) if self.lines[i]), None)

    def _venue(self, rest: str, date_line: int | None) -> str:
        for section in self._sections("venue"):
            self.header_lines.add(section.line)
            self.places["venue"] = section.line
            return venue_from_rest(section.text()) or section.text()
        if date_line is not None:
            self.places["venue"] = date_line
        return venue_from_rest(rest) or self._venue_below(date_line) or self._online_venue()

    def _venue_below(self, date_line: int | None) -> str:
        """Some minutes put the venue on its own line under the date."""
        if date_line is None:
            return ""
        below = self._next_text_line(max([date_line, *self.header_lines]))
        if below is None or below in self.consumed:
            return ""
        text = self.lines[below]
        if match_label(text) or table_cells(text) or text.endswith((".", ":")) or len(text.split()) > 12:
            return ""
        if text.lower() in GENERIC_TITLES:
            return ""
        # A heading straight after the date is not a venue: the line must sit above the lists or name a place.
        if not (self._before_people_lists(below) or VENUE_WORDS.search(text) or ONLINE.search(text)):
            return ""
        self.header_lines.add(below)
        self.places["venue"] = below
        return venue_from_rest(text)

    def _before_people_lists(self, index: int) -> bool:
        return any(section.line > index for section in self._sections("attendees", "in_attendance", "apologies"))

    def _online_venue(self) -> str:
        first_list = min((section.line for section in self._sections(*PEOPLE_KINDS)), default=len(self.lines))
        for index in self._leading_lines(4):
            found = ONLINE.search(self.lines[index])
            if found and index < first_list and len(self.lines[index]) <= 120:
                self.places["venue"] = index
                return online_name(found.group(0))
        return ""

    # People ----------------------------------------------------------------------------------------------------

    def _names_in_order(self) -> list[str]:
        """Full names in order of first mention: the lists at the top, then names in the discussion."""
        mentions = [(section.line, name) for section in self._sections(*PEOPLE_KINDS) for name in section.names()]
        body = range(self.body_start, len(self.lines))
        mentions += [
            (index, name) for index in body if index not in self.consumed for name in name_runs(self.lines[index])
        ]
        # The sort is stable, so names on one line keep their written order.
        return [name for _, name in sorted(mentions, key=lambda mention: mention[0])]

    # Body ------------------------------------------------------------------------------------------------------

    def _find_body_start(self) -> int:
        # Lines before the last header line (title, date, venue) and the lists under them are never agenda items.
        header = [section.indexes() for section in self._sections(*HEADER_KINDS, "agenda")]
        header_consumed = set().union(*header)
        start = max(self.header_lines, default=-1) + 1
        while start < len(self.lines) and (not self.lines[start] or start in header_consumed):
            start += 1
        return start

    # Next meeting ----------------------------------------------------------------------------------------------

    def _next_meeting(self, meeting_date: datetime.date | None) -> datetime.datetime | None:
        sections = self._sections("next_meeting")
        text = sections[-1].text() if sections else self._next_meeting_sentence()
        if sections:
            self.places["next_meeting"] = (sections[-1].items or [(sections[-1].line, "")])[0][0]
            if sections[-1].label.rest:
                self.places["next_meeting"] = sections[-1].line
        mention = find_date(text)
        day = mention.on_or_after(meeting_date) if mention else None
        if day is None:
            self._warn("next_meeting", _no_next_meeting_message(text, mention))
            return None
        return self._next_meeting_at(day, text[mention.end :])

    def _next_meeting_at(self, day: datetime.date, after_date: str) -> datetime.datetime:
        times = find_times(after_date)
        if times and times.start:
            return datetime.datetime.combine(day, times.start)
        self._warn("next_meeting", f"The next meeting is on {day:%d %B %Y} but no time was given; please add the time.")
        return datetime.datetime.combine(day, datetime.time())

    def _next_meeting_sentence(self) -> str:
        for index, text in enumerate(self.lines):
            for sentence in sentences(text) if "next meeting" in text.lower() else []:
                if "next meeting" in sentence.lower() and find_date(sentence):
                    self.places["next_meeting"], self.sentence_places[index] = index, sentence
                    return sentence
        return ""

    # Limits ----------------------------------------------------------------------------------------------------

    def _keep_within_limits(self, minutes: ParsedMinutes) -> None:
        for field, described in _LIST_FIELDS.items():
            items = getattr(minutes, field)
            if len(items) > MAX_LIST_ITEMS:
                setattr(minutes, field, items[:MAX_LIST_ITEMS])
                self._warn(
                    field, f"The minutes list {len(items):,} {described}; only the first {MAX_LIST_ITEMS} were kept."
                )
        for person in minutes.attendees + minutes.in_attendance + minutes.absent:
            person.name = shorten(person.name, MAX_NAME_CHARACTERS)
            person.organisation = shorten(person.organisation, MAX_ORGANISATION_CHARACTERS)
        for apology in minutes.apologies:
            apology.name = shorten(apology.name, MAX_NAME_CHARACTERS)
            apology.represented_by = shorten(apology.represented_by, MAX_NAME_CHARACTERS)
        for action in minutes.actions:
            action.text = shorten(action.text, MAX_ACTION_CHARACTERS)
            action.owner = shorten(action.owner, MAX_NAME_CHARACTERS)
        minutes.agenda = [shorten(heading, MAX_HEADING_CHARACTERS) for heading in minutes.agenda]
        minutes.title, minutes.venue = shorten(minutes.title, 255), shorten(minutes.venue, 250)

    # Gaps ------------------------------------------------------------------------------------------------------

    def _warn_about_gaps(self, minutes: ParsedMinutes) -> None:
        """An empty field gets one plain message, unless a more specific one was already given."""
        for field, message in _GAP_MESSAGES.items():
            value = getattr(minutes, field) or (field == "apologies" and self._sections("apologies"))
            if not value and not any(warning.field == field for warning in self.warnings):
                self._warn(field, message)


_GAP_MESSAGES = {
    "title": "No title was found; please enter the name of the meeting.",
    "date": "No meeting date was found; please enter the date of the meeting.",
    "start_time": "No start time was found; please enter the time the meeting started.",
    "end_time": "No finishing time was found; please enter the time the meeting ended.",
    "venue": "No venue was found; please enter where the meeting was held, or 'Online'.",
    "chair": "Nobody is marked as chair; please choose who chaired the meeting.",
    "attendees": "No list of attendees was found; please add the people who attended.",
    "apologies": "No apologies section was found; please add anyone who sent apologies, or confirm there were none.",
    "agenda": "No agenda items were found; please add the items that were discussed.",
    "actions": "No actions were found; please add any actions that were agreed.",
}
_FIELD_ORDER = list(ParsedMinutes.__dataclass_fields__)
_WARNINGS_PER_FIELD = 6


def _tidy_warnings(warnings: list[ParserWarning]) -> list[ParserWarning]:
    """Warnings in the order of the confirmation screen, with a long run for one field summed up in one message."""
    tidy: list[ParserWarning] = []
    for field in sorted({warning.field for warning in warnings}, key=_FIELD_ORDER.index):
        messages = [warning for warning in warnings if warning.field == field]
        tidy += messages[:_WARNINGS_PER_FIELD]
        if len(messages) > _WARNINGS_PER_FIELD:
            hidden = len(messages) - _WARNINGS_PER_FIELD
            tidy.append(
                ParserWarning(field, f"There are {hidden} more problems like these; please check this part carefully.")
            )
    return tidy


def _no_next_meeting_message(text: str, mention: DateMention | None) -> str:
    if mention is not None:
        return "The next meeting's date has no year and could not be placed; please enter the full date."
    if text:
        return f'The minutes say "{shorten(text)}" but give no date for the next meeting; please add it when known.'
    return "No date for the next meeting was found; please add it if it is known."


_ITEM_TESTS = {
    "attendees": is_person_line,
    "in_attendance": is_person_line,
    "apologies": is_person_line,
    "chair": is_person_line,
    "notes_taker": is_person_line,
    "date": lambda text: find_date(text) is not None,
    "time": lambda text: bool(TIME_ATTEMPT.search(text)) and len(text.split()) <= 10,
    "venue": lambda text: len(text.split()) <= 15 and not text.endswith("."),
    "next_meeting": lambda text: True,
    "agenda": lambda text: is_bullet(text) or bool(NUMBERING.match(text)) or bool(plain_heading(text)),
    "actions": is_action_line,
}


def _is_time_only(text: str) -> bool:
    return bool(find_times(text)) and len(text.split()) <= 6 and match_label(text) is None
