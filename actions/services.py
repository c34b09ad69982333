"""The rules for actions, priorities and pledges: who sees them, who changes them, how they are numbered.

Every list, count, export and page of this app reads through `actions_visible_to` (and its siblings
for priorities and pledges), so a list never shows what its link would refuse.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from actions.models import NEEDS_REASON, Action, ActionStatus, ActionUpdate, Pledge, Priority, reference_prefix
from governance.models import MeetingPage, PartnershipGroupPage
from portal.visibility import visible_to

ROLE_FIELDS = ("chairs_group", "secretariat_group", "members_group")


def role_group_ids(user) -> frozenset:
    """The Django groups the person is in (their partnership roles among them), read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_group_ids"):
        user._role_group_ids = frozenset(user.groups.values_list("pk", flat=True))
    return user._role_group_ids


def inside(user, prefix="group__", fields=ROLE_FIELDS) -> Q:
    """Records of groups where the person holds one of these roles."""
    ids = role_group_ids(user)
    condition = Q(pk__in=[])
    for field in fields:
        condition |= Q(**{f"{prefix}{field}__in": ids})
    return condition


def actions_visible_to(request, actions=None):
    """Actions the person may open: their groups' actions, their own, and the public ones.

    An action is public when its group's pages are open to the person and, if it arose from a
    meeting, that meeting's minutes are published and open to them.
    """
    actions = Action.objects.all() if actions is None else actions
    user = request.user
    if user.is_superuser:
        return actions
    open_groups = visible_to(request, PartnershipGroupPage.objects.live()).values("pk")
    open_meetings = visible_to(request, MeetingPage.objects.live()).values("pk")
    public = Q(group__in=open_groups) & (Q(meeting__isnull=True) | Q(meeting__in=open_meetings))
    if not user.is_authenticated:
        return actions.filter(public)
    return actions.filter(public | inside(user) | Q(owner__user=user))


def priorities_visible_to(request, priorities=None):
    priorities = Priority.objects.all() if priorities is None else priorities
    user = request.user
    if user.is_superuser:
        return priorities
    open_groups = visible_to(request, PartnershipGroupPage.objects.live()).values("pk")
    return priorities.filter(Q(partnership__in=open_groups) | inside(user, "partnership__"))


def pledges_visible_to(request, pledges=None):
    pledges = Pledge.objects.all() if pledges is None else pledges
    return pledges.filter(priority__in=priorities_visible_to(request).values("pk"))


def milestones_visible_to(request, milestones):
    return milestones.filter(priority__in=priorities_visible_to(request).values("pk"))


def may_change(user, action) -> bool:
    """The owner, the group's chairs and secretariat (and site admins) change an action."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or (action.owner_id and action.owner.user_id == user.pk):
        return True
    group = action.group
    return bool({group.chairs_group_id, group.secretariat_group_id} & role_group_ids(user))


def may_comment(user, action) -> bool:
    """Everyone on the group may comment; those who may change it add progress instead."""
    if may_change(user, action):
        return True
    return user.is_authenticated and action.group.members_group_id in role_group_ids(user)


def may_add_actions(user, group) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool({group.chairs_group_id, group.secretariat_group_id} & role_group_ids(user))


def may_manage_priorities(user, partnership) -> bool:
    """A partnership's chairs (and site admins) set its priorities and record pledges."""
    return user.is_authenticated and (user.is_superuser or partnership.chairs_group_id in role_group_ids(user))


def group_prefix(group) -> str:
    """The group's reference prefix: kept from its earlier actions, else its initials, made unique."""
    earlier = Action.objects.filter(group=group).order_by("-pk").values_list("reference", flat=True).first()
    if earlier:
        return earlier.rsplit("-", 2)[0]
    prefix = reference_prefix(group.title)
    if Action.objects.filter(reference__startswith=f"{prefix}-").exclude(group=group).exists():
        prefix = f"{prefix}{group.pk}"
    return prefix


@transaction.atomic
def create_action(group, title, created_by=None, **fields) -> Action:
    """A new action, numbered in its group and year; the group's row is locked so two never share a number."""
    group = PartnershipGroupPage.objects.select_for_update(of=("self",)).get(pk=group.pk)
    year = timezone.localdate().year
    number = (Action.objects.filter(group=group, year=year).aggregate(top=Max("number"))["top"] or 0) + 1
    action = Action(
        group=group,
        year=year,
        number=number,
        reference=f"{group_prefix(group)}-{year}-{number:03d}",
        title=title,
        created_by=created_by,
        **fields,
    )
    action.full_clean(exclude=["reference", "number", "year"])
    action._history_user = created_by
    action.save()
    return action


@transaction.atomic
def record_progress(action, user, note, status=""):
    """A progress note, and the status change it explains; blocked and dropped need their reason."""
    if not may_change(user, action):
        raise PermissionDenied("Only the action's owner and the group's chairs and secretariat can update it.")
    action = Action.objects.select_for_update(of=("self",)).get(pk=action.pk)
    note = note.strip()
    status_from = action.status
    changing = bool(status) and status != action.status
    if changing and status in NEEDS_REASON and not note:
        raise ValidationError(f"Say why the action is {ActionStatus(status).label.lower()}.")
    if not note and not changing:
        raise ValidationError("Write a note, or choose a new status.")
    if changing:
        action.status = status
        action.status_reason = note if status in NEEDS_REASON else ""
        action._history_user = user
        action.save()
    return ActionUpdate.objects.create(
        action=action,
        author=user,
        note=note or f"Status changed to {ActionStatus(status).label.lower()}.",
        status_from=status_from if changing else "",
        status_to=status if changing else "",
    )


def add_comment(action, user, note):
    if not may_comment(user, action):
        raise PermissionDenied("Only the group's members can comment on its actions.")
    if not note.strip():
        raise ValidationError("Write your comment first.")
    return ActionUpdate.objects.create(action=action, author=user, note=note.strip(), kind=ActionUpdate.Kind.COMMENT)


def matters_arising(meeting, group):
    """Open actions of the meeting's group agreed before it: carried forward without retyping."""
    earlier = Q(meeting__isnull=True, created_at__lt=meeting.start) | Q(meeting__start__lt=meeting.start)
    return (
        Action.objects.still_open()
        .filter(group=group)
        .filter(earlier)
        .exclude(meeting_id=meeting.pk)
        .select_related("owner", "owner_organisation")
        .order_by("due_on", "number")
    )
