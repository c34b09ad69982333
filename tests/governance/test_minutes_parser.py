"""The minutes parser reads real partnership minutes, and never fails a chair's upload."""

import datetime
import io
import os
import random
from pathlib import Path

import docx
import pytest

from governance.choices import AttendanceCapacity as Capacity
from governance.minutes import (
    MinutesFileError,
    ParsedAction,
    ParsedApology,
    ParsedPerson,
    extract_text,
    initials_of,
    name_key,
    parse_minutes,
)
from tests.conftest import shared_file

EXAMPLES = Path(__file__).resolve().parent / "minutes_examples"


def seed(name):
    return parse_minutes(shared_file("seeds", name).read_text(encoding="utf-8"))


def example(name):
    return parse_minutes((EXAMPLES / name).read_text(encoding="utf-8"))


def warned_fields(minutes):
    return {warning.field for warning in minutes.warnings}


# --- Seed 000: Sheffield Strategic Partnership Working Group, 23 November 2023 --------------------------------


def test_seed_000_header_gives_title_date_times_and_venue():
    minutes = seed("000_48bdc0c17e7556da.txt")

    assert minutes.title == "Sheffield Strategic Partnership Working Group - Meeting Notes"
    assert minutes.date == datetime.date(2023, 11, 23)
    assert (minutes.start_time, minutes.end_time) == (datetime.time(11), datetime.time(13))
    assert minutes.venue == "Learn Sheffield (Albion House)"


def test_seed_000_attendees_keep_roles_organisations_and_the_missing_comma():
    minutes = seed("000_48bdc0c17e7556da.txt")

    assert minutes.attendees == [
        ParsedPerson("Stephen Betts", Capacity.CHAIR),
        ParsedPerson("Andrew Jones"),
        ParsedPerson("Bob Cuff"),
        ParsedPerson("Pat Butterell"),
        ParsedPerson("Evelyn Abram"),
        ParsedPerson("Martin Finch"),
        ParsedPerson("Dean Websters"),
        ParsedPerson("Bev Matthews"),
        ParsedPerson("Martin Fallon"),
        ParsedPerson("Cathy Rowland"),
        ParsedPerson("Dave Trouche"),
        ParsedPerson("Ben Bryant", organisation="ISOS", online=True),
        ParsedPerson("Evelyn Priestley", Capacity.NOTES),
    ]
    assert minutes.chair == "Stephen Betts"
    assert minutes.in_attendance == []


def test_seed_000_apologies_are_listed_without_deputies():
    minutes = seed("000_48bdc0c17e7556da.txt")

    assert minutes.apologies == [
        ParsedApology("Jonathan Crossley Holland"),
        ParsedApology("Linda Gooden"),
        ParsedApology("Nicola Shipman"),
        ParsedApology("Fiona Rigby"),
        ParsedApology("Shelly Appleby"),
    ]


def test_seed_000_agenda_actions_and_next_meeting():
    minutes = seed("000_48bdc0c17e7556da.txt")

    assert minutes.agenda == [
        "Introductions",
        "Strategic Partnership Proposal",
        "Attendance",
        "Partnership Structure",
        "Date and time of next meeting",
    ]
    assert minutes.actions == [
        ParsedAction(
            "SB will share a draft consultation ahead of the next meeting so that colleagues can consider and "
            "feedback at the meeting in December.",
            "Stephen Betts",
        )
    ]
    assert minutes.next_meeting == datetime.datetime(2023, 12, 15, 10, 0)
    assert minutes.warnings == []


# --- Seed 001: Developing a Sheffield Strategic Partnership, 14 July 2023 -------------------------------------


def test_seed_001_venue_on_the_line_under_the_date():
    minutes = seed("001_9d810068e2c3d2b4.txt")

    assert minutes.title == "Developing a Sheffield Strategic Partnership"
    assert minutes.date == datetime.date(2023, 7, 14)
    assert (minutes.start_time, minutes.end_time) == (datetime.time(14, 30), datetime.time(16, 30))
    assert minutes.venue == "Learn Sheffield Meeting Room"


