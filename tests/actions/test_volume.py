"""seed_volume adds actions, priorities and pledges, and only what is missing."""

import io

import pytest
from django.core.management import call_command

from actions.models import Action, Pledge, Priority
from actions.volume import SEEDED

pytestmark = pytest.mark.django_db


def seed(scale):
    call_command("seed_volume", scale=scale, stdout=io.StringIO())
    return {
        "actions": Action.objects.filter(detail=SEEDED).count(),
        "priorities": Priority.objects.count(),
        "pledges": Pledge.objects.count(),
    }


def test_seeding_adds_actions_priorities_and_pledges_once(home_page):
    first = seed(0.004)
    assert first["actions"] == 40 and first["priorities"] >= 2 and first["pledges"] == first["priorities"] * 4
    assert seed(0.004) == first
    assert seed(0.008)["actions"] == 80
    references = list(Action.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references))
    assert Action.objects.filter(pledge__isnull=False, priority__isnull=False).exists()
    assert Action.objects.exclude(owner=None).count() == Action.objects.count()
