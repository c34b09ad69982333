"""A milestone's status, worked out from DfE's published figures by a rule a chair can check by hand.

The rule (also written on the milestone's page, from `RULE`):
the latest published figure for a year after the baseline year is compared with the straight line
from the baseline to the target. It is *met* once it is as good as the target; *on track* if it is
at least as good as the line says it should be by that year; *at risk* if it is behind the line but
better than the baseline; *off track* if it is no better than the baseline, or the target year has
passed without the target being met; and *awaiting data* until there is a baseline and a figure
for a later year. "Good" follows the indicator: for absence, lower is better.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from actions.figures import ANNUAL_KINDS, by_year, year_label
from actions.models.indicators import Observation, Polarity

PLACES = Decimal("0.01")


class MilestoneStatus(models.TextChoices):
    MET = "met", "Met"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    AWAITING_DATA = "awaiting_data", "Awaiting data"


# A symbol beside each status's words, so it never rests on colour alone.
SYMBOLS = {
    MilestoneStatus.MET: "✔",
    MilestoneStatus.ON_TRACK: "↗",
    MilestoneStatus.AT_RISK: "⚠",
    MilestoneStatus.OFF_TRACK: "✖",
    MilestoneStatus.AWAITING_DATA: "…",
}
RULE = [
    ("Met", "the latest figure is as good as the target, or better."),
    (
        "On track",
        "the latest figure is as good as the straight line from baseline to target says it should be by "
        "that year, or better.",
    ),
    ("At risk", "the latest figure is behind that line, but better than the baseline."),
    (
        "Off track",
        "the latest figure is no better than the baseline, or the target year has passed without reaching the target.",
    ),
    ("Awaiting data", "there is no baseline yet, or no figure published for a year after the baseline year."),
]


@dataclass
class Assessment:
    status: str
    baseline: Decimal | None
    latest_year: int | None = None
    latest: Decimal | None = None
    expected: Decimal | None = None
    sentence: str = ""

    @property
    def label(self):
        return MilestoneStatus(self.status).label

    @property
    def symbol(self):
        return SYMBOLS[self.status]


def series_for(milestones) -> dict:
    """{milestone id: {year: Figure}} for many milestones in one query."""
    milestones = list(milestones)
    if not milestones:
        return {}
    rows = Observation.objects.filter(
        indicator__in={m.indicator_id for m in milestones},
        area__in={m.area_id for m in milestones},
        period_kind__in=ANNUAL_KINDS,
    ).values_list("indicator_id", "area_id", "phase", "period_kind", "period_start", "value", "missing_code")
    figures = by_year(((indicator_id, area_id, phase), *rest) for indicator_id, area_id, phase, *rest in rows)
    return {m.pk: figures.get((m.indicator_id, m.area_id, m.phase), {}) for m in milestones}


def assess(milestone, figures) -> Assessment:
    """The milestone's status from its figures ({year: Figure}), by the rule in `RULE`."""
    baseline = milestone.baseline_value
    if baseline is None and milestone.baseline_year in figures:
        baseline = figures[milestone.baseline_year].value
    later = sorted(y for y, f in figures.items() if y > milestone.baseline_year and f.value is not None)
    if baseline is None or not later:
        return awaiting(milestone, baseline)
    year = later[-1]
    latest = figures[year].value
    expected = on_the_line(milestone, baseline, year)
    status = status_from(milestone, baseline, year, latest, expected)
    assessment = Assessment(status, baseline, year, latest, expected)
    assessment.sentence = in_words(milestone, assessment)
    return assessment


def awaiting(milestone, baseline) -> Assessment:
    if baseline is None:
        why = f"There is no published figure for the baseline year, {milestone.baseline_period}, and none was entered."
    else:
        why = f"No figure has been published for a year after {milestone.baseline_period} yet."
    return Assessment(MilestoneStatus.AWAITING_DATA, baseline, sentence=f"Awaiting data. {why}")


def on_the_line(milestone, baseline, year) -> Decimal:
    share = Decimal(min(year, milestone.target_year) - milestone.baseline_year) / Decimal(
        milestone.target_year - milestone.baseline_year
    )
    return baseline + (milestone.target_value - baseline) * share


def status_from(milestone, baseline, year, latest, expected) -> str:
    better = at_least_as_good(milestone.indicator.polarity)
    if better(latest, milestone.target_value):
        return MilestoneStatus.MET
    if year >= milestone.target_year:
        return MilestoneStatus.OFF_TRACK
    if better(latest, expected):
        return MilestoneStatus.ON_TRACK
    if better(latest, baseline) and latest != baseline:
        return MilestoneStatus.AT_RISK
    return MilestoneStatus.OFF_TRACK


def at_least_as_good(polarity):
    if polarity == Polarity.HIGHER_IS_BETTER:
        return lambda value, other: value >= other
    return lambda value, other: value <= other


def in_words(milestone, assessment) -> str:
    unit = milestone.indicator.unit
    return (
        f"{assessment.label}. The latest figure, for {year_label(assessment.latest_year)}, is "
        f"{figure(assessment.latest)}{unit}. On the straight line from the baseline "
        f"({figure(assessment.baseline)}{unit} in {milestone.baseline_period}) to the target "
        f"({figure(milestone.target_value)}{unit} in {milestone.target_period}) it would be "
        f"{figure(assessment.expected)}{unit} by {year_label(assessment.latest_year)}."
    )


def figure(value) -> str:
    return f"{Decimal(value).quantize(PLACES, ROUND_HALF_UP).normalize():f}"


def assessed(milestones) -> list:
    """(milestone, Assessment) for each milestone, in two queries however many there are."""
    milestones = list(milestones.select_related("indicator", "area", "priority"))
    figures = series_for(milestones)
    return [(milestone, assess(milestone, figures[milestone.pk])) for milestone in milestones]
