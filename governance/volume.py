"""A realistic volume of governance records, for benchmarks: `manage.py seed_volume --scale N` calls `seed`.

At scale 1: 200 organisations, 5,000 people each sitting on a group (every chair, vice-chair and
secretary, and one other person in twenty, with an account), 50 groups (one in five members-only, one in five a
task-and-finish group), terms of reference for every group and 2,000 meetings with registers,
agendas and published minutes, a few waiting as drafts. Records are bulk-created; pages go through
the page tree one at a time, live without a revision, as an import would make them.

Seeded records carry recognisable names (`volume-group-7`, `person-12@volume.example`), so a run at
a larger scale counts them and adds only what is missing, and a run at the same scale adds nothing.
"""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from wagtail.models import Site

from governance.choices import AttendanceCapacity, MembershipRole, register_capacity
from governance.minutes.names import name_key
from governance.models import (
    AttendanceRecord,
    AttendanceStatus,
    GroupKind,
    MeetingPage,
    Membership,
    Organisation,
    OrganisationKind,
    PartnershipGroupPage,
    PartnershipIndexPage,
    Person,
    TermsOfReferencePage,
)
from governance.models.groups import CHAIR_ROLES
from governance.roles import sync_user_rights
from portal.models import Audience, User
from portal.models.accounts import AUDIENCE_GROUPS

AT_SCALE_ONE = {"organisations": 200, "people": 5000, "groups": 50, "meetings": 2000}
AT_LEAST = {"organisations": 1, "people": 15, "groups": 5, "meetings": 10}
EMAIL_DOMAIN = "volume.example"
GROUP_SLUG = "volume-group-"
MEETING_SLUG = "volume-meeting-"
ACCOUNT_EVERY = 20
DRAFT_MINUTES_EVERY = 100
FUTURE_MEETING_EVERY = 9
# Group n's kind repeats every five groups; the fourth is members-only, the fifth reports to the first.
KIND_CYCLE = [GroupKind.PARTNERSHIP, GroupKind.ALLIANCE, GroupKind.WORKING_GROUP, GroupKind.WORKING_GROUP]
MEMBERS_ONLY_IN_CYCLE = 3
LEAD_ROLES = [MembershipRole.CHAIR, MembershipRole.SECRETARIAT, MembershipRole.VICE_CHAIR]
ROLES_WITH_ACCOUNTS = CHAIR_ROLES | {MembershipRole.SECRETARIAT}

FIRST_NAMES = [
    "Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jack", "Kiran", "Leah", "Mohammed",
    "Niamh", "Owen", "Priya", "Rhys", "Sana", "Tom", "Uma", "Vikram", "Wendy", "Yusuf", "Zara", "Aled", "Bethan",
    "Callum", "Dami", "Eilidh", "Farah", "George", "Hana", "Imran", "Joy", "Kofi", "Lucy", "Marek",
]  # fmt: skip
LAST_NAMES = [
    "Adams", "Begum", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hussain", "Iqbal", "Jones", "Khan", "Lewis",
    "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Shah", "Thomas", "Usman", "Vaughan", "Walker", "Young",
    "Ahmed", "Brown", "Campbell", "Edwards", "Hughes", "Kaur", "Murphy",
]  # fmt: skip
AREAS = ["Riverford", "North Riverford", "Eastgate", "Millbrook and Vale", "Southbank"]
TOPICS = [
    "attendance", "SEND", "early years", "post-16", "inclusion", "safeguarding", "mental health", "transitions",
    "exclusions", "school readiness", "literacy", "careers", "youth justice", "admissions", "place planning",
    "workforce",
]  # fmt: skip
ORGANISATION_KINDS = [
    (OrganisationKind.SCHOOL, "Primary School"),
    (OrganisationKind.SCHOOL, "Academy"),
    (OrganisationKind.ACADEMY_TRUST, "Learning Trust"),
    (OrganisationKind.HEALTH, "Health Centre"),
    (OrganisationKind.CHARITY, "Family Support"),
    (OrganisationKind.COLLEGE, "College"),
]
OTHER_ROLES = [MembershipRole.MEMBER] * 12 + [MembershipRole.CO_OPTED, MembershipRole.ADVISER, MembershipRole.OBSERVER]
MINUTES = (
    "<p>The chair welcomed members and noted apologies. The minutes of the last meeting were agreed as a true "
    "record.</p><p>Members reviewed the latest attendance figures against the milestone and agreed to share "
    "school-level data with heads before half term.</p><p>Action – the secretariat to circulate the data pack.</p>"
)
AGENDA = [
    ("item", {"title": "Welcome and apologies", "summary": "", "papers": []}),
    ("item", {"title": "Minutes and matters arising", "summary": "", "papers": []}),
    ("item", {"title": "Progress against our priorities", "summary": "Figures for the term so far.", "papers": []}),
    ("item", {"title": "Any other business", "summary": "", "papers": []}),
]


