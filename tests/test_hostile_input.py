"""Hostile input through every form a person can reach, checked on the server: what is stored, what is refused.

Every string of `tests/hostile_strings.py` that fits a field is stored exactly as typed; NUL is refused
with a form error (PostgreSQL cannot store it) or, inside an uploaded file, stripped; the 100,000-character
string is refused with the field's limit named and the rest of what was typed kept. Spreadsheets the
portal writes neutralise every cell that starts like a formula. Malformed uploads get a message and
change nothing. The browser half (`tests/browser/test_hostile_input.py`) shows the stored values render
as text.
"""

import csv
import html
import io
import os
import tempfile
from pathlib import Path

import docx
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.factories import PriorityFactory, an_area, an_indicator, figures_for, make_action
from actions.models import Action, ActionUpdate, Area, IndicatorImport, Milestone, Observation, Pledge
from consultations.factories import ConsultationPageFactory
from consultations.models import Answer, ConsultationIndexPage, ConsultationQuestion, ConsultationResponse
from governance.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MeetingPage, MembershipRole, MinutesUpload, Person
from portal.factories import TEST_PASSWORD, PartnerStaffFactory, SchoolStaffFactory, UserFactory
from portal.models import Audience, User
from tests.conftest import posted_form
from tests.hostile_strings import (
    FORMULAS,
    LONG,
    NUL,
    STORABLE,
    XLSX_ILLEGAL,
    as_stored,
    formula_cells,
    joined,
    short_enough,
)

pytestmark = pytest.mark.django_db

NUL_REFUSED = "Null characters are not allowed."
TODAY = timezone.localdate()
MB = 1024 * 1024


def limit_named(limit: int) -> str:
    return f"at most {limit} characters"


def text_of(response) -> str:
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf"), "every CSV starts with a byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_cells(response) -> list:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def stored_equal(actual, typed):
    assert actual == as_stored(typed), f"{typed!r} was stored as {actual!r}"


# The people and places the forms belong to


@pytest.fixture
def group(home_page):
    return PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page), title="Attendance group")


def member_of(group, role):
    person = PersonFactory(user=PartnerStaffFactory())
    MembershipFactory(person=person, group=group, role=role)
    return person


@pytest.fixture
def chair(group):
    return member_of(group, MembershipRole.CHAIR)


@pytest.fixture
def member(group):
    return member_of(group, MembershipRole.MEMBER)


# Sign-up and profile


def sign_up(client, number, **fields):
    data = {
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": f"hostile{number}@example.org",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "audience": Audience.PARTNER_STAFF,
        "organisation_name": "Riverford Council",
        **fields,
    }
    return client.post(reverse("account_signup"), data, REMOTE_ADDR=f"10.0.0.{number % 250 + 1}")


def in_threes(strings):
    """The strings three at a time (first name, last name, organisation), the last three padded out."""
    padded = [*strings, *["Riverford"] * (-len(strings) % 3)]
    return [padded[start : start + 3] for start in range(0, len(padded), 3)]


def test_sign_up_stores_every_hostile_name_as_typed(client):
    for number, (first, last, organisation) in enumerate(in_threes(short_enough(150))):
        response = sign_up(client, number, first_name=first, last_name=last, organisation_name=organisation)
        assert response.status_code == 302, text_of(response)
        user = User.objects.get(email=f"hostile{number}@example.org")
        stored_equal(user.first_name, first)
        stored_equal(user.last_name, last)
        stored_equal(user.organisation_name, organisation)
        client.logout()


def test_sign_up_refuses_nul_and_an_overlong_name_and_keeps_the_rest(client):
    response = sign_up(client, 1, first_name=NUL, last_name=LONG, organisation_name="Riverford <b>Council</b>")
    html = text_of(response)
    assert response.status_code == 200
    assert NUL_REFUSED in html and limit_named(150) in html
    assert 'value="hostile1@example.org"' in html and 'value="Riverford &lt;b&gt;Council&lt;/b&gt;"' in html
    assert not User.objects.exists()


