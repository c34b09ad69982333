"""Consultations put to school leaders, parents and partners, built on Wagtail's form builder.

A consultation is a page a group publishes (`ConsultationPage`, an `AbstractForm`); its questions are
form-builder fields with the kinds consultations need (an agreement scale, ranking, yes/no with a
comment, choices with "other", text with a word limit). Each person has at most one response, which
they can keep as a draft, submit, change until the closing time and withdraw. Submitted answers are
also kept one row per answer (`Answer`), so the analysis counts them with a GROUP BY in the database.
After closing, the chair publishes the outcome: "we asked, you said, we did".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from consultations.forms import ConsultationFormBuilder


class ConsultationIndexPage(Page):
    """Every consultation, open ones first, with what was done with the answers once published."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text="Who consultations are for, and how the partnership uses what people say.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = self.consultations_in_stage_order()
        return context

    def consultations_in_stage_order(self, now=None):
        """Open ones first (closing soonest at the top), then those opening soon, then closed (latest first)."""
        now = now or timezone.now()
        consultations = ConsultationPage.objects.child_of(self).live().public()
        return sorted(consultations, key=lambda consultation: consultation.listing_order(now))


class Audience(models.TextChoices):
    """Who a consultation is for, and what kind of respondent someone is when they answer."""

    SCHOOL_LEADERS = "school_leaders", "School leaders"
    PARENTS_CARERS = "parents_carers", "Parents and carers"
    PARTNERS = "partners", "Partner organisations"
    ANYONE = "anyone", "Anyone"


class WhoMayRespond(models.TextChoices):
    VERIFIED_EMAIL = "verified_email", "Anyone with a confirmed email address"
    ACCOUNT_TYPES = "account_types", "Signed-in people of the kinds it is for"
    VERIFIED_SCHOOL_STAFF = "verified_school_staff", "Only verified school staff"
    NAMED_ORGANISATIONS = "named_organisations", "Only staff of the organisations named below"


class Stage(models.TextChoices):
    FORTHCOMING = "forthcoming", "Opens soon"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    OUTCOME = "outcome", "Outcome published"


# Question kinds, each stored as documented in consultations/answers.py.
QUESTION_KINDS = (
    ("agreement", "Agreement scale (strongly agree … strongly disagree, don't know)"),
    ("ranking", "Rank the options"),
    ("yes_no", "Yes or no, with an optional comment"),
    ("choose_one", "Choose one (with 'other, please say' if allowed)"),
    ("choose_many", "Choose any (with 'other, please say' if allowed)"),
    ("short_text", "Short answer"),
    ("long_text", "Long answer"),
)
KEPT_FORM_BUILDER_KINDS = {"email", "number", "date", "checkbox", "dropdown", "radio", "checkboxes"}
QUESTION_TYPE_CHOICES = QUESTION_KINDS + tuple(
    choice for choice in FORM_FIELD_CHOICES if choice[0] in KEPT_FORM_BUILDER_KINDS
)
AGREEMENT = (
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
    ("dont_know", "Don't know"),
)


