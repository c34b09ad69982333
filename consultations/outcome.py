"""Writing and publishing a consultation's outcome: "we asked, you said, we did".

After closing, the publishing group's chairs write what was asked and what people said, choose
which questions' charts go with it, and list what the partnership will do; each commitment can
become an action on the group's log, where it is tracked like any other.

What the chair writes goes into the page's latest draft, a new revision each time that names them,
so the public page changes only when the outcome is published, and Wagtail's editor opens on what
the chair wrote (publishing an older draft from the editor would otherwise write over it).
Commitments are rows too, so each has an id for "Become an action on the log"; every revision is
built with the rows as they are, so no revision carries a stale list, or a lost action link, back
onto the page. Once the outcome is published, each change is published at once: the chairs are the
group's approvers. Publishing publishes the page's latest draft, as Wagtail's own Publish does.
"""

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from actions.services import actions_visible_to, create_action
from consultations import notices
from consultations.analysis import respondent_types, summarise
from consultations.analysis_views import question_chart
from consultations.answers import TEXT_KINDS
from consultations.models import Commitment, ConsultationPage
from governance.importing import rich_text_paragraphs
from portal.html import text_of_html

ACTION_TITLE_LENGTH = 250


def has_closed(page, now=None) -> bool:
    return (now or timezone.now()) >= page.closes_at


def chartable_questions(page) -> list:
    """The questions with options to count: written answers have no chart."""
    return [question for question in page.questions.all() if question.field_type not in TEXT_KINDS]


def saved_commitments(page):
    return Commitment.objects.filter(page_id=page.pk).select_related("action").order_by("sort_order", "pk")


def latest_draft(page) -> ConsultationPage:
    """The page as it would next be published, with its commitments as the rows are now."""
    draft = page.get_latest_revision_as_object()
    draft.commitments = list(saved_commitments(page))
    return draft


def locked(page) -> ConsultationPage:
    """The page's row, locked until the transaction ends, so two chairs' changes never interleave."""
    return ConsultationPage.objects.select_for_update(of=("self",)).get(pk=page.pk)


def record(page, draft, user) -> None:
    """A new revision with the commitments as they now are; published at once when the outcome already is."""
    draft.commitments = list(saved_commitments(page))
    revision = draft.save_revision(user=user)
    if page.outcome_published_at:
        publish(revision, user)


def publish(revision, user) -> None:
    """`rules.may_publish_outcome` has already said yes: a group's chairs hold Wagtail's publish right
    on their group's pages, not on the consultations index, so Wagtail's own check would refuse them."""
    revision.publish(user=user, skip_permission_checks=True)


def outcomes_to_write(user, now=None) -> list:
    """Closed consultations of the groups the person chairs whose outcome is not yet published."""
    if not user.is_authenticated:
        return []
    closed = ConsultationPage.objects.live().filter(closes_at__lte=now or timezone.now(), outcome_published_at=None)
    if not user.is_superuser:
        closed = closed.filter(group__chairs_group__in=user.groups.all())
    return list(closed.order_by("closes_at"))


# Writing it ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One "we did" line as the chair left it: an existing commitment's id, or None for a new one."""

    commitment_id: int | None
    text: str
    remove: bool = False


def summary_as_text(draft) -> str:
    return text_of_html(draft.outcome_summary)


@transaction.atomic
def save_outcome(page, user, summary: str, chart_ids, lines) -> None:
    """Saves what the chair wrote. Text left as it was keeps any formatting it had from the full editor."""
    page = locked(page)
    draft = page.get_latest_revision_as_object()
    if summary.strip() != summary_as_text(draft).strip():
        draft.outcome_summary = rich_text_paragraphs(summary.strip()) if summary.strip() else ""
    chosen = {int(pk) for pk in chart_ids}
    draft.outcome_charts = [question.pk for question in chartable_questions(page) if question.pk in chosen]
    save_commitments(page, lines)
    record(page, draft, user)