def test_the_profile_stores_every_hostile_string_as_typed(client):
    person = PartnerStaffFactory()
    client.force_login(person)
    for first, last, organisation in in_threes(short_enough(150)):
        details = {"first_name": first, "last_name": last, "audience": Audience.PARTNER_STAFF}
        response = client.post(reverse("portal:profile"), {**details, "organisation_name": organisation})
        assert response.status_code == 302, text_of(response)
        person.refresh_from_db()
        stored_equal(person.first_name, first)
        stored_equal(person.organisation_name, organisation)
        assert client.get(reverse("portal:profile")).status_code == 200


def test_the_profile_refuses_nul_and_an_overlong_name_and_changes_nothing(client):
    person = SchoolStaffFactory(first_name="Grace", school_name="Hillside")
    client.force_login(person)
    details = {"audience": Audience.SCHOOL_STAFF, "school_urn": "123456", "school_role": person.school_role}
    response = client.post(
        reverse("portal:profile"),
        {**details, "first_name": NUL, "last_name": "Ellison-Kaur", "school_name": LONG},
    )
    html = text_of(response)
    assert response.status_code == 200 and NUL_REFUSED in html and limit_named(200) in html
    assert 'value="Ellison-Kaur"' in html and 'value="123456"' in html
    person.refresh_from_db()
    assert (person.first_name, person.school_name) == ("Grace", "Hillside")


# Actions: adding, changing, progress notes and comments


def add_action(client, group, **fields):
    return client.post(reverse("actions:add_action", args=[group.pk]), {"title": "Check", **fields})


def test_actions_added_and_changed_keep_every_hostile_string(client, group, chair):
    client.force_login(chair.user)
    for text in short_enough(200):
        response = add_action(client, group, title=text, detail=joined(), agenda_item=text, new_owner=text)
        assert response.status_code == 302, text_of(response)
        action = Action.objects.latest("pk")
        stored_equal(action.title, text)
        stored_equal(action.agenda_item, text)
        assert action.detail == joined().strip()
        assert client.get(response.url).status_code == 200
    action = Action.objects.latest("pk")
    edit = client.get(reverse("actions:edit_action", args=[action.reference]))
    changed = {**posted_form(edit, "title"), "title": FORMULAS[0], "detail": FORMULAS[1]}
    response = client.post(reverse("actions:edit_action", args=[action.reference]), changed)
    assert response.status_code == 302, text_of(response)
    action.refresh_from_db()
    assert (action.title, action.detail) == (FORMULAS[0], FORMULAS[1])
    assert client.get(reverse("actions:action_log", args=[group.pk])).status_code == 200


@pytest.mark.parametrize(
    ("field", "limit"),
    [("title", 250), ("detail", 10_000), ("agenda_item", 200), ("new_owner", 200)],
)
def test_an_action_refuses_nul_and_overlong_text_and_keeps_the_rest(client, group, chair, field, limit):
    client.force_login(chair.user)
    typed = {"title": "Write to every head", "detail": "Before half term", "agenda_item": "Attendance"}
    for value, message in ((NUL, NUL_REFUSED), (LONG, limit_named(limit))):
        response = add_action(client, group, **{**typed, field: value})
        html = text_of(response)
        assert response.status_code == 400 and message in html
        kept = [text for name, text in typed.items() if name != field]
        assert all(text in html for text in kept), "what else was typed is kept"
    assert not Action.objects.exists()
    assert not any("\x00" in name or len(name) > 200 for name in Person.objects.values_list("full_name", flat=True))


