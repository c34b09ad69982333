"""Turns parsed minutes into a draft meeting with its register, matching names to existing people."""

import datetime

from django.db import transaction
from django.utils import timezone

from governance.models import AttendanceCapacity, AttendanceRecord, AttendanceStatus, MeetingPage, Person

ROLE_CAPACITY = {
    "chair": AttendanceCapacity.CHAIR,
    "independent chair": AttendanceCapacity.CHAIR,
    "notes": AttendanceCapacity.NOTES,
}


class ImportRefused(ValueError):
    """The minutes lack something a meeting cannot be saved without."""


def person_named(name):
    return Person.find_by_name(name) or Person.objects.create(full_name=name)


def aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time or datetime.time(0, 0)))


@transaction.atomic
def save_draft_meeting(parsed, group, user=None):
    """Saves the minutes as an unpublished meeting under the group: nothing is public until a chair approves."""
    if parsed.date is None:
        raise ImportRefused("The minutes give no meeting date, so the meeting cannot be saved. Add the date first.")
    meeting = MeetingPage(
        title=parsed.title or f"Meeting on {parsed.date:%-d %B %Y}",
        start=aware(parsed.date, parsed.start_time),
        end=aware(parsed.date, parsed.end_time) if parsed.end_time else None,
        venue=parsed.venue[:250],
        agenda=[("item", {"title": heading[:200], "summary": ""}) for heading in parsed.agenda],
        next_meeting_at=timezone.make_aware(parsed.next_meeting) if parsed.next_meeting else None,
        live=False,
        owner=user,
    )
    group.add_child(instance=meeting)
    add_register(meeting, parsed)
    meeting.save_revision(user=user)
    return meeting


def add_register(meeting, parsed):
    lines = []
    for attendee in parsed.attendees:
        status = AttendanceStatus.ONLINE if attendee.role == "online" else AttendanceStatus.PRESENT
        lines.append((attendee.name, ROLE_CAPACITY.get(attendee.role, AttendanceCapacity.MEMBER), status, ""))
    for apology in parsed.apologies:
        lines.append((apology.name, AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, apology.represented_by))
    for official in parsed.in_attendance:
        lines.append((official.name, AttendanceCapacity.IN_ATTENDANCE, AttendanceStatus.PRESENT, ""))
    for order, (name, capacity, status, deputy) in enumerate(lines):
        AttendanceRecord.objects.create(
            meeting=meeting,
            sort_order=order,
            person=person_named(name),
            capacity=capacity,
            status=status,
            represented_by=person_named(deputy) if deputy else None,
        )
