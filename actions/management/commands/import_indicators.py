"""Imports a DfE absence or attendance CSV into the attendance indicators, all of it or none of it."""

import json

from django.core.management.base import BaseCommand, CommandError

from actions.indicator_import import import_indicators


class Command(BaseCommand):
    help = "Import a DfE absence or attendance CSV: every row is checked first; any problem saves nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file as downloaded from Explore Education Statistics.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and count; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the outcome as one JSON object.")

    def handle(self, *args, path, dry_run=False, json=False, **options):
        report = import_indicators(path, dry_run=dry_run)
        self.stdout.write(as_json(report) if json else in_words(report, dry_run))
        if report.errors:
            raise CommandError(f"{len(report.errors)} problem(s) in {path}; nothing was saved.")


def as_json(report) -> str:
    return json.dumps(report.as_json())


def in_words(report, dry_run) -> str:
    if report.errors:
        return "\n".join(error["message"] for error in report.errors)
    verb = "Would save" if dry_run else "Saved"
    return (
        f"{report.format}: read {report.rows_read} rows. {verb} {report.observations_created} new figures, "
        f"{report.observations_updated} revised; {report.observations_unchanged} unchanged, "
        f"{report.missing_values} missing (kept as DfE's codes); {report.areas_created} new areas."
    )
