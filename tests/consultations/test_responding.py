"""Answering a consultation on its page: drafts, one response per person, changes, withdrawal, closing,
who may answer, the receipt, and what keeps scripts out."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connections, transaction
from django.test import Client
from django.utils import timezone

from consultations import responding
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationResponse, ResponseStatus, WhoMayRespond
from portal.factories import PartnerStaffFactory, SchoolStaffFactory, UserFactory, ensure_site_tree
from portal.page_cache import STATUS_HEADER
from tests.consultations.test_question_kinds import complete_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_page(db):
    """The site tree, made again when a transactional test (the race below, a browser test) emptied the database."""
    return ensure_site_tree()


@pytest.fixture
def names(consultation):
    return {question.field_type: question.clean_name for question in consultation.questions.all()}


@pytest.fixture
def head():
    head = SchoolStaffFactory(first_name="Grace", last_name="Ellison", school_name="Hillside Primary School")
    head.verify_school_staff()
    head.save()
    return head


@pytest.fixture
def signed_in(client, head):
    client.force_login(head)
    return client


def send(client, consultation, data, intent="submit", **extra):
    return client.post(consultation.url, {**data, "intent": intent}, **extra)


def response_of(consultation, user):
    return ConsultationResponse.objects.get(page=consultation, user=user)


def page_text(client, consultation):
    return client.get(consultation.url).content.decode()


def analysis_rows(response):
    return sorted((a.question.field_type, a.value, a.rank, a.text) for a in response.answers.select_related("question"))


# What everyone sees first


def test_the_anonymous_page_has_no_form_or_token_so_the_page_cache_keeps_it(consultation):
    visitor = Client()
    first = visitor.get(consultation.url)
    text = first.content.decode()
    assert "Sign in to respond" in text and "csrfmiddlewaretoken" not in text
    assert not first.cookies
    assert first[STATUS_HEADER] == "miss"
    assert Client().get(consultation.url)[STATUS_HEADER] == "hit"


def test_how_answers_are_used_and_whether_names_are_seen_come_before_the_questions(signed_in, consultation):
    text = page_text(signed_in, consultation)
    form_starts = text.index('class="form form--wide consultation-form"')
    for before in [consultation.summary, "How your answers will be used", "Your privacy", "Anonymised."]:
        assert text.index(before) < form_starts, before
    assert "Parents and carers" in text and "School leaders" in text
    consultation.identify_respondents = True
    consultation.save()
    assert "Identified." in page_text(signed_in, consultation)


def test_the_closing_time_is_given_to_the_minute_in_uk_time(signed_in, consultation):
    consultation.closes_at = datetime.datetime(2040, 6, 1, 16, 0, tzinfo=datetime.UTC)
    consultation.save()
    assert "17:00 on Friday 1 June 2040 (UK time)" in page_text(signed_in, consultation)


def test_a_forthcoming_consultation_gives_its_opening_date_and_takes_no_answers(
    signed_in, consultations_index, group, head, names
):
    soon = ConsultationPageFactory(
        parent=consultations_index,
        group=group,
        opens_at=datetime.datetime(2040, 1, 6, 9, 0, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2040, 2, 6, 17, 0, tzinfo=datetime.UTC),
    )
    text = page_text(signed_in, soon)
    assert "You can answer from 09:00 on Friday 6 January 2040 (UK time)." in text
    assert "consultation-form" not in text
    refused = send(signed_in, soon, {})
    assert refused.status_code == 403 and "opens at 09:00 on Friday 6 January 2040" in refused.content.decode()
    assert not ConsultationResponse.objects.filter(page=soon).exists()


# Who may answer


@pytest.mark.parametrize(
    ("make_user", "reason"),
    [
        (lambda: SchoolStaffFactory(school_name="Millbrook Primary"), "not yet checked that you work at Millbrook"),
        (PartnerStaffFactory, "This consultation is for school leaders, parents and carers."),
        (lambda: UserFactory(verified_email=False), "Confirm your email address first"),
    ],
)
def test_someone_who_may_not_answer_is_told_why_and_cannot_send(client, consultation, names, make_user, reason):
    client.force_login(make_user())
    text = page_text(client, consultation)
    assert reason in text and "consultation-form" not in text
    refused = send(client, consultation, complete_answers(names))
    assert refused.status_code == 403 and reason in refused.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_a_parent_may_not_answer_a_consultation_for_verified_school_staff_only(client, consultation, names):
    consultation.who_may_respond = WhoMayRespond.VERIFIED_SCHOOL_STAFF
    consultation.save()
    client.force_login(UserFactory())
    assert send(client, consultation, complete_answers(names)).status_code == 403


def test_sending_answers_without_signing_in_goes_to_sign_in(consultation, names):
    sent = Client().post(consultation.url, complete_answers(names))
    assert sent.status_code == 302 and sent.url.startswith("/accounts/login/")


# Drafts


def test_save_and_come_back_later_keeps_a_draft_without_the_required_answers(signed_in, consultation, head, names):
    half = {names["agreement"]: "disagree", names["short_text"]: "Buses are late."}
    saved = send(signed_in, consultation, half, intent="save")
    assert saved.status_code == 302
    draft = response_of(consultation, head)
    assert draft.status == ResponseStatus.DRAFT and draft.submitted_at is None
    assert draft.form_data[names["agreement"]] == "disagree"
    assert not draft.answers.exists() and not mail.outbox
    text = page_text(signed_in, consultation)
    assert "Your answers are saved as a draft" in text and "Your draft was last saved" in text
    assert 'value="disagree" id="id_a_model_attendance_policy_would_help_my_school_3" checked' in text
    assert 'value="Buses are late."' in text


def test_a_draft_over_a_word_limit_is_not_saved_and_everything_typed_comes_back(signed_in, consultation, names):
    too_long = {names["agreement"]: "agree", names["short_text"]: "word " * 31}
    answered = send(signed_in, consultation, too_long, intent="save")
    text = answered.content.decode()
    assert answered.status_code == 200
    assert "Use 30 words or fewer: you have used 31." in text
    assert 'href="#id_in_a_sentence_what_gets_in_the_way"' in text
    assert 'value="agree" id="id_a_model_attendance_policy_would_help_my_school_1" checked' in text
    assert not ConsultationResponse.objects.exists()


def test_a_second_visit_opens_the_same_response(signed_in, consultation, head, names):
    send(signed_in, consultation, {names["agreement"]: "agree"}, intent="save")
    send(signed_in, consultation, {names["agreement"]: "neither"}, intent="save")
    send(signed_in, consultation, complete_answers(names))
    assert ConsultationResponse.objects.filter(page=consultation).count() == 1
    assert response_of(consultation, head).status == ResponseStatus.SUBMITTED


# Submitting


def test_submitting_checks_every_question_and_links_each_error_to_its_question(signed_in, consultation, names):
    sent = send(signed_in, consultation, {names["agreement"]: "agree"})
    text = sent.content.decode()
    assert sent.status_code == 200 and "There is a problem" in text
    assert 'href="#id_rank_these_ways_of_reaching_families_0"' in text
    survey = "id_should_a_survey_of_parents_and_carers_be_set_up"
    assert f'href="#{survey}_0_0">Should a survey of parents and carers be set up? Choose yes or no.</a>' in text
    assert "Rank these ways of reaching families: Give each option a rank from 1 to 3.</a>" in text
    assert not ConsultationResponse.objects.filter(status=ResponseStatus.SUBMITTED).exists()


def test_submitting_keeps_who_answered_and_analysis_rows_equal_to_the_answers(signed_in, consultation, head, names):
    sent = send(signed_in, consultation, complete_answers(names))
    assert sent.status_code == 302
    response = response_of(consultation, head)
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at
    assert (response.respondent_type, response.organisation_name) == ("school_leaders", "Hillside Primary School")
    assert (response.respondent_name, response.respondent_email) == ("Grace Ellison", head.email)
    assert analysis_rows(response) == sorted(
        [
            ("agreement", "agree", None, ""),
            ("ranking", "Home visits", 1, ""),
            ("ranking", "Text messages", 2, ""),
            ("ranking", "Letters", 3, ""),
            ("yes_no", "yes", None, "Termly would be enough."),
            ("choose_one", "other", None, "Year 10"),
            ("choose_many", "Early help", None, ""),
            ("choose_many", "Attendance", None, ""),
            ("short_text", "", None, "Transport to school."),
        ]
    )


def test_the_receipt_email_holds_a_copy_of_the_answers(signed_in, consultation, head, names):
    answers = {**complete_answers(names), names["short_text"]: "Buses <b>never</b> come."}
    send(signed_in, consultation, answers)
    [receipt] = mail.outbox
    assert receipt.to == [head.email]
    assert consultation.title in receipt.subject
    for line in ["Agree", "1. Home visits", "2. Text messages", "Yes", "Comment: Termly would be enough."]:
        assert line in receipt.body, line
    assert "Other: Year 10" in receipt.body and "Buses <b>never</b> come." in receipt.body
    html = receipt.alternatives[0][0]
    assert "Buses &lt;b&gt;never&lt;/b&gt; come." in html and "<b>never</b>" not in html
    assert "You can change or withdraw your response until" in receipt.body


def test_a_submitted_response_can_be_changed_until_closing(signed_in, consultation, head, names):
    send(signed_in, consultation, complete_answers(names))
    text = page_text(signed_in, consultation)
    assert "You submitted your response on" in text and "You can change it until" in text
    assert "Submit your changes" in text and "Save and come back later" not in text
    send(signed_in, consultation, {**complete_answers(names), names["agreement"]: "strongly_disagree"})
    response = response_of(consultation, head)
    assert response.answers.get(question__field_type="agreement").value == "strongly_disagree"
    assert len(mail.outbox) == 2 and "changed response" in mail.outbox[1].subject


def test_pressing_submit_twice_stores_one_response_and_sends_one_receipt(signed_in, consultation, head, names):
    send(signed_in, consultation, complete_answers(names))
    again = send(signed_in, consultation, complete_answers(names))
    assert again.status_code == 302
    assert ConsultationResponse.objects.count() == 1 and len(mail.outbox) == 1
    assert response_of(consultation, head).answers.count() == 9
    assert "already submitted" in page_text(signed_in, consultation)


def test_the_database_refuses_a_second_response_from_the_same_person(consultation, head):
    ConsultationResponse.objects.create(page=consultation, user=head, form_data={})
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationResponse.objects.create(page=consultation, user=head, form_data={})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("from_a_draft", [False, True], ids=["first-answers", "from-a-draft"])
def test_two_submissions_of_the_same_answers_at_once_store_one_response(consultation, head, names, from_a_draft):
    """Two requests race (a double click). With no response yet the unique constraint decides which creates
    it; with a draft already there the row lock makes the second wait and find it submitted."""
    form = consultation.get_form(complete_answers(names), page=consultation, user=head)
    assert form.is_valid()
    if from_a_draft:
        responding.keep_draft(consultation, head, {names["agreement"]: "agree"})
    start, outcomes = threading.Barrier(2), []

    def submit():
        try:
            start.wait(5)
            outcomes.append(responding.submit(consultation, head, form.answers)[1])
        except Exception as error:  # noqa: BLE001 - any failure is what this test reports
            outcomes.append(error)
        finally:
            connections.close_all()

    racers = [threading.Thread(target=submit) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert sorted(outcomes, key=str) == [False, True]
    assert ConsultationResponse.objects.filter(page=consultation, user=head).count() == 1
    assert len(mail.outbox) == 1


# Withdrawing


def test_withdrawing_asks_first_takes_the_answers_out_and_can_be_undone_before_closing(
    signed_in, consultation, head, names
):
    send(signed_in, consultation, complete_answers(names))
    asked = send(signed_in, consultation, {}, intent="withdraw")
    assert "Yes, withdraw my response" in asked.content.decode()
    assert response_of(consultation, head).status == ResponseStatus.SUBMITTED

    send(signed_in, consultation, {}, intent="confirm_withdraw")
    response = response_of(consultation, head)
    assert response.status == ResponseStatus.WITHDRAWN and response.withdrawn_at
    assert not response.answers.exists()
    assert "You withdrew your response" in page_text(signed_in, consultation)

    send(signed_in, consultation, complete_answers(names))
    response = response_of(consultation, head)
    assert response.status == ResponseStatus.SUBMITTED and response.answers.count() == 9


# Closing


def close(consultation):
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()


def test_a_late_submission_is_refused_with_the_closing_time_and_the_draft_kept(signed_in, consultation, head, names):
    send(signed_in, consultation, {names["agreement"]: "agree"}, intent="save")
    close(consultation)
    late = send(signed_in, consultation, complete_answers(names))
    text = late.content.decode()
    assert late.status_code == 403
    assert "closed at" in text and "(UK time), so answers can no longer be sent" in text
    assert "We have kept your answers as a draft" in text
    draft = response_of(consultation, head)
    assert draft.status == ResponseStatus.DRAFT and draft.form_data == complete_answers_as_stored(consultation, names)
    assert not draft.answers.exists() and not mail.outbox
    assert "consultation-form" not in text and "Home visits" in text


def complete_answers_as_stored(consultation, names):
    form = consultation.get_form(complete_answers(names), page=consultation, user=None)
    assert form.is_valid()
    return form.answers


def test_a_late_change_leaves_the_submitted_response_as_it_was(signed_in, consultation, head, names):
    send(signed_in, consultation, complete_answers(names))
    close(consultation)
    late = send(signed_in, consultation, {**complete_answers(names), names["agreement"]: "disagree"})
    assert late.status_code == 403 and "stands" in late.content.decode()
    assert response_of(consultation, head).form_data[names["agreement"]] == "agree"
    assert send(signed_in, consultation, {}, intent="confirm_withdraw").status_code == 403
    assert response_of(consultation, head).status == ResponseStatus.SUBMITTED


def test_stored_answers_are_shown_escaped(signed_in, consultation, names):
    send(signed_in, consultation, {names["short_text"]: "<script>alert(1)</script>"}, intent="save")
    close(consultation)
    text = page_text(signed_in, consultation)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text


def test_a_published_outcome_is_shown(client, consultation):
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.outcome_summary = "<p>Most heads wanted a model policy.</p>"
    consultation.outcome_published_at = timezone.now()
    consultation.save()
    assert "Most heads wanted a model policy." in page_text(client, consultation)


# Keeping scripts out


def test_the_box_only_scripts_see_stops_the_answers(signed_in, consultation, names):
    caught = send(signed_in, consultation, {**complete_answers(names), "website": "http://spam.example"})
    assert caught.status_code == 400 and "Leave this empty" in caught.content.decode()
    assert not ConsultationResponse.objects.exists() and not mail.outbox


def test_more_than_ten_sends_a_minute_from_one_account_are_refused_with_a_reason(signed_in, consultation, names):
    for _ in range(10):
        assert send(signed_in, consultation, {names["agreement"]: "agree"}, intent="save").status_code == 302
    refused = send(signed_in, consultation, complete_answers(names))
    assert refused.status_code == 429
    assert "sent this form 10 times in the last minute" in refused.content.decode()
    assert response_of_any(consultation).status == ResponseStatus.DRAFT


def response_of_any(consultation):
    return ConsultationResponse.objects.get(page=consultation)


def test_more_than_thirty_sends_a_minute_from_one_address_are_refused(consultation, names):
    people = [UserFactory() for _ in range(4)]
    statuses = []
    for n in range(31):
        client = Client(REMOTE_ADDR="203.0.113.9")
        client.force_login(people[n % 4])
        statuses.append(send(client, consultation, {names["agreement"]: "agree"}, intent="save").status_code)
    assert statuses[:30] == [302] * 30 and statuses[30] == 429


# The list of consultations


def test_the_index_lists_open_then_forthcoming_then_closed_with_the_stage_in_words(
    client, consultations_index, consultation, group
):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    closing_sooner = ConsultationPageFactory(
        parent=consultations_index, group=group, title="Closing sooner", closes_at=now + day
    )
    forthcoming = ConsultationPageFactory(
        parent=consultations_index, group=group, title="Coming up", opens_at=now + day, closes_at=now + 9 * day
    )
    closed = ConsultationPageFactory(
        parent=consultations_index, group=group, title="Long closed", opens_at=now - 30 * day, closes_at=now - 9 * day
    )
    outcome = ConsultationPageFactory(
        parent=consultations_index,
        group=group,
        title="Just closed",
        opens_at=now - 30 * day,
        closes_at=now - day,
        outcome_published_at=now,
    )
    order = [page.title for page in consultations_index.consultations_in_stage_order()]
    assert order == [closing_sooner.title, consultation.title, forthcoming.title, outcome.title, closed.title]
    text = client.get(consultations_index.url).content.decode()
    assert [text.index(title) for title in order] == sorted(text.index(title) for title in order)
    for words in ["Open</span> Closes at", "Opens soon</span> Opens at", "Outcome published</span>", "Closed</span>"]:
        assert words in text, words


# Editors


@pytest.mark.parametrize("mode", ["form", "landing"])
def test_editors_preview_the_questions_whoever_they_may_answer_as_and_before_it_opens(rf, consultation, mode):
    consultation.opens_at = timezone.now() + datetime.timedelta(days=7)
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True, verified_email=False)
    preview = consultation.make_preview_request(request, mode)
    assert preview.status_code == 200
    assert "Submit your response" in preview.render().content.decode()
