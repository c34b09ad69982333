"""The minutes importer under load and with hostile files: every refusal names its limit, and what the
upload step accepts, the save step can save."""

import io
import threading
import time
import zipfile

import dj_database_url
import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.urls import reverse

from governance.factories import MembershipFactory
from governance.forms import MAX_PASTED_CHARACTERS
from governance.minutes import MinutesFileError, extract_text, parse_minutes
from governance.models import AttendanceRecord, MeetingPage, MembershipRole, MinutesUpload
from portal.settings.base import sqlite_writers_take_turns
from tests.conftest import posted_form

URL = reverse("governance:import_minutes")
FIRST_NAMES = ["Amira", "Ben", "Chloe", "Dev", "Erin"]
SURNAMES = ["Okafor", "Lindqvist", "Marsh", "Pereira", "Quinn"]
PROSE = (
    "Members discussed the autumn attendance figures for primary and secondary schools, the support offered "
    "to families through the early help service, and how the partnership will report progress to the board."
)


@pytest.fixture
def secretariat(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    return person.user


def word_file(document):
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def repacked(content, document_xml):
    """The same Word file with word/document.xml replaced, as a hostile or broken tool might write it."""
    original = zipfile.ZipFile(io.BytesIO(content))
    repacked = io.BytesIO()
    with zipfile.ZipFile(repacked, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for part in original.infolist():
            body = document_xml(original.read(part)) if part.filename == "word/document.xml" else original.read(part)
            package.writestr(part.filename, body)
    return repacked.getvalue()


def paragraph_bomb(paragraphs=232_000):
    """A small .docx that unpacks into a quarter of a million empty paragraphs."""
    document = docx.Document()
    document.add_paragraph("Minutes")
    return repacked(word_file(document), lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * paragraphs))


def fifty_page_minutes():
    """About fifty pages: a register table of 25 people, then ten items of discussion with their actions."""
    document = docx.Document()
    document.add_heading("Riverford Attendance Partnership", level=1)
    document.add_paragraph("Thursday 6 March 2025, 10:00-13:00, Riverford Civic Centre")
    table = document.add_table(rows=0, cols=3)
    names = [f"{first} {surname}" for first in FIRST_NAMES for surname in SURNAMES]
    rows = [("Name", "Organisation", "Attendance")] + [(name, "Riverford Council", "Present") for name in names]
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_paragraph("Apologies: Tom Reed")
    for item in range(1, 11):
        document.add_paragraph(f"{item}. Item {item} of the agenda")
        for _ in range(150):
            document.add_paragraph(PROSE)
        document.add_paragraph(f"Action: AO to report back on item {item}.")
    return word_file(document)


def test_a_paragraph_bomb_is_refused_before_word_parses_it(monkeypatch):
    bomb = paragraph_bomb()
    assert len(bomb) < 200_000

    def parse_word(*args, **kwargs):
        raise AssertionError("python-docx was asked to parse the bomb")

    monkeypatch.setattr(docx, "Document", parse_word)

    with pytest.raises(MinutesFileError, match=r"has 232,001 paragraphs; the importer reads up to 20,000"):
        extract_text("minutes.docx", bomb)


def test_a_word_file_that_unpacks_beyond_the_limit_is_refused_with_the_limit():
    document = docx.Document()
    document.add_paragraph("Minutes")
    padded = repacked(word_file(document), lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b" " * (16 * 1024**2)))

    with pytest.raises(MinutesFileError, match=r"unpacks to 16 MB; the importer reads documents that unpack to 15 MB"):
        extract_text("minutes.docx", padded)


def test_the_bomb_uploaded_on_the_web_is_explained_and_nothing_is_kept(client, group, secretariat):
    client.force_login(secretariat)
    bomb = SimpleUploadedFile("minutes.docx", paragraph_bomb())
    response = client.post(URL, {"group": group.pk, "minutes_file": bomb})
    assert response.status_code == 200
    assert "the importer reads up to 20,000" in response.text
    assert not MinutesUpload.objects.exists()


def test_a_fifty_page_word_document_with_a_register_table_imports_in_under_two_seconds(client, group, secretariat):
    content = fifty_page_minutes()
    parsed = parse_minutes(extract_text("minutes.docx", content))
    assert len(parsed.attendees) == 25
    assert len(parsed.actions) == 10

    client.force_login(secretariat)
    started = time.process_time()
    screen = client.post(URL, {"group": group.pk, "minutes_file": SimpleUploadedFile("minutes.docx", content)})
    # CPU time, so another process's load on a shared machine does not count.
    assert time.process_time() - started < 2.0, "reading fifty pages and showing what was understood"
    fields = posted_form(screen, "upload")
    assert (fields["date"], fields["attendees-24-name"]) == ("2025-03-06", "Erin Quinn")

    client.post(URL, {**fields, "save": "1"})
    meeting = MeetingPage.objects.child_of(group).get()
    assert AttendanceRecord.objects.filter(meeting=meeting).count() == 26
    assert "report back on item 10" in meeting.get_latest_revision_as_object().minutes


