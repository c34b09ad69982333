"""The consultation form: Wagtail's form builder, taught the question kinds consultations need.

Each kind's answer is kept as `consultations/answers.py` documents. A draft ("Save and come back
later") is checked only for what could not be kept (word limits, lengths, options that do not exist),
never for questions left unanswered; submitting checks everything.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from consultations.answers import OTHER

SHORT_TEXT_CHARACTERS = 2_000
LONG_TEXT_CHARACTERS = 20_000
COMMENT_CHARACTERS = 5_000
OTHER_CHARACTERS = 500
OTHER_LABEL = "Other (please say)"


def count_words(text: str) -> int:
    """Words as the counter on the page counts them: runs of characters between spaces."""
    return len(text.split())


class WordLimit:
    """Refuses text over the question's word limit, naming the limit and how far over it is."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, text):
        used = count_words(text or "")
        if used > self.limit:
            raise ValidationError(
                f"Use {self.limit} words or fewer: you have used {used}.", code="word_limit", params={"used": used}
            )


class SubWidgets(forms.MultiWidget):
    """A question made of several inputs, laid out by its own template with a label for each input."""

    sub_labels: tuple = ()

    def decompress(self, value):
        # Stored answers are turned into widget values by the field (`widget_value`), never here.
        return [None] * len(self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.sub_labels, strict=False):
            subwidget["sub_label"] = label
        return context


class RankingWidget(SubWidgets):
    template_name = "consultations/widgets/ranking.html"

    def __init__(self, options, rank_choices):
        self.sub_labels = tuple(options)
        super().__init__([forms.Select(choices=rank_choices) for _ in options])


class AnswerWithTextWidget(SubWidgets):
    """Choices (radios or checkboxes) followed by a box to write in: a comment, or what 'other' is."""

    template_name = "consultations/widgets/answer_with_text.html"

    def __init__(self, choices_widget, text_widget=None, text_label=""):
        self.sub_labels = ("", text_label)
        super().__init__([choices_widget, text_widget] if text_widget else [choices_widget])


class CompositeAnswer(forms.MultiValueField):
    """A question of several inputs whose completeness is checked only on submitting, not for a draft."""

    for_draft = False

    def __init__(self, fields, **kwargs):
        kwargs.pop("initial", None)
        super().__init__(fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = False

    def compress(self, data_list):
        return self.answer_from(data_list) if data_list else None

    def checks_complete(self, answer) -> bool:
        return not self.for_draft and (self.required or answer not in (None, [], ""))

    def anchor(self, auto_id):
        """The id of the first input, for the error summary's link."""
        return f"{auto_id}_0_0"


class RankingField(CompositeAnswer):
    """Each option gets a rank from 1 to n, all different; the answer is the labels in rank order."""

    def __init__(self, options, **kwargs):
        self.options = options
        rank_choices = [("", "Choose a rank"), *((str(place), str(place)) for place in range(1, len(options) + 1))]
        fields = [forms.TypedChoiceField(choices=rank_choices, coerce=int, empty_value=None) for _ in options]
        kwargs.setdefault("error_messages", {})["required"] = f"Give each option a rank from 1 to {len(options)}."
        super().__init__(fields, widget=RankingWidget(options, rank_choices), **kwargs)

    def compress(self, data_list):
        return self.answer_from(data_list) if data_list else []

    def answer_from(self, ranks):
        ranked = [(rank, label) for rank, label in zip(ranks, self.options, strict=True) if rank is not None]
        if not self.for_draft:
            self.check_ranks(ranked)
        return [label for _, label in sorted(ranked, key=lambda pair: pair[0])]

    def check_ranks(self, ranked):
        if ranked and len(ranked) < len(self.options):
            raise ValidationError(self.error_messages["required"], code="incomplete")
        ranks = [rank for rank, _ in ranked]
        repeated = sorted({rank for rank in ranks if ranks.count(rank) > 1})
        if repeated:
            raise ValidationError(
                f"Give each option a different rank: {', '.join(map(str, repeated))} is used more than once.",
                code="repeated_rank",
            )

    def widget_value(self, answer):
        order = list(answer or [])
        return [str(order.index(label) + 1) if label in order else "" for label in self.options]

    def anchor(self, auto_id):
        return f"{auto_id}_0"


class YesNoField(CompositeAnswer):
    """Yes or no, with a comment if they want to say more."""

    def __init__(self, comment_limit=None, **kwargs):
        comment = forms.CharField(max_length=COMMENT_CHARACTERS, validators=word_limits(comment_limit))
        answer = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])
        widget = AnswerWithTextWidget(
            forms.RadioSelect(choices=answer.choices), forms.Textarea({"rows": 3}), "Comment (optional)"
        )
        kwargs.setdefault("error_messages", {})["required"] = "Choose yes or no."
        super().__init__([answer, comment], widget=widget, **kwargs)

    def answer_from(self, data_list):
        answer, comment = data_list
        return {"answer": answer or "", "comment": comment or ""} if answer or comment else None

    def validate(self, value):
        if self.checks_complete(value) and not (value or {}).get("answer"):
            raise ValidationError(self.error_messages["required"], code="required")

    def widget_value(self, answer):
        answer = answer or {}
        return [answer.get("answer"), answer.get("comment")]


