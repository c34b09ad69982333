"""What every reader hands the importer: readings of figures, and the problems and skips it met on the way.

A reading is one row, read but not saved: the chain of areas it belongs to (England, region,
council, school), its phase, its period and one value per indicator. A row that cannot be read
raises `RowProblem` naming the column, so the importer can list every problem and save nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from actions.models.indicators import AreaLevel

# DfE's codes for a figure that is not given; each is kept as written, never read as zero.
MISSING_CODES = frozenset({"c", "x", "z", ":", ".", "-", "u", "low", "NA", ""})
LARGEST_VALUE = Decimal(10) ** 8
PLACES = Decimal("1e-8")


NAME_LENGTH = 120  # Area.name
CODE_LENGTH = 12  # Area.code


def area_name(text, column) -> str:
    """An area's name as the file writes it; one that no release could hold is refused by its column."""
    if "\x00" in text:
        raise RowProblem(column, "the area's name holds a NUL character")
    if len(text) > NAME_LENGTH:
        raise RowProblem(column, f"the area's name is {len(text):,} characters long; at most {NAME_LENGTH} are kept")
    return text


def area_code(text, column) -> str:
    if len(text) > CODE_LENGTH or "\x00" in text:
        raise RowProblem(column, f"{text[:20]!r} is not an area code (at most {CODE_LENGTH} characters)")
    return text


class RowProblem(Exception):
    """A cell that cannot be read; the importer reports it with the row number and saves nothing."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


class RowSkipped(Exception):
    """A row read correctly that holds nothing the portal keeps, such as a LAIT measure it does not track.
    The importer counts these by what they were, so people can see what was left out."""

    def __init__(self, what, why):
        super().__init__(f"{what}: {why}")
        self.what = what
        self.why = why


@dataclass(frozen=True)
class AreaFacts:
    """What a file says about an area. `known_by_old_code` marks a council named only by its old number
    (LAIT, the statistical-neighbours table), which the importer matches to a council it already knows."""

    level: str
    code: str
    name: str
    old_code: str = ""
    known_by_old_code: bool = False

    @property
    def key(self):
        """A council is one area per old number: DfE keeps the number when only the ONS code changes
        (Buckinghamshire, 825, was E10000002 and is E06000060), and gives a new one when the area changes."""
        if self.level == AreaLevel.LOCAL_AUTHORITY and self.old_code:
            return (self.level, f"number {self.old_code}")
        return (self.level, self.code)


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    start: date | None


@dataclass
class Reading:
    """One row of figures, read but not yet saved."""

    row: int
    areas: list  # AreaFacts from England down to the row's own area
    phase: str
    period: Period
    values: dict = field(default_factory=dict)  # indicator code → (Decimal or None, missing code)

    @property
    def area(self) -> AreaFacts:
        return self.areas[-1]

    def identities(self):
        """One key per figure, so two rows giving the same figure can be caught."""
        return [(*self.area.key, self.phase, self.period.code, indicator) for indicator in self.values]


def read_value(text, column):
    """A figure as an exact decimal, or DfE's missing-value code; `4.6500000000000004` reads as 4.65."""
    if text in MISSING_CODES:
        return None, text
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= LARGEST_VALUE:
        raise RowProblem(column, f"{text!r} is not a number or one of DfE's missing-value codes")
    return value.quantize(PLACES), ""


def academic_year_label(first_year: int) -> str:
    """2018 → '2018/19'."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"
