"""DfE's LAIT (Local Authority Interactive Tool) long files: one row per measure × year × council or region.

`Years` is the end of the academic year (2025 is 2024/25). A council is given only by its old
number (`LA Number`), so its figures are matched to the council of that number the portal already
knows, whatever its new code. England is number 970 and the regions 980 to 990, named in
`LA and Regions`. Measures the portal does not track are read and skipped, and counted.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from actions.indicator_formats.readings import (
    AreaFacts,
    Period,
    Reading,
    RowProblem,
    RowSkipped,
    academic_year_label,
    area_name,
    read_value,
)
from actions.indicator_formats.regions import ENGLAND, known_region_names, region_named, region_of_council
from actions.models.indicators import AreaLevel, PeriodKind, Phase

COLUMNS = ("Short Desc", "Years", "LA and Regions", "Values", "LA Number", "Region")
ENGLAND_NUMBER = 970
REGION_NUMBERS = range(980, 991)
OVERALL, AUTHORISED, UNAUTHORISED = "overall_absence_rate", "authorised_absence_rate", "unauthorised_absence_rate"
PERSISTENT, SEVERE = "persistent_absence", "severe_absence"
# LAIT's measure codes (`Short Desc`) → (indicator, phase). TotAuth and TotUnauth follow LAIT's naming of the
# primary and secondary codes for releases that publish whole-school authorised and unauthorised rates.
MEASURES = {
    "TotAbs": (OVERALL, Phase.TOTAL),
    "PriTotAbs": (OVERALL, Phase.PRIMARY),
    "SecTotAbs": (OVERALL, Phase.SECONDARY),
    "total_absence_special": (OVERALL, Phase.SPECIAL),
    "TotAuth": (AUTHORISED, Phase.TOTAL),
    "PriAuth": (AUTHORISED, Phase.PRIMARY),
    "SecAuth": (AUTHORISED, Phase.SECONDARY),
    "authorised_absence_special": (AUTHORISED, Phase.SPECIAL),
    "TotUnauth": (UNAUTHORISED, Phase.TOTAL),
    "PriUnauth": (UNAUTHORISED, Phase.PRIMARY),
    "SecUnauth": (UNAUTHORISED, Phase.SECONDARY),
    "unauthorised_absence_special": (UNAUTHORISED, Phase.SPECIAL),
    "TotPerAbNew": (PERSISTENT, Phase.TOTAL),
    "SFPriPerAbNew": (PERSISTENT, Phase.PRIMARY),
    "SFSecPerAbNew": (PERSISTENT, Phase.SECONDARY),
    "SpecPerAbNew": (PERSISTENT, Phase.SPECIAL),
    "TotSevPerAbNew": (SEVERE, Phase.TOTAL),
    "SFPriSevPerAbNew": (SEVERE, Phase.PRIMARY),
    "SFSecSevPerAbNew": (SEVERE, Phase.SECONDARY),
    "SpecSevPerAbNew": (SEVERE, Phase.SPECIAL),
}
NOT_TRACKED = "measures the portal does not track"


class LAITFormat:
    """LAIT's long table, recognised by its column names."""

    name = "lait"
    description = "LAIT long files (Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region)"
    kind = "figures"
    decimal_places = 2  # LAIT rounds the census figures it republishes (its dictionary's `dps`)

    def header_row(self, top) -> int | None:
        return 0 if top and set(COLUMNS) <= {cell.strip() for cell in top[0]} else None

    def read_row(self, header, number, cells) -> Reading:
        if len(cells) != len(header):
            raise RowProblem(None, f"has {len(cells)} cells but the header has {len(header)}")
        row = {name.strip(): cell.strip() for name, cell in zip(header, cells, strict=True)}
        indicator, phase = measure(row["Short Desc"])
        value = read_value(row["Values"], "Values")
        return Reading(number, read_areas(row), phase, read_period(row["Years"]), {indicator: value})


LAIT = LAITFormat()


def measure(code):
    if code not in MEASURES:
        raise RowSkipped(code or "(no measure code)", NOT_TRACKED)
    return MEASURES[code]


def read_period(text) -> Period:
    """LAIT's 2025 is the academic year 2024/25."""
    if not (len(text) == 4 and text.isdigit()):
        raise RowProblem("Years", f"{text!r} is not a year such as 2025")
    first = int(text) - 1
    return Period(academic_year_label(first), PeriodKind.ACADEMIC_YEAR, date(first, 9, 1))


def read_areas(row) -> list:
    number = la_number(row["LA Number"])
    if number == ENGLAND_NUMBER:
        return [ENGLAND]
    if number in REGION_NUMBERS:
        return [ENGLAND, region(row["LA and Regions"], "LA and Regions")]
    if number > ENGLAND_NUMBER:
        raise RowProblem("LA Number", f"{number} is neither a council, England (970) nor a region (980 to 990)")
    name = area_name(row["LA and Regions"], "LA and Regions")
    council = AreaFacts(AreaLevel.LOCAL_AUTHORITY, str(number), name, str(number), True)
    return [ENGLAND, region(row["Region"], "Region", of_council=True), council]


def la_number(text) -> int:
    """LAIT's numbers are sometimes written as decimals (301.0)."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value() or number <= 0:
        raise RowProblem("LA Number", f"{text!r} is not a council's number such as 373")
    return int(number)


def region(name, column, of_council=False) -> AreaFacts:
    found = region_of_council(name) if of_council else region_named(name)
    if found is None:
        raise RowProblem(column, f"unknown region {name!r}; expected one of {known_region_names()}")
    return found
