"""Wagtail admin views held to the portal's rules, served at Wagtail's own addresses (portal/urls.py).

The page chooser shows no title of a page the person may not open: Wagtail applies
`construct_page_chooser_queryset` when browsing and searching, but not to the parent page a browse
starts from, nor to the pages named by id once chosen; the two chooser views close that. Nor does the
admin name another group's workflow, or who worked on its pages: each workflow is named after its
group, so a members-only group's name would reach every chair through the workflow reports' filters,
the task chooser and the notice that publishing cancels a page's workflow, and the site history's
filter would name its secretariat. Wagtail's reports and form submissions export spreadsheets safe
to open in Excel, as the portal's own do. Its Users screens change no one's email address: people
change their own through allauth.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views import chooser
from wagtail.admin.views import workflows as workflow_views
from wagtail.admin.views.reports import aging_pages, audit_logging, locked_pages, workflows
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page, Task, Workflow, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.users.forms import UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from portal.exports import SafeSpreadsheetExportMixin
from portal.visibility import pages_shown_in_admin


class BrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is not None and not shown(request, [parent_page_id]):
            raise Http404("No such page.")
        return super().get(request, parent_page_id)


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in shown(request, request.GET.getlist("id"))])
        return super().get(request)


def shown(request, ids):
    wanted = [int(pk) for pk in ids if str(pk).isdigit()]
    return list(pages_shown_in_admin(request, Page.objects.filter(pk__in=wanted)).values_list("pk", flat=True))


# Wagtail's own reports and form submissions download as CSV too. Their cells carry page titles and
# what respondents typed, so they get the same treatment as every other export (portal.exports).
class LockedPagesView(SafeSpreadsheetExportMixin, locked_pages.LockedPagesView):
    pass


def workflows_of_editable_pages(request):
    if request.user.is_superuser:
        return Workflow.objects.all()
    editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
    return Workflow.objects.filter(workflow_pages__page__in=editable).distinct()


def tasks_of_editable_pages(request):
    return Task.objects.filter(workflow_tasks__workflow__in=workflows_of_editable_pages(request)).distinct()


def requesters_on_editable_pages(request):
    states = WorkflowState.objects.all()
    if not request.user.is_superuser:
        pages = workflows.get_editable_page_ids_query(request)
        states = states.filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=pages)
    User = get_user_model()
    return User.objects.filter(pk__in=states.values("requested_by")).order_by(User.USERNAME_FIELD)


class WorkflowReportFilters(workflows.WorkflowReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(queryset=workflows_of_editable_pages)
    requested_by = django_filters.ModelChoiceFilter(field_name="requested_by", queryset=requesters_on_editable_pages)


class WorkflowTasksReportFilters(workflows.WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow_state__workflow", queryset=workflows_of_editable_pages, label="Workflow"
    )
    task = workflows.FilteredModelChoiceFilter(
        queryset=tasks_of_editable_pages, filter_field="id_workflow", filter_accessor="workflows"
    )


class WorkflowView(SafeSpreadsheetExportMixin, workflows.WorkflowView):
    filterset_class = WorkflowReportFilters


class WorkflowTasksView(SafeSpreadsheetExportMixin, workflows.WorkflowTasksView):
    filterset_class = WorkflowTasksReportFilters


class SiteHistoryFilters(audit_logging.SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        # Wagtail's own offers everyone who has changed any page; name only those whose changes are listed.
        return audit_logging.get_users_for_filter(self.request.user)


class LogEntriesView(SafeSpreadsheetExportMixin, audit_logging.LogEntriesView):
    filterset_class = SiteHistoryFilters


class AgingPagesView(SafeSpreadsheetExportMixin, aging_pages.AgingPagesView):
    pass


# Each report's address under /admin/reports/, as Wagtail names it.
REPORTS = {
    "locked/": LockedPagesView,
    "workflow/": WorkflowView,
    "workflow_tasks/": WorkflowTasksView,
    "site-history/": LogEntriesView,
    "aging-pages/": AgingPagesView,
}


wagtails_confirm_workflow_cancellation = page_viewset_registry.as_view(
    "confirm_workflow_cancellation", page_id_kwarg="page_id"
)


def confirm_workflow_cancellation(request, page_id):
    """Wagtail's "publishing cancels the workflow" notice, for those who may edit the page it names."""
    if not get_object_or_404(Page, id=page_id).permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return wagtails_confirm_workflow_cancellation(request, page_id=page_id)


def for_workflow_editors(view):
    """Wagtail's task chooser lists every task by name; only the workflow editor, for site admins, uses it."""

    def checked(request, *args, **kwargs):
        if not policy_registry.get_by_type(Workflow).user_has_any_permission(request.user, {"add", "change"}):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


TASK_CHOOSER = {
    "": workflow_views.TaskChooserView.as_view(),
    "results/": workflow_views.TaskChooserResultsView.as_view(),
    "create/": workflow_views.TaskChooserCreateView.as_view(),
    "<int:task_id>/": workflow_views.task_chosen,
}


def form_submissions(request, page_id, results_only=False):
    """Wagtail's submissions listing for a form page, whatever listing class the page names, made safe."""
    form_page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(form_page, FormMixin):
        raise Http404("No such form.")
    listing = form_page.get_submissions_list_view_class()
    if not issubclass(listing, SafeSpreadsheetExportMixin):
        listing = type(f"Safe{listing.__name__}", (SafeSpreadsheetExportMixin, listing), {})
    return listing.as_view(results_only=results_only)(request, form_page=form_page, page_id=page_id)


class AccountEditForm(UserEditForm):
    """Wagtail's user form with the email address shown but not changed. A person changes their own
    address through allauth, where a new one counts only once it is confirmed from its inbox."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].disabled = True
        self.fields["email"].help_text = "People change their own address from their account, confirming it by email."


class UserViewSet(WagtailUserViewSet):
    """Wagtail's Users screens with AccountEditForm (named by portal.apps.WagtailUsersConfig)."""

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else super().get_form_class(for_update)
