"""The Riverford partnership's governance: organisations, people, groups, terms and meetings.

Dates are relative to the day the demo is loaded; pages have fixed slugs so a re-run moves their
dates rather than adding new ones.
"""

import datetime

from django.utils import timezone

from governance.models import (
    AttendanceCapacity,
    AttendanceRecord,
    AttendanceStatus,
    GroupKind,
    MeetingPage,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    PartnershipGroupPage,
    PartnershipIndexPage,
    Person,
    TermsOfReferencePage,
)
from portal.demo import ensure_child

ORGANISATIONS = {
    "council": ("Riverford City Council", OrganisationKind.LOCAL_AUTHORITY),
    "trust": ("Riverford Learning Trust", OrganisationKind.ACADEMY_TRUST),
    "millbrook": ("Millbrook Primary School", OrganisationKind.SCHOOL),
    "health": ("Riverford Community Health NHS Trust", OrganisationKind.HEALTH),
    "police": ("Riverford and Vale Police", OrganisationKind.POLICE),
    "housing": ("Riverford Homes", OrganisationKind.HOUSING),
    "college": ("Riverford College", OrganisationKind.COLLEGE),
}

# (full name, job title, organisation key, demo account role or None)
PEOPLE = {
    "helen": ("Helen Marsh", "Chief Executive", "trust", "chair"),
    "priya": ("Priya Shah", "Partnership Officer", "council", "secretariat"),
    "tom": ("Tom Alder", "Head of Attendance and Inclusion", "council", "member"),
    "grace": ("Grace Ellison", "Headteacher", "millbrook", "head"),
    "kwame": ("Dr Kwame Asante", "Designated Doctor for Safeguarding", "health", None),
    "laura": ("Laura Pike", "Inspector, Youth Justice", "police", None),
    "dave": ("Dave Hollis", "Vice Principal", "college", None),
    "fiona": ("Fiona Clarke", "Tenancy Services Manager", "housing", None),
    "ben": ("Ben Carter", "Education Adviser", "council", None),
}

PARTNERSHIP_ROLES = [
    ("helen", MembershipRole.CHAIR),
    ("grace", MembershipRole.VICE_CHAIR),
    ("tom", MembershipRole.MEMBER),
    ("kwame", MembershipRole.MEMBER),
    ("laura", MembershipRole.MEMBER),
    ("dave", MembershipRole.CO_OPTED),
    ("priya", MembershipRole.SECRETARIAT),
    ("ben", MembershipRole.ADVISER),
    ("fiona", MembershipRole.OBSERVER),
]
ATTENDANCE_GROUP_ROLES = [
    ("kwame", MembershipRole.INDEPENDENT_CHAIR),
    ("tom", MembershipRole.MEMBER),
    ("grace", MembershipRole.MEMBER),
    ("laura", MembershipRole.MEMBER),
    ("fiona", MembershipRole.MEMBER),
    ("priya", MembershipRole.SECRETARIAT),
]


def load(context):
    today, accounts = context["today"], context["accounts"]
    organisations = {key: ensure_organisation(*spec) for key, spec in ORGANISATIONS.items()}
    people = {key: ensure_person(spec, organisations, accounts) for key, spec in PEOPLE.items()}
    index = ensure_child(
        context["home"],
        PartnershipIndexPage,
        "partnerships",
        title="Partnerships",
        show_in_menus=True,
        introduction=(
            "The city partnership, its working groups and the task-and-finish groups that carry its priorities."
        ),
    )
    partnership = ensure_group(index, "riverford-strategic-education-partnership", today, people)
    attendance_group = ensure_attendance_group(index, partnership, today, people)
    ensure_terms(partnership, today)
    ensure_meetings(partnership, today, people, accounts)
    context.update(partnership=partnership, attendance_group=attendance_group, people=people)


def ensure_organisation(name, kind):
    return Organisation.objects.update_or_create(name=name, defaults={"kind": kind})[0]


def ensure_person(spec, organisations, accounts):
    full_name, job_title, organisation, account = spec
    person, _ = Person.objects.update_or_create(
        full_name=full_name,
        defaults={"job_title": job_title, "organisation": organisations[organisation], "user": accounts.get(account)},
    )
    return person


def ensure_memberships(group, roles, people, since):
    for key, role in roles:
        Membership.objects.update_or_create(
            person=people[key], group=group, role=role, defaults={"starts_on": since, "ends_on": None}
        )


def ensure_group(index, slug, today, people):
    group = ensure_child(
        index,
        PartnershipGroupPage,
        slug,
        title="Riverford Strategic Education Partnership",
        kind=GroupKind.PARTNERSHIP,
        purpose=(
            "<p>Speaks for Riverford's education system on the few issues no single school or service can "
            "solve alone, starting with school attendance, and holds its members to the pledges they make.</p>"
        ),
        starts_on=today - datetime.timedelta(days=730),
    )
    ensure_memberships(group, PARTNERSHIP_ROLES, people, since=today - datetime.timedelta(days=700))
    return group


def ensure_attendance_group(index, partnership, today, people):
    group = ensure_child(
        index,
        PartnershipGroupPage,
        "attendance-task-and-finish-group",
        title="Attendance task-and-finish group",
        kind=GroupKind.TASK_AND_FINISH,
        parent_group=partnership,
        lead=people["tom"],
        purpose=(
            "<p>Brings persistent absence in Riverford's secondary schools down to the national rate "
            "within two years.</p>"
        ),
        starts_on=today - datetime.timedelta(days=120),
        review_on=today + datetime.timedelta(days=245),
        ends_on=today + datetime.timedelta(days=610),
    )
    ensure_memberships(group, ATTENDANCE_GROUP_ROLES, people, since=today - datetime.timedelta(days=120))
    return group


