import pytest

from governance.factories import PartnershipGroupPageFactory, PartnershipIndexPageFactory, PersonFactory
from portal.factories import PartnerStaffFactory


@pytest.fixture
def partnerships(home_page):
    return PartnershipIndexPageFactory(parent=home_page)


@pytest.fixture
def group(partnerships):
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance working group")


@pytest.fixture
def other_group(partnerships):
    return PartnershipGroupPageFactory(parent=partnerships, title="SEND working group")


@pytest.fixture
def person_with_account():
    def make(**kwargs):
        return PersonFactory(user=PartnerStaffFactory(**kwargs))

    return make
