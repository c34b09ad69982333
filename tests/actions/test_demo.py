"""`make demo` gives every action page something real to show, and a re-run keeps each reference."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.milestone_status import MilestoneStatus, assessed
from actions.models import Action, ActionStatus, Area, Milestone, Observation, Pledge, Priority

pytestmark = pytest.mark.django_db


def test_the_demo_has_actions_in_every_status_a_pledge_with_tasks_and_an_owned_priority(home_page):
    call_command("load_demo", stdout=None)
    references = set(Action.objects.values_list("reference", flat=True))
    call_command("load_demo", stdout=None)
    assert set(Action.objects.values_list("reference", flat=True)) == references

    assert set(Action.objects.values_list("status", flat=True)) == set(ActionStatus.values)
    today = timezone.localdate()
    members = Action.objects.filter(owner__user__email="member@riverford.example")
    assert members.still_open().filter(due_on__range=(today, today + datetime.timedelta(days=7))).exists()
    assert members.overdue().exists()
    assert Pledge.objects.filter(tasks__isnull=False).exists()
    assert Priority.objects.filter(task_and_finish_group__isnull=False).exists()


def test_the_demo_draws_real_figures_and_milestones_without_dfes_files(home_page, client):
    call_command("load_demo", stdout=None)
    figures = Observation.objects.count()
    call_command("load_demo", stdout=None)
    assert Observation.objects.count() == figures > 2000, "a re-run adds no figure twice"
    sheffield = Area.objects.get(code="E08000019")
    secondary = Observation.objects.get(
        indicator__code="persistent_absence", area=sheffield, phase="secondary", period="2022/23"
    )
    assert secondary.value == Decimal("29.26"), "LAIT's published figure, as DfE rounds it"
    assert (
        Observation.objects.get(
            indicator__code="severe_absence", area=sheffield, phase="total", period="2019/20"
        ).missing_code
        == "-"
    )
    html = client.get(reverse("actions:indicator", args=["E08000019", "persistent_absence"])).content.decode()
    assert "Statistical neighbours (May 2025)" in html and "Kirklees" in html and "lowest of 11" in html
    statuses = {assessment.status for _, assessment in assessed(Milestone.objects.all())}
    assert {MilestoneStatus.ON_TRACK, MilestoneStatus.AT_RISK, MilestoneStatus.OFF_TRACK} <= statuses


def test_the_demo_head_reads_a_real_data_pack_for_their_school(home_page, client):
    call_command("load_demo", stdout=None)
    head = Area.objects.get(level="school", code="106987")
    assert head.parent.code == "E08000019"
    client.force_login(django_user("head@riverford.example"))
    html = client.get(reverse("actions:my_school"), follow=True).content.decode()
    assert re.search(r"\d+(st|nd|rd|th) lowest of \d+ primary schools in Sheffield", html)
    assert "No figures for URN" not in html


def django_user(email):
    return get_user_model().objects.get(email=email)
