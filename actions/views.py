"""The action log on the site: a group's log and its spreadsheet, an action's page, adding and changing one."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views import View
from django.views.generic import ListView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from actions.changes import changes_in
from actions.forms import ActionForm, ActionLogFilters, CommentForm, ProgressForm
from actions.log import EXPORT_COLUMNS, EXPORT_RELATED, PER_PAGE, counts_by_status, in_order, with_last_changed
from actions.models import Action, ActionStatus, Pledge, Priority
from actions.progress import due_in_words
from actions.services import (
    actions_visible_to,
    add_comment,
    create_action,
    may_add_actions,
    may_change,
    may_comment,
    pledges_visible_to,
    priorities_visible_to,
    record_progress,
    role_group_ids,
)
from governance.models import PartnershipGroupPage
from portal.exports import SafeSpreadsheetExportMixin
from portal.visibility import can_open

ACTION_PAGE_RELATED = (
    "group",
    "meeting",
    "owner__organisation",
    "owner_organisation",
    "priority",
    "pledge__organisation",
)


def safe_next(request, fallback):
    """Where the form came from (a meeting page, the dashboard), if it is a page of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed and target.startswith("/") else fallback


def holds_role_in(user, group) -> bool:
    roles = {group.chairs_group_id, group.secretariat_group_id, group.members_group_id} - {None}
    return bool(roles & role_group_ids(user))


def refuse_outsiders(request, group):
    """Refuses the log to whoever the group's page refuses: 404 if unpublished, sign-in for anonymous
    visitors to a members-only group, and a 403 that says why for anyone signed in outside it."""
    if holds_role_in(request.user, group) or can_open(request, group):
        return None
    if not group.live:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("This group's action log is for its members only. Ask its chair if you should be one.")


class ActionLogView(SafeSpreadsheetExportMixin, SpreadsheetExportMixin, ListView):
    """Every action of a group the person may see, filtered and sorted; `?export=csv` or `xlsx` downloads
    exactly the filtered rows, every page of them (Wagtail's spreadsheet export, made safe for Excel)."""

    template_name = "actions/action_log.html"
    context_object_name = "actions"
    paginate_by = PER_PAGE
    list_export = list(EXPORT_COLUMNS)
    export_headings = EXPORT_COLUMNS

    def dispatch(self, request, *args, **kwargs):
        self.group = get_object_or_404(PartnershipGroupPage, pk=kwargs["group_id"])
        return refuse_outsiders(request, self.group) or super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.get_queryset(), request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        visible = actions_visible_to(self.request, self.group.actions.all())
        self.filters = ActionLogFilters(self.request.GET, actions=visible)
        self.narrowed = self.filters.narrowed(visible)
        actions = self.filters.with_status(self.narrowed)
        related = EXPORT_RELATED if self.is_export else ("owner", "owner_organisation")
        return in_order(with_last_changed(actions.select_related(*related)), self.filters.choice("sort"))

    def get_filename(self):
        return f"{slugify(self.group.title)}-actions-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item):
        item.due_words = due_in_words(item)  # the words the page shows, for the spreadsheet too
        return super().to_row_dict(item)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        for name in ("page", "export"):
            query.pop(name, None)
        status_query = query.copy()
        status_query.pop("status", None)
        return super().get_context_data(
            group=self.group,
            filters=self.filters,
            counts=counts_by_status(self.narrowed),
            query=query.urlencode(),
            status_query=status_query.urlencode(),
            can_add=may_add_actions(self.request.user, self.group),
            group_visible=can_open(self.request, self.group),
            **kwargs,
        )


def visible_action(request, reference):
    """The action, if the person may open it; a 404 otherwise, so a hidden action's existence is not told."""
    actions = Action.objects.filter(reference=reference).select_related(*ACTION_PAGE_RELATED)
    return get_object_or_404(actions_visible_to(request, actions))


