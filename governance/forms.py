"""The minutes importer's two screens: upload or paste, then confirm what was understood."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from governance.choices import AttendanceCapacity, AttendanceStatus
from governance.minutes import (
    MAX_UPLOAD_BYTES,
    MinutesFileError,
    ParsedAction,
    ParsedApology,
    ParsedMinutes,
    ParsedPerson,
    extract_text,
)
from governance.minutes.files import too_large_message
from governance.minutes.reader import MAX_ACTION_CHARACTERS, MAX_LIST_ITEMS

MAX_PASTED_CHARACTERS = 500_000
NOT_YOUR_GROUP = "Choose one of your groups: you can add meetings only to groups you chair or take notes for."
UPLOAD_GONE = "These minutes are no longer waiting to be saved (an upload is kept for a day). Please upload them again."


class GroupChoiceField(forms.ModelChoiceField):
    """One of the groups the person may add meetings to; anything else, tampered or stale, is a form error."""

    default_error_messages = {"invalid_choice": NOT_YOUR_GROUP}

    def __init__(self, **kwargs):
        super().__init__(queryset=None, label="Group", help_text="The group whose meeting this was.", **kwargs)


class MinutesSourceForm(forms.Form):
    """Step one: which group, and the minutes as a file or pasted text."""

    group = GroupChoiceField()
    minutes_file = forms.FileField(
        required=False,
        label="Minutes file",
        help_text=f"A Word document (.docx) or text file (.txt), up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput({"accept": ".docx,.txt"}),
    )
    pasted_text = forms.CharField(
        required=False,
        label="Or paste the minutes",
        help_text=f"Up to {MAX_PASTED_CHARACTERS:,} characters; upload longer minutes as a file.",
        max_length=MAX_PASTED_CHARACTERS,
        error_messages={
            "max_length": f"You can paste up to {MAX_PASTED_CHARACTERS:,} characters; these minutes are "
            "%(show_value)s. Upload longer minutes as a file."
        },
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
        if not upload and not pasted and not self.has_error("pasted_text"):
            raise ValidationError("Upload the minutes as a file, or paste their text.")
        cleaned["text"] = self.read_upload(upload) if upload else pasted
        return cleaned

    def read_upload(self, upload):
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("minutes_file", too_large_message(upload.size))
            return ""
        try:
            return extract_text(upload.name, upload.read())
        except MinutesFileError as error:
            self.add_error("minutes_file", str(error))
            return ""


class MeetingDetailsForm(forms.Form):
    """Step two: the meeting as understood, for the person to correct before anything is saved.

    The minutes' full text stays on the server (a MinutesUpload); this form carries only its key.
    """

    group = GroupChoiceField()
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
        required=False,
        max_length=MAX_LIST_ITEMS * 200,
        widget=forms.Textarea({"rows": 6}),
        help_text="One agenda heading per line, in order.",
    )
    actions = forms.CharField(
        required=False,
        max_length=MAX_LIST_ITEMS * (MAX_ACTION_CHARACTERS + 100),
        widget=forms.Textarea({"rows": 6}),
        help_text="One action per line. Put the owner after ' — ', e.g. 'Circulate the slides — Simon Day'.",
    )
    save_anyway = forms.BooleanField(
        required=False,
        label="Save anyway: this is a different meeting from the one already on the portal",
    )
    upload = forms.ModelChoiceField(
        queryset=None,
        to_field_name="key",
        widget=forms.HiddenInput,
        error_messages={"required": UPLOAD_GONE, "invalid_choice": UPLOAD_GONE},
    )

    def __init__(self, *args, groups, uploads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["upload"].queryset = uploads

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time.")
        return cleaned

    @classmethod
    def initial_from(cls, parsed, group, upload):
        return {
            "group": group,
            "title": parsed.title,
            "date": parsed.date,
            "start_time": parsed.start_time,
            "end_time": parsed.end_time,
            "venue": parsed.venue,
            "next_meeting": parsed.next_meeting,
            "agenda": "\n".join(parsed.agenda),
            "actions": "\n".join(f"{a.text} — {a.owner}" if a.owner else a.text for a in parsed.actions),
            "upload": upload,
        }

    def parsed_actions(self):
        actions = []
        for line in self.cleaned_data["actions"].splitlines():
            text, _, owner = line.strip().rpartition(" — ") if " — " in line else (line.strip(), "", "")
            if text:
                actions.append(ParsedAction(text=text.strip(), owner=owner.strip()))
        return actions


ATTENDANCE_CHOICES = [
    (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT.label),
    (AttendanceStatus.ONLINE, AttendanceStatus.ONLINE.label),
    (AttendanceStatus.ABSENT, AttendanceStatus.ABSENT.label),
]


class AttendeeForm(forms.Form):
    """One person on the register: the capacity they sat in and how they attended are separate answers."""

    name = forms.CharField(max_length=200)
    capacity = forms.ChoiceField(
        choices=AttendanceCapacity.choices, initial=AttendanceCapacity.MEMBER, label="Attended as"
    )
    attendance = forms.ChoiceField(choices=ATTENDANCE_CHOICES, initial=AttendanceStatus.PRESENT, label="Attendance")
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
    """A row per person listed as present, in attendance or absent, each with capacity and attendance."""

    def row(person, attendance):
        return {
            "name": person.name,
            "capacity": person.capacity or AttendanceCapacity.MEMBER,
            "attendance": AttendanceStatus.ONLINE if person.online else attendance,
            "organisation": person.organisation,
            "found": person.found,
        }

    present = [row(person, AttendanceStatus.PRESENT) for person in parsed.attendees + parsed.in_attendance]
    return present + [row(person, AttendanceStatus.ABSENT) for person in parsed.absent]


def apology_initial(parsed):
    return [{"name": a.name, "represented_by": a.represented_by, "found": a.found} for a in parsed.apologies]


def kept_rows(formset):
    return [form.cleaned_data for form in formset if form.cleaned_data and not form.cleaned_data.get("DELETE")]


def confirmed_minutes(details, attendees, apologies):
    """The corrected screen turned back into the parser's shape, so one function saves both routes."""
    data = details.cleaned_data
    present, absent = [], []
    for row in kept_rows(attendees):
        person = ParsedPerson(
            name=row["name"].strip(),
            capacity=row["capacity"],
            organisation=row["organisation"].strip(),
            online=row["attendance"] == AttendanceStatus.ONLINE,
        )
        (absent if row["attendance"] == AttendanceStatus.ABSENT else present).append(person)
    return ParsedMinutes(
        title=data["title"],
        date=data["date"],
        start_time=data["start_time"],
        end_time=data["end_time"],
        venue=data["venue"],
        attendees=present,
        apologies=[ParsedApology(r["name"].strip(), (r["represented_by"] or "").strip()) for r in kept_rows(apologies)],
        absent=absent,
        agenda=[line.strip() for line in data["agenda"].splitlines() if line.strip()],
        actions=details.parsed_actions(),
        next_meeting=strip_zone(data["next_meeting"]),
    )


def strip_zone(value: datetime.datetime | None):
    return value.replace(tzinfo=None) if value and value.tzinfo else value
