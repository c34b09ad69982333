"""Attendance figures on the site: every area's figures against England, its region and its neighbours,
each milestone's progress, and a school's own data pack.

DfE publishes the council, regional and national figures openly, so those pages are public and
anonymous visitors get them from the page cache. A milestone is seen by whoever may see its
priority. A school's pack is for that school's verified staff (see `may_see_school_pack`).
"""

import codecs
import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from actions.figures import NO_FIGURE, comparison, region_of
from actions.indicator_charts import comparison_chart, milestone_chart
from actions.milestone_forms import MilestoneForm
from actions.milestone_status import RULE, assess, on_the_line, series_for
from actions.models import Action, ActionStatus, Milestone, Priority
from actions.models.indicators import Area, AreaLevel, Indicator, Observation, Phase
from actions.schools import school_pack
from actions.services import actions_visible_to, may_manage_priorities, priorities_visible_to
from portal.exports import safe_csv_cell

PUBLIC_LEVELS = (AreaLevel.NATIONAL, AreaLevel.REGIONAL, AreaLevel.LOCAL_AUTHORITY)


def figures_index(request):
    """England, the regions and every council with figures, grouped by region."""
    areas = list(Area.objects.filter(level__in=PUBLIC_LEVELS).select_related("parent").order_by("name"))
    regions = [area for area in areas if area.level == AreaLevel.REGIONAL]
    councils = {region.pk: [] for region in regions}
    elsewhere = []
    for area in areas:
        if area.level == AreaLevel.LOCAL_AUTHORITY:
            councils.get(area.parent_id, elsewhere).append(area)
    context = {
        "england": next((area for area in areas if area.level == AreaLevel.NATIONAL), None),
        "regions": [(region, councils[region.pk]) for region in regions],
        "elsewhere": elsewhere,
        "indicators": Indicator.objects.all(),
    }
    return render(request, "actions/figures_index.html", context)


def public_area(code) -> Area:
    return get_object_or_404(Area.objects.select_related("parent__parent"), level__in=PUBLIC_LEVELS, code=code)


def area_figures(request, code):
    """An area's latest figure for each indicator, each leading to its page."""
    area = public_area(code)
    latest = latest_totals(area)
    indicators = [(indicator, latest.get(indicator.pk)) for indicator in Indicator.objects.all()]
    context = {"area": area, "region": region_of(area), "indicators": indicators}
    return render(request, "actions/area_figures.html", context)


def latest_totals(area) -> dict:
    """{indicator id: (period, value)} for the area's latest whole-year 'Total' figure of each indicator."""
    rows = (
        Observation.objects.filter(area=area, phase=Phase.TOTAL, value__isnull=False)
        .order_by("indicator_id", "-period_start", "period_kind")
        .values_list("indicator_id", "period", "value")
    )
    latest = {}
    for indicator_id, period, value in rows:
        latest.setdefault(indicator_id, (period, value))
    return latest


def indicator_page(request, code, indicator):
    """A chart per phase of the area beside England, its region and its neighbours, with the same figures
    as a table, its rank among its neighbours, and the CSV of exactly what is plotted."""
    area = public_area(code)
    indicator = get_object_or_404(Indicator, code=indicator)
    compared = comparison(area, indicator, chosen_peer_set(request))
    phases = [(phase, comparison_chart(f"chart-{phase.phase}", phase, indicator, area)) for phase in compared.phases]
    return render(request, "actions/indicator.html", {"comparison": compared, "phases": phases})


