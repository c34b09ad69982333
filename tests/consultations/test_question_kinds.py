"""Each kind of question: what it accepts, what it refuses (and says), and the Answer rows it leaves."""

import re

import pytest
from django.template.loader import render_to_string

from consultations.answers import store_answers
from consultations.models import ConsultationQuestion, ConsultationResponse, ResponseStatus
from tests.conftest import PostedForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(consultation):
    """Each kind's field name (its question's clean_name)."""
    return {question.field_type: question.clean_name for question in consultation.questions.all()}


def complete_answers(names):
    """What a browser posts for a full response to EVERY_KIND."""
    return {
        names["agreement"]: "agree",
        f"{names['ranking']}_0": "2",  # Text messages
        f"{names['ranking']}_1": "1",  # Home visits
        f"{names['ranking']}_2": "3",  # Letters
        f"{names['yes_no']}_0": "yes",
        f"{names['yes_no']}_1": "Termly would be enough.",
        f"{names['choose_one']}_0": "other",
        f"{names['choose_one']}_1": "Year 10",
        f"{names['choose_many']}_0": ["Early help", "Attendance"],
        f"{names['choose_many']}_1": "",
        names["short_text"]: "  Transport to school.  ",
        names["long_text"]: "",
    }


def form_for(consultation, data, draft=False):
    return consultation.get_form(data, page=consultation, user=None, draft=draft)


def errors_of(form):
    return {name: list(errors) for name, errors in form.errors.items()}


def test_a_complete_response_is_kept_as_answers_py_documents(consultation, names):
    form = form_for(consultation, complete_answers(names))
    assert form.is_valid(), form.errors
    assert form.answers == {
        names["agreement"]: "agree",
        names["ranking"]: ["Home visits", "Text messages", "Letters"],
        names["yes_no"]: {"answer": "yes", "comment": "Termly would be enough."},
        names["choose_one"]: {"choice": "other", "other": "Year 10"},
        names["choose_many"]: {"choices": ["Early help", "Attendance"], "other": ""},
        names["short_text"]: "Transport to school.",
        names["long_text"]: "",
    }


def test_each_required_question_left_blank_says_what_to_do(consultation, names):
    form = form_for(consultation, {})
    assert not form.is_valid()
    assert errors_of(form) == {
        names["agreement"]: ["Choose how far you agree."],
        names["ranking"]: ["Give each option a rank from 1 to 3."],
        names["yes_no"]: ["Choose yes or no."],
        names["choose_one"]: ["Choose an answer."],
        names["choose_many"]: ["Choose at least one answer."],
        names["short_text"]: ["Answer this question."],
    }


def test_a_ranking_needs_every_option_ranked_and_each_rank_once(consultation, names):
    ranking = names["ranking"]
    partly = {**complete_answers(names), f"{ranking}_2": ""}
    assert errors_of(form_for(consultation, partly)) == {ranking: ["Give each option a rank from 1 to 3."]}
    repeated = {**complete_answers(names), f"{ranking}_2": "1"}
    assert errors_of(form_for(consultation, repeated)) == {
        ranking: ["Give each option a different rank: 1 is used more than once."]
    }


def test_a_rank_outside_the_options_is_refused(consultation, names):
    form = form_for(consultation, {**complete_answers(names), f"{names['ranking']}_0": "9"})
    assert names["ranking"] in form.errors


def test_other_needs_saying_what_it_is_and_writing_it_chooses_it(consultation, names):
    choose_one, choose_many = names["choose_one"], names["choose_many"]
    unsaid = {**complete_answers(names), f"{choose_one}_1": "", f"{choose_many}_0": ["other"]}
    assert errors_of(form_for(consultation, unsaid)) == {
        choose_one: ["Say what your other answer is."],
        choose_many: ["Say what your other answer is."],
    }
    written_only = {
        **complete_answers(names),
        f"{choose_one}_0": "",
        f"{choose_one}_1": "Year 11",
        f"{choose_many}_1": "Youth club",
    }
    form = form_for(consultation, written_only)
    assert form.is_valid(), form.errors
    assert form.answers[choose_one] == {"choice": "other", "other": "Year 11"}
    assert form.answers[choose_many] == {"choices": ["Early help", "Attendance", "other"], "other": "Youth club"}


def test_other_text_is_dropped_when_another_option_is_chosen(consultation, names):
    choose_one = names["choose_one"]
    form = form_for(consultation, {**complete_answers(names), f"{choose_one}_0": "Year 8"})
    assert form.is_valid()
    assert form.answers[choose_one] == {"choice": "Year 8", "other": ""}


def test_a_choice_that_is_not_offered_is_refused(consultation, names):
    form = form_for(consultation, {**complete_answers(names), f"{names['choose_one']}_0": "Year 13"})
    assert names["choose_one"] in form.errors


def test_no_other_option_unless_the_question_allows_it(consultation, names):
    ConsultationQuestion.objects.filter(field_type="choose_one").update(allow_other=False)
    form = form_for(consultation, complete_answers(names))
    assert names["choose_one"] in form.errors
    assert "Other (please say)" not in str(form[names["choose_one"]])


