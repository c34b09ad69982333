"""Emails about a consultation: it has opened, it closes soon and your draft is unsent, its outcome is out.

Who gets which:
- "opened": accounts of the kinds the consultation is for (school leaders only once verified, as
  `rules.may_respond` requires), with a confirmed address and "tell me about new consultations"
  ticked, while it is live, public and open;
- "closing soon": whoever has an unsent draft, within `CONSULTATION_CLOSING_REMINDER_DAYS` of the
  close. It is about their own unfinished answers, so it goes whatever their preferences;
- "outcome": whoever submitted a response asking to hear, with "tell me what was done with my
  answers" ticked on their account, once the outcome is published.

`manage.py send_consultation_notices` sends them on a schedule; publishing an outcome queues one task
that sends its emails at once. Neither runs while a web request waits. Each email is recorded as a
`Notice` (one per consultation, person and kind) in the transaction that queues it, so both happen
or neither; a second run finds the record and sends nothing, and of two runs at once the second
waits on the first's record (the unique constraint) and finds it.
"""

import datetime
from collections import Counter

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from consultations.models import Audience, ConsultationPage, Notice, ResponseStatus
from consultations.rules import RESPONDENT_TYPES
from governance.membership import absolute
from portal.models import Audience as AccountType
from portal.models import User
from portal.tasks import queue_email

Kind = Notice.Kind
SUBJECTS = {
    Kind.OPENED: "Have your say: {title}",
    Kind.CLOSING_SOON: "Your answers to '{title}' are not sent yet",
    Kind.OUTCOME: "What we did with your answers: {title}",
}
ACCOUNT_TYPES = {respondent: account for account, respondent in RESPONDENT_TYPES.items()}


def send_notices(now=None, days=None, dry_run=False) -> Counter:
    """Queues every notice due now; a dry run only counts them. Returns how many of each kind."""
    now = now or timezone.now()
    days = settings.CONSULTATION_CLOSING_REMINDER_DAYS if days is None else days
    sent = Counter()
    for kind, consultation, accounts in notices_due(now, days):
        context = consultation_context(consultation)
        for account in accounts:
            if dry_run or send_notice(consultation, account, kind, context):
                sent[kind] += 1
    return sent


def notices_due(now, days):
    """(kind, consultation, accounts not yet told) for each live consultation with something to say."""
    live = ConsultationPage.objects.live().select_related("group")
    for consultation in live.public().filter(opens_at__lte=now, closes_at__gt=now):
        yield Kind.OPENED, consultation, audience_accounts(consultation)
    closing = live.filter(closes_at__gt=now, closes_at__lte=now + datetime.timedelta(days=days))
    for consultation in closing:
        yield Kind.CLOSING_SOON, consultation, draft_holders(consultation)
    for consultation in live.filter(outcome_published_at__isnull=False):
        yield Kind.OUTCOME, consultation, respondents_to_tell(consultation)


def not_told(consultation, kind):
    return ~Exists(Notice.objects.filter(consultation=consultation, user=OuterRef("pk"), kind=kind))


def audience_accounts(consultation):
    """Accounts of the kinds it is for, who asked to hear of new consultations at a confirmed address."""
    confirmed = EmailAddress.objects.filter(user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True)
    accounts = User.objects.filter(Exists(confirmed), is_active=True, notify_new_consultations=True)
    if Audience.ANYONE not in consultation.audiences:
        accounts = accounts.filter(of_types(consultation.audiences))
    return accounts.filter(not_told(consultation, Kind.OPENED)).order_by("pk")


def of_types(audiences) -> Q:
    """The accounts each audience means; school leaders only once verified, as answering requires."""
    condition = Q(pk__in=[])
    for audience in audiences:
        if audience == Audience.SCHOOL_LEADERS:
            condition |= Q(audience=AccountType.SCHOOL_STAFF, school_staff_verified_at__isnull=False)
        else:
            condition |= Q(audience=ACCOUNT_TYPES[audience])
    return condition


def draft_holders(consultation):
    accounts = User.objects.filter(
        is_active=True, consultation_responses__page=consultation, consultation_responses__status=ResponseStatus.DRAFT
    )
    return accounts.filter(not_told(consultation, Kind.CLOSING_SOON)).order_by("pk")


def respondents_to_tell(consultation):
    """Who submitted a response asking to hear, and has not turned outcome emails off on their account."""
    accounts = User.objects.filter(
        is_active=True,
        notify_consultation_outcomes=True,
        consultation_responses__page=consultation,
        consultation_responses__status=ResponseStatus.SUBMITTED,
        consultation_responses__wants_outcome=True,
    )
    return accounts.filter(not_told(consultation, Kind.OUTCOME)).order_by("pk")


@transaction.atomic
def send_notice(consultation, account, kind, context) -> bool:
    """Records the notice and queues its email together; False when it was already sent."""
    _, created = Notice.objects.get_or_create(consultation=consultation, user=account, kind=kind)
    if created:
        queue_email(**notice_email(account, kind, context))
    return created


@task(backend="background")
def tell_respondents_of_outcome(consultation_id: int) -> int:
    """Run by the worker straight after an outcome is published; the scheduled command catches any it missed."""
    consultation = ConsultationPage.objects.select_related("group").get(pk=consultation_id)
    context = consultation_context(consultation)
    accounts = list(respondents_to_tell(consultation))
    return sum(send_notice(consultation, account, Kind.OUTCOME, context) for account in accounts)


def consultation_context(consultation) -> dict:
    """What every email about this consultation says, worked out once for all its recipients."""
    context = {
        "consultation": consultation,
        "for_whom": [Audience(audience).label.lower() for audience in consultation.audiences],
        "url": absolute(None, consultation.url or "/"),
        "profile_url": absolute(None, reverse("portal:profile")),
    }
    if consultation.outcome_published_at:
        context["we_did"] = list(consultation.commitments.order_by("sort_order").values_list("text", flat=True))
    return context


def notice_email(account, kind, context) -> dict:
    context = {**context, "name": account.get_full_name() or account.email}
    return {
        "subject": SUBJECTS[kind].format(title=context["consultation"].title),
        "body": render_to_string(f"consultations/email/notice_{kind}.txt", context),
        "html_body": render_to_string(f"consultations/email/notice_{kind}.html", context),
        "to": [account.email],
    }