def test_seed_001_attendees_apologies_and_chair():
    minutes = seed("001_9d810068e2c3d2b4.txt")

    assert minutes.attendees == [
        ParsedPerson("Stephen Betts"),
        ParsedPerson("Jonathan Crossley Holland", Capacity.CHAIR),
        ParsedPerson("Shelly Appleby"),
        ParsedPerson("Bev Matthews"),
        ParsedPerson("Nicola Shipman"),
        ParsedPerson("Linda Gooden"),
        ParsedPerson("Julia Delaney"),
        ParsedPerson("Martin Fallon"),
        ParsedPerson("Martin Finch"),
        ParsedPerson("Dean Webster"),
        ParsedPerson("Roland Freeman"),
        ParsedPerson("Andrew Jones"),
        ParsedPerson("Thomas Edmonds", Capacity.NOTES),
    ]
    assert minutes.apologies == [
        ParsedApology("Chris French"),
        ParsedApology("Linda Joseph"),
        ParsedApology("Angela Foulkes"),
        ParsedApology("Mark Fairbrother"),
        ParsedApology("Fiona Rigby"),
    ]
    assert minutes.chair == "Jonathan Crossley Holland"


def test_seed_001_agenda_headings_drop_the_presenter():
    minutes = seed("001_9d810068e2c3d2b4.txt")

    assert minutes.agenda == [
        "Introductions",
        "Purpose of the partnership",
        "The opportunities that a strong partnership offers",
        "Useful lessons from other strategic partnerships",
        "Expectations and possible contributions",
        "Date and time of next meeting",
    ]


def test_seed_001_inferred_actions_resolve_initials_to_people_named_in_full():
    minutes = seed("001_9d810068e2c3d2b4.txt")

    assert minutes.actions == [
        ParsedAction("SD agreed to circulate his slides to the group.", "Simon Day"),
        ParsedAction(
            "JCH agreed to summarise the key points from today's meeting into a briefing note that can be shared "
            "out to colleagues across the city in September.",
            "Jonathan Crossley Holland",
        ),
    ]


def test_seed_001_next_meeting_to_be_arranged_is_empty_with_a_warning():
    minutes = seed("001_9d810068e2c3d2b4.txt")

    assert minutes.next_meeting is None
    assert warned_fields(minutes) == {"next_meeting"}
    assert "no date for the next meeting" in minutes.warnings_for("next_meeting")[0]


# --- Our own examples, in the other styles partnerships use ---------------------------------------------------


def test_present_list_one_per_line_with_bullets_honorifics_and_officials():
    minutes = example("present_bullets_24_hour.txt")

    assert minutes.attendees == [
        ParsedPerson("Dame Jane Roe DBE", Capacity.CHAIR),
        ParsedPerson("Professor Sir John Doe", "", "Sheffield Hallam University"),
        ParsedPerson("Mary Smith", "", "Walsall Council"),
        ParsedPerson("Cllr Tom Brown", Capacity.MEMBER),
        ParsedPerson("Priya Patel", Capacity.NOTES, "Walsall Council"),
    ]
    assert minutes.in_attendance == [
        ParsedPerson("Alan Green", Capacity.IN_ATTENDANCE, "DfE"),
        ParsedPerson("Beth White", Capacity.IN_ATTENDANCE, "DfE"),
    ]
    assert minutes.apologies == [ParsedApology("Robyn Turner"), ParsedApology("Kelly Vaughan")]
    assert minutes.chair == "Dame Jane Roe DBE"


def test_labelled_date_time_and_venue_lines_with_24_hour_times():
    minutes = example("present_bullets_24_hour.txt")

    assert minutes.title == "Walsall Attendance Working Group"
    assert minutes.date == datetime.date(2024, 3, 12)
    assert (minutes.start_time, minutes.end_time) == (datetime.time(14), datetime.time(16))
    assert minutes.venue == "Walsall Council House, Committee Room 2"


