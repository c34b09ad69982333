"""Attendance indicators: DfE's published figures, by area, phase and period, that milestones are tied to."""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

__all__ = [
    "Area",
    "AreaLevel",
    "ComparatorKind",
    "ComparatorMember",
    "ComparatorSet",
    "FigureImportRequest",
    "FigureImportState",
    "Indicator",
    "IndicatorImport",
    "Observation",
    "PeriodKind",
    "Phase",
    "Polarity",
]


class AreaLevel(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Regional"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    SCHOOL = "school", "School"


class Phase(models.TextChoices):
    TOTAL = "total", "Total"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    SPECIAL = "special", "Special"


class PeriodKind(models.TextChoices):
    ACADEMIC_YEAR = "academic_year", "Academic year"
    YEAR_TO_DATE = "year_to_date", "Academic year to date"
    TERM = "term", "Term"
    WEEK = "week", "Week"
    DAY = "day", "Day"


class Polarity(models.TextChoices):
    LOWER_IS_BETTER = "lower_is_better", "Lower is better"
    HIGHER_IS_BETTER = "higher_is_better", "Higher is better"


class Area(models.Model):
    """A place DfE publishes figures for; its code is its identity because names change between releases."""

    level = models.CharField(max_length=20, choices=AreaLevel.choices)
    code = models.CharField(
        max_length=12,
        help_text="England E92000001, a region such as E12000003, a council such as E08000019, or a school's URN.",
    )
    old_code = models.CharField(max_length=6, blank=True, help_text="The council's old three-digit number, e.g. 373.")
    name = models.CharField(max_length=120, help_text="The name used in the latest figures.")
    name_as_of = models.DateField(null=True, blank=True, help_text="Start of the period the name was published for.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", help_text="Where it lies."
    )

    class Meta:
        ordering = ["level", "name"]
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="one_area_per_level_and_code")]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """A measure of attendance, with which direction counts as better so charts and milestones read it right."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=10, default="%")
    polarity = models.CharField(max_length=20, choices=Polarity.choices, default=Polarity.LOWER_IS_BETTER)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class IndicatorImport(models.Model):
    """One file read into the indicators, so every figure can be traced to the release it came from."""

    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=40)
    imported_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    rows_read = models.PositiveIntegerField(default=0)
    observations_created = models.PositiveIntegerField(default=0)
    observations_updated = models.PositiveIntegerField(default=0)
    observations_unchanged = models.PositiveIntegerField(default=0)
    missing_values = models.PositiveIntegerField(default=0)
    areas_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d %b %Y})"


class FigureImportState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Importing…"
    DONE = "done", "Done"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"


# DfE's largest file imports in seconds; an import still waiting after this has stopped.
STALLED_AFTER = datetime.timedelta(minutes=15)


def private_upload_path(figure_import, filename) -> str:
    """A folder no one can guess: the file is never linked, and only the worker reads it (through storage)."""
    return f"private/figure-imports/{uuid.uuid4().hex}/{PurePath(filename).name}"


class FigureImportRequest(models.Model):
    """A file uploaded in the admin, waiting for the task worker to import it, and then what the import did.

    The file is kept through Django's storage API, so the worker may run on another server than the one
    that took the upload. The report is the importer's own (`ImportReport.as_json()`).
    """

    file = models.FileField(upload_to=private_upload_path, max_length=255, blank=True)
    file_name = models.CharField(max_length=255, help_text="The name the file was uploaded under.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker began the import.")
    dry_run = models.BooleanField(default=False)
    version = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=10, choices=FigureImportState.choices, default=FigureImportState.QUEUED)
    report = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    produced = models.ForeignKey(
        IndicatorImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="import"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.requested_at:%d %b %Y %H:%M})"

    @property
    def waiting(self) -> bool:
        return self.state in (FigureImportState.QUEUED, FigureImportState.RUNNING)

    @property
    def stalled(self) -> bool:
        """Waiting far longer than any import takes (seconds, for DfE's largest files): the worker that had
        it stopped before it finished, or no worker is running to take it."""
        return self.waiting and (self.started_at or self.requested_at) < timezone.now() - STALLED_AFTER

    @classmethod
    def stalled_requests(cls):
        cutoff = timezone.now() - STALLED_AFTER
        queued = models.Q(state=FigureImportState.QUEUED, requested_at__lt=cutoff)
        running = models.Q(state=FigureImportState.RUNNING, started_at__lt=cutoff)
        return cls.objects.filter(queued | running)

    def claim(self) -> bool:
        """Marks a queued request as running; False if another worker took it first."""
        claimed = FigureImportRequest.objects.filter(pk=self.pk, state=FigureImportState.QUEUED)
        started_at = timezone.now()
        if not claimed.update(state=FigureImportState.RUNNING, started_at=started_at):
            return False
        self.state, self.started_at = FigureImportState.RUNNING, started_at
        return True

    def queue_again(self) -> bool:
        """Puts a stalled request back in the queue; False if it is not stalled (it finished, or another
        person queued it again first). An import is all or nothing, so a stopped one saved nothing."""
        again = FigureImportRequest.stalled_requests().filter(pk=self.pk)
        requested_at = timezone.now()
        if not again.update(state=FigureImportState.QUEUED, requested_at=requested_at, started_at=None):
            return False
        self.state, self.requested_at, self.started_at = FigureImportState.QUEUED, requested_at, None
        return True

    def finish(self, report: dict, produced=None):
        self.report, self.produced = report, produced
        self.state = FigureImportState.REFUSED if report.get("errors") else FigureImportState.DONE
        self.finished_at = timezone.now()
        self.save(update_fields=["report", "produced", "state", "finished_at"])

    def forget_file(self):
        self.file.delete(save=False)
        self.save(update_fields=["file"])

    def fail(self):
        self.state, self.finished_at = FigureImportState.FAILED, timezone.now()
        self.save(update_fields=["state", "finished_at"])


class Observation(models.Model):
    """One published figure. A suppressed or unavailable figure keeps DfE's code and no value, never zero."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="observations")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    period = models.CharField(max_length=30, help_text='"2018/19", "2024/25 autumn", "2025-W37" or "2025-09-08".')
    period_kind = models.CharField(max_length=20, choices=PeriodKind.choices)
    period_start = models.DateField()
    value = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    missing_code = models.CharField(max_length=4, blank=True, help_text="DfE's code for a missing figure (c, x, z …).")
    source = models.ForeignKey(IndicatorImport, on_delete=models.PROTECT, related_name="observations")
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "phase", "period"], name="one_figure_per_period")
        ]
        indexes = [models.Index(fields=["indicator", "area", "phase", "period_start"], name="observation_series")]

    def __str__(self):
        return f"{self.indicator} {self.area} {self.phase} {self.period}"


