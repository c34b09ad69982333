"""Forms for the action log: its filters, a progress note or comment on an action, and adding or editing one."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from actions.log import SORT_CHOICES
from actions.models import NEEDS_REASON, Action, ActionStatus, Pledge, Priority
from governance.importing import PeopleRegister
from governance.models import MeetingPage, Organisation, Person

STILL_OPEN, ANY_STATUS = "still_open", "all"
STATUS_FILTERS = [
    (STILL_OPEN, "Still open"),
    *ActionStatus.choices,
    (ANY_STATUS, "Any status"),
]
DATE_INPUT = forms.DateInput({"type": "date"}, format="%Y-%m-%d")
DETAIL_CHARACTERS = 10_000


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.title}, {timezone.localtime(meeting.start):%-d %B %Y}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} – {person.organisation.name}" if person.organisation_id else person.full_name


class ActionLogFilters(forms.Form):
    """What a person narrows a group's log to. Choices come from the actions they may see, so a filter
    never names an owner, priority or meeting of an action hidden from them."""

    status = forms.ChoiceField(choices=STATUS_FILTERS, required=False, initial=STILL_OPEN)
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, empty_label="Anyone")
    priority = forms.ModelChoiceField(queryset=Priority.objects.none(), required=False, empty_label="Any priority")
    meeting = MeetingChoiceField(
        queryset=MeetingPage.objects.none(), required=False, empty_label="Any meeting", label="Agreed at"
    )
    overdue = forms.BooleanField(required=False, label="Overdue only")
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, initial="due", label="Sort by")

    def __init__(self, data, *, actions, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(pk__in=actions.values("owner_id")).order_by("full_name")
        self.fields["priority"].queryset = Priority.objects.filter(pk__in=actions.values("priority_id"))
        self.fields["meeting"].queryset = MeetingPage.objects.filter(pk__in=actions.values("meeting_id")).order_by(
            "-start"
        )

    def choice(self, name):
        """A filter's value, or its default when it was left out or is not one on offer."""
        self.is_valid()  # keeps every valid filter in cleaned_data, and leaves out the others
        return self.cleaned_data.get(name) or self.fields[name].initial

    def narrowed(self, actions):
        """The actions that pass every filter except status: the counts by status are read from these."""
        for name in ("owner", "priority", "meeting"):
            if self.choice(name):
                actions = actions.filter(**{name: self.choice(name)})
        return actions.overdue() if self.choice("overdue") else actions

    def with_status(self, actions):
        status = self.choice("status")
        if status == STILL_OPEN:
            return actions.still_open()
        return actions if status == ANY_STATUS else actions.filter(status=status)


class ProgressForm(forms.Form):
    """A progress note from someone who may change the action, with the new status it explains."""

    status = forms.ChoiceField(required=False, label="Status")
    note = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 4}),
        label="Progress note",
        help_text="What has happened since the last update. Marking the action blocked or dropped needs a note "
        "saying why: it is shown with the action as the reason.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        keep = f"Keep it as it is ({action.get_status_display().lower()})"
        self.fields["status"].choices = [("", keep), *((s.value, s.label) for s in ActionStatus if s != action.status)]

    def clean(self):
        cleaned = super().clean()
        status, note = cleaned.get("status"), (cleaned.get("note") or "").strip()
        if status in NEEDS_REASON and not note:
            label = ActionStatus(status).label.lower()
            self.add_error("note", f"Say why the action is {label}: the note is kept as the reason.")
        elif not status and not note:
            raise ValidationError("Write a note, or choose a new status.")
        return cleaned


class QuickProgressForm(ProgressForm):
    """The dashboard's one-line update: a new status and a short note beside each of the person's actions."""

    note = forms.CharField(required=False, max_length=500, label="Short note")


class CommentForm(forms.Form):
    note = forms.CharField(
        max_length=4000,
        widget=forms.Textarea({"rows": 3}),
        label="Your comment",
        help_text="Seen by everyone who can see this action. Only its owner and the group's chairs and "
        "secretariat can change its status.",
        error_messages={"required": "Write your comment first."},
    )


