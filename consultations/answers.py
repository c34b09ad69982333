"""How each kind of question's answer is kept, twice: whole in `form_data`, and one row per choice in `Answer`.

`ConsultationResponse.form_data` holds what the form gives, by the question's `clean_name`, so a
draft reopens exactly as it was left:

- agreement:   "strongly_agree" (a key of `AGREEMENT`), or "" unanswered.
- ranking:     ["Home visits", "Letters", "Text messages"], the options' labels in rank order
               (a draft may rank only some), or [] unanswered.
- yes_no:      {"answer": "yes" | "no", "comment": "..."}, or None unanswered.
- choose_one:  {"choice": a label | "other", "other": "what they wrote"}, or None unanswered.
- choose_many: {"choices": [labels, and "other" if ticked], "other": "what they wrote"}, or None.
- short_text, long_text: the text, or "".
- the form builder's own kinds: the cleaned value, as JSON (dates and numbers as strings).

A submitted response also has its `Answer` rows (`store_answers`), so the analysis counts answers
with a GROUP BY on `value` rather than reading every response's JSON: one row per answer, or per
option chosen. `value` is what was chosen, `rank` a ranked option's place, `text` what was written:

- agreement:   value = the key.
- ranking:     one row per ranked option: value = label, rank = 1, 2, 3...
- yes_no:      value = "yes" | "no", text = the comment.
- choose_one:  value = the label or "other", text = the "other" answer.
- choose_many: one row per option ticked, the same way.
- short_text, long_text, and the builder's email, number, date: value = "", text = the answer.
- the builder's checkbox: value "yes" | "no"; checkboxes: one row per option; radio, dropdown: value.

Text is kept as typed (plain text) and escaped wherever it is shown.
"""

from django.db import transaction

OTHER = "other"
TEXT_KINDS = {"short_text", "long_text", "email", "number", "date"}
NOT_ANSWERED = "Not answered"


def is_answered(value) -> bool:
    if isinstance(value, dict):
        return any(value.values())
    return value not in (None, "", [])


def rows_for(question, value) -> list[dict]:
    """The Answer rows (as field values) for one question's answer; none when it was not answered."""
    if not is_answered(value):
        return []
    kind = question.field_type
    if kind == "ranking":
        return [{"value": label, "rank": place} for place, label in enumerate(value, start=1)]
    if kind == "yes_no":
        return [{"value": value.get("answer", ""), "text": value.get("comment", "")}]
    if kind == "choose_one":
        return [chosen_row(value.get("choice", ""), value)]
    if kind == "choose_many":
        return [chosen_row(choice, value) for choice in value.get("choices", [])]
    if kind == "checkboxes":
        return [{"value": choice} for choice in value]
    if kind == "checkbox":
        return [{"value": "yes" if value else "no"}]
    if kind in TEXT_KINDS:
        return [{"value": "", "text": str(value)}]
    return [{"value": str(value)}]


def chosen_row(choice, value) -> dict:
    return {"value": choice, "text": value.get("other", "") if choice == OTHER else ""}


@transaction.atomic
def store_answers(response) -> list:
    """Replaces the response's Answer rows with those of its form_data, so the counts follow the latest answers."""
    from consultations.models import Answer

    response.answers.all().delete()
    rows = [
        Answer(response=response, question=question, **row)
        for question in response.page.specific.get_form_fields()
        for row in rows_for(question, response.form_data.get(question.clean_name))
    ]
    return Answer.objects.bulk_create(rows)


def in_words(question, value) -> list[str]:
    """An answer as lines a person reads back (the receipt, their closed draft)."""
    if not is_answered(value):
        return [NOT_ANSWERED]
    kind = question.field_type
    if kind == "agreement":
        from consultations.models import AGREEMENT

        return [dict(AGREEMENT).get(value, value)]
    if kind == "ranking":
        return [f"{place}. {label}" for place, label in enumerate(value, start=1)]
    if kind == "yes_no":
        comment = value.get("comment")
        return [value.get("answer", "").capitalize() or NOT_ANSWERED, *([f"Comment: {comment}"] if comment else [])]
    if kind in {"choose_one", "choose_many"}:
        chosen = [value.get("choice")] if kind == "choose_one" else value.get("choices", [])
        lines = [f"Other: {value.get('other', '')}" if choice == OTHER else choice for choice in chosen if choice]
        return lines or [NOT_ANSWERED]
    if kind == "checkbox":
        return ["Yes" if value else "No"]
    return list(value) if isinstance(value, list) else [str(value)]


def copy_of_answers(page, form_data) -> list[tuple[str, list[str]]]:
    """Each question with the person's answer in words, in the order they were asked."""
    return [
        (question.label, in_words(question, form_data.get(question.clean_name))) for question in page.get_form_fields()
    ]
