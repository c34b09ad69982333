"""A group's chairs run its membership from the site: add people, change roles, end memberships."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from governance.membership import (
    add_member,
    changes_in,
    end_membership,
    invite_by_email,
    memberships_for_management,
)
from governance.membership_forms import AddMemberForm, ChangeMembershipForm
from governance.models import Membership, PartnershipGroupPage


class AlreadyMember(Exception):
    """The person already holds a current membership of the group."""


class GroupChairMixin(LoginRequiredMixin):
    """Only the group's chairs (and site admins) reach these pages; everyone else is refused."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.group = get_object_or_404(PartnershipGroupPage, pk=kwargs["group_id"])
        if not self.group.memberships_managed_by(request.user):
            raise PermissionDenied("Only this group's chairs can change its membership.")
        return super().dispatch(request, *args, **kwargs)

    def members_url(self):
        return reverse("governance:group_members", args=[self.group.pk])


class GroupMembersView(GroupChairMixin, View):
    template_name = "governance/group_members.html"

    def get(self, request, group_id):
        search = request.GET.get("q", "").strip()[:100]
        return self.render(request, AddMemberForm(group=self.group, search=search), search)

    def post(self, request, group_id):
        form = AddMemberForm(request.POST, group=self.group)
        if not form.is_valid():
            return self.render(request, form)
        try:
            membership = self.add(form, request)
        except AlreadyMember:
            return self.render(request, form)
        messages.success(request, added_message(membership))
        return redirect(self.members_url())

    @transaction.atomic
    def add(self, form, request):
        person = form.chosen_person()
        if not form.check_not_already_member(person):
            raise AlreadyMember  # undoes a person record made for this request
        return add_member(
            self.group,
            person,
            role=form.cleaned_data["role"],
            sector=form.cleaned_data["sector"],
            starts_on=form.cleaned_data["starts_on"],
            request=request,
        )

    def render(self, request, form, search=""):
        current, ended = memberships_for_management(self.group)
        context = {"group": self.group, "form": form, "current": current, "ended": ended, "search": search}
        return render(request, self.template_name, context, status=400 if form.errors else 200)


def added_message(membership):
    person = membership.person
    if person.user_id:
        return f"{person.full_name} is now {membership.get_role_display().lower()} of {membership.group.title}."
    if person.email:
        return (
            f"{person.full_name} is added as {membership.get_role_display().lower()}. We have emailed an invitation "
            f"to {person.email}; they join the group's pages when they confirm that address."
        )
    return f"{person.full_name} is added. They have no email address here, so they could not be invited."


class MembershipView(GroupChairMixin, View):
    template_name = "governance/membership_change.html"

    def get(self, request, group_id, pk):
        membership = self.membership(pk)
        return self.render(request, membership, ChangeMembershipForm(instance=membership))

    def post(self, request, group_id, pk):
        membership = self.membership(pk)
        if "end_today" in request.POST:
            end_membership(membership)
            messages.success(request, f"{membership.person.full_name}'s membership has ended. Their rights ended now.")
            return redirect(self.members_url())
        form = ChangeMembershipForm(request.POST, instance=membership)
        if not form.is_valid():
            return self.render(request, membership, form, status=400)
        form.save()
        email = form.cleaned_data.get("invite_email")
        if email:
            invite_by_email(membership, email, request)
            messages.success(request, f"Saved, and we have emailed an invitation to {email}.")
        else:
            messages.success(request, f"{membership.person.full_name}'s membership is saved.")
        return redirect(self.members_url())

    def membership(self, pk):
        return get_object_or_404(Membership.objects.select_related("person"), pk=pk, group=self.group)

    def render(self, request, membership, form, status=200):
        context = {"group": self.group, "membership": membership, "form": form, "changes": changes_in(membership)}
        return render(request, self.template_name, context, status=status)