def test_numbered_agenda_items_and_next_meeting_with_a_single_time():
    minutes = example("present_bullets_24_hour.txt")

    assert minutes.agenda == [
        "Welcome and apologies",
        "Minutes of the last meeting",
        "Attendance data",
        "Any other business",
        "Date of next meeting",
    ]
    assert minutes.actions == [ParsedAction("MS to circulate the data pack to all members.", "Mary Smith")]
    assert minutes.next_meeting == datetime.datetime(2024, 5, 14, 14, 0)
    assert minutes.warnings == []


def test_actions_table_with_pipes_resolves_owner_initials():
    minutes = example("action_table_with_pipes.txt")

    assert minutes.actions == [
        ParsedAction("Circulate the draft priorities to sector groups", "Stephen Betts"),
        ParsedAction("Share the attendance data for special schools", "Andrew Jones"),
        ParsedAction("Book the room for the next meeting", "Rachel Okafor"),
    ]
    assert minutes.date == datetime.date(2023, 11, 23)
    assert (minutes.start_time, minutes.end_time) == (datetime.time(11), datetime.time(13))
    assert minutes.venue == "MS Teams"
    assert minutes.chair == "Stephen Betts"
    assert minutes.attendees[0] == ParsedPerson("Stephen Betts", Capacity.CHAIR)
    assert minutes.next_meeting == datetime.datetime(2023, 12, 15, 10, 0)


def test_actions_table_with_tabs_and_apologies_none():
    minutes = example("action_table_with_tabs.txt")

    assert minutes.actions == [
        ParsedAction("Write to schools about the specialist places survey", "Fiona Rigby"),
        ParsedAction("Collect case studies from special schools", "Julia Delaney"),
    ]
    assert minutes.apologies == []
    assert "apologies" not in warned_fields(minutes)
    assert (minutes.start_time, minutes.end_time) == (datetime.time(9, 30), datetime.time(11))
    assert minutes.venue == "Abbey Primary School, Sheffield"


def test_action_dash_lines_take_the_owner_from_the_subject():
    minutes = example("action_lines_with_owners.txt")

    assert minutes.actions == [
        ParsedAction("the Department is to publish the final guidance before the summer term.", "the Department"),
        ParsedAction("SB to share the Sheffield attendance insight report with members.", "Stephen Betts"),
        ParsedAction("JR to draft a note on local authority support to schools.", "Jane Roe"),
    ]


def test_independent_chair_and_officials_in_attendance_with_notes_role():
    minutes = example("action_lines_with_owners.txt")

    assert minutes.chair == "Dame Rachel Grey DBE"
    assert minutes.in_attendance == [
        ParsedPerson("Helen Black", Capacity.IN_ATTENDANCE, "Department for Education"),
        ParsedPerson("Sam Reed", Capacity.NOTES, "Department for Education"),
    ]
    assert minutes.venue == "Sanctuary Buildings, London"
    assert minutes.next_meeting is None
    assert warned_fields(minutes) == {"next_meeting"}


def test_apologies_with_deputy_record_represented_by():
    minutes = example("apologies_with_deputies.txt")

    assert minutes.apologies == [
        ParsedApology("Jane Roe", "John Doe"),
        ParsedApology("Linda Joseph", "Mark Hughes"),
        ParsedApology("Angela Foulkes", "Sara Khan"),
        ParsedApology("Chris French", "Ali Shah"),
        ParsedApology("Mark Fairbrother"),
    ]


def test_deputies_named_in_the_apologies_and_present_are_marked_as_deputies():
    minutes = example("apologies_with_deputies.txt")

    capacities = {person.name: person.capacity for person in minutes.attendees}
    assert [name for name, capacity in capacities.items() if capacity == Capacity.DEPUTY] == [
        "John Doe",
        "Mark Hughes",
        "Sara Khan",
        "Ali Shah",
    ]
    assert capacities["Roland Freeman"] == ""


@pytest.mark.parametrize(
    "apologies",
    [
        "Apologies: Jane Roe represented by John Doe",
        "Apologies: Jane Roe represented by John Doe, Linda Joseph",
        "Apologies:\nJane Roe represented by John Doe\nLinda Joseph",
    ],
)
def test_an_apology_with_its_deputy_written_inline_keeps_both(apologies):
    minutes = parse_minutes(f"Working Group\n{apologies}\n")

    assert minutes.apologies[0] == ParsedApology("Jane Roe", "John Doe")
    assert "John Doe" not in [apology.name for apology in minutes.apologies]


