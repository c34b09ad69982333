"""Action logs, priorities and pledges: what a partnership agreed to do, who does it, and by when.

An action is a record people track, not a page: it arises from a meeting (or is added between
meetings), has an owner and a due date, and is carried forward as "matters arising" until it is
closed. Priorities belong to a partnership and are worked on by a task-and-finish group; a pledge is
an organisation's public commitment to a priority, and its concrete tasks are actions.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from wagtail.search import index

from governance.models import GroupKind


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONSULTING = "consulting", "Consulting"
    ACTIVE = "active", "Active"
    UNDER_REVIEW = "under_review", "Under review"
    CLOSED = "closed", "Closed"


class Priority(index.Indexed, models.Model):
    """One of a partnership's few priorities: where working together can change attendance."""

    partnership = models.ForeignKey(
        "governance.PartnershipGroupPage", on_delete=models.CASCADE, related_name="priorities"
    )
    title = models.CharField(max_length=200, help_text="For example 'Persistent absence in Year 9'.")
    rationale = models.TextField(
        "why the partnership can make a difference",
        help_text="Why this is a priority the partnership, rather than one school or service, can tackle.",
    )
    status = models.CharField(max_length=20, choices=PriorityStatus.choices, default=PriorityStatus.PROPOSED)
    starts_on = models.DateField(null=True, blank=True, help_text="When work on it started.")
    review_on = models.DateField(null=True, blank=True, help_text="When the partnership next reviews it.")
    review_every_months = models.PositiveSmallIntegerField(
        "review cycle",
        choices=[(6, "Every six months"), (12, "Every twelve months")],
        default=12,
        help_text="How often the partnership reviews it.",
    )
    task_and_finish_group = models.ForeignKey(
        "governance.PartnershipGroupPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_priorities",
        limit_choices_to={"kind": GroupKind.TASK_AND_FINISH},
        help_text="The task-and-finish group that owns the work.",
    )
    history = HistoricalRecords()

    # The admin's chooser searches only the priorities the person may see, named by id (portal.choosers).
    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.FilterField("id")]

    class Meta:
        ordering = ["partnership", "title"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actions:priority", args=[self.pk])

    def clean(self):
        if self.task_and_finish_group_id and self.task_and_finish_group.kind != GroupKind.TASK_AND_FINISH:
            raise ValidationError({"task_and_finish_group": "Choose a task-and-finish group."})
        if self.starts_on and self.review_on and self.review_on < self.starts_on:
            raise ValidationError({"review_on": "The review date is before the start date."})

    @property
    def review_overdue(self):
        return bool(self.review_on and self.review_on < timezone.localdate() and self.status != PriorityStatus.CLOSED)


class PledgeStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    FULFILLED = "fulfilled", "Fulfilled"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Pledge(models.Model):
    """An organisation's public commitment to a priority, followed by concrete tasks (its actions)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="pledges")
    organisation = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT, related_name="pledges")
    statement = models.TextField(
        max_length=2000,
        help_text="The commitment in the organisation's words, for example 'We will check the child's age "
        "when booking routine appointments and book outside school hours'.",
    )
    made_on = models.DateField(default=timezone.localdate, help_text="When the pledge was made.")
    signed_by = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges_signed",
        help_text="Who made the pledge for the organisation.",
    )
    status = models.CharField(max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.ACTIVE)
    review_on = models.DateField(null=True, blank=True, help_text="When the pledge is next reviewed.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "organisation__name"]

    def __str__(self):
        return f"{self.organisation}: {self.statement[:80]}"

    def get_absolute_url(self):
        return reverse("actions:pledge", args=[self.pk])


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    BLOCKED = "blocked", "Blocked"
    DROPPED = "dropped", "Dropped"


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)
NEEDS_REASON = (ActionStatus.BLOCKED, ActionStatus.DROPPED)


class ActionQuerySet(models.QuerySet):
    def still_open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.still_open().filter(due_on__lt=today or timezone.localdate())


class Action(index.Indexed, models.Model):
    """Something a group agreed to do: quoted by its reference, owned, dated, and tracked until it closes."""

    reference = models.CharField(max_length=40, unique=True, editable=False)
    number = models.PositiveIntegerField(editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    title = models.CharField(max_length=250, help_text="What is to be done, in a line.")
    detail = models.TextField(blank=True, help_text="Anything the owner needs to know to do it.")
    group = models.ForeignKey("governance.PartnershipGroupPage", on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        "governance.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text="The meeting where it was agreed.",
    )
    agenda_item = models.CharField(max_length=200, blank=True, help_text="The agenda item it arose from.")
    owner = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text="The person who does it.",
    )
    owner_organisation = models.ForeignKey(
        "governance.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text="The organisation that owns it, when no one person does.",
    )
    due_on = models.DateField(null=True, blank=True, help_text="When it should be done.")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    status_reason = models.TextField(blank=True, help_text="Why it is blocked or was dropped.")
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        help_text="The pledge this is a task of.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.SearchField("reference"),
        index.AutocompleteField("title"),
        index.FilterField("group_id"),
        index.FilterField("id"),  # the admin's chooser searches only the actions the person may see
    ]

    class Meta:
        ordering = ["group", "-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["group", "year", "number"], name="one_number_per_group_year")]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["owner", "status"])]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def save(self, *args, **kwargs):
        if self.pledge_id and not self.priority_id:
            self.priority_id = self.pledge.priority_id
        if self.status in (ActionStatus.DONE, ActionStatus.DROPPED):
            self.closed_on = self.closed_on or timezone.localdate()
        else:
            self.closed_on = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actions:action", args=[self.reference])

    def clean(self):
        if self.status in NEEDS_REASON and not self.status_reason.strip():
            raise ValidationError({"status_reason": f"Say why the action is {self.get_status_display().lower()}."})
        if self.pledge_id and self.priority_id and self.pledge.priority_id != self.priority_id:
            raise ValidationError({"pledge": "The pledge belongs to a different priority."})

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None):
        return self.is_open and self.due_on is not None and self.due_on < (today or timezone.localdate())

    @property
    def owner_name(self):
        if self.owner_id:
            return self.owner.full_name
        return self.owner_organisation.name if self.owner_organisation_id else ""


class ActionUpdate(models.Model):
    """A dated note on an action: progress from someone who may change it, or a comment from a member.

    A status change is kept with the note that explains it.
    """

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Progress"
        COMMENT = "comment", "Comment"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PROGRESS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(max_length=4000)
    status_from = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"{self.action.reference} {self.written_at:%d %b %Y}"


class Reminder(models.Model):
    """An email sent about an action, so each stage is sent once for each due date it had."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    due_on = models.DateField(help_text="The due date the reminder was about.")
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["action", "stage", "due_on"], name="one_reminder_per_stage")]

    def __str__(self):
        return f"{self.get_stage_display()} reminder for {self.action.reference}"


def reference_prefix(title: str) -> str:
    """A group's initials for its action references: 'Riverford Strategic Education Partnership' → 'RSEP'."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", title) if w.lower() not in {"and", "of", "the", "for", "a"}]
    initials = "".join(word[0] for word in words).upper()
    return (initials or "ACT")[:6]


from actions.models.indicators import *  # noqa: E402, F403 (attendance indicators, re-exported)
from actions.models.milestones import *  # noqa: E402, F403 (milestones on priorities, re-exported)