def seed(context):
    """Adds whatever is missing up to context["scale"]; returns how many of each kind were added."""
    wanted = {kind: wanted_at(context["scale"], kind) for kind in AT_SCALE_ONE}
    today = context["today"]
    added_organisations = add_organisations(wanted["organisations"])
    index = partnerships_index()
    added_groups = add_groups(index, wanted["groups"], today)
    groups = seeded_groups(index)
    added_people = add_people(wanted["people"], groups, today)
    added_meetings = add_meetings(wanted["meetings"], groups, today)
    return {
        "organisations": added_organisations,
        "groups": added_groups,
        "people": added_people,
        "meetings": added_meetings,
    }


def wanted_at(scale, kind):
    """Never fewer than the smallest volume in which every kind of group has members and meetings."""
    return max(AT_LEAST[kind], round(AT_SCALE_ONE[kind] * scale))


def rng_for(kind, start):
    """The same records every time from the same starting point, so runs are comparable."""
    return random.Random(f"{kind}-{start}")  # noqa: S311 - test data, not secrets


# Organisations and people


def seeded_organisations():
    return Organisation.objects.filter(website__endswith=f".{EMAIL_DOMAIN}/").order_by("pk")


def add_organisations(wanted):
    start = seeded_organisations().count()
    new = [new_organisation(n) for n in range(start + 1, wanted + 1)]
    bulk_create_with_history(new, Organisation)
    return len(new)


def new_organisation(n):
    kind, noun = ORGANISATION_KINDS[n % len(ORGANISATION_KINDS)]
    return Organisation(
        name=f"{AREAS[n % len(AREAS)]} {noun} {n}", kind=kind, website=f"https://org-{n}.{EMAIL_DOMAIN}/"
    )


def seeded_people():
    return Person.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")


def add_people(wanted, groups, today):
    """New people, each on one group in turn; a group's first new members take its chair, secretary and vice-chair."""
    start = seeded_people().count()
    if wanted <= start:
        return 0
    rng = rng_for("people", start)
    organisations = list(seeded_organisations())
    people = [new_person(n, rng, organisations) for n in range(start + 1, wanted + 1)]
    bulk_create_with_history(people, Person, batch_size=1000)
    memberships = [new_membership(person, groups[n % len(groups)], rng, today) for n, person in enumerate(people)]
    give_roles(memberships, rng)
    bulk_create_with_history(memberships, Membership, batch_size=1000)
    give_accounts([m.person for m in memberships if needs_account(m)])
    return len(people)


def new_person(n, rng, organisations):
    full_name = f"{rng.choice(FIRST_NAMES)} {chr(65 + n % 26)}. {rng.choice(LAST_NAMES)}"
    return Person(
        full_name=full_name,
        match_key=name_key(full_name),
        job_title=rng.choice(["Headteacher", "Deputy Headteacher", "Service Manager", "Lead Officer", "Director"]),
        organisation=organisations[n % len(organisations)],
        email=f"person-{n}@{EMAIL_DOMAIN}",
    )