class ActionView(View):
    """An action with its progress, comments and history; progress or a comment is added here too.

    The dashboard's quick update posts here with `next`, and comes back to this page with the note
    kept if it needs correcting (a blocked or dropped action needs its reason).
    """

    template_name = "actions/action.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = visible_action(request, kwargs["reference"])
        self.can_change = may_change(request.user, self.action)
        self.can_comment = not self.can_change and may_comment(request.user, self.action)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, reference):
        return self.render(self.note_form())

    def post(self, request, reference):
        if not (self.can_change or self.can_comment):
            raise PermissionDenied("Only the group's members can add to its actions.")
        form = self.note_form(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            message = self.save_note(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, status=400)
        messages.success(request, message)
        return redirect(safe_next(request, self.action.get_absolute_url()))

    def note_form(self, data=None):
        if self.can_change:
            return ProgressForm(data, action=self.action)
        return CommentForm(data) if self.can_comment else None

    def save_note(self, form) -> str:
        note, reference = form.cleaned_data["note"], self.action.reference
        if not self.can_change:
            add_comment(self.action, self.request.user, note)
            return f"Your comment on {reference} is added."
        update = record_progress(self.action, self.request.user, note, form.cleaned_data["status"])
        if update.status_to:
            return f"{reference} is now {ActionStatus(update.status_to).label.lower()}."
        return f"Your progress note on {reference} is added."

    def render(self, form, status=200):
        request, action = self.request, self.action
        context = {
            "action": action,
            "form": form,
            "can_change": self.can_change,
            "next": safe_next(request, ""),
            "updates": list(action.updates.select_related("author__person")),
            "changes": changes_in(action),
            "group_visible": can_open(request, action.group),
            "meeting_visible": can_open(request, action.meeting),
            "priority_visible": visible(priorities_visible_to(request, Priority.objects.all()), action.priority_id),
            "pledge_visible": visible(pledges_visible_to(request, Pledge.objects.all()), action.pledge_id),
        }
        return render(request, self.template_name, context, status=status)


def visible(queryset, pk) -> bool:
    return bool(pk) and queryset.filter(pk=pk).exists()


class ActionFormView(LoginRequiredMixin, View):
    """Shared by adding and changing an action: the form, its page, and where to go after saving."""

    template_name = "actions/action_form.html"

    def form(self, data=None, **kwargs):
        return ActionForm(data, group=self.group, **kwargs)

    def render(self, form, status=200):
        context = {"form": form, "group": self.group, "action": getattr(self, "action", None)}
        context["next"] = safe_next(self.request, "")
        return render(self.request, self.template_name, context, status=status)


class AddActionView(ActionFormView):
    """The group's chairs and secretariat add actions, one after another during a meeting if they like."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.group = get_object_or_404(PartnershipGroupPage, pk=kwargs["group_id"])
        if not may_add_actions(request.user, self.group):
            raise PermissionDenied("Only the group's chairs and secretariat can add actions to its log.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, group_id):
        return self.render(self.form(initial={"meeting": request.GET.get("meeting")}))

    def post(self, request, group_id):
        form = self.form(request.POST, instance=Action(group=self.group))
        if not form.is_valid():
            return self.render(form, status=400)
        with transaction.atomic():
            action = create_action(
                self.group, form.cleaned_data["title"], created_by=request.user, **form.action_fields()
            )
        messages.success(request, f"{action.reference} is added to the action log: {action.title}")
        return redirect(safe_next(request, action.get_absolute_url()))


class EditActionView(ActionFormView):
    """Whoever may change an action (its owner, the group's chairs and secretariat) corrects its details;
    its status moves with a progress note on its page, so each change keeps its reason."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.action = visible_action(request, kwargs["reference"])
        if not may_change(request.user, self.action):
            raise PermissionDenied("Only the action's owner and the group's chairs and secretariat can change it.")
        self.group = self.action.group
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, reference):
        return self.render(self.form(instance=self.action))

    def post(self, request, reference):
        form = self.form(request.POST, instance=self.action)
        if not form.is_valid():
            return self.render(form, status=400)
        with transaction.atomic():
            action = form.save(commit=False)
            action.owner = form.chosen_owner()
            action._history_user = request.user
            action.save()
        messages.success(request, f"Your changes to {action.reference} are saved.")
        return redirect(safe_next(request, action.get_absolute_url()))
