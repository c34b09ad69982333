"""A school's own data pack: its absence figures over the years beside its council's and England's, and
where it stands among the council's schools of the same phase.

Who sees it: the school's own verified staff (and site admins), nobody else. DfE publishes each
school's figures, but the pack adds something DfE does not publish, the school's rank among its
council's schools, and a partnership portal should not become a league table of its own members.
A school that wants its pack shared can show it; the portal does not do it for them. Everyone else
gets "not found", so the page does not even say which schools have figures.
"""

from dataclasses import dataclass, field

from django.http import Http404

from actions.figures import ENGLAND, PhaseComparison, Series, by_year, ordinal, year_span
from actions.indicator_charts import comparison_chart
from actions.models.indicators import Area, AreaLevel, Indicator, Observation, PeriodKind, Phase, Polarity

PACK_INDICATORS = ("overall_absence_rate", "persistent_absence", "severe_absence")


def may_see_school_pack(user, urn) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or (user.is_verified_school_staff and user.school_urn == urn)


@dataclass
class IndicatorPack:
    indicator: Indicator
    comparison: PhaseComparison
    chart: object = None


@dataclass
class SchoolPack:
    urn: str
    school: Area | None
    council: Area | None
    phase: str = ""
    phase_label: str = ""
    indicators: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # indicators with no figure for the school


def school_pack(user, urn) -> SchoolPack:
    if not may_see_school_pack(user, urn):
        raise Http404("No data pack for that school.")
    school = Area.objects.filter(level=AreaLevel.SCHOOL, code=urn).select_related("parent").first()
    pack = SchoolPack(urn, school, school.parent if school else None)
    if school is None:
        return pack
    pack.phase = school_phase(school)
    pack.phase_label = Phase(pack.phase).label if pack.phase else ""
    for indicator in Indicator.objects.filter(code__in=PACK_INDICATORS):
        add_indicator(pack, indicator)
    return pack


def school_phase(school) -> str:
    """The phase DfE filed the school under in its latest figures."""
    latest = Observation.objects.filter(area=school).order_by("-period_start").values_list("phase", flat=True)
    return latest.first() or ""


def add_indicator(pack, indicator):
    compared = [pack.school, pack.council, *Area.objects.filter(level=AreaLevel.NATIONAL, code=ENGLAND)]
    compared = [area for area in compared if area is not None]
    rows = Observation.objects.filter(
        indicator=indicator, area__in=[a.pk for a in compared], phase=pack.phase, period_kind=PeriodKind.ACADEMIC_YEAR
    ).values_list("area_id", "period_kind", "period_start", "value", "missing_code")
    figures = by_year(rows)
    own = figures.get(pack.school.pk, {})
    if not any(figure.value is not None for figure in own.values()):
        pack.missing.append(indicator)
        return
    series = [Series("area", f"This school (URN {pack.urn})", own)]
    if pack.council:
        series.append(Series("council", pack.council.name, figures.get(pack.council.pk, {})))
    series += [Series("england", "England", figures.get(a.pk, {})) for a in compared if a.code == ENGLAND]
    comparison = PhaseComparison(pack.phase, pack.phase_label, year_span(own), series)
    comparison.rank_year, comparison.rank = rank_in_council(pack, indicator, own)
    chart = comparison_chart(f"chart-{indicator.code}", comparison, indicator, pack.school)
    council = pack.council.name if pack.council else "its council"
    chart.title = f"{indicator.name}: this school beside {council} and England"
    pack.indicators.append(IndicatorPack(indicator, comparison, chart))


def rank_in_council(pack, indicator, own):
    """'12th lowest of 87 state-funded secondary schools in Sheffield' for the school's latest year."""
    years = sorted((y for y, f in own.items() if f.value is not None), reverse=True)
    if not years or pack.council is None:
        return None, ""
    year, value = years[0], own[years[0]].value
    others = list(
        Observation.objects.filter(
            indicator=indicator,
            area__level=AreaLevel.SCHOOL,
            area__parent=pack.council,
            phase=pack.phase,
            period_kind=PeriodKind.ACADEMIC_YEAR,
            period_start__year=year,
            value__isnull=False,
        ).values_list("value", flat=True)
    )
    lower_is_better = indicator.polarity == Polarity.LOWER_IS_BETTER
    ahead = sum(1 for other in others if (other < value if lower_is_better else other > value))
    word = "lowest" if lower_is_better else "highest"
    schools = f"{pack.phase_label.lower()} schools in {pack.council.name}"
    return year, f"{ordinal(ahead + 1)} {word} of {max(len(others), 1)} {schools}"
