"""Imports a DfE file into the attendance indicators, all of it or none of it."""

import json

from django.core.management.base import BaseCommand, CommandError

from actions.indicator_import import import_indicators
from actions.indicator_words import outcome_in_words


class Command(BaseCommand):
    help = (
        "Import a DfE absence or attendance CSV (EES), a LAIT long file or the statistical neighbours table: "
        "every row is checked first; any problem saves nothing."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        """Here `--version` names the neighbours table's release, in place of Django's version of the program."""
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file as downloaded from DfE.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and count; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the outcome as one JSON object.")
        parser.add_argument(
            "--version",
            dest="neighbours_version",
            help="For the statistical neighbours table: which release it is, e.g. 'May 2025' "
            "(read from the file name when it names a month and year).",
        )

    def handle(self, *args, path, dry_run=False, json=False, neighbours_version=None, **options):
        report = import_indicators(path, dry_run=dry_run, version=neighbours_version)
        self.stdout.write(as_json(report) if json else "\n".join(outcome_in_words(report, dry_run)))
        if report.errors:
            raise CommandError(f"{len(report.errors)} problem(s) in {path}; nothing was saved.")


def as_json(report) -> str:
    return json.dumps(report.as_json())
