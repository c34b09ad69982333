"""'Record a meeting' on the site: each step saves the draft, the register starts from the members, the
chair is asked at the end, and nobody outside the group's chairs and secretariat gets in."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model

from governance.choices import AttendanceCapacity, AttendanceStatus
from governance.factories import MeetingPageFactory, MembershipFactory, PersonFactory, TermsOfReferencePageFactory
from governance.models import MeetingPage, MembershipRole, Person
from governance.papers import DRAFTS, PAPERS
from governance.recorder_views import all_steps

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 18)


@pytest.fixture
def people(group, other_group, person_with_account):
    roles = {
        "secretariat": (group, MembershipRole.SECRETARIAT),
        "chair": (group, MembershipRole.CHAIR),
        "member": (group, MembershipRole.MEMBER),
        "other_chair": (other_group, MembershipRole.CHAIR),
    }
    accounts = {}
    for name, (where, role) in roles.items():
        person = person_with_account(email=f"{name}@partnership.example")
        MembershipFactory(person=person, group=where, role=role)
        accounts[name] = person.user
    return accounts


@pytest.fixture
def members(group):
    """Six more members, so the register starts with nine people (chair, secretariat, seven members)."""
    names = ["Amira Shah", "Ben Cole", "Cara Doyle", "Dev Patel", "Ellen Fry", "Femi Ade"]
    return [MembershipFactory(group=group, person=PersonFactory(full_name=name)).person for name in names]


def step(meeting, name):
    return reverse("governance:record_meeting_step", args=[meeting.pk, name])


def start(client, group, **answers):
    data = {"date": DAY.isoformat(), "start_time": "16:00", "end_time": "17:30", "venue": "Civic Centre"}
    return client.post(reverse("governance:record_meeting", args=[group.pk]), data | answers)


def register_data(response):
    """The register step's pre-filled rows as the browser would send them, unchanged (spare rows left off)."""
    formset = response.context["formset"]
    data = {f"register-{key}": value for key, value in formset.management_form.initial.items()}
    data["register-TOTAL_FORMS"] = formset.initial_form_count()
    for form in formset.forms[: formset.initial_form_count()]:
        for field in ("person", "name", "capacity", "status", "deputy"):
            value = form.initial.get(field)
            data[f"{form.prefix}-{field}"] = "" if value is None else value
    return data


def latest(meeting):
    """The meeting as its newest revision has it, read afresh."""
    meeting.refresh_from_db()
    return meeting.get_latest_revision_as_object()


def row_for(response, name):
    return next(f for f in response.context["formset"].forms if f.initial.get("name") == name)


