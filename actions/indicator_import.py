"""Importing a DfE absence or attendance file: every row is checked first, and then all of it is saved or none.

Figures are matched on (indicator, area, phase, period), so importing the same file again changes
nothing, and a newer release of a period updates the figures it revises (the history keeps what they
were). Existing figures are read in one query per indicator and written in batches, so a
national file of thousands of rows takes seconds.
"""

from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actions.indicator_files import RowProblem, known_formats, open_rows, read_row, recognise
from actions.models.indicators import Area, AreaLevel, Indicator, IndicatorImport, Observation, Polarity

BATCH_SIZE = 1000
LEVEL_ORDER = (AreaLevel.NATIONAL, AreaLevel.REGIONAL, AreaLevel.LOCAL_AUTHORITY, AreaLevel.SCHOOL)
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

    def refuse(self, row, column, message):
        self.errors.append({"row": row, "column": column, "message": message})

    def as_json(self) -> dict:
        return asdict(self)


def import_indicators(path, *, by=None, dry_run=False) -> ImportReport:
    """Read the whole file; save only if every row could be read (and not at all on a dry run)."""
    report = ImportReport()
    readings = read_file(Path(path), report)
    if report.errors:
        return report
    with transaction.atomic():
        save(readings, Path(path).name, report, by)
        transaction.set_rollback(dry_run)
    return report


def read_file(path, report) -> list:
    try:
        header, rows = open_rows(path)
    except UnicodeDecodeError:
        report.refuse(None, None, "The file is not UTF-8 text; save it from a spreadsheet as CSV UTF-8.")
        return []
    file_format = recognise(header)
    if not header:
        report.refuse(None, None, "The file is empty.")
    elif file_format is None:
        report.refuse(1, None, f"The header is not one this importer knows. It reads: {known_formats()}.")
    elif not rows:
        report.refuse(None, None, "The file has a header but no rows of figures.")
    else:
        report.format = file_format.name
        return read_readings(file_format, header, rows, report)
    return []


def read_readings(file_format, header, rows, report) -> list:
    readings, seen = [], {}
    for number, cells in rows:
        report.rows_read += 1
        try:
            reading = read_row(file_format, header, number, cells)
        except RowProblem as problem:
            report.refuse(number, problem.column, f"Row {number}: {problem.message}.")
            continue
        if reading.key in seen:
            report.refuse(number, None, f"Row {number} repeats the area, phase and period of row {seen[reading.key]}.")
        seen.setdefault(reading.key, number)
        readings.append(reading)
    return readings


def save(readings, file_name, report, by):
    batch = IndicatorImport.objects.create(file_name=file_name, format=report.format, by=by)
    areas, areas_changed = save_areas(readings, report)
    indicators = seed_indicators()
    for code in sorted({code for reading in readings for code in reading.values}):
        save_observations(indicators[code], readings, areas, batch, report)
    if report.observations_created or report.observations_updated or areas_changed:
        IndicatorImport.objects.filter(pk=batch.pk).update(**counts(report))
    else:
        batch.delete()  # a file already imported leaves no trace


def counts(report) -> dict:
    return {name: value for name, value in report.as_json().items() if name not in ("format", "errors")}


def seed_indicators() -> dict:
    """The indicators every file maps onto, created the first time they are needed."""
    found = {}
    for code, (name, definition, polarity) in INDICATORS.items():
        defaults = {"name": name, "definition": definition, "polarity": polarity}
        found[code], _ = Indicator.objects.get_or_create(code=code, defaults=defaults)
    return found


def save_areas(readings, report):
    """Creates new areas parents first; renames known ones only from figures at least as recent as their name."""
    latest = latest_facts(readings)
    areas = {(area.level, area.code): area for area in Area.objects.filter(code__in={c for _, c in latest})}
    changed = []
    for level in LEVEL_ORDER:
        new = [
            area_from(facts, start, parent, areas) for (facts, start, parent) in latest.values() if facts.level == level
        ]
        fresh = [area for area in new if area.pk is None]
        Area.objects.bulk_create(fresh, batch_size=BATCH_SIZE)
        areas.update({(area.level, area.code): area for area in fresh})
        changed += [area for area in new if area.pk and getattr(area, "_renamed", False)]
        report.areas_created += len(fresh)
    Area.objects.bulk_update(changed, ["name", "old_code", "name_as_of", "parent"], batch_size=BATCH_SIZE)
    return areas, len(changed) + report.areas_created


def latest_facts(readings) -> dict:
    """Each area's facts from the most recent period in the file, with the key of its parent."""
    latest = {}
    for reading in readings:
        parent = None
        for facts in reading.areas:
            key = (facts.level, facts.code)
            if key not in latest or latest[key][1] <= reading.period.start:
                latest[key] = (facts, reading.period.start, parent)
            parent = key
    return latest


def area_from(facts, start, parent_key, areas) -> Area:
    parent = areas.get(parent_key)
    area = areas.get((facts.level, facts.code))
    if area is None:
        return Area(
            level=facts.level,
            code=facts.code,
            old_code=facts.old_code,
            name=facts.name,
            name_as_of=start,
            parent=parent,
        )
    wanted = {"name": facts.name, "old_code": facts.old_code or area.old_code, "parent_id": parent and parent.pk}
    if (area.name_as_of is None or area.name_as_of <= start) and any(getattr(area, k) != v for k, v in wanted.items()):
        for name, value in wanted.items():
            setattr(area, name, value)
        area.name_as_of, area._renamed = start, True
    return area


def save_observations(indicator, readings, areas, batch, report):
    periods = {reading.period.code for reading in readings}
    existing = {
        (figure.area_id, figure.phase, figure.period): figure
        for figure in Observation.objects.filter(indicator=indicator, period__in=periods)
    }
    created, updated = [], []
    for reading in readings:
        if indicator.code not in reading.values:
            continue
        value, missing_code = reading.values[indicator.code]
        report.missing_values += value is None
        area = areas[(reading.areas[-1].level, reading.areas[-1].code)]
        figure = existing.get((area.pk, reading.phase, reading.period.code))
        if figure is None:
            created.append(new_observation(indicator, area, reading, batch))
        elif (figure.value, figure.missing_code) != (value, missing_code):
            figure.value, figure.missing_code, figure.source = value, missing_code, batch
            updated.append(figure)
        else:
            report.observations_unchanged += 1
    write_observations(created, updated, batch.by, report)


def new_observation(indicator, area, reading, batch) -> Observation:
    value, missing_code = reading.values[indicator.code]
    period = reading.period
    return Observation(
        indicator=indicator,
        area=area,
        phase=reading.phase,
        period=period.code,
        period_kind=period.kind,
        period_start=period.start,
        value=value,
        missing_code=missing_code,
        source=batch,
    )


def write_observations(created, updated, by, report):
    bulk_create_with_history(created, Observation, batch_size=BATCH_SIZE, default_user=by)
    fields = ["value", "missing_code", "source"]
    bulk_update_with_history(updated, Observation, fields, batch_size=BATCH_SIZE, default_user=by)
    report.observations_created += len(created)
    report.observations_updated += len(updated)