def indicator_csv(request, code, indicator):
    """Every figure the indicator page plots, one row per phase, year and line."""
    area = public_area(code)
    indicator = get_object_or_404(Indicator, code=indicator)
    response = HttpResponse(codecs.BOM_UTF8, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{area.code}-{indicator.code}.csv"'
    csv.writer(response).writerows(csv_rows(comparison(area, indicator, chosen_peer_set(request))))
    return response


def chosen_peer_set(request):
    """`?peers=<id>` compares with a named peer set instead of the statistical neighbours."""
    chosen = request.GET.get("peers", "")
    return int(chosen) if chosen.isdigit() else None


def csv_rows(compared):
    yield ["indicator", "area", "area_code", "phase", "academic_year", "line", "value", "missing_code"]
    for phase in compared.phases:
        for year, figures in phase.rows():
            for series, figure in zip(phase.series, figures, strict=True):
                value = "" if figure.value is None else f"{figure.value.normalize():f}"
                yield [
                    safe_csv_cell(compared.indicator.name),
                    safe_csv_cell(compared.area.name),
                    compared.area.code,
                    phase.phase_label,
                    year,
                    safe_csv_cell(series.label),
                    value,
                    figure.missing_code,  # one of MISSING_CODES, never a formula
                ]


def milestone_detail(request, pk):
    """The milestone's status and the rule behind it, its chart, and what was done along the way."""
    visible = Milestone.objects.filter(priority__in=priorities_visible_to(request).values("pk"))
    milestone = get_object_or_404(visible.select_related("priority__partnership", "indicator", "area"), pk=pk)
    figures = series_for([milestone])[milestone.pk]
    assessment = assess(milestone, figures)
    done = completed_work(request, milestone.priority)
    chart = milestone_chart("chart-milestone", milestone, assessment, figures, [(a.closed_on, a.title) for a in done])
    context = {
        "milestone": milestone,
        "assessment": assessment,
        "rule": RULE,
        "chart": chart,
        "rows": milestone_rows(milestone, assessment, figures),
        "done": done,
        "can_change": may_manage(request, milestone.priority),
    }
    return render(request, "actions/milestone.html", context)


def milestone_rows(milestone, assessment, figures) -> list:
    """(year, published Figure, where the straight line is that year) from the baseline year to the later of
    the target year and the latest figure, so the status can be checked by hand."""
    last = max([milestone.target_year, *figures])
    return [
        (year, figures.get(year, NO_FIGURE), line_at(milestone, assessment, year))
        for year in range(milestone.baseline_year, last + 1)
    ]


def line_at(milestone, assessment, year):
    if assessment.baseline is None or year > milestone.target_year:
        return None
    return on_the_line(milestone, assessment.baseline, year)


def completed_work(request, priority) -> list:
    """The priority's actions and its pledges' tasks that are done, with the day each was closed."""
    actions = Action.objects.filter(status=ActionStatus.DONE, closed_on__isnull=False).filter(
        Q(priority=priority) | Q(pledge__priority=priority)
    )
    return list(actions_visible_to(request, actions).select_related("pledge__organisation").order_by("closed_on"))


def may_manage(request, priority):
    if not request.user.is_authenticated:
        return False
    return may_manage_priorities(request.user, priority.partnership)


def milestone_form(request, priority_pk=None, pk=None):
    """A partnership's chairs add a milestone to one of its priorities, or change one."""
    milestone = get_object_or_404(Milestone.objects.select_related("priority__partnership"), pk=pk) if pk else None
    priority = milestone.priority if milestone else get_object_or_404(Priority, pk=priority_pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_manage(request, priority):
        raise PermissionDenied("Only the partnership's chairs set milestones for its priorities.")
    form = MilestoneForm(request.POST or None, instance=milestone, priority=priority)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, "The milestone is saved. Its status is worked out from DfE's published figures.")
        return redirect(saved.get_absolute_url())
    status = 400 if form.errors else 200
    return render(
        request,
        "actions/milestone_form.html",
        {"form": form, "priority": priority, "milestone": milestone},
        status=status,
    )


def my_school(request):
    """School staff go straight to their own school's pack."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.school_urn:
        raise Http404("Your account names no school.")
    return redirect("actions:school_pack", urn=request.user.school_urn)


def school_pack_view(request, urn):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    pack = school_pack(request.user, urn)
    return render(request, "actions/school_pack.html", {"pack": pack})
