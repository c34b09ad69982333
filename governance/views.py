"""The minutes importer: a chair or the secretariat turns minutes they already have into a draft meeting."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from governance.forms import (
    ApologyFormSet,
    AttendeeFormSet,
    MeetingDetailsForm,
    MinutesSourceForm,
    apology_initial,
    attendee_initial,
    confirmed_minutes,
)
from governance.importing import (
    AlreadySaved,
    DuplicateMeeting,
    ImportRefused,
    keep_upload,
    people_matching,
    save_draft_meeting,
    settle_capacities,
)
from governance.minutes import parse_minutes
from governance.minutes.sections import source_lines_of
from governance.models import MinutesUpload
from governance.services import groups_user_can_add_meetings_to, meetings_on, send_for_approval

# Where the parser's warnings are shown on the confirmation screen.
WARNING_ANCHORS = {
    "attendees": "attendees",
    "in_attendance": "attendees",
    "absent": "attendees",
    "apologies": "apologies",
    "chair": "attendees",
}
DETAIL_FIELDS = ["title", "date", "start_time", "end_time", "venue", "agenda", "actions", "next_meeting"]


class ImportMinutesView(LoginRequiredMixin, View):
    """Upload or paste minutes, check what was understood, then save them as a draft for the chair."""

    upload_template = "governance/import_minutes.html"
    confirm_template = "governance/import_minutes_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.groups = groups_user_can_add_meetings_to(request.user)
            if not self.groups.exists():
                raise PermissionDenied("Only a group's chairs and secretariat can import its minutes.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        only_group = self.groups.first() if self.groups.count() == 1 else None
        form = MinutesSourceForm(groups=self.groups, initial={"group": request.GET.get("group") or only_group})
        return render(request, self.upload_template, {"form": form})

    def post(self, request):
        if "upload" in request.POST:
            return self.confirm(request)
        form = MinutesSourceForm(request.POST, request.FILES, groups=self.groups)
        if not form.is_valid():
            return render(request, self.upload_template, {"form": form})
        text, group = form.cleaned_data["text"], form.cleaned_data["group"]
        parsed = parse_minutes(text)
        settle_capacities(parsed, group)
        details = self.details_form(
            initial=MeetingDetailsForm.initial_from(parsed, group, keep_upload(request.user, text))
        )
        attendees = AttendeeFormSet(initial=attendee_initial(parsed), prefix="attendees")
        apologies = ApologyFormSet(initial=apology_initial(parsed), prefix="apologies")
        return self.render_confirmation(request, details, attendees, apologies, parsed)

    def confirm(self, request):
        details = self.details_form(request.POST)
        attendees = AttendeeFormSet(request.POST, prefix="attendees")
        apologies = ApologyFormSet(request.POST, prefix="apologies")
        if not (details.is_valid() and attendees.is_valid() and apologies.is_valid()):
            return self.render_confirmation(request, details, attendees, apologies)
        try:
            meeting = save_draft_meeting(
                confirmed_minutes(details, attendees, apologies),
                details.cleaned_data["group"],
                user=request.user,
                upload=details.cleaned_data["upload"],
                allow_duplicate=details.cleaned_data["save_anyway"],
            )
        except DuplicateMeeting as duplicate:
            details.add_error("save_anyway", str(duplicate))
            return self.render_confirmation(request, details, attendees, apologies)
        except AlreadySaved as saved:
            messages.info(request, str(saved))
            return redirect(reverse("wagtailadmin_pages:edit", args=[saved.meeting.pk]))
        except ImportRefused as error:
            details.add_error(None, str(error))
            return self.render_confirmation(request, details, attendees, apologies)
        return self.finish(request, meeting)

    def details_form(self, data=None, **kwargs):
        uploads = MinutesUpload.objects.filter(uploaded_by=self.request.user)
        return MeetingDetailsForm(data, groups=self.groups, uploads=uploads, **kwargs)

    def finish(self, request, meeting):
        if "submit" in request.POST:
            send_for_approval(meeting, request.user)
            return redirect(reverse("governance:record_meeting_done", args=[meeting.pk]))
        messages.success(
            request,
            f"'{meeting.title}' is saved as a draft. Check it below, change anything that needs it, "
            "then send it to the chair.",
        )
        return redirect(reverse("governance:check_meeting", args=[meeting.pk]))

    def render_confirmation(self, request, details, attendees, apologies, parsed=None):
        """The screen, with each value's source and the parser's doubts when it has just read the minutes."""
        warnings = parsed.warnings if parsed else []
        matches = people_matching([name_in(form) for form in [*attendees, *apologies]], group_shown(details))
        attendee_rows = register_rows(attendees, matches, warnings, "attendee")
        apology_rows = register_rows(apologies, matches, warnings, "apology")
        row_anchors = {w.person: row.anchor for row in attendee_rows + apology_rows for w in row.warnings}
        context = {
            "details": details,
            "detail_fields": [
                (details[name], [w for w in warnings if w.field == name], found_for(parsed, name))
                for name in DETAIL_FIELDS
            ],
            "attendees": attendees,
            "attendee_rows": attendee_rows,
            "apologies": apologies,
            "apology_rows": apology_rows,
            "warnings": [(warning_anchor(w, row_anchors), w) for w in warnings],
            "register_warnings": [w for w in warnings if w.field in WARNING_ANCHORS and not w.person],
            "chair_found": found_for(parsed, "chair"),
            "duplicates": meetings_that_day(details),
            "source_lines": source_lines(details),
        }
        return render(request, self.confirm_template, context)


@dataclass
class RegisterRow:
    """One row of the register on the screen: the form, the person it matches, where it was read, any doubt."""

    form: object
    match: object
    anchor: str
    found: object = None
    warnings: list = field(default_factory=list)


def register_rows(formset, matches, warnings, kind):
    rows = []
    for index, form in enumerate(formset):
        name = form.initial.get("name") if not form.is_bound else None
        doubts = [w for w in warnings if name and w.person == name and w.field in WARNING_ANCHORS]
        rows.append(RegisterRow(form, matches.get(name_in(form)), f"{kind}-{index}", form.initial.get("found"), doubts))
    return rows


def warning_anchor(warning, row_anchors):
    """Where a warning points: the register row it is about, else the field it is about."""
    return row_anchors.get(warning.person) or WARNING_ANCHORS.get(warning.field, f"id_{warning.field}")


def found_for(parsed, name):
    """Where the parser read a field, for the screen: one place, or the lines of a list's items."""
    if parsed is None:
        return None
    if name == "actions":
        lines = sorted({action.found.line for action in parsed.actions if action.found})
        return {"lines": lines} if lines else None
    return parsed.found.get(name)


def source_lines(details):
    """The text of the upload, line by line, as it will be saved in the minutes."""
    values = details.initial if not details.is_bound else getattr(details, "cleaned_data", {})
    upload = values.get("upload")
    return source_lines_of(upload.source_text) if upload is not None and upload.source_text else []


def name_in(form):
    """The name a row of the register holds, whether it came from the parser or was just typed."""
    return (form.data.get(f"{form.prefix}-name") if form.is_bound else form.initial.get("name")) or ""


def group_shown(details):
    values = details.initial if not details.is_bound else getattr(details, "cleaned_data", {})
    return values.get("group")


def meetings_that_day(details):
    """Meetings the group already has on the date shown, so saving the same minutes twice is a choice."""
    values = details.initial if not details.is_bound else getattr(details, "cleaned_data", {})
    group, day = values.get("group"), values.get("date")
    return list(meetings_on(group, day)) if group and day else []
