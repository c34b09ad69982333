import pytest

from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import ConsultationIndexPage
from tests.governance.conftest import group, other_group, partnerships, person_with_account  # noqa: F401


@pytest.fixture
def consultations_index(home_page):
    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def consultation(consultations_index, group):  # noqa: F811 - the fixture above
    """An open consultation for school leaders and parents, with one question of each kind."""
    page = ConsultationPageFactory(parent=consultations_index, group=group)
    add_every_kind_of_question(page)
    return page