def test_a_yes_no_comment_is_optional_but_the_answer_is_not(consultation, names):
    yes_no = names["yes_no"]
    comment_only = {**complete_answers(names), f"{yes_no}_0": ""}
    assert errors_of(form_for(consultation, comment_only)) == {yes_no: ["Choose yes or no."]}
    no_comment = {**complete_answers(names), f"{yes_no}_0": "no", f"{yes_no}_1": ""}
    form = form_for(consultation, no_comment)
    assert form.is_valid()
    assert form.answers[yes_no] == {"answer": "no", "comment": ""}


def test_a_word_limit_is_enforced_naming_the_limit(consultation, names):
    too_long = {**complete_answers(names), names["short_text"]: "word " * 31}
    assert errors_of(form_for(consultation, too_long)) == {
        names["short_text"]: ["Use 30 words or fewer: you have used 31."]
    }
    exactly = {**complete_answers(names), names["short_text"]: "word " * 30}
    assert form_for(consultation, exactly).is_valid()


def test_the_hint_names_the_word_limit_and_the_box_carries_it_for_the_counter(consultation, names):
    field = form_for(consultation, None)[names["short_text"]]
    assert "Up to 30 words." in field.help_text
    assert 'data-word-limit="30"' in str(field)


def test_an_optional_question_says_so_and_may_be_left_blank(consultation, names):
    field = form_for(consultation, None)[names["long_text"]]
    assert field.label.endswith("(optional)")
    assert names["long_text"] not in form_for(consultation, {}).errors


def test_a_draft_may_leave_questions_blank_but_keeps_to_word_limits(consultation, names):
    half = {names["agreement"]: "disagree", f"{names['ranking']}_1": "1"}
    draft = form_for(consultation, half, draft=True)
    assert draft.is_valid(), draft.errors
    assert draft.answers[names["agreement"]] == "disagree"
    assert draft.answers[names["ranking"]] == ["Home visits"]
    assert draft.answers[names["yes_no"]] is None
    too_long = form_for(consultation, {names["short_text"]: "word " * 31}, draft=True)
    assert errors_of(too_long) == {names["short_text"]: ["Use 30 words or fewer: you have used 31."]}


def test_a_saved_answer_reopens_as_it_was_left(consultation, names):
    """Rendering the form from stored answers and posting it back, as a browser would, gives the same answers."""
    answers = form_for(consultation, complete_answers(names))
    assert answers.is_valid()
    reopened = consultation.get_form(page=consultation, user=None, answers=answers.answers)
    html = render_to_string("consultations/respond_form.html", {"form": reopened, "page_url": "/"})
    posted = with_every_ticked_box(html, PostedForm(html).forms[0], f"{names['choose_many']}_0")
    again = form_for(consultation, posted)
    assert again.is_valid(), again.errors
    assert again.answers == answers.answers


def with_every_ticked_box(html, posted, name):
    """PostedForm keeps one value per name; a browser posts every ticked box."""
    ticked = re.findall(rf'<input type="checkbox" name="{name}" value="([^"]*)"[^>]*checked', html)
    return {**posted, name: ticked}


def submitted_response(consultation, answers, user=None):
    return ConsultationResponse.objects.create(
        page=consultation, user=user, form_data=answers, status=ResponseStatus.SUBMITTED
    )


def rows_of(response):
    return sorted(
        (answer.question.field_type, answer.value, answer.rank, answer.text)
        for answer in response.answers.select_related("question")
    )


def test_store_answers_keeps_one_row_per_answer_or_option(consultation, names):
    form = form_for(consultation, complete_answers(names))
    assert form.is_valid()
    response = submitted_response(consultation, form.answers)
    store_answers(response)
    assert rows_of(response) == sorted(
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


def test_storing_again_replaces_the_rows(consultation, names):
    form = form_for(consultation, complete_answers(names))
    assert form.is_valid()
    response = submitted_response(consultation, form.answers)
    store_answers(response)
    response.form_data = {**form.answers, names["agreement"]: "strongly_disagree", names["ranking"]: []}
    store_answers(response)
    kinds = [row[0] for row in rows_of(response)]
    assert kinds.count("ranking") == 0
    assert response.answers.get(question__field_type="agreement").value == "strongly_disagree"


def test_the_form_builders_own_kinds_still_work_and_are_stored(consultation):
    ConsultationQuestion.objects.filter(page=consultation).delete()
    for order, (label, kind, choices) in enumerate(
        [
            ("How many pupils?", "number", ""),
            ("Your email", "email", ""),
            ("Tick to agree", "checkbox", ""),
            ("Which terms?", "checkboxes", "Autumn\nSpring"),
            ("Which phase?", "dropdown", "Primary\nSecondary"),
        ]
    ):
        ConsultationQuestion.objects.create(
            page=consultation, sort_order=order, label=label, field_type=kind, choices=choices, required=False
        )
    data = {
        "how_many_pupils": "240",
        "your_email": "head@example.org",
        "tick_to_agree": "on",
        "which_terms": ["Spring"],
        "which_phase": "Primary",
    }
    form = form_for(consultation, data)
    assert form.is_valid(), form.errors
    response = submitted_response(consultation, form.answers)
    store_answers(response)
    assert rows_of(response) == sorted(
        [
            ("number", "", None, "240"),
            ("email", "", None, "head@example.org"),
            ("checkbox", "yes", None, ""),
            ("checkboxes", "Spring", None, ""),
            ("dropdown", "Primary", None, ""),
        ]
    )
