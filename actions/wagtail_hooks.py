"""The admin's 'Actions' menu: the action log, priorities and pledges, for site admins."""

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from actions.dashboard import your_actions
from actions.forms import QuickProgressForm
from actions.indicator_admin import ImportFiguresViewSet, NeighbourListViewSet, PeerSetViewSet
from actions.milestone_admin import MilestoneViewSet
from actions.models import Action, Area, Indicator, IndicatorImport, Pledge, Priority, PriorityStatus
from actions.page_sections import page_sections
from actions.search import actions_priorities_and_pledges
from actions.services import actions_visible_to, pledges_visible_to, priorities_visible_to, role_group_ids
from portal.choosers import chooser_showing
from portal.exports import SafeExportIndexView, SafeExportSnippetIndexView


class ActionViewSet(SnippetViewSet):
    model = Action
    icon = "tasks"
    menu_label = "Action log"
    list_display = ["reference", "title", "group", "owner", "due_on", "status"]
    list_filter = ["status", "group", "priority", "due_on"]
    list_export = ["reference", "title", "group", "meeting", "owner", "owner_organisation", "due_on", "status"]
    index_view_class = SafeExportSnippetIndexView
    chooser_viewset_class = chooser_showing(actions_visible_to)
    search_fields = ["title", "reference"]
    form_fields = [
        "title",
        "detail",
        "group",
        "meeting",
        "agenda_item",
        "owner",
        "owner_organisation",
        "due_on",
        "status",
        "status_reason",
        "priority",
        "pledge",
    ]


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "pick"
    list_display = ["title", "partnership", "status", "review_on", "task_and_finish_group"]
    list_filter = ["status", "partnership"]
    list_export = ["title", "partnership", "status", "starts_on", "review_on", "task_and_finish_group"]
    index_view_class = SafeExportSnippetIndexView
    chooser_viewset_class = chooser_showing(priorities_visible_to)
    search_fields = ["title"]


class PledgeViewSet(SnippetViewSet):
    model = Pledge
    icon = "success"
    list_display = ["organisation", "priority", "status", "made_on", "review_on"]
    list_filter = ["status", "priority", "organisation"]
    list_export = ["organisation", "priority", "statement", "status", "made_on", "signed_by", "review_on"]
    index_view_class = SafeExportSnippetIndexView
    chooser_viewset_class = chooser_showing(pledges_visible_to)


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Indicator figures come only from DfE's files (import_indicators), so the admin shows and never edits them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")


class IndicatorRecordsViewSet(ModelViewSet):
    """A read-only listing of one of the attendance-indicator records."""

    inspect_view_enabled = True
    index_view_class = SafeExportIndexView
    exclude_form_fields = []  # never shown: the policy refuses adding and editing


for indicator_record in (Indicator, Area, IndicatorImport):
    register_permission_policy(indicator_record, ViewOnlyPermissionPolicy(indicator_record))


class IndicatorViewSet(IndicatorRecordsViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Attendance indicators"
    list_display = ["name", "code", "unit", "polarity"]
    list_export = ["code", "name", "definition", "unit", "polarity"]


class AreaViewSet(IndicatorRecordsViewSet):
    model = Area
    icon = "site"
    menu_label = "Indicator areas"
    list_display = ["name", "level", "code", "old_code", "parent"]
    list_filter = ["level"]
    list_export = ["level", "code", "old_code", "name", "parent"]
    search_fields = ["name", "code", "old_code"]


class IndicatorImportViewSet(IndicatorRecordsViewSet):
    model = IndicatorImport
    icon = "upload"
    menu_label = "Indicator imports"
    list_display = ["file_name", "format", "imported_at", "by", "observations_created", "observations_updated"]
    list_export = ["file_name", "format", "imported_at", "by", "rows_read", "observations_created"]


class ActionsGroup(ViewSetGroup):
    menu_label = "Actions"
    menu_icon = "tasks"
    menu_order = 310
    items = (ActionViewSet, PriorityViewSet, MilestoneViewSet, PledgeViewSet, IndicatorViewSet, AreaViewSet)
    items += (IndicatorImportViewSet,)
    items += (ImportFiguresViewSet, NeighbourListViewSet, PeerSetViewSet)


@hooks.register("register_admin_viewset")
def register_actions_group():
    return ActionsGroup()


@hooks.register("portal_dashboard_panels", order=-8)
def your_actions_panel(request):
    """The person's open actions, each with a quick status update, then their organisation's pledge tasks."""
    found = your_actions(request)
    if not found:
        return None
    updates = [
        (action, QuickProgressForm(action=action, auto_id=f"id_{action.reference}_%s")) for action in found.owned
    ]
    return {"template": "actions/includes/dashboard_your_actions.html", "context": {"yours": found, "updates": updates}}


@hooks.register("portal_dashboard_panels", order=-9)
def priorities_to_review_panel(request):
    """A partnership's chairs are told when one of its priorities is past its review date."""
    if not request.user.is_authenticated:
        return None
    due = list(
        Priority.objects.filter(partnership__chairs_group__in=role_group_ids(request.user))
        .filter(review_on__lt=timezone.localdate())
        .exclude(status=PriorityStatus.CLOSED)
        .select_related("partnership")
        .order_by("review_on")
    )
    if not due:
        return None
    return {"template": "actions/includes/dashboard_priorities_to_review.html", "context": {"priorities": due}}


# These register their hooks on import: the figures' menu link and school panel, "Actions agreed" in Record a
# meeting, and imported minutes' actions.
from actions import figure_hooks, importing, recorder_step  # noqa: E402, F401


@hooks.register("portal_page_context")
def priorities_and_actions_on_pages(page, request, context):
    """Home, group and meeting pages list priorities and actions without portal or governance importing this app."""
    return page_sections(page, request, context)


@hooks.register("portal_search_results", order=30)
def actions_priorities_and_pledges_in_search(request, query):
    """The site search lists the actions, priorities and pledges the person may open; portal never imports this app."""
    return actions_priorities_and_pledges(request, query)
