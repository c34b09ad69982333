"""An area's figures for one indicator, beside England, its region and its statistical neighbours.

Everything a chart, its table and its CSV show comes from `comparison()`, so the three always agree.
Years run on without a hole even where DfE published nothing (2019/20): such a year is a gap in the
chart and says "no figure" in the table, never zero. Each comparison costs the same few queries
however many years, areas or phases there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from actions.models.indicators import (
    Area,
    AreaLevel,
    ComparatorKind,
    ComparatorMember,
    ComparatorSet,
    Observation,
    PeriodKind,
    Phase,
    Polarity,
)

ENGLAND = "E92000001"
# What each of DfE's missing-value codes means, for the table; anything else is just "no figure".
MISSING_MEANINGS = {
    "c": "suppressed to protect confidentiality",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    ":": "not available",
    "-": "not collected",
}
ANNUAL_KINDS = (PeriodKind.ACADEMIC_YEAR, PeriodKind.YEAR_TO_DATE)


def year_label(year: int) -> str:
    """2022 → '2022/23'."""
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class Figure:
    """One cell: a value, or DfE's reason for having none (an empty reason means nothing was published)."""

    value: Decimal | None = None
    missing_code: str = ""

    @property
    def reason(self) -> str:
        if self.value is not None:
            return ""
        return MISSING_MEANINGS.get(self.missing_code, "no figure published")


NO_FIGURE = Figure()


@dataclass
class Series:
    """One line of the chart (or, for the neighbours' range, its lower or upper edge)."""

    key: str
    label: str
    figures: dict = field(default_factory=dict)  # year → Figure

    def at(self, year) -> Figure:
        return self.figures.get(year, NO_FIGURE)


@dataclass
class PhaseComparison:
    phase: str
    phase_label: str
    years: list
    series: list  # Series, the area first
    rank: str = ""
    rank_year: int | None = None

    @property
    def has_figures(self) -> bool:
        return any(figure.value is not None for series in self.series for figure in series.figures.values())

    def rows(self):
        """(year label, [Figure per series]) for the table and the CSV, oldest first."""
        return [(year_label(year), [series.at(year) for series in self.series]) for year in self.years]


@dataclass
class Comparators:
    """The areas an area is ranked among: its statistical neighbours, or a peer set such as the core cities."""

    name: str
    areas: list  # Area, nearest first for statistical neighbours
    version: str = ""
    peer_set: ComparatorSet | None = None

    def label(self, what) -> str:
        owner = f"{self.name}'" if self.name.endswith("s") else f"{self.name}'s"
        return f"{owner} {what}"


NO_COMPARATORS = Comparators("", [])


@dataclass
class Comparison:
    area: Area
    indicator: object
    region: Area | None
    comparators: Comparators
    phases: list  # PhaseComparison
    peer_sets: list = field(default_factory=list)  # the named peer sets the area belongs to

    @property
    def lower_is_better(self):
        return self.indicator.polarity == Polarity.LOWER_IS_BETTER


def statistical_neighbours(area) -> Comparators:
    """The newest published list of the council's ten statistical neighbours, nearest first."""
    if area.level != AreaLevel.LOCAL_AUTHORITY:
        return NO_COMPARATORS
    members = list(
        ComparatorMember.objects.filter(
            comparator_set__kind=ComparatorKind.STATISTICAL_NEIGHBOURS, comparator_set__subject=area
        )
        .select_related("area", "comparator_set")
        .order_by("-comparator_set__published_on", "-comparator_set__pk", "position")
    )
    if not members:
        return NO_COMPARATORS
    newest = members[0].comparator_set_id
    chosen = [member for member in members if member.comparator_set_id == newest]
    return Comparators("Statistical neighbours", [m.area for m in chosen], chosen[0].comparator_set.version)


def peer_sets_of(area) -> list:
    return list(ComparatorSet.objects.filter(kind=ComparatorKind.PEER_SET, members__area=area).order_by("name"))


def peers(peer_set, area) -> Comparators:
    """A named peer set's other members, in the order people listed them."""
    members = peer_set.members.exclude(area=area).select_related("area").order_by("position", "area__name")
    return Comparators(peer_set.name, [member.area for member in members], peer_set=peer_set)


def region_of(area):
    if area.level in (AreaLevel.LOCAL_AUTHORITY, AreaLevel.SCHOOL) and area.parent_id:
        parent = area.parent
        return parent if parent.level == AreaLevel.REGIONAL else parent.parent
    return None