class ActionForm(forms.ModelForm):
    """Adding or changing an action: its owner chosen from the group's members, or named if not on it.

    A name typed for a new owner is matched to people already on the portal (honorifics aside) before
    anyone new is added, as the minutes importer does.
    """

    detail = forms.CharField(
        required=False,
        max_length=DETAIL_CHARACTERS,
        widget=forms.Textarea({"rows": 4}),
        help_text=Action._meta.get_field("detail").help_text,
    )
    new_owner = forms.CharField(
        max_length=200,
        required=False,
        label="Or someone not on the group",
        help_text="Their full name. If they are already on the portal (from earlier minutes, say), we use that record.",
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "detail",
            "owner",
            "new_owner",
            "owner_organisation",
            "due_on",
            "meeting",
            "agenda_item",
            "priority",
            "pledge",
        ]
        field_classes = {"owner": PersonChoiceField, "meeting": MeetingChoiceField}
        widgets = {"due_on": DATE_INPUT}
        labels = {
            "owner": "Who does it",
            "owner_organisation": "Organisation that owns it",
            "due_on": "Due by",
            "meeting": "Agreed at",
        }
        help_texts = {
            "priority": "The partnership priority it works towards, if any.",
            "pledge": "If it is a task of an organisation's pledge, the pledge it carries out.",
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        members = group.active_memberships().values("person_id")
        owners = Person.objects.filter(Q(pk__in=members) | Q(pk=self.instance.owner_id or 0))
        self.fields["owner"].queryset = owners.select_related("organisation").order_by("full_name")
        self.fields["owner"].empty_label = "Choose a member of the group"
        self.fields["owner_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["owner_organisation"].empty_label = "None"
        self.fields["meeting"].queryset = MeetingPage.objects.child_of(group).order_by("-start")
        self.fields["meeting"].empty_label = "Not at a meeting"
        priorities = partnership_priorities(group)
        self.fields["priority"].queryset = priorities
        self.fields["pledge"].queryset = Pledge.objects.filter(priority__in=priorities).select_related("organisation")
        self.fields["priority"].empty_label, self.fields["pledge"].empty_label = "None", "Not a pledge task"
        self.offer_agenda_items()

    def offer_agenda_items(self):
        """With a meeting chosen, its agenda items are offered as a list; otherwise the item is typed."""
        meeting = self.chosen_meeting()
        titles = agenda_titles(meeting) if meeting else []
        if titles and self.instance.agenda_item and self.instance.agenda_item not in titles:
            titles.append(self.instance.agenda_item)
        if titles:
            self.fields["agenda_item"] = forms.ChoiceField(
                choices=[("", "None in particular"), *((title, title) for title in titles)],
                required=False,
                label="Agenda item",
                help_text=f"The item of {meeting.title} it arose from.",
                error_messages={"invalid_choice": "Choose an item from the agenda of the meeting chosen above."},
            )

    def chosen_meeting(self):
        key = self.add_prefix("meeting")
        chosen = self.data.get(key) if self.is_bound else self.initial.get("meeting", self.instance.meeting_id)
        chosen = getattr(chosen, "pk", chosen)
        if not chosen or not str(chosen).isdigit():
            return None
        return self.fields["meeting"].queryset.filter(pk=chosen).first()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("owner") and (cleaned.get("new_owner") or "").strip():
            self.add_error("new_owner", "Choose a member or type a name, not both.")
        return cleaned

    def chosen_owner(self):
        name = self.cleaned_data["new_owner"].strip()
        return PeopleRegister([name]).person(name) if name else self.cleaned_data["owner"]

    def action_fields(self) -> dict:
        """The fields `create_action` takes, with the owner found or added."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields if name not in ("title", "new_owner")}
        return {**fields, "owner": self.chosen_owner()}


def partnership_priorities(group):
    """The priorities an action of this group may serve: the group's, its parent's, and those it works on."""
    partnerships = Q(partnership=group) | Q(task_and_finish_group=group)
    if group.parent_group_id:
        partnerships |= Q(partnership_id=group.parent_group_id)
    return Priority.objects.filter(partnerships).order_by("title")


def agenda_titles(meeting) -> list[str]:
    """The meeting's agenda item titles, from its latest draft when it is still being recorded."""
    if meeting is None:
        return []
    if meeting.has_unpublished_changes:
        meeting = meeting.get_latest_revision_as_object()
    return [block.value["title"] for block in meeting.agenda if block.value.get("title")]
