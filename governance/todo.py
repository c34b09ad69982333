"""Each role's to-do list on the dashboard: what waits for a chair, where the secretariat's drafts are, what is next.

Wagtail's workflow does the approving; these read its state and say it in the words people use:
"Draft", "With the chair", "Changes requested", "Published". Each list costs a fixed number of
queries however many groups, pages and workflows there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from governance.choices import MembershipRole
from governance.models import MeetingPage, Membership
from governance.models.groups import CHAIR_ROLES
from portal.visibility import visible_to

DRAFT, WITH_THE_CHAIR, CHANGES_REQUESTED, PUBLISHED = "Draft", "With the chair", "Changes requested", "Published"
STATUS_WORDS = {WorkflowState.STATUS_IN_PROGRESS: WITH_THE_CHAIR, WorkflowState.STATUS_NEEDS_CHANGES: CHANGES_REQUESTED}


@dataclass
class Paper:
    """A draft of minutes or terms, with where it stands and the chair's comment if it came back."""

    page: Page
    status: str = DRAFT
    comment: str = ""
    group: Page | None = None

    @property
    def is_meeting(self):
        return isinstance(self.page, MeetingPage)


@dataclass
class ToDo:
    chairing: list = field(default_factory=list)
    drafting: list = field(default_factory=list)
    awaiting_approval: list[Paper] = field(default_factory=list)
    drafts: list[Paper] = field(default_factory=list)
    members_to_review: list = field(default_factory=list)
    published: list[Paper] = field(default_factory=list)

    def __bool__(self):
        return bool(self.chairing or self.drafting)


def memberships_of(request):
    """The signed-in person's current memberships, read once per request for every panel that asks."""
    if not hasattr(request, "_memberships"):
        request._memberships = list(
            Membership.objects.active().filter(person__user=request.user).select_related("group")
        )
    return request._memberships


def to_do_for(user, memberships) -> ToDo:
    todo = ToDo(
        chairing=[m.group for m in memberships if m.role in CHAIR_ROLES],
        drafting=[m.group for m in memberships if m.role in CHAIR_ROLES or m.role == MembershipRole.SECRETARIAT],
    )
    if todo.chairing:
        todo.awaiting_approval = awaiting_approval(todo.chairing)
        todo.members_to_review = members_to_review(todo.chairing)
    if todo.drafting:
        todo.drafts = drafts_in(todo.drafting)
        todo.published = recently_published(todo.drafting)
    return todo


def under(groups):
    """The pages directly under any of these groups (their meetings and terms)."""
    paths = Q()
    for group in groups:
        paths |= Q(path__startswith=group.path, depth=group.depth + 1)
    return Page.objects.filter(paths)


def awaiting_approval(groups) -> list[Paper]:
    """Pages sent to these groups' chairs and not yet approved or sent back, oldest first."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, task__groupapprovaltask__groups__in=[g.chairs_group_id for g in groups]
    ).select_related("workflow_state")
    page_ids = {int(state.workflow_state.object_id): state for state in states}
    pages = under(groups).filter(pk__in=page_ids).specific().order_by("latest_revision_created_at")
    by_path = {group.path: group for group in groups}
    return [Paper(page, WITH_THE_CHAIR, group=by_path.get(page.path[: -Page.steplen])) for page in pages]


def drafts_in(groups) -> list[Paper]:
    """Minutes and terms with unpublished work, and where each stands in the chair's approval."""
    pages = list(under(groups).filter(has_unpublished_changes=True).specific().order_by("-latest_revision_created_at"))
    states = WorkflowState.objects.active().filter(object_id__in=[str(page.pk) for page in pages])
    state_of = {int(state.object_id): state for state in states}
    comments = chairs_comments([s for s in state_of.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES])
    papers = []
    for page in pages:
        state = state_of.get(page.pk)
        status = STATUS_WORDS.get(state.status, DRAFT) if state else DRAFT
        papers.append(Paper(page, status, comments.get(state.pk, "") if state else ""))
    return papers


def chairs_comments(needs_changes) -> dict:
    """The comment each sent-back workflow came back with."""
    rejected = TaskState.objects.filter(workflow_state__in=needs_changes, status=TaskState.STATUS_REJECTED).order_by(
        "finished_at"
    )
    return {state.workflow_state_id: state.comment for state in rejected}


def coming_up(request, memberships, limit=5):
    """A member's next meetings and latest published minutes, across their groups."""
    groups = [m.group for m in memberships]
    if not groups:
        return [], []
    meetings = visible_to(request, MeetingPage.objects.filter(pk__in=under(groups).values("pk")))
    now = timezone.now()
    upcoming = list(meetings.filter(start__gte=now).order_by("start").defer_streamfields()[:limit])
    minutes = list(meetings.filter(start__lt=now).exclude(minutes="").order_by("-start").defer_streamfields()[:limit])
    return upcoming, minutes


def across_the_partnerships(request, limit=5):
    """For someone on no group (a parent, a head): the next meetings and latest minutes they may open."""
    meetings = visible_to(request, MeetingPage.objects.live())
    now = timezone.now()
    upcoming = list(meetings.filter(start__gte=now).order_by("start").defer_streamfields()[:limit])
    minutes = list(meetings.filter(start__lt=now).exclude(minutes="").order_by("-start").defer_streamfields()[:limit])
    return upcoming, minutes


REVIEW_AHEAD = datetime.timedelta(days=60)


def members_to_review(groups, limit=20):
    """Memberships a chair should look at: ending within two months, or invited and not yet joined."""
    today = timezone.localdate()
    ending = Q(ends_on__isnull=False, ends_on__lte=today + REVIEW_AHEAD)
    not_joined = Q(person__user__isnull=True, person__invited_at__isnull=False)
    memberships = (
        Membership.objects.active()
        .filter(group__in=groups)
        .filter(ending | not_joined)
        .select_related("person", "group")
        .order_by("ends_on", "person__full_name")
    )
    return list(memberships[:limit])


def recently_published(groups, limit=5):
    """What a chair last approved for these groups, so the secretariat sees it went out."""
    pages = under(groups).live().filter(has_unpublished_changes=False, last_published_at__isnull=False)
    return [Paper(page, PUBLISHED) for page in pages.order_by("-last_published_at")[:limit]]
