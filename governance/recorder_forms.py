"""The questions of 'Record a meeting', one form per step, in the words the secretariat uses."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from governance.choices import AttendanceCapacity, AttendanceStatus
from governance.recorder import AgendaLine, RegisterRow

MAX_AGENDA_ITEMS = 40
MAX_MINUTES_CHARACTERS = 100_000
MAX_DECISIONS = 60
DATE_INPUT = forms.DateInput({"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput({"type": "time"}, format="%H:%M")


class DetailsForm(forms.Form):
    """Step one: when and where."""

    date = forms.DateField(label="Date of the meeting", widget=DATE_INPUT)
    start_time = forms.TimeField(label="Start time", widget=TIME_INPUT, help_text="For example 16:00.")
    end_time = forms.TimeField(label="End time", required=False, widget=TIME_INPUT)
    venue = forms.CharField(
        max_length=250, required=False, label="Where", help_text="For example 'Civic Centre, Committee Room 2'."
    )
    online_link = forms.URLField(
        required=False,
        label="Link to join online",
        assume_scheme="https",
        help_text="Leave blank if nobody joins online.",
    )
    title = forms.CharField(
        max_length=255,
        required=False,
        label="Title (optional)",
        help_text="Leave blank for 'Meeting on' and the date.",
    )
    next_meeting = forms.DateTimeField(
        required=False,
        label="Date and time of the next meeting (optional)",
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    save_anyway = forms.BooleanField(
        required=False, label="Record it anyway: this is a different meeting from the one already recorded"
    )

    def __init__(self, *args, duplicates_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates_for = duplicates_for
        self.duplicates = []

    @classmethod
    def initial_from(cls, draft):
        start = timezone.localtime(draft.start)
        end = timezone.localtime(draft.end) if draft.end else None
        following = timezone.localtime(draft.next_meeting_at) if draft.next_meeting_at else None
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time() if end else None,
            "venue": draft.venue,
            "online_link": draft.online_link,
            "title": draft.title,
            "next_meeting": following.replace(tzinfo=None) if following else None,
        }

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time.")
        if day and start and self.duplicates_for and not cleaned.get("save_anyway"):
            self.duplicates = self.duplicates_for(day)
            if self.duplicates:
                self.add_error(
                    "save_anyway",
                    "This group already has a meeting recorded that day. Tick the box if this is a different one.",
                )
        return cleaned

    def details(self) -> dict:
        data = self.cleaned_data
        following = data["next_meeting"]
        return {
            "title": data["title"].strip(),
            "start": aware(data["date"], data["start_time"]),
            "end": aware(data["date"], data["end_time"]) if data["end_time"] else None,
            "venue": data["venue"].strip(),
            "online_link": data["online_link"],
            "next_meeting_at": timezone.make_aware(following.replace(tzinfo=None)) if following else None,
        }


def aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


class AgendaItemForm(forms.Form):
    """One agenda item: what it is, who leads it, and its papers."""

    title = forms.CharField(max_length=200, label="Item")
    owner = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label="Led by")
    summary = forms.CharField(
        max_length=1000, required=False, label="What it is about (optional)", widget=forms.Textarea({"rows": 2})
    )
    keep_papers = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label="Papers",
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick a paper to take it off this item.",
    )
    new_paper = forms.FileField(
        required=False,
        label="Add a paper (optional)",
        validators=[FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)],
        help_text=f"{', '.join(settings.WAGTAILDOCS_EXTENSIONS).upper()}; up to "
        f"{filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)}.",
        widget=forms.ClearableFileInput({"accept": ",".join(f".{ext}" for ext in settings.WAGTAILDOCS_EXTENSIONS)}),
    )

    def __init__(self, *args, owners=(), papers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Nobody in particular"), *owners]
        mine = self.initial.get("keep_papers") or []
        self.fields["keep_papers"].choices = [(pk, title) for pk, title in papers if pk in mine]
        if not self.fields["keep_papers"].choices:
            del self.fields["keep_papers"]

    def clean_new_paper(self):
        paper = self.cleaned_data["new_paper"]
        if paper and paper.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                f"This file is {filesizeformat(paper.size)}; papers can be up to "
                f"{filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)}."
            )
        return paper

    def line(self, paper_ids) -> AgendaLine:
        data = self.cleaned_data
        return AgendaLine(
            title=data["title"].strip(),
            owner_id=data["owner"],
            summary=data["summary"].strip(),
            paper_ids=list(data.get("keep_papers") or []) + list(paper_ids),
        )


class BaseAgendaFormSet(forms.BaseFormSet):
    def kept_forms(self):
        """Items already on the agenda unless removed, and the blank rows that were filled in."""
        return [
            form
            for number, form in enumerate(self.forms)
            if (number < self.initial_form_count() or form.has_changed()) and not self._should_delete_form(form)
        ]


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=BaseAgendaFormSet, extra=3, can_delete=True, max_num=MAX_AGENDA_ITEMS, validate_max=True
)


STATUS_CHOICES = [
    (AttendanceStatus.PRESENT, "In the room"),
    (AttendanceStatus.ONLINE, "Online"),
    (AttendanceStatus.APOLOGIES, "Apologies"),
    (AttendanceStatus.ABSENT, "Absent"),
]


class RegisterRowForm(forms.Form):
    """One person on the register. Members come pre-filled; the blank rows are for anyone else who came."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(max_length=200, required=False, label="Name")
    capacity = forms.ChoiceField(
        choices=AttendanceCapacity.choices, initial=AttendanceCapacity.IN_ATTENDANCE, label="Attended as"
    )
    status = forms.ChoiceField(
        choices=STATUS_CHOICES, initial=AttendanceStatus.PRESENT, widget=forms.RadioSelect, label="Attendance"
    )
    deputy = forms.CharField(
        max_length=200,
        required=False,
        label="Deputy who came instead (optional)",
        help_text="Their full name. Someone new is added to the portal's people.",
    )

    def __init__(self, *args, allowed_people=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_people = allowed_people
        if self.initial.get("person"):
            self.fields["capacity"].widget = forms.HiddenInput()
            self.fields["name"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), (cleaned.get("name") or "").strip()
        if person and person not in self.allowed_people:
            raise forms.ValidationError("This person is not on the group's register: add them by name instead.")
        if not person and not name:
            self.add_error("name", "Give the person's name.")
        deputy = (cleaned.get("deputy") or "").strip()
        if deputy and cleaned.get("status") != AttendanceStatus.APOLOGIES:
            self.add_error("deputy", "Only someone who sent apologies has a deputy. Choose 'Apologies' first.")
        if deputy and deputy.casefold() == name.casefold():
            self.add_error("deputy", "A person cannot deputise for themselves.")
        return cleaned

    def row(self) -> RegisterRow:
        data = self.cleaned_data
        return RegisterRow(
            name=data["name"].strip(),
            capacity=data["capacity"],
            status=data["status"],
            person_id=data["person"],
            deputy=data["deputy"].strip(),
        )


class BaseRegisterFormSet(forms.BaseFormSet):
    def rows(self):
        """Everyone already on the register unless taken off, and the blank rows that were filled in."""
        return [
            form.row()
            for number, form in enumerate(self.forms)
            if (number < self.initial_form_count() or form.has_changed()) and not self._should_delete_form(form)
        ]


RegisterFormSet = forms.formset_factory(
    RegisterRowForm, formset=BaseRegisterFormSet, extra=2, can_delete=True, max_num=300, validate_max=True
)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        required=False,
        max_length=MAX_MINUTES_CHARACTERS,
        label="Minutes",
        widget=forms.Textarea({"rows": 16}),
        help_text="What was discussed, item by item. Leave a blank line between paragraphs.",
    )
    decisions = forms.CharField(
        required=False,
        label="Decisions (optional)",
        widget=forms.Textarea({"rows": 5}),
        help_text="One decision per line, for example 'Agreed the attendance strategy for consultation'.",
    )

    def clean_decisions(self):
        decisions = [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]
        if len(decisions) > MAX_DECISIONS:
            raise forms.ValidationError(f"Record up to {MAX_DECISIONS} decisions; put the rest in the minutes.")
        too_long = [number for number, text in enumerate(decisions, 1) if len(text) > 1000]
        if too_long:
            raise forms.ValidationError(
                f"Decision {too_long[0]} is over 1,000 characters: put the detail in the minutes."
            )
        return decisions