def long_text_minutes(size):
    header = (
        "Riverford Attendance Partnership\n14 January 2025, 10:00-12:00\nVenue: Civic Centre\n"
        "Present: Jane Roe (chair), John Doe\nApologies: none\n\n"
    )
    body = (PROSE + "\n\n") * (size // (len(PROSE) + 2))
    return (header + body)[: size - 40] + "\n\nThe last words of the minutes.\n"


@pytest.mark.parametrize("megabytes", [1.5, 4.9])
def test_a_long_text_file_the_upload_accepts_can_be_saved(client, group, secretariat, megabytes):
    text = long_text_minutes(int(megabytes * 1024 * 1024))
    client.force_login(secretariat)
    screen = client.post(URL, {"group": group.pk, "minutes_file": SimpleUploadedFile("minutes.txt", text.encode())})
    assert screen.status_code == 200

    saved = client.post(URL, {**posted_form(screen, "upload"), "save": "1"})

    assert saved.status_code == 302, "saving works for everything the upload step accepted"
    meeting = MeetingPage.objects.child_of(group).get()
    assert "The last words of the minutes." in meeting.get_latest_revision_as_object().minutes


def test_a_file_over_the_limit_is_refused_naming_the_limit(client, group, secretariat):
    client.force_login(secretariat)
    too_big = SimpleUploadedFile("minutes.txt", b"Minutes\n" * (700 * 1024))
    response = client.post(URL, {"group": group.pk, "minutes_file": too_big})
    assert "The file is 5.5 MB; minutes can be up to 5 MB." in response.text
    assert not MinutesUpload.objects.exists()


def test_pasted_minutes_over_the_limit_are_refused_naming_the_limit(client, group, secretariat):
    client.force_login(secretariat)
    pasted = long_text_minutes(MAX_PASTED_CHARACTERS + 1000)
    response = client.post(URL, {"group": group.pk, "pasted_text": pasted})
    assert response.status_code == 200
    error = response.text.split('id="id_pasted_text_error"', 1)[1].split("</ul>", 1)[0]
    assert "You can paste up to 500,000 characters; these minutes are 5009" in error
    assert "Upload longer minutes as a file." in error
    assert not MinutesUpload.objects.exists()


def test_sqlite_writers_take_turns_and_other_databases_are_left_alone():
    sqlite = sqlite_writers_take_turns(dj_database_url.parse("sqlite:////tmp/portal.sqlite3"))
    postgres = sqlite_writers_take_turns(dj_database_url.parse("postgres://portal@localhost/portal"))

    assert sqlite["OPTIONS"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    assert "transaction_mode" not in postgres.get("OPTIONS", {})


@pytest.fixture
def file_sqlite(tmp_path, django_db_blocker):
    """A file-based SQLite database, apart from the test database, configured as base.py configures SQLite."""
    alias = "concurrent_writers"
    database = sqlite_writers_take_turns(dj_database_url.parse(f"sqlite:///{tmp_path / 'writers.sqlite3'}"))
    connections.settings[alias] = connections.configure_settings({"default": database, alias: database})[alias]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE saved (who TEXT)")
        connections[alias].close()
        yield alias
    del connections.settings[alias]


def test_two_people_saving_at_once_on_sqlite_both_succeed(file_sqlite):
    """The first writer holds the lock while it works; the second waits for it instead of failing."""
    first_inside, failures = threading.Event(), []

    def save(who, wait_for=None):
        try:
            if wait_for:
                wait_for.wait(5)
            with transaction.atomic(using=file_sqlite), connections[file_sqlite].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM saved")
                first_inside.set()
                time.sleep(0.5)
                cursor.execute("INSERT INTO saved (who) VALUES (%s)", [who])
        except Exception as error:  # a "database is locked" here is the failure this test exists to catch
            failures.append(error)
        finally:
            connections[file_sqlite].close()

    writers = [
        threading.Thread(target=save, args=("first",)),
        threading.Thread(target=save, args=("second", first_inside)),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert failures == []
    with connections[file_sqlite].cursor() as cursor:
        cursor.execute("SELECT who FROM saved ORDER BY rowid")
        assert [row[0] for row in cursor.fetchall()] == ["first", "second"]