def test_progress_notes_and_comments_keep_every_hostile_string(client, group, chair, member):
    action = make_action(group, owner=chair)
    address = reverse("actions:action", args=[action.reference])
    for person, field_kind in ((chair, "progress"), (member, "comment")):
        client.force_login(person.user)
        for text in [joined(), *STORABLE]:
            response = client.post(address, {"note": text})
            assert response.status_code == 302, f"{field_kind}: {text_of(response)}"
            stored_equal(ActionUpdate.objects.latest("pk").note, text)
        assert client.get(address).status_code == 200
    client.force_login(chair.user)
    quick = client.post(address, {"status": "in_progress", "note": FORMULAS[1], "next": "/dashboard/"})
    assert quick.status_code == 302 and client.get("/dashboard/").status_code == 200


def test_progress_notes_and_comments_refuse_nul_and_overlong_notes(client, group, chair, member):
    action = make_action(group, owner=chair)
    address = reverse("actions:action", args=[action.reference])
    for person in (chair, member):
        client.force_login(person.user)
        for value, message in ((NUL, NUL_REFUSED), (LONG, limit_named(4000))):
            response = client.post(address, {"note": value})
            assert response.status_code == 400 and message in text_of(response)
    assert not ActionUpdate.objects.exists()


# Milestones


@pytest.fixture
def priority(group):
    sheffield = an_area("local_authority", "E08000019", "Sheffield")
    figures_for(an_indicator(), sheffield, {2022: 28})
    return PriorityFactory(partnership=group)


def milestone_answers(intent):
    return {
        "intent": intent,
        "indicator": an_indicator().pk,
        "area": Area.objects.get(code="E08000019").pk,
        "phase": "total",
        "baseline_period": "2022/23",
        "target_period": "2026/27",
        "target_value": "20",
    }


def test_a_milestones_intent_keeps_every_hostile_string(client, priority, chair):
    client.force_login(chair.user)
    for text in short_enough(300):
        response = client.post(reverse("actions:add_milestone", args=[priority.pk]), milestone_answers(text))
        assert response.status_code == 302, text_of(response)
        stored_equal(Milestone.objects.latest("pk").intent, text)
        assert client.get(response.url).status_code == 200
    assert client.get(priority.get_absolute_url()).status_code == 200


def test_a_milestones_intent_refuses_nul_and_overlong_text(client, priority, chair):
    client.force_login(chair.user)
    for value, message in ((NUL, NUL_REFUSED), (LONG, limit_named(300))):
        response = client.post(reverse("actions:add_milestone", args=[priority.pk]), milestone_answers(value))
        assert response.status_code == 400 and message in text_of(response)
        assert 'value="2026/27"' in text_of(response), "the other answers are kept"
    assert not Milestone.objects.exists()


# Pledges, made in the admin's snippet form


def pledge_answers(priority, statement):
    return {
        "priority": priority.pk,
        "organisation": OrganisationFactory().pk,
        "statement": statement,
        "made_on": TODAY.isoformat(),
        "status": "active",
    }


def test_a_pledge_made_in_the_admin_keeps_hostile_text_and_refuses_nul_and_a_statement_too_long(client, priority):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    add = reverse("wagtailsnippets_actions_pledge:add")
    saved = client.post(add, pledge_answers(priority, joined()))
    assert saved.status_code == 302, text_of(saved)
    pledge = Pledge.objects.get()
    assert pledge.statement == joined().strip()
    assert client.get(pledge.get_absolute_url()).status_code == 200
    refused = client.post(add, pledge_answers(priority, NUL))
    assert refused.status_code == 200 and NUL_REFUSED in text_of(refused)
    too_long = client.post(add, pledge_answers(priority, LONG))
    assert too_long.status_code == 200
    assert "Ensure this value has at most 2000 characters (it has 100000)." in text_of(too_long)
    assert Pledge.objects.count() == 1


# Consultations


