"""`anonymise_responses`: names and emails go once a consultation closed long enough ago; the answers stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.models import Answer, ConsultationResponse, Notice, ResponseStatus
from consultations.retention import months_before
from portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def anonymise(*args):
    out = StringIO()
    call_command("anonymise_responses", *args, stdout=out)
    return out.getvalue().strip()


def respond(page, **fields):
    user = UserFactory()
    response = ConsultationResponse.objects.create(
        page=page,
        user=user,
        status=ResponseStatus.SUBMITTED,
        respondent_name=user.get_full_name(),
        respondent_email=user.email,
        respondent_type="parents_carers",
        organisation_name="Millbrook Primary School",
        form_data={},
        **fields,
    )
    Answer.objects.create(response=response, question=page.questions.first(), value="agree")
    return response


def closed_days_ago(page, days):
    page.opens_at = timezone.now() - datetime.timedelta(days=days + 30)
    page.closes_at = timezone.now() - datetime.timedelta(days=days)
    page.save()
    return page


def test_responses_lose_personal_details_and_keep_their_answers(consultation):
    closed_days_ago(consultation, 200)
    responses = [respond(consultation), respond(consultation)]
    Notice.objects.create(consultation=consultation, user=responses[0].user, kind=Notice.Kind.OUTCOME)
    assert anonymise() == "Anonymised 2 responses to 1 consultation."
    for response in responses:
        response.refresh_from_db()
        assert response.user is None and response.respondent_name == "" and response.respondent_email == ""
        assert response.anonymised_at is not None
        assert response.respondent_type == "parents_carers"
        assert response.organisation_name == "Millbrook Primary School"
        assert response.answers.get().value == "agree"
    assert not Notice.objects.exists()  # who was told of the outcome would say who answered
    assert anonymise() == "No responses were due to be anonymised."


def test_responses_within_the_retention_period_are_kept(consultation, settings):
    settings.CONSULTATION_RETENTION_MONTHS = 6
    closed_days_ago(consultation, 150)
    response = respond(consultation)
    assert anonymise() == "No responses were due to be anonymised."
    assert anonymise("--months", "4") == "Anonymised 1 response to 1 consultation."
    response.refresh_from_db()
    assert response.user is None


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(consultation):
    closed_days_ago(consultation, 200)
    response = respond(consultation)
    assert anonymise("--dry-run") == "Dry run: would anonymise 1 response to 1 consultation; nothing was changed."
    response.refresh_from_db()
    assert response.user is not None and response.respondent_email


def test_six_months_before_the_last_day_of_a_month_is_a_day_that_exists():
    moment = datetime.datetime(2026, 8, 31, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 6) == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 9) == datetime.datetime(2025, 11, 30, 12, tzinfo=datetime.UTC)