class ComparatorKind(models.TextChoices):
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "DfE statistical neighbours"
    PEER_SET = "peer_set", "Peer set"


class ComparatorSet(models.Model):
    """Areas an area is compared with: DfE's ten statistical neighbours of one council (a list DfE revises,
    so each version is kept), or a peer set people name themselves, such as the core cities."""

    kind = models.CharField(max_length=30, choices=ComparatorKind.choices, default=ComparatorKind.PEER_SET)
    name = models.CharField(max_length=120, help_text="For example 'Core cities'.")
    subject = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="neighbour_sets",
        help_text="For statistical neighbours: the council whose neighbours these are.",
    )
    version = models.CharField(max_length=40, blank=True, help_text="Which release of the list, e.g. 'May 2025'.")
    published_on = models.DateField(null=True, blank=True, help_text="When that release was published.")
    description = models.TextField(blank=True, help_text="Why these areas are compared.")
    source = models.ForeignKey(IndicatorImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    areas = models.ManyToManyField(Area, through="ComparatorMember", related_name="comparator_sets")

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "version"],
                condition=models.Q(kind="statistical_neighbours"),
                name="one_neighbour_list_per_council_and_version",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})" if self.version else self.name


class ComparatorMember(models.Model):
    """One area in a comparator set; for statistical neighbours, its place (1 is nearest) and DfE's closeness."""

    comparator_set = models.ForeignKey(ComparatorSet, on_delete=models.CASCADE, related_name="members")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    closeness = models.CharField(max_length=20, blank=True, help_text="Extremely close … not close.")

    class Meta:
        ordering = ["comparator_set", "position"]
        constraints = [models.UniqueConstraint(fields=["comparator_set", "area"], name="area_once_per_comparator_set")]

    def __str__(self):
        return f"{self.area} in {self.comparator_set}"