@pytest.fixture
def consultation(home_page, group):
    index = home_page.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
    page = ConsultationPageFactory(parent=index, group=group, title="Hostile consultation")
    questions = [
        ("Long answer", "long_text", "", {}),
        ("Which year group?", "choose_one", "Year 7\nYear 8", {"allow_other": True}),
        ("Should there be a survey?", "yes_no", "", {}),
        *((f"Short answer {number}", "short_text", "", {}) for number in range(len(FORMULAS))),
    ]
    for order, (label, kind, choices, extra) in enumerate(questions):
        ConsultationQuestion.objects.create(
            page=page, sort_order=order, label=label, field_type=kind, choices=choices, required=False, **extra
        )
    return page


@pytest.fixture
def head():
    head = SchoolStaffFactory()
    head.verify_school_staff()
    head.save()
    return head


def consultation_answers(consultation, long_answer=None, other="Year 10", comment="Termly", shorts=FORMULAS):
    names = {question.label: question.clean_name for question in consultation.questions.all()}
    answers = {
        names["Long answer"]: joined() if long_answer is None else long_answer,
        f"{names['Which year group?']}_0": "other",
        f"{names['Which year group?']}_1": other,
        f"{names['Should there be a survey?']}_0": "yes",
        f"{names['Should there be a survey?']}_1": comment,
        "intent": "submit",
    }
    return answers | {names[f"Short answer {number}"]: text for number, text in enumerate(shorts)}


def test_consultation_answers_keep_every_hostile_string(client, consultation, head):
    client.force_login(head)
    for text in short_enough(500):
        cache.clear()  # consultations take ten sends a minute from one account
        response = client.post(consultation.url, consultation_answers(consultation, other=text, comment=text))
        assert response.status_code == 302, text_of(response)
        texts = set(Answer.objects.filter(response__user=head).values_list("text", flat=True))
        assert {as_stored(text), joined().strip(), *FORMULAS} <= texts
    assert client.get(consultation.url).status_code == 200


@pytest.mark.parametrize(
    ("where", "limit"),
    [("long_answer", 20_000), ("other", 500), ("comment", 5_000), ("shorts", 2_000)],
)
def test_consultation_answers_refuse_nul_and_overlong_text_and_keep_the_rest(client, consultation, head, where, limit):
    client.force_login(head)
    for value, message in ((NUL, NUL_REFUSED), (LONG, limit_named(limit))):
        answer = [value] if where == "shorts" else value
        response = client.post(consultation.url, consultation_answers(consultation, **{where: answer}))
        html = text_of(response)
        assert response.status_code == 200 and message in html
        if where != "other":
            assert 'value="Year 10"' in html, "the other answers are kept"
    assert not ConsultationResponse.objects.exists()


def test_the_consultation_export_neutralises_formulas_and_keeps_control_characters_out_of_xlsx(
    client, consultation, head, chair
):
    client.force_login(head)
    client.post(consultation.url, consultation_answers(consultation, long_answer=XLSX_ILLEGAL, other=FORMULAS[2]))
    client.force_login(chair.user)
    export = reverse("consultations:export", args=[consultation.pk])
    rows = csv_rows(client.get(export, {"format": "csv"}))
    cells = [cell for row in rows for cell in row]
    assert not formula_cells(cells), "every formula-leading cell starts with a quote"
    assert {f"'{formula}" for formula in FORMULAS} <= set(cells)
    workbook = client.get(export, {"format": "xlsx"})
    assert workbook.status_code == 200
    assert "controls end" in xlsx_cells(workbook)


# The action log's spreadsheets


def test_the_action_log_export_neutralises_formulas_and_survives_control_characters(client, group, chair):
    for title in [*FORMULAS, XLSX_ILLEGAL]:
        make_action(group, title=title, owner=PersonFactory(full_name=FORMULAS[0]))
    client.force_login(chair.user)
    log = reverse("actions:action_log", args=[group.pk])
    cells = [cell for row in csv_rows(client.get(log, {"export": "csv", "status": "all"})) for cell in row]
    assert not formula_cells(cells)
    assert {f"'{formula}" for formula in FORMULAS} <= set(cells)
    workbook = client.get(log, {"export": "xlsx", "status": "all"})
    assert workbook.status_code == 200
    assert "controls end" in xlsx_cells(workbook)


