"""Milestones: a priority's target for one attendance indicator, in one area and phase, by an academic year."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actions.models.indicators import Area, Indicator, Phase

__all__ = ["Milestone", "academic_year_start", "ACADEMIC_YEAR"]

ACADEMIC_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def academic_year_start(period: str) -> int | None:
    """2022 for '2022/23'; None for anything that is not an academic year written that way."""
    found = ACADEMIC_YEAR.match(period or "")
    if not found or int(found[2]) != (int(found[1]) + 1) % 100:
        return None
    return int(found[1])


class Milestone(models.Model):
    """What a priority means to move, written so its status can be worked out from DfE's published figures:
    "secondary persistent absence in Sheffield from 28% to 24% by 2026/27"."""

    priority = models.ForeignKey("actions.Priority", on_delete=models.CASCADE, related_name="milestones")
    intent = models.CharField(
        "what the partnership means to achieve",
        max_length=300,
        help_text="One sentence, e.g. 'Fewer secondary pupils persistently absent in Sheffield by 2026/27'.",
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="milestones")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="milestones", help_text="England, a region or a council."
    )
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.TOTAL)
    baseline_period = models.CharField(
        max_length=7, help_text="The academic year the partnership starts from, written like 2022/23."
    )
    baseline_value = models.DecimalField(
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Leave empty to take DfE's published figure for that year.",
    )
    target_period = models.CharField(max_length=7, help_text="The academic year the target is for, like 2026/27.")
    target_value = models.DecimalField(max_digits=8, decimal_places=3, help_text="The figure to reach, e.g. 24.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "target_period", "pk"]

    def __str__(self):
        return self.intent

    def get_absolute_url(self):
        return reverse("actions:milestone", args=[self.pk])

    @property
    def baseline_year(self):
        return academic_year_start(self.baseline_period)

    @property
    def target_year(self):
        return academic_year_start(self.target_period)

    def clean(self):
        errors = {}
        for name in ("baseline_period", "target_period"):
            if academic_year_start(getattr(self, name)) is None:
                errors[name] = "Write an academic year like 2022/23."
        if not errors and self.target_year <= self.baseline_year:
            errors["target_period"] = "The target year must come after the baseline year."
        if errors:
            raise ValidationError(errors)