TERMS_COMMON = {
    "purpose": (
        "<p>To provide strategic direction and leadership for Riverford's education system, agree a small number "
        "of city-wide priorities and hold partners to account for the pledges they make.</p>"
    ),
    "term": "Effective from its date and ongoing until terminated by agreement between the parties.",
    "responsibilities": (
        "<ul><li>Attend meetings and read papers sent in advance</li><li>Work in good faith with other members</li>"
        "<li>Relay feedback to and from the sector they represent</li></ul>"
    ),
    "chaired_by": "Helen Marsh, Riverford Learning Trust",
    "meeting_frequency": "Every half term",
    "amendment": "These terms may be amended in writing after consultation and agreement by members.",
}


def ensure_terms(group, today):
    first = dict(TERMS_COMMON, quorum=4, effective_from=today - datetime.timedelta(days=700))
    ensure_child(
        group, TermsOfReferencePage, "terms-of-reference-2024", title="Terms of reference (first version)", **first
    )
    second = dict(
        TERMS_COMMON,
        quorum=5,
        effective_from=today - datetime.timedelta(days=200),
        change_summary="Health and housing joined the partnership; the quorum rises from four to five members.",
        membership=[
            ("seat", {"name": "", "job_title": "Two secondary and two primary heads", "organisation": "Schools"}),
            ("seat", {"name": "Dr Kwame Asante", "job_title": "Designated Doctor", "organisation": "Community Health"}),
            (
                "seat",
                {"name": "Fiona Clarke", "job_title": "Tenancy Services Manager", "organisation": "Riverford Homes"},
            ),
        ],
        expectations=[
            (
                "expectations",
                {
                    "organisation_kind": OrganisationKind.SCHOOL,
                    "heading": "Expectations of schools",
                    "expectations": [
                        "Accurately complete admission and attendance registers",
                        "Regularly analyse attendance data to identify pupils who need support",
                    ],
                },
            ),
        ],
    )
    ensure_child(group, TermsOfReferencePage, "terms-of-reference", title="Terms of reference", **second)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


PAST_MEETINGS = [("meeting-past-1", 150), ("meeting-past-2", 90), ("meeting-past-3", 35)]
UPCOMING_MEETINGS = [("meeting-next", 21), ("meeting-after-next", 80)]
MEETING_REGISTER = [
    ("helen", AttendanceCapacity.CHAIR, AttendanceStatus.PRESENT, None),
    ("tom", AttendanceCapacity.MEMBER, AttendanceStatus.PRESENT, None),
    ("kwame", AttendanceCapacity.MEMBER, AttendanceStatus.ONLINE, None),
    ("laura", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, "dave"),
    ("grace", AttendanceCapacity.MEMBER, AttendanceStatus.PRESENT, None),
    ("ben", AttendanceCapacity.IN_ATTENDANCE, AttendanceStatus.PRESENT, None),
    ("priya", AttendanceCapacity.NOTES, AttendanceStatus.PRESENT, None),
]


def meeting_fields(day, title, minutes=""):
    return {
        "title": title,
        "start": at(day, 11),
        "end": at(day, 13),
        "venue": "Riverford Civic Centre, Committee Room 2",
        "agenda": [
            ("item", {"title": "Welcome and apologies", "summary": ""}),
            ("item", {"title": "Minutes and matters arising", "summary": ""}),
            ("item", {"title": "Attendance data: autumn term", "summary": "Persistent absence against the milestone."}),
            ("item", {"title": "Agency pledges: progress", "summary": ""}),
        ],
        "minutes": minutes,
    }


def set_register(meeting, people):
    meeting.register.all().delete()
    for order, (key, capacity, status, deputy) in enumerate(MEETING_REGISTER):
        AttendanceRecord.objects.create(
            meeting=meeting,
            sort_order=order,
            person=people[key],
            capacity=capacity,
            status=status,
            represented_by=people[deputy] if deputy else None,
        )


def ensure_meetings(group, today, people, accounts):
    for slug, days_ago in PAST_MEETINGS:
        day = today - datetime.timedelta(days=days_ago)
        minutes = (
            "<p>HM welcomed members. The autumn attendance data showed secondary persistent absence falling for "
            "the second half term running.</p><p>Action – TA to circulate the school-level breakdown.</p>"
        )
        meeting = ensure_child(
            group, MeetingPage, slug, **meeting_fields(day, f"Partnership meeting, {day:%-d %B %Y}", minutes)
        )
        set_register(meeting, people)
    for slug, days_ahead in UPCOMING_MEETINGS:
        day = today + datetime.timedelta(days=days_ahead)
        ensure_child(group, MeetingPage, slug, **meeting_fields(day, f"Partnership meeting, {day:%-d %B %Y}"))
    ensure_meeting_awaiting_approval(group, today, people, accounts["secretariat"])


def ensure_meeting_awaiting_approval(group, today, people, secretariat):
    """Published with its agenda; its minutes wait in the chair's workflow queue."""
    day = today - datetime.timedelta(days=7)
    meeting = ensure_child(
        group, MeetingPage, "meeting-awaiting-approval", **meeting_fields(day, f"Partnership meeting, {day:%-d %B %Y}")
    )
    set_register(meeting, people)
    if meeting.workflow_in_progress:
        return
    meeting.minutes = (
        "<p>Members reviewed the draft pledges from health and housing.</p>"
        "<p>Action – FC to confirm the housing visit checklist by half term.</p>"
    )
    meeting.save_revision(user=secretariat)
    meeting.get_workflow().start(meeting, secretariat)