def test_the_secretariat_records_a_meeting_step_by_step_and_sends_it_to_the_chair(client, group, people, members):
    TermsOfReferencePageFactory(parent=group, quorum=5, effective_from=datetime.date(2026, 1, 1))
    client.force_login(people["secretariat"])

    response = start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    assert response.url == step(meeting, "agenda")
    assert not meeting.live and meeting.title == "Meeting on 18 November 2026"

    response = client.post(
        step(meeting, "agenda"),
        {
            "agenda-TOTAL_FORMS": "3",
            "agenda-INITIAL_FORMS": "0",
            "agenda-0-title": "Attendance data",
            "agenda-0-owner": str(members[0].pk),
            "agenda-0-new_paper": SimpleUploadedFile("autumn-figures.pdf", b"%PDF-1.4 figures"),
            "agenda-1-title": "Any other business",
            "agenda-2-title": "",
        },
    )
    assert response.url == step(meeting, "register")

    response = client.get(step(meeting, "register"))
    names = [form.initial["name"] for form in response.context["formset"].forms if form.initial]
    assert len(names) == 9 and names[0] == people["chair"].person.full_name
    data = register_data(response)
    away = row_for(response, "Ben Cole").prefix
    data |= {f"{away}-status": AttendanceStatus.APOLOGIES, f"{away}-deputy": "Grace Hill"}
    data[f"{row_for(response, 'Cara Doyle').prefix}-status"] = AttendanceStatus.ONLINE
    assert client.post(step(meeting, "register"), data).url == step(meeting, "minutes")

    response = client.post(
        step(meeting, "minutes"),
        {"minutes": "Persistent absence fell.\n\nThe group thanked schools.", "decisions": "Agreed the plan\n\n"},
    )
    names = [name for name, _ in all_steps()]
    assert response.url == step(meeting, names[names.index("minutes") + 1])  # other apps' steps come next

    check = client.get(step(meeting, "check")).content.decode()
    assert "Grace Hill" in check and "represented by Grace Hill" in check
    assert "autumn-figures" in check and "Persistent absence fell." in check
    assert "Quorate" in check and "the terms of reference need 5" in check

    response = client.post(step(meeting, "check"), {"send": "Send to the chair"})
    assert response.url == reverse("governance:record_meeting_done", args=[meeting.pk])
    done = client.get(response.url).content.decode()
    assert "Sent to the chair" in done and people["chair"].person.full_name in done

    meeting.refresh_from_db()
    assert not meeting.live
    assert meeting.current_workflow_state.status == "in_progress"
    assert any(people["chair"].email in message.to for message in mail.outbox)
    draft = latest(meeting)
    assert [block.value["title"] for block in draft.agenda] == ["Attendance data", "Any other business"]
    assert [str(block.value) for block in draft.decisions] == ["Agreed the plan"]
    deputy = Person.objects.get(full_name="Grace Hill")
    records = {record.person_id: record for record in draft.register.all()}
    assert records[members[1].pk].represented_by_id == deputy.pk
    assert records[deputy.pk].capacity == AttendanceCapacity.DEPUTY
    assert records[members[2].pk].status == AttendanceStatus.ONLINE

    client.force_login(people["chair"])
    assert meeting.title in client.get(reverse("portal:dashboard")).content.decode()


def test_a_paper_stays_private_until_the_meeting_is_published(client, group, people):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    client.post(
        step(meeting, "agenda"),
        {
            "agenda-TOTAL_FORMS": "1",
            "agenda-INITIAL_FORMS": "0",
            "agenda-0-title": "Budget",
            "agenda-0-new_paper": SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget"),
        },
    )
    paper = get_document_model().objects.get(title="budget")
    assert paper.collection.name.endswith(f"[{DRAFTS} {group.pk}]")
    client.logout()
    assert client.get(paper.url).status_code == 302  # to sign in

    meeting.refresh_from_db()
    meeting.get_latest_revision().publish()
    paper.refresh_from_db()
    assert paper.collection.name.endswith(f"[{PAPERS} {group.pk}]")
    assert client.get(paper.url).status_code == 200


