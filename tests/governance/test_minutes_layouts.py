"""Every register layout partnerships' minutes use, read exactly: who attended, who was in attendance,
who sent apologies and who deputised for them. Each example is our own text in a layout seen in real minutes.
"""

import datetime
from pathlib import Path

import pytest

from governance.choices import AttendanceCapacity as Capacity
from governance.minutes import parse_minutes

EXAMPLES = Path(__file__).resolve().parent / "minutes_examples"
CHAIR, DEPUTY, NOTES, OBSERVER = Capacity.CHAIR, Capacity.DEPUTY, Capacity.NOTES, Capacity.OBSERVER
OFFICIAL = Capacity.IN_ATTENDANCE


def example(name):
    return parse_minutes((EXAMPLES / name).read_text(encoding="utf-8"))


def register(minutes):
    """The register as a chair checks it: each person with the part they took, each apology with its deputy."""
    return {
        "attendees": [(person.name, person.capacity) for person in minutes.attendees],
        "in_attendance": [(person.name, person.capacity) for person in minutes.in_attendance],
        "apologies": [(apology.name, apology.represented_by) for apology in minutes.apologies],
    }


def test_layout_1_a_present_heading_split_into_labelled_groups_with_wrapped_comma_lists():
    minutes = example("layout_01_present_subgroups.txt")

    assert register(minutes) == {
        "attendees": [
            ("Helen Ashworth", CHAIR),
            ("Marcus Penrose", ""),
            ("Farida Qureshi", ""),
            ("Owen Tallis", ""),
            ("Bethany Crane", ""),
            ("Rowan Heathcote", ""),
            ("Gideon Marsh", ""),
            ("Priya Lakhani", ""),
            ("Nadia Fenwick", DEPUTY),
            ("Dominic Hale", DEPUTY),
        ],
        "in_attendance": [
            ("Councillor Trevor Bland", OBSERVER),
            ("Joanne Kettle", OFFICIAL),
            ("Luis Ortega", OFFICIAL),
            ("Maureen Pike", NOTES),
        ],
        "apologies": [("Colin Ashdown", "Nadia Fenwick"), ("Ellen Moss", "")],
    }
    assert minutes.attendees[4].organisation == "Academy Trust", "a bracket that wraps onto the next line is kept"
    assert str(minutes.attendees[8].found) == "found under 'Substitutes', line 10"


def test_layout_2_one_person_a_line_as_initials_dash_role_and_organisation():
    minutes = example("layout_02_initials_with_roles.txt")

    assert register(minutes) == {
        "attendees": [
            ("HT", CHAIR),
            ("GW", ""),
            ("Petra Vance", ""),
            ("LN", ""),
            ("KO", ""),
            ("RB", NOTES),
            ("SJ", NOTES),
        ],
        "in_attendance": [],
        "apologies": [("FD", ""), ("MY", "")],
    }
    assert minutes.attendees[1].organisation == "Assistant Director, Learning and Skills, County Council"
    assert minutes.chair == "HT"


def test_layout_3_bulleted_names_running_straight_into_job_titles():
    minutes = example("layout_03_names_into_titles.txt")

    assert register(minutes) == {
        "attendees": [
            ("Jane Whitlock", CHAIR),
            ("Dr Amir Sethi", ""),
            ("Colette Brannigan", ""),
            ("Tomasz Nowak", ""),
            ("Grace Obi", ""),
            ("Harriet Lyle-Evans", ""),
        ],
        "in_attendance": [],
        "apologies": [("Neil Fairweather", ""), ("Sunita Rao", "")],
    }
    assert minutes.attendees[1].organisation == "Designated Medical Officer, Health Trust"


def test_layout_4_inline_initials_and_apologies_in_an_agenda_row_divided_by_slashes():
    minutes = example("layout_04_inline_initials_and_rows.txt")

    assert register(minutes) == {
        "attendees": [("DM", CHAIR), ("RK", ""), ("PS", ""), ("TW", ""), ("EH", ""), ("JB", ""), ("CN", NOTES)],
        "in_attendance": [],
        "apologies": [("EB", ""), ("LF", "")],
    }
    assert minutes.attendees[5].organisation == "LA", "(LA) after JB is where JB works, not a second person"
    assert str(minutes.apologies[0].found) == "found under 'Apologies', line 9"


