"""The consultations section of the Riverford demo, dated from the day the demo loads.

Three consultations by the partnership: one open now for school leaders and parents, with a
question of every kind; one opening in a fortnight; and one closed six weeks ago with a few hundred
responses and its published outcome, one of whose commitments is already on the action log. The
demo head has a draft of the open one; the demo parent and head answered the closed one. A re-run
moves the dates back to these and adds nothing that is already there: questions, responses and
commitments are made once.
"""

import datetime
import random

from django.db.models import F

from actions.demo import PRIORITIES
from actions.models import Priority
from consultations.answers import OTHER, rows_for
from consultations.models import (
    AGREEMENT,
    Answer,
    Audience,
    Commitment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationResponse,
    ResponseStatus,
    WhoMayRespond,
)
from consultations.outcome import commitment_to_action
from consultations.rules import respondent_type
from portal.demo import ensure_child

GENERATED_RESPONSES = 320
PRIVACY = (
    "We keep your name and email address until six months after the consultation closes, then delete them; "
    "your answers are kept without them. Only the partnership's chairs and secretariat read the answers."
)
# (label, kind, choices, extra fields): the open consultation asks one of every kind.
POLICY_QUESTIONS = [
    ("A model attendance policy would help my school, or my child's school", "agreement", "", {}),
    ("Rank what the policy should cover first", "ranking", "First-day calls home\nSupport before sanctions\n"
     "Working with health and housing", {}),
    ("Should every school in Riverford use the same attendance letter?", "yes_no", "", {}),
    ("Which year group needs most support?", "choose_one", "Reception\nYear 6\nYear 7\nYear 9\nYear 11",
     {"allow_other": True}),
    ("Which of these have you used?", "choose_many", "Early help\nSchool nurse\nAttendance officer\nFamily hub",
     {"allow_other": True}),
    ("In a sentence, what most gets in the way of attendance?", "short_text", "", {"word_limit": 30}),
    ("Anything else you would like the partnership to know?", "long_text", "", {"word_limit": 300,
     "required": False}),
]  # fmt: skip
SURVEY_QUESTIONS = [
    ("A yearly survey of parents and carers would help schools understand absence", "agreement", "", {}),
    ("Should the partnership run one survey for every school, rather than each school its own?", "yes_no", "", {}),
    ("How should the survey reach families?", "choose_many", "A text message link\nA paper form from school\n"
     "At parents' evening\nThrough the family hubs", {"allow_other": True}),
    ("Rank what the survey should ask about", "ranking", "Why children miss school\nWhat support helped\n"
     "How school feels to their child", {}),
    ("Anything else we should know before we decide?", "long_text", "", {"word_limit": 300, "required": False}),
]  # fmt: skip
TRANSPORT_QUESTIONS = [
    ("Transport to school is a reason my child, or children I work with, miss school", "agreement", "", {}),
    ("What would help most?", "long_text", "", {"word_limit": 300}),
]
SURVEY_OUTCOME = (
    "<p>We asked parents, carers and school leaders whether the partnership should run a yearly survey of "
    "families about attendance, and how it should reach them.</p>"
    "<p>Most of you agreed a survey would help, and most wanted one survey for the whole city so that schools "
    "can compare what they hear. Parents told us a text message link is the easiest way to answer, and "
    "several asked for the survey in other languages. School leaders asked that results come back to each "
    "school quickly enough to act on them.</p>"
)
COMMITMENTS = [
    "Run one survey of parents and carers for every Riverford school each spring, starting next year",
    "Send the survey by text message link, with paper copies and translations on request",
    "Share each school's results with its headteacher within four weeks of the survey closing",
]
SCHOOLS = ["Millbrook Primary School", "Hillside Academy", "St Anne's CE Primary", "Riverford High School"]
WRITTEN = [
    "Please keep it short: families are asked a lot already.",
    "Ask pupils too, not only parents.",
    "Make sure it is available in Polish, Urdu and Arabic.",
    "",
    "",
]