# The minutes importer


@pytest.fixture
def secretariat(group):
    return member_of(group, MembershipRole.SECRETARIAT)


def minutes_counts():
    return MinutesUpload.objects.count(), MeetingPage.objects.count(), Person.objects.count()


HOSTILE_MINUTES = "\n".join(
    [
        "Attendance group",
        "Minutes of the meeting held on 12 March 2025, 10:00 to 12:00",
        "Present: " + ", ".join(["Jane Smith", *short_enough(60, STORABLE)]),
        "Actions",
        *(f"{text} — Jane Smith" for text in short_enough(200)),
        joined(),
    ]
)


def import_minutes(client, group, **fields):
    return client.post(reverse("governance:import_minutes"), {"group": group.pk, **fields})


def test_pasted_minutes_full_of_hostile_strings_are_read_and_saved(client, group, secretariat):
    client.force_login(secretariat.user)
    screen = import_minutes(client, group, pasted_text=HOSTILE_MINUTES)
    assert screen.status_code == 200 and "Check the imported minutes" in text_of(screen)
    assert MinutesUpload.objects.get().source_text == HOSTILE_MINUTES.strip()
    confirmed = posted_form(screen, "upload")
    confirmed.update(title=FORMULAS[1], venue=STORABLE[0], agenda=joined(short_enough(200)))
    saved = client.post(reverse("governance:import_minutes"), confirmed)
    assert saved.status_code == 302, text_of(saved)
    meeting = MeetingPage.objects.child_of(group).get()
    assert (meeting.title, meeting.venue) == (FORMULAS[1], STORABLE[0])
    assert client.get(saved.url).status_code == 200


def test_pasted_minutes_refuse_nul_and_the_confirmation_refuses_nul_and_overlong_titles(client, group, secretariat):
    client.force_login(secretariat.user)
    refused = import_minutes(client, group, pasted_text=f"Minutes\n{NUL}")
    assert refused.status_code == 200 and NUL_REFUSED in text_of(refused)
    screen = import_minutes(client, group, pasted_text="Attendance group\nMinutes of 12 March 2025")
    for title, message in ((NUL, NUL_REFUSED), (LONG, limit_named(255))):
        confirmed = {**posted_form(screen, "upload"), "title": title, "venue": "Civic Centre", "date": "2025-03-12"}
        again = client.post(reverse("governance:import_minutes"), confirmed)
        assert again.status_code == 200 and message in text_of(again)
        assert 'value="Civic Centre"' in text_of(again)
    assert not MeetingPage.objects.exists()


@pytest.mark.parametrize("binary", [False, True])
def test_a_text_file_with_nul_bytes_is_read_without_them(client, group, secretariat, binary):
    """A few NULs in text, or random bytes named .txt (read as text, as the importer has always done)."""
    client.force_login(secretariat.user)
    content = f"Attendance group\nMinutes of 12 March 2025\n{NUL}\n{joined()}".encode()
    upload = os.urandom(50_000) if binary else content
    screen = import_minutes(client, group, minutes_file=SimpleUploadedFile("minutes.txt", upload))
    assert screen.status_code == 200
    assert "\x00" not in MinutesUpload.objects.get().source_text
    assert binary or "beforeafter" in MinutesUpload.objects.get().source_text


def word_document(paragraphs) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = FORMULAS[0], STORABLE[1]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xml_safe(strings):
    """Word (XML) cannot hold most control characters, so a .docx carries the rest of the corpus."""
    return [text for text in strings if not any(ord(c) < 32 and c not in "\t\n\r" for c in text)]


