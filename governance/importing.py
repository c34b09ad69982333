"""Turns confirmed minutes into a draft meeting with its register, matching names to existing people."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from governance.choices import AttendanceCapacity, AttendanceStatus, register_capacity
from governance.minutes.names import initials_of, is_initials, name_key
from governance.models import (
    AttendanceRecord,
    MeetingPage,
    MinutesUpload,
    Organisation,
    OrganisationKind,
    PartnershipGroupPage,
    Person,
)
from governance.services import meetings_on
from portal.html import plain_text

UPLOADS_KEPT_FOR = datetime.timedelta(days=1)


class ImportRefused(ValueError):
    """The minutes lack something a meeting cannot be saved without."""


class DuplicateMeeting(ImportRefused):
    """The group already has a meeting that day: saving again needs the person to say it is a different one."""

    def __init__(self, meetings):
        self.meetings = list(meetings)
        super().__init__("This group already has a meeting on that day. Tick 'Save anyway' if this is a different one.")


class AlreadySaved(ImportRefused):
    """This upload has been saved as a meeting already, perhaps by a second press of the button."""

    def __init__(self, meeting):
        self.meeting = meeting
        super().__init__(f"These minutes have already been saved as '{meeting.title}'.")


def keep_upload(user, source_text):
    """Hold the text of an upload until its confirmation screen is saved, and clear out abandoned ones."""
    MinutesUpload.objects.filter(uploaded_at__lt=timezone.now() - UPLOADS_KEPT_FOR).delete()
    return MinutesUpload.objects.create(uploaded_by=user, source_text=source_text)


def upload_for(user, key):
    """The person's own upload with this key, or None once it has been cleared out."""
    return MinutesUpload.objects.filter(uploaded_by=user, key=key).select_related("meeting").first()


def people_matching(names, group=None):
    """Existing people for each name, honorifics and post-nominals aside, in one query.

    Minutes written in initials ("JB – SEND Lead") name the group's member with those initials, when
    only one of its members has them.
    """
    keys = {name: name_key(name) for name in names if name}
    found = {person.match_key: person for person in Person.objects.filter(match_key__in=set(keys.values()))}
    matches = {name: found.get(key) for name, key in keys.items()}
    initials = [name for name, person in matches.items() if person is None and is_initials(name)]
    if initials and group is not None:
        members = members_by_initials(group)
        matches.update({name: members.get(name.replace(".", "").replace(" ", "")) for name in initials})
    return matches


def members_by_initials(group):
    """The group's members, past and present, by their initials; initials two members share name nobody."""
    by_initials = defaultdict(list)
    for person in Person.objects.filter(memberships__group=group).distinct():
        by_initials[initials_of(person.full_name)].append(person)
    return {initials: people[0] for initials, people in by_initials.items() if len(people) == 1}


def membership_capacities(group, names, on=None):
    """The register capacity each named person's membership of the group gives them (REGISTER_CAPACITY).

    The role held on the meeting day counts; for older minutes, from before the portal recorded
    memberships, the role held now is the best guess.
    """
    people = {name: person for name, person in people_matching(names, group).items() if person}
    roles = {}
    for day in (timezone.localdate(), on or timezone.localdate()):
        memberships = group.active_memberships(day).filter(person__in=people.values())
        roles.update(memberships.values_list("person_id", "role"))
    return {name: register_capacity(roles[person.pk]) for name, person in people.items() if person.pk in roles}


def settle_capacities(parsed, group):
    """Everyone the minutes list without a capacity gets the one their membership gives them, or member."""
    listed = [person for person in parsed.attendees + parsed.absent if not person.capacity]
    capacities = membership_capacities(group, [person.name for person in listed], on=parsed.date)
    for person in listed:
        person.capacity = capacities.get(person.name, AttendanceCapacity.MEMBER)


class PeopleRegister:
    """Finds or creates the people named in one set of minutes, each once."""

    def __init__(self, names, group=None):
        self.known = people_matching(names, group)

    def person(self, name, organisation=""):
        if self.known.get(name) is None:
            self.known[name] = Person.objects.create(full_name=name, organisation=organisation_named(organisation))
        return self.known[name]


def organisation_named(name):
    if not name:
        return None
    return Organisation.objects.get_or_create(name=name[:200], defaults={"kind": OrganisationKind.OTHER})[0]


def aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time or datetime.time(0, 0)))


