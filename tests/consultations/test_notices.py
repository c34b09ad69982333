"""`send_consultation_notices`: "opened" and "closing soon" go once each, to the right people only."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ConsultationResponse, Notice, ResponseStatus
from portal.factories import PartnerStaffFactory, SchoolStaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def send(*args):
    out = StringIO()
    call_command("send_consultation_notices", *args, stdout=out)
    return out.getvalue().strip()


def verified_head(**fields):
    head = SchoolStaffFactory(**fields)
    head.verify_school_staff()
    head.save()
    return head


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_opened_goes_once_to_the_audience_who_asked(consultation):
    """The consultation is for school leaders and parents: verified heads and parents who want to hear."""
    parent, head = UserFactory(), verified_head()
    UserFactory(notify_new_consultations=False)
    UserFactory(verified_email=False)
    UserFactory(is_active=False)
    SchoolStaffFactory()  # not yet verified, so could not answer
    PartnerStaffFactory()  # not in the audience
    assert send() == "Queued 2 emails (2 opened)."
    assert recipients() == sorted([parent.email, head.email])
    assert mail.outbox[0].subject == f"Have your say: {consultation.title}"
    assert consultation.how_responses_used in mail.outbox[0].body
    assert send() == "No one needed telling."
    assert len(mail.outbox) == 2


def test_a_consultation_for_anyone_goes_to_every_kind_of_account(consultation):
    consultation.for_anyone = True
    consultation.save()
    partner = PartnerStaffFactory()
    send()
    assert partner.email in recipients()


def test_nothing_is_sent_about_a_forthcoming_or_unpublished_consultation(consultation):
    UserFactory()
    consultation.opens_at = timezone.now() + datetime.timedelta(days=2)
    consultation.save()
    assert send() == "No one needed telling."
    consultation.opens_at = timezone.now() - datetime.timedelta(days=2)
    consultation.live = False
    consultation.save()
    assert send() == "No one needed telling."
    assert not mail.outbox


def test_closing_soon_goes_once_to_people_with_an_unsent_draft(consultation):
    consultation.closes_at = timezone.now() + datetime.timedelta(days=2)
    consultation.save()
    drafting, sent = UserFactory(notify_new_consultations=False), UserFactory(notify_new_consultations=False)
    ConsultationResponse.objects.create(page=consultation, user=drafting, form_data={})
    ConsultationResponse.objects.create(page=consultation, user=sent, status=ResponseStatus.SUBMITTED, form_data={})
    assert send() == "Queued 1 email (1 closing soon with a draft unsent)."
    assert recipients() == [drafting.email]
    assert "not sent your answers yet" in mail.outbox[0].body
    send()
    assert len(mail.outbox) == 1
    assert Notice.objects.get().kind == Notice.Kind.CLOSING_SOON


def test_closing_soon_waits_until_the_days_before_closing(consultation, settings):
    settings.CONSULTATION_CLOSING_REMINDER_DAYS = 3
    consultation.closes_at = timezone.now() + datetime.timedelta(days=4)
    consultation.save()
    ConsultationResponse.objects.create(
        page=consultation, user=UserFactory(notify_new_consultations=False), form_data={}
    )
    assert send() == "No one needed telling."
    assert send("--days", "5") == "Queued 1 email (1 closing soon with a draft unsent)."


def test_a_dry_run_sends_and_records_nothing(consultation):
    UserFactory()
    assert send("--dry-run") == "Dry run: would have sent 1 email (1 opened); nothing was sent or recorded."
    assert not mail.outbox and not Notice.objects.exists()


def test_an_outcome_email_the_publishing_task_missed_goes_with_the_next_run(consultation):
    consultation.opens_at = timezone.now() - datetime.timedelta(days=30)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=2)
    consultation.outcome_published_at = timezone.now()
    consultation.save()
    respondent = UserFactory(notify_new_consultations=False)
    ConsultationResponse.objects.create(
        page=consultation, user=respondent, status=ResponseStatus.SUBMITTED, form_data={}
    )
    assert send() == "Queued 1 email (1 outcome published)."
    assert recipients() == [respondent.email]
    assert send() == "No one needed telling."
