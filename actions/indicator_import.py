"""Importing a DfE file: every row is checked first, and then all of it is saved or none.

Figures (EES absence and attendance files, LAIT long files) are matched on (indicator, area,
phase, period), so importing the same file again changes nothing, and a newer release of a period
updates the figures it revises (the history keeps what they were). LAIT republishes the census
figures rounded to two places: where two kinds of file give the same figure to different precision,
the more precise is kept, and a gap in one never hides the other's figure, so the order files are
imported in does not matter. Existing figures are read in one query per indicator and
written in batches, so a national file of thousands of rows takes seconds. The statistical
neighbours table becomes comparator sets (`neighbour_import`).
"""

import csv
import itertools
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from actions.indicator_areas import save_areas
from actions.indicator_formats import (
    FORMATS,
    NotATable,
    RowProblem,
    RowSkipped,
    known_formats,
    open_table,
    recognise,
)
from actions.models.indicators import Indicator, IndicatorImport, Observation, Polarity
from actions.neighbour_import import check_neighbours_known, choose_version, save_neighbours

BATCH_SIZE = 1000
LOWER, HIGHER = Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER
INDICATORS = {
    "overall_absence_rate": (
        "Overall absence rate",
        "Authorised plus unauthorised absence sessions over possible sessions.",
        LOWER,
    ),
    "authorised_absence_rate": (
        "Authorised absence rate",
        "Authorised absence sessions over possible sessions.",
        LOWER,
    ),
    "unauthorised_absence_rate": (
        "Unauthorised absence rate",
        "Unauthorised absence sessions over possible sessions.",
        LOWER,
    ),
    "persistent_absence": (
        "Persistent absence (10%+)",
        "Share of enrolments missing 10% or more of their possible sessions.",
        LOWER,
    ),
    "severe_absence": (
        "Severe absence (50%+)",
        "Share of enrolments missing 50% or more of their possible sessions.",
        LOWER,
    ),
    "attendance_rate": (
        "Attendance rate",
        "Present plus late before registers closed, over possible sessions.",
        HIGHER,
    ),
}
PUBLISHED_PLACES = {layout.name: getattr(layout, "decimal_places", None) for layout in FORMATS}
SAVED_COUNTS = (
    "rows_read",
    "observations_created",
    "observations_updated",
    "observations_unchanged",
    "missing_values",
    "areas_created",
)


@dataclass
class ImportReport:
    """What an import did, or would do: the counts people check, and every problem that stopped it."""

    format: str = ""
    rows_read: int = 0
    observations_created: int = 0
    observations_updated: int = 0
    observations_unchanged: int = 0
    missing_values: int = 0
    areas_created: int = 0
    errors: list = field(default_factory=list)
    areas_updated: int = 0
    rows_skipped: int = 0
    skipped: dict = field(default_factory=dict)  # why → {what: rows}
    version: str = ""
    comparator_sets_created: int = 0
    comparator_sets_updated: int = 0
    comparator_sets_unchanged: int = 0

    def refuse(self, row, column, message):
        self.errors.append({"row": row, "column": column, "message": message})

    def skip(self, skipped: RowSkipped):
        self.rows_skipped += 1
        counts = self.skipped.setdefault(skipped.why, {})
        counts[skipped.what] = counts.get(skipped.what, 0) + 1

    @property
    def changed_anything(self) -> bool:
        changes = (self.observations_created, self.observations_updated, self.areas_created, self.areas_updated)
        return any(changes) or bool(self.comparator_sets_created or self.comparator_sets_updated)

    def as_json(self) -> dict:
        return asdict(self)


def import_indicators(path, *, by=None, dry_run=False, file_name=None, version=None) -> ImportReport:
    """Read the whole file; save only if every row could be read (and not at all on a dry run).
    `file_name` is the name the file was uploaded under; `version` names a statistical-neighbours release."""
    file_name = file_name or Path(path).name
    report = ImportReport()
    layout, items = read_file(Path(path), report)
    chosen = check_neighbours(items, file_name, version, report) if layout and layout.kind == "neighbours" else None
    if report.errors:
        return report
    with transaction.atomic():
        batch = IndicatorImport.objects.create(file_name=file_name, format=report.format, by=by)
        if chosen:
            save_neighbours(items, chosen, batch, report)
        else:
            save_figures(items, layout, batch, report)
        keep_if_changed(batch, report)
        transaction.set_rollback(dry_run)
    return report


def read_file(path, report):
    """The file's layout and its readings; every problem is added to the report."""
    try:
        with open_table(path) as (top, rest):
            return read_table(top, rest, report)
    except NotATable as refusal:
        report.refuse(None, None, str(refusal))
    except UnicodeDecodeError:
        report.refuse(None, None, "The file is not UTF-8 text; save it from a spreadsheet as CSV UTF-8.")
    except csv.Error as error:
        report.refuse(None, None, f"The file cannot be read as CSV: {error}.")
    return None, []


def read_table(top, rest, report):
    layout, header_index = recognise(top)
    if not any(any(cell.strip() for cell in row) for row in top):
        report.refuse(None, None, "The file is empty.")
    elif layout is None:
        report.refuse(1, None, f"The header is not one this importer knows. It reads: {known_formats()}.")
    elif layout.kind == "refused":
        report.format = layout.name
        report.refuse(header_index + 1, None, layout.refusal(top))
    else:
        report.format = layout.name
        rows = enumerate(itertools.chain(top[header_index + 1 :], rest), start=header_index + 2)
        items = read_rows(layout, top[header_index], rows, report)
        if not report.rows_read:
            report.refuse(None, None, "The file has a header but no rows of figures.")
        return layout, items
    return None, []


