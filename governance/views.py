"""The minutes importer: a chair or the secretariat turns minutes they already have into a draft meeting."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from wagtail.permission_policies.pages import PagePermissionPolicy

from governance.forms import (
    ApologyFormSet,
    AttendeeFormSet,
    MeetingDetailsForm,
    MinutesSourceForm,
    apology_initial,
    attendee_initial,
    confirmed_minutes,
)
from governance.importing import ImportRefused, people_matching, save_draft_meeting
from governance.minutes_parser import parse_minutes
from governance.models import PartnershipGroupPage

# Where the parser's warnings are shown on the confirmation screen.
WARNING_ANCHORS = {
    "attendees": "attendees",
    "in_attendance": "attendees",
    "apologies": "apologies",
    "chair": "attendees",
}


def groups_user_can_add_meetings_to(user):
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return PartnershipGroupPage.objects.filter(pk__in=pages.values("pk")).order_by("title")


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
        if "source_text" in request.POST:
            return self.confirm(request)
        form = MinutesSourceForm(request.POST, request.FILES, groups=self.groups)
        if not form.is_valid():
            return render(request, self.upload_template, {"form": form})
        text = form.cleaned_data["text"]
        parsed = parse_minutes(text)
        group = form.cleaned_data["group"]
        return self.render_confirmation(
            request,
            group,
            MeetingDetailsForm(initial=MeetingDetailsForm.initial_from(parsed, text)),
            AttendeeFormSet(initial=attendee_initial(parsed), prefix="attendees"),
            ApologyFormSet(initial=apology_initial(parsed), prefix="apologies"),
            parsed.warnings,
        )

    def confirm(self, request):
        group = self.groups.filter(pk=request.POST.get("group")).first()
        if group is None:
            raise PermissionDenied("You cannot add meetings to that group.")
        details = MeetingDetailsForm(request.POST)
        attendees = AttendeeFormSet(request.POST, prefix="attendees")
        apologies = ApologyFormSet(request.POST, prefix="apologies")
        if not (details.is_valid() and attendees.is_valid() and apologies.is_valid()):
            return self.render_confirmation(request, group, details, attendees, apologies, [])
        try:
            meeting = save_draft_meeting(
                confirmed_minutes(details, attendees, apologies),
                group,
                user=request.user,
                source_text=details.cleaned_data["source_text"],
            )
        except ImportRefused as error:
            details.add_error(None, str(error))
            return self.render_confirmation(request, group, details, attendees, apologies, [])
        return self.finish(request, meeting)

    def finish(self, request, meeting):
        if "submit" in request.POST:
            meeting.get_workflow().start(meeting, request.user)
            messages.success(request, f"'{meeting.title}' is saved and sent to the chair for approval.")
        else:
            messages.success(
                request, f"'{meeting.title}' is saved as a draft. Submit it to the chair when it is ready."
            )
        return redirect(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))

    def render_confirmation(self, request, group, details, attendees, apologies, warnings):
        names = [name_in(form) for form in [*attendees, *apologies]]
        matches = people_matching(names)
        return render(
            request,
            self.confirm_template,
            {
                "group": group,
                "details": details,
                "detail_fields": [
                    (details[name], [w.message for w in warnings if w.field == name]) for name in DETAIL_FIELDS
                ],
                "attendees": attendees,
                "attendee_rows": [(form, matches.get(name_in(form))) for form in attendees],
                "apologies": apologies,
                "apology_rows": [(form, matches.get(name_in(form))) for form in apologies],
                "warnings": [(WARNING_ANCHORS.get(w.field, f"id_{w.field}"), w) for w in warnings],
                "register_warnings": [w.message for w in warnings if w.field in WARNING_ANCHORS],
            },
        )


DETAIL_FIELDS = ["title", "date", "start_time", "end_time", "venue", "agenda", "actions", "next_meeting"]


def name_in(form):
    """The name a row of the register holds, whether it came from the parser or was just typed."""
    return (form.data.get(f"{form.prefix}-name") if form.is_bound else form.initial.get("name")) or ""
