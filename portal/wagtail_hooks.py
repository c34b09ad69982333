"""The admin's 'Accounts' menu (checking school staff, the school domains trusted without a check), and
which pages the admin's page chooser offers a person."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.exports import SafeExportIndexView
from portal.forms import SchoolStaffVerificationForm
from portal.models import Audience, User, VerifiedSchoolDomain
from portal.page_cache import mark_cacheable
from portal.visibility import pages_shown_in_admin, refused_by_group_privacy


class VerifyOnlyPermissionPolicy(ModelPermissionPolicy):
    """Accounts are created by signing up and removed in Users; here they are only checked."""

    def user_has_permission(self, user, action):
        return action in {"view", "change"} and super().user_has_permission(user, "change")


def school_staff_only(queryset):
    return queryset.filter(audience=Audience.SCHOOL_STAFF)


class SchoolStaffIndexView(SafeExportIndexView):
    def get_base_queryset(self):
        return school_staff_only(super().get_base_queryset())


class SchoolStaffEditView(EditView):
    def get_object(self, queryset=None):
        return get_object_or_404(school_staff_only(User.objects.all()), pk=self.kwargs[self.pk_url_kwarg])


class SchoolStaffAccountViewSet(ModelViewSet):
    """Lists school-staff accounts so a site admin can confirm each works at the school they named."""

    model = User
    icon = "user"
    menu_label = "School staff"
    url_prefix = "school-staff"
    url_namespace = "school_staff"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "__str__",
        "email",
        "school_name",
        "school_urn",
        "school_role",
        BooleanColumn("is_verified_school_staff", label="Verified"),
    ]
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

    index_view_class = SchoolStaffIndexView
    edit_view_class = SchoolStaffEditView
    permission_policy = VerifyOnlyPermissionPolicy(User)

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


# The admin's account page offers no email or password change (see settings): these links lead to
# allauth's pages, where a new address counts only once it is confirmed.
ACCOUNT_SECURITY_LINKS = [
    ("account_email", "Change your email address", "A new address is used once you confirm it from its inbox."),
    ("account_change_password", "Change your password", "You will need your current password."),
    ("mfa_index", "Two-factor authentication", "Ask for a code from your phone as well as your password."),
]


def account_menu_item(url_name, label, help_text):
    return lambda request: {"url": reverse(url_name), "label": label, "help_text": help_text}


for link in ACCOUNT_SECURITY_LINKS:
    hooks.register("register_account_menu_item", account_menu_item(*link))


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_the_person_may_open(pages, request):
    return pages_shown_in_admin(request, pages)


@hooks.register("before_move_page")
def refuse_moves_the_person_may_not_make(request, page, destination):
    """Wagtail's move confirmation names the page before the move itself checks the person's rights."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied("You may not move this page there.")


@hooks.register("on_serve_page", order=-1)
def refuse_signed_in_outsiders(callback):
    """A signed-in person outside a page's group is told so, not sent round to sign in again."""

    def serve(page, request, serve_args, serve_kwargs):
        mark_cacheable(request, page)
        if request.user.is_authenticated and refused_by_group_privacy(request, page):
            raise PermissionDenied("This page is for the group's members only. Ask its chair if you should be one.")
        return callback(page, request, serve_args, serve_kwargs)

    return serve
