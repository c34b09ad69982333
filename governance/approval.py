"""A chair approves minutes or terms, or sends them back with a comment, through Wagtail's approval task.

The site acts as Wagtail's admin `workflow_action` view does: the task's `get_actions` says who may
answer (the group's chairs, or a site admin), and its `on_action` approves, after which the workflow
publishes the page, or sends it back with the comment. Wagtail's own emails go out either way.
Two chairs may press at once, so an answer first locks the page's workflow state row; whoever comes
second finds the page no longer waiting.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier, WorkflowStateRejectionEmailNotifier
from wagtail.models import TaskState, WorkflowState

from governance.models import MeetingPage, TermsOfReferencePage

# The pages a group's chairs approve: what a group page holds.
PAGES_CHAIRS_APPROVE = (MeetingPage, TermsOfReferencePage)
APPROVE, SEND_BACK = "approve", "reject"
# Wagtail's notifiers for the two answers: they know who the email went to.
NOTIFIERS = {
    WorkflowState.STATUS_APPROVED: WorkflowStateApprovalEmailNotifier(),
    WorkflowState.STATUS_NEEDS_CHANGES: WorkflowStateRejectionEmailNotifier(),
}


class NoLongerWaiting(Exception):
    """Someone answered first: another chair approved it or sent it back, or it was taken back to change."""


def latest_approval(page) -> WorkflowState | None:
    """The page's latest trip to the chairs, whether it still waits or has been answered."""
    return (
        WorkflowState.objects.for_instance(page)
        .filter(current_task_state__isnull=False)
        .select_related("current_task_state__task", "current_task_state__finished_by", "requested_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def is_waiting(state) -> bool:
    return (
        state.status == WorkflowState.STATUS_IN_PROGRESS
        and state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    )


def may_answer(state, page, user) -> bool:
    """Whether the approval task lets this person both approve and send back."""
    actions = state.current_task_state.task.specific.get_actions(page, user)
    return {APPROVE, SEND_BACK} <= {name for name, _label, _asks_for_more in actions}


@transaction.atomic
def approve(page, user):
    """Approves the page; the workflow then publishes it, and Wagtail emails whoever sent it."""
    answer(page, user, APPROVE)


@transaction.atomic
def send_back(page, user, comment):
    """Sends the page back to whoever sent it, with the chair's comment; nothing is published."""
    answer(page, user, SEND_BACK, comment=comment)


def answer(page, user, action, **details):
    task_state = locked_waiting_task_state(page)
    task = task_state.task.specific
    if action not in {name for name, _label, _asks_for_more in task.get_actions(page, user)}:
        raise PermissionDenied
    task.on_action(task_state, user, action, **details)


def locked_waiting_task_state(page) -> TaskState:
    """The step the page waits on, read after locking its workflow state, so only one answer wins."""
    state = (
        WorkflowState.objects.for_instance(page)
        .select_for_update()
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .first()
    )
    if state is None:
        raise NoLongerWaiting
    task_state = TaskState.objects.filter(pk=state.current_task_state_id, status=TaskState.STATUS_IN_PROGRESS).first()
    if task_state is None:
        raise NoLongerWaiting
    return task_state.specific


def emailed_about(state) -> list:
    """Who Wagtail emailed when the chair answered: whoever sent the page, unless they answered it themselves."""
    notifier = NOTIFIERS.get(state.status)
    if notifier is None:
        return []
    recipients = notifier.get_valid_recipients(state, user=state.current_task_state.finished_by)
    return sorted(recipients, key=str)


def paper_name(page) -> str:
    """What people call the page once it is published."""
    if isinstance(page, TermsOfReferencePage):
        return "terms of reference"
    return "minutes" if page.minutes else "meeting page"