def minutes_html(source_text, actions):
    """The imported text as paragraphs, then the actions so none is lost; portal.html escapes all of it."""
    html = rich_text_paragraphs(source_text)
    if actions:
        listed = "\n\n".join(f"{action.text} ({action.owner})" if action.owner else action.text for action in actions)
        html += "<h3>Actions</h3>" + rich_text_paragraphs(listed)
    return html


def rich_text_paragraphs(text):
    # Wagtail's rich text store writes a line break as <br/>; its editor cannot read plain_text's <br>.
    return str(plain_text(text)).replace("<br>", "<br/>")


def check_can_save(parsed):
    if parsed.date is None:
        raise ImportRefused("The minutes give no meeting date, so the meeting cannot be saved. Add the date first.")
    if parsed.start_time and parsed.end_time and parsed.end_time <= parsed.start_time:
        raise ImportRefused("The meeting's end time is not after its start time.")


@transaction.atomic
def save_draft_meeting(parsed, group, user=None, source_text="", upload=None, allow_duplicate=False):
    """Saves the minutes as an unpublished meeting under the group: nothing is public until a chair approves.

    The group's row is locked first, so two people saving the same minutes at once take turns: the
    second sees the first one's meeting and is asked whether theirs is a different one.
    """
    check_can_save(parsed)
    group = PartnershipGroupPage.objects.select_for_update(of=("self",)).get(pk=group.pk)
    if upload is not None:
        upload = claim(upload)
        source_text = upload.source_text
    existing = meetings_on(group, parsed.date)
    if existing and not allow_duplicate:
        raise DuplicateMeeting(existing)
    # Another app may keep the actions as records of their own (the `keep_imported_actions` hook);
    # otherwise they stay in the minutes under "Actions", so none is lost.
    keepers = hooks.get_hooks("keep_imported_actions")
    meeting = MeetingPage(
        title=(parsed.title or f"Meeting on {parsed.date:%-d %B %Y}")[:255],
        start=aware(parsed.date, parsed.start_time),
        end=aware(parsed.date, parsed.end_time) if parsed.end_time else None,
        venue=parsed.venue[:250],
        agenda=[("item", {"title": heading[:200], "summary": ""}) for heading in parsed.agenda],
        minutes=minutes_html(source_text, [] if keepers else parsed.actions),
        next_meeting_at=timezone.make_aware(parsed.next_meeting) if parsed.next_meeting else None,
        live=False,
        owner=user,
    )
    group.add_child(instance=meeting)
    add_register(meeting, parsed, group)
    meeting.save_revision(user=user)
    for keep in keepers:
        keep(meeting, group, parsed.actions, user)
    if upload is not None:
        MinutesUpload.objects.filter(pk=upload.pk).update(meeting=meeting, source_text="")
    return meeting


def claim(upload):
    """The upload, locked for this save; refused if another save got there first."""
    upload = MinutesUpload.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=upload.pk)
    if upload.meeting_id:
        raise AlreadySaved(upload.meeting)
    return upload


@dataclass
class RegisterLine:
    name: str
    organisation: str
    capacity: str
    status: str
    deputy: str = ""


def register_lines(parsed, capacities):
    """One line per person: the capacity they sat in and how they attended, kept apart."""
    for person in parsed.attendees + parsed.in_attendance:
        status = AttendanceStatus.ONLINE if person.online else AttendanceStatus.PRESENT
        capacity = person.capacity or capacities.get(person.name, AttendanceCapacity.MEMBER)
        yield RegisterLine(person.name, person.organisation, capacity, status)
    for person in parsed.absent:
        capacity = person.capacity or capacities.get(person.name, AttendanceCapacity.MEMBER)
        yield RegisterLine(person.name, person.organisation, capacity, AttendanceStatus.ABSENT)
    for apology in parsed.apologies:
        capacity = capacities.get(apology.name, AttendanceCapacity.MEMBER)
        yield RegisterLine(apology.name, "", capacity, AttendanceStatus.APOLOGIES, apology.represented_by)


def add_register(meeting, parsed, group):
    names = [person.name for person in parsed.attendees + parsed.in_attendance + parsed.absent]
    names += [apology.name for apology in parsed.apologies]
    lines = list(register_lines(parsed, membership_capacities(group, names, on=parsed.date)))
    people = PeopleRegister([line.name for line in lines] + [line.deputy for line in lines], group)
    for order, line in enumerate(lines):
        AttendanceRecord.objects.create(
            meeting=meeting,
            sort_order=order,
            person=people.person(line.name, line.organisation),
            capacity=line.capacity,
            status=line.status,
            represented_by=people.person(line.deputy) if line.deputy else None,
        )
