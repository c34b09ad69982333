"""Milestones in the admin, beside priorities, for site admins; chairs set them from the priority's page."""

from wagtail.snippets.views.snippets import SnippetViewSet

from actions.models import Milestone
from actions.services import milestones_visible_to
from portal.choosers import chooser_showing
from portal.exports import SafeExportSnippetIndexView


class MilestoneViewSet(SnippetViewSet):
    model = Milestone
    icon = "date"
    list_display = ["intent", "priority", "indicator", "area", "phase", "target_value", "target_period"]
    list_filter = ["indicator", "phase", "priority"]
    list_export = [
        "intent",
        "priority",
        "indicator",
        "area",
        "phase",
        "baseline_period",
        "baseline_value",
        "target_value",
        "target_period",
    ]
    index_view_class = SafeExportSnippetIndexView
    chooser_viewset_class = chooser_showing(milestones_visible_to)
    form_fields = [
        "priority",
        "intent",
        "indicator",
        "area",
        "phase",
        "baseline_period",
        "baseline_value",
        "target_period",
        "target_value",
    ]
