"""The choices governance records share, and the one mapping from a membership role to a register capacity.

A register line keeps two things apart: the capacity someone sat in (chair, member, deputy, official,
notes, observer) and how they attended (in the room, online, apologies, absent). A chair who joined
online is both, so neither can stand in for the other.
"""

from django.db import models


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"
    SECRETARIAT = "secretariat", "Secretariat (notes)"
    ADVISER = "adviser", "Adviser or official in attendance"
    OBSERVER = "observer", "Observer"


class AttendanceCapacity(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    DEPUTY = "deputy", "Deputy for a member"
    IN_ATTENDANCE = "in_attendance", "Official or adviser in attendance"
    NOTES = "notes", "Notes"
    OBSERVER = "observer", "Observer"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "In the room"
    ONLINE = "online", "Joined online"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


REGISTER_CAPACITY = {
    MembershipRole.CHAIR: AttendanceCapacity.CHAIR,
    MembershipRole.INDEPENDENT_CHAIR: AttendanceCapacity.CHAIR,
    MembershipRole.VICE_CHAIR: AttendanceCapacity.MEMBER,
    MembershipRole.MEMBER: AttendanceCapacity.MEMBER,
    MembershipRole.CO_OPTED: AttendanceCapacity.MEMBER,
    MembershipRole.SECRETARIAT: AttendanceCapacity.NOTES,
    MembershipRole.ADVISER: AttendanceCapacity.IN_ATTENDANCE,
    MembershipRole.OBSERVER: AttendanceCapacity.OBSERVER,
}

# Capacities that make up the meeting itself, so count towards its quorum: a deputy stands in for a member.
QUORUM_CAPACITIES = frozenset({AttendanceCapacity.CHAIR, AttendanceCapacity.MEMBER, AttendanceCapacity.DEPUTY})
ATTENDING = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.ONLINE})


def register_capacity(role: str) -> AttendanceCapacity:
    """The capacity a person in this membership role sits in on a meeting's register."""
    return REGISTER_CAPACITY.get(role, AttendanceCapacity.MEMBER)
