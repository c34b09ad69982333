"""Which address each benchmarked page has, and how many SQL queries one render of it costs.

bench/run.py runs `manage.py probe_pages OUT.json` with the benchmark's settings, once per scale and
cache. Queries are counted through Django's test Client with every cache emptied first, so each
page comes from a real render (filling the page cache as a first visitor's request does), never
from the page cache. It also writes the cookies of a signed-in chair for the load generator.
"""

import json
import statistics
import time
from pathlib import Path

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from actions.models import Action, Priority
from consultations.models import ConsultationPage
from consultations.volume import SLUG as CONSULTATION_SLUG
from governance.models import GroupKind, MeetingPage, Membership, MembershipRole, PartnershipGroupPage
from governance.volume import GROUP_SLUG
from portal.models import ContentPage

CEILING_PATH = "/bench/ok/"
SIGNED_IN = {
    "dashboard",
    "action_log_signed_in",
    "import_minutes",
    "group_members",
    "record_register",
    "record_check",
    "analysis",
}
RENDERS = 5


class Command(BaseCommand):
    help = "Write the benchmarked pages' addresses, their SQL queries per request and a chair's cookies as JSON."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Where to write the JSON.")

    def handle(self, *args, out, **options):
        group = benchmarked_group()
        if group is None:
            raise CommandError("No seeded partnership group: run `manage.py seed_volume` first.")
        chair = signed_in_client(seeded_chair(group))
        paths = page_paths(group)
        report = {
            "paths": paths,
            "queries": {name: queries_for(path, chair if name in SIGNED_IN else None) for name, path in paths.items()},
            "render_ms": {name: render_ms(path, chair if name in SIGNED_IN else None) for name, path in paths.items()},
            "ceiling_queries": queries_for(CEILING_PATH),
            "cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in chair.cookies.items()),
        }
        Path(out).write_text(json.dumps(report, indent=2))


def benchmarked_group():
    """The first seeded open partnership: every larger scale adds meetings and members to it."""
    groups = PartnershipGroupPage.objects.live().filter(slug__startswith=GROUP_SLUG, members_only=False)
    return groups.filter(kind=GroupKind.PARTNERSHIP).order_by("path").first()


def page_paths(group):
    """One page of each kind, chosen the same way at every scale so the small and large counts compare."""
    site = Site.objects.get(is_default_site=True)
    pages = {
        "home": site.root_page,
        "partnerships": group.get_parent(),
        "group": group,
        "meeting": MeetingPage.objects.child_of(group).live().exclude(minutes="").order_by("path").first(),
        "terms": group.terms_in_force(),
        "content": ContentPage.objects.live().public().descendant_of(site.root_page).order_by("path").first(),
    }
    missing = [name for name, page in pages.items() if page is None]
    if missing:
        raise CommandError(f"No page to benchmark for {', '.join(missing)}: run `manage.py load_demo` first.")
    paths = {name: page.relative_url(site) for name, page in pages.items()}
    meeting = pages["meeting"]
    paths.update(action_paths(group))
    paths.update(consultation_paths(site))
    paths.update(
        record_register=reverse("governance:record_meeting_step", args=[meeting.pk, "register"]),
        record_check=reverse("governance:check_meeting", args=[meeting.pk]),
        login=reverse("account_login"),
        dashboard=reverse("portal:dashboard"),
        import_minutes=reverse("governance:import_minutes"),
        group_members=reverse("governance:group_members", args=[group.pk]),
        search=f"{reverse('portal:search')}?q=attendance",
    )
    return paths


def action_paths(group):
    """The group's action log, its first action from published minutes, its first priority, that priority's
    first pledge and milestone, and the page of the indicator and area the milestone is measured on."""
    action = Action.objects.filter(group=group, meeting__live=True).order_by("pk").first()
    priority = Priority.objects.filter(partnership=group).order_by("pk").first()
    pledge = priority.pledges.order_by("pk").first() if priority else None
    milestone = priority.milestones.select_related("area", "indicator").order_by("pk").first() if priority else None
    if not (action and pledge and milestone):
        raise CommandError("No seeded actions, priorities, pledges or milestones: run `manage.py seed_volume` first.")
    return {
        "indicator": reverse("actions:indicator", args=[milestone.area.code, milestone.indicator.code]),
        "milestone": reverse("actions:milestone", args=[milestone.pk]),
        "action_log": reverse("actions:action_log", args=[group.pk]),
        "action_log_signed_in": reverse("actions:action_log", args=[group.pk]),
        "action": reverse("actions:action", args=[action.reference]),
        "priority": reverse("actions:priority", args=[priority.pk]),
        "pledge": reverse("actions:pledge", args=[pledge.pk]),
        "scorecard": reverse("actions:scorecard", args=[pledge.organisation_id]),
    }


def consultation_paths(site):
    """The seeded consultation's page, and its analysis (for the chair of the group that published it)."""
    consultation = ConsultationPage.objects.live().filter(slug=CONSULTATION_SLUG).first()
    if consultation is None:
        raise CommandError("No seeded consultation: run `manage.py seed_volume` first.")
    return {
        "consultation": consultation.relative_url(site),
        "analysis": reverse("consultations:analysis", args=[consultation.pk]),
    }


def seeded_chair(group):
    """The group's chair, who sees the dashboard with their groups, may import the group's minutes and
    reads the analysis of the seeded consultation (the group published it)."""
    memberships = Membership.objects.active().filter(group=group, role=MembershipRole.CHAIR)
    return memberships.select_related("person__user").get(person__user__isnull=False).person.user


def signed_in_client(user):
    client = Client()
    client.force_login(user)
    return client


def queries_for(path, signed_in=None):
    """Queries of one request, after an uncounted one that warms this process as a running server is warm.

    Both start from empty caches, so the uncounted one leaves nothing (the page cache's generation
    included) that the counted one could find.
    """
    new_client = (lambda: signed_in) if signed_in else Client
    empty_caches()
    new_client().get(path)
    empty_caches()
    with CaptureQueriesContext(connection) as captured:
        response = new_client().get(path)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}: the benchmark would measure an error page.")
    return len(captured)


def render_ms(path, signed_in=None):
    """The median time of one render in this process, every cache emptied before each, so it is what a
    request costs when nothing is stored (the first after a change); the load test measures the rest."""
    new_client = (lambda: signed_in) if signed_in else Client
    times = []
    for _ in range(RENDERS):
        empty_caches()
        started = time.perf_counter()
        new_client().get(path)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def empty_caches():
    for cache in caches.all():
        cache.clear()
