"""'Record a meeting': question pages, then check your answers, then a confirmation (the GOV.UK pattern).

Each step saves the meeting's draft as it goes, so the secretariat can stop and come back; nothing
is public until a chair approves it. The same pages finish an imported meeting or change a draft.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail import hooks
from wagtail.documents import get_document_model

from governance.choices import AttendanceCapacity, AttendanceStatus
from governance.models import MeetingPage, PartnershipGroupPage, Person
from governance.papers import add_draft_paper
from governance.recorder import (
    agenda_lines,
    apply_agenda,
    apply_details,
    apply_minutes,
    apply_register,
    can_record_for,
    decisions_of,
    draft_of,
    is_with_the_chair,
    minutes_as_text,
    other_meetings_that_day,
    register_for_display,
    register_rows,
    save_draft,
    start_meeting,
    who_is_told,
)
from governance.recorder_forms import AgendaFormSet, DetailsForm, MinutesForm, RegisterFormSet
from governance.services import meetings_on, send_for_approval

BASE_STEPS = [
    ("details", "When and where"),
    ("agenda", "Agenda"),
    ("register", "Who came"),
    ("minutes", "Minutes and decisions"),
]
CHECK = ("check", "Check and send")
# Minutes with more than paragraphs: editing them as plain text would flatten this.
FORMATTING = re.compile(r"<(h\d|ul|ol|a|b|i|strong|em|blockquote)\b")


@dataclass
class RecorderStep:
    """A step another app adds to 'Record a meeting' (the `meeting_recorder_steps` hook), before the check.

    `handle(view, request)` answers the step's GET and POST, using the view's `meeting`, `draft`,
    `group`, `render_step` and `saved`; `summary(view, request)` returns the template and context of
    its section on the check page, or None.
    """

    name: str
    label: str
    handle: Callable
    summary: Callable | None = None


def extra_steps() -> list[RecorderStep]:
    return [step for hook in hooks.get_hooks("meeting_recorder_steps") if (step := hook())]


def all_steps() -> list[tuple[str, str]]:
    return [*BASE_STEPS, *((step.name, step.label) for step in extra_steps()), CHECK]


def step_url(meeting, step):
    return reverse("governance:record_meeting_step", args=[meeting.pk, step])


def progress(meeting, current, steps):
    return [
        {"name": name, "label": label, "number": number, "current": name == current, "url": step_url(meeting, name)}
        for number, (name, label) in enumerate(steps, 1)
    ]


class StartMeetingView(LoginRequiredMixin, View):
    """Step one for a new meeting: nothing exists until its date and time are given."""

    template_name = "governance/recorder/details.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.group = get_object_or_404(PartnershipGroupPage, pk=kwargs["group_id"])
            if not can_record_for(request.user, self.group):
                raise PermissionDenied("Only this group's chairs and secretariat can record its meetings.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, group_id):
        return self.render(request, DetailsForm())

    def post(self, request, group_id):
        form = DetailsForm(request.POST, duplicates_for=lambda day: meetings_on(self.group, day))
        if not form.is_valid():
            return self.render(request, form)
        meeting = start_meeting(self.group, request.user, form.details())
        return redirect(step_url(meeting, "agenda"))

    def render(self, request, form):
        context = {
            "group": self.group,
            "form": form,
            "steps": progress_for_new(),
            "step_number": 1,
            "new": True,
        }
        return render(request, self.template_name, context, status=400 if form.errors else 200)


def progress_for_new():
    return [
        {"name": name, "label": label, "number": number, "current": name == "details", "url": None}
        for number, (name, label) in enumerate(all_steps(), 1)
    ]


class RecordMeetingView(LoginRequiredMixin, View):
    """Every later step of one meeting, each a question page that saves the draft and moves on."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.step = kwargs.get("step", "check")
        self.extra_steps = {step.name: step for step in extra_steps()}
        self.steps = all_steps()
        self.step_names = [name for name, _ in self.steps]
        if self.step not in self.step_names:
            raise Http404("No such step.")
        self.meeting = get_object_or_404(MeetingPage, pk=kwargs["meeting_id"])
        self.group = self.meeting.get_parent().specific
        if not can_record_for(request.user, self.group):
            raise PermissionDenied("Only this group's chairs and secretariat can record its meetings.")
        self.draft = draft_of(self.meeting)
        self.with_the_chair = is_with_the_chair(self.meeting)
        if self.with_the_chair and (request.method == "POST" or self.step != "check"):
            messages.info(
                request,
                f"'{self.draft.title}' is with the chair. A chair can approve and publish it, or send it back "
                "to you with a comment; then you can change it again.",
            )
            return redirect(step_url(self.meeting, "check"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, meeting_id, step="check"):
        return self.answer(request)

    def post(self, request, meeting_id, step="check"):
        return self.answer(request)

    def answer(self, request):
        if self.step in self.extra_steps:
            return self.extra_steps[self.step].handle(self, request)
        return getattr(self, f"{self.step}_step")(request)

    # Moving on -------------------------------------------------------------------------------------------

    def saved(self, request):
        """After a step is saved: back to the check page if that is where they came from, else the next step."""
        save_draft(self.draft, request.user)
        return self.move_on(request)

    def move_on(self, request):
        """Where the buttons lead once a step's answers are kept."""
        if "save_and_leave" in request.POST:
            messages.success(
                request,
                f"'{self.draft.title}' is saved as a draft. Carry on from 'Minutes and papers in progress' "
                "on your dashboard.",
            )
            return redirect("portal:dashboard")
        if request.GET.get("then") == "check":
            return redirect(step_url(self.meeting, "check"))
        return redirect(step_url(self.meeting, self.step_names[self.step_names.index(self.step) + 1]))

    def render_step(self, request, context, invalid=False, template=None):
        context.update(
            group=self.group,
            meeting=self.meeting,
            draft=self.draft,
            steps=progress(self.meeting, self.step, self.steps),
            step_number=self.step_names.index(self.step) + 1,
            back_to_check=request.GET.get("then") == "check",
        )
        template = template or f"governance/recorder/{self.step}.html"
        return render(request, template, context, status=400 if invalid else 200)

    # The steps -------------------------------------------------------------------------------------------

    def details_step(self, request):
        def duplicates(day):
            return [m for m in meetings_on(self.group, day) if m.pk != self.meeting.pk]

        if request.method == "POST":
            form = DetailsForm(request.POST, duplicates_for=duplicates)
            if form.is_valid():
                apply_details(self.draft, form.details())
                return self.saved(request)
        else:
            form = DetailsForm(initial=DetailsForm.initial_from(self.draft))
        return self.render_step(request, {"form": form}, invalid=bool(form.errors))

    def agenda_step(self, request):
        owners = self.owner_choices()
        papers = self.paper_choices()
        kwargs = {"form_kwargs": {"owners": owners, "papers": papers}, "prefix": "agenda"}
        initial = [
            {"title": line.title, "owner": line.owner_id, "summary": line.summary, "keep_papers": line.paper_ids}
            for line in agenda_lines(self.draft)
        ]
        if request.method == "POST":
            formset = AgendaFormSet(request.POST, request.FILES, initial=initial, **kwargs)
            if formset.is_valid():
                lines = []
                for form in formset.kept_forms():
                    upload = form.cleaned_data.get("new_paper")
                    new = [add_draft_paper(self.group, upload, request.user).pk] if upload else []
                    lines.append(form.line(new))
                apply_agenda(self.draft, lines)
                if "add_items" in request.POST:
                    save_draft(self.draft, request.user)
                    return redirect(step_url(self.meeting, "agenda") + "#agenda-end")
                return self.saved(request)
        else:
            formset = AgendaFormSet(initial=initial, **kwargs)
        return self.render_step(request, {"formset": formset}, invalid=bool(formset.total_error_count()))

    def owner_choices(self):
        members = self.group.active_memberships(timezone.localtime(self.draft.start).date()).select_related("person")
        choices = {m.person_id: m.person.full_name for m in members}
        chosen = [line.owner_id for line in agenda_lines(self.draft) if line.owner_id not in choices]
        choices.update(Person.objects.filter(pk__in=chosen).values_list("pk", "full_name"))
        return sorted(choices.items(), key=lambda choice: choice[1])

    def paper_choices(self):
        ids = [pk for line in agenda_lines(self.draft) for pk in line.paper_ids]
        return list(get_document_model().objects.filter(pk__in=ids).values_list("pk", "title"))

    def register_step(self, request):
        rows = register_rows(self.draft, self.group)
        initial = [
            {
                "person": row.person_id,
                "name": row.name,
                "capacity": row.capacity,
                "status": row.status,
                "deputy": row.deputy,
            }
            for row in rows
        ]
        allowed = {row.person_id for row in rows if row.person_id}
        kwargs = {"form_kwargs": {"allowed_people": allowed}, "prefix": "register"}
        if request.method == "POST":
            formset = RegisterFormSet(request.POST, initial=initial, **kwargs)
            if formset.is_valid():
                apply_register(self.draft, formset.rows())
                if "add_people" in request.POST:
                    save_draft(self.draft, request.user)
                    return redirect(step_url(self.meeting, "register") + "#register-end")
                return self.saved(request)
        else:
            formset = RegisterFormSet(initial=initial, **kwargs)
        members = set(
            self.group.active_memberships(timezone.localtime(self.draft.start).date()).values_list(
                "person_id", flat=True
            )
        )
        for number, form in enumerate(formset.forms):
            form.existing = number < formset.initial_form_count()
            form.removable = form.existing and form.initial.get("person") not in members
            form.capacity_label = AttendanceCapacity(form.initial["capacity"]).label if form.existing else ""
        return self.render_step(
            request,
            {"formset": formset, "apologies": AttendanceStatus.APOLOGIES},
            invalid=bool(formset.total_error_count()),
        )

    def minutes_step(self, request):
        current = minutes_as_text(self.draft)
        if request.method == "POST":
            form = MinutesForm(request.POST)
            if form.is_valid():
                apply_minutes(self.draft, form.cleaned_data["minutes"], form.cleaned_data["decisions"], current)
                return self.saved(request)
        else:
            form = MinutesForm(initial={"minutes": current, "decisions": "\n".join(decisions_of(self.draft))})
        formatted = bool(FORMATTING.search(self.draft.minutes or ""))
        return self.render_step(request, {"form": form, "formatted": formatted}, invalid=bool(form.errors))

    def check_step(self, request):
        if request.method == "POST":
            if "send" in request.POST:
                send_for_approval(self.meeting.specific, request.user)
            return redirect("governance:record_meeting_done", meeting_id=self.meeting.pk)
        register = register_for_display(self.draft)
        context = {
            "register": register,
            "quorum": self.draft.quorum(register) if self.draft.start else None,
            "decisions": decisions_of(self.draft),
            "duplicates": other_meetings_that_day(self.group, self.draft),
            "with_the_chair": self.with_the_chair,
            "chairs": who_is_told(self.group, request.user),
            "extra_sections": [
                {"step": step.name, **section}
                for step in self.extra_steps.values()
                if step.summary and (section := step.summary(self, request))
            ],
        }
        return self.render_step(request, context)


class MeetingRecordedView(LoginRequiredMixin, View):
    """The confirmation: in plain words, where the meeting is now and who was told."""

    def get(self, request, meeting_id):
        meeting = get_object_or_404(MeetingPage, pk=meeting_id)
        group = meeting.get_parent().specific
        if not can_record_for(request.user, group):
            raise PermissionDenied("Only this group's chairs and secretariat can record its meetings.")
        context = {
            "meeting": meeting,
            "draft": draft_of(meeting),
            "group": group,
            "with_the_chair": is_with_the_chair(meeting),
            "chairs": who_is_told(group, request.user),
        }
        return render(request, "governance/recorder/done.html", context)
