"""Reminders to an action's owner: once when it is due soon, once more if it becomes overdue.

Who is reminded: the owner, when they have an account on the portal with "remind me about my
actions" ticked, at their account's address. An owner with no account is not reminded, even when a
chair recorded an email address for them: every reminder carries a link that turns reminders off,
and that choice is kept on the account, so someone without one would have no way to stop them.
Their actions still show as due and overdue on the group's action log.

One email per person per run lists every action newly due soon or overdue, so the owner of ten
actions from one meeting gets one email rather than ten, and the first run after a long gap sends
each person one email however many actions have fallen overdue.

Each reminder is recorded as a `Reminder` (one per action, stage and due date) in the transaction
that queues its email, so both happen or neither. A second run finds the record and sends nothing;
of two runs at once, the second waits on the first's record (the unique constraint) and finds it;
an action given a new due date is reminded again about that date.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Reminder
from actions.progress import due_in_words
from governance.membership import absolute
from portal.models import User
from portal.tasks import queue_email

STOP_SALT = "actions.reminders.stop"


@dataclass(frozen=True)
class Due:
    """One action at one reminder stage, its due date in the words its page uses."""

    action: Action
    stage: str
    in_words: str

    @property
    def overdue(self) -> bool:
        return self.stage == Reminder.Stage.OVERDUE

    @property
    def url(self) -> str:
        return absolute(None, reverse("actions:action", args=[self.action.reference]))


def reminders_due(today, days) -> dict[User, list[Due]]:
    """Open actions due within `days` or overdue and not yet reminded at that stage, by owner's account."""
    stage = Case(When(due_on__lt=today, then=Value(Reminder.Stage.OVERDUE)), default=Value(Reminder.Stage.DUE_SOON))
    already = Reminder.objects.filter(
        action=OuterRef("pk"), stage=OuterRef("reminder_stage"), due_on=OuterRef("due_on")
    )
    actions = (
        Action.objects.still_open()
        .filter(
            due_on__lte=today + datetime.timedelta(days=days),
            owner__user__is_active=True,
            owner__user__notify_action_reminders=True,
        )
        .annotate(reminder_stage=stage)
        .exclude(Exists(already))
        .select_related("owner__user", "group")
        .order_by("owner__user_id", "due_on", "reference")
    )
    by_account = defaultdict(list)
    for action in actions:
        by_account[action.owner.user].append(Due(action, action.reminder_stage, due_in_words(action, today)))
    return by_account


def send_reminders(today=None, days=None, dry_run=False) -> list[tuple[User, list[Due]]]:
    """Queues each person's reminders; a dry run only says what would go. Returns who was reminded of what."""
    today = today or timezone.localdate()
    days = settings.ACTION_REMINDER_DAYS if days is None else days
    reminded = []
    for account, due in reminders_due(today, days).items():
        due = due if dry_run else remind(account, due)
        if due:
            reminded.append((account, due))
    return reminded


@transaction.atomic
def remind(account, due) -> list[Due]:
    """Records each reminder and queues the email in one transaction, leaving out any another run recorded."""
    new = [item for item in due if recorded_now(item, account.email)]
    if new:
        queue_email(**reminder_email(account, new))
    return new


def recorded_now(item, email) -> bool:
    _, created = Reminder.objects.get_or_create(
        action=item.action, stage=item.stage, due_on=item.action.due_on, defaults={"sent_to": email}
    )
    return created


def reminder_email(account, due) -> dict:
    stop_url = absolute(None, reverse("actions:stop_reminders", args=[stop_token(account)]))
    context = {
        "name": due[0].action.owner.full_name,
        "overdue": [item for item in due if item.overdue],
        "due_soon": [item for item in due if not item.overdue],
        "profile_url": absolute(None, reverse("portal:profile")),
        "stop_url": stop_url,
    }
    return {
        "subject": subject_for(context["overdue"], context["due_soon"]),
        "body": render_to_string("actions/email/reminder.txt", context),
        "html_body": render_to_string("actions/email/reminder.html", context),
        "to": [account.email],
        # RFC 8058: mail programs offer "Unsubscribe", which POSTs to the link without opening it.
        "headers": {"List-Unsubscribe": f"<{stop_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    }


def subject_for(overdue, due_soon) -> str:
    counts = [(len(overdue), "overdue"), (len(due_soon), "due soon")]
    parts = [f"{count} action{'s' if count > 1 else ''} {stage}" for count, stage in counts if count]
    return "Reminder: " + " and ".join(parts)


def stop_token(account) -> str:
    """The account's id, signed: the only thing the stop link needs, and nothing anyone can make up."""
    return signing.Signer(salt=STOP_SALT).sign_object(account.pk)


def account_for_stop_token(token):
    """The account a stop link was made for, or None when the link was altered or made up."""
    try:
        pk = signing.Signer(salt=STOP_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first()


def stop_reminders(account):
    """Saved through the model, so the account's history shows when reminders were turned off."""
    account.notify_action_reminders = False
    account.save(update_fields=["notify_action_reminders"])
