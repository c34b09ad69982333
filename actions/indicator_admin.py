"""The admin's side of attendance indicators: importing DfE's files by upload, and the comparator sets.

Admins import the same files as `manage.py import_indicators`, through the same importer, so a file
refused on the command line is refused here with the same words. An upload is stored and queued
(`actions.tasks.import_figures`), since a large file takes seconds; its own page shows the outcome.
Statistical neighbours come only from DfE's table and are shown read-only; peer sets (such as the
core cities) are the partnership's own choice, so admins make and change them here.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from actions.indicator_import import ImportReport
from actions.indicator_words import outcome_in_words
from actions.models import Area, AreaLevel, ComparatorKind, ComparatorSet, FigureImportRequest
from actions.tasks import queue_figure_import, queue_import_again

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 50 * MB
FORM_ALLOWANCE = 64 * 1024  # the form's other fields and the upload's own framing, beyond the file


def too_large() -> str:
    limit = f"{MAX_UPLOAD_BYTES // MB} MB" if MAX_UPLOAD_BYTES >= MB else f"{MAX_UPLOAD_BYTES:,} bytes"
    return (
        f"The file is larger than {limit}, the most the admin accepts. A national, regional and council file "
        "is well under that; import a larger file (such as a release with every school's rows) with "
        "manage.py import_indicators on the server."
    )


def may_import_figures(user) -> bool:
    """Site admins, and anyone given the permission to add indicator imports."""
    return user.is_active and (user.is_superuser or user.has_perm("actions.add_indicatorimport"))


class ImportFiguresForm(forms.Form):
    file = forms.FileField(
        label="DfE file",
        help_text="A CSV as DfE publishes it: an Explore Education Statistics absence or attendance file, a LAIT "
        "long file, or the statistical neighbours table.",
    )
    version = forms.CharField(
        required=False,
        max_length=40,
        help_text="Statistical neighbours only: which release it is, such as 'May 2025'. Leave empty when the file "
        "name says it (dfe_statistical_neighbours_may2025.csv).",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Dry run",
        help_text="Check the file and count what would change, without saving anything.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large())
        return upload


@method_decorator(csrf_exempt, name="dispatch")
class ImportFiguresView(WagtailAdminTemplateMixin, FormView):
    """Upload and queue the import; the request's own page then shows what was saved or every problem.

    An upload declared larger than the limit is refused before its body is read; CSRF is then
    checked as usual (Django's middleware would otherwise read the whole body first)."""

    form_class = ImportFiguresForm
    template_name = "actions/admin/import_figures.html"
    page_title = "Import figures"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not may_import_figures(request.user):
            raise PermissionDenied
        if request.method == "POST" and declared_size(request) > MAX_UPLOAD_BYTES + FORM_ALLOWANCE:
            return self.render_to_response(self.get_context_data(form=ImportFiguresForm(), too_large=too_large()))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def form_valid(self, form):
        figure_import = queue_figure_import(form.cleaned_data["file"], by=self.request.user, **options(form))
        return redirect("figure_imports:inspect", figure_import.pk)


def options(form) -> dict:
    return {"dry_run": form.cleaned_data["dry_run"], "version": form.cleaned_data["version"]}


def declared_size(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ImportFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import_figures(request.user)


class ImportFiguresViewSet(ViewSet):
    """'Import figures' under Actions in the admin menu, and the imports asked for (reached from its page)."""

    name = "import_figures"
    icon = "upload"
    menu_label = "Import figures"
    menu_item_class = ImportFiguresMenuItem

    def get_urlpatterns(self):
        return [path("", ImportFiguresView.as_view(), name="upload")]

    def on_register(self):
        super().on_register()
        register_permission_policy(FigureImportRequest, FigureImportPolicy(FigureImportRequest))
        viewsets.register(FigureImportRequestViewSet())


class FigureImportPolicy(ModelPermissionPolicy):
    """Whoever may import figures sees the imports asked for; nobody edits them, since the worker writes them."""

    def user_has_permission(self, user, action):
        return action == "view" and may_import_figures(user)


class FigureImportRequestView(InspectView):
    """A queued import's page: "Queued" or "Importing…" until the worker is done, then the outcome."""

    template_name = "actions/admin/figure_import_request.html"
    page_title = "Figure import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.report:
            report = ImportReport(**self.object.report)
            context.update(report=report, sentences=outcome_in_words(report, self.object.dry_run))
        return context

    def get_dry_run_display_value(self):
        return "Yes: nothing is saved" if self.object.dry_run else "No"

    def get_started_at_display_value(self):
        return self.object.started_at or "Not yet"

    def get_finished_at_display_value(self):
        return self.object.finished_at or "Not yet"

    def get_produced_display_value(self):
        if self.object.waiting:
            return "Not yet"
        return self.object.produced or "None: nothing was saved, or nothing changed"


class QueueAgainView(View):
    """Puts an import whose worker stopped (or that no worker took) back in the queue: a POST only."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, pk, **kwargs):
        if not may_import_figures(request.user):
            raise PermissionDenied
        self.figure_import = get_object_or_404(FigureImportRequest, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        if queue_import_again(self.figure_import):
            messages.success(request, f"{self.figure_import.file_name} is queued to be imported again.")
        else:
            messages.info(request, "This import is not stuck: it has finished, or it was queued again already.")
        return redirect("figure_imports:inspect", self.figure_import.pk)


class FigureImportRequestViewSet(ModelViewSet):
    """Every upload, its state and who asked, newest first; read-only."""

    model = FigureImportRequest
    name = "figure_imports"
    icon = "upload"
    list_display = ["file_name", "state", "requested_by", "requested_at", "dry_run", "finished_at"]
    list_filter = ["state"]
    inspect_view_enabled = True
    inspect_view_class = FigureImportRequestView
    inspect_view_fields = ["file_name", "state", "requested_by", "requested_at", "dry_run", "version"]
    inspect_view_fields += ["started_at", "finished_at", "produced"]
    exclude_form_fields = []  # never shown: the policy refuses adding and editing

    def get_urlpatterns(self):
        again = path("<int:pk>/again/", csrf_protect(QueueAgainView.as_view()), name="queue_again")
        return [*super().get_urlpatterns(), again]


class ViewOnlyPolicy(ModelPermissionPolicy):
    """DfE's statistical neighbours come only from its table, so the admin shows them and never edits them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")


def published_versions():
    return [(version, version) for version in neighbour_lists().values_list("version", flat=True).distinct()]


def neighbour_lists():
    return ComparatorSet.objects.filter(kind=ComparatorKind.STATISTICAL_NEIGHBOURS)


class NeighbourListFilterSet(WagtailFilterSet):
    version = django_filters.ChoiceFilter(choices=published_versions, label="Version")

    class Meta:
        model = ComparatorSet
        fields = ["version"]


class NeighbourListInspectView(InspectView):
    """Shows a council's neighbours in DfE's order, with how close each is."""

    def get_object(self, queryset=None):
        return get_object_or_404(neighbour_lists(), pk=self.pk)

    def get_field_label(self, field_name, field):
        return "Neighbours, nearest first" if field_name == "members" else super().get_field_label(field_name, field)

    def get_members_display_value(self):
        members = self.object.members.select_related("area")
        return "; ".join(f"{m.position}. {m.area.name} ({m.area.old_code}), {m.closeness.lower()}" for m in members)


class NeighbourListViewSet(ModelViewSet):
    model = ComparatorSet
    name = "statistical_neighbours"
    icon = "group"
    menu_label = "Statistical neighbours"
    list_display = ["name", "subject", "version", "published_on"]
    filterset_class = NeighbourListFilterSet
    search_fields = ["name"]
    inspect_view_enabled = True
    inspect_view_class = NeighbourListInspectView
    inspect_view_fields = ["name", "subject", "version", "published_on", "description", "members"]
    exclude_form_fields = []  # never shown: the policy refuses adding and editing

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            queryset=neighbour_lists().select_related("subject"),
            permission_policy=ViewOnlyPolicy(ComparatorSet),
            **kwargs,
        )


def peer_sets():
    return ComparatorSet.objects.filter(kind=ComparatorKind.PEER_SET)


class PeerSetForm(forms.ModelForm):
    """A peer set's areas: England, regions and councils (schools are compared in their own pack)."""

    areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.exclude(level=AreaLevel.SCHOOL).order_by("level", "name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every council or region the partnership compares itself with.",
    )


class PeerSetInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(peer_sets(), pk=self.pk)


class PeerSetViewSet(ModelViewSet):
    """Peer sets people name themselves, such as the eight core cities."""

    model = ComparatorSet
    name = "peer_sets"
    icon = "group"
    menu_label = "Peer sets"
    list_display = ["name", "description"]
    search_fields = ["name"]
    form_fields = ["name", "description", "areas"]
    inspect_view_enabled = True
    inspect_view_class = PeerSetInspectView
    inspect_view_fields = ["name", "description", "areas"]

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(
            self.model, form=PeerSetForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(queryset=peer_sets(), **kwargs)
