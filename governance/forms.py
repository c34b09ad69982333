"""The minutes importer's two screens: upload or paste, then confirm what was understood."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from governance.minutes_parser import (
    MinutesFileError,
    ParsedAction,
    ParsedApology,
    ParsedMinutes,
    ParsedPerson,
    extract_text,
)
from governance.models import AttendanceCapacity

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PASTED_CHARACTERS = 500_000


class MinutesSourceForm(forms.Form):
    """Step one: which group, and the minutes as a file or pasted text."""

    group = forms.ModelChoiceField(queryset=None, label="Group", help_text="The group whose meeting this was.")
    minutes_file = forms.FileField(
        required=False,
        label="Minutes file",
        help_text="A Word document (.docx) or text file (.txt), up to 5 MB.",
        widget=forms.ClearableFileInput({"accept": ".docx,.txt"}),
    )
    pasted_text = forms.CharField(
        required=False,
        label="Or paste the minutes",
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea({"rows": 12}),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("minutes_file"), (cleaned.get("pasted_text") or "").strip()
        if upload and pasted:
            raise ValidationError("Upload a file or paste the text, not both.")
        if not upload and not pasted:
            raise ValidationError("Upload the minutes as a file, or paste their text.")
        cleaned["text"] = self.read_upload(upload) if upload else pasted
        return cleaned

    def read_upload(self, upload):
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error(
                "minutes_file", "The file is larger than 5 MB. Save the minutes without images and try again."
            )
            return ""
        try:
            return extract_text(upload.name, upload.read())
        except MinutesFileError as error:
            self.add_error("minutes_file", str(error))
            return ""


class MeetingDetailsForm(forms.Form):
    """Step two: the meeting as understood, for the person to correct before anything is saved."""

    title = forms.CharField(max_length=255)
    date = forms.DateField(widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        required=False, label="Start time", widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        required=False, label="End time", widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    venue = forms.CharField(max_length=250, required=False)
    next_meeting = forms.DateTimeField(
        required=False,
        label="Date and time of next meeting",
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    agenda = forms.CharField(
        required=False, widget=forms.Textarea({"rows": 6}), help_text="One agenda heading per line, in order."
    )
    actions = forms.CharField(
        required=False,
        widget=forms.Textarea({"rows": 6}),
        help_text="One action per line. Put the owner after ' — ', e.g. 'Circulate the slides — Simon Day'.",
    )
    source_text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_PASTED_CHARACTERS * 2)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time.")
        return cleaned

    @classmethod
    def initial_from(cls, parsed, text):
        return {
            "title": parsed.title,
            "date": parsed.date,
            "start_time": parsed.start_time,
            "end_time": parsed.end_time,
            "venue": parsed.venue,
            "next_meeting": parsed.next_meeting,
            "agenda": "\n".join(parsed.agenda),
            "actions": "\n".join(f"{a.text} — {a.owner}" if a.owner else a.text for a in parsed.actions),
            "source_text": text,
        }

    def parsed_actions(self):
        actions = []
        for line in self.cleaned_data["actions"].splitlines():
            text, _, owner = line.strip().rpartition(" — ") if " — " in line else (line.strip(), "", "")
            if text:
                actions.append(ParsedAction(text=text.strip(), owner=owner.strip()))
        return actions


ATTENDEE_CAPACITIES = [
    ("member", "Member"),
    ("chair", "Chair"),
    ("notes", "Notes"),
    ("in_attendance", "Official or adviser in attendance"),
    ("observer", "Observer"),
]


class AttendeeForm(forms.Form):
    name = forms.CharField(max_length=200)
    capacity = forms.ChoiceField(choices=ATTENDEE_CAPACITIES, initial="member", label="Attended as")
    online = forms.BooleanField(required=False, label="Joined online")
    organisation = forms.CharField(max_length=200, required=False)


class ApologyForm(forms.Form):
    name = forms.CharField(max_length=200)
    represented_by = forms.CharField(
        max_length=200, required=False, label="Represented by", help_text="The named deputy who came, if any."
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and cleaned.get("name") == cleaned.get("represented_by"):
            self.add_error("represented_by", "A person cannot deputise for themselves.")
        return cleaned


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=1, can_delete=True)
ApologyFormSet = forms.formset_factory(ApologyForm, extra=1, can_delete=True)


def attendee_initial(parsed):
    rows = [
        {"name": p.name, "capacity": capacity_of(p.role), "online": p.role == "online", "organisation": p.organisation}
        for p in parsed.attendees
    ]
    rows += [
        {"name": p.name, "capacity": "in_attendance", "online": p.role == "online", "organisation": p.organisation}
        for p in parsed.in_attendance
    ]
    return rows


def capacity_of(role):
    if role in {"chair", "independent chair"}:
        return "chair"
    return role if role in {"notes", "observer"} else "member"


def apology_initial(parsed):
    return [{"name": a.name, "represented_by": a.represented_by} for a in parsed.apologies]


def kept_rows(formset):
    return [form.cleaned_data for form in formset if form.cleaned_data and not form.cleaned_data.get("DELETE")]


def confirmed_minutes(details, attendees, apologies):
    """The corrected screen turned back into the parser's shape, so one function saves both routes."""
    data = details.cleaned_data
    people, officials = [], []
    for row in kept_rows(attendees):
        person = ParsedPerson(name=row["name"].strip(), role=parsed_role(row), organisation=row["organisation"].strip())
        (officials if row["capacity"] == AttendanceCapacity.IN_ATTENDANCE else people).append(person)
    return ParsedMinutes(
        title=data["title"],
        date=data["date"],
        start_time=data["start_time"],
        end_time=data["end_time"],
        venue=data["venue"],
        attendees=people,
        apologies=[ParsedApology(r["name"].strip(), (r["represented_by"] or "").strip()) for r in kept_rows(apologies)],
        in_attendance=officials,
        agenda=[line.strip() for line in data["agenda"].splitlines() if line.strip()],
        actions=details.parsed_actions(),
        next_meeting=strip_zone(data["next_meeting"]),
    )


def parsed_role(row):
    """The register keeps one role per line: a chair, note-taker or observer is recorded as such."""
    if row["capacity"] in {"chair", "notes", "observer"}:
        return row["capacity"]
    return "online" if row["online"] else ""


def strip_zone(value: datetime.datetime | None):
    return value.replace(tzinfo=None) if value and value.tzinfo else value
