"""Organisations and people: records of their own, whether or not the person has an account."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords
from wagtail.search import index

from governance.minutes.names import initials_of, name_key


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", "School"
    ACADEMY_TRUST = "academy_trust", "Academy trust"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    HOUSING = "housing", "Housing"
    COLLEGE = "college", "College"
    UNIVERSITY = "university", "University"
    EARLY_YEARS = "early_years", "Early years"
    CHARITY = "charity", "Charity or voluntary sector"
    GOVERNMENT = "government", "Government department"
    OTHER = "other", "Other"


class Organisation(index.Indexed, models.Model):
    """A body that sends people to partnership groups: a school, the council, a health trust..."""

    name = models.CharField(max_length=200, unique=True, help_text="The organisation's usual name.")
    kind = models.CharField(
        max_length=20, choices=OrganisationKind.choices, help_text="Decides which expectations apply to it."
    )
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    """Someone who sits on, attends or is named in a group's papers; linked to an account if they have one."""

    full_name = models.CharField(
        max_length=200, help_text="As they are written in minutes, for example 'Dame Jane Roe DBE'."
    )
    job_title = models.CharField(max_length=200, blank=True, help_text="For example 'Headteacher'.")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="Their account on this site, if they have one. Their group roles give this account its rights.",
    )
    email = models.EmailField(
        blank=True,
        db_index=True,
        help_text="Where invitations go. When someone confirms this address on their account, the account is linked.",
    )
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    match_key = models.CharField(max_length=200, editable=False, db_index=True)
    history = HistoricalRecords()

    search_fields = [index.SearchField("full_name"), index.AutocompleteField("full_name")]

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.match_key = name_key(self.full_name)
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def initials(self):
        return initials_of(self.full_name)

    @classmethod
    def find_by_name(cls, name):
        """The person this name refers to, honorifics and post-nominals aside, or None."""
        key = name_key(name)
        return cls.objects.filter(match_key=key).first() if key else None
