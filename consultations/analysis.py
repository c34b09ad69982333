"""What a consultation's submitted answers add up to, counted by the database.

Every figure is a GROUP BY over `Answer` rows joined to the submitted responses, so the analysis
costs the same few queries at ten responses as at a hundred thousand: nothing here loads the
responses into Python. Options come back in the order the question offers them (the agreement
scale in its own order, "don't know" last), then any value nobody offered, so nothing counted is
ever hidden.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate

from consultations.answers import OTHER, TEXT_KINDS
from consultations.models import AGREEMENT, Answer, Audience, ConsultationResponse, ResponseStatus

# How each kind of question is kept as Answer rows (consultations/answers.py), and so how it is counted:
# a ranking has one row per option, a choose-any one per option ticked, the rest one row per answer.
MANY_ROW_KINDS = {"choose_many", "checkboxes"}
RANKING = "ranking"
YES_NO = (("yes", "Yes"), ("no", "No"))
NOT_SAID = "Not said"
TYPE_LABELS = dict(Audience.choices)
LATEST_WRITTEN = 3
ORGANISATIONS_OFFERED = 100


@dataclass(frozen=True)
class ResponseFilter:
    """Which submitted responses the figures count: one kind of respondent, one organisation, or all."""

    respondent_type: str = ""
    organisation: str = ""

    def lookups(self, prefix=""):
        chosen = {"respondent_type": self.respondent_type, "organisation_name": self.organisation}
        return {f"{prefix}{name}": value for name, value in chosen.items() if value}

    def __bool__(self):
        return bool(self.respondent_type or self.organisation)


def submitted_responses(consultation, only=ResponseFilter()):
    responses = ConsultationResponse.objects.filter(page=consultation, status=ResponseStatus.SUBMITTED)
    return responses.filter(**only.lookups()).order_by()


def submitted_answers(consultation, only=ResponseFilter()):
    answers = Answer.objects.filter(response__page=consultation, response__status=ResponseStatus.SUBMITTED)
    return answers.filter(**only.lookups("response__")).order_by()


def type_label(respondent_type):
    return TYPE_LABELS.get(respondent_type, NOT_SAID)


# The headline and who answered


def counts_by_status(consultation):
    """Every response to the consultation by status, whatever the filter: what is in, what is still coming."""
    rows = ConsultationResponse.objects.filter(page=consultation).values_list("status").annotate(n=Count("pk"))
    counted = dict(rows.order_by())
    return {status: counted.get(status, 0) for status in ResponseStatus.values}


@dataclass
class RespondentType:
    value: str
    label: str
    respondents: int


def respondent_types(consultation, only=ResponseFilter()):
    """The kinds of respondent among the counted responses, in the order consultations name them."""
    counted = dict(submitted_responses(consultation, only).values_list("respondent_type").annotate(n=Count("pk")))
    order = [*Audience.values, *sorted(set(counted) - set(Audience.values))]
    return [RespondentType(value, type_label(value), counted[value]) for value in order if counted.get(value)]


def organisations_answering(consultation):
    """The organisations with most responses first, to offer as filters (the few hundred a city has)."""
    responses = submitted_responses(consultation).exclude(organisation_name="")
    rows = responses.values_list("organisation_name").annotate(n=Count("pk")).order_by("-n", "organisation_name")
    return [name for name, _ in rows[:ORGANISATIONS_OFFERED]]


@dataclass
class Day:
    day: datetime.date
    responses: int


def responses_per_day(consultation, only=ResponseFilter()):
    """Submitted responses per UK day, with the quiet days between the first and last as zeros."""
    responses = submitted_responses(consultation, only).filter(submitted_at__isnull=False)
    rows = dict(responses.annotate(day=TruncDate("submitted_at")).values_list("day").annotate(n=Count("pk")))
    if not rows:
        return []
    first, last = min(rows), max(rows)
    days = (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
    return [Day(day, rows.get(day, 0)) for day in days]


# Each question's figures


@dataclass
class OptionCount:
    """One option of a question: how many chose it (ranked: placed it first), overall and by respondent type."""

    value: str
    label: str
    offered: bool = True
    answers: int = 0
    percent: float = 0.0
    first: int = 0
    rank_total: int = 0
    by_type: dict = field(default_factory=lambda: defaultdict(int))
    compared: list = field(default_factory=list)

    @property
    def average_rank(self):
        return round(self.rank_total / self.answers, 1) if self.answers else None


@dataclass
class QuestionSummary:
    """A question's figures; `respondents` is how many answered it, the base of every percentage."""

    question: object
    options: list
    respondents: int = 0
    respondents_by_type: dict = field(default_factory=lambda: defaultdict(int))
    written: int = 0
    latest_written: list = field(default_factory=list)
    chart: object = None

    @property
    def kind(self):
        kind = self.question.field_type
        if kind in TEXT_KINDS:
            return "text"
        return "ranking" if kind == RANKING else "many" if kind in MANY_ROW_KINDS else "one"


def offered_options(question):
    """The options a question offers, as (stored value, label), in the order it offers them."""
    if question.field_type == "agreement":
        return list(AGREEMENT)
    if question.field_type in ("yes_no", "checkbox"):
        return list(YES_NO)
    offered = [(label, label) for label in choice_labels(question)]
    if getattr(question, "allow_other", False):
        offered.append((OTHER, "Other"))
    return offered


