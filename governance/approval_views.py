"""Chairs read a draft, approve and publish it, or send it back with a comment, on the site.

Each view lets in only the people the page's approval task lets answer it (a chair of the group, or
a site admin); everyone else is refused. A page that has gone back or been published by the time a
chair presses a button is not an error: they are told who answered first.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView
from wagtail.models import Page, WorkflowState

from governance.approval import (
    PAGES_CHAIRS_APPROVE,
    NoLongerWaiting,
    approve,
    emailed_about,
    is_waiting,
    latest_approval,
    may_answer,
    paper_name,
    send_back,
)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="Your comment",
        max_length=5000,
        widget=forms.Textarea({"rows": 6}),
        help_text="Say what needs to change, for example 'Add the police's apologies to item 2'.",
        error_messages={"required": "Write what needs to change, so they know what to do before sending it again."},
    )


class ChairsAnswerMixin(LoginRequiredMixin):
    """Finds the page's latest trip to the chairs and lets in only those its approval task lets answer."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.page = get_object_or_404(Page.objects.type(*PAGES_CHAIRS_APPROVE).specific(), pk=kwargs["page_id"])
            self.approval = latest_approval(self.page)
            if self.approval is None:
                raise Http404("This page has not been sent to a chair for approval.")
            if not may_answer(self.approval, self.page, self.request.user):
                raise PermissionDenied("Only a chair of this group can approve this page or send it back.")
        return super().dispatch(request, *args, **kwargs)

    def no_longer_waiting(self):
        messages.info(self.request, no_longer_waiting_message(self.page, latest_approval(self.page), self.request.user))
        return redirect("portal:dashboard")


def no_longer_waiting_message(page, state, user) -> str:
    title = page.get_admin_display_title()
    answered_by = state.current_task_state.finished_by
    who = "you" if answered_by == user else str(answered_by or "another chair")
    if state.status == WorkflowState.STATUS_APPROVED:
        return f"'{title}' is no longer waiting for approval: {who} already approved and published it."
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return f"'{title}' is no longer waiting for approval: {who} already sent it back with a comment."
    return f"'{title}' is no longer waiting for approval: it was taken back to be changed."


class DraftView(ChairsAnswerMixin, View):
    """The draft as it will look once published, through the page's own template, with the chair's two buttons."""

    def get(self, request, page_id):
        if not is_waiting(self.approval):
            return self.no_longer_waiting()
        draft = self.page.get_latest_revision_as_object()
        return draft.make_preview_request(
            request, draft.default_preview_mode, extra_request_attrs={"awaiting_your_approval": self.page}
        )


class ApproveView(ChairsAnswerMixin, View):
    http_method_names = ["post"]

    def post(self, request, page_id):
        try:
            approve(self.page, request.user)
        except NoLongerWaiting:
            return self.no_longer_waiting()
        return redirect("governance:approved", page_id=self.page.pk)


class SendBackView(ChairsAnswerMixin, View):
    """Asks for the comment that goes back, with the page, to whoever sent it."""

    template_name = "governance/approval/send_back.html"

    def get(self, request, page_id):
        if not is_waiting(self.approval):
            return self.no_longer_waiting()
        return self.render(request, SendBackForm())

    def post(self, request, page_id):
        form = SendBackForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        try:
            send_back(self.page, request.user, form.cleaned_data["comment"])
        except NoLongerWaiting:
            return self.no_longer_waiting()
        return redirect("governance:sent_back", page_id=self.page.pk)

    def render(self, request, form):
        context = {"page": self.page, "form": form, "sent_by": self.approval.requested_by}
        return render(request, self.template_name, context, status=400 if form.errors else 200)


class AnsweredView(ChairsAnswerMixin, TemplateView):
    """Says in plain words what the chair's answer did, and who was emailed about it."""

    answer = None

    def get(self, request, *args, **kwargs):
        if self.approval.status != self.answer:
            raise Http404("This page has not been answered that way.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        task_state = self.approval.current_task_state
        return super().get_context_data(
            page=self.page,
            paper_name=paper_name(self.page),
            group=self.page.get_parent().specific,
            answered_by=task_state.finished_by,
            comment=task_state.comment,
            sent_by=self.approval.requested_by,
            emailed=emailed_about(self.approval),
            **kwargs,
        )


class ApprovedView(AnsweredView):
    template_name = "governance/approval/approved.html"
    answer = WorkflowState.STATUS_APPROVED


class SentBackView(AnsweredView):
    template_name = "governance/approval/sent_back.html"
    answer = WorkflowState.STATUS_NEEDS_CHANGES
