"""Wagtail admin views held to the portal's rules, served at Wagtail's own addresses (portal/urls.py).

The page chooser shows no title of a page the person may not open: Wagtail applies
`construct_page_chooser_queryset` when browsing and searching, but not to the parent page a browse
starts from, nor to the pages named by id once chosen; the two chooser views close that. Wagtail's
reports and form submissions export spreadsheets safe to open in Excel, as the portal's own do. Its
Users screens change no one's email address: people change their own through allauth.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views import chooser
from wagtail.admin.views.reports import aging_pages, audit_logging, locked_pages, workflows
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page
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


class WorkflowView(SafeSpreadsheetExportMixin, workflows.WorkflowView):
    pass


class WorkflowTasksView(SafeSpreadsheetExportMixin, workflows.WorkflowTasksView):
    pass


class LogEntriesView(SafeSpreadsheetExportMixin, audit_logging.LogEntriesView):
    pass


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