def comparison(area, indicator, peer_set=None) -> Comparison:
    """The area's figures for every phase, with England's, its region's and its statistical neighbours' (or,
    when one is chosen, a peer set's that it belongs to)."""
    england = area if area.code == ENGLAND else Area.objects.filter(level=AreaLevel.NATIONAL, code=ENGLAND).first()
    region = region_of(area)
    peer_sets = peer_sets_of(area)
    chosen = next((s for s in peer_sets if peer_set is not None and s.pk == peer_set), None)
    comparators = peers(chosen, area) if chosen else statistical_neighbours(area)
    compared = [a for a in (area, region, england) if a is not None]
    figures = yearly_figures(indicator, compared + comparators.areas)
    phases = [
        phase_comparison(phase, label, (area, region, england), comparators, figures, indicator)
        for phase, label in Phase.choices
    ]
    return Comparison(area, indicator, region, comparators, [p for p in phases if p.has_figures], peer_sets)


def yearly_figures(indicator, areas) -> dict:
    """{(area id, phase): {year: Figure}} for the areas' whole-year figures."""
    observations = Observation.objects.filter(
        indicator=indicator, area__in=[a.pk for a in areas], period_kind__in=ANNUAL_KINDS
    ).values_list("area_id", "phase", "period_kind", "period_start", "value", "missing_code")
    return by_year(((area_id, phase), *rest) for area_id, phase, *rest in observations)


def by_year(rows) -> dict:
    """{key: {year: Figure}} from (key, period kind, period start, value, missing code) rows: the census
    figure for a year where there is one, else the daily collection's year to date."""
    found, kinds = defaultdict(dict), {}
    for key, kind, start, value, missing_code in rows:
        if kinds.get((key, start.year)) == PeriodKind.ACADEMIC_YEAR:
            continue
        kinds[(key, start.year)] = kind
        found[key][start.year] = Figure(value, missing_code)
    return found


def phase_comparison(phase, label, places, comparators, figures, indicator) -> PhaseComparison:
    area, region, england = places
    own = figures.get((area.pk, phase), {})
    years = year_span(own)
    series = [Series("area", area.name, own)]
    if england is not None and england != area:
        series.append(Series("england", "England", figures.get((england.pk, phase), {})))
    if region is not None:
        series.append(Series("region", region.name, figures.get((region.pk, phase), {})))
    comparison = PhaseComparison(phase, label, years, series)
    if comparators.areas:
        others = [figures.get((other.pk, phase), {}) for other in comparators.areas]
        series += neighbour_series(comparators, others, years)
        comparison.rank_year, comparison.rank = rank_among(own, others, indicator.polarity)
    return comparison


def year_span(own) -> list:
    """Every academic year from the area's first figure to its last, holes included."""
    years = [year for year, figure in own.items() if figure.value is not None] or list(own)
    return list(range(min(years), max(years) + 1)) if years else []


def neighbour_series(comparators, neighbour_figures, years) -> list:
    """The comparators' average, lowest and highest for each year, from those that published a figure."""
    average, lowest, highest = {}, {}, {}
    for year in years:
        values = [f[year].value for f in neighbour_figures if year in f and f[year].value is not None]
        if values:
            average[year] = Figure(sum(values) / len(values))
            lowest[year], highest[year] = Figure(min(values)), Figure(max(values))
    return [
        Series("neighbours_average", comparators.label("average"), average),
        Series("neighbours_lowest", comparators.label("lowest"), lowest),
        Series("neighbours_highest", comparators.label("highest"), highest),
    ]


def rank_among(own, neighbour_figures, polarity):
    """'4th lowest of 11' for the latest year the area has a figure, among it and its neighbours with one."""
    years = sorted((year for year, figure in own.items() if figure.value is not None), reverse=True)
    if not years:
        return None, ""
    year = years[0]
    value = own[year].value
    others = [f[year].value for f in neighbour_figures if year in f and f[year].value is not None]
    lower_is_better = polarity == Polarity.LOWER_IS_BETTER
    ahead = sum(1 for other in others if (other < value if lower_is_better else other > value))
    word = "lowest" if lower_is_better else "highest"
    return year, f"{ordinal(ahead + 1)} {word} of {len(others) + 1}"


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
