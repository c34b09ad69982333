"""Everyone the action log pages treat differently, each with an account, for the action page tests."""

import pytest

from governance.factories import MembershipFactory
from governance.models import MembershipRole

ROLES = {
    "chair": ("group", MembershipRole.CHAIR),
    "secretariat": ("group", MembershipRole.SECRETARIAT),
    "member": ("group", MembershipRole.MEMBER),
    "owner": ("other_group", MembershipRole.MEMBER),
    "other_chair": ("other_group", MembershipRole.CHAIR),
    "outsider": (None, None),
}


@pytest.fixture
def people(group, other_group, person_with_account):
    """A chair, secretariat and member of `group`; a member (who owns actions) and a chair of `other_group`;
    someone on no group."""
    groups = {"group": group, "other_group": other_group}
    found = {}
    for name, (where, role) in ROLES.items():
        person = person_with_account()
        if where:
            MembershipFactory(person=person, group=groups[where], role=role)
        found[name] = person
    return found
