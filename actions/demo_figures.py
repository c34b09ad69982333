"""Real DfE figures for the demo: Sheffield (standing in for Riverford), its statistical neighbours, its
region and England, Sheffield's primary schools (the demo head's school has the URN of one of them),
and milestones on the demo partnership's priorities measured against them.

The figures are a small extract kept in `demo_data/` (its SOURCE.md names where they come from), so
`make run` shows real charts without DfE's files. A re-run adds nothing twice.
"""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

from actions.indicator_formats.readings import MISSING_CODES
from actions.indicator_import import seed_indicators
from actions.models import (
    Area,
    ComparatorKind,
    ComparatorMember,
    ComparatorSet,
    IndicatorImport,
    Milestone,
    Observation,
)

EXTRACT = Path(__file__).resolve().parent / "demo_data"
SHEFFIELD = "E08000019"
NEIGHBOURS_VERSION, NEIGHBOURS_PUBLISHED = "May 2025", datetime.date(2025, 5, 1)
SOURCE_FILE = "demo_data/figures.csv: DfE LAIT absence measures, Open Government Licence v3.0"
# (priority key, what the partnership means to achieve, indicator, phase, baseline year, target, target year)
MILESTONES = [
    ("secondary", "Fewer secondary pupils persistently absent in Sheffield: down to 24% by 2026/27",
     "persistent_absence", "secondary", "2022/23", "24", "2026/27"),
    ("secondary", "Severe absence in Sheffield back below 2.5% by 2026/27",
     "severe_absence", "total", "2022/23", "2.5", "2026/27"),
    ("secondary", "Overall absence in Sheffield down to 7% by 2026/27",
     "overall_absence_rate", "total", "2022/23", "7", "2026/27"),
    ("send", "Absence in Sheffield's special schools down to 14% by 2025/26",
     "overall_absence_rate", "special", "2022/23", "14", "2025/26"),
]  # fmt: skip


def load(priorities):
    areas, indicators = load_figures()
    for key, intent, indicator, phase, baseline_period, target, target_period in MILESTONES:
        Milestone.objects.update_or_create(
            priority=priorities[key],
            intent=intent,
            defaults={
                "indicator": indicators[indicator],
                "area": areas[SHEFFIELD],
                "phase": phase,
                "baseline_period": baseline_period,
                "target_period": target_period,
                "target_value": Decimal(target),
            },
        )


def load_figures():
    """The extract's areas, Sheffield's neighbours and the figures; returns the areas and indicators by code."""
    areas = ensure_areas()
    indicators = seed_indicators()
    ensure_neighbours(areas)
    ensure_figures(areas, indicators)
    return areas, indicators


def rows(name):
    with open(EXTRACT / name, encoding="utf-8", newline="") as extract:
        return list(csv.DictReader(extract))


def ensure_areas() -> dict:
    areas = {}
    for row in rows("areas.csv"):
        areas[row["code"]], _ = Area.objects.update_or_create(
            level=row["level"],
            code=row["code"],
            defaults={"name": row["name"], "old_code": row["old_code"], "parent": areas.get(row["parent_code"])},
        )
    return areas


def ensure_neighbours(areas):
    neighbour_list, _ = ComparatorSet.objects.get_or_create(
        kind=ComparatorKind.STATISTICAL_NEIGHBOURS,
        subject=areas[SHEFFIELD],
        version=NEIGHBOURS_VERSION,
        defaults={"name": "Statistical neighbours of Sheffield", "published_on": NEIGHBOURS_PUBLISHED},
    )
    for row in rows("areas.csv"):
        if row["neighbour_of_sheffield"]:
            ComparatorMember.objects.get_or_create(
                comparator_set=neighbour_list,
                area=areas[row["code"]],
                defaults={"position": int(row["neighbour_of_sheffield"]), "closeness": row["closeness"]},
            )


def ensure_figures(areas, indicators):
    """Adds the figures not already there, in one write; figures a real import brought are left alone."""
    held = set(
        Observation.objects.filter(area__in=areas.values()).values_list(
            "indicator__code", "area__code", "phase", "period"
        )
    )
    wanted = [
        row
        for row in rows("figures.csv")
        if tuple(row[k] for k in ("indicator", "area_code", "phase", "academic_year")) not in held
    ]
    if not wanted:
        return
    source = IndicatorImport.objects.create(file_name=SOURCE_FILE, format="demo_extract")
    Observation.objects.bulk_create([observation(row, areas, indicators, source) for row in wanted], batch_size=500)


def observation(row, areas, indicators, source) -> Observation:
    first_year = int(row["academic_year"][:4])
    missing = row["value"] in MISSING_CODES
    return Observation(
        indicator=indicators[row["indicator"]],
        area=areas[row["area_code"]],
        phase=row["phase"],
        period=row["academic_year"],
        period_kind="academic_year",
        period_start=datetime.date(first_year, 9, 1),
        value=None if missing else Decimal(row["value"]),
        missing_code=row["value"] if missing else "",
        source=source,
    )
