"""The demo's consultations: open, forthcoming and closed with its outcome, and a re-run adds nothing."""

import pytest
from django.core.management import call_command

from consultations.models import (
    QUESTION_KINDS,
    Answer,
    Commitment,
    ConsultationPage,
    ConsultationResponse,
    Notice,
    Stage,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        ConsultationPage.objects.count(),
        ConsultationResponse.objects.count(),
        Answer.objects.count(),
        Commitment.objects.count(),
        Commitment.objects.filter(action__isnull=False).count(),
    )


def test_the_demo_has_each_stage_of_consultation_and_reloads_without_duplicates(home_page, client):
    call_command("load_demo", stdout=None)
    first = counts()
    call_command("load_demo", stdout=None)
    assert counts() == first

    stages = {page.slug: page.stage() for page in ConsultationPage.objects.live()}
    assert stages == {
        "model-attendance-policy": Stage.OPEN,
        "send-school-transport": Stage.FORTHCOMING,
        "parent-carer-survey": Stage.OUTCOME,
    }
    policy = ConsultationPage.objects.get(slug="model-attendance-policy")
    assert {question.field_type for question in policy.questions.all()} == {kind for kind, _ in QUESTION_KINDS}

    survey = ConsultationPage.objects.get(slug="parent-carer-survey")
    submitted = ConsultationResponse.objects.filter(page=survey, status="submitted")
    assert submitted.count() >= 300
    assert Answer.objects.filter(response__page=survey).values("response").distinct().count() == submitted.count()
    assert survey.commitments.count() == 3 and survey.commitments.filter(action__isnull=False).count() == 1
    assert not Notice.objects.exists()  # loading the demo emails nobody

    public = client.get(survey.url).content.decode()
    assert "We asked, you said, we did" in public and "Run one survey of parents and carers" in public
