"""Anonymous visitors get the public action pages from the page cache, refreshed the moment an action changes."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.factories import PledgeFactory, PriorityFactory, make_action
from actions.models import ActionStatus
from actions.services import record_progress
from governance.factories import MembershipFactory, PartnershipGroupPageFactory
from governance.models import MembershipRole
from portal.page_cache import STATUS_HEADER

pytestmark = pytest.mark.django_db


def anonymous_get(url):
    return Client().get(url)


def test_each_public_action_page_is_stored_for_visitors(group):
    action = make_action(group, title="Circulate the figures")
    priority = PriorityFactory(partnership=group)
    pledge = PledgeFactory(priority=priority)
    urls = [
        reverse("actions:action_log", args=[group.pk]),
        reverse("actions:action", args=[action.reference]),
        reverse("actions:priority", args=[priority.pk]),
        reverse("actions:pledge", args=[pledge.pk]),
        reverse("actions:scorecard", args=[pledge.organisation_id]),
    ]
    for url in urls:
        assert anonymous_get(url)[STATUS_HEADER] == "miss", url
        assert anonymous_get(url)[STATUS_HEADER] == "hit", url


def test_progress_on_an_action_shows_at_once_to_visitors(
    group, person_with_account, django_capture_on_commit_callbacks
):
    chair = person_with_account()
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    action = make_action(group, title="Circulate the figures")
    url = reverse("actions:action", args=[action.reference])
    anonymous_get(url)
    with django_capture_on_commit_callbacks(execute=True):
        record_progress(action, chair.user, "Sent to every head", ActionStatus.DONE)
    response = anonymous_get(url)
    assert response[STATUS_HEADER] == "miss"
    assert "Sent to every head" in response.content.decode()


def test_members_only_groups_are_never_stored_and_signed_in_people_get_their_own_copy(
    partnerships, group, person_with_account
):
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    closed.save_revision().publish()
    closed_log = reverse("actions:action_log", args=[closed.pk])
    assert STATUS_HEADER not in anonymous_get(closed_log)

    member = person_with_account()
    MembershipFactory(person=member, group=group)
    client = Client()
    client.force_login(member.user)
    log = reverse("actions:action_log", args=[group.pk])
    anonymous_get(log)
    response = client.get(log)
    # Not the visitors' copy: their own, rendered for them and kept for their session (portal.personal_cache).
    assert response[STATUS_HEADER] == "personal-miss"
    assert member.user.get_full_name() in response.content.decode()
    assert "private" in response["Cache-Control"]
