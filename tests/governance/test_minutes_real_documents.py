"""Real published minutes in other layouts, scored field by field against what a careful reader finds.

The documents and `expected.json` live in ../shared/minutes (see its SOURCES.md); the test skips, saying
why, where ../shared is absent. Names are compared as expected.json writes them: surnames, or initials
where the minutes give only initials.
"""

import json
import re

import pytest

from governance.minutes import parse_minutes
from tests.conftest import shared_file

DOCUMENTS = [
    "002_warwickshire-send-inclusion-board-2020-07",
    "004_lhc-sen-officers-conference-2015-11",
    "007_governors-executive-committee-2015-10",
]


def expected_for(document):
    return json.loads(shared_file("minutes", "expected.json").read_text(encoding="utf-8"))[document]


def surname(name):
    """ "Mr S Titchard" -> "Titchard", "Ian Budd" -> "Budd", "CA" -> "CA"."""
    words = re.sub(r"\([^()]*\)", " ", name).split()
    return words[-1] if words else ""


def clock(value):
    return value.strftime("%H:%M") if value else None


def scores(minutes, expected):
    """Each field of expected.json beside what the parser read, as (field, read, expected)."""
    attendees = [surname(person.name) for person in minutes.attendees]
    present = attendees + [surname(person.name) for person in minutes.in_attendance]
    optional = expected.get("attendees_optional", [])
    read = {
        "date": minutes.date.isoformat() if minutes.date else None,
        "start_time": clock(minutes.start_time),
        "end_time": clock(minutes.end_time),
        "chair": surname(minutes.chair) if minutes.chair else None,
        # People a reader could list either way may be attendees or in attendance, but must be one of them.
        "attendees": [name for name in attendees if name not in optional],
        "attendees_optional": [name for name in optional if name in present],
        "apologies": [surname(apology.name) for apology in minutes.apologies],
        "represented": {
            surname(apology.name): surname(apology.represented_by)
            for apology in minutes.apologies
            if apology.represented_by
        },
        "next_meeting": minutes.next_meeting.isoformat() if minutes.next_meeting else None,
        "actions": len(minutes.actions),
    }
    return [
        (field, _as_expected(read[field], wanted), wanted)
        for field, wanted in expected.items()
        if not (field == "actions" and wanted is None)  # "a reader cannot be sure"
    ]


def _as_expected(value, wanted):
    if isinstance(wanted, str) and isinstance(value, str) and len(wanted) < len(value):
        return value[: len(wanted)]  # next_meeting is an ISO prefix
    return value


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_field_a_careful_reader_finds_is_read(document):
    expected = expected_for(document)
    minutes = parse_minutes(shared_file("minutes", f"{document}.txt").read_text(encoding="utf-8"))

    wrong = [(field, read, wanted) for field, read, wanted in scores(minutes, expected) if read != wanted]

    assert wrong == [], f"{document}: fields read differently from expected.json: {wrong}"