def test_a_word_document_full_of_hostile_strings_is_read(client, group, secretariat):
    client.force_login(secretariat.user)
    content = word_document(["Attendance group", "Minutes of 12 March 2025", *xml_safe(STORABLE)])
    screen = import_minutes(client, group, minutes_file=SimpleUploadedFile("minutes.docx", content))
    assert screen.status_code == 200 and "Check the imported minutes" in text_of(screen)
    source = MinutesUpload.objects.get().source_text
    lines = [line.strip() for text in xml_safe(STORABLE) for line in text.splitlines()]
    assert all(line in source for line in lines)


def truncated_word_document() -> bytes:
    whole = word_document(["Attendance group", "Minutes of 12 March 2025"])
    return whole[: len(whole) // 2]


def binary_content() -> bytes:
    return bytes(range(256)) * 64


MALFORMED_MINUTES = [
    ("minutes.docx", truncated_word_document, "could not be opened"),
    ("minutes.csv", binary_content, "'.csv' files cannot be read"),
    ("minutes.txt", lambda: "Minutes".encode("utf-32-le") * 100, "does not look like text"),
    ("minutes.docx", binary_content, "could not be opened"),
]


@pytest.mark.parametrize(("name", "make", "message"), MALFORMED_MINUTES)
def test_malformed_minutes_files_are_refused_and_change_nothing(client, group, secretariat, name, make, message):
    client.force_login(secretariat.user)
    before = minutes_counts()
    refused = import_minutes(client, group, minutes_file=SimpleUploadedFile(name, make()))
    assert refused.status_code == 200 and message in html.unescape(text_of(refused))
    assert minutes_counts() == before


BOUNDARY = "----hostile-input-boundary"


def multipart_file(fields: dict, file_field: str, filename: str, size: int) -> Path:
    """A form post on disk holding a file of `size` bytes, written a megabyte at a time (never held in memory)."""
    body = tempfile.NamedTemporaryFile(suffix=".multipart", delete=False)  # noqa: SIM115 - removed by the caller
    with body:
        for name, value in fields.items():
            body.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        body.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        chunk = (b"time_period,geographic_level,la_name\r\n" * 30_000)[:MB]
        for start in range(0, size, MB):
            body.write(chunk[: min(MB, size - start)])
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return Path(body.name)


def post_from_disk(client, url, body: Path):
    """Posts a multipart body straight from its file, as a browser streams a large upload."""
    with body.open("rb") as stream:
        return client.request(
            REQUEST_METHOD="POST",
            PATH_INFO=url,
            CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
            CONTENT_LENGTH=str(body.stat().st_size),
            **{"wsgi.input": stream},
        )


@pytest.fixture
def fifty_megabytes():
    made = []

    def make(fields, file_field, filename):
        made.append(multipart_file(fields, file_field, filename, 50 * MB + 1))
        return made[-1]

    yield make
    for body in made:
        os.remove(body)


def test_a_50_mb_minutes_file_is_refused_with_the_limit_named(client, group, secretariat, fifty_megabytes):
    client.force_login(secretariat.user)
    before = minutes_counts()
    body = fifty_megabytes({"group": group.pk}, "minutes_file", "minutes.txt")
    refused = post_from_disk(client, reverse("governance:import_minutes"), body)
    assert refused.status_code == 200 and "minutes can be up to 5 MB" in text_of(refused)
    assert minutes_counts() == before


# The admin's indicator upload


@pytest.fixture
def site_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def outcome_of(page) -> str:
    """The import's outcome, as the admin page words it."""
    return text_of(page).partition('id="import-outcome"')[2].partition("Import another file")[0]


def indicator_counts():
    return Observation.objects.count(), Area.objects.count(), IndicatorImport.objects.count()


EES_HEADER = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "la_name",
    "old_la_code",
    "school_type",
    "attendance_perc",
]


def ees_row(level, code="", name="", value="93.1"):
    region = ("E12000003", "Yorkshire and The Humber") if level != "National" else ("", "")
    council = (code, name, "") if level == "Local authority" else ("", "", "")
    return ["202223", "Academic year", level, "E92000001", "England", *region, *council, "Total", value]


