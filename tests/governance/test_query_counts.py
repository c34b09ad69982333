"""Each governance page costs the same number of queries for a small group as for a busy one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail_factories import DocumentFactory

from governance.choices import AttendanceCapacity, AttendanceStatus, MembershipRole
from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipGroupPageFactory,
    PersonFactory,
    TermsOfReferencePageFactory,
)
from governance.models import AttendanceRecord, GroupKind
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db


def signed_in(client, group, role, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    client.force_login(person.user)
    return person


def add_to_group(group, count, start=0):
    """Members (some speaking for another organisation), meetings either side of today, older terms
    of reference and task-and-finish groups."""
    now, today = timezone.now(), timezone.localdate()
    for n in range(start, start + count):
        MembershipFactory(group=group, organisation=OrganisationFactory() if n % 2 else None, sector="Health")
        MeetingPageFactory(parent=group, title=f"Planning meeting {n}", start=now + datetime.timedelta(days=n + 1))
        MeetingPageFactory(
            parent=group, title=f"Review {n}", start=now - datetime.timedelta(days=n + 1), minutes="<p>Agreed.</p>"
        )
        TermsOfReferencePageFactory(
            parent=group, title=f"Terms {n}", slug=f"terms-{n}", effective_from=today - datetime.timedelta(days=90 + n)
        )
        PartnershipGroupPageFactory(
            parent=group.get_parent(), title=f"Task group {n}", kind=GroupKind.TASK_AND_FINISH, parent_group=group
        )


def test_partnerships_index_costs_the_same_for_many_groups(client, partnerships, group, django_assert_max_num_queries):
    def grow():
        for n in range(8):
            PartnershipGroupPageFactory(
                parent=partnerships, title=f"Task group {n}", kind=GroupKind.TASK_AND_FINISH, parent_group=group
            )

    text = assert_queries_stay_flat(client, partnerships.url, grow, django_assert_max_num_queries)
    assert "Task group 7" in text
    assert f"Task-and-finish group of {group.title}" in text


def test_group_page_costs_the_same_for_a_busy_group(client, group, django_assert_max_num_queries):
    add_to_group(group, 2)
    text = assert_queries_stay_flat(
        client, group.url, lambda: add_to_group(group, 10, start=2), django_assert_max_num_queries
    )
    assert "Planning meeting 4" in text, "the five upcoming meetings are listed"
    assert "Task group 11" in text
    assert text.count(" (Health)</td>") == 12, "every member is listed with their sector"


def test_group_page_costs_its_chair_the_same_for_a_busy_group(
    client, group, person_with_account, django_assert_max_num_queries
):
    signed_in(client, group, MembershipRole.CHAIR, person_with_account)
    add_to_group(group, 2)
    text = assert_queries_stay_flat(
        client, group.url, lambda: add_to_group(group, 10, start=2), django_assert_max_num_queries
    )
    assert "Manage members" in text


def test_members_only_group_page_costs_a_member_the_same_as_it_grows(
    client, partnerships, person_with_account, django_assert_max_num_queries
):
    private_group = PartnershipGroupPageFactory(parent=partnerships, members_only=True)
    signed_in(client, private_group, MembershipRole.MEMBER, person_with_account)
    add_to_group(private_group, 2)
    url = private_group.url

    def grow():
        add_to_group(private_group, 10, start=2)
        PartnershipGroupPageFactory(parent=partnerships, members_only=True)

    assert "Task group 11" in assert_queries_stay_flat(client, url, grow, django_assert_max_num_queries)


def test_task_and_finish_group_page_costs_the_same_as_it_grows(client, group, django_assert_max_num_queries):
    task_group = PartnershipGroupPageFactory(
        parent=group.get_parent(), kind=GroupKind.TASK_AND_FINISH, parent_group=group, lead=PersonFactory()
    )
    add_to_group(task_group, 2)
    text = assert_queries_stay_flat(
        client, task_group.url, lambda: add_to_group(task_group, 10, start=2), django_assert_max_num_queries
    )
    assert f'set up by <a href="{group.url}">{group.title}</a>' in text


def add_register_lines(meeting, count):
    """Members present, online or away, some away members sending a named deputy, and officials."""
    for n in range(count):
        status = [AttendanceStatus.PRESENT, AttendanceStatus.ONLINE, AttendanceStatus.APOLOGIES][n % 3]
        capacity = AttendanceCapacity.IN_ATTENDANCE if n % 5 == 4 else AttendanceCapacity.MEMBER
        deputy = PersonFactory() if status == AttendanceStatus.APOLOGIES and n % 2 else None
        AttendanceRecord.objects.create(
            meeting=meeting, person=PersonFactory(), capacity=capacity, status=status, represented_by=deputy
        )
        if deputy:
            AttendanceRecord.objects.create(meeting=meeting, person=deputy, capacity=AttendanceCapacity.DEPUTY)


def set_agenda(meeting, count):
    """Agenda items that each name who leads them and link a paper."""
    meeting.agenda = [
        ("item", {"title": f"Item {n}", "owner": PersonFactory(), "summary": "", "papers": [DocumentFactory()]})
        for n in range(count)
    ]
    meeting.save_revision().publish()


@pytest.fixture
def meeting(group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    TermsOfReferencePageFactory(
        parent=group, quorum=3, effective_from=timezone.localdate() - datetime.timedelta(days=90)
    )
    meeting = MeetingPageFactory(
        parent=group, start=timezone.now() - datetime.timedelta(days=1), minutes="<p>Agreed the plan.</p>"
    )
    add_register_lines(meeting, 3)
    set_agenda(meeting, 1)
    return meeting


def grow_meeting(meeting):
    add_register_lines(meeting, 15)
    set_agenda(meeting, 6)


def test_meeting_page_costs_the_same_for_a_long_register_and_agenda(client, meeting, django_assert_max_num_queries):
    text = assert_queries_stay_flat(client, meeting.url, lambda: grow_meeting(meeting), django_assert_max_num_queries)
    assert "Item 5" in text
    assert "represented by" in text
    assert "Quorate" in text


def test_meeting_page_costs_a_member_the_same_for_a_long_register(
    client, group, meeting, person_with_account, django_assert_max_num_queries
):
    signed_in(client, group, MembershipRole.MEMBER, person_with_account)
    text = assert_queries_stay_flat(client, meeting.url, lambda: grow_meeting(meeting), django_assert_max_num_queries)
    assert "Item 5" in text


def test_terms_page_costs_the_same_however_many_versions_there_are(client, group, django_assert_max_num_queries):
    today = timezone.localdate()

    def version(n, **fields):
        return TermsOfReferencePageFactory(
            parent=group,
            title=f"Terms {n}",
            slug=f"terms-{n}",
            effective_from=today - datetime.timedelta(days=100 * n),
            quorum=n,
            membership=[("seat", {"name": f"Seat {n}", "job_title": "", "organisation": ""})] * n,
            **fields,
        )

    current = version(1, change_summary="Quorum lowered.")
    version(2)

    def grow():
        for n in range(3, 9):
            version(n)

    text = assert_queries_stay_flat(client, current.url, grow, django_assert_max_num_queries)
    assert "Sections changed since the previous version: Membership, Meetings." in text
    assert "Terms 8" in text


def test_dashboard_costs_a_chair_the_same_for_many_groups(
    client, partnerships, person_with_account, django_assert_max_num_queries
):
    first = PartnershipGroupPageFactory(parent=partnerships)
    chair = signed_in(client, first, MembershipRole.CHAIR, person_with_account)

    def grow():
        for n in range(6):
            MembershipFactory(
                person=chair,
                group=PartnershipGroupPageFactory(parent=partnerships, title=f"Group {n}"),
                role=MembershipRole.CHAIR,
            )

    text = assert_queries_stay_flat(client, reverse("portal:dashboard"), grow, django_assert_max_num_queries)
    assert "Group 5" in text
    assert text.count("Manage members") == 7


def test_minutes_import_costs_the_secretariat_the_same_for_many_groups(
    client, partnerships, person_with_account, django_assert_max_num_queries
):
    first = PartnershipGroupPageFactory(parent=partnerships)
    notes = signed_in(client, first, MembershipRole.SECRETARIAT, person_with_account)

    def grow():
        for n in range(6):
            MembershipFactory(
                person=notes,
                group=PartnershipGroupPageFactory(parent=partnerships, title=f"Group {n}"),
                role=MembershipRole.SECRETARIAT,
            )

    text = assert_queries_stay_flat(client, reverse("governance:import_minutes"), grow, django_assert_max_num_queries)
    assert "Group 5" in text