def load(context):
    index = ensure_child(
        context["home"],
        ConsultationIndexPage,
        "consultations",
        title="Consultations",
        show_in_menus=True,
        introduction=(
            "We ask school leaders, parents and carers, and partners before we decide. "
            "Here is what we asked, what you said and what we did."
        ),
    )
    context["consultation_index"] = index
    now, accounts = context["now"], context["accounts"]
    policy = ensure_policy_consultation(index, context["partnership"], now)
    ensure_response(policy, accounts["head"], ResponseStatus.DRAFT, now)
    ensure_transport_consultation(index, context["partnership"], now)
    survey = ensure_survey_consultation(index, context["partnership"], now)
    for account in (accounts["parent"], accounts["head"]):
        ensure_response(survey, account, ResponseStatus.SUBMITTED, now - datetime.timedelta(days=50))
    add_generated_responses(survey)
    ensure_outcome(survey, context, now)


def priority(partnership, key):
    return Priority.objects.filter(partnership=partnership, title=PRIORITIES[key][0]).first()


def ensure_consultation(index, slug, questions, **fields):
    """The consultation page, dated afresh; its questions made only the first time, so answers keep theirs."""
    fields.setdefault("privacy_notice", PRIVACY)
    consultation = ensure_child(index, ConsultationPage, slug, **fields)
    if not consultation.questions.exists():
        for order, (label, kind, choices, extra) in enumerate(questions):
            ConsultationQuestion.objects.create(
                page=consultation, sort_order=order, label=label, field_type=kind, choices=choices, **extra
            )
        consultation.save_revision().publish()
    return consultation


def ensure_policy_consultation(index, partnership, now):
    return ensure_consultation(
        index,
        "model-attendance-policy",
        POLICY_QUESTIONS,
        title="A model attendance policy for Riverford schools",
        group=partnership,
        priority=priority(partnership, "secondary"),
        summary="Should every Riverford school start from the same attendance policy? Tell us what it should "
        "say, and what would help your school or your family most.",
        context="<p>Schools write their own attendance policies. Heads asked the partnership for a model "
        "they can adopt, so that families moving between schools meet the same expectations and support.</p>",
        for_school_leaders=True,
        for_parents_carers=True,
        who_may_respond=WhoMayRespond.ACCOUNT_TYPES,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=18),
        how_responses_used="The partnership reads every answer before it drafts the model policy. We will "
        "publish what you said and what we changed because of it.",
    )


def ensure_transport_consultation(index, partnership, now):
    return ensure_consultation(
        index,
        "send-school-transport",
        TRANSPORT_QUESTIONS,
        title="Getting to school: transport for children with special educational needs",
        group=partnership,
        priority=priority(partnership, "send"),
        summary="Children with an education, health and care plan miss more school than their classmates. "
        "We want to hear how school transport helps or gets in the way.",
        for_parents_carers=True,
        for_partners=True,
        opens_at=now + datetime.timedelta(days=14),
        closes_at=now + datetime.timedelta(days=56),
        how_responses_used="The SEND transport review reads every answer; the partnership publishes what it "
        "heard and what the council and schools agree to change.",
    )


def ensure_survey_consultation(index, partnership, now):
    return ensure_consultation(
        index,
        "parent-carer-survey",
        SURVEY_QUESTIONS,
        title="Should we survey parents and carers about attendance?",
        group=partnership,
        priority=priority(partnership, "secondary"),
        summary="We asked whether the partnership should run a yearly survey of families about attendance, "
        "and how it should reach them.",
        for_school_leaders=True,
        for_parents_carers=True,
        opens_at=now - datetime.timedelta(days=75),
        closes_at=now - datetime.timedelta(days=45),
        how_responses_used="The partnership decides at its next meeting whether to run the survey, using "
        "what you tell us about how to reach families.",
    )