def new_membership(person, group, rng, today):
    return Membership(
        person=person,
        group=group,
        role=MembershipRole.MEMBER,
        starts_on=today - datetime.timedelta(days=rng.randint(30, 1500)),
        ends_on=today - datetime.timedelta(days=rng.randint(1, 25)) if rng.random() < 0.05 else None,
    )


def give_roles(memberships, rng):
    """Each group gets a chair, a secretary and a vice-chair; the rest sit as members, co-opted, advisers, observers."""
    filled = set(Membership.objects.filter(group__in={m.group for m in memberships}).values_list("group_id", "role"))
    for membership in memberships:
        membership.role = first_unfilled_role(membership.group, filled) or rng.choice(OTHER_ROLES)
        if membership.role in ROLES_WITH_ACCOUNTS:
            membership.ends_on = None
        filled.add((membership.group.pk, membership.role))


def first_unfilled_role(group, filled):
    return next((role for role in LEAD_ROLES if (group.pk, role) not in filled), None)


def needs_account(membership):
    return membership.role in ROLES_WITH_ACCOUNTS or membership.person.pk % ACCOUNT_EVERY == 0


def give_accounts(people):
    """Accounts for these people, signed up and confirmed, with the rights their memberships give."""
    unusable = make_password(None)
    users = User.objects.bulk_create([new_user(person, unusable) for person in people])
    for person, user in zip(people, users, strict=True):
        person.user = user
    Person.objects.bulk_update(people, ["user"])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    partner_staff, _ = Group.objects.get_or_create(name=AUDIENCE_GROUPS["partner_staff"])
    User.groups.through.objects.bulk_create([User.groups.through(user=user, group=partner_staff) for user in users])
    for user in users:
        sync_user_rights(user)


def new_user(person, password):
    first_name, _, last_name = person.full_name.rpartition(" ")
    return User(
        email=person.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        audience=Audience.PARTNER_STAFF,
        organisation_name=person.organisation.name,
    )


# Groups and their terms of reference


def partnerships_index():
    index = PartnershipIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=PartnershipIndexPage(title="Partnerships", slug="partnerships"))
    return index


def seeded_groups(index):
    return list(PartnershipGroupPage.objects.child_of(index).filter(slug__startswith=GROUP_SLUG).order_by("path"))


def add_groups(index, wanted, today):
    groups = seeded_groups(index)
    start = len(groups)
    for n in range(start + 1, wanted + 1):
        groups.append(add_group(index, n, groups, today))
        add_terms(groups[-1], n, today)
    return max(0, wanted - start)


def add_group(index, n, earlier_groups, today):
    cycle_place = (n - 1) % (len(KIND_CYCLE) + 1)
    task_and_finish = cycle_place == len(KIND_CYCLE)
    kind = GroupKind.TASK_AND_FINISH if task_and_finish else KIND_CYCLE[cycle_place]
    topic = TOPICS[n % len(TOPICS)]
    group = PartnershipGroupPage(
        title=f"{AREAS[n // len(TOPICS) % len(AREAS)]} {topic} {kind.label.lower()}",
        slug=f"{GROUP_SLUG}{n}",
        kind=kind,
        purpose=f"<p>Brings schools and services together on {topic}, and publishes what it agrees.</p>",
        members_only=cycle_place == MEMBERS_ONLY_IN_CYCLE,
        parent_group=earlier_groups[n - 1 - cycle_place] if task_and_finish else None,
        starts_on=today - datetime.timedelta(days=1800),
    )
    return index.add_child(instance=group)


def add_terms(group, n, today):
    """The version in force for every group; every other group also keeps the version it replaced."""
    if n % 2 == 0:
        add_terms_version(group, "terms-of-reference-first", today - datetime.timedelta(days=1100), quorum=4)
    add_terms_version(
        group,
        "terms-of-reference",
        today - datetime.timedelta(days=300),
        quorum=5,
        change_summary="Health and housing joined the group; the quorum rises from four to five members.",
    )


