"""A published version of the terms never changes: an amendment is a new version, approved by a chair."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory, TermsOfReferencePageFactory
from governance.models import AttendanceCapacity, AttendanceRecord, MembershipRole, TermsOfReferencePage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def terms(group):
    return TermsOfReferencePageFactory(
        parent=group, title="Terms of reference 2025", effective_from=TODAY - datetime.timedelta(days=200), quorum=5
    )


@pytest.fixture
def secretariat(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    return person.user


@pytest.fixture
def past_meeting(group, terms):
    meeting = MeetingPageFactory(parent=group, start=timezone.now() - datetime.timedelta(days=30))
    for _ in range(4):
        AttendanceRecord.objects.create(meeting=meeting, person=PersonFactory(), capacity=AttendanceCapacity.MEMBER)
    return meeting


def new_version_url(group):
    return reverse("governance:new_terms_version", args=[group.pk])


def test_editing_a_published_version_in_the_admin_is_refused_with_the_way_to_amend(client, group, terms, secretariat):
    client.force_login(secretariat)
    edit = reverse("wagtailadmin_pages:edit", args=[terms.pk])
    response = client.get(edit, follow=True)
    assert response.redirect_chain[-1][0] == new_version_url(group)
    assert "cannot be changed" in response.content.decode()

    client.post(edit, {"title": "Rewritten", "effective_from": TODAY.isoformat(), "quorum": 4})
    terms.refresh_from_db()
    assert (terms.title, terms.effective_from, terms.quorum) == (
        "Terms of reference 2025",
        TODAY - datetime.timedelta(days=200),
        5,
    )


def test_a_new_version_starts_as_a_draft_copy_and_leaves_the_record_alone(
    client, group, terms, secretariat, past_meeting
):
    assert past_meeting.quorum_required() == 5
    client.force_login(secretariat)
    takes_effect = TODAY + datetime.timedelta(days=30)
    response = client.post(
        new_version_url(group),
        {"effective_from": takes_effect.isoformat(), "change_summary": "Quorum lowered to four."},
    )
    draft = TermsOfReferencePage.objects.exclude(pk=terms.pk).get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live
    assert (draft.effective_from, draft.change_summary, draft.purpose) == (
        takes_effect,
        "Quorum lowered to four.",
        terms.purpose,
    )
    assert client.get(response.url).status_code == 200, "the draft stays editable until it is published"

    draft.quorum = 4
    draft.save_revision().publish()
    terms.refresh_from_db()
    assert terms.live and terms.quorum == 5
    assert past_meeting.quorum_required() == 5
    assert group.terms_in_force() == terms
    assert group.terms_in_force(on=takes_effect) == draft.specific


def test_a_new_version_must_take_effect_after_the_latest(client, group, terms, secretariat):
    client.force_login(secretariat)
    response = client.post(
        new_version_url(group),
        {"effective_from": terms.effective_from.isoformat(), "change_summary": "Backdated."},
    )
    assert response.status_code == 400
    assert "must take effect after the latest one" in response.content.decode()
    assert TermsOfReferencePage.objects.count() == 1


@pytest.mark.parametrize("role", [MembershipRole.MEMBER, MembershipRole.OBSERVER])
def test_members_cannot_start_a_new_version(client, group, terms, person_with_account, role):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    client.force_login(person.user)
    assert client.get(new_version_url(group)).status_code == 403
    assert "Start a new version" not in client.get(terms.url).content.decode()


def test_a_chair_of_another_group_cannot_start_a_version_of_this_groups_terms(
    client, group, other_group, terms, person_with_account
):
    person = person_with_account()
    MembershipFactory(person=person, group=other_group, role=MembershipRole.CHAIR)
    client.force_login(person.user)
    assert (
        client.post(new_version_url(group), {"effective_from": "2030-01-01", "change_summary": "x"}).status_code == 403
    )
    assert TermsOfReferencePage.objects.count() == 1


def test_the_terms_page_offers_the_secretariat_a_new_version(client, terms, secretariat):
    client.force_login(secretariat)
    assert "Start a new version" in client.get(terms.url).content.decode()


def test_a_second_new_version_points_to_the_draft_already_in_progress(client, group, terms, secretariat):
    client.force_login(secretariat)
    first = {"effective_from": (TODAY + datetime.timedelta(days=30)).isoformat(), "change_summary": "First."}
    client.post(new_version_url(group), first)
    draft = TermsOfReferencePage.objects.get(live=False)

    page = client.get(new_version_url(group)).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in page
    second = {"effective_from": (TODAY + datetime.timedelta(days=90)).isoformat(), "change_summary": "Second."}
    response = client.post(new_version_url(group), second)
    assert response.status_code == 400
    assert "already being drafted" in response.content.decode()
    assert TermsOfReferencePage.objects.count() == 2