def test_a_chair_who_joined_online_is_chair_and_online():
    minutes = parse_minutes("Working Group\nPresent: Ann Lee (chair, online), Bob Smith (online), Cy Dee\n")

    assert minutes.attendees == [
        ParsedPerson("Ann Lee", Capacity.CHAIR, online=True),
        ParsedPerson("Bob Smith", online=True),
        ParsedPerson("Cy Dee"),
    ]
    assert minutes.chair == "Ann Lee"


def test_a_deputy_in_the_list_of_those_present_becomes_the_members_apology_and_deputy():
    minutes = parse_minutes(
        "Working Group\nPresent: Ann Lee (chair), John Doe (deputy for Jane Roe)\nApologies: Jane Roe\n"
    )

    assert minutes.attendees[1] == ParsedPerson("John Doe", Capacity.DEPUTY)
    assert minutes.apologies == [ParsedApology("Jane Roe", "John Doe")]


def test_an_attendance_table_reads_online_and_absent():
    minutes = parse_minutes(
        "Working Group\nName | Role | Attendance\nAnn Lee | Chair | Present (online)\nBo Tan | | Absent\n"
        "Cy Dee | | Apologies - represented by Al Bo\nDi Eve | Observer | Present\n"
    )

    assert minutes.attendees == [
        ParsedPerson("Ann Lee", Capacity.CHAIR, online=True),
        ParsedPerson("Di Eve", Capacity.OBSERVER),
    ]
    assert minutes.absent == [ParsedPerson("Bo Tan")]
    assert minutes.apologies == [ParsedApology("Cy Dee", "Al Bo")]


def test_long_lists_are_cut_to_what_the_confirmation_screen_can_carry_with_a_warning():
    actions = "".join(f"Action: JR to write letter {n} to the schools. " + "x" * 2000 + "\n" for n in range(250))
    minutes = parse_minutes(f"Working Group\nPresent: Jane Roe\n\nLetters\n{actions}")

    assert len(minutes.actions) == 200
    assert max(len(action.text) for action in minutes.actions) == 1000
    assert minutes.warnings_for("actions") == ["The minutes list 250 actions; only the first 200 were kept."]


def test_missing_apologies_and_venue_warn_on_exactly_those_fields():
    minutes = example("missing_apologies_and_venue.txt")

    assert warned_fields(minutes) == {"apologies", "venue"}
    assert minutes.venue == ""
    assert minutes.warnings_for("apologies") == [
        "No apologies section was found; please add anyone who sent apologies, or confirm there were none."
    ]
    assert (minutes.start_time, minutes.end_time) == (datetime.time(16), datetime.time(17, 30))


def test_time_that_cannot_be_read_is_left_empty_with_warnings():
    minutes = example("unreadable_time.txt")

    assert (minutes.start_time, minutes.end_time) == (None, None)
    assert warned_fields(minutes) == {"start_time", "end_time"}
    assert "after lunch until late" in minutes.warnings_for("start_time")[0]
    assert minutes.venue == "Online (Zoom)"
    assert minutes.next_meeting == datetime.datetime(2024, 3, 8, 13, 30)


def test_council_style_capitals_tab_aligned_lists_and_closing_time():
    minutes = example("council_style_capitals_and_tabs.txt")

    assert minutes.title == "WALSALL ATTENDANCE WORKING GROUP"
    assert minutes.date == datetime.date(2024, 1, 10)
    assert (minutes.start_time, minutes.end_time) == (datetime.time(14), datetime.time(15, 40))
    assert minutes.venue == "CIVIC CENTRE, WALSALL"
    assert minutes.attendees == [
        ParsedPerson("Robyn Turner", Capacity.CHAIR),
        ParsedPerson("Cathy Draper"),
        ParsedPerson("Kate Bargh"),
    ]
    assert minutes.in_attendance == [ParsedPerson("Sam Lee", Capacity.NOTES)]
    assert minutes.apologies == [ParsedApology("Kelly Vaughan"), ParsedApology("Simon Rogers")]
    assert minutes.agenda == [
        "WELCOME AND INTRODUCTIONS",
        "MINUTES OF THE PREVIOUS MEETING",
        "ATTENDANCE DATA",
        "DATE OF NEXT MEETING",
    ]
    assert minutes.actions == [ParsedAction("CD to share the primary data with heads.", "Cathy Draper")]
    assert minutes.next_meeting == datetime.datetime(2024, 3, 13, 14, 0)
    assert minutes.warnings == []


