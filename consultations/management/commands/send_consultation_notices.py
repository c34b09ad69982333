"""Emails people when a consultation for them opens, when their draft is unsent near the close, and the outcome.

Schedule it hourly (see README), so an opening or a closing reminder is at most an hour late. Each
email is sent once per person and consultation however often it runs.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consultations.models import Notice
from consultations.notices import send_notices


class Command(BaseCommand):
    help = "Email people about consultations that opened, close soon with their draft unsent, or published an outcome."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help=f"Remind people with a draft this many days before closing (default "
            f"{settings.CONSULTATION_CLOSING_REMINDER_DAYS}, the CONSULTATION_CLOSING_REMINDER_DAYS setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be sent; send and record nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        self.stdout.write(summary(send_notices(days=days, dry_run=dry_run), dry_run))


def summary(sent, dry_run) -> str:
    if not sent:
        return "No one needed telling."
    total = sum(sent.values())
    parts = ", ".join(f"{sent[kind]} {label.lower()}" for kind, label in KIND_WORDS if sent[kind])
    counted = f"{total} email{'s' if total > 1 else ''} ({parts})"
    return f"Dry run: would have sent {counted}; nothing was sent or recorded." if dry_run else f"Queued {counted}."


KIND_WORDS = [
    (Notice.Kind.OPENED, "Opened"),
    (Notice.Kind.CLOSING_SOON, "Closing soon with a draft unsent"),
    (Notice.Kind.OUTCOME, "Outcome published"),
]
