"""The benchmark's consultation: every kind of question, responses in bulk, only what is missing added."""

import io

import pytest
from django.core.management import call_command

from bench.management.commands import probe_pages
from consultations import volume
from consultations.analysis import summarise
from consultations.factories import EVERY_KIND
from consultations.models import (
    Answer,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
    ResponseStatus,
)
from consultations.rules import may_analyse, may_see_names

pytestmark = pytest.mark.django_db


def seed_volume(scale):
    out = io.StringIO()
    call_command("seed_volume", scale=scale, stdout=out)
    return out.getvalue()


def counted(consultation):
    responses = ConsultationResponse.objects.filter(page=consultation)
    return {status: responses.filter(status=status).count() for status in ResponseStatus.values}


def test_one_consultation_of_every_kind_grows_with_the_scale_and_adds_nothing_at_the_same_one(home_page):
    assert "consultation responses" in seed_volume(0.0004)
    consultation = ConsultationPage.objects.get(slug=volume.SLUG)
    assert consultation.get_parent().specific_class is ConsultationIndexPage
    assert [question.field_type for question in consultation.questions.all()] == [kind for _, kind, _, _ in EVERY_KIND]
    assert counted(consultation) == {"draft": 0, "submitted": 50, "withdrawn": 0}, "never fewer than 50"
    submitted_rows = Answer.objects.filter(response__status=ResponseStatus.SUBMITTED)
    assert submitted_rows.values("response").distinct().count() == 50
    assert not Answer.objects.filter(response__status=ResponseStatus.DRAFT).exists()

    assert "nothing to add" in seed_volume(0.0004)
    assert counted(consultation)["submitted"] == 50

    seed_volume(0.003)
    assert counted(consultation) == {"draft": 3, "submitted": 300, "withdrawn": 1}
    assert ConsultationPage.objects.count() == 1


def test_the_benchmarks_chair_reads_the_seeded_answers_with_names(home_page):
    seed_volume(0.0005)
    consultation = ConsultationPage.objects.get(slug=volume.SLUG)
    chair = probe_pages.seeded_chair(probe_pages.benchmarked_group())
    assert may_analyse(chair, consultation) and may_see_names(chair, consultation)
    summaries = summarise(consultation, list(consultation.questions.all()))
    assert all(summary.respondents > 0 for summary in summaries if summary.question.field_type != "long_text")
    agreement = summaries[0]
    assert agreement.respondents == 50 and sum(option.answers for option in agreement.options) == 50
