from tests.actions.action_people import people  # noqa: F401
from tests.governance.conftest import group, other_group, partnerships, person_with_account  # noqa: F401
