"""The admin's 'Governance' menu: organisations, people and memberships."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from governance.membership import memberships_visible_to
from governance.models import Membership, Organisation, PartnershipGroupPage, PartnershipIndexPage, Person
from governance.search import groups_minutes_and_terms
from governance.services import groups_user_can_add_meetings_to
from governance.terms_versions import is_fixed_version
from governance.todo import across_the_partnerships, coming_up, memberships_of, to_do_for
from portal.choosers import chooser_showing
from portal.exports import SafeExportSnippetIndexView
from portal.models import HomePage
from portal.visibility import visible_to


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    list_export = ["name", "kind", "website"]
    index_view_class = SafeExportSnippetIndexView
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["full_name", "job_title", "organisation", "user"]
    list_filter = ["organisation"]
    list_export = ["full_name", "job_title", "organisation", "user"]
    index_view_class = SafeExportSnippetIndexView
    search_fields = ["full_name", "job_title"]
    form_fields = ["full_name", "job_title", "organisation", "user"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    list_display = ["person", "group", "role", "organisation", "starts_on", "ends_on"]
    list_filter = ["role", "group", "ends_on"]
    list_export = ["person", "group", "role", "organisation", "sector", "starts_on", "ends_on"]
    index_view_class = SafeExportSnippetIndexView
    chooser_viewset_class = chooser_showing(memberships_visible_to)
    search_fields = ["person__full_name", "group__title"]
    form_fields = ["person", "group", "role", "organisation", "sector", "starts_on", "ends_on"]


class GovernanceGroup(ViewSetGroup):
    menu_label = "Governance"
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, PersonViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_governance_group():
    return GovernanceGroup()


class ImportMinutesMenuItem(MenuItem):
    def is_shown(self, request):
        return groups_user_can_add_meetings_to(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_minutes_menu_item():
    return ImportMinutesMenuItem(
        "Import minutes", reverse("governance:import_minutes"), icon_name="doc-full", order=250
    )


@hooks.register("portal_dashboard_panels", order=-10)
def to_do_panel(request):
    """What waits for a chair or the secretariat, in the words of their role: approvals and drafts."""
    memberships = memberships_of(request)
    if not memberships:
        return None
    todo = to_do_for(request.user, memberships)
    if not todo:
        return None
    return {"template": "governance/includes/dashboard_todo.html", "context": {"todo": todo}}


@hooks.register("portal_dashboard_panels", order=-6)
def coming_up_panel(request):
    """A member's groups' next meetings and latest minutes, after the work that waits for them."""
    memberships = memberships_of(request)
    if not memberships:
        return None
    upcoming, minutes = coming_up(request, memberships)
    return {
        "template": "governance/includes/dashboard_coming_up.html",
        "context": {"upcoming": upcoming, "minutes": minutes},
    }


@hooks.register("portal_dashboard_panels", order=-5)
def whats_on_panel(request):
    """Someone on no group still sees what the partnerships are doing: meetings coming up, minutes published."""
    if memberships_of(request):
        return None
    upcoming, minutes = across_the_partnerships(request)
    context = {"upcoming": upcoming, "minutes": minutes, "index": PartnershipIndexPage.objects.live().first()}
    return {"template": "governance/includes/dashboard_whats_on.html", "context": context}


@hooks.register("portal_dashboard_panels")
def my_groups_panel(request):
    open_groups = visible_to(request, PartnershipGroupPage.objects.all()).values("pk")
    memberships = (
        Membership.objects.active()
        .filter(person__user=request.user, group__in=open_groups)
        .select_related("group")
        .order_by("group__title")
    )
    if not memberships:
        return None
    return {
        "template": "governance/includes/dashboard_groups.html",
        "context": {"memberships": memberships, "can_import": groups_user_can_add_meetings_to(request.user).exists()},
    }


@hooks.register("before_edit_page")
def keep_published_terms_as_they_were(request, page):
    """A published version of the terms is part of the record: amendments are new versions."""
    if is_fixed_version(page.specific):
        messages.error(
            request,
            "A published version of the terms of reference cannot be changed. Use 'Start a new version' "
            "to amend them; this version stays as it was agreed.",
        )
        return redirect("governance:new_terms_version", group_id=page.get_parent().pk)
    return None


@hooks.register("portal_page_context")
def meetings_on_the_home_page(page, request, context):
    """The front door shows the next meetings and the latest approved minutes across the partnerships."""
    if not isinstance(page, HomePage):
        return None
    upcoming, minutes = across_the_partnerships(request)
    return {"upcoming_meetings": upcoming, "latest_minutes": minutes}


@hooks.register("portal_search_results", order=10)
def groups_minutes_and_terms_in_search(request, query):
    """The site search lists groups, meeting minutes and terms of reference first, each as its own kind."""
    return groups_minutes_and_terms(request, query)
