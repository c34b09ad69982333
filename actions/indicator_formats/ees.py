"""Explore Education Statistics CSVs: pupil absence (school census) and pupil attendance (daily collection).

Both are one row per period × area × phase with one column per measure; they differ in their
measure columns and in what a whole-year row means: the census counts the finished year, the
daily collection's "Academic year" rows are the year so far, so those get a period of their own
("2022/23 to date") and a census figure for the same year never overwrites them.
"""

from dataclasses import dataclass
from datetime import date

from actions.indicator_formats.readings import (
    MISSING_CODES,
    AreaFacts,
    Period,
    Reading,
    RowProblem,
    academic_year_label,
    area_code,
    area_name,
    read_value,
)
from actions.models.indicators import AreaLevel, PeriodKind, Phase

LEVELS = {
    "National": AreaLevel.NATIONAL,
    "Regional": AreaLevel.REGIONAL,
    "Local authority": AreaLevel.LOCAL_AUTHORITY,
    "School": AreaLevel.SCHOOL,
}
PHASES = {
    "Total": Phase.TOTAL,
    "Primary": Phase.PRIMARY,
    "State-funded primary": Phase.PRIMARY,
    "Secondary": Phase.SECONDARY,
    "State-funded secondary": Phase.SECONDARY,
    "Special": Phase.SPECIAL,
    "State-funded special": Phase.SPECIAL,
}
# Where each term starts, as (month, whether it falls in the academic year's second calendar year).
TERM_STARTS = {"autumn": (9, False), "autumn and spring": (9, False), "spring": (1, True), "summer": (4, True)}


@dataclass(frozen=True)
class EESFormat:
    """An EES layout, recognised by the columns its header must hold."""

    name: str
    description: str
    signature: frozenset
    value_columns: dict  # column → indicator code
    whole_year_kind: str  # what an "Academic year" row means in this collection
    kind: str = "figures"
    decimal_places: int | None = None  # EES files round differently; each figure is taken as written

    def header_row(self, top) -> int | None:
        """EES files have one header line, and it names the phase as school_type or education_phase."""
        header = set(top[0]) if top else set()
        return 0 if header & {"school_type", "education_phase"} and self.signature <= header else None

    def read_row(self, header, number, cells) -> Reading:
        if len(cells) != len(header):
            raise RowProblem(None, f"has {len(cells)} cells but the header has {len(header)}")
        row = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        values = {code: read_value(row[column], column) for column, code in self.value_columns.items() if column in row}
        return Reading(number, read_areas(row), read_phase(row), self.read_period(row), values)

    def read_period(self, row) -> Period:
        identifier = row["time_identifier"]
        if row.get("attendance_date"):
            return a_day(row["attendance_date"])
        if identifier.startswith("Week "):
            return a_week(row["time_period"], identifier)
        if identifier == "Academic year":
            return self.whole_year(row["time_period"])
        term = identifier.removesuffix(" term").lower()
        if identifier.endswith(" term") and term in TERM_STARTS:
            return a_term(row, term)
        raise RowProblem("time_identifier", f"unknown period {identifier!r}")

    def whole_year(self, text) -> Period:
        first = academic_year(text, "time_period")
        label = academic_year_label(first)
        if self.whole_year_kind == PeriodKind.YEAR_TO_DATE:
            label = f"{label} to date"
        return Period(label, self.whole_year_kind, date(first, 9, 1))


ABSENCE = EESFormat(
    name="ees_absence",
    description="EES pupil absence (school census, annual or termly; national, regional, council and school rows)",
    signature=frozenset({"time_period", "time_identifier", "geographic_level", "sess_overall_percent"}),
    value_columns={
        "sess_overall_percent": "overall_absence_rate",
        "sess_authorised_percent": "authorised_absence_rate",
        "sess_unauthorised_percent": "unauthorised_absence_rate",
        "enrolments_pa_10_exact_percent": "persistent_absence",
        "enrolments_pa_50_exact_percent": "severe_absence",
    },
    whole_year_kind=PeriodKind.ACADEMIC_YEAR,
)
ATTENDANCE = EESFormat(
    name="ees_attendance",
    description="EES pupil attendance (daily collection: year to date, termly, weekly or daily)",
    signature=frozenset({"time_period", "time_identifier", "geographic_level", "attendance_perc"}),
    value_columns={
        "attendance_perc": "attendance_rate",
        "overall_absence_perc": "overall_absence_rate",
        "authorised_absence_perc": "authorised_absence_rate",
        "unauthorised_absence_perc": "unauthorised_absence_rate",
        "pa_perc": "persistent_absence",
    },
    whole_year_kind=PeriodKind.YEAR_TO_DATE,
)


def read_phase(row):
    column = "school_type" if "school_type" in row else "education_phase"
    if row[column] not in PHASES:
        raise RowProblem(column, f"unknown phase {row[column]!r}; expected one of {', '.join(PHASES)}")
    return PHASES[row[column]]


def read_areas(row) -> list:
    level = LEVELS.get(row["geographic_level"])
    if level is None:
        raise RowProblem("geographic_level", f"unknown geographic level {row['geographic_level']!r}")
    areas = [AreaFacts(AreaLevel.NATIONAL, required(row, "country_code"), name_in(row, "country_name"))]
    if level != AreaLevel.NATIONAL:
        areas.append(AreaFacts(AreaLevel.REGIONAL, required(row, "region_code"), name_in(row, "region_name")))
    if level in (AreaLevel.LOCAL_AUTHORITY, AreaLevel.SCHOOL):
        areas.append(council(row))
    if level == AreaLevel.SCHOOL:
        areas.append(AreaFacts(AreaLevel.SCHOOL, required(row, "urn"), f"School URN {row['urn']}"))
    return areas


def council(row) -> AreaFacts:
    """Councils abolished before 2009 have no new code in DfE's files; their old number is their identity."""
    old_code = present(row, "old_la_code")
    code = present(row, "new_la_code") or old_code or required(row, "new_la_code")
    return AreaFacts(AreaLevel.LOCAL_AUTHORITY, area_code(code, "new_la_code"), name_in(row, "la_name"), old_code)


def name_in(row, column) -> str:
    return area_name(row.get(column, ""), column)


def present(row, column) -> str:
    text = row.get(column, "")
    return "" if text in MISSING_CODES else text


def required(row, column) -> str:
    text = present(row, column)
    if not text:
        raise RowProblem(column, "the area code is missing")
    return area_code(text, column)


def academic_year(text, column) -> int:
    """EES writes 2018/19 as 201819; this is its first calendar year."""
    if not (len(text) == 6 and text.isdigit() and int(text[4:]) == (int(text[2:4]) + 1) % 100):
        raise RowProblem(column, f"{text!r} is not an academic year such as 201819")
    return int(text[:4])


def a_term(row, term) -> Period:
    column = "academic_year" if row.get("academic_year") else "time_period"
    first = academic_year(row[column], column)
    month, second_year = TERM_STARTS[term]
    return Period(f"{academic_year_label(first)} {term}", PeriodKind.TERM, date(first + second_year, month, 1))


def a_week(year_text, identifier) -> Period:
    try:
        year, week = int(year_text), int(identifier.removeprefix("Week "))
        start = date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise RowProblem("time_identifier", f"{identifier!r} of {year_text!r} is not a week") from error
    return Period(f"{year}-W{week:02d}", PeriodKind.WEEK, start)


def a_day(text) -> Period:
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise RowProblem("attendance_date", f"{text!r} is not a date such as 2025-09-08") from error
    return Period(day.isoformat(), PeriodKind.DAY, day)
