"""Set-up shared by the priority, pledge and page-section tests: closed groups, signed-in roles, closed actions."""

from actions.models import ActionStatus
from governance.factories import MembershipFactory, PartnershipGroupPageFactory, PersonFactory
from governance.models import GroupKind, MembershipRole


def members_only(partnerships, **fields):
    """A members-only group, published so its privacy is in force."""
    closed = PartnershipGroupPageFactory(parent=partnerships, members_only=True, **fields)
    closed.save_revision().publish()
    return closed


def task_and_finish_group(group, title="Year 9 task-and-finish group"):
    """A task-and-finish group set up by the group, chaired by Priya Shah."""
    task_group = PartnershipGroupPageFactory(
        parent=group.get_parent(), title=title, kind=GroupKind.TASK_AND_FINISH, parent_group=group
    )
    MembershipFactory(group=task_group, person=PersonFactory(full_name="Priya Shah"), role=MembershipRole.CHAIR)
    return task_group


def sign_in(client, group, role, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    client.force_login(person.user)
    return person


def close(action, status=ActionStatus.DONE):
    action.status = status
    action.save()
    return action
