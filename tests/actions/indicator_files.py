"""Helpers for the importer's tests: DfE's real files from ../shared/data, altered copies, and the database's counts."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from actions.models import Area, ComparatorMember, ComparatorSet, IndicatorImport, Observation
from tests.conftest import shared_file

SHEFFIELD = "E08000019"


def data_file(name):
    return shared_file("data", name)


def figure(indicator, code, phase, period):
    return Observation.objects.get(indicator__code=indicator, area__code=code, phase=phase, period=period)


def run_command(path, *options, refused=False):
    """The command's output; a refused file must also end the command with an error."""
    output = io.StringIO()
    command = ("import_indicators", str(path), *options)
    if refused:
        with pytest.raises(CommandError, match="nothing was saved"):
            call_command(*command, stdout=output)
    else:
        call_command(*command, stdout=output)
    return output.getvalue()


def run_json(path, *options, refused=False):
    return json.loads(run_command(path, "--json", *options, refused=refused))


def read_lines(source):
    with open(source, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def write_lines(target, lines):
    with open(target, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    return target


def copy_rows(source, target, count=None, change=None, header_rows=1, keep=None):
    """A smaller copy of a real file: its first `count` data rows (those `keep(row)` accepts), with
    `change(row_number, columns, row)` applied to each; row numbers are as a spreadsheet shows them."""
    lines = read_lines(source)
    header, rows = lines[header_rows - 1], lines[header_rows:]
    rows = [row for row in rows if keep is None or keep(dict(zip(header, row, strict=False)))][:count]
    columns = {name: index for index, name in reversed(list(enumerate(header)))}
    for number, row in enumerate(rows, start=header_rows + 1):
        if change:
            change(number, columns, row)
    return write_lines(target, [*lines[:header_rows], *rows])


def database_counts():
    return (
        Observation.objects.count(),
        Area.objects.count(),
        IndicatorImport.objects.count(),
        ComparatorSet.objects.count(),
        ComparatorMember.objects.count(),
    )


NOTHING = (0, 0, 0, 0, 0)
