"""Removes names, emails and accounts from responses once their consultation closed long enough ago.

Schedule it daily (see README). Answers, the kind of respondent and the organisation are kept.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from consultations.retention import anonymise_responses


class Command(BaseCommand):
    help = "Strip personal details from responses to consultations that closed more than N months ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=settings.CONSULTATION_RETENTION_MONTHS,
            help=f"Keep personal details this many months after closing (default "
            f"{settings.CONSULTATION_RETENTION_MONTHS}, the CONSULTATION_RETENTION_MONTHS setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be anonymised; change nothing.")

    def handle(self, *args, months, dry_run=False, **options):
        if months < 0:
            raise CommandError("--months cannot be negative.")
        done = anonymise_responses(months, dry_run=dry_run)
        self.stdout.write(summary(done, dry_run))


def summary(done, dry_run) -> str:
    if not done.responses:
        return "No responses were due to be anonymised."
    counted = (
        f"{done.responses} response{'s' if done.responses > 1 else ''} to "
        f"{done.consultations} consultation{'s' if done.consultations > 1 else ''}"
    )
    return f"Dry run: would anonymise {counted}; nothing was changed." if dry_run else f"Anonymised {counted}."