def test_layout_4_apologies_in_a_numbered_table_row_leave_the_lead_column_alone():
    minutes = example("layout_04_apologies_in_numbered_item.txt")

    assert register(minutes) == {
        "attendees": [("AQ", CHAIR), ("BR", ""), ("CS", ""), ("DT", "")],
        "in_attendance": [],
        "apologies": [("GU", ""), ("HV", "")],
    }


def test_layout_5_label_fields_and_a_governors_list_under_its_own_heading():
    minutes = example("layout_05_governors_label_fields.txt")

    assert register(minutes) == {
        "attendees": [
            ("Mrs K Delacroix", CHAIR),
            ("Mr A Fairbairn", ""),
            ("Dr S Mwangi", ""),
            ("Ms L Carrow", ""),
            ("Revd P Quayle", ""),
        ],
        "in_attendance": [("Mr D Osei", OFFICIAL), ("Ms R Lindqvist", OFFICIAL), ("Mr T Hanlon", NOTES)],
        "apologies": [("Mr G Holt", ""), ("Mrs E Varga", "")],
    }
    assert (minutes.date, minutes.start_time) == (datetime.date(2025, 11, 4), datetime.time(18))
    assert minutes.venue == "Staff Room"
    assert minutes.in_attendance[1].organisation == "Finance Manager", "two people run together after a bracket"


def test_layout_6_a_register_flattened_from_a_pdf():
    minutes = example("layout_06_pdf_flattened.txt")

    assert register(minutes) == {
        "attendees": [
            ("Moira Kell", ""),
            ("Derek Ansell", ""),
            ("Paula Brisk", ""),
            ("Simon Tate", ""),
            ("Ruth Ebo", ""),
            ("Kay Lam", ""),
            ("Ivan Petrov", CHAIR),
            ("Orla Byrne", ""),
            ("Tess Vine", ""),
        ],
        "in_attendance": [("Neville Hurst", NOTES), ("Ada Crowe", OFFICIAL)],
        "apologies": [("Lena Marsh", ""), ("Victor Oduya", ""), ("Pam Ricci", "")],
    }
    assert minutes.attendees[1].organisation == "Hollow Vale", "the bracket after 'A and B' is about both"
    assert (minutes.date, minutes.start_time) == (datetime.date(2025, 3, 12), datetime.time(14, 15))
    assert minutes.title == "EASTERN COUNTIES NETWORK OF INCLUSION LEADS"
    assert minutes.venue == "THE ASSEMBLY ROOMS"


def test_layout_7_apologies_and_substitutes_written_as_prose():
    minutes = example("layout_07_apologies_in_prose.txt")

    assert register(minutes) == {
        "attendees": [
            ("Gemma Stroud", CHAIR),
            ("Abdul Karim", ""),
            ("Fiona Lyle", ""),
            ("Hugo Brandt", ""),
            ("Leah Finch", ""),
            ("Martin Cole", DEPUTY),
            ("Sara Ng", DEPUTY),
        ],
        "in_attendance": [],
        "apologies": [
            ("Kevin Dorsey", ""),
            ("Ian Muir", "Martin Cole"),
            ("Rhona Park", ""),
            ("Colin Reeve", ""),
            ("Tara Banks", "Sara Ng"),
        ],
    }


def test_layout_8_a_chair_named_only_in_a_sentence_and_a_start_time_in_a_sentence():
    minutes = example("layout_08_chair_in_a_sentence.txt")

    assert register(minutes) == {
        "attendees": [("Patrick Doyle", CHAIR), ("Imogen Shaw", ""), ("Karl Benes", ""), ("Wendy Lu", "")],
        "in_attendance": [],
        "apologies": [("Adele Fraser", "")],
    }
    assert minutes.chair == "Patrick Doyle"
    assert minutes.warnings_for("chair") == [
        'The chair was worked out from a sentence on line 9: "As the Chair had sent apologies, the Vice-Chair took '
        'the chair."; please check who chaired the meeting.'
    ]
    assert (minutes.start_time, minutes.end_time) == (datetime.time(8, 5), datetime.time(9, 20))
    assert str(minutes.found["start_time"]) == "found in the sentence 'meeting commenced at 8.05 am.', line 9"


