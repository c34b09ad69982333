"""Answering a consultation: one response per person, kept as a draft, submitted, changed, withdrawn.

Every change takes the person's response row under a lock, creating it first if need be (the
unique constraint on page and person decides between two requests at once), so a double click or
two open tabs never make two responses; the same answers submitted twice are one submission with
one receipt. Whether the consultation is open is checked again inside that transaction, so nothing
is accepted after the closing time however long the request took. A late submission is refused and
what was typed is kept as the draft it was, which nobody but its author sees.
"""

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date

from consultations.answers import copy_of_answers, store_answers
from consultations.models import ResponseStatus, Stage
from consultations.rules import respondent_type
from portal.tasks import queue_email

# Scripted spam, not people: nobody sends one consultation's form ten times a minute. The address
# limit is looser because a whole school may share one address.
SENDS_PER_MINUTE = {"account": 10, "address": 30}
TOO_MANY_FROM_ACCOUNT = (
    "You have sent this form {limit} times in the last minute, more than anyone answering needs. "
    "Wait a minute, then press the button again: nothing already saved has been lost."
)
TOO_MANY_FROM_ADDRESS = (
    "A lot of answers have been sent from your network in the last minute. Wait a minute, then press the "
    "button again: nothing already saved has been lost."
)
# A box people never see (hidden by the stylesheet): only a script filling in every box ticks it.
HONEYPOT = "website"
LOOKS_SCRIPTED = (
    "Your answers were not sent because the box headed 'Leave this empty' was filled in. "
    "Empty it and send your answers again."
)


class NotOpen(Exception):
    """Answers arrived while the consultation was not open: before it opened, or after it closed."""


def uk_time(moment) -> str:
    """'17:00 on Friday 1 March 2024 (UK time)': closing times are quoted to the minute, in UK time."""
    local = timezone.localtime(moment)
    return f"{format_date(local, 'H:i')} on {format_date(local, 'l j F Y')} (UK time)"


def response_of(page, user):
    """The person's response to the consultation, if they have started one."""
    return page.get_submission_class().objects.filter(page=page, user=user).first()


def locked_response(page, user):
    """The person's response, created if need be, locked until the transaction ends."""
    responses = page.get_submission_class().objects
    response, _ = responses.get_or_create(page=page, user=user, defaults={"form_data": {}})
    return responses.select_for_update(of=("self",)).get(pk=response.pk)


def check_open(page, now):
    if not page.is_open(now):
        raise NotOpen(page.stage(now))


@transaction.atomic
def save_draft(page, user, answers, now=None) -> bool:
    """Keeps unfinished answers. A submitted response is left as it stands: changes to it are submitted."""
    check_open(page, now or timezone.now())
    return keep_draft(page, user, answers)


@transaction.atomic
def keep_draft(page, user, answers) -> bool:
    """Keeps what was typed as the person's draft, unless they have a submitted response it would replace."""
    response = locked_response(page, user)
    if response.status == ResponseStatus.SUBMITTED:
        return False
    response.form_data = answers
    response.status = ResponseStatus.DRAFT
    response.withdrawn_at = None
    response.save()
    return True


@transaction.atomic
def submit(page, user, answers, now=None):
    """Submits (or resubmits) the person's answers and queues their receipt. Returns (response, changed).

    The same answers sent again, as a double click does, change nothing and send no second receipt.
    """
    now = now or timezone.now()
    check_open(page, now)
    response = locked_response(page, user)
    if response.status == ResponseStatus.SUBMITTED and response.form_data == answers:
        return response, False
    resubmitted = response.submitted_at is not None
    response.form_data = answers
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = now
    response.withdrawn_at = None
    describe_respondent(response, user)
    response.save()
    store_answers(response)
    queue_email(**receipt_email(page, response, resubmitted))
    return response, True


def describe_respondent(response, user):
    """Who answered, from their account: the kind and organisation stay after names are anonymised."""
    response.respondent_type = respondent_type(user)
    response.organisation_name = user.school_name if user.is_school_staff else user.organisation_name
    response.respondent_name = user.get_full_name()
    response.respondent_email = user.email


@transaction.atomic
def withdraw(page, user, now=None):
    """Withdraws a submitted response: its answers leave the counts, and it can be sent again before closing."""
    now = now or timezone.now()
    check_open(page, now)
    response = locked_response(page, user)
    if response.status != ResponseStatus.SUBMITTED:
        return response
    response.status = ResponseStatus.WITHDRAWN
    response.withdrawn_at = now
    response.save()
    response.answers.all().delete()
    return response


def receipt_email(page, response, resubmitted) -> dict:
    context = {
        "page": page,
        "response": response,
        "resubmitted": resubmitted,
        "answers": copy_of_answers(page, response.form_data),
        "closes": uk_time(page.closes_at),
        "url": page.full_url,
    }
    what = "changed response" if resubmitted else "response"
    return {
        "subject": f"Your {what} to “{page.title}”",
        "body": render_to_string("consultations/email/receipt.txt", context),
        "html_body": render_to_string("consultations/email/receipt.html", context),
        "to": [response.respondent_email],
    }


def looks_scripted(request) -> bool:
    return bool(request.POST.get(HONEYPOT, "").strip())


def too_many_sends(request) -> str:
    """Counts this send against the account's and the address's limits; the reason if either is spent.

    Fixed one-minute windows in the shared cache, so every app server counts together.
    """
    window = int(time.time() // 60)
    counts = {
        kind: sends_in_window(f"consultations:sends:{kind}:{who}:{window}")
        for kind, who in (("account", request.user.pk), ("address", get_adapter(request).get_client_ip(request)))
    }
    if counts["account"] > SENDS_PER_MINUTE["account"]:
        return TOO_MANY_FROM_ACCOUNT.format(limit=SENDS_PER_MINUTE["account"])
    if counts["address"] > SENDS_PER_MINUTE["address"]:
        return TOO_MANY_FROM_ADDRESS
    return ""


def sends_in_window(key) -> int:
    cache.add(key, 0, timeout=120)
    return cache.incr(key)


def stage_refusal(page, response, now=None) -> str:
    """Why answers sent now cannot be accepted, and what became of them."""
    stage = page.stage(now)
    if stage == Stage.FORTHCOMING:
        return f"This consultation opens at {uk_time(page.opens_at)}. Answers can be sent from then."
    closed = f"This consultation closed at {uk_time(page.closes_at)}, so answers can no longer be sent or changed."
    if response and response.status == ResponseStatus.SUBMITTED:
        submitted_on = format_date(timezone.localtime(response.submitted_at), "l j F Y")
        return f"{closed} Your response as you submitted it on {submitted_on} stands."
    if response:
        return f"{closed} We have kept your answers as a draft, which only you can see: they are below."
    return closed
