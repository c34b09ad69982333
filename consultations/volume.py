"""A consultation with a hundred thousand responses, for benchmarks (`manage.py seed_volume`).

At scale 1: one open consultation with a question of every kind (`samples.EVERY_KIND`, as in the
tests), published by the first seeded group, with 100,000 submitted responses from school leaders,
parents and partners (never fewer than 50), one draft for every hundred and one withdrawal for every
250.
Answers are kept as a real submission keeps them: whole in `form_data`, and as `Answer` rows made by
`answers.rows_for`, so the analysis and the export read what they would read in production.
Withdrawn responses keep their rows, so the analysis is measured skipping them.

Records are bulk-created in batches; each status is counted, so a larger scale adds only what is
missing and the same scale adds nothing. The answers are random but the same on every run.
"""

import datetime
import random

from wagtail.models import Site

from consultations.answers import OTHER, rows_for
from consultations.models import (
    AGREEMENT,
    Answer,
    Audience,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationQuestion,
    ConsultationResponse,
    ResponseStatus,
)
from consultations.samples import EVERY_KIND
from governance.models import PartnershipGroupPage
from governance.volume import EMAIL_DOMAIN, FIRST_NAMES, GROUP_SLUG, LAST_NAMES, seeded_organisations

AT_SCALE_ONE = 100_000
AT_LEAST = 50
BATCH = 5000
SLUG = "volume-consultation"
OPEN_DAYS = 42
# One draft for every DRAFT_EVERY submitted responses, one withdrawal for every WITHDRAWN_EVERY.
DRAFT_EVERY, WITHDRAWN_EVERY = 100, 250
RESPONDENT_TYPES = (
    [Audience.PARENTS_CARERS] * 9 + [Audience.SCHOOL_LEADERS] * 7 + [Audience.PARTNERS] * 3 + [Audience.ANYONE]
)
AGREEMENT_WEIGHTS = [22, 34, 16, 12, 6, 10]
SHORT_ANSWERS = [
    "Transport to school is unreliable in winter.",
    "Anxiety after the move to secondary school.",
    "Appointments in the school day.",
    "Not knowing who to ask for help.",
    "Term-time holidays are cheaper.",
    "Young carers miss mornings.",
    "Waiting lists for support.",
]
COMMENTS = [
    "Only if the results are shared with schools.",
    "Parents are asked a lot already.",
    "Please make it short and available in other languages.",
    "Yes, but ask pupils too.",
]
OTHER_ANSWERS = ["Year 6", "Reception", "Post-16", "Youth service", "Family hubs"]
LONG_ANSWER = (
    "We have tried morning calls and home visits. What worked best was a named adult the family already "
    "trusted, and a plan agreed with the family rather than for them. Sharing data across the trust helped "
    "us see patterns earlier."
)


def seed(context):
    group = PartnershipGroupPage.objects.filter(slug=f"{GROUP_SLUG}1").first()
    if group is None:
        return {"consultation responses": 0}
    consultation = seeded_consultation(group, context["now"])
    wanted = max(AT_LEAST, round(AT_SCALE_ONE * context["scale"]))
    plan = {
        ResponseStatus.SUBMITTED: wanted,
        ResponseStatus.DRAFT: wanted // DRAFT_EVERY,
        ResponseStatus.WITHDRAWN: wanted // WITHDRAWN_EVERY,
    }
    added = sum(add_responses(consultation, status, count, context["now"]) for status, count in plan.items())
    return {"consultation responses": added}


def consultations_index():
    index = ConsultationIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
    return index


