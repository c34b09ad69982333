"""Test data for consultations: a consultation with one question of each kind."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from consultations.models import ConsultationPage, ConsultationQuestion, WhoMayRespond
from consultations.samples import EVERY_KIND


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """An open consultation for school leaders and parents; pass `parent` (the consultations index) and `group`."""

    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Consultation on attendance {n}")
    summary = "We want to know what would help schools and families most."
    for_school_leaders = True
    for_parents_carers = True
    who_may_respond = WhoMayRespond.ACCOUNT_TYPES
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    how_responses_used = "The partnership reads every answer before it agrees its attendance strategy."
    privacy_notice = "We keep your name and email until six months after the consultation closes."


def add_every_kind_of_question(consultation):
    for order, (label, kind, choices, extra) in enumerate(EVERY_KIND):
        ConsultationQuestion.objects.create(
            page=consultation, sort_order=order, label=label, field_type=kind, choices=choices, **extra
        )
    return list(consultation.questions.all())