def test_government_note_with_item_numbers_chair_line_and_secretariat():
    minutes = example("government_note_with_items.txt")

    assert minutes.chair == "Baroness Anne Longfield CBE"
    assert minutes.attendees == [
        ParsedPerson("Baroness Anne Longfield CBE", Capacity.CHAIR),
        ParsedPerson("Jane Roe", "", "Association of School and College Leaders"),
        ParsedPerson("John Doe", "", "NAHT"),
        ParsedPerson("Sarah Brown", organisation="Local Government Association", online=True),
    ]
    assert minutes.in_attendance == [
        ParsedPerson("Tom White", Capacity.IN_ATTENDANCE, "DfE"),
        ParsedPerson("Priya Shah", Capacity.NOTES, "DfE"),
    ]
    assert minutes.apologies == [ParsedApology("Mark Green", "Alice Grey")]
    assert minutes.agenda == ["Welcome", "Attendance data", "AOB"], "'Next meeting: <date>' is a date, not an item"
    assert minutes.actions == [
        ParsedAction("Officials to share the data by region.", "Officials"),
        ParsedAction("JD to circulate the NAHT survey results.", "John Doe"),
    ]
    assert (minutes.start_time, minutes.end_time) == (datetime.time(14), datetime.time(16))


def test_next_meeting_without_a_time_keeps_the_date_and_asks_for_the_time():
    minutes = example("government_note_with_items.txt")

    assert minutes.next_meeting == datetime.datetime(2023, 9, 20, 0, 0)
    assert minutes.warnings_for("next_meeting") == [
        "The next meeting is on 20 September 2023 but no time was given; please add the time."
    ]


# --- Single rules ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("Thursday 23 November 2023, 11.00-1.00pm", datetime.time(11), datetime.time(13)),
        ("Friday 14 July 2023, 2.30-4.30pm", datetime.time(14, 30), datetime.time(16, 30)),
        ("Friday 15 December 2023, 10.00-12.00pm", datetime.time(10), datetime.time(12)),
        ("23 November 2023, 11am to 1pm", datetime.time(11), datetime.time(13)),
        ("23 November 2023, 14:00 – 16:00", datetime.time(14), datetime.time(16)),
        ("23 November 2023, 9.30am – 12.30pm", datetime.time(9, 30), datetime.time(12, 30)),
        ("23 November 2023, 6-8pm", datetime.time(18), datetime.time(20)),
        ("23 November 2023, 12 noon - 2pm", datetime.time(12), datetime.time(14)),
    ],
)
def test_times_take_the_am_or_pm_that_makes_a_plausible_meeting(written, start, end):
    minutes = parse_minutes(f"Working Group\n{written}\n")

    assert (minutes.start_time, minutes.end_time) == (start, end)
    assert "start_time" not in warned_fields(minutes)


@pytest.mark.parametrize(
    "written",
    ["Date: 23/11/2023", "23rd Nov 2023", "Thursday 23 November 2023", "Date: 23.11.23", "Date: 2023-11-23"],
)
def test_dates_written_in_uk_styles(written):
    assert parse_minutes(f"Working Group\n{written}\n").date == datetime.date(2023, 11, 23)


def test_a_weekday_that_does_not_match_the_date_is_queried():
    minutes = parse_minutes("Working Group\nMonday 23 November 2023, 10:00-12:00\n")

    assert minutes.date == datetime.date(2023, 11, 23)
    assert "Thursday" in minutes.warnings_for("date")[0]


