"""Reading DfE's published absence and attendance CSVs into plain readings, before anything is saved.

Each row becomes a `Reading`: the chain of areas it belongs to (England, region, council, school),
its phase, its period and one value per indicator column. A row that cannot be read raises
`RowProblem` naming the column, so the importer can list every problem and save nothing.
"""

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from actions.models.indicators import AreaLevel, PeriodKind, Phase

# DfE's codes for a figure that is not given; each is kept as written, never read as zero.
MISSING_CODES = frozenset({"c", "x", "z", ":", ".", "-", "u", "low", "NA", ""})
LARGEST_VALUE = Decimal(10) ** 8
PLACES = Decimal("1e-8")

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


class RowProblem(Exception):
    """A cell that cannot be read; the importer reports it with the row number and saves nothing."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class FileFormat:
    """A DfE file layout, recognised by the columns its header must hold."""

    name: str
    description: str
    signature: frozenset
    value_columns: dict  # column → indicator code
    whole_year_kind: str  # what "Academic year" means in this collection

    def matches(self, header) -> bool:
        phase_column = {"school_type", "education_phase"} & set(header)
        return bool(phase_column) and self.signature <= set(header)


ABSENCE = FileFormat(
    name="ees_absence",
    description="EES pupil absence (school census, annual or termly; national, regional, council and school rows)",
    signature=frozenset({"time_period", "time_identifier", "geographic_level", "sess_overall_percent"}),
    value_columns={
        "sess_overall_percent": "overall_absence_rate",
        "sess_authorised_percent": "authorised_absence_rate",
        "sess_unauthorised_percent": "unauthorised_absence_rate",
        "enrolments_pa_10_exact_percent": "persistent_absence",
    },
    whole_year_kind=PeriodKind.ACADEMIC_YEAR,
)
ATTENDANCE = FileFormat(
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
FORMATS = (ABSENCE, ATTENDANCE)


@dataclass(frozen=True)
class AreaFacts:
    level: str
    code: str
    name: str
    old_code: str = ""


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    start: date


@dataclass
class Reading:
    """One row of a file, read but not yet saved."""

    row: int
    areas: list  # AreaFacts from England down to the row's own area
    phase: str
    period: Period
    values: dict = field(default_factory=dict)  # indicator code → (Decimal or None, missing code)

    @property
    def key(self):
        area = self.areas[-1]
        return (area.level, area.code, self.phase, self.period.code)


def recognise(header) -> FileFormat | None:
    return next((known for known in FORMATS if known.matches(header)), None)


def known_formats() -> str:
    return "; ".join(known.description for known in FORMATS)


def open_rows(path):
    """The header and the rows, numbered as a spreadsheet shows them (the header is row 1)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header = lines[0] if lines else []
    return header, list(enumerate(lines[1:], start=2))


def read_row(file_format, header, number, cells) -> Reading:
    if len(cells) != len(header):
        raise RowProblem(None, f"has {len(cells)} cells but the header has {len(header)}")
    row = dict(zip(header, (cell.strip() for cell in cells), strict=True))
    return Reading(
        row=number,
        areas=read_areas(row),
        phase=read_phase(row),
        period=read_period(file_format, row),
        values={code: read_value(row, column) for column, code in file_format.value_columns.items() if column in row},
    )


def read_value(row, column):
    text = row[column]
    if text in MISSING_CODES:
        return None, text
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= LARGEST_VALUE:
        raise RowProblem(column, f"{text!r} is not a number or one of DfE's missing-value codes")
    return value.quantize(PLACES), ""


def read_phase(row):
    column = "school_type" if "school_type" in row else "education_phase"
    if row[column] not in PHASES:
        raise RowProblem(column, f"unknown phase {row[column]!r}; expected one of {', '.join(PHASES)}")
    return PHASES[row[column]]


def read_areas(row) -> list:
    level = LEVELS.get(row["geographic_level"])
    if level is None:
        raise RowProblem("geographic_level", f"unknown geographic level {row['geographic_level']!r}")
    areas = [AreaFacts(AreaLevel.NATIONAL, required(row, "country_code"), row.get("country_name", ""))]
    if level != AreaLevel.NATIONAL:
        areas.append(AreaFacts(AreaLevel.REGIONAL, required(row, "region_code"), row.get("region_name", "")))
    if level in (AreaLevel.LOCAL_AUTHORITY, AreaLevel.SCHOOL):
        areas.append(council(row))
    if level == AreaLevel.SCHOOL:
        areas.append(AreaFacts(AreaLevel.SCHOOL, required(row, "urn"), f"School URN {row['urn']}"))
    return areas


def council(row) -> AreaFacts:
    """Councils abolished before 2009 have no new code in DfE's files; their old number is their identity."""
    old_code = present(row, "old_la_code")
    code = present(row, "new_la_code") or old_code or required(row, "new_la_code")
    return AreaFacts(AreaLevel.LOCAL_AUTHORITY, code, row.get("la_name", ""), old_code)


def present(row, column) -> str:
    text = row.get(column, "")
    return "" if text in MISSING_CODES else text


def required(row, column) -> str:
    text = present(row, column)
    if not text:
        raise RowProblem(column, "the area code is missing")
    return text


def read_period(file_format, row) -> Period:
    identifier = row["time_identifier"]
    if row.get("attendance_date"):
        return a_day(row["attendance_date"])
    if identifier.startswith("Week "):
        return a_week(row["time_period"], identifier)
    if identifier == "Academic year":
        first, label = academic_year(row["time_period"], "time_period")
        return Period(label, file_format.whole_year_kind, date(first, 9, 1))
    term = identifier.removesuffix(" term").lower()
    if identifier.endswith(" term") and term in TERM_STARTS:
        return a_term(row, term)
    raise RowProblem("time_identifier", f"unknown period {identifier!r}")


def academic_year(text, column):
    """EES writes 2018/19 as 201819."""
    if not (len(text) == 6 and text.isdigit() and int(text[4:]) == (int(text[2:4]) + 1) % 100):
        raise RowProblem(column, f"{text!r} is not an academic year such as 201819")
    return int(text[:4]), f"{text[:4]}/{text[4:]}"


def a_term(row, term) -> Period:
    column = "academic_year" if row.get("academic_year") else "time_period"
    first, label = academic_year(row[column], column)
    month, second_year = TERM_STARTS[term]
    return Period(f"{label} {term}", PeriodKind.TERM, date(first + second_year, month, 1))


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