def save_commitments(page, lines) -> None:
    """Applies the lines in order: changed text saved, cleared or ticked lines removed, new ones added.

    Removing a commitment leaves its action on the log: the work may well still be under way.
    """
    existing = {commitment.pk: commitment for commitment in Commitment.objects.filter(page_id=page.pk)}
    order = 0
    for line in lines:
        commitment, text = existing.get(line.commitment_id), line.text.strip()
        if commitment and (line.remove or not text):
            commitment.delete()
        elif text:
            commitment = commitment or Commitment(page=page)
            commitment.text, commitment.sort_order = text, order
            commitment.save()
            order += 1


@transaction.atomic
def commitment_to_action(commitment, user) -> tuple[Action, bool]:
    """The commitment's action on the group's log, made the first time it is asked for; True when new."""
    commitment = Commitment.objects.select_for_update(of=("self",)).get(pk=commitment.pk)
    if commitment.action_id:
        return commitment.action, False
    page = locked(commitment.page)
    action = create_action(
        page.group,
        commitment.text[:ACTION_TITLE_LENGTH],
        created_by=user,
        priority=page.priority,
        detail=f"Committed to in the outcome of the consultation '{page.title}':\n\n{commitment.text}",
    )
    commitment.action = action
    commitment.save(update_fields=["action"])
    record(page, page.get_latest_revision_as_object(), user)
    return action, True


# Publishing it ---------------------------------------------------------------------------------------


def problems_before_publishing(draft) -> list[str]:
    """What the outcome lacks before it can go out: UK practice is to say what was heard and what was done."""
    problems = []
    if not summary_as_text(draft).strip():
        problems.append("Write 'We asked, you said': what was asked, and what people told you.")
    if not draft.commitments.all():
        problems.append("Add at least one 'We did': what the partnership will do because of the answers.")
    return problems


@transaction.atomic
def publish_outcome(page, user, now=None) -> bool:
    """Publishes the outcome and queues the emails to respondents who asked to hear; False if already out."""
    page = locked(page)
    if page.outcome_published_at:
        return False
    draft = latest_draft(page)
    problems = problems_before_publishing(draft)
    if problems:
        raise ValidationError(problems)
    draft.outcome_published_at = now or timezone.now()
    publish(draft.save_revision(user=user), user)
    # Once committed, so a worker that starts at once (RQ) reads the published outcome.
    transaction.on_commit(partial(notices.tell_respondents_of_outcome.enqueue, page.pk))
    return True


def respondents_to_email(page) -> int:
    return notices.respondents_to_tell(page).count()


# Showing it ------------------------------------------------------------------------------------------


@dataclass
class WeDid:
    """A commitment as the public reads it: the action's link only for those who may open the action."""

    text: str
    action: Action | None


@dataclass
class Outcome:
    """Everything the "we asked, you said, we did" section shows, read before the template renders."""

    page: ConsultationPage
    summary: str
    respondent_types: list
    questions: list
    we_did: list

    @property
    def responses(self) -> int:
        return sum(kind.respondents for kind in self.respondent_types)


def outcome_for(page, request=None, draft=None) -> Outcome:
    """The outcome as published on `page` (the live page), or as `draft` would publish it (the preview)."""
    shown = draft or page
    questions = [question for question in chartable_questions(page) if question.pk in shown.outcome_charts]
    summaries = summarise(page, questions)
    for summary in summaries:
        summary.chart = question_chart(summary)
    return Outcome(shown, shown.outcome_summary, respondent_types(page), summaries, we_did(page, request))


def we_did(page, request) -> list[WeDid]:
    commitments = list(saved_commitments(page))
    linked = Action.objects.filter(pk__in=[commitment.action_id for commitment in commitments if commitment.action_id])
    visible = set(actions_visible_to(request, linked).values_list("pk", flat=True)) if request else set()
    return [WeDid(c.text, c.action if c.action_id in visible else None) for c in commitments]
