"""'Actions agreed', a step of 'Record a meeting': each action goes on the group's log as it is agreed.

The step is added through governance's `meeting_recorder_steps` hook, so governance never imports
this app. Actions are real from the moment they are saved: an action from a meeting whose minutes
are not yet published is seen only by the group's own people until they are.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from wagtail import hooks

from actions.models import Action
from actions.services import create_action, matters_arising
from governance.importing import PeopleRegister
from governance.recorder_views import RecorderStep, step_url

MAX_NEW_ACTIONS = 20


class AgreedActionForm(forms.Form):
    """One action as it is agreed: what, who, by when, under which item."""

    title = forms.CharField(max_length=250, label="Action", help_text="What is to be done, in a line.")
    owner = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label="Who does it")
    owner_name = forms.CharField(
        max_length=200, required=False, label="Or someone not on the group", help_text="Their full name."
    )
    due_on = forms.DateField(
        required=False, label="Due by (optional)", widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    agenda_item = forms.ChoiceField(required=False, label="Agenda item (optional)")

    def __init__(self, *args, owners=(), agenda=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Choose a member"), *owners]
        self.fields["agenda_item"].choices = [("", "None in particular"), *((item, item) for item in agenda)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("owner") and (cleaned.get("owner_name") or "").strip():
            self.add_error("owner_name", "Choose a member or type a name, not both.")
        return cleaned


AgreedActionFormSet = forms.formset_factory(
    AgreedActionForm, extra=3, max_num=MAX_NEW_ACTIONS, validate_max=True, absolute_max=MAX_NEW_ACTIONS
)


def owner_choices(view):
    day = timezone.localtime(view.draft.start).date()
    memberships = view.group.active_memberships(day).select_related("person").order_by("person__full_name")
    return [(m.person_id, m.person.full_name) for m in memberships]


def agenda_titles(view):
    return [block.value["title"] for block in view.draft.agenda if block.value.get("title")]


def agreed_at(meeting):
    return Action.objects.filter(meeting=meeting).select_related("owner", "owner_organisation").order_by("number")


def handle(view, request):
    """Show what was agreed so far and blank rows for more; each filled row becomes an action at once."""
    kwargs = {"form_kwargs": {"owners": owner_choices(view), "agenda": agenda_titles(view)}, "prefix": "actions"}
    formset = AgreedActionFormSet(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and formset.is_valid():
        added = add_agreed(view, request.user, [f.cleaned_data for f in formset if f.has_changed()])
        if added:
            messages.success(request, f"{len(added)} action{'s' if len(added) != 1 else ''} added to the action log.")
        if "add_more" in request.POST:
            return redirect(step_url(view.meeting, "actions") + "#actions-end")
        return view.move_on(request)
    context = {
        "formset": formset,
        "agreed": list(agreed_at(view.meeting)),
        "arising": list(matters_arising(view.draft, view.group)[:50]),
    }
    invalid = bool(formset.total_error_count())
    return view.render_step(request, context, invalid=invalid, template="actions/recorder/actions.html")


def add_agreed(view, user, rows):
    people = PeopleRegister([row["owner_name"].strip() for row in rows if row.get("owner_name", "").strip()])
    added = []
    for row in rows:
        name = row["owner_name"].strip()
        owner = people.person(name) if name else None
        added.append(
            create_action(
                view.group,
                row["title"].strip(),
                created_by=user,
                meeting=view.meeting,
                agenda_item=row["agenda_item"],
                owner_id=row["owner"] if not owner else owner.pk,
                due_on=row["due_on"],
            )
        )
    return added


def summary(view, request):
    return {"template": "actions/recorder/summary.html", "context": {"agreed": list(agreed_at(view.meeting))}}


@hooks.register("meeting_recorder_steps")
def actions_agreed_step():
    return RecorderStep(name="actions", label="Actions agreed", handle=handle, summary=summary)