def hostile_figures(names) -> bytes:
    """An attendance file whose councils are named with hostile strings, one council each."""
    rows = [EES_HEADER, ees_row("National"), ees_row("Regional")]
    rows += [ees_row("Local authority", f"E0{9000000 + number}", name) for number, name in enumerate(names)]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def upload_figures(client, name, content):
    """The outcome of an upload: on the upload page, or on the page of the import it queued (which tests run
    at once, when the upload is saved)."""
    upload = SimpleUploadedFile(name, content, "text/csv")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("import_figures:upload"), {"file": upload})
    return client.get(response.url) if response.status_code == 302 else response


def test_an_indicator_file_with_hostile_names_is_imported_and_exported_safely(client, site_admin):
    names = short_enough(120)
    page = upload_figures(client, "hostile.csv", hostile_figures(names))
    assert page.status_code == 200 and "Imported" in text_of(page), text_of(page)
    for number, name in enumerate(names):
        area = Area.objects.get(code=f"E0{9000000 + number}")
        stored_equal(area.name, name)
    first_formula = Area.objects.get(name=FORMULAS[0])
    assert client.get(reverse("actions:area_figures", args=[first_formula.code])).status_code == 200
    for number in range(len(names)):
        code = f"E0{9000000 + number}"
        export = client.get(reverse("actions:indicator_csv", args=[code, "attendance_rate"]))
        assert export.status_code == 200
        assert not formula_cells([cell for row in csv_rows(export) for cell in row])


def test_an_indicator_file_with_nul_in_a_name_is_refused_or_stripped(client, site_admin):
    before = indicator_counts()
    page = upload_figures(client, "hostile.csv", hostile_figures([NUL]))
    assert page.status_code == 200
    if "The file was not imported: nothing was saved" in text_of(page):
        assert indicator_counts() == before
    else:
        assert outcome_of(page).startswith(">Imported<"), outcome_of(page)
        assert not any("\x00" in name for name in Area.objects.values_list("name", flat=True))


def test_an_indicator_file_with_an_overlong_name_is_refused_with_the_limit_named(client, site_admin):
    before = indicator_counts()
    page = upload_figures(client, "hostile.csv", hostile_figures([LONG]))
    assert page.status_code == 200 and "The file was not imported: nothing was saved" in text_of(page)
    assert "120" in outcome_of(page)
    assert indicator_counts() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("figures.csv", binary_content(), "not UTF-8 text"),
        ("figures.csv", b"\x00" * 4096, "header is not one this importer knows"),
        ("figures.csv", b"", "empty"),
        ("figures.csv", truncated_word_document(), "not a CSV file"),
    ],
)
def test_malformed_indicator_files_are_refused_and_change_nothing(client, site_admin, name, content, message):
    before = indicator_counts()
    page = upload_figures(client, name, content)
    assert page.status_code == 200 and "nothing was saved" in text_of(page)
    assert message in html.unescape(text_of(page))
    assert indicator_counts() == before


def test_a_50_mb_indicator_file_is_refused_with_the_limit_named(client, site_admin, fifty_megabytes):
    before = indicator_counts()
    body = fifty_megabytes({}, "file", "figures.csv")
    refused = post_from_disk(client, reverse("import_figures:upload"), body)
    assert refused.status_code == 200 and "larger than 50 MB" in text_of(refused)
    assert indicator_counts() == before


# Searching, where anyone can type anything


def test_the_site_search_takes_every_hostile_string(client):
    for text in STORABLE:
        assert client.get(reverse("portal:search"), {"q": text}).status_code == 200
    assert client.get(reverse("portal:search"), {"q": NUL}).status_code == 200
    assert "at most 200 characters" in text_of(client.get(reverse("portal:search"), {"q": LONG}))
