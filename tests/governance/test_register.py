"""A meeting's register: the capacity someone sat in and how they attended are separate, all the way
from the minutes to the page, and the quorum counts each person at the table once."""

import datetime

import pytest
from django.utils import timezone

from governance.choices import AttendanceCapacity, AttendanceStatus, MembershipRole, register_capacity
from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory, TermsOfReferencePageFactory
from governance.importing import save_draft_meeting
from governance.minutes import parse_minutes
from governance.models import AttendanceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(group):
    TermsOfReferencePageFactory(
        parent=group, quorum=3, effective_from=timezone.localdate() - datetime.timedelta(days=90)
    )
    return MeetingPageFactory(parent=group, start=timezone.now() - datetime.timedelta(days=1))


def line(meeting, name, capacity, status, represented_by=None):
    person = PersonFactory(full_name=name)
    AttendanceRecord.objects.create(
        meeting=meeting, person=person, capacity=capacity, status=status, represented_by=represented_by
    )
    return person


def test_a_deputy_listed_as_present_and_named_in_an_apology_counts_once(meeting):
    line(meeting, "Jane Roe", AttendanceCapacity.CHAIR, AttendanceStatus.ONLINE)
    deputy = line(meeting, "John Doe", AttendanceCapacity.DEPUTY, AttendanceStatus.PRESENT)
    line(meeting, "Linda Joseph", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, represented_by=deputy)

    assert meeting.quorum_count() == 2
    assert meeting.is_quorate() is False


def test_a_deputy_for_an_apology_counts_when_not_listed_as_present(meeting):
    line(meeting, "Jane Roe", AttendanceCapacity.CHAIR, AttendanceStatus.PRESENT)
    line(meeting, "Mary Smith", AttendanceCapacity.MEMBER, AttendanceStatus.PRESENT)
    line(meeting, "Linda Joseph", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, PersonFactory())
    line(meeting, "Helen Black", AttendanceCapacity.IN_ATTENDANCE, AttendanceStatus.PRESENT)
    line(meeting, "Sam Reed", AttendanceCapacity.NOTES, AttendanceStatus.PRESENT)

    assert meeting.quorum_count() == 3, "officials and note-takers are not part of the quorum"


def test_the_meeting_page_shows_capacity_and_attendance_apart(client, meeting):
    meeting.save_revision().publish()
    line(meeting, "Jane Roe", AttendanceCapacity.CHAIR, AttendanceStatus.ONLINE)
    line(meeting, "Mary Smith", AttendanceCapacity.MEMBER, AttendanceStatus.PRESENT)
    deputy = line(meeting, "John Doe", AttendanceCapacity.DEPUTY, AttendanceStatus.PRESENT)
    line(meeting, "Linda Joseph", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, represented_by=deputy)
    line(meeting, "Helen Black", AttendanceCapacity.IN_ATTENDANCE, AttendanceStatus.ONLINE)
    line(meeting, "Bo Tan", AttendanceCapacity.MEMBER, AttendanceStatus.ABSENT)

    text = client.get(meeting.url).text

    assert "<li>Jane Roe, Chair — joined online</li>" in text
    assert "<li>Mary Smith</li>" in text
    assert "<li>John Doe, deputy for Linda Joseph</li>" in text
    assert "Linda Joseph (represented by John Doe)" in text
    assert "<li>Helen Black, Official or adviser in attendance — joined online</li>" in text
    assert "<strong>Absent:</strong> Bo Tan" in text


@pytest.mark.parametrize(
    ("role", "capacity"),
    [
        (MembershipRole.CHAIR, AttendanceCapacity.CHAIR),
        (MembershipRole.INDEPENDENT_CHAIR, AttendanceCapacity.CHAIR),
        (MembershipRole.VICE_CHAIR, AttendanceCapacity.MEMBER),
        (MembershipRole.MEMBER, AttendanceCapacity.MEMBER),
        (MembershipRole.CO_OPTED, AttendanceCapacity.MEMBER),
        (MembershipRole.SECRETARIAT, AttendanceCapacity.NOTES),
        (MembershipRole.ADVISER, AttendanceCapacity.IN_ATTENDANCE),
        (MembershipRole.OBSERVER, AttendanceCapacity.OBSERVER),
    ],
)
def test_each_membership_role_has_one_register_capacity(role, capacity):
    assert register_capacity(role) == capacity


MINUTES = """Attendance working group
16 January 2025, 14:00-16:00
Present: Jane Roe (chair, online), John Doe (deputy for Linda Joseph), Ben Green, Sam Reed (notes)
Apologies: Linda Joseph; Chris French represented by Ali Shah
"""


def test_imported_minutes_keep_capacity_and_attendance_apart_on_the_register(group):
    MembershipFactory(person=PersonFactory(full_name="Ben Green"), group=group, role=MembershipRole.ADVISER)

    meeting = save_draft_meeting(parse_minutes(MINUTES), group)

    register = {
        (r.person.full_name, r.capacity, r.status, r.represented_by.full_name if r.represented_by else "")
        for r in meeting.register.select_related("person", "represented_by")
    }
    assert register == {
        ("Jane Roe", AttendanceCapacity.CHAIR, AttendanceStatus.ONLINE, ""),
        ("John Doe", AttendanceCapacity.DEPUTY, AttendanceStatus.PRESENT, ""),
        ("Ben Green", AttendanceCapacity.IN_ATTENDANCE, AttendanceStatus.PRESENT, ""),
        ("Sam Reed", AttendanceCapacity.NOTES, AttendanceStatus.PRESENT, ""),
        ("Linda Joseph", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, "John Doe"),
        ("Chris French", AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, "Ali Shah"),
    }
    assert meeting.quorum_count() == 3, "Jane Roe, John Doe once, and Ali Shah for Chris French"
