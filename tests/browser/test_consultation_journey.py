"""A head answers a consultation over two visits and changes it; a parent signs up and answers; a late
answer is refused and kept; the page works by keyboard, passes axe and fits a phone."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import ConsultationIndexPage, ConsultationResponse, ResponseStatus
from governance.factories import PartnershipGroupPageFactory, PartnershipIndexPageFactory
from portal.factories import SchoolStaffFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.test_account_journeys import confirm_email, sign_out, sign_up

PHONE = {"width": 320, "height": 740}
HEAD = "grace.ellison@hillside.example"


@pytest.fixture
def consultation(home_page):
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    index = home_page.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
    page = ConsultationPageFactory(parent=index, group=group, title="A model attendance policy")
    add_every_kind_of_question(page)
    return page


@pytest.fixture
def head():
    head = SchoolStaffFactory(
        email=HEAD, first_name="Grace", last_name="Ellison", school_name="Hillside Primary School"
    )
    head.verify_school_staff()
    head.save()
    return head


def question(page, legend):
    """The fieldset of one question, found as a screen reader user would: by its legend."""
    return page.get_by_role("group", name=legend)


def answer_the_first_half(page):
    page.get_by_label("Agree", exact=True).check()
    ranking = question(page, "Rank these ways of reaching families")
    ranking.get_by_label("Home visits").select_option("1")
    ranking.get_by_label("Text messages").select_option("2")
    ranking.get_by_label("Letters").select_option("3")
    survey = question(page, "Should a survey of parents and carers be set up?")
    survey.get_by_label("Yes").check()
    survey.get_by_label("Comment (optional)").fill("Termly would be enough.")


def answer_the_rest(page):
    year_group = question(page, "Which year group needs most support?")
    year_group.get_by_label("Other (please say)").check()
    year_group.get_by_label("If other, what is it?").fill("Year 10")
    services = question(page, "Which services have you used?")
    services.get_by_label("Early help").check()
    services.get_by_label("Attendance").check()
    page.get_by_label("In a sentence, what gets in the way?").fill("Buses to the estate are late.")


def test_a_head_answers_over_two_visits_submits_changes_and_gets_a_copy(page, site_url, consultation, head):
    sign_in(page, site_url, HEAD)
    page.goto(f"{site_url}{consultation.url}")
    expect(page.get_by_text("Anonymised.")).to_be_visible()
    expect(page.get_by_role("heading", name="How your answers will be used")).to_be_visible()
    assert_no_axe_violations(page)

    answer_the_first_half(page)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers are saved as a draft")).to_be_visible()
    sign_out(page)

    sign_in(page, site_url, HEAD)
    page.goto(f"{site_url}{consultation.url}")
    expect(page.get_by_text("Your draft was last saved")).to_be_visible()
    expect(page.get_by_label("Agree", exact=True)).to_be_checked()
    expect(question(page, "Rank these ways of reaching families").get_by_label("Home visits")).to_have_value("1")
    answer_the_rest(page)
    expect(page.get_by_text("24 words left").first).to_be_visible()
    page.get_by_role("button", name="Submit your response").click()
    expect(page.get_by_text("Thank you: your response was submitted")).to_be_visible()
    expect(page.get_by_text("You can change it until")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Strongly disagree").check()
    page.get_by_role("button", name="Submit your changes").click()
    expect(page.get_by_text("Thank you: your response was submitted")).to_be_visible()

    response = ConsultationResponse.objects.get(page=consultation, user=head)
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers.get(question__field_type="agreement").value == "strongly_disagree"
    first, changed = mail.outbox[-2:]
    assert first.to == [HEAD] and "Agree" in first.body and "1. Home visits" in first.body
    assert "Other: Year 10" in first.body and "Buses to the estate are late." in first.body
    assert "Strongly disagree" in changed.body and "changed response" in changed.subject


def test_errors_are_summarised_and_each_link_takes_the_keyboard_to_its_question(page, site_url, consultation, head):
    sign_in(page, site_url, HEAD)
    page.goto(f"{site_url}{consultation.url}")
    page.get_by_label("In a sentence, what gets in the way?").fill("word " * 31)
    page.get_by_role("button", name="Submit your response").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Use 30 words or fewer: you have used 31.")
    assert_no_axe_violations(page)
    expect(page.get_by_label("In a sentence, what gets in the way?")).to_have_value("word " * 31)

    link = summary.get_by_role("link", name="Should a survey of parents and carers be set up? Choose yes or no.")
    link.focus()
    page.keyboard.press("Enter")
    yes = question(page, "Should a survey of parents and carers be set up?").get_by_label("Yes")
    expect(yes).to_be_focused()
    page.keyboard.press("Space")
    expect(yes).to_be_checked()


def test_a_parent_signs_up_and_answers(page, site_url, consultation):
    sign_up(page, site_url, email="sam.walker@example.org", audience="Parent or carer")
    confirm_email(page)
    sign_in(page, site_url, "sam.walker@example.org")
    page.goto(f"{site_url}{consultation.url}")
    answer_the_first_half(page)
    answer_the_rest(page)
    page.get_by_role("button", name="Submit your response").click()
    expect(page.get_by_text("Thank you: your response was submitted")).to_be_visible()
    response = ConsultationResponse.objects.get(page=consultation, user__email="sam.walker@example.org")
    assert (response.status, response.respondent_type) == (ResponseStatus.SUBMITTED, "parents_carers")
    assert "sam.walker@example.org" in mail.outbox[-1].to


def test_after_the_closing_time_answers_are_refused_and_the_draft_kept(page, site_url, consultation, head):
    sign_in(page, site_url, HEAD)
    page.goto(f"{site_url}{consultation.url}")
    answer_the_first_half(page)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers are saved as a draft")).to_be_visible()
    answer_the_rest(page)

    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()
    page.get_by_role("button", name="Submit your response").click()
    expect(page.get_by_role("heading", name="Your answers could not be sent")).to_be_visible()
    expect(page.get_by_text("We have kept your answers as a draft")).to_be_visible()
    expect(page.get_by_role("button", name="Submit your response")).to_have_count(0)
    assert_no_axe_violations(page)
    draft = ConsultationResponse.objects.get(page=consultation, user=head)
    assert draft.status == ResponseStatus.DRAFT and draft.submitted_at is None
    assert "Buses to the estate are late." in draft.form_data.values()


def test_the_consultation_page_fits_a_phone_for_visitors_and_people_answering(browser, site_url, consultation, head):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for signed_in in (False, True):
        if signed_in:
            sign_in(page, site_url, HEAD)
        page.goto(f"{site_url}{consultation.url}")
        expect(page.get_by_role("heading", name="Your response")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{consultation.url} is {width}px wide on a {PHONE['width']}px screen"
        assert_no_axe_violations(page)
    expect(page.get_by_role("button", name="Submit your response")).to_be_visible()
    page.goto(f"{site_url}{consultation.get_parent().url}")
    assert_no_axe_violations(page)
    context.close()
