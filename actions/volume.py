"""A realistic volume of actions, priorities and pledges, for benchmarks (`manage.py seed_volume`).

At scale 1: 10,000 actions across the seeded groups, most agreed at their meetings, owned by their
members, in every status and with due dates either side of today; two priorities for each
partnership, each owned by a task-and-finish group where the partnership has one, with four
organisations' pledges and two milestones, and one action in ten a task of a pledge. From a tenth of
that scale, every council's real DfE figures when DfE's files are beside the project. Seeded records
say so in their detail, so a larger scale adds only what is missing and the same scale adds nothing.
"""

import datetime
import io
import random
from collections import defaultdict

from django.conf import settings
from django.core.management import call_command
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from actions import demo_figures
from actions.models import (
    Action,
    ActionStatus,
    Milestone,
    Observation,
    Pledge,
    Priority,
    PriorityStatus,
    reference_prefix,
)
from governance.models import GroupKind, MeetingPage, Membership, Organisation, PartnershipGroupPage
from governance.volume import GROUP_SLUG, seeded_organisations

AT_SCALE_ONE = {"actions": 10_000}
AT_LEAST = {"actions": 30}
SEEDED = "Seeded for the benchmark."
MILESTONE_AREA = "E08000019"  # the demo's area, whose real figures the demo loads
MILESTONES = [
    ("persistent_absence", "secondary", 24, "Fewer secondary pupils persistently absent"),
    ("severe_absence", "total", 2.5, "Less severe absence"),
]
REAL_FIGURES = settings.BASE_DIR.parent / "shared" / "data"
REAL_FIGURE_FILES = [
    "dfe_statistical_neighbours_may2025.csv",
    "dfe_absence_nat_reg_la_200607_201819.csv",
    "dfe_lait_absence_la_long_201516_202425.csv",
    "dfe_absence_school_sheffield_walsall_200607_201819.csv",
]
RATIONALE = "Schools, health and the council each hold part of the answer; no one of them can shift it alone."
PRIORITIES_PER_PARTNERSHIP = 2
PLEDGES_PER_PRIORITY = 4
PLEDGE_TASK_EVERY = 10
STATUS_MIX = (
    [ActionStatus.OPEN] * 5
    + [ActionStatus.IN_PROGRESS] * 3
    + [ActionStatus.DONE] * 6
    + [
        ActionStatus.BLOCKED,
        ActionStatus.DROPPED,
    ]
)
VERBS = ["Circulate", "Share", "Review", "Draft", "Agree", "Map", "Report on", "Contact schools about"]
SUBJECTS = [
    "the persistent absence figures",
    "the attendance support offer",
    "the data-sharing protocol",
    "the early help referrals",
    "the model attendance policy",
    "the parent survey results",
    "the Year 7 transition plan",
    "the school-level data pack",
]


def seed(context):
    groups = list(PartnershipGroupPage.objects.filter(slug__startswith=GROUP_SLUG).order_by("path"))
    if not groups:
        return {"priorities": 0, "pledges": 0, "actions": 0}
    added_priorities, added_pledges = add_priorities(groups, context["today"])
    added_actions = add_actions(wanted_actions(context["scale"]), groups, context["today"])
    added_figures = import_real_figures(context["scale"])
    return {
        "priorities": added_priorities,
        "pledges": added_pledges,
        "milestones": add_milestones(),
        "actions": added_actions,
        "figures": added_figures,
    }


def add_milestones():
    """Two milestones on every seeded priority without any, measured against the demo area's real figures."""
    areas, indicators = demo_figures.load_figures()
    area = areas[MILESTONE_AREA]
    milestones = [
        Milestone(
            priority=priority,
            intent=f"{intent} ({priority.title})"[:300],
            indicator=indicators[code],
            area=area,
            phase=phase,
            baseline_period="2022/23",
            target_period="2026/27",
            target_value=target,
        )
        for priority in Priority.objects.filter(rationale=RATIONALE, milestones__isnull=True)
        for code, phase, target, intent in MILESTONES
    ]
    bulk_create_with_history(milestones, Milestone)
    return len(milestones)


def import_real_figures(scale):
    """From a tenth of full scale up, every council's real figures from DfE's files when they are beside
    the project (../shared/data): the importer adds only what is not there yet."""
    found = [REAL_FIGURES / name for name in REAL_FIGURE_FILES if (REAL_FIGURES / name).is_file()]
    if scale < 0.1 or not found:
        return 0
    before = Observation.objects.count()
    for path in found:
        call_command("import_indicators", str(path), stdout=io.StringIO())
    return Observation.objects.count() - before


def wanted_actions(scale):
    return max(AT_LEAST["actions"], round(AT_SCALE_ONE["actions"] * scale))


