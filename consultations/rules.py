"""Who may answer a consultation, who may read the answers, and what kind of respondent someone is.

Every view of this app asks these functions rather than deciding for itself, so the page, the
analysis, the export and the emails agree.
"""

from dataclasses import dataclass

from consultations.models import Audience, ConsultationPage, WhoMayRespond
from portal.models import Audience as AccountType

RESPONDENT_TYPES = {
    AccountType.SCHOOL_STAFF: Audience.SCHOOL_LEADERS,
    AccountType.PARENT_CARER: Audience.PARENTS_CARERS,
    AccountType.PARTNER_STAFF: Audience.PARTNERS,
}


@dataclass
class Eligibility:
    """Whether the person may answer, and if not, why, in words they can act on."""

    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


def respondent_type(user) -> str:
    """The kind of respondent an account is, as the analysis compares them."""
    return RESPONDENT_TYPES.get(user.audience, Audience.ANYONE)


def may_respond(user, consultation: ConsultationPage) -> Eligibility:
    if not user.is_authenticated:
        return Eligibility(False, "Sign in, or create an account, to answer this consultation.")
    if not user.has_verified_email():
        return Eligibility(False, "Confirm your email address first: we sent you a link when you signed up.")
    rule = consultation.who_may_respond
    if rule == WhoMayRespond.VERIFIED_EMAIL:
        return Eligibility(True)
    if rule == WhoMayRespond.VERIFIED_SCHOOL_STAFF:
        return school_staff_only(user)
    if rule == WhoMayRespond.NAMED_ORGANISATIONS:
        return named_organisations_only(user, consultation)
    return account_types_only(user, consultation)


def account_types_only(user, consultation):
    audiences = consultation.audiences
    if Audience.ANYONE in audiences:
        return Eligibility(True)
    kind = respondent_type(user)
    if kind == Audience.SCHOOL_LEADERS and kind in audiences:
        return school_staff_only(user)
    if kind in audiences:
        return Eligibility(True)
    asked = ", ".join(Audience(audience).label.lower() for audience in audiences)
    return Eligibility(
        False, f"This consultation is for {asked}. Your account is for {user.get_audience_display().lower()}."
    )


def school_staff_only(user):
    if user.is_verified_school_staff:
        return Eligibility(True)
    if user.is_school_staff:
        return Eligibility(
            False,
            f"This consultation is for school leaders, and we have not yet checked that you work at "
            f"{user.school_name or 'your school'}. We will email you once we have; until then you can read it.",
        )
    return Eligibility(False, "This consultation is for school leaders only.")


def named_organisations_only(user, consultation):
    person = getattr(user, "person", None)
    organisation_id = person.organisation_id if person else None
    if organisation_id and consultation.organisations.filter(pk=organisation_id).exists():
        return Eligibility(True)
    names = {name.casefold() for name in consultation.organisations.values_list("name", flat=True)}
    if user.organisation_name and user.organisation_name.casefold() in names:
        return Eligibility(True)
    return Eligibility(False, "This consultation is for the organisations it names; yours is not one of them.")


def may_analyse(user, consultation: ConsultationPage) -> bool:
    """The publishing group's chairs and secretariat read the answers (and site admins)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    group = consultation.group
    return user.groups.filter(pk__in=[group.chairs_group_id, group.secretariat_group_id]).exists()


def may_see_names(user, consultation: ConsultationPage) -> bool:
    """Names and emails only when respondents were told chairs would see them, and only to its chairs."""
    if not (consultation.identify_respondents and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(pk=consultation.group.chairs_group_id).exists()


def may_publish_outcome(user, consultation: ConsultationPage) -> bool:
    """The publishing group's chairs write and publish 'we asked, you said, we did'."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(pk=consultation.group.chairs_group_id).exists()
