"""Memberships become rights through Wagtail's own mechanisms.

Each partnership group page owns three Django groups. On the page, Wagtail page permissions give
chairs add/edit/publish and the secretariat add/edit (so everything they write goes to a chair);
a workflow whose one task is approval by the chairs covers the group's meetings and terms of
reference; and, for members-only groups, page privacy admits the three groups. A person's account
is kept in exactly the Django groups their active memberships call for.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from governance.models.groups import CHAIR_ROLES, Membership, MembershipRole, PartnershipGroupPage

PAGE_RIGHTS = {
    "chairs_group": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "secretariat_group": ["add_page", "change_page"],
    "members_group": [],
}
ROLE_GROUP_FIELDS = list(PAGE_RIGHTS)


def role_group_field(role):
    if role in CHAIR_ROLES:
        return "chairs_group"
    if role == MembershipRole.SECRETARIAT:
        return "secretariat_group"
    return "members_group"


@transaction.atomic
def set_up_group_roles(page: PartnershipGroupPage):
    """Creates the group's three Django groups, its page permissions and its approval workflow."""
    for field, codenames in PAGE_RIGHTS.items():
        label = field.removesuffix("_group")
        group, _ = Group.objects.get_or_create(name=f"{page.title[:100]} · {label} [{page.pk}]")
        setattr(page, field, group)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
            )
        if codenames:
            group.permissions.add(
                Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
            )
    PartnershipGroupPage.objects.filter(pk=page.pk).update(
        **{field: getattr(page, field) for field in ROLE_GROUP_FIELDS}
    )
    set_up_approval_workflow(page)


def set_up_approval_workflow(page):
    workflow, created = Workflow.objects.get_or_create(name=f"Chair approval: {page.title[:150]} [{page.pk}]")
    if created:
        task = GroupApprovalTask.objects.create(name=f"Approval by a chair of {page.title[:200]}")
        task.groups.set([page.chairs_group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def sync_page_privacy(page: PartnershipGroupPage):
    """Members-only groups admit their chairs, secretariat and members; open groups admit everyone.

    Their meetings' published papers follow the same rule (governance.papers).
    """
    from governance.papers import sync_papers_privacy

    sync_papers_privacy(page)
    restrictions = PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.GROUPS)
    if not page.members_only:
        restrictions.delete()
        return
    restriction = restrictions.first() or PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([getattr(page, field) for field in ROLE_GROUP_FIELDS])


def all_role_group_ids():
    rows = PartnershipGroupPage.objects.values_list(*[f"{field}_id" for field in ROLE_GROUP_FIELDS])
    return {group_id for row in rows for group_id in row if group_id}


def wanted_role_group_ids(user):
    memberships = Membership.objects.active().filter(person__user=user).select_related("group")
    return {getattr(m.group, f"{role_group_field(m.role)}_id") for m in memberships} - {None}


def sync_user_rights(user):
    """Puts the account in the role groups its active memberships call for, and takes it out of the rest."""
    if user is None:
        return
    wanted = wanted_role_group_ids(user)
    unwanted = all_role_group_ids() - wanted
    user.groups.remove(*unwanted)
    user.groups.add(*wanted)
