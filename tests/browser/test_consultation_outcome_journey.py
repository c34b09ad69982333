"""A chair reads the answers, exports them, writes the outcome, turns a 'we did' into an action, and the
public reads what was done."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.factories import PriorityFactory
from actions.models import Action
from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import ConsultationIndexPage, ConsultationResponse
from consultations.responding import submit
from governance.factories import (
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole
from portal.factories import PartnerStaffFactory, UserFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in

ANSWERS = [
    ("strongly_agree", "yes", "Year 7"),
    ("agree", "yes", "Year 8"),
    ("disagree", "no", "Year 7"),
]


@pytest.fixture
def closed_consultation(home_page):
    group = PartnershipGroupPageFactory(
        parent=PartnershipIndexPageFactory(parent=home_page), title="Riverford Attendance Partnership"
    )
    chair = PersonFactory(full_name="Helen Marsh", user=PartnerStaffFactory(email="chair@example.org"))
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    home_page.add_child(instance=index)
    page = ConsultationPageFactory(
        parent=index, group=group, title="A model attendance policy", priority=PriorityFactory(partnership=group)
    )
    questions = add_every_kind_of_question(page)
    for agreement, yes_no, year in ANSWERS:
        submit(page, UserFactory(), answers_for(questions, agreement, yes_no, year))
    page.closes_at = timezone.now() - datetime.timedelta(hours=1)
    page.opens_at = timezone.now() - datetime.timedelta(days=20)
    page.save_revision().publish()
    return page


def answers_for(questions, agreement, yes_no, year):
    by_kind = {question.field_type: question.clean_name for question in questions}
    return {
        by_kind["agreement"]: agreement,
        by_kind["ranking"]: ["Home visits", "Text messages", "Letters"],
        by_kind["yes_no"]: {"answer": yes_no, "comment": ""},
        by_kind["choose_one"]: {"choice": year, "other": ""},
        by_kind["choose_many"]: {"choices": ["Early help"], "other": ""},
        by_kind["short_text"]: "Buses that do not come",
        by_kind["long_text"]: "",
    }


def test_the_chair_publishes_what_was_done_and_the_public_reads_it(page, site_url, closed_consultation):
    consultation = closed_consultation
    assert ConsultationResponse.objects.filter(page=consultation, status="submitted").count() == 3

    sign_in(page, site_url, "chair@example.org")
    page.goto(f"{site_url}{consultation.url}")
    page.get_by_role("link", name="See the answers").click()
    expect(page.get_by_role("heading", name="What people said")).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV spreadsheet of the responses").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + len(ANSWERS)

    page.goto(f"{site_url}{consultation.url}")
    page.get_by_role("link", name="Write the outcome").click()
    expect(page.get_by_role("heading", name="The outcome: we asked, you said, we did")).to_be_visible()
    page.get_by_label("We asked, you said").fill(
        "We asked whether a model attendance policy would help. Two in three of you agreed."
    )
    page.get_by_role("group", name="A new line").first.get_by_label("We did").fill(
        "Draft a model attendance policy with three headteachers"
    )
    page.get_by_role("button", name="Save as a draft").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Become an action on the log").first.click()
    action = Action.objects.get(title__startswith="Draft a model attendance policy")
    expect(page.get_by_role("link", name=action.reference).first).to_be_visible()

    page.get_by_role("link", name="Check the outcome and publish it").click()
    page.get_by_role("button", name="Publish the outcome").click()

    page.context.clear_cookies()
    page.goto(f"{site_url}{consultation.url}")
    expect(page.get_by_role("heading", name="We asked, you said, we did")).to_be_visible()
    expect(page.get_by_text("Two in three of you agreed.")).to_be_visible()
    expect(page.get_by_text("Draft a model attendance policy with three headteachers")).to_be_visible()
    assert_no_axe_violations(page)