def rng_for(kind, start):
    return random.Random(f"actions-{kind}-{start}")  # noqa: S311 - test data, not secrets


def add_priorities(groups, today):
    """Two priorities for each partnership without them, each with four organisations' pledges."""
    partnerships = [g for g in groups if g.kind == GroupKind.PARTNERSHIP and not g.priorities.exists()]
    task_groups = {g.parent_group_id: g for g in groups if g.kind == GroupKind.TASK_AND_FINISH}
    organisations = list(seeded_organisations()[:50]) or list(Organisation.objects.all()[:50])
    priorities = [
        Priority(
            partnership=partnership,
            title=f"{SUBJECTS[n % len(SUBJECTS)].removeprefix('the ').capitalize()} ({partnership.title})"[:200],
            rationale=RATIONALE,
            status=PriorityStatus.ACTIVE,
            starts_on=today - datetime.timedelta(days=200),
            review_on=today + datetime.timedelta(days=60 * (n + 1)),
            task_and_finish_group=task_groups.get(partnership.pk),
        )
        for partnership in partnerships
        for n in range(PRIORITIES_PER_PARTNERSHIP)
    ]
    bulk_create_with_history(priorities, Priority)
    pledges = [
        Pledge(
            priority=priority,
            organisation=organisations[(i * PLEDGES_PER_PRIORITY + n) % len(organisations)],
            statement="We will make attendance a standing item in every case review and signpost families to support.",
            made_on=today - datetime.timedelta(days=150),
            review_on=today + datetime.timedelta(days=120),
        )
        for i, priority in enumerate(Priority.objects.filter(partnership__in=partnerships))
        for n in range(PLEDGES_PER_PRIORITY)
        if organisations
    ]
    bulk_create_with_history(pledges, Pledge)
    return len(priorities), len(pledges)


def add_actions(wanted, groups, today):
    start = Action.objects.filter(detail=SEEDED).count()
    if wanted <= start:
        return 0
    rng = rng_for("actions", start)
    meetings = meetings_by_group(groups)
    members = members_by_group(groups)
    pledges = pledges_by_group()
    numbers = next_numbers(today.year)
    actions = []
    for n in range(start + 1, wanted + 1):
        group = groups[n % len(groups)]
        numbers[group.pk] += 1
        actions.append(new_action(n, group, numbers[group.pk], rng, today, meetings, members, pledges))
    bulk_create_with_history(actions, Action, batch_size=1000)
    return len(actions)


def new_action(n, group, number, rng, today, meetings, members, pledges):
    status = rng.choice(STATUS_MIX)
    pledge = rng.choice(pledges[group.pk]) if pledges.get(group.pk) and n % PLEDGE_TASK_EVERY == 0 else None
    closed = status in (ActionStatus.DONE, ActionStatus.DROPPED)
    return Action(
        reference=f"{reference_prefix(group.title)}{group.pk}-{today.year}-{number:03d}",
        year=today.year,
        number=number,
        title=f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}",
        detail=SEEDED,
        group=group,
        meeting_id=rng.choice(meetings[group.pk]) if meetings.get(group.pk) else None,
        owner_id=rng.choice(members[group.pk]) if members.get(group.pk) else None,
        due_on=today + datetime.timedelta(days=rng.randint(-120, 90)),
        status=status,
        status_reason="Waiting for the data-sharing agreement."
        if status in (ActionStatus.BLOCKED, ActionStatus.DROPPED)
        else "",
        pledge=pledge,
        priority_id=pledge.priority_id if pledge else None,
        closed_on=today - datetime.timedelta(days=rng.randint(1, 60)) if closed else None,
    )


def meetings_by_group(groups):
    found = defaultdict(list)
    rows = MeetingPage.objects.filter(live=True, depth=groups[0].depth + 1).values_list("pk", "path")
    by_path = {group.path: group.pk for group in groups}
    for pk, path in rows:
        group_id = by_path.get(path[: -MeetingPage.steplen])
        if group_id:
            found[group_id].append(pk)
    return found


def members_by_group(groups):
    found = defaultdict(list)
    for group_id, person_id in (
        Membership.objects.active().filter(group__in=groups).values_list("group_id", "person_id")
    ):
        found[group_id].append(person_id)
    return found


def pledges_by_group():
    found = defaultdict(list)
    for pledge in Pledge.objects.select_related("priority"):
        found[pledge.priority.partnership_id].append(pledge)
    return found


def next_numbers(year):
    numbers = defaultdict(int)
    for group_id, top in Action.objects.filter(year=year).values_list("group_id").annotate(top=Max("number")):
        numbers[group_id] = top
    return numbers
