import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance.importing import DuplicateMeeting, ImportRefused, save_draft_meeting
from governance.minutes import MinutesFileError, extract_text, parse_minutes
from governance.models import PartnershipGroupPage


class Command(BaseCommand):
    help = (
        "Read a meeting's minutes from a .txt or .docx file and print what was understood. "
        "--json prints one JSON object; --dry-run saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .txt or .docx file of minutes.")
        parser.add_argument("--group", help="The slug of the group the meeting belongs to.")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report, but save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as one JSON object.")
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help="Save even if the group already has a meeting that day (it is a different meeting).",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            text = extract_text(path.name, path.read_bytes())
        except MinutesFileError as error:
            raise CommandError(str(error)) from error
        parsed = parse_minutes(text)
        if options["json"]:
            self.stdout.write(json.dumps(parsed.as_json_dict(), ensure_ascii=False, indent=2))
        else:
            self.write_summary(parsed)
        if not options["dry_run"]:
            self.save(parsed, options["group"], text, options["allow_duplicate"])

    def save(self, parsed, slug, text, allow_duplicate=False):
        if not slug:
            raise CommandError("Say which group the meeting belongs to with --group SLUG, or use --dry-run.")
        group = PartnershipGroupPage.objects.filter(slug=slug).first()
        if group is None:
            raise CommandError(f"No partnership group has the slug '{slug}'.")
        try:
            meeting = save_draft_meeting(parsed, group, source_text=text, allow_duplicate=allow_duplicate)
        except DuplicateMeeting as duplicate:
            pages = ", ".join(f"'{meeting.title}' (page {meeting.pk})" for meeting in duplicate.meetings)
            raise CommandError(
                f"{group.title} already has a meeting on {parsed.date:%-d %B %Y}: {pages}. "
                "Nothing was saved; use --allow-duplicate if this is a different meeting."
            ) from duplicate
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            self.style.SUCCESS(f"Saved as a draft meeting awaiting review: {meeting.title} (page {meeting.pk}).")
        )

    def write_summary(self, parsed):
        data = parsed.as_json_dict()
        for field in ("title", "date", "start_time", "end_time", "venue", "chair", "next_meeting"):
            self.stdout.write(f"{field.replace('_', ' ').capitalize():<14} {data[field] or '—'}")
        self.stdout.write(f"{'Attendees':<14} {', '.join(p['name'] for p in data['attendees']) or '—'}")
        self.stdout.write(f"{'Apologies':<14} {', '.join(a['name'] for a in data['apologies']) or '—'}")
        self.stdout.write(f"{'Actions':<14} {len(data['actions'])}")
        for warning in data["warnings"]:
            self.stdout.write(self.style.WARNING(f"Check {warning['field']}: {warning['message']}"))
