"""Dates and times as UK minutes write them: "Thursday 23rd Nov 2023", "11.00-1.00pm", "14:00 hrs"."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY = r"(?:(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?\s+(?:the\s+)?)?"
_DATE_PATTERNS = [
    re.compile(
        rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<month>[a-z]{{3,9}})\.?"
        r"(?:,?[\s-]+(?P<year>\d{4}|'?\d{2})(?![\d.:]))?(?![a-z])",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_WEEKDAY}(?P<month>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:\b{_WEEKDAY})?(?<![\d/.-])(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?P=sep)"
        r"(?P<year>\d{4}|\d{2})(?!\d|[.:/-]\d)",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d/.-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
]
_CLOCK = r"\d{1,2}(?:[.:]\d{2})?(?:\s*(?:[ap]\.?\s?m\.?|hrs|hours|h)(?![a-z]))?|\bnoon\b|\bmidday\b"
TIME_RANGE = re.compile(
    rf"(?<![\d.:/£$])(?P<start>{_CLOCK})\s*(?:-|–|—|to|until|till)\s*(?P<end>{_CLOCK})(?![\d/%])", re.IGNORECASE
)
ONE_TIME = re.compile(
    r"(?<![\d.:/£$])(?P<start>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?(?![a-z])|\d{1,2}[.:]\d{2}(?:\s*hrs)?|\bnoon\b|\bmidday\b)"
    r"(?![\d/%])",
    re.IGNORECASE,
)
_CLOCK_PARTS = re.compile(
    r"(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?:(?P<meridiem>[ap])\.?\s?m\.?|(?P<clock24>hrs|hours|h))?"
)
MEETING_CLOSED = re.compile(
    r"\bmeeting\s+(?:closed|ended|finished)\s+(?:at\s+)?(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?)",
    re.IGNORECASE,
)
MEETING_STARTED = re.compile(
    r"\bmeeting\s+(?:commenced|started|began|opened|was\s+opened)\s+(?:at\s+)?"
    r"(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?)",
    re.IGNORECASE,
)
TIME_ATTEMPT = re.compile(r"\d|\b(?:am|pm|noon|midday|o'clock|half|quarter)\b", re.IGNORECASE)
_DAYTIME = (datetime.time(7), datetime.time(19))


@dataclass
class DateMention:
    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int

    def on_or_after(self, earliest: datetime.date | None) -> datetime.date | None:
        """The date, taking a missing year as the first one on or after `earliest`."""
        if self.year:
            return safe_date(self.year, self.month, self.day)
        if earliest is None:
            return None
        for year in (earliest.year, earliest.year + 1):
            candidate = safe_date(year, self.month, self.day)
            if candidate and candidate >= earliest:
                return candidate
        return None


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> DateMention | None:
    """The first date written in the text, in any of the ways UK minutes write one."""
    found = [mention for pattern in _DATE_PATTERNS if (mention := _first_valid_date(pattern, text))]
    return min(found, key=lambda mention: mention.start, default=None)


def _first_valid_date(pattern: re.Pattern, text: str) -> DateMention | None:
    for found in pattern.finditer(text):
        mention = _date_mention(found)
        if mention:
            return mention
    return None


def _date_mention(found: re.Match) -> DateMention | None:
    month_text = found.group("month").lower()
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
    if found.group("month") == "may":
        return None  # "item 3 may be deferred": lower-case "may" is the verb
    year = _full_year(found.group("year"))
    if not month or (year is not None and not 1990 <= year <= 2100):
        return None
    day = int(found.group("day"))
    if safe_date(year or 2024, month, day) is None:  # 2024 is a leap year, so 29 February stays possible
        return None
    weekday = found.groupdict().get("weekday")
    return DateMention(day, month, year, _WEEKDAYS.get((weekday or "")[:3].lower()), found.start(), found.end())


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.strip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


@dataclass
class _Times:
    start: datetime.time | None
    end: datetime.time | None
    span_end: int
    ambiguous: bool = False


def find_times(text: str) -> _Times | None:
    """A meeting's start and end time, or just its start, from UK-style writing."""
    for found in TIME_RANGE.finditer(text):
        times = _read_range(found.group("start"), found.group("end"))
        if times:
            return _Times(times[0], times[1], found.end(), times[2])
    for found in ONE_TIME.finditer(text):
        readings = daytime_first(clock_readings(found.group("start")))
        if readings:
            return _Times(readings[0], None, found.end(), _count_daytime(readings) > 1)
    return None


def clock_readings(token: str) -> list[datetime.time]:
    """Every time a written clock time could mean: "2.30" could be 02:30 or 14:30."""
    token = token.strip().lower()
    if token in {"noon", "midday"}:
        return [datetime.time(12)]
    found = _CLOCK_PARTS.fullmatch(token)
    if not found:
        return []
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if hour > 23 or minute > 59:
        return []
    return _hours_meant(hour, minute, found["meridiem"], bool(found["clock24"]) or found["hour"].startswith("0"))


def _hours_meant(hour: int, minute: int, meridiem: str | None, is_24_hour: bool) -> list[datetime.time]:
    if meridiem:
        if hour == 0:
            return []
        return (
            [datetime.time(hour, minute)] if hour > 12 else [datetime.time(hour % 12 + 12 * (meridiem == "p"), minute)]
        )
    if is_24_hour or hour >= 13 or hour in {0, 12}:
        return [datetime.time(hour, minute)]
    # Without am or pm, "2.30" could be either; the other end of the range, or daytime, decides.
    return [datetime.time(hour, minute), datetime.time(hour + 12, minute)]


def _read_range(start_text: str, end_text: str) -> tuple[datetime.time, datetime.time, bool] | None:
    """Pick the reading of a range that makes a plausible meeting: "11.00-1.00pm" is 11:00 to 13:00."""
    pairs = [
        (start, end)
        for start in clock_readings(start_text)
        for end in clock_readings(end_text)
        if start < end and _minutes(end) - _minutes(start) <= 12 * 60
    ]
    if not pairs:
        return None
    # A daytime start first, then the shortest meeting: "11.00-1.00pm" is 11:00-13:00, never 23:00.
    pairs.sort(key=lambda pair: (not _is_daytime(pair[0]), _minutes(pair[1]) - _minutes(pair[0])))
    return pairs[0][0], pairs[0][1], _count_daytime([start for start, _ in pairs]) > 1


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _is_daytime(value: datetime.time) -> bool:
    return _DAYTIME[0] <= value <= _DAYTIME[1]


def _count_daytime(times: list[datetime.time]) -> int:
    return sum(_is_daytime(value) for value in times)


def daytime_first(times: list[datetime.time]) -> list[datetime.time]:
    return sorted(times, key=lambda value: not _is_daytime(value))


def without_when(text: str) -> str:
    mention = find_date(text)
    text = text[: mention.start] + " " + text[mention.end :] if mention else text
    return TIME_RANGE.sub(" ", text)
