"""What the public sees of a group, its terms of reference and meetings, and the cost of showing it."""

import datetime

import pytest
from django.utils import timezone

from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory, TermsOfReferencePageFactory
from governance.models import AttendanceCapacity, AttendanceRecord, AttendanceStatus, MembershipRole

pytestmark = pytest.mark.django_db


def grow(group, size):
    now = timezone.now()
    for n in range(size):
        MeetingPageFactory(parent=group, start=now + datetime.timedelta(days=n - size // 2), minutes="<p>Agreed.</p>")
        MembershipFactory(group=group, role=MembershipRole.MEMBER)


@pytest.mark.parametrize("size", [5, 200])
def test_group_page_queries_stay_flat_as_the_group_grows(client, group, size, django_assert_max_num_queries):
    TermsOfReferencePageFactory(parent=group)
    grow(group, size)
    with django_assert_max_num_queries(25):
        response = client.get(group.url)
    assert response.status_code == 200


def test_group_page_shows_terms_members_by_role_upcoming_meetings_and_minutes(client, group):
    TermsOfReferencePageFactory(parent=group, title="Terms of reference")
    chair = MembershipFactory(group=group, role=MembershipRole.CHAIR, person=PersonFactory(full_name="Helen Marsh"))
    MembershipFactory(group=group, role=MembershipRole.MEMBER, person=PersonFactory(full_name="Aaron Able"))
    MeetingPageFactory(parent=group, title="Spring meeting", start=timezone.now() + datetime.timedelta(days=10))
    MeetingPageFactory(
        parent=group, title="Autumn meeting", start=timezone.now() - datetime.timedelta(days=10), minutes="<p>Ok</p>"
    )
    text = client.get(group.url).text
    assert "Terms of reference</a>, in force from" in text
    assert text.index(chair.person.full_name) < text.index("Aaron Able"), "chairs are listed first"
    assert "Spring meeting" in text.split("Upcoming meetings")[1].split("Recent minutes")[0]
    assert "Autumn meeting" in text.split("Recent minutes")[1]


def test_every_version_of_the_terms_stays_readable_and_says_what_changed(client, group):
    today = timezone.localdate()
    first = TermsOfReferencePageFactory(
        parent=group, title="Terms 2023", slug="terms-2023", effective_from=today - datetime.timedelta(days=400)
    )
    current = TermsOfReferencePageFactory(
        parent=group,
        title="Terms 2025",
        slug="terms-2025",
        effective_from=today - datetime.timedelta(days=30),
        quorum=5,
        change_summary="Quorum raised.",
    )
    assert group.terms_in_force() == current
    assert current.changed_sections() == ["Meetings"]
    old_page = client.get(first.url).text
    assert "This is not the current version" in old_page
    new_page = client.get(current.url).text
    assert "Quorum raised." in new_page
    assert "Sections changed since the previous version: Meetings." in new_page
    assert "Terms 2023" in new_page


def test_register_shows_whether_the_meeting_was_quorate(client, group):
    TermsOfReferencePageFactory(
        parent=group, quorum=3, effective_from=timezone.localdate() - datetime.timedelta(days=90)
    )
    meeting = MeetingPageFactory(parent=group, start=timezone.now() - datetime.timedelta(days=1))
    deputy = PersonFactory(full_name="Dave Hollis")
    register = [
        (AttendanceCapacity.CHAIR, AttendanceStatus.PRESENT, None),
        (AttendanceCapacity.MEMBER, AttendanceStatus.ONLINE, None),
        (AttendanceCapacity.MEMBER, AttendanceStatus.APOLOGIES, deputy),
        (AttendanceCapacity.NOTES, AttendanceStatus.PRESENT, None),
        (AttendanceCapacity.MEMBER, AttendanceStatus.ABSENT, None),
    ]
    for capacity, status, represented_by in register:
        AttendanceRecord.objects.create(
            meeting=meeting, person=PersonFactory(), capacity=capacity, status=status, represented_by=represented_by
        )
    assert (meeting.quorum_count(), meeting.quorum_required(), meeting.is_quorate()) == (3, 3, True)
    text = client.get(meeting.url).text
    assert "Quorate" in text
    assert "represented by Dave Hollis" in text

    AttendanceRecord.objects.filter(meeting=meeting, status=AttendanceStatus.ONLINE).update(
        status=AttendanceStatus.ABSENT
    )
    assert meeting.is_quorate() is False


@pytest.mark.parametrize("size", [5, 200])
def test_meeting_page_queries_stay_flat_as_the_register_grows(client, group, size, django_assert_max_num_queries):
    meeting = MeetingPageFactory(parent=group, start=timezone.now() - datetime.timedelta(days=1), minutes="<p>Ok</p>")
    for n in range(size):
        status = AttendanceStatus.APOLOGIES if n % 4 == 0 else AttendanceStatus.PRESENT
        deputy = PersonFactory() if n % 8 == 0 else None
        AttendanceRecord.objects.create(meeting=meeting, person=PersonFactory(), status=status, represented_by=deputy)
    with django_assert_max_num_queries(25):
        assert client.get(meeting.url).status_code == 200


@pytest.mark.parametrize("size", [5, 100])
def test_partnerships_index_queries_stay_flat_as_groups_are_added(
    client, partnerships, size, django_assert_max_num_queries
):
    from governance.factories import PartnershipGroupPageFactory

    for _ in range(size):
        PartnershipGroupPageFactory(parent=partnerships)
    with django_assert_max_num_queries(20):
        assert client.get(partnerships.url).status_code == 200
