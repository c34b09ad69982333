"""Template filters for showing user-written text safely and dates the way the users write them."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from portal import html

register = template.Library()


@register.filter
def user_html(value):
    return html.clean_html(value)


@register.filter
def user_text(value):
    return html.plain_text(value)


@register.filter
def long_date(value):
    """'Thursday 23 November 2023'."""
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return format_date(value, "l j F Y")


@register.simple_tag
def time_span(start, end=None):
    """'Thursday 23 November 2023, 11:00–13:00', in UK time, with the end's date only when it differs."""
    if not start:
        return ""
    start = timezone.localtime(start)
    text = f"{format_date(start, 'l j F Y')}, {format_date(start, 'H:i')}"
    if not end:
        return text
    end = timezone.localtime(end)
    if end.date() != start.date():
        return f"{text} – {format_date(end, 'l j F Y')}, {format_date(end, 'H:i')}"
    return f"{text}–{format_date(end, 'H:i')}"


@register.filter
def seat_line(seat):
    """'Name, job title, organisation', leaving out whatever a seat does not name."""
    parts = (seat.get("name"), seat.get("job_title"), seat.get("organisation"))
    return ", ".join(str(part) for part in parts if part)


@register.filter
def and_list(items):
    """'Helen Marsh, Grace Ellison and Tom Alder'."""
    items = [str(item) for item in items]
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1]])) if items else ""
