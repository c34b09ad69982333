"""`manage.py import_minutes`: the parser from the command line, and saving a draft meeting."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from governance.models import AttendanceStatus, MeetingPage, Person
from tests.conftest import shared_file


def seed_000():
    return shared_file("seeds", "000_48bdc0c17e7556da.txt")


def run(*args):
    out = StringIO()
    call_command("import_minutes", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_output_has_the_documented_shape_and_dry_run_saves_nothing(db):
    data = json.loads(run(str(seed_000()), "--json", "--dry-run"))
    assert (data["date"], data["start_time"], data["end_time"]) == ("2023-11-23", "11:00", "13:00")
    assert data["next_meeting"] == "2023-12-15T10:00:00"
    assert {"name": "Evelyn Priestley", "capacity": "notes", "organisation": "", "online": False} in data["attendees"]
    assert {"name": "Ben Bryant", "capacity": "", "organisation": "ISOS", "online": True} in data["attendees"]
    assert set(data) >= {"title", "venue", "chair", "apologies", "absent", "in_attendance", "agenda", "actions"}
    assert not MeetingPage.objects.exists()


def test_saving_makes_an_unpublished_meeting_with_its_register_matching_existing_people(group):
    existing = Person.objects.create(full_name="Dr Stephen Betts OBE")
    run(str(seed_000()), "--group", group.slug)
    meeting = MeetingPage.objects.child_of(group).get()
    assert not meeting.live
    assert meeting.register.filter(person=existing).exists()
    assert meeting.register.filter(status=AttendanceStatus.APOLOGIES).count() == 5


def test_unreadable_files_get_a_clear_message_and_nothing_is_saved(tmp_path, db):
    bad = tmp_path / "minutes.docx"
    bad.write_bytes(b"not a word document")
    with pytest.raises(CommandError):
        run(str(bad), "--group", "anything")
    assert not MeetingPage.objects.exists()


def test_minutes_without_a_date_are_refused_not_half_saved(tmp_path, group):
    undated = tmp_path / "notes.txt"
    undated.write_text("Some notes\n\nPresent: Jane Roe, John Doe\n")
    with pytest.raises(CommandError, match="no meeting date"):
        run(str(undated), "--group", group.slug)
    assert not MeetingPage.objects.exists()


def test_importing_the_same_minutes_twice_is_refused_unless_allowed(tmp_path, group):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Working group\n12 March 2024, 10:00-12:00\nPresent: Jane Roe (chair), John Doe\n")
    run(str(minutes), "--group", group.slug)
    with pytest.raises(CommandError, match="already has a meeting on 12 March 2024"):
        run(str(minutes), "--group", group.slug)
    assert MeetingPage.objects.child_of(group).count() == 1
    run(str(minutes), "--group", group.slug, "--allow-duplicate")
    assert MeetingPage.objects.child_of(group).count() == 2