def seeded_consultation(group, now):
    """The benchmark's consultation, made once: open for six weeks so far, chairs told who answered."""
    index = consultations_index()
    consultation = ConsultationPage.objects.child_of(index).filter(slug=SLUG).first()
    if consultation:
        return consultation
    consultation = index.add_child(
        instance=ConsultationPage(
            title="How can we improve school attendance together?",
            slug=SLUG,
            group=group,
            summary="We want to know what gets in the way of children being in school, and what would help.",
            for_school_leaders=True,
            for_parents_carers=True,
            for_partners=True,
            opens_at=now - datetime.timedelta(days=OPEN_DAYS),
            closes_at=now + datetime.timedelta(days=14),
            how_responses_used="The partnership reads every answer before it agrees its attendance strategy.",
            privacy_notice="We keep names and email addresses until six months after the consultation closes.",
            identify_respondents=True,
        )
    )
    for order, (label, kind, choices, extra) in enumerate(EVERY_KIND):
        ConsultationQuestion.objects.create(
            page=consultation, sort_order=order, label=label, field_type=kind, choices=choices, **extra
        )
    return consultation


def add_responses(consultation, status, wanted, now):
    start = ConsultationResponse.objects.filter(page=consultation, status=status).count()
    if wanted <= start:
        return 0
    rng = random.Random(f"consultation-{status}-{start}")  # noqa: S311 - test data, not secrets
    questions = list(consultation.questions.all())
    organisations = list(seeded_organisations().values_list("name", flat=True)) or ["Riverford Academy"]
    for first in range(start + 1, wanted + 1, BATCH):
        numbers = range(first, min(first + BATCH, wanted + 1))
        responses = [new_response(consultation, status, n, rng, questions, organisations, now) for n in numbers]
        ConsultationResponse.objects.bulk_create(responses, batch_size=BATCH)
        if status != ResponseStatus.DRAFT:
            Answer.objects.bulk_create(answer_rows(responses, questions), batch_size=BATCH)
    return wanted - start


def new_response(consultation, status, n, rng, questions, organisations, now):
    respondent_type = rng.choice(RESPONDENT_TYPES)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    given = now - datetime.timedelta(days=OPEN_DAYS * rng.random() ** 1.5)
    return ConsultationResponse(
        page=consultation,
        status=status,
        respondent_type=respondent_type,
        organisation_name="" if respondent_type == Audience.PARENTS_CARERS else rng.choice(organisations),
        respondent_name=name,
        respondent_email=f"{status}-respondent-{n}@{EMAIL_DOMAIN}",
        form_data={question.clean_name: answer_for(question, rng) for question in questions},
        submitted_at=None if status == ResponseStatus.DRAFT else given,
        withdrawn_at=now if status == ResponseStatus.WITHDRAWN else None,
    )


def answer_rows(responses, questions):
    return [
        Answer(response=response, question=question, **row)
        for response in responses
        for question in questions
        for row in rows_for(question, response.form_data.get(question.clean_name))
    ]


def answer_for(question, rng):
    """An answer as the form keeps it (see consultations/answers.py), skewed so the charts have a shape."""
    options = [line.strip() for line in question.choices.splitlines() if line.strip()]
    kind = question.field_type
    if kind == "agreement":
        return rng.choices([key for key, _ in AGREEMENT], weights=AGREEMENT_WEIGHTS)[0]
    if kind == "ranking":
        return sorted(options, key=lambda option: rng.random() * (options.index(option) + 1))
    if kind == "yes_no":
        comment = rng.choice(COMMENTS) if rng.random() < 0.25 else ""
        return {"answer": "yes" if rng.random() < 0.65 else "no", "comment": comment}
    if kind == "choose_one":
        choice = rng.choices([*options, OTHER], weights=[*range(2 * len(options), 0, -2), 1])[0]
        return {"choice": choice, "other": rng.choice(OTHER_ANSWERS) if choice == OTHER else ""}
    if kind == "choose_many":
        choices = rng.sample([*options, OTHER], min(len(options) + 1, rng.choice([1, 1, 2, 2, 3])))
        return {"choices": choices, "other": rng.choice(OTHER_ANSWERS) if OTHER in choices else ""}
    if kind == "short_text":
        return rng.choice(SHORT_ANSWERS)
    return LONG_ANSWER if rng.random() < 0.3 else ""