def test_times_without_am_or_pm_that_could_be_morning_or_evening_are_queried():
    minutes = parse_minutes("Working Group\n23 November 2023, 7-9\n")

    assert minutes.start_time == datetime.time(7)
    assert minutes.warnings_for("start_time")


def test_meeting_closed_at_gives_the_finishing_time():
    minutes = parse_minutes(
        "Working Group\n23 November 2023 at 10am\n\nWelcome\nAll welcomed.\nThe meeting closed at 11.45am."
    )

    assert (minutes.start_time, minutes.end_time) == (datetime.time(10), datetime.time(11, 45))


@pytest.mark.parametrize(
    "attendees", ["Attendees: Jane Roe (Walsall Council, chair)", "Attendees: Jane Roe (chair, Walsall Council)"]
)
def test_role_and_organisation_in_one_bracket_are_split(attendees):
    minutes = parse_minutes(f"Working Group\n{attendees}\n")

    assert minutes.attendees == [ParsedPerson("Jane Roe", Capacity.CHAIR, "Walsall Council")]
    assert minutes.chair == "Jane Roe"


def test_chair_line_marks_the_chair_and_adds_them_to_attendees():
    minutes = parse_minutes("Working Group\nChair: Jane Roe\nPresent: John Doe; Mary Smith\n")

    assert minutes.chair == "Jane Roe"
    assert minutes.attendees == [
        ParsedPerson("Jane Roe", Capacity.CHAIR),
        ParsedPerson("John Doe"),
        ParsedPerson("Mary Smith"),
    ]


def test_title_drops_minutes_of_and_held_on():
    minutes = parse_minutes("Minutes of the Attendance Working Group held on 12 March 2024 at Walsall Council House\n")

    assert minutes.title == "Attendance Working Group"
    assert minutes.date == datetime.date(2024, 3, 12)
    assert minutes.venue == "Walsall Council House"


def test_apologies_written_as_a_sentence():
    minutes = parse_minutes("Working Group\n\n1. Welcome\nApologies were received from Jane Roe and John Doe.\n")

    assert minutes.apologies == [ParsedApology("Jane Roe"), ParsedApology("John Doe")]
    assert minutes.agenda == ["Welcome"]


def test_actions_are_not_inferred_when_the_minutes_mark_actions():
    text = (
        "Working Group\nAttendees: Simon Day, Jane Roe\n\nData\nSD will share the data.\nAction: JR to book a room.\n"
    )

    assert parse_minutes(text).actions == [ParsedAction("JR to book a room.", "Jane Roe")]


def test_unknown_initials_are_kept_with_a_warning():
    minutes = parse_minutes("Working Group\nAttendees: Jane Roe\n\nData\nAction: XY to book a room.\n")

    assert minutes.actions == [ParsedAction("XY to book a room.", "XY")]
    assert "XY" in minutes.warnings_for("actions")[0]


def test_next_meeting_without_a_year_follows_the_meeting_date():
    minutes = parse_minutes(
        "Working Group\nThursday 23 November 2023, 10:00-12:00\n\nNext meeting: 18 January at 10am\n"
    )

    assert minutes.next_meeting == datetime.datetime(2024, 1, 18, 10, 0)


def test_name_key_ignores_honorifics_post_nominals_and_hyphens():
    assert (
        name_key("Jonathan Crossley-Holland") == name_key("Jonathan  Crossley Holland") == "jonathan crossley holland"
    )
    assert name_key("Dame Jane Roe DBE") == name_key("Jane Roe") == "jane roe"
    assert name_key("Professor Sir John Doe") == name_key("Prof. John Doe PhD") == "john doe"
    assert name_key("Cllr Mary Smith OBE") == "mary smith"


def test_initials_of_ignore_honorifics_and_split_hyphens():
    assert initials_of("Jonathan Crossley Holland") == "JCH"
    assert initials_of("Jonathan Crossley-Holland") == "JCH"
    assert initials_of("Dame Jane Roe DBE") == "JR"
    assert initials_of("Professor Sir John Doe") == "JD"