def choice_labels(question):
    return [line.strip() for line in question.choices.splitlines() if line.strip()]


def summarise(consultation, questions, only=ResponseFilter(), types=(), names=False, latest=0):
    """Every question's figures from one GROUP BY query (and one per choose-any question), and with
    `latest` the latest few written answers of each (a query per question with any).

    `types` (from `respondent_types`) are the columns of the comparison by respondent type; `names`
    adds respondents' names to what they wrote, for those `rules.may_see_names` allows.
    """
    summaries = {question.pk: QuestionSummary(question, blank_options(question)) for question in questions}
    add_counts(summaries, answer_counts(consultation, only))
    add_respondents_to_many(summaries, respondents_to_many(consultation, questions, only))
    for summary in summaries.values():
        finish(summary, types)
        if summary.written and latest:
            written = written_answers(consultation, summary.question, only, names=names)
            summary.latest_written = as_written(written[:latest])
    return list(summaries.values())


def blank_options(question):
    if question.field_type in TEXT_KINDS:
        return []
    return [OptionCount(value, label) for value, label in offered_options(question)]


def answer_counts(consultation, only):
    """(question, value, rank, respondent type, answers, answers with writing), one row per group."""
    answers = submitted_answers(consultation, only)
    rows = answers.values_list("question_id", "value", "rank", "response__respondent_type")
    return rows.annotate(answers=Count("pk"), written=Count("pk", filter=~Q(text="")))


def respondents_to_many(consultation, questions, only):
    """For choose-any questions, how many respondents chose anything, as (question, type, respondents).

    One person ticks several rows, so these count responses with any answer to the question (a
    semi-join, a query per such question), which is twice as fast as COUNT(DISTINCT) over the rows.
    """
    for question in questions:
        if question.field_type in MANY_ROW_KINDS:
            answered = Exists(Answer.objects.filter(response=OuterRef("pk"), question=question))
            responses = submitted_responses(consultation, only).filter(answered)
            for respondent_type, respondents in responses.values_list("respondent_type").annotate(n=Count("pk")):
                yield question.pk, respondent_type, respondents


def add_counts(summaries, rows):
    for question_id, value, rank, respondent_type, answers, written in rows:
        summary = summaries.get(question_id)
        if summary is None:
            continue
        summary.written += written
        if summary.kind == "text":
            count_respondents(summary, respondent_type, answers)
        elif summary.kind == "ranking":
            add_ranking(summary, option_for(summary, value), rank, respondent_type, answers)
        else:
            option = option_for(summary, value)
            option.answers += answers
            option.by_type[respondent_type] += answers
            if summary.kind == "one":
                count_respondents(summary, respondent_type, answers)


def add_ranking(summary, option, rank, respondent_type, answers):
    """Each person ranks first exactly once, so the first places count the respondents."""
    option.answers += answers
    option.rank_total += (rank or 0) * answers
    if rank == 1:
        option.first += answers
        option.by_type[respondent_type] += answers
        count_respondents(summary, respondent_type, answers)


def count_respondents(summary, respondent_type, respondents):
    summary.respondents += respondents
    summary.respondents_by_type[respondent_type] += respondents


def add_respondents_to_many(summaries, rows):
    for question_id, respondent_type, respondents in rows:
        count_respondents(summaries[question_id], respondent_type, respondents)


def option_for(summary, value):
    """The option a stored value counts towards; a value no longer offered gets a row of its own."""
    for option in summary.options:
        if option.value == value:
            return option
    option = OptionCount(value, value or "(no answer)", offered=False)
    summary.options.append(option)
    return option


def finish(summary, types):
    """Percentages of the question's respondents, overall and for each respondent type compared."""
    for option in summary.options:
        shown = option.first if summary.kind == "ranking" else option.answers
        option.percent = percent(shown, summary.respondents)
        option.compared = [compared(summary, option, kind.value) for kind in types]
    offered = [option for option in summary.options if option.offered]
    unexpected = sorted((option for option in summary.options if not option.offered), key=lambda o: -o.answers)
    summary.options = offered + unexpected


def compared(summary, option, respondent_type):
    """(how many, percent) of one kind of respondent to the question."""
    shown = option.by_type.get(respondent_type, 0)
    return shown, percent(shown, summary.respondents_by_type.get(respondent_type, 0))


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def written_answers(consultation, question, only=ResponseFilter(), search="", names=False):
    """What people wrote for a question (answers, comments, "other" choices), latest first.

    Names come only when asked for, so a page that must not show them never has them to show.
    """
    answers = submitted_answers(consultation, only).filter(question=question).exclude(text="")
    if search:
        answers = answers.filter(text__icontains=search)
    fields = ["value", "text", "response__respondent_type", "response__organisation_name"]
    if names:
        fields.append("response__respondent_name")
    return answers.order_by("-pk").values(*fields)


@dataclass
class Written:
    """One thing someone wrote, with what they chose beside it ("Yes", "Other") and who they are."""

    text: str
    chose: str
    respondent_type: str
    organisation: str
    name: str = ""


def as_written(rows):
    chose = {**dict(YES_NO), OTHER: "Other"}
    return [
        Written(
            text=row["text"],
            chose=chose.get(row["value"], ""),
            respondent_type=type_label(row["response__respondent_type"]),
            organisation=row["response__organisation_name"],
            name=row.get("response__respondent_name", ""),
        )
        for row in rows
    ]
