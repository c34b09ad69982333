"""Turns confirmed minutes into a draft meeting with its register, matching names to existing people."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from governance.minutes_parser import name_key
from governance.models import (
    AttendanceCapacity,
    AttendanceRecord,
    AttendanceStatus,
    MeetingPage,
    Organisation,
    OrganisationKind,
    Person,
)

ROLE_CAPACITY = {
    "chair": AttendanceCapacity.CHAIR,
    "independent chair": AttendanceCapacity.CHAIR,
    "notes": AttendanceCapacity.NOTES,
    "observer": AttendanceCapacity.OBSERVER,
}


class ImportRefused(ValueError):
    """The minutes lack something a meeting cannot be saved without."""


def people_matching(names):
    """Existing people for each name, honorifics and post-nominals aside, in one query."""
    keys = {name: name_key(name) for name in names if name}
    found = {person.match_key: person for person in Person.objects.filter(match_key__in=set(keys.values()))}
    return {name: found.get(key) for name, key in keys.items()}


class PeopleRegister:
    """Finds or creates the people named in one set of minutes, each once."""

    def __init__(self, names):
        self.known = people_matching(names)

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
    """The imported text as escaped paragraphs, with the actions listed so none is lost."""
    paragraphs = [block.strip() for block in source_text.split("\n\n") if block.strip()]
    html = "".join(f"<p>{escape(block)}</p>".replace("\n", "<br/>") for block in paragraphs)
    if actions:
        items = "".join(
            f"<li>{escape(action.text)}{f' ({escape(action.owner)})' if action.owner else ''}</li>"
            for action in actions
        )
        html += f"<h3>Actions</h3><ul>{items}</ul>"
    return html


def check_can_save(parsed):
    if parsed.date is None:
        raise ImportRefused("The minutes give no meeting date, so the meeting cannot be saved. Add the date first.")
    if parsed.start_time and parsed.end_time and parsed.end_time <= parsed.start_time:
        raise ImportRefused("The meeting's end time is not after its start time.")


@transaction.atomic
def save_draft_meeting(parsed, group, user=None, source_text=""):
    """Saves the minutes as an unpublished meeting under the group: nothing is public until a chair approves."""
    check_can_save(parsed)
    meeting = MeetingPage(
        title=(parsed.title or f"Meeting on {parsed.date:%-d %B %Y}")[:255],
        start=aware(parsed.date, parsed.start_time),
        end=aware(parsed.date, parsed.end_time) if parsed.end_time else None,
        venue=parsed.venue[:250],
        agenda=[("item", {"title": heading[:200], "summary": ""}) for heading in parsed.agenda],
        minutes=minutes_html(source_text, parsed.actions),
        next_meeting_at=timezone.make_aware(parsed.next_meeting) if parsed.next_meeting else None,
        live=False,
        owner=user,
    )
    group.add_child(instance=meeting)
    add_register(meeting, parsed)
    meeting.save_revision(user=user)
    return meeting


def register_lines(parsed):
    for attendee in parsed.attendees:
        status = AttendanceStatus.ONLINE if attendee.role == "online" else AttendanceStatus.PRESENT
        capacity = ROLE_CAPACITY.get(attendee.role, AttendanceCapacity.MEMBER)
        yield attendee.name, attendee.organisation, capacity, status, ""
    for apology in parsed.apologies:
        yield apology.name, "", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, apology.represented_by
    for official in parsed.in_attendance:
        status = AttendanceStatus.ONLINE if official.role == "online" else AttendanceStatus.PRESENT
        yield official.name, official.organisation, AttendanceCapacity.IN_ATTENDANCE, status, ""


def add_register(meeting, parsed):
    lines = list(register_lines(parsed))
    people = PeopleRegister([line[0] for line in lines] + [line[4] for line in lines])
    for order, (name, organisation, capacity, status, deputy) in enumerate(lines):
        AttendanceRecord.objects.create(
            meeting=meeting,
            sort_order=order,
            person=people.person(name, organisation),
            capacity=capacity,
            status=status,
            represented_by=people.person(deputy) if deputy else None,
        )