def test_a_paper_of_the_wrong_kind_is_explained_and_the_agenda_kept(client, group, people):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.post(
        step(meeting, "agenda"),
        {
            "agenda-TOTAL_FORMS": "1",
            "agenda-INITIAL_FORMS": "0",
            "agenda-0-title": "Budget",
            "agenda-0-new_paper": SimpleUploadedFile("budget.exe", b"MZ"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "File extension" in page and "Budget" in page
    assert not get_document_model().objects.exists()


def test_the_register_refuses_someone_outside_the_group_slipped_into_the_form(client, group, people, members):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.get(step(meeting, "register"))
    data = register_data(response)
    stranger = PersonFactory(full_name="Not A Member")
    data[f"{row_for(response, 'Ben Cole').prefix}-person"] = str(stranger.pk)
    response = client.post(step(meeting, "register"), data)
    assert response.status_code == 400
    assert "not on the group&#x27;s register" in response.content.decode()


def test_a_deputy_needs_apologies_and_the_answers_are_kept(client, group, people, members):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.get(step(meeting, "register"))
    data = register_data(response)
    data[f"{row_for(response, 'Ben Cole').prefix}-deputy"] = "Grace Hill"
    response = client.post(step(meeting, "register"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only someone who sent apologies has a deputy" in page and 'value="Grace Hill"' in page


def test_a_deputy_typed_with_a_title_is_matched_to_the_person_already_on_the_portal(client, group, people, members):
    known = PersonFactory(full_name="Grace Hill")
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.get(step(meeting, "register"))
    data = register_data(response)
    prefix = row_for(response, "Ben Cole").prefix
    data |= {f"{prefix}-status": AttendanceStatus.APOLOGIES, f"{prefix}-deputy": "Dr Grace Hill"}
    client.post(step(meeting, "register"), data)
    assert Person.objects.filter(match_key=known.match_key).count() == 1
    draft = latest(meeting)
    assert known.pk in {record.person_id for record in draft.register.all()}


def test_someone_else_who_came_is_added_by_name_and_shown_again_when_the_register_is_changed(
    client, group, people, members
):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.get(step(meeting, "register"))
    data = register_data(response)
    extra = response.context["formset"].forms[response.context["formset"].initial_form_count()].prefix
    data |= {
        "register-TOTAL_FORMS": str(response.context["formset"].initial_form_count() + 1),
        f"{extra}-name": "Hana Lee",
        f"{extra}-capacity": AttendanceCapacity.IN_ATTENDANCE,
        f"{extra}-status": AttendanceStatus.PRESENT,
    }
    client.post(step(meeting, "register"), data)
    again = client.get(step(meeting, "register"))
    names = [form.initial.get("name") for form in again.context["formset"].forms if form.initial]
    assert "Hana Lee" in names and len(names) == 10


def test_leaving_part_way_keeps_the_draft_in_the_secretariats_list(client, group, people):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.post(step(meeting, "minutes"), {"minutes": "Half written", "save_and_leave": "1"})
    assert response.url == reverse("portal:dashboard")
    dashboard = client.get(response.url).content.decode()
    assert reverse("governance:check_meeting", args=[meeting.pk]) in dashboard
    assert "Half written" in latest(meeting).minutes


def test_a_change_from_the_check_page_returns_to_it(client, group, people):
    client.force_login(people["secretariat"])
    start(client, group)
    meeting = MeetingPage.objects.child_of(group).get()
    response = client.post(
        step(meeting, "details") + "?then=check",
        {"date": DAY.isoformat(), "start_time": "16:00", "venue": "Town Hall", "title": "Autumn meeting"},
    )
    assert response.url == step(meeting, "check")
    meeting.refresh_from_db()
    assert meeting.venue == "Town Hall" and meeting.title == "Autumn meeting"


def test_a_second_meeting_the_same_day_is_a_choice(client, group, people):
    client.force_login(people["secretariat"])
    start(client, group)
    response = start(client, group)
    assert response.status_code == 400
    assert "already has a meeting recorded that day" in response.content.decode()
    assert start(client, group, save_anyway="on").status_code == 302
    assert MeetingPage.objects.child_of(group).count() == 2


def test_an_end_before_the_start_is_explained(client, group, people):
    client.force_login(people["secretariat"])
    response = start(client, group, end_time="15:00")
    assert response.status_code == 400
    assert "The end time must be after the start time" in response.content.decode()
    assert not MeetingPage.objects.exists()


def test_editing_a_published_meeting_changes_nothing_public_until_a_chair_approves(client, group, people):
    meeting = MeetingPageFactory(parent=group, title="Published meeting", minutes="<p>As agreed.</p>")
    client.force_login(people["secretariat"])
    client.post(step(meeting, "minutes"), {"minutes": "Rewritten", "decisions": ""})
    meeting.refresh_from_db()
    assert meeting.live and meeting.minutes == "<p>As agreed.</p>"
    assert meeting.has_unpublished_changes
    assert "Rewritten" in latest(meeting).minutes


def test_minutes_left_unchanged_keep_their_formatting(client, group, people):
    meeting = MeetingPageFactory(parent=group, live=False, minutes="<h3>Item 1</h3><ul><li>Figures</li></ul>")
    meeting.save_revision()
    client.force_login(people["secretariat"])
    form = client.get(step(meeting, "minutes")).context["form"]
    client.post(step(meeting, "minutes"), {"minutes": form.initial["minutes"], "decisions": "One"})
    assert latest(meeting).minutes == "<h3>Item 1</h3><ul><li>Figures</li></ul>"


def test_a_meeting_with_the_chair_is_shown_but_not_changed(client, group, people):
    meeting = MeetingPageFactory(parent=group, live=False, title="Waiting meeting")
    meeting.save_revision(user=people["secretariat"])
    meeting.get_workflow().start(meeting, people["secretariat"])
    client.force_login(people["secretariat"])
    response = client.get(step(meeting, "minutes"))
    assert response.url == step(meeting, "check")
    check = client.get(step(meeting, "check")).content.decode()
    assert "With the chair" in check and "Send to the chair" not in check
    assert client.post(step(meeting, "minutes"), {"minutes": "Sneaky"}).status_code == 302
    assert "Sneaky" not in (latest(meeting).minutes or "")


@pytest.mark.parametrize("who", ["member", "other_chair"])
def test_only_the_groups_chairs_and_secretariat_may_record(client, group, people, who):
    meeting = MeetingPageFactory(parent=group, live=False)
    meeting.save_revision()
    client.force_login(people[who])
    assert client.get(reverse("governance:record_meeting", args=[group.pk])).status_code == 403
    for name in ("details", "agenda", "register", "minutes", "check"):
        assert client.get(step(meeting, name)).status_code == 403
    assert client.post(step(meeting, "check"), {"send": "1"}).status_code == 403
    assert client.get(reverse("governance:record_meeting_done", args=[meeting.pk])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, group):
    response = client.get(reverse("governance:record_meeting", args=[group.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_a_chair_may_record_too(client, group, people):
    client.force_login(people["chair"])
    assert start(client, group).status_code == 302


def test_the_dashboard_offers_record_a_meeting_to_the_secretariat(client, group, people):
    client.force_login(people["secretariat"])
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("governance:record_meeting", args=[group.pk]) in dashboard


def test_each_step_costs_the_same_queries_however_big_the_register(client, group, people):
    client.force_login(people["secretariat"])

    def recorded_meeting(day):
        start(client, group, date=day.isoformat())
        meeting = MeetingPage.objects.child_of(group).get(start__date=day)
        client.post(step(meeting, "register"), register_data(client.get(step(meeting, "register"))))
        return meeting

    def costs(meeting):
        counts = {}
        for name in ("details", "agenda", "register", "minutes", "check"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(step(meeting, name)).status_code == 200
            counts[name] = len(queries)
        return counts

    small = recorded_meeting(DAY)
    for number in range(30):
        MembershipFactory(group=group, person=PersonFactory(full_name=f"Member {number}"))
    large = recorded_meeting(DAY + datetime.timedelta(days=7))
    assert latest(large).register.count() == 33
    assert costs(large) == costs(small)


def test_group_and_meeting_pages_offer_recording_to_the_chairs_and_secretariat_only(client, group, people):
    meeting = MeetingPageFactory(parent=group, title="Upcoming meeting")
    record = reverse("governance:record_meeting", args=[group.pk])
    change = reverse("governance:check_meeting", args=[meeting.pk])
    for who, sees in [("secretariat", True), ("chair", True), ("member", False), ("other_chair", False)]:
        client.force_login(people[who])
        assert (record in client.get(group.url).content.decode()) is sees, who
        assert (change in client.get(meeting.url).content.decode()) is sees, who
    client.logout()
    assert record not in client.get(group.url).content.decode()
