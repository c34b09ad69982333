"""Reading DfE's published files into plain readings before anything is saved: one module per layout.

`recognise` looks at a file's first rows and names its layout: the EES absence and attendance files
(`ees`), LAIT long files (`lait`) and the statistical-neighbours table (`neighbours`) are read;
files that come with the data but hold no figures (`not_figures`) are recognised and refused with
the reason. `open_table` reads a file row by row, so a large file is never held twice.
"""

import csv
import itertools
from contextlib import contextmanager

from actions.indicator_formats.ees import ABSENCE, ATTENDANCE
from actions.indicator_formats.lait import LAIT
from actions.indicator_formats.neighbours import NEIGHBOURS_TABLE, NeighbourList
from actions.indicator_formats.not_figures import REFUSED
from actions.indicator_formats.readings import (
    MISSING_CODES,
    AreaFacts,
    Period,
    Reading,
    RowProblem,
    RowSkipped,
    read_value,
)

__all__ = [
    "FORMATS",
    "NotATable",
    "MISSING_CODES",
    "AreaFacts",
    "NeighbourList",
    "Period",
    "Reading",
    "RowProblem",
    "RowSkipped",
    "known_formats",
    "open_table",
    "read_value",
    "recognise",
]

FORMATS = (ABSENCE, ATTENDANCE, LAIT, NEIGHBOURS_TABLE)
TOP_ROWS = 15  # enough to see past the neighbours table's label rows and a guidance text's opening
OFFICE_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx or .docx (zips), and the older .xls or .doc


class NotATable(Exception):
    """The file is a spreadsheet workbook or another Office file; the message says how to save it as CSV."""


@contextmanager
def open_table(path):
    """The file's first rows (to recognise it by) and an iterator over the rest, as CSV rows."""
    with open(path, "rb") as raw:
        if raw.read(4) in OFFICE_SIGNATURES:
            raise NotATable(
                "This is a spreadsheet workbook or another Office file, not a CSV file; "
                "save the sheet as CSV UTF-8 and import that."
            )
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        yield list(itertools.islice(rows, TOP_ROWS)), rows


def recognise(top):
    """The layout whose header is in these first rows, and the header row's index; (None, None) if none."""
    for layout in (*FORMATS, *REFUSED):
        found = layout.header_row(top)
        if found is not None:
            return layout, found
    return None, None


def known_formats() -> str:
    return "; ".join(layout.description for layout in FORMATS)
