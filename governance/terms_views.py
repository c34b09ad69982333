"""'Start a new version' of a group's terms of reference, from the site."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from governance.models import PartnershipGroupPage
from governance.terms_versions import draft_in_progress, start_new_version


class NewVersionForm(forms.Form):
    effective_from = forms.DateField(
        label="The date the new version takes effect",
        help_text="Meetings before this date keep the version that was in force on their day.",
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    change_summary = forms.CharField(
        label="What changes, and why",
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        help_text="A sentence or two readers see at the top of the new version, for example 'Quorum raised to six'.",
    )


class NewTermsVersionView(LoginRequiredMixin, View):
    """Copies the version in force into a draft the chairs approve; published versions stay as they were."""

    template_name = "governance/terms_new_version.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.group = get_object_or_404(PartnershipGroupPage, pk=kwargs["group_id"])
            if not self.group.terms_amendable_by(request.user):
                raise PermissionDenied("Only this group's chairs and secretariat can amend its terms of reference.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, group_id):
        return self.render(request, NewVersionForm())

    def post(self, request, group_id):
        form = NewVersionForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        try:
            draft = start_new_version(self.group, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("effective_from", error)
            return self.render(request, form)
        messages.success(
            request,
            "The new version is a draft: change what the amendment changes, then submit it to the chair. "
            "The version in force stays as it is.",
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[draft.pk]))

    def render(self, request, form):
        context = {
            "group": self.group,
            "form": form,
            "in_force": self.group.terms_in_force(),
            "draft": draft_in_progress(self.group),
        }
        return render(request, self.template_name, context, status=400 if form.errors else 200)