class ChooseOneField(CompositeAnswer):
    """One of the options, or, when the question allows it, 'other' with what that is."""

    def __init__(self, choices, allow_other=False, **kwargs):
        choices = [*choices, (OTHER, OTHER_LABEL)] if allow_other else list(choices)
        fields = [self.choices_field(choices)]
        if allow_other:
            fields.append(forms.CharField(max_length=OTHER_CHARACTERS))
        kwargs.setdefault("error_messages", {}).setdefault("required", "Choose an answer.")
        other_widget = forms.TextInput() if allow_other else None
        widget = AnswerWithTextWidget(fields[0].widget, other_widget, "If other, what is it?")
        super().__init__(fields, widget=widget, **kwargs)

    def choices_field(self, choices):
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect)

    def answer_from(self, data_list):
        choice, other = (*data_list, "")[:2]
        if other and not choice:
            choice = OTHER
        return {"choice": choice, "other": other if choice == OTHER else ""} if choice else None

    def chosen(self, value) -> list:
        return [value["choice"]] if value else []

    def validate(self, value):
        if not self.checks_complete(value):
            return
        chosen = self.chosen(value)
        if self.required and not chosen:
            raise ValidationError(self.error_messages["required"], code="required")
        if OTHER in chosen and not value.get("other", "").strip():
            raise ValidationError("Say what your other answer is.", code="other_missing")

    def widget_value(self, answer):
        answer = answer or {}
        return [answer.get("choice"), answer.get("other")]


class ChooseManyField(ChooseOneField):
    """Any of the options, and 'other' with what that is when the question allows it."""

    def __init__(self, choices, allow_other=False, **kwargs):
        kwargs.setdefault("error_messages", {})["required"] = "Choose at least one answer."
        super().__init__(choices, allow_other, **kwargs)

    def choices_field(self, choices):
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple)

    def answer_from(self, data_list):
        choices, other = (*data_list, "")[:2]
        choices = list(choices or [])
        if other and OTHER not in choices:
            choices.append(OTHER)
        return {"choices": choices, "other": other if OTHER in choices else ""} if choices else None

    def chosen(self, value) -> list:
        return value["choices"] if value else []

    def widget_value(self, answer):
        answer = answer or {}
        return [answer.get("choices", []), answer.get("other")]


def word_limits(limit) -> list:
    return [WordLimit(limit)] if limit else []


class ConsultationForm(BaseForm):
    """One consultation's questions. `draft=True` checks limits but not gaps; `answers` reopens a response."""

    # Drafts may leave any question blank, so no input is marked required; the server says what is missing.
    use_required_attribute = False

    def __init__(self, *args, draft=False, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, answer in (answers or {}).items():
            if name in self.fields:
                self.initial[name] = widget_value(self.fields[name], answer)
        if draft:
            for field in self.fields.values():
                field.required = False
                field.for_draft = True

    @property
    def answers(self) -> dict:
        """The cleaned answers as plain JSON (dates and numbers as text), as `form_data` keeps them."""
        return json.loads(json.dumps(self.cleaned_data, cls=DjangoJSONEncoder))

    def error_links(self) -> list[tuple[str, str]]:
        """(id of the input to jump to, the question and what is wrong) for each error, for the error summary."""
        links = []
        for name, errors in self.errors.items():
            field = self[name] if name in self.fields else None
            anchor = anchor_for(field) if field else ""
            links += [(anchor, with_question(field.label if field else "", error)) for error in errors]
        return links


def with_question(label, error) -> str:
    """'Which phase?: Choose an answer.' reads badly; a question that ends in a stop needs no colon."""
    if not label:
        return error
    return f"{label} {error}" if label[-1] in "?.!" else f"{label}: {error}"


def widget_value(field, answer):
    return field.widget_value(answer) if hasattr(field, "widget_value") else answer


def anchor_for(bound_field) -> str:
    if hasattr(bound_field.field, "anchor"):
        return bound_field.field.anchor(bound_field.auto_id)
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


class ConsultationFormBuilder(FormBuilder):
    """Adds the consultation kinds to Wagtail's builder; the builder's own kinds work as before."""

    def get_form_class(self):
        return type("ConsultationQuestionsForm", (ConsultationForm,), self.formfields)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if not field.required:
            options["label"] = f"{field.label} (optional)"
        return options

    def create_agreement_field(self, field, options):
        from consultations.models import AGREEMENT

        options["error_messages"] = {"required": "Choose how far you agree."}
        return forms.ChoiceField(choices=AGREEMENT, widget=forms.RadioSelect, **options)

    def create_ranking_field(self, field, options):
        labels = [label for _, label in self.get_formatted_field_choices(field)]
        hint = f"Give 1 to your first choice and {len(labels)} to your last, each option a different number."
        options["help_text"] = joined_hint(options["help_text"], hint)
        return RankingField(labels, **options)

    def create_yes_no_field(self, field, options):
        return YesNoField(comment_limit=field.word_limit, **options)

    def create_choose_one_field(self, field, options):
        return ChooseOneField(self.get_formatted_field_choices(field), field.allow_other, **options)

    def create_choose_many_field(self, field, options):
        options["help_text"] = joined_hint(options["help_text"], "Choose all that apply.")
        return ChooseManyField(self.get_formatted_field_choices(field), field.allow_other, **options)

    def create_short_text_field(self, field, options):
        return self.text_field(field, options, SHORT_TEXT_CHARACTERS, forms.TextInput())

    def create_long_text_field(self, field, options):
        return self.text_field(field, options, LONG_TEXT_CHARACTERS, forms.Textarea({"rows": 8}))

    def text_field(self, field, options, characters, widget):
        """Text with its word limit named in the hint (read without JavaScript) and counted live with it."""
        options["error_messages"] = {"required": "Answer this question."}
        if field.word_limit:
            options["help_text"] = joined_hint(options["help_text"], f"Up to {field.word_limit} words.")
            widget.attrs["data-word-limit"] = field.word_limit
        return forms.CharField(
            max_length=characters, validators=word_limits(field.word_limit), widget=widget, **options
        )


def joined_hint(help_text, hint):
    """The question's own help (already escaped by the builder) followed by how to answer."""
    return format_html("{} {}", help_text, hint) if help_text else hint