def test_as_json_dict_has_the_agreed_shape():
    payload = parse_minutes(
        "Working Group\n23/11/2023, 11.00-1.00pm\nAttendees: Jane Roe (chair)\n"
        "Apologies: John Doe (represented by Ann Lee)\n"
        "\nData\nAction: JR to share the data.\n\nNext meeting: 15 December 2023, 10am\n"
    ).as_json_dict()

    assert payload == {
        "title": "Working Group",
        "date": "2023-11-23",
        "start_time": "11:00",
        "end_time": "13:00",
        "venue": "",
        "chair": "Jane Roe",
        "attendees": [{"name": "Jane Roe", "capacity": "chair", "organisation": "", "online": False}],
        "apologies": [{"name": "John Doe", "represented_by": "Ann Lee"}],
        "absent": [],
        "in_attendance": [],
        "agenda": ["Data"],
        "actions": [{"text": "JR to share the data.", "owner": "Jane Roe"}],
        "next_meeting": "2023-12-15T10:00:00",
        "warnings": [
            {
                "field": "venue",
                "message": "No venue was found; please enter where the meeting was held, or 'Online'.",
                "line": None,
            }
        ],
        "found": {
            "title": {"rule": "as the first line naming the meeting", "line": 1},
            "date": {"rule": "in the heading", "line": 2},
            "start_time": {"rule": "in the heading", "line": 2},
            "end_time": {"rule": "in the heading", "line": 2},
            "chair": {"rule": "under 'Attendees'", "line": 3},
            "next_meeting": {"rule": "under 'Next meeting'", "line": 9},
            "attendees": [{"rule": "under 'Attendees'", "line": 3}],
            "apologies": [{"rule": "under 'Apologies'", "line": 4}],
            "absent": [],
            "in_attendance": [],
            "actions": [{"rule": "marked 'Action'", "line": 7}],
        },
    }


# --- Word documents and uploads ---------------------------------------------------------------------------------


def word_minutes():
    document = docx.Document()
    document.add_heading("Sheffield Strategic Partnership Working Group", level=1)
    document.add_paragraph("Thursday 23 November 2023, 11.00-1.00pm, Learn Sheffield")
    document.add_paragraph("Attendees")
    add_table(
        document,
        ["Name", "Organisation", "Role"],
        ["Stephen Betts", "Learn Sheffield", "Chair"],
        ["Andrew Jones", "Sheffield City Council", ""],
        ["Evelyn Priestley", "Learn Sheffield", "Notes"],
    )
    document.add_paragraph("Apologies: Linda Gooden")
    document.add_paragraph("Attendance")
    document.add_paragraph("SB presented the attendance insight report to the group.")
    document.add_paragraph("Actions")
    add_table(document, ["Action", "Owner", "Due"], ["Share the insight report with heads", "SB", "1 December 2023"])
    document.add_paragraph("Date of next meeting")
    document.add_paragraph("Friday 15 December 2023, 10.00-12.00pm")
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def add_table(document, *rows):
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def test_word_document_keeps_paragraphs_and_table_rows_in_order():
    text = extract_text("minutes.docx", word_minutes())

    lines = text.splitlines()
    assert lines[3] == "Name | Organisation | Role"
    assert lines[4] == "Stephen Betts | Learn Sheffield | Chair"
    assert lines.index("Apologies: Linda Gooden") == 7
    assert "Share the insight report with heads | SB | 1 December 2023" in lines


def test_word_document_with_tables_parses_attendees_and_actions():
    minutes = parse_minutes(extract_text("Minutes.DOCX", word_minutes()))

    assert minutes.attendees == [
        ParsedPerson("Stephen Betts", Capacity.CHAIR, "Learn Sheffield"),
        ParsedPerson("Andrew Jones", "", "Sheffield City Council"),
        ParsedPerson("Evelyn Priestley", Capacity.NOTES, "Learn Sheffield"),
    ]
    assert minutes.actions == [ParsedAction("Share the insight report with heads", "Stephen Betts")]
    assert minutes.agenda == ["Attendance", "Date of next meeting"]
    assert minutes.next_meeting == datetime.datetime(2023, 12, 15, 10, 0)
    assert minutes.warnings == []


