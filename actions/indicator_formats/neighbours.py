"""DfE's children's services statistical neighbours table: for each council, the ten councils most like it.

The sheet starts with two rows of spreadsheet labels; the third names the columns (`LA num, LA Name,
LA number, GOInd, GOReg, SN1, SNP, …, SN10, SNP`). Councils are given by their old numbers, and
each neighbour's closeness ("Very close") is written with varying capitals, so it is put in
sentence case. Blank rows and a label row ("Old SNs:") set apart the councils DfE still lists from
before a reorganisation; those councils are read like the rest.
"""

from dataclasses import dataclass, field

from actions.indicator_formats.readings import AreaFacts, Period, RowProblem, RowSkipped, area_name
from actions.indicator_formats.regions import ENGLAND, known_region_names, region_of_council
from actions.models.indicators import AreaLevel

FIRST_COLUMNS = ["LA num", "LA Name", "LA number", "GOInd", "GOReg"]
NEIGHBOURS = 10
CLOSENESS = ("Extremely close", "Very close", "Close", "Somewhat close", "Not close")
UNDATED = Period("", "", None)  # the table's names never override names from dated figures


@dataclass
class NeighbourList:
    """One council's row: the council (with its region) and its neighbours' old numbers, nearest first."""

    row: int
    areas: list  # England, the region, the council
    neighbours: list = field(default_factory=list)  # (old number, closeness)
    period: Period = UNDATED

    @property
    def council(self) -> AreaFacts:
        return self.areas[-1]

    def identities(self):
        return [self.council.key]


class NeighboursFormat:
    name = "statistical_neighbours"
    description = "DfE's statistical neighbours table (LA num, LA Name, LA number, GOInd, GOReg, SN1, SNP … SN10, SNP)"
    kind = "neighbours"

    def header_row(self, top) -> int | None:
        return next((index for index, row in enumerate(top[:5]) if names_columns(row)), None)

    def read_row(self, header, number, cells) -> NeighbourList:
        cells = [cell.strip() for cell in cells]
        if not cells[0]:
            raise RowSkipped(" ".join(cell for cell in cells if cell), "labels, not councils")
        if len(cells) < len(FIRST_COLUMNS) + 2:
            raise RowProblem(None, f"has {len(cells)} cells; a council's row has {len(header)}")
        name = area_name(cells[1], "LA Name")
        council = AreaFacts(AreaLevel.LOCAL_AUTHORITY, old_number(cells[0], "LA num"), name, cells[0], True)
        return NeighbourList(number, [ENGLAND, read_region(cells[4]), council], read_neighbours(cells))


NEIGHBOURS_TABLE = NeighboursFormat()


def names_columns(row) -> bool:
    cells = [cell.strip() for cell in row]
    return cells[: len(FIRST_COLUMNS)] == FIRST_COLUMNS and "SN1" in cells


def old_number(text, column) -> str:
    if not (text.isdigit() and len(text) <= 6):
        raise RowProblem(column, f"{text!r} is not a council's old number such as 373")
    return text


def read_region(name) -> AreaFacts:
    found = region_of_council(name)
    if found is None:
        raise RowProblem("GOReg", f"unknown region {name!r}; expected one of {known_region_names()}")
    return found


def read_neighbours(cells) -> list:
    """Pairs of (SNn, SNP) columns after the first five; a pair left empty means the list is shorter."""
    pairs = [cells[start : start + 2] for start in range(len(FIRST_COLUMNS), len(cells) - 1, 2)][:NEIGHBOURS]
    found, places = [], {}
    for place, (code, closeness) in enumerate(pairs, start=1):
        if not (code or closeness):
            continue
        found.append((old_number(code, f"SN{place}"), read_closeness(closeness, place)))
        if places.setdefault(code, place) != place:
            raise RowProblem(f"SN{place}", f"neighbour {code} is already SN{places[code]}")
    if not found:
        raise RowProblem("SN1", "the council has no neighbours listed")
    return found


def read_closeness(text, place) -> str:
    wanted = text.capitalize()
    if wanted not in CLOSENESS:
        raise RowProblem(f"SNP after SN{place}", f"{text!r} is not one of {', '.join(CLOSENESS)}")
    return wanted