class ConsultationQuestion(AbstractFormField):
    """One question: the form builder's field, with the kinds, word limit and 'other' consultations need."""

    page = ParentalKey("ConsultationPage", on_delete=models.CASCADE, related_name="questions")
    field_type = models.CharField("kind of question", max_length=16, choices=QUESTION_TYPE_CHOICES)
    word_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="For text answers: the most words a person may write. Shown as they type."
    )
    allow_other = models.BooleanField(
        "offer 'other (please say)'", default=False, help_text="For choose-one and choose-any questions."
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type"),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("allow_other"),
        FieldPanel("word_limit"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = "question"


class ConsultationPage(AbstractForm):
    """A consultation a group publishes: context, questions, who may answer, when, and what was done."""

    group = models.ForeignKey(
        "governance.PartnershipGroupPage",
        on_delete=models.PROTECT,
        related_name="consultations",
        help_text="The group that asks, reads the answers and publishes the outcome.",
    )
    priority = models.ForeignKey(
        "actions.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        help_text="The priority this consultation informs, if any.",
    )
    summary = models.TextField(max_length=600, help_text="What is being asked and why, in two or three sentences.")
    context = RichTextField(
        features=["h2", "h3", "bold", "italic", "ul", "ol", "link", "document-link"],
        blank=True,
        help_text="The background people need before they answer.",
    )
    documents = StreamField([("document", DocumentChooserBlock())], blank=True, help_text="Papers to read first.")
    for_school_leaders = models.BooleanField("school leaders", default=False)
    for_parents_carers = models.BooleanField("parents and carers", default=False)
    for_partners = models.BooleanField("partner organisations", default=False)
    for_anyone = models.BooleanField("anyone", default=False)
    who_may_respond = models.CharField(
        max_length=30, choices=WhoMayRespond.choices, default=WhoMayRespond.ACCOUNT_TYPES
    )
    organisations = ParentalManyToManyField(
        "governance.Organisation",
        blank=True,
        related_name="consultations",
        help_text="When only named organisations may respond: which ones.",
    )
    opens_at = models.DateTimeField(help_text="When people can start answering (UK time).")
    closes_at = models.DateTimeField(help_text="When answers stop being accepted (UK time).")
    how_responses_used = models.TextField(
        "how the answers will be used", help_text="Who reads them, and what they will inform."
    )
    privacy_notice = models.TextField(help_text="What personal details are kept, for how long, and who sees them.")
    identify_respondents = models.BooleanField(
        "chairs see who answered",
        default=False,
        help_text="Unticked, chairs see only anonymised answers. People are told which before they start.",
    )
    outcome_summary = RichTextField(
        "we asked, you said",
        features=["h3", "bold", "italic", "ul", "ol", "link"],
        blank=True,
        help_text="After closing: what was asked and what people said.",
    )
    outcome_charts = models.JSONField(
        default=list, blank=True, help_text="The questions whose charts are shown with the outcome."
    )
    outcome_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("group"),
        FieldPanel("priority"),
        FieldPanel("summary"),
        FieldPanel("context"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("for_school_leaders"),
                        FieldPanel("for_parents_carers"),
                        FieldPanel("for_partners"),
                        FieldPanel("for_anyone"),
                    ]
                ),
                FieldPanel("who_may_respond"),
                FieldPanel("organisations"),
                FieldPanel("identify_respondents"),
            ],
            heading="Who it is for and who may answer",
        ),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="When"),
        FieldPanel("how_responses_used"),
        FieldPanel("privacy_notice"),
        InlinePanel("questions", label="Question"),
        MultiFieldPanel(
            [FieldPanel("outcome_summary"), InlinePanel("commitments", label="We did")],
            heading="Outcome: we asked, you said, we did",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("context")]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []
    form_builder = ConsultationFormBuilder

    class Meta:
        verbose_name = "consultation"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing time must be after the opening time."})
        if not any(getattr(self, f"for_{kind}") for kind in ("school_leaders", "parents_carers", "partners", "anyone")):
            raise ValidationError({"for_anyone": "Say who the consultation is for."})

    def get_form_fields(self):
        return self.questions.all()

    def get_submission_class(self):
        return ConsultationResponse

    @property
    def audiences(self) -> list[str]:
        return [audience for audience in Audience.values if getattr(self, f"for_{audience}")]

    def stage(self, now=None) -> str:
        now = now or timezone.now()
        if self.outcome_published_at:
            return Stage.OUTCOME
        if now < self.opens_at:
            return Stage.FORTHCOMING
        return Stage.OPEN if now < self.closes_at else Stage.CLOSED

    def is_open(self, now=None) -> bool:
        return self.stage(now) == Stage.OPEN

    def listing_order(self, now=None) -> tuple:
        """Sorts lists by what a reader can still act on: open (closing soonest), opening soon, then closed."""
        stage = self.stage(now)
        if stage == Stage.OPEN:
            return (0, self.closes_at.timestamp())
        if stage == Stage.FORTHCOMING:
            return (1, self.opens_at.timestamp())
        return (2, -self.closes_at.timestamp())

    def serve(self, request, *args, **kwargs):
        """Wagtail's form page, with drafts, one response per person and the stages (see respond_views)."""
        from consultations.respond_views import serve

        return serve(self, request)

    def get_preview_context(self, request, mode_name):
        """Editors see the page as someone about to answer it, whoever they are and whatever the dates."""
        from consultations.respond_views import page_context

        return page_context(self, request)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """There is no separate thank-you page: the consultation page itself says what was sent."""
        from consultations.respond_views import show

        return show(self, request)


class Commitment(Orderable):
    """One 'we did': a commitment made in the outcome, which can become a tracked action."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(max_length=1000, help_text="What the partnership will do, or did, because of the answers.")
    action = models.ForeignKey(
        "actions.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text="The action on the group's log that tracks it.",
    )

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text[:80]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ConsultationResponse(AbstractFormSubmission):
    """One person's response: a draft until they submit it; changeable until closing; theirs to withdraw.

    `form_data` holds the answers as the form gives them; `respondent_type` and `organisation_name`
    are copied from the account when submitted, so analysis can compare heads and parents after the
    personal details are stripped (`manage.py anonymise_responses`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
    )
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    respondent_type = models.CharField(max_length=20, choices=Audience.choices, blank=True, db_index=True)
    organisation_name = models.CharField(max_length=200, blank=True, db_index=True)
    respondent_name = models.CharField(max_length=200, blank=True)
    respondent_email = models.EmailField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    wants_outcome = models.BooleanField(
        "tell me what was done with the answers", default=True, help_text="An email when the outcome is published."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "response"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"], condition=Q(user__isnull=False), name="one_response_per_person"
            )
        ]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self):
        return f"Response {self.pk} to {self.page_id}"


class Answer(models.Model):
    """One submitted answer, or one chosen option of it, so the analysis counts with a GROUP BY.

    `value` is the option chosen (an agreement key, a choice's label, "yes"/"no", "other"); `rank`
    its place for ranking questions; `text` what was written (free text, an "other", a comment).
    """

    response = models.ForeignKey(ConsultationResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ConsultationQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=255, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self):
        return f"{self.question_id}: {self.value or self.text[:40]}"


class Notice(models.Model):
    """An email sent about a consultation to one person, so each kind is sent once however often the job runs."""

    class Kind(models.TextChoices):
        OPENED = "opened", "It has opened"
        CLOSING_SOON = "closing_soon", "It closes soon and your draft is unsent"
        OUTCOME = "outcome", "Its outcome is published"

    consultation = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "user", "kind"], name="one_notice_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.user_id}"
