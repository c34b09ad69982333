"""`make demo` gives every action page something real to show, and a re-run keeps each reference."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, ActionStatus, Pledge, Priority

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
