"""People who sign in, and what they told us about themselves when they signed up."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Audience(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    SCHOOL_STAFF = "school_staff", "School staff"
    PARTNER_STAFF = "partner_staff", "Partner organisation staff"


class SchoolRole(models.TextChoices):
    HEADTEACHER = "headteacher", "Headteacher"
    EXECUTIVE_HEADTEACHER = "executive_headteacher", "Executive headteacher"
    DEPUTY_HEADTEACHER = "deputy_headteacher", "Deputy or assistant headteacher"
    TRUST_CEO = "trust_ceo", "Trust chief executive"
    ATTENDANCE_LEAD = "attendance_lead", "Attendance lead"
    SENCO = "senco", "SENCo"
    PASTORAL_LEAD = "pastoral_lead", "Pastoral or safeguarding lead"
    OTHER = "other", "Other school staff"


class VerificationMethod(models.TextChoices):
    ADMIN = "admin", "Checked by a site admin"
    DOMAIN = "domain", "Email address on a verified school domain"


# Django groups that page privacy and page permissions can name. Each person is in exactly the
# groups their audience and verification put them in; see User.sync_audience_groups.
AUDIENCE_GROUPS = {
    "parents_carers": "Parents and carers",
    "verified_school_staff": "Verified school staff",
    "partner_staff": "Partner organisation staff",
}

urn_validator = RegexValidator(r"^\d{6}$", "A school's URN is six digits, for example 107106.")


class PortalUserManager(UserManager):
    """Creates users by email: the portal has no usernames."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Anyone with an account: chairs and members, heads and school staff, parents and carers."""

    username = None
    email = models.EmailField("email address", unique=True)

    audience = models.CharField(
        "who you are",
        max_length=20,
        choices=Audience.choices,
        default=Audience.PARENT_CARER,
        help_text="Decides which consultations are put to this person.",
    )
    school_name = models.CharField(max_length=200, blank=True)
    school_urn = models.CharField(
        "school URN",
        max_length=6,
        blank=True,
        validators=[urn_validator],
        help_text="The school's six-digit unique reference number, as on Get Information About Schools.",
    )
    school_role = models.CharField("job", max_length=30, choices=SchoolRole.choices, blank=True)
    organisation_name = models.CharField(
        "organisation", max_length=200, blank=True, help_text="The partner organisation this person works for."
    )

    school_staff_verified_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When this person was confirmed as working at the school they named.",
    )
    school_staff_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verification_method = models.CharField(max_length=10, choices=VerificationMethod.choices, blank=True)

    notify_new_consultations = models.BooleanField(
        "tell me about new consultations", default=True, help_text="An email when a consultation opens for you."
    )
    notify_consultation_outcomes = models.BooleanField(
        "tell me what was done with my answers",
        default=True,
        help_text="An email when a consultation you answered publishes its response.",
    )
    notify_group_updates = models.BooleanField(
        "tell me about my groups' meetings and actions",
        default=True,
        help_text="Emails about meetings, minutes and actions of the groups you belong to.",
    )
    notify_action_reminders = models.BooleanField(
        "remind me about my actions",
        default=True,
        help_text="An email when an action you own is due within a few days, and again if it becomes overdue.",
    )

    objects = PortalUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_school_staff(self):
        return self.audience == Audience.SCHOOL_STAFF

    @property
    def is_verified_school_staff(self):
        return self.is_school_staff and self.school_staff_verified_at is not None

    @property
    def awaits_school_verification(self):
        return self.is_school_staff and self.school_staff_verified_at is None

    def verify_school_staff(self, *, by=None, method=VerificationMethod.ADMIN):
        self.school_staff_verified_at = timezone.now()
        self.school_staff_verified_by = by
        self.verification_method = method

    def revoke_school_staff_verification(self):
        self.school_staff_verified_at = None
        self.school_staff_verified_by = None
        self.verification_method = ""

    def refresh_school_verification(self, *, school_changed=False):
        """Keeps verification true to the facts after sign-up, a profile edit or a change of email.

        Naming another school withdraws an admin's check; a verified address on an allow-listed
        school domain verifies at once, and moving off that domain withdraws it.
        """
        if not self.is_school_staff or (school_changed and self.verification_method == VerificationMethod.ADMIN):
            self.revoke_school_staff_verification()
        if not self.is_school_staff:
            return
        on_verified_domain = self.has_verified_email() and VerifiedSchoolDomain.covers(self.email)
        if self.verification_method == VerificationMethod.DOMAIN and not on_verified_domain:
            self.revoke_school_staff_verification()
        if on_verified_domain and not self.is_verified_school_staff:
            self.verify_school_staff(method=VerificationMethod.DOMAIN)

    def has_verified_email(self):
        if not self.pk:
            return False
        return self.emailaddress_set.filter(email__iexact=self.email, verified=True).exists()

    def audience_group_names(self):
        if self.audience == Audience.PARENT_CARER:
            return {AUDIENCE_GROUPS["parents_carers"]}
        if self.audience == Audience.PARTNER_STAFF:
            return {AUDIENCE_GROUPS["partner_staff"]}
        return {AUDIENCE_GROUPS["verified_school_staff"]} if self.is_verified_school_staff else set()

    def sync_audience_groups(self):
        """Put the person in the audience groups that match what they are now, and no others."""
        wanted = [Group.objects.get_or_create(name=name)[0] for name in self.audience_group_names()]
        unwanted = Group.objects.filter(name__in=AUDIENCE_GROUPS.values()).exclude(
            pk__in=[group.pk for group in wanted]
        )
        self.groups.remove(*unwanted)
        self.groups.add(*wanted)


class VerifiedSchoolDomain(models.Model):
    """An email domain that only a school's staff can hold; sign-ups from it are verified at once."""

    domain = models.CharField(
        max_length=253,
        unique=True,
        help_text="The part after the @, for example greenfield.sch.uk. Only add domains a school controls.",
    )
    organisation_name = models.CharField(
        max_length=200, help_text="The school or trust that owns the domain, for the record."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = "verified school domain"

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)

    @classmethod
    def covers(cls, email):
        """Only an address exactly on a listed domain: not a look-alike (evilgreenfield.sch.uk), nor a
        subdomain, which may hold other people's addresses (pupils.greenfield.sch.uk)."""
        _name, at, domain = email.rpartition("@")
        return bool(at) and cls.objects.filter(domain=domain.lower()).exists()
