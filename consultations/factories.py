"""Test data for consultations: a consultation with one question of each kind."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from consultations.models import ConsultationPage, ConsultationQuestion, WhoMayRespond

# (label, kind, choices, extra fields)
EVERY_KIND = [
    ("A model attendance policy would help my school", "agreement", "", {}),
    ("Rank these ways of reaching families", "ranking", "Text messages\nHome visits\nLetters", {}),
    ("Should a survey of parents and carers be set up?", "yes_no", "", {}),
    ("Which year group needs most support?", "choose_one", "Year 7\nYear 8\nYear 9", {"allow_other": True}),
    ("Which services have you used?", "choose_many", "Early help\nSchool nurse\nAttendance", {"allow_other": True}),
    ("In a sentence, what gets in the way?", "short_text", "", {"word_limit": 30}),
    ("Anything else you would like us to know?", "long_text", "", {"word_limit": 300, "required": False}),
]


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
