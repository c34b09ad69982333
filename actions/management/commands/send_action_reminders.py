"""Emails each action's owner when it is due within a few days, and again when it becomes overdue.

Schedule it daily (see README). Each reminder is sent once for each due date, so running it again
the same day, or after a missed day, sends only what has not been sent.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actions.reminders import send_reminders


class Command(BaseCommand):
    help = "Email the owners of actions due soon or overdue: each reminder once for each due date."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help=f"Remind this many days before the due date (default {settings.ACTION_REMINDER_DAYS}, "
            "the ACTION_REMINDER_DAYS setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be reminded; send and record nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        reminded = send_reminders(days=days, dry_run=dry_run)
        for account, due in reminded:
            listed = "; ".join(f"{item.action.reference} ({item.in_words.lower()})" for item in due)
            self.stdout.write(f"{'Would remind' if dry_run else 'Reminded'} {account.email} about {listed}.")
        self.stdout.write(summary(reminded, dry_run))


def summary(reminded, dry_run) -> str:
    if not reminded:
        return "No one needed reminding."
    emails, actions = len(reminded), sum(len(due) for _, due in reminded)
    counted = f"{emails} email{'s' if emails > 1 else ''} about {actions} action{'s' if actions > 1 else ''}"
    return f"Dry run: would have sent {counted}; nothing was sent or recorded." if dry_run else f"Queued {counted}."
