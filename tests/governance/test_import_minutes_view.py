"""The minutes importer on the web: who may use it, the confirmation screen, and saving a draft."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import WorkflowState

from governance.factories import MembershipFactory, PersonFactory
from governance.models import AttendanceStatus, MeetingPage, MembershipRole, Person

pytestmark = pytest.mark.django_db

URL = reverse("governance:import_minutes")
SEED_000 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_48bdc0c17e7556da.txt"
needs_seeds = pytest.mark.skipif(not SEED_000.exists(), reason="../shared/seeds is not beside the project")

MINUTES = """Attendance working group – minutes

Thursday 16 January 2025, 14:00-16:00
Venue: Civic Centre, Room 2

Present: Jane Roe (chair), John Smith, Ann Lee (notes)
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


def confirmation_data(group, **overrides):
    data = {
        "group": group.pk,
        "title": "Attendance working group – minutes",
        "date": "2025-01-16",
        "start_time": "14:00",
        "end_time": "16:00",
        "venue": "Civic Centre, Room 2",
        "agenda": "Welcome",
        "actions": "JS to circulate the attendance data — John Smith",
        "next_meeting": "",
        "source_text": MINUTES,
        "attendees-TOTAL_FORMS": "2",
        "attendees-INITIAL_FORMS": "2",
        "attendees-0-name": "Jane Roe",
        "attendees-0-capacity": "chair",
        "attendees-1-name": "John Smith",
        "attendees-1-capacity": "member",
        "apologies-TOTAL_FORMS": "1",
        "apologies-INITIAL_FORMS": "1",
        "apologies-0-name": "Raj Patel",
        "apologies-0-represented_by": "Sara Khan",
        "submit": "1",
    }
    return {**data, **overrides}


def test_only_chairs_and_secretariat_may_import(client, group, person_with_account):
    assert client.get(URL).status_code == 302
    member = person_with_account()
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)
    client.force_login(member.user)
    assert client.get(URL).status_code == 403


def test_pasted_minutes_show_what_was_understood(client, group, secretariat):
    client.force_login(secretariat)
    response = client.post(URL, {"group": group.pk, "pasted_text": MINUTES})
    assert response.status_code == 200
    text = response.text
    assert 'value="2025-01-16"' in text
    assert 'value="14:00"' in text and 'value="16:00"' in text
    assert 'value="Jane Roe"' in text and 'value="Sara Khan"' in text
    assert "JS to circulate the attendance data. — John Smith" in text
    assert not MeetingPage.objects.exists(), "nothing is saved before confirmation"


def test_confirmation_points_to_fields_the_parser_was_unsure_of(client, group, secretariat):
    client.force_login(secretariat)
    response = client.post(URL, {"group": group.pk, "pasted_text": "Notes from Tuesday\n\nPresent: Jane Roe\n"})
    assert "the importer was unsure about" in response.text
    assert 'href="#apologies"' in response.text
    assert 'href="#id_date"' in response.text


def test_names_are_matched_to_people_already_on_the_portal(client, group, secretariat):
    PersonFactory(full_name="Dame Jane Roe DBE")
    client.force_login(secretariat)
    response = client.post(URL, {"group": group.pk, "pasted_text": MINUTES})
    assert "Matches Dame Jane Roe DBE, already on the portal." in response.text


def test_confirming_saves_a_draft_with_register_and_sends_it_to_the_chair(client, group, secretariat):
    existing = PersonFactory(full_name="Jane Roe")
    client.force_login(secretariat)
    response = client.post(URL, confirmation_data(group))
    meeting = MeetingPage.objects.child_of(group).get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    assert not meeting.live
    assert meeting.register.get(person=existing).capacity == "chair"
    apology = meeting.register.get(status=AttendanceStatus.APOLOGIES)
    assert (apology.person.full_name, apology.represented_by.full_name) == ("Raj Patel", "Sara Khan")
    assert "JS to circulate the attendance data (John Smith)" in meeting.get_latest_revision_as_object().minutes
    assert WorkflowState.objects.filter(object_id=str(meeting.pk), status="in_progress").exists()


def test_save_as_draft_does_not_submit(client, group, secretariat):
    client.force_login(secretariat)
    data = confirmation_data(group)
    del data["submit"]
    client.post(URL, {**data, "save": "1"})
    assert MeetingPage.objects.exists()
    assert not WorkflowState.objects.exists()


def test_bad_corrections_are_explained_and_nothing_is_saved(client, group, secretariat):
    client.force_login(secretariat)
    response = client.post(
        URL, confirmation_data(group, end_time="13:00", date="", **{"apologies-0-represented_by": "Raj Patel"})
    )
    assert response.status_code == 200
    assert "The end time must be after the start time." in response.text
    assert "This field is required." in response.text
    assert "A person cannot deputise for themselves." in response.text
    assert 'value="John Smith"' in response.text, "the person's corrections are kept"
    assert not MeetingPage.objects.exists()
    assert not Person.objects.filter(full_name="John Smith").exists()


def test_unreadable_upload_is_explained(client, group, secretariat):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("minutes.docx", b"this is not a word file")
    response = client.post(URL, {"group": group.pk, "minutes_file": upload})
    assert response.status_code == 200
    assert "minutes.docx" in response.text or "Word" in response.text
    assert "There is a problem" in response.text


def test_a_group_the_person_has_no_rights_on_is_refused(client, group, other_group, secretariat):
    client.force_login(secretariat)
    response = client.post(URL, confirmation_data(other_group))
    assert response.status_code == 403
    assert not MeetingPage.objects.exists()


@needs_seeds
def test_seed_minutes_upload_reaches_the_confirmation_screen(client, group, secretariat):
    client.force_login(secretariat)
    upload = SimpleUploadedFile(SEED_000.name, SEED_000.read_bytes())
    response = client.post(URL, {"group": group.pk, "minutes_file": upload})
    assert 'value="Evelyn Priestley"' in response.text
    assert 'value="2023-12-15T10:00"' in response.text


def test_dashboard_lists_my_groups_and_offers_import(client, group, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("portal:dashboard"))
    assert group.title in response.text
    assert "Secretariat (notes)" in response.text
    assert URL in response.text