def test_word_list_numbers_and_bullets_are_kept_so_bullets_are_not_agenda_items():
    document = docx.Document()
    document.add_paragraph("Attendance Working Group")
    document.add_paragraph("12 March 2024, 10:00-12:00, Room 4")
    document.add_paragraph("Present: Jane Roe (chair), John Doe")
    document.add_paragraph("Apologies: None")
    document.add_paragraph("Welcome", style="List Number")
    document.add_paragraph("JR welcomed members.")
    document.add_paragraph("Attendance strategy", style="List Number")
    document.add_paragraph("The group agreed these principles:")
    document.add_paragraph("Partnership led by an independent chair", style="List Bullet")
    document.add_paragraph("Members discussed the principles.")
    saved = io.BytesIO()
    document.save(saved)

    text = extract_text("minutes.docx", saved.getvalue())

    assert "1. Welcome" in text.splitlines()
    assert "- Partnership led by an independent chair" in text.splitlines()
    assert parse_minutes(text).agenda == ["Welcome", "Attendance strategy"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_a_byte_order_mark_is_recognised(encoding):
    text = "Attendance Working Group\nDate: 1/2/2024 – Room 4\nPresent: Jane Roe (chair), Zoë Brontë\n"

    assert extract_text("minutes.txt", text.encode(encoding)) == text


def test_text_full_of_zero_bytes_that_is_not_utf16_is_refused_clearly():
    with pytest.raises(MinutesFileError, match="does not look like text"):
        extract_text("minutes.txt", "Minutes".encode("utf-32-le"))


def test_text_files_in_utf8_with_a_bom_and_in_windows_cp1252_are_read():
    assert extract_text("minutes.txt", "\ufeffDate: 1/2/2024 – Room 4".encode()) == "Date: 1/2/2024 – Room 4"
    assert extract_text("minutes.txt", "Café – “notes”".encode("cp1252")) == "Café – “notes”"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("minutes.docx", b"this is not a Word file", "could not be opened"),
        ("minutes.pdf", b"%PDF-1.7", "'.pdf' files cannot be read"),
        ("minutes.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
        ("minutes.txt", b"", "empty"),
        ("minutes.txt", b"  \n\n ", "empty"),
    ],
)
def test_files_that_cannot_be_read_raise_a_clear_minutes_file_error(filename, content, message):
    with pytest.raises(MinutesFileError, match=message):
        extract_text(filename, content)


def test_minutes_file_error_is_a_value_error():
    assert issubclass(MinutesFileError, ValueError)


# --- Hostile input ----------------------------------------------------------------------------------------------


def junk(size, alphabet):
    chooser = random.Random(size)
    return "".join(chooser.choice(alphabet) for _ in range(size))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\n ",
        junk(1_000_000, "abcXYZ 0123.,:;-()|\t\n"),
        junk(1_000_000, "Apologies: Present Action SB will (chair) 12.00-1pm 23/11/2023 ,;\n"),
        "x" * 1_000_000,
        os.urandom(200_000).decode("cp1252", errors="replace"),
        "\x00\x01\x02 binary \ufffd\ufffd",
    ],
    ids=["empty", "blank", "junk", "minute-like junk", "one huge line", "binary", "control characters"],
)
def test_parse_never_crashes_and_reports_what_is_missing(text):
    minutes = parse_minutes(text)

    messages = [warning.message for warning in minutes.warnings]
    assert messages
    assert not any("could not be read automatically" in message for message in messages)  # no internal error
    assert isinstance(minutes.as_json_dict(), dict)


def test_empty_minutes_warn_on_every_field_a_chair_must_fill_in():
    minutes = parse_minutes("")

    assert warned_fields(minutes) >= {"title", "date", "start_time", "attendees", "apologies", "next_meeting"}
    assert minutes.title == "" and minutes.attendees == [] and minutes.next_meeting is None


def test_binary_bytes_uploaded_as_text_still_parse():
    text = extract_text("minutes.txt", os.urandom(50_000))

    assert parse_minutes(text).warnings_for("date")


def test_parse_accepts_bytes_without_crashing():
    assert parse_minutes(b"Working Group\nDate: 23/11/2023\n").date == datetime.date(2023, 11, 23)
