"""Meetings reach people's own calendars: a feed for each group, a download for each meeting, both private
where the group is."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory
from governance.models import MembershipRole

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def feed_url(group):
    return group.url + group.reverse_subpage("meetings_calendar")


def download_url(meeting):
    return meeting.url + meeting.reverse_subpage("meeting_calendar")


def calendar_at(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def only_event(client, meeting):
    events = calendar_at(client, download_url(meeting)).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_group_feed_is_a_published_calendar_named_after_the_group(client, group):
    response = client.get(feed_url(group))
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]) == "-//Partnership Portal//Meetings//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Attendance working group"
    assert response["Content-Disposition"].startswith("inline"), "calendar apps subscribe rather than download"


def test_group_feed_lists_only_live_meetings_in_order_of_start(client, group, other_group):
    now = timezone.now()
    MeetingPageFactory(parent=group, title="Summer meeting", start=now + datetime.timedelta(days=60))
    MeetingPageFactory(parent=group, title="Spring meeting", start=now + datetime.timedelta(days=30))
    MeetingPageFactory(parent=group, title="Draft meeting", live=False)
    MeetingPageFactory(parent=group, title="Withdrawn meeting").unpublish()
    MeetingPageFactory(parent=other_group, title="Another group's meeting")

    events = calendar_at(client, feed_url(group)).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [
        "Spring meeting – Attendance working group",
        "Summer meeting – Attendance working group",
    ]


def test_event_times_are_the_meetings_own_in_utc(client, group):
    start = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=LONDON)
    meeting = MeetingPageFactory(parent=group, start=start, end=start + datetime.timedelta(hours=2))
    event = only_event(client, meeting)
    assert event.decoded("DTSTART") == meeting.start
    assert event.decoded("DTEND") == meeting.end
    assert event["DTSTART"].to_ical() == b"20260610T090000Z", "British Summer Time becomes UTC"
    assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)


def test_meeting_without_a_set_finish_has_no_end_in_the_calendar(client, group):
    meeting = MeetingPageFactory(parent=group, end=None)
    assert "DTEND" not in only_event(client, meeting)


def test_event_links_to_the_meeting_page(client, group):
    meeting = MeetingPageFactory(parent=group)
    assert str(only_event(client, meeting)["URL"]) == meeting.get_full_url()


def test_meeting_keeps_the_same_uid_across_requests_and_in_both_feed_and_download(client, group):
    meeting = MeetingPageFactory(parent=group)
    uids = [str(only_event(client, meeting)["UID"]) for _ in range(2)]
    uids.append(str(calendar_at(client, feed_url(group)).walk("VEVENT")[0]["UID"]))
    assert uids == [f"meeting-{meeting.pk}@localhost"] * 3


@pytest.mark.parametrize(
    ("venue", "online_link", "location"),
    [
        ("Civic Centre, Room 2", "", "Civic Centre, Room 2"),
        ("Civic Centre, Room 2", "https://meet.example.org/attendance", "Civic Centre, Room 2"),
        ("", "https://meet.example.org/attendance", "Online"),
    ],
)
def test_location_is_the_venue_or_online_when_people_can_only_join_by_link(client, group, venue, online_link, location):
    meeting = MeetingPageFactory(parent=group, venue=venue, online_link=online_link)
    assert str(only_event(client, meeting)["LOCATION"]) == location


def test_meeting_with_neither_venue_nor_link_has_no_location(client, group):
    meeting = MeetingPageFactory(parent=group, venue="", online_link="")
    assert "LOCATION" not in only_event(client, meeting)


def test_summary_names_meeting_and_group_and_description_lists_the_agenda_then_the_page(client, group):
    meeting = MeetingPageFactory(
        parent=group,
        title="Spring meeting",
        agenda=[("item", {"title": "Welcome and apologies"}), ("item", {"title": "Attendance data update"})],
    )
    event = only_event(client, meeting)
    assert str(event["SUMMARY"]) == "Spring meeting – Attendance working group"
    assert str(event["DESCRIPTION"]).splitlines() == [
        "1. Welcome and apologies",
        "2. Attendance data update",
        "",
        meeting.get_full_url(),
    ]


def test_last_modified_is_when_the_meeting_was_last_published(client, group):
    meeting = MeetingPageFactory(parent=group)
    meeting.save_revision().publish()
    meeting.refresh_from_db()
    assert only_event(client, meeting).decoded("LAST-MODIFIED") == meeting.last_published_at.replace(microsecond=0)


def test_meeting_download_is_an_attachment_named_after_the_meeting(client, group):
    meeting = MeetingPageFactory(parent=group, title="Spring meeting", slug="spring-meeting")
    response = client.get(download_url(meeting))
    assert response["Content-Disposition"] == 'attachment; filename="spring-meeting.ics"'
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "Attendance working group"


def test_members_only_groups_calendars_refuse_others_and_admit_members(client, group, person_with_account):
    meeting = MeetingPageFactory(parent=group)
    group.members_only = True
    group.save_revision().publish()
    member = person_with_account()
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)

    for url in (feed_url(group), download_url(meeting)):
        refusal = client.get(url)
        assert refusal.status_code == 302
        assert "login" in refusal.url
        assert refusal.url.endswith(f"?next={url}")
    client.force_login(person_with_account().user)
    assert client.get(feed_url(group)).status_code == 403
    assert client.get(download_url(meeting)).status_code == 403
    client.force_login(member.user)
    assert len(calendar_at(client, feed_url(group)).walk("VEVENT")) == 1
    assert len(calendar_at(client, download_url(meeting)).walk("VEVENT")) == 1


@pytest.mark.parametrize("size", [3, 60])
def test_group_feed_queries_stay_flat_as_meetings_grow(client, group, size, django_assert_max_num_queries):
    owner = PersonFactory()
    for n in range(size):
        MeetingPageFactory(
            parent=group,
            start=timezone.now() + datetime.timedelta(days=n),
            agenda=[("item", {"title": "Attendance data update", "owner": owner})],
        )
    # Site, routing down the tree, privacy (Wagtail's check and the portal's, read once), the meetings.
    with django_assert_max_num_queries(11):
        events = calendar_at(client, feed_url(group)).walk("VEVENT")
    assert len(events) == size


def test_group_and_meeting_pages_still_serve_and_link_to_their_calendars(client, group):
    meeting = MeetingPageFactory(parent=group)
    group_page = client.get(group.url).text
    upcoming = group_page.split("Upcoming meetings")[1].split("Recent minutes")[0]
    assert f'<a href="{feed_url(group)}">Subscribe to this group\'s meetings (iCalendar)</a>' in upcoming
    meeting_page = client.get(meeting.url).text
    assert f'<a href="{download_url(meeting)}">Add to your calendar (.ics)</a>' in meeting_page


def test_calendar_addresses_end_in_ics_with_or_without_the_slash(client, group):
    meeting = MeetingPageFactory(parent=group)
    assert feed_url(group).endswith("/meetings.ics/")
    assert download_url(meeting).endswith("/meeting.ics/")
    for url in (feed_url(group), download_url(meeting)):
        assert client.get(url).status_code == 200
        assert client.get(url.rstrip("/"))["Content-Type"] == "text/calendar; charset=utf-8"
