"""The outcome: only the group's chairs write it, only after closing; publishing shows it and emails once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.factories import PriorityFactory
from actions.models import Action
from consultations.models import Commitment, ConsultationPage, ConsultationResponse, Notice, ResponseStatus
from governance.factories import MembershipFactory
from governance.models import MembershipRole
from portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(consultation, group):
    """The consultation, closed yesterday, informing one of the group's priorities."""
    consultation.opens_at = timezone.now() - datetime.timedelta(days=30)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.priority = PriorityFactory(partnership=group)
    consultation.save()
    return consultation


@pytest.fixture
def chair(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.CHAIR)
    return person.user


def outcome_url(page):
    return reverse("consultations:outcome", args=[page.pk])


def posted_outcome(page, summary="We asked whether a model policy would help. Most of you said yes.", lines=()):
    """What the outcome form posts: the summary, the first question's chart, and the "we did" lines."""
    existing = list(Commitment.objects.filter(page=page).order_by("sort_order"))
    data = {
        "summary": summary,
        "charts": [page.questions.first().pk],
        "we_did-TOTAL_FORMS": str(len(existing) + len(lines)),
        "we_did-INITIAL_FORMS": str(len(existing)),
    }
    for number, commitment in enumerate(existing):
        data[f"we_did-{number}-commitment"] = str(commitment.pk)
        data[f"we_did-{number}-text"] = commitment.text
    for number, text in enumerate(lines, start=len(existing)):
        data[f"we_did-{number}-text"] = text
    return data


def respond(page, user, status=ResponseStatus.SUBMITTED, wants_outcome=True):
    return ConsultationResponse.objects.create(
        page=page, user=user, status=status, wants_outcome=wants_outcome, form_data={}, submitted_at=timezone.now()
    )


def test_only_the_groups_chairs_reach_the_outcome(client, closed, chair, group, other_group, person_with_account):
    assert client.get(outcome_url(closed)).status_code == 302
    for where, role in [(group, MembershipRole.SECRETARIAT), (group, MembershipRole.MEMBER), (other_group, "chair")]:
        person = person_with_account()
        MembershipFactory(person=person, group=where, role=role)
        client.force_login(person.user)
        assert client.get(outcome_url(closed)).status_code == 403
        assert client.post(outcome_url(closed), posted_outcome(closed, lines=["Sneaky"])).status_code == 403
    assert not Commitment.objects.exists()
    client.force_login(chair)
    assert client.get(outcome_url(closed)).status_code == 200


def test_before_closing_the_chair_is_told_to_wait_and_nothing_is_saved(client, consultation, chair):
    client.force_login(chair)
    page = client.get(outcome_url(consultation))
    assert page.status_code == 200
    assert "The outcome comes after the consultation closes" in page.content.decode()
    refused = client.post(outcome_url(consultation), posted_outcome(consultation, lines=["Too early"]))
    assert refused.status_code == 409
    publish = client.post(reverse("consultations:publish_outcome", args=[consultation.pk]))
    assert publish.status_code == 409
    assert not Commitment.objects.exists()
    assert ConsultationPage.objects.get(pk=consultation.pk).outcome_published_at is None


def test_a_saved_outcome_stays_off_the_public_page_until_published(client, closed, chair):
    client.force_login(chair)
    response = client.post(outcome_url(closed), posted_outcome(closed, lines=["Publish a model policy"]))
    assert response.status_code == 302
    live = ConsultationPage.objects.get(pk=closed.pk)
    assert live.outcome_summary == "" and live.outcome_published_at is None
    draft = live.get_latest_revision_as_object()
    assert "Most of you said yes." in draft.outcome_summary
    assert draft.outcome_charts == [closed.questions.first().pk]
    assert [c.text for c in draft.commitments.all()] == ["Publish a model policy"]
    assert live.latest_revision.user == chair
    client.logout()
    assert "Publish a model policy" not in client.get(closed.url).content.decode()


def test_publishing_shows_the_outcome_on_the_public_page(client, closed, chair):
    client.force_login(chair)
    client.post(outcome_url(closed), posted_outcome(closed, lines=["Publish a model policy", "Survey parents"]))
    response = client.post(reverse("consultations:publish_outcome", args=[closed.pk]))
    assert response.status_code == 302
    live = ConsultationPage.objects.get(pk=closed.pk)
    assert live.outcome_published_at is not None and not live.has_unpublished_changes
    client.logout()
    public = client.get(closed.url).content.decode()
    assert "We asked, you said, we did" in public
    assert "Most of you said yes." in public
    assert "Survey parents" in public
    assert closed.questions.first().label in public  # the chosen question's chart and table


