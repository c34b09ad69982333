"""A 50-page set of minutes reads in well under the two seconds an upload may take, and reading time grows
in step with the length, so no rule goes quadratic on a long document.
"""

import time

from governance.minutes import parse_minutes

HEADER = """Riverside Attendance Partnership
Thursday 16 January 2025, 14:00-16:30
Venue: Civic Centre, Committee Room 2

Present: Jane Roe (chair), John Doe, Amira Patel, Owen Tallis (online), Farida Qureshi, Ravi Menon (notes)
Apologies: Colin Ashdown (represented by Nadia Fenwick), Ellen Moss
"""

PARAGRAPH = (
    "JR introduced the attendance report for the autumn term and thanked colleagues for their work. "
    "Persistent absence in secondary schools remains above the national rate, although the gap has narrowed "
    "since the summer. AP noted that three primary schools had seen a sharp rise in authorised absence and "
    "asked whether the local authority could share the pupil-level data with their headteachers. "
    "Members discussed the pledge from the housing service and agreed that it should be reviewed in March. "
    "The meeting commenced the discussion of the model attendance policy, which had been circulated in advance. "
)


def page(number):
    """About one printed page of minutes: an item, four paragraphs, apologies in prose, a short list, two actions."""
    return (
        f"{number}. Attendance update, part {number}\n"
        + "\n\n".join([PARAGRAPH] * 4)
        + "\nApologies were also received from Kevin Dorsey and Rhona Park. Sara Ng attended on behalf of Tara Banks."
        + "\n\nThe group agreed these points:\n- Share the data with heads\n- Review the pledge in March\n"
        + f"Action: JD to circulate the data pack for item {number}.\n"
        + f"Action: the Department is to publish the final guidance on part {number}.\n\n"
    )


def minutes_of(pages):
    return HEADER + "\n" + "".join(page(number) for number in range(1, pages + 1)) + "Next meeting: 20 March 2025\n"


def reading_time(text):
    """CPU time to read the text, the best of three so another process's load does not count."""
    times = []
    for _ in range(3):
        started = time.process_time()
        parse_minutes(text)
        times.append(time.process_time() - started)
    return min(times)


def test_fifty_pages_read_completely():
    minutes = parse_minutes(minutes_of(50))

    assert len(minutes.actions) == 100
    assert [person.name for person in minutes.attendees][:2] == ["Jane Roe", "John Doe"]
    assert len(minutes.agenda) == 50


def test_reading_time_grows_in_step_with_length():
    ten, fifty = reading_time(minutes_of(10)), reading_time(minutes_of(50))

    # Five times the text should take about five times as long; ten times allows for noise, not for a rule
    # that rescans the whole text for every line.
    assert fifty < 10 * ten + 0.05


def test_fifty_pages_read_in_under_two_seconds_of_cpu():
    # A guard against a pathological pattern (catastrophic backtracking) rather than a benchmark: the parser
    # reads 50 pages in a fraction of this on a shared build machine.
    assert reading_time(minutes_of(50)) < 2.0