def read_rows(layout, header, rows, report) -> list:
    items, seen = [], {}
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line holds nothing, not even a problem
        report.rows_read += 1
        try:
            item = layout.read_row(header, number, cells)
        except RowSkipped as skipped:
            report.skip(skipped)
            continue
        except RowProblem as problem:
            report.refuse(number, problem.column, f"Row {number}: {problem.message}.")
            continue
        repeated = next((seen[key] for key in item.identities() if key in seen), None)
        if repeated:
            report.refuse(number, None, f"Row {number} repeats what row {repeated} gives (the same area and period).")
        seen.update(dict.fromkeys(item.identities(), number))
        items.append(item)
    return items


def check_neighbours(lists, file_name, version, report):
    chosen = choose_version(version, file_name, report)
    if chosen is not None and not report.errors:
        report.version = chosen.name
        check_neighbours_known(lists, report)
    return chosen


def keep_if_changed(batch, report):
    """A file already imported leaves no trace; otherwise its import records what it did."""
    if report.changed_anything:
        IndicatorImport.objects.filter(pk=batch.pk).update(**{name: getattr(report, name) for name in SAVED_COUNTS})
    else:
        batch.delete()


def seed_indicators() -> dict:
    """The indicators every file maps onto, created the first time they are needed."""
    found = {}
    for code, (name, definition, polarity) in INDICATORS.items():
        defaults = {"name": name, "definition": definition, "polarity": polarity}
        found[code], _ = Indicator.objects.get_or_create(code=code, defaults=defaults)
    return found


def save_figures(readings, layout, batch, report):
    areas = save_areas(readings, report)
    indicators = seed_indicators()
    for code in sorted({code for reading in readings for code in reading.values}):
        save_observations(indicators[code], readings, areas, layout, batch, report)


def save_observations(indicator, readings, areas, layout, batch, report):
    existing = {
        (figure.area_id, figure.phase, figure.period): figure
        for figure in Observation.objects.filter(
            indicator=indicator, period__in={reading.period.code for reading in readings}
        ).annotate(source_format=F("source__format"))
    }
    created, updated = [], []
    for reading in readings:
        if indicator.code not in reading.values:
            continue
        value, missing_code = reading.values[indicator.code]
        report.missing_values += value is None
        area = areas[reading.area.key]
        figure = existing.get((area.pk, reading.phase, reading.period.code))
        if figure is None:
            created.append(new_observation(indicator, area, reading, batch))
        elif revises(figure, value, missing_code, layout):
            figure.value, figure.missing_code, figure.source = value, missing_code, batch
            updated.append(figure)
        else:
            report.observations_unchanged += 1
    write_observations(created, updated, batch.by, report)


def revises(figure, value, missing_code, layout) -> bool:
    """Whether the file's figure changes the one held. Another kind of file does not replace a figure with
    a gap, nor with the same figure to fewer places (LAIT rounds the census to two; some census files round
    England's to one), so whichever file came first, the more precise figure is kept."""
    if (figure.value, figure.missing_code) == (value, missing_code):
        return False
    if figure.source_format == layout.name or figure.value is None:
        return True
    if value is None:
        return False
    held, given = places(figure.value, figure.source_format), places(value, layout.name)
    return not could_be_the_same(figure.value, held, value, given) or given > held


def places(value, format_name) -> int:
    """How many decimal places a figure was published to: as written, or the file's known rounding."""
    return max(-value.normalize().as_tuple().exponent, PUBLISHED_PLACES.get(format_name) or 0, 0)


def could_be_the_same(first, first_places, second, second_places) -> bool:
    """Whether two figures could be roundings of one number: 8.2 and 8.25 could (8.248), 8.2 and 8.3 could not."""
    return abs(first - second) < (Decimal(1).scaleb(-first_places) + Decimal(1).scaleb(-second_places)) / 2


def new_observation(indicator, area, reading, batch) -> Observation:
    value, missing_code = reading.values[indicator.code]
    period = reading.period
    return Observation(
        indicator_id=indicator.pk,
        area_id=area.pk,
        phase=reading.phase,
        period=period.code,
        period_kind=period.kind,
        period_start=period.start,
        value=value,
        missing_code=missing_code,
        source_id=batch.pk,
    )


def write_observations(created, updated, by, report):
    Observation.objects.bulk_create(created, batch_size=BATCH_SIZE)
    if created:
        record_created(created[0].indicator_id, created[0].source_id, by)
    fields = ["value", "missing_code", "source"]
    bulk_update_with_history(updated, Observation, fields, batch_size=BATCH_SIZE, default_user=by)
    report.observations_created += len(created)
    report.observations_updated += len(updated)


def record_created(indicator_id, source_id, by):
    """Each new figure's first history row, copied inside the database in one statement: building a
    history object per figure in Python took most of a large file's import time."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in Observation._meta.concrete_fields)
    history = Observation.history.model._meta.db_table
    # Only table and column names from the models are put into the text; the values are parameters.
    sql = (
        f"INSERT INTO {quote(history)} ({columns}, history_date, history_change_reason, history_type, "  # noqa: S608
        f"history_user_id) SELECT {columns}, %s, NULL, '+', %s FROM {quote(Observation._meta.db_table)} "
        "WHERE source_id = %s AND indicator_id = %s"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, by.pk if by else None, source_id, indicator_id])