def test_layout_8_a_chair_named_by_initials_in_a_sentence_is_the_person_listed():
    minutes = parse_minutes(
        "Working Group\nPresent: Patrick Doyle, Imogen Shaw\n\n1. Welcome\nThe meeting was chaired by PD.\n"
    )

    assert minutes.chair == "Patrick Doyle"
    assert [(person.name, person.capacity) for person in minutes.attendees] == [
        ("Patrick Doyle", CHAIR),
        ("Imogen Shaw", ""),
    ]


def test_layout_9_the_misses_of_a_first_paste():
    minutes = example("layout_09_first_paste_misses.txt")

    assert register(minutes) == {
        "attendees": [("Beatrice Olu", CHAIR), ("Callum Reid", ""), ("Dana Whitfield", "")],
        "in_attendance": [],
        "apologies": [("Ewan Grady", "Tobi Adeyemi"), ("Faye Lindqvist", "")],
    }
    assert minutes.title == "Riverside Attendance Working Group"
    assert minutes.agenda == ["Attendance update"], "'Next meeting: <date>' is the next meeting, not an item"
    assert minutes.next_meeting == datetime.datetime(2025, 12, 4, 15, 30)


def test_layout_10_job_titles_furniture_and_names_run_together_invent_nobody():
    minutes = example("layout_10_never_invent.txt")

    assert register(minutes) == {
        "attendees": [("Nora Blake", ""), ("Quentin Hale", ""), ("Jo Marsh", ""), ("Uma Patel", "")],
        "in_attendance": [("Ravi Menon", NOTES), ("Lydia Frost", OFFICIAL)],
        "apologies": [("Yusuf Ali", ""), ("John Penn", "")],
    }
    assert minutes.title == "Southgate Trust Partnership Board"
    assert minutes.agenda == ["Welcome", "Finance"], "'Page 2 of 3' is page furniture"


def test_a_town_after_a_school_in_a_comma_list_is_kept_but_queried():
    minutes = parse_minutes(
        "Working Group\nPresent: Ann Lee, Head Teacher, St Mark's Primary School, Leamington Spa, Bob Hart\n"
    )

    assert [person.name for person in minutes.attendees] == ["Ann Lee", "Leamington Spa", "Bob Hart"]
    [doubt] = [warning for warning in minutes.warnings if warning.person]
    assert (doubt.field, doubt.person, doubt.line) == ("attendees", "Leamington Spa", 2)
    assert "follows an organisation" in doubt.message


@pytest.mark.parametrize(
    ("text", "attendees", "apologies"),
    [
        (
            "Present: Councillors A Smith (Chairman), B Jones and C Brown\nApologies: Amy Bell, Deputy Headteacher",
            [("A Smith", CHAIR), ("B Jones", ""), ("C Brown", "")],
            [("Amy Bell", "")],
        ),
        (
            "Attendance: Jane Roe – Chair; Tom Lee – Headteacher, Oak Primary; Sue Ray – Clerk",
            [("Jane Roe", CHAIR), ("Tom Lee", ""), ("Sue Ray", NOTES)],
            [],
        ),
        (
            "Present:\n- Amy Bell Deputy Headteacher, Riverside Academy\n- Carl Dunn Education Welfare Officer\n"
            "- Eve Ford Head of Service, Early Help (Chair)",
            [("Amy Bell", ""), ("Carl Dunn", ""), ("Eve Ford", CHAIR)],
            [],
        ),
        (
            "Present: Tom Lee\n1. Apologies for absence\nApologies were received from Dr Ann Cole and Mr Ben Dale. "
            "Mrs Cara Eve attended as substitute for Mr Ben Dale.",
            [("Tom Lee", ""), ("Mrs Cara Eve", DEPUTY)],
            [("Dr Ann Cole", ""), ("Mr Ben Dale", "Mrs Cara Eve")],
        ),
    ],
    ids=["plural-honorific", "semicolons-and-dashes", "name-into-title", "substitute-sentence"],
)
def test_other_hands_of_the_same_layouts(text, attendees, apologies):
    minutes = parse_minutes(f"Working Group\n{text}\n")

    assert [(person.name, person.capacity) for person in minutes.attendees + minutes.in_attendance] == attendees
    assert [(apology.name, apology.represented_by) for apology in minutes.apologies] == apologies
