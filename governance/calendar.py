"""Meetings as iCalendar (RFC 5545), so people see them in the calendar they already use.

The pages serve these files through their routes, so Wagtail's page privacy refuses a members-only
group's calendar to anyone it refuses the group's pages.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from wagtail.models import Site

PRODUCT_ID = "-//Partnership Portal//Meetings//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def group_calendar(group, meetings, request):
    """A calendar named after the group, which calendar apps show as the subscription's name."""
    # Imported here: icalendar adds about 5 MB to every worker that would otherwise load it at start.
    from icalendar import Calendar

    hostname = Site.find_for_request(request).hostname
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", group.title)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, group, request, hostname))
    return calendar


def meeting_event(meeting, group, request, hostname):
    """The UID never changes, so calendar apps update a moved meeting instead of adding it twice."""
    from icalendar import Event

    url = meeting.get_full_url(request)
    return Event.new(
        uid=f"meeting-{meeting.pk}@{hostname}",
        stamp=timezone.now(),
        start=in_utc(meeting.start),
        # A meeting without a set finish has no DTEND: guessing one would put a wrong time in diaries.
        end=in_utc(meeting.end),
        summary=f"{meeting.title} – {group.title}",
        location=meeting_location(meeting),
        description=meeting_description(meeting, url),
        url=url,
        last_modified=in_utc(meeting.last_published_at),
    )


def in_utc(moment):
    return moment.astimezone(datetime.UTC) if moment else None


def meeting_location(meeting):
    if meeting.venue:
        return meeting.venue
    return "Online" if meeting.online_link else None


def meeting_description(meeting, url):
    """The agenda, then the page, which has the papers and the link to join."""
    # The raw agenda holds the titles; turning it into blocks would fetch each item's owner and papers.
    titles = [item["value"]["title"] for item in meeting.agenda.raw_data if item["type"] == "item"]
    agenda = [f"{number}. {title}" for number, title in enumerate(titles, start=1)]
    return "\n".join([*agenda, "", url] if agenda else [url])


def calendar_response(calendar, filename, as_attachment):
    """A download for one meeting; inline for a feed, which calendar apps fetch again and again."""
    return HttpResponse(
        calendar.to_ical(),
        content_type=CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(as_attachment, filename)},
    )
