"""The minutes importer on the web: who may use it, the confirmation screen, and saving a draft."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState

from governance.choices import AttendanceCapacity, AttendanceStatus, MembershipRole
from governance.factories import MembershipFactory, PersonFactory
from governance.models import AttendanceRecord, MeetingPage, MinutesUpload, Person
from tests.conftest import posted_form, shared_file

pytestmark = pytest.mark.django_db

URL = reverse("governance:import_minutes")

MINUTES = """Attendance working group – minutes

Thursday 16 January 2025, 14:00-16:00
Venue: Civic Centre, Room 2

Present: Jane Roe (chair, online), John Smith, Ann Lee (notes)
Apologies: Raj Patel (represented by Sara Khan)

1. Welcome

JR welcomed everyone.

Action – JS to circulate the attendance data.
"""


@pytest.fixture
def secretariat(group, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=MembershipRole.SECRETARIAT)
    return person.user


def upload(client, group, text=MINUTES):
    """Step one, as a person pasting the minutes; returns the confirmation screen."""
    response = client.post(URL, {"group": group.pk, "pasted_text": text})
    assert response.status_code == 200
    return response


def confirm(client, screen, button="submit", **changes):
    """Step two, as a person pressing a save button on the confirmation screen after making changes."""
    data = {**posted_form(screen, "upload"), **changes, button: "1"}
    return client.post(URL, {name: value for name, value in data.items() if value is not None})


def test_only_chairs_and_secretariat_may_import(client, group, person_with_account):
    assert client.get(URL).status_code == 302
    member = person_with_account()
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)
    client.force_login(member.user)
    assert client.get(URL).status_code == 403


def test_pasted_minutes_show_what_was_understood(client, group, secretariat):
    client.force_login(secretariat)
    text = upload(client, group).text
    assert 'value="2025-01-16"' in text
    assert 'value="14:00"' in text and 'value="16:00"' in text
    assert 'value="Jane Roe"' in text and 'value="Sara Khan"' in text
    assert "JS to circulate the attendance data. — John Smith" in text
    assert not MeetingPage.objects.exists(), "nothing is saved before confirmation"


def test_the_minutes_text_waits_on_the_server_not_in_the_form(client, group, secretariat):
    client.force_login(secretariat)
    screen = upload(client, group)
    fields = posted_form(screen, "upload")
    assert MinutesUpload.objects.get(key=fields["upload"]).source_text == MINUTES.strip()
    assert not any("JR welcomed everyone" in value for value in fields.values())


def test_confirmation_points_to_fields_the_parser_was_unsure_of(client, group, secretariat):
    client.force_login(secretariat)
    response = upload(client, group, "Notes from Tuesday\n\nPresent: Jane Roe\n")
    assert "the importer was unsure about" in response.text
    assert 'href="#apologies"' in response.text
    assert 'href="#id_date"' in response.text


def test_names_are_matched_to_people_already_on_the_portal(client, group, secretariat):
    PersonFactory(full_name="Dame Jane Roe DBE")
    client.force_login(secretariat)
    assert "Matches Dame Jane Roe DBE, already on the portal." in upload(client, group).text


def test_confirming_saves_a_draft_with_register_and_sends_it_to_the_chair(client, group, secretariat):
    existing = PersonFactory(full_name="Jane Roe")
    client.force_login(secretariat)
    response = confirm(client, upload(client, group))
    meeting = MeetingPage.objects.child_of(group).get()
    assert response.url == reverse("governance:record_meeting_done", args=[meeting.pk])
    assert not meeting.live
    assert meeting.register.get(person=existing).capacity == AttendanceCapacity.CHAIR
    apology = meeting.register.get(status=AttendanceStatus.APOLOGIES)
    assert (apology.person.full_name, apology.represented_by.full_name) == ("Raj Patel", "Sara Khan")
    revision = meeting.get_latest_revision_as_object()
    assert "JS to circulate the attendance data." in revision.minutes  # the action itself goes on the log
    assert "JR welcomed everyone." in revision.minutes, "the full text is saved from the server-side upload"
    assert WorkflowState.objects.filter(object_id=str(meeting.pk), status="in_progress").exists()


def test_markup_in_imported_minutes_reaches_the_meeting_page_as_text(client, group, secretariat):
    hostile = '<script>alert("minutes")</script><img src=x onerror=alert(1)>'
    client.force_login(secretariat)
    confirm(client, upload(client, group, MINUTES.replace("JR welcomed everyone.", f"JR welcomed everyone. {hostile}")))
    meeting = MeetingPage.objects.child_of(group).get()
    meeting.get_latest_revision().publish()

    page = client.get(meeting.url).text

    assert "JR welcomed everyone. &lt;script&gt;alert(" in page
    assert "<script>alert(" not in page
    assert "<img src=x" not in page


def test_a_chair_who_joined_online_is_saved_as_chair_and_online(client, group, secretariat):
    client.force_login(secretariat)
    screen = upload(client, group)
    fields = posted_form(screen, "upload")
    assert (fields["attendees-0-capacity"], fields["attendees-0-attendance"]) == ("chair", "online")
    confirm(client, screen)
    chair = AttendanceRecord.objects.get(person__full_name="Jane Roe")
    assert (chair.capacity, chair.status) == (AttendanceCapacity.CHAIR, AttendanceStatus.ONLINE)
    notes = AttendanceRecord.objects.get(person__full_name="Ann Lee")
    assert (notes.capacity, notes.status) == (AttendanceCapacity.NOTES, AttendanceStatus.PRESENT)


def test_absent_people_are_kept_on_the_register_as_absent(client, group, secretariat):
    client.force_login(secretariat)
    confirm(client, upload(client, group), **{"attendees-1-attendance": "absent"})
    absent = AttendanceRecord.objects.get(person__full_name="John Smith")
    assert (absent.capacity, absent.status) == (AttendanceCapacity.MEMBER, AttendanceStatus.ABSENT)


def test_an_apology_written_inline_keeps_the_deputy_as_represented_by(client, group, secretariat):
    client.force_login(secretariat)
    minutes = MINUTES.replace("Raj Patel (represented by Sara Khan)", "Jane Doe represented by John Doe")
    confirm(client, upload(client, group, minutes))
    apology = AttendanceRecord.objects.get(status=AttendanceStatus.APOLOGIES)
    assert (apology.person.full_name, apology.represented_by.full_name) == ("Jane Doe", "John Doe")


def test_an_unstated_capacity_comes_from_the_persons_membership(client, group, secretariat):
    adviser = PersonFactory(full_name="John Smith")
    MembershipFactory(person=adviser, group=group, role=MembershipRole.ADVISER)
    client.force_login(secretariat)
    screen = upload(client, group)
    assert posted_form(screen, "upload")["attendees-1-capacity"] == AttendanceCapacity.IN_ATTENDANCE
    confirm(client, screen)
    assert AttendanceRecord.objects.get(person=adviser).capacity == AttendanceCapacity.IN_ATTENDANCE


def test_save_as_draft_does_not_submit(client, group, secretariat):
    client.force_login(secretariat)
    confirm(client, upload(client, group), button="save")
    assert MeetingPage.objects.exists()
    assert not WorkflowState.objects.exists()


def test_bad_corrections_are_explained_and_nothing_is_saved(client, group, secretariat):
    client.force_login(secretariat)
    changes = {"end_time": "13:00", "date": "", "apologies-0-represented_by": "Raj Patel"}
    response = confirm(client, upload(client, group), **changes)
    assert response.status_code == 200
    assert "The end time must be after the start time." in response.text
    assert "Date: This field is required." in response.text, "the summary names the field"
    assert "A person cannot deputise for themselves." in response.text
    assert 'value="John Smith"' in response.text, "the person's corrections are kept"
    assert not MeetingPage.objects.exists()
    assert not Person.objects.filter(full_name="John Smith").exists()


def test_saving_the_same_upload_twice_makes_one_meeting(client, group, secretariat):
    client.force_login(secretariat)
    screen = upload(client, group)
    confirm(client, screen)
    again = confirm(client, screen)
    meeting = MeetingPage.objects.child_of(group).get()
    assert again.url == reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    assert "have already been saved" in client.get(again.url).text


def test_an_upload_no_longer_waiting_is_explained_in_the_error_summary(client, group, secretariat):
    client.force_login(secretariat)
    screen = upload(client, group)
    MinutesUpload.objects.all().delete()
    response = confirm(client, screen)
    summary = response.text.split('class="error-summary" role="alert"', 1)[1].split("</div>", 1)[0]
    assert "These minutes are no longer waiting to be saved" in summary
    assert not MeetingPage.objects.exists()


def test_importing_the_same_minutes_again_asks_before_a_second_meeting(client, group, secretariat):
    client.force_login(secretariat)
    confirm(client, upload(client, group))
    first = MeetingPage.objects.child_of(group).get()

    screen = upload(client, group)
    edit_url = reverse("wagtailadmin_pages:edit", args=[first.pk])
    assert "a meeting of this group on 16 January 2025 already exists" in screen.text
    assert f'href="{edit_url}"' in screen.text
    refused = confirm(client, screen)
    assert refused.status_code == 200
    assert "Tick &#x27;Save anyway&#x27; if this is a different one." in refused.text
    assert MeetingPage.objects.child_of(group).count() == 1

    confirm(client, refused, save_anyway="on")
    assert MeetingPage.objects.child_of(group).count() == 2


@pytest.mark.parametrize("tampered", ["other group", "abc"])
def test_a_group_the_person_cannot_add_to_is_a_form_error(client, group, other_group, secretariat, tampered):
    client.force_login(secretariat)
    response = confirm(client, upload(client, group), group=other_group.pk if tampered == "other group" else "abc")
    assert response.status_code == 200
    assert "Group: Choose one of your groups" in response.text
    assert not MeetingPage.objects.exists()


def test_a_tampered_group_on_the_upload_step_is_a_form_error(client, group, other_group, secretariat):
    client.force_login(secretariat)
    response = client.post(URL, {"group": other_group.pk, "pasted_text": MINUTES})
    assert response.status_code == 200
    assert "Choose one of your groups" in response.text
    assert not MinutesUpload.objects.exists()


def test_an_unreadable_upload_is_explained_beside_the_file_field(client, group, secretariat):
    client.force_login(secretariat)
    upload_file = SimpleUploadedFile("minutes.docx", b"this is not a word file")
    response = client.post(URL, {"group": group.pk, "minutes_file": upload_file})
    assert response.status_code == 200
    errors = response.text.split('id="id_minutes_file_error"', 1)[1].split("</div>", 1)[0]
    assert "This Word file could not be opened." in errors
    assert not MinutesUpload.objects.exists()


def test_a_word_upload_fills_the_confirmation_form_with_what_it_says(client, group, secretariat):
    document = docx.Document()
    document.add_heading("Attendance working group", level=1)
    document.add_paragraph("Tuesday 4 March 2025, 10:00-11:30, Civic Centre")
    table = document.add_table(rows=0, cols=3)
    for row in [("Name", "Organisation", "Attendance"), ("Priya Shah", "Riverford Council", "Present (online)")]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_paragraph("Apologies: Tom Reed")
    document.add_paragraph("Action: PS to share the March figures.")
    saved = io.BytesIO()
    document.save(saved)
    client.force_login(secretariat)

    response = client.post(
        URL, {"group": group.pk, "minutes_file": SimpleUploadedFile("minutes.docx", saved.getvalue())}
    )

    fields = posted_form(response, "upload")
    assert (fields["date"], fields["start_time"], fields["end_time"]) == ("2025-03-04", "10:00", "11:30")
    assert fields["attendees-0-name"] == "Priya Shah"
    assert fields["attendees-0-organisation"] == "Riverford Council"
    assert fields["attendees-0-attendance"] == "online"
    assert fields["apologies-0-name"] == "Tom Reed"
    assert fields["actions"] == "PS to share the March figures. — Priya Shah"


def test_seed_minutes_upload_reaches_the_confirmation_screen(client, group, secretariat):
    seed = shared_file("seeds", "000_48bdc0c17e7556da.txt")
    client.force_login(secretariat)
    response = client.post(URL, {"group": group.pk, "minutes_file": SimpleUploadedFile(seed.name, seed.read_bytes())})
    fields = posted_form(response, "upload")
    assert "Evelyn Priestley" in fields.values()
    assert fields["next_meeting"] == "2023-12-15T10:00"


def test_dashboard_lists_my_groups_and_offers_import(client, group, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("portal:dashboard"))
    assert group.title in response.text
    assert "Secretariat (notes)" in response.text
    assert URL in response.text
