"""The admin's 'Accounts' menu: checking school staff, and the school domains trusted without a check."""

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.forms import SchoolStaffVerificationForm
from portal.models import Audience, User, VerifiedSchoolDomain


class SchoolStaffAccountViewSet(ModelViewSet):
    """Lists school-staff accounts so a site admin can confirm each works at the school they named."""

    model = User
    icon = "user"
    menu_label = "School staff"
    url_prefix = "school-staff"
    url_namespace = "school_staff"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["__str__", "email", "school_name", "school_urn", "school_role", "is_verified_school_staff"]
    list_filter = {"school_staff_verified_at": ["isnull"], "school_role": ["exact"]}
    list_export = [
        "first_name",
        "last_name",
        "email",
        "school_name",
        "school_urn",
        "school_role",
        "school_staff_verified_at",
    ]
    search_fields = ["first_name", "last_name", "email", "school_name", "school_urn"]
    ordering = ["school_staff_verified_at", "last_name"]

    def get_queryset(self, request):
        return User.objects.filter(audience=Audience.SCHOOL_STAFF)

    def get_form_class(self, for_update=False):
        return SchoolStaffVerificationForm


class VerifiedSchoolDomainViewSet(SnippetViewSet):
    model = VerifiedSchoolDomain
    icon = "mail"
    menu_label = "School email domains"
    list_display = ["domain", "organisation_name", "added_by", "created_at"]
    search_fields = ["domain", "organisation_name"]
    form_fields = ["domain", "organisation_name"]


class AccountsGroup(ViewSetGroup):
    menu_label = "Accounts"
    menu_icon = "group"
    menu_order = 500
    items = (SchoolStaffAccountViewSet("school_staff"), VerifiedSchoolDomainViewSet)


@hooks.register("register_admin_viewset")
def register_accounts_group():
    return AccountsGroup()


class AwaitingVerificationPanel(Component):
    """Tells site admins on the dashboard how many school staff are waiting for a check."""

    name = "awaiting_verification"
    order = 50
    template_name = "wagtailadmin/portal/awaiting_verification_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {"count": self.count}


@hooks.register("construct_homepage_panels")
def add_awaiting_verification_panel(request, panels):
    if request.user.has_perm("portal.change_user"):
        waiting = User.objects.filter(
            Q(audience=Audience.SCHOOL_STAFF) & Q(school_staff_verified_at__isnull=True), is_active=True
        ).count()
        panels.append(AwaitingVerificationPanel(waiting))