def ensure_response(consultation, account, status, when):
    """A demo account's own response, made once, as the site would have kept it."""
    if ConsultationResponse.objects.filter(page=consultation, user=account).exists():
        return
    rng = random.Random(account.email)  # noqa: S311 - demo answers, not secrets
    form_data = {question.clean_name: answer_for(question, rng) for question in consultation.questions.all()}
    response = ConsultationResponse.objects.create(
        page=consultation,
        user=account,
        status=status,
        respondent_type=respondent_type(account),
        organisation_name=account.school_name or account.organisation_name,
        respondent_name=account.get_full_name(),
        respondent_email=account.email,
        form_data=form_data,
        submitted_at=when if status == ResponseStatus.SUBMITTED else None,
    )
    if status == ResponseStatus.SUBMITTED:
        Answer.objects.bulk_create(answer_rows([response], consultation.questions.all()))


def add_generated_responses(consultation):
    """A few hundred responses from people without accounts, made once, the same on every fresh load."""
    if ConsultationResponse.objects.filter(page=consultation, user__isnull=True).exists():
        return
    rng = random.Random("parent-carer-survey")  # noqa: S311 - demo answers, not secrets
    questions = list(consultation.questions.all())
    responses = ConsultationResponse.objects.bulk_create(
        [generated_response(consultation, questions, rng) for _ in range(GENERATED_RESPONSES)]
    )
    Answer.objects.bulk_create(answer_rows(responses, questions))
    # The form builder stamps each with the time it was saved; the demo's were sent over the weeks it was open.
    ConsultationResponse.objects.filter(page=consultation, user__isnull=True).update(submit_time=F("submitted_at"))


def generated_response(consultation, questions, rng):
    kind = Audience.PARENTS_CARERS if rng.random() < 0.65 else Audience.SCHOOL_LEADERS
    open_for = consultation.closes_at - consultation.opens_at
    return ConsultationResponse(
        page=consultation,
        status=ResponseStatus.SUBMITTED,
        respondent_type=kind,
        organisation_name=rng.choice(SCHOOLS) if kind == Audience.SCHOOL_LEADERS else "",
        form_data={question.clean_name: answer_for(question, rng) for question in questions},
        submitted_at=consultation.opens_at + open_for * rng.random() ** 0.7,
        wants_outcome=rng.random() < 0.6,
    )


def answer_rows(responses, questions):
    return [
        Answer(response=response, question=question, **row)
        for response in responses
        for question in questions
        for row in rows_for(question, response.form_data.get(question.clean_name))
    ]


def answer_for(question, rng):
    """An answer as the form keeps it (consultations/answers.py), leaning one way so the charts say something."""
    options = [line.strip() for line in question.choices.splitlines() if line.strip()]
    kind = question.field_type
    if kind == "agreement":
        return rng.choices([key for key, _ in AGREEMENT], weights=[30, 36, 12, 10, 5, 7])[0]
    if kind == "ranking":
        return sorted(options, key=lambda option: rng.random() * (options.index(option) + 1))
    if kind == "yes_no":
        return {"answer": "yes" if rng.random() < 0.7 else "no", "comment": rng.choice(WRITTEN)}
    if kind == "choose_one":
        return {"choice": rng.choice(options), "other": ""}
    if kind == "choose_many":
        chosen = rng.sample(options, rng.choice([1, 1, 2, 3]))
        other = rng.random() < 0.05
        return {"choices": [*chosen, OTHER] if other else chosen, "other": "The school newsletter" if other else ""}
    if kind == "short_text":
        return "Getting to school when a bus is cancelled."
    return rng.choice(WRITTEN)


def ensure_outcome(consultation, context, now):
    """The published outcome, its commitments made once, and the first of them on the action log."""
    for order, text in enumerate(COMMITMENTS):
        Commitment.objects.get_or_create(page=consultation, text=text, defaults={"sort_order": order})
    chartable = consultation.questions.exclude(field_type="long_text").order_by("sort_order")
    consultation.outcome_summary = SURVEY_OUTCOME
    consultation.outcome_charts = list(chartable.values_list("pk", flat=True)[:3])
    consultation.outcome_published_at = now - datetime.timedelta(days=20)
    consultation.save_revision().publish()
    first = Commitment.objects.get(page=consultation, text=COMMITMENTS[0])
    action, _ = commitment_to_action(first, context["accounts"]["chair"])
    action.owner = context["people"]["tom"]
    action.due_on = context["today"] + datetime.timedelta(days=90)
    action.save()
