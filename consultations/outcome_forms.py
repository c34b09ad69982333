"""The outcome form, in the words a chair uses: what was asked and said, which charts, and what will be done."""

from django import forms

from consultations.outcome import Line

MAX_SUMMARY_CHARACTERS = 20_000
SPARE_LINES = 3
MAX_LINES = 40


class OutcomeForm(forms.Form):
    summary = forms.CharField(
        label="We asked, you said",
        required=False,
        max_length=MAX_SUMMARY_CHARACTERS,
        widget=forms.Textarea({"rows": 12}),
        help_text="What the consultation asked, who answered and what they told you, in plain paragraphs "
        "(a blank line between them). Nothing is public until you publish the outcome.",
    )
    charts = forms.TypedMultipleChoiceField(
        label="Charts to show with it",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each chart shows how many people chose each answer, with the figures in a table beside it.",
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["charts"].choices = [(question.pk, question.label) for question in questions]


class CommitmentLineForm(forms.Form):
    """One "we did" line; the hidden id ties an existing line to its commitment (and its action)."""

    commitment = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label="We did",
        required=False,
        max_length=1000,
        widget=forms.Textarea({"rows": 2}),
        help_text="One thing the partnership will do, or has done, because of the answers.",
    )
    remove = forms.BooleanField(label="Remove this line", required=False)

    def line(self) -> Line:
        data = self.cleaned_data
        return Line(data.get("commitment"), data.get("text", ""), data.get("remove", False))


CommitmentLines = forms.formset_factory(
    CommitmentLineForm, extra=SPARE_LINES, max_num=MAX_LINES, validate_max=True, absolute_max=MAX_LINES + SPARE_LINES
)


def commitment_lines(commitments, data=None):
    initial = [{"commitment": commitment.pk, "text": commitment.text} for commitment in commitments]
    lines = CommitmentLines(data, initial=initial, prefix="we_did")
    for number, form in enumerate(lines.forms):
        form.existing = commitments[number] if number < len(commitments) else None
    return lines
