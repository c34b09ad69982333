"""What chairs do to their group's membership, and how rights keep up with dates and invitations.

Views and the scheduled command call these; the rights themselves are worked out in roles.py.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from governance.models import Membership, Organisation, OrganisationKind, PartnershipGroupPage, Person
from governance.models.groups import ROLE_ORDER
from governance.roles import all_role_group_ids, sync_user_rights
from portal.models import User
from portal.tasks import queue_email
from portal.visibility import visible_to

RIGHTS_CHECKED_KEY = "governance_rights_checked_on"


def mark_rights_checked(request):
    request.session[RIGHTS_CHECKED_KEY] = timezone.localdate().isoformat()


def rights_checked_today(request) -> bool:
    return request.session.get(RIGHTS_CHECKED_KEY) == timezone.localdate().isoformat()


def sync_all_rights() -> int:
    """Every account that holds or held a role, put in step with today's memberships. Returns how many."""
    holds_or_held = Q(person__memberships__isnull=False) | Q(groups__in=all_role_group_ids())
    accounts = User.objects.filter(holds_or_held).distinct()
    count = 0
    for user in accounts.iterator():
        sync_user_rights(user)
        count += 1
    return count


def organisation_named(name):
    name = (name or "").strip()[:200]
    if not name:
        return None
    found = Organisation.objects.filter(name__iexact=name).first()
    return found or Organisation.objects.create(name=name, kind=OrganisationKind.OTHER)


def find_or_create_person(full_name, email="", organisation_name="", job_title=""):
    """The person with this email (on the portal or as an account), else a new record."""
    email = email.strip().lower()
    if email:
        known = Person.objects.filter(email=email).first() or Person.objects.filter(user__email__iexact=email).first()
        if known:
            return known
    person = Person.objects.create(
        full_name=full_name.strip(),
        email=email,
        job_title=job_title.strip(),
        organisation=organisation_named(organisation_name),
    )
    account = User.objects.filter(email__iexact=email).first() if email else None
    if account is not None and not Person.objects.filter(user=account).exists():
        person.user = account
        person.save()
    return person


@transaction.atomic
def add_member(group, person, *, role, sector="", starts_on=None, request=None):
    """Adds the person to the group, and invites them by email when they have no account yet."""
    membership = Membership.objects.create(
        group=group, person=person, role=role, sector=sector, starts_on=starts_on or timezone.localdate()
    )
    if person.user_id is None and person.email:
        invite(membership, request)
    elif person.user_id is not None:
        tell_new_member(membership, request)
    return membership


def end_membership(membership, on=None):
    """Rights end at the start of the day given: today takes them away at once."""
    on = on or timezone.localdate()
    membership.ends_on = max(on, membership.starts_on)
    membership.save()
    return membership


def email_context(membership, request):
    chair = request.user if request is not None else None
    return {
        "membership": membership,
        "group": membership.group,
        "chair_name": (chair.get_full_name() or chair.email) if chair else "The group's chair",
        "group_url": absolute(request, membership.group.url or "/"),
        "signup_url": absolute(request, reverse("account_signup")),
        "login_url": absolute(request, reverse("account_login")),
        "email_url": absolute(request, reverse("account_email")),
    }


def absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invite(membership, request=None):
    """Emails someone with no account how to join; confirming this address links their account."""
    person = membership.person
    context = email_context(membership, request)
    queue_email(
        subject=f"You have been added to {membership.group.title}",
        body=render_to_string("governance/email/invitation.txt", context),
        to=[person.email],
    )
    Person.objects.filter(pk=person.pk).update(invited_at=timezone.now())


def invite_by_email(membership, email, request=None):
    """Records the address of someone with no account and sends them the invitation."""
    person = membership.person
    person.email = email
    person.save()
    invite(membership, request)


def tell_new_member(membership, request=None):
    user = membership.person.user
    if not user.notify_group_updates:
        return
    queue_email(
        subject=f"You have been added to {membership.group.title}",
        body=render_to_string("governance/email/added.txt", email_context(membership, request)),
        to=[user.email],
    )


def link_invited_people(user, email):
    """Links the account to the person a chair invited at this address, if it has no person yet."""
    if Person.objects.filter(user=user).exists():
        return None
    person = Person.objects.filter(email=email.strip().lower(), user__isnull=True).order_by("pk").first()
    if person is not None:
        person.user = user
        person.save()
    return person


def memberships_visible_to(request, memberships):
    """Memberships of the groups the person may open: who sits on a members-only group stays inside it."""
    if request.user.is_superuser:
        return memberships
    return memberships.filter(group__in=visible_to(request, PartnershipGroupPage.objects.all()).values("pk"))


def memberships_for_management(group):
    """Current and future memberships first, then those that have ended, newest first."""
    today = timezone.localdate()
    memberships = Membership.objects.filter(group=group).select_related("person__organisation", "organisation")
    current = sorted(
        (m for m in memberships if m.ends_on is None or m.ends_on > today),
        key=lambda m: (ROLE_ORDER.index(m.role), m.person.full_name),
    )
    ended = sorted((m for m in memberships if m.ends_on and m.ends_on <= today), key=lambda m: m.ends_on, reverse=True)
    return current, ended


def changes_in(membership):
    """The membership's history as 'who changed what, when', newest first."""
    records = list(membership.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for record, earlier in zip(records, [*records[1:], None], strict=True):
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": describe_change(record, earlier),
            }
        )
    return entries


FIELD_LABELS = {
    "role": "Role",
    "sector": "Sector",
    "starts_on": "Starts",
    "ends_on": "Ends",
    "organisation": "Represents",
}


def describe_change(record, earlier):
    if earlier is None:
        return f"Added as {record.instance.get_role_display()}"
    if record.history_type == "-":
        return "Removed"
    delta = record.diff_against(earlier)
    parts = [
        f"{FIELD_LABELS[change.field]}: {shown(change.field, change.old)} → {shown(change.field, change.new)}"
        for change in delta.changes
        if change.field in FIELD_LABELS
    ]
    return "; ".join(parts) or "Saved with no change"


def shown(field, value):
    if value in (None, ""):
        return "none"
    if field == "role":
        return dict(Membership._meta.get_field("role").choices).get(value, value)
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    if field == "organisation":
        return str(Organisation.objects.filter(pk=value).first() or value)
    return str(value)
