"""The benchmark's machinery: reading wrk, refusing an incomplete report, seeding a volume, choosing pages."""

import copy
import io

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from bench import run
from bench.management.commands import probe_pages
from governance.models import GroupKind, MeetingPage, Membership, MembershipRole, PartnershipGroupPage, Person
from portal.factories import ContentPageFactory

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.62ms    2.10ms  31.22ms   88.12%
    Req/Sec   870.55     60.12     1.01k    70.00%
  Latency Distribution
     50%  812.00us
     75%    5.10ms
     90%    6.80ms
     99%    1.20s
  8663 requests in 5.00s, 40.12MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   1731.52
Transfer/sec:      8.02MB
"""


def test_wrk_figures_read_in_milliseconds_whatever_unit_wrk_printed():
    measured = run.parse_wrk(WRK_OUTPUT)
    assert measured["rps"] == 1731.52
    assert measured["p50_ms"] == 0.812
    assert measured["p99_ms"] == 1200.0
    assert (measured["requests"], measured["error_responses"], measured["socket_errors"]) == (8663, 3, 3)


def complete_report():
    leg = {
        "ceiling_rps": 1000.0,
        "cache": "database",
        "pages": {name: {**dict.fromkeys(run.PAGE_KEYS, 1.0), "error_responses": 0} for name in run.PAGES},
        "seed_seconds": 60.0,
    }
    measured_once = dict.fromkeys(run.ANALYSIS_EXPORT_TARGETS, 1.0)
    return {**leg, "redis": {**copy.deepcopy(leg), "cache": "redis"}, "analysis_and_export": measured_once}


def test_a_complete_report_passes():
    assert run.missing_keys(complete_report()) == []
    assert run.pages_with_errors(complete_report()) == []


def test_a_report_lacking_any_promised_key_fails():
    report = complete_report()
    del report["pages"]["login"]
    del report["redis"]["pages"]["dashboard"]["p99_ms"]
    del report["redis"]["ceiling_rps"]
    del report["analysis_and_export"]["export_peak_mb"]
    assert run.missing_keys(report) == [
        "the report lacks pages.login",
        "the report lacks redis.ceiling_rps",
        "the report lacks redis.pages.dashboard.p99_ms",
        "the report lacks analysis_and_export.export_peak_mb",
    ]


def test_a_page_that_answered_errors_under_load_fails_the_run():
    report = complete_report()
    report["redis"]["pages"]["meeting"]["error_responses"] = 2
    assert run.pages_with_errors(report) == ["meeting answered 2 error responses under load (redis cache)"]


def seed_volume(scale):
    out = io.StringIO()
    call_command("seed_volume", scale=scale, stdout=out)
    return out.getvalue()


def volume():
    return {
        "groups": PartnershipGroupPage.objects.filter(slug__startswith="volume-group-").count(),
        "meetings": MeetingPage.objects.filter(slug__startswith="volume-meeting-").count(),
        "people": Person.objects.filter(email__endswith="@volume.example").count(),
    }


@pytest.mark.django_db
def test_seed_volume_grows_to_a_larger_scale_and_adds_nothing_at_the_same_one(home_page):
    assert "Seeding took" in seed_volume(0.004)
    assert volume() == {"groups": 5, "meetings": 10, "people": 20}
    first_group = PartnershipGroupPage.objects.get(slug="volume-group-1")
    meetings_before = MeetingPage.objects.child_of(first_group).count()

    assert "nothing to add" in seed_volume(0.004)
    assert volume() == {"groups": 5, "meetings": 10, "people": 20}

    seed_volume(0.008)
    assert volume() == {"groups": 5, "meetings": 16, "people": 40}
    assert MeetingPage.objects.child_of(first_group).count() > meetings_before, "existing groups grow too"


@pytest.mark.django_db
def test_seeded_groups_get_rights_privacy_and_registers_as_real_ones_do(home_page):
    seed_volume(0.004)
    members_only = PartnershipGroupPage.objects.get(members_only=True)
    assert PageViewRestriction.objects.filter(page=members_only).exists()
    task_and_finish = PartnershipGroupPage.objects.get(kind=GroupKind.TASK_AND_FINISH)
    assert task_and_finish.parent_group.kind == GroupKind.PARTNERSHIP
    for chair in Membership.objects.filter(role=MembershipRole.CHAIR).select_related("person__user", "group"):
        assert chair.person.user.groups.filter(pk=chair.group.chairs_group_id).exists()
    assert all(meeting.register.exists() for meeting in MeetingPage.objects.all())


@pytest.mark.django_db
def test_every_benchmarked_page_answers_at_the_smallest_volume(home_page):
    ContentPageFactory(parent=home_page, slug="about")
    seed_volume(0.001)
    group = probe_pages.benchmarked_group()
    chair = probe_pages.signed_in_client(probe_pages.seeded_chair(group))
    paths = probe_pages.page_paths(group)
    assert set(paths) == set(run.PAGES)
    assert probe_pages.SIGNED_IN == run.SIGNED_IN
    for name, path in paths.items():
        # queries_for refuses any answer but 200, so a redirect to sign in or a 403 fails here.
        assert probe_pages.queries_for(path, chair if name in probe_pages.SIGNED_IN else None) > 0