def add_terms_version(group, slug, effective_from, **fields):
    terms = TermsOfReferencePage(
        title="Terms of reference",
        slug=slug,
        effective_from=effective_from,
        purpose=f"<p>{group.title} agrees a few shared priorities and holds its members to their pledges.</p>",
        term="Effective from its date and ongoing until terminated by agreement between the parties.",
        membership=[("seat", {"name": "", "job_title": "Two secondary and two primary heads", "organisation": ""})],
        responsibilities="<ul><li>Attend meetings and read papers in advance</li><li>Relay feedback</li></ul>",
        chaired_by="The chair, elected by members each year",
        meeting_frequency="Every half term",
        amendment="These terms may be amended in writing after agreement by members.",
        **fields,
    )
    return group.add_child(instance=terms)


# Meetings and their registers


def add_meetings(wanted, groups, today):
    start = MeetingPage.objects.filter(slug__startswith=MEETING_SLUG).count()
    if wanted <= start:
        return 0
    rng = rng_for("meetings", start)
    members = members_by_group(groups)
    register = []
    for n in range(start + 1, wanted + 1):
        group = groups[(n - 1) % len(groups)]
        meeting = add_meeting(group, n, rng, today)
        register += register_for(meeting, members.get(group.pk, []), rng)
    AttendanceRecord.objects.bulk_create(register, batch_size=2000)
    return wanted - start


def members_by_group(groups):
    members = {}
    for group_id, person_id, role in Membership.objects.filter(group__in=groups).values_list(
        "group_id", "person_id", "role"
    ):
        members.setdefault(group_id, []).append((person_id, role))
    return members


def add_meeting(group, n, rng, today):
    """One meeting in nine is still to come; the rest are past with published minutes, a few as drafts."""
    past = n % FUTURE_MEETING_EVERY != 0
    day = today + datetime.timedelta(days=-rng.randint(1, 1460) if past else rng.randint(1, 180))
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.choice([10, 14, 16]))))
    meeting = MeetingPage(
        title=f"{group.title}, {day:%-d %B %Y}",
        slug=f"{MEETING_SLUG}{n}",
        start=start,
        end=start + datetime.timedelta(hours=2),
        venue=f"{AREAS[n % len(AREAS)]} Civic Centre, Room {n % 7 + 1}",
        agenda=AGENDA,
        minutes=MINUTES if past and n % DRAFT_MINUTES_EVERY else "",
        decisions=[("decision", "Members agreed the data-sharing protocol.")] if past else [],
    )
    group.add_child(instance=meeting)
    if past and not n % DRAFT_MINUTES_EVERY:
        # Minutes the secretariat has written that wait, unpublished, for the chair.
        meeting.minutes = MINUTES
        meeting.save_revision()
    return meeting


def register_for(meeting, members, rng):
    """Who came, who sent apologies (a third of them sending a deputy from the group) and who was absent."""
    chosen = rng.sample(members, min(len(members), rng.randint(8, 20)))
    spare = [member for member in members if member not in chosen]
    records = []
    for person_id, role in chosen:
        status = rng.choices(list(AttendanceStatus), weights=[70, 15, 10, 5])[0]
        deputy = spare.pop()[0] if status == AttendanceStatus.APOLOGIES and spare and rng.random() < 0.33 else None
        records.append(line(meeting, person_id, register_capacity(role), status, represented_by_id=deputy))
        if deputy:
            records.append(line(meeting, deputy, AttendanceCapacity.DEPUTY, AttendanceStatus.PRESENT))
    for order, record in enumerate(records):
        record.sort_order = order
    return records


def line(meeting, person_id, capacity, status, represented_by_id=None):
    return AttendanceRecord(
        meeting=meeting, person_id=person_id, capacity=capacity, status=status, represented_by_id=represented_by_id
    )