def test_an_outcome_is_refused_until_it_says_what_was_heard_and_done(client, closed, chair):
    client.force_login(chair)
    client.post(outcome_url(closed), posted_outcome(closed, summary=""))
    response = client.post(reverse("consultations:publish_outcome", args=[closed.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write &#x27;We asked, you said&#x27;" in page and "Add at least one &#x27;We did&#x27;" in page
    assert ConsultationPage.objects.get(pk=closed.pk).outcome_published_at is None


def test_text_left_unchanged_keeps_the_formatting_it_had(client, closed, chair):
    closed.outcome_summary = "<h3>What we heard</h3><p>Most said yes.</p>"
    closed.save_revision().publish()
    client.force_login(chair)
    client.post(outcome_url(closed), posted_outcome(closed, summary="What we heard\n\nMost said yes."))
    draft = ConsultationPage.objects.get(pk=closed.pk).get_latest_revision_as_object()
    assert draft.outcome_summary == "<h3>What we heard</h3><p>Most said yes.</p>"


def test_a_commitment_becomes_one_action_however_often_it_is_pressed(client, closed, chair):
    client.force_login(chair)
    long_text = "Write a model attendance policy with heads and parents " * 6
    client.post(outcome_url(closed), posted_outcome(closed, lines=[long_text]))
    commitment = Commitment.objects.get(page=closed)
    url = reverse("consultations:commitment_action", args=[closed.pk, commitment.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    client.post(url)
    action = Action.objects.get()
    commitment.refresh_from_db()
    assert commitment.action == action
    assert action.title == long_text.strip()[:250] and action.group == closed.group
    assert action.priority == closed.priority and action.created_by == chair
    # The draft carries the link, so publishing it (here or in Wagtail's editor) keeps it.
    draft = ConsultationPage.objects.get(pk=closed.pk).get_latest_revision_as_object()
    assert [c.action_id for c in draft.commitments.all()] == [action.pk]


def test_publishing_emails_each_respondent_who_asked_once(client, closed, chair, django_capture_on_commit_callbacks):
    told = UserFactory()
    respond(closed, told)
    respond(closed, UserFactory(), wants_outcome=False)
    respond(closed, UserFactory(notify_consultation_outcomes=False))
    respond(closed, UserFactory(), status=ResponseStatus.DRAFT)
    respond(closed, UserFactory(), status=ResponseStatus.WITHDRAWN)
    client.force_login(chair)
    client.post(outcome_url(closed), posted_outcome(closed, lines=["Publish a model policy"]))
    publish_url = reverse("consultations:publish_outcome", args=[closed.pk])
    assert "email the 1 person who answered" in client.get(publish_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish_url)
    assert [message.to for message in mail.outbox] == [[told.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish_url)
    call_command("send_consultation_notices", stdout=None)
    assert len(mail.outbox) == 1
    assert "Publish a model policy" in mail.outbox[0].body
    assert Notice.objects.filter(kind=Notice.Kind.OUTCOME).count() == 1


def test_changes_after_publishing_go_live_at_once(client, closed, chair):
    client.force_login(chair)
    client.post(outcome_url(closed), posted_outcome(closed, lines=["Publish a model policy"]))
    client.post(reverse("consultations:publish_outcome", args=[closed.pk]))
    client.post(outcome_url(closed), posted_outcome(closed, lines=["Survey parents every term"]))
    live = ConsultationPage.objects.get(pk=closed.pk)
    assert not live.has_unpublished_changes
    client.logout()
    assert "Survey parents every term" in client.get(closed.url).content.decode()


def test_the_chairs_dashboard_lists_closed_consultations_until_their_outcome_is_out(client, closed, chair, group):
    member = UserFactory()
    MembershipFactory(person__user=member, group=group, role=MembershipRole.MEMBER)
    client.force_login(member)
    assert outcome_url(closed) not in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(chair)
    assert outcome_url(closed) in client.get(reverse("portal:dashboard")).content.decode()
    client.post(outcome_url(closed), posted_outcome(closed, lines=["Publish a model policy"]))
    client.post(reverse("consultations:publish_outcome", args=[closed.pk]))
    assert outcome_url(closed) not in client.get(reverse("portal:dashboard")).content.decode()


def test_a_published_outcome_cannot_be_emptied(client, closed, chair):
    client.force_login(chair)
    client.post(outcome_url(closed), posted_outcome(closed, lines=["Publish a model policy"]))
    client.post(reverse("consultations:publish_outcome", args=[closed.pk]))
    response = client.post(outcome_url(closed), posted_outcome(closed, summary=""))
    assert response.status_code == 400
    assert "it must still say what you heard" in response.content.decode()
    assert "Most of you said yes." in ConsultationPage.objects.get(pk=closed.pk).outcome_summary


def test_the_consultation_page_leads_its_chairs_to_the_answers_and_the_outcome(client, closed, chair, group):
    from governance.factories import PersonFactory
    from portal.factories import UserFactory as Account

    client.force_login(chair)
    page = client.get(closed.url).content.decode()
    assert reverse("consultations:analysis", args=[closed.pk]) in page and outcome_url(closed) in page
    member = PersonFactory(user=Account())
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)
    client.force_login(member.user)
    page = client.get(closed.url).content.decode()
    assert reverse("consultations:analysis", args=[closed.pk]) not in page and outcome_url(closed) not in page
