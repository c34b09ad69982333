"""The responses spreadsheet: streamed, a row per submitted response, answers in words, safe in Excel."""

import codecs
import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from consultations import exports
from consultations.models import Audience
from governance.models import MembershipRole
from tests.consultations.test_analysis import DRAFT, WITHDRAWN, respond, someone_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(group, person_with_account):
    return someone_in(group, MembershipRole.CHAIR, person_with_account)


@pytest.fixture
def secretariat(group, person_with_account):
    return someone_in(group, MembershipRole.SECRETARIAT, person_with_account)


def export_url(consultation, chosen="csv"):
    return reverse("consultations:export", args=[consultation.pk]) + f"?format={chosen}"


def read_csv(response):
    assert response.streaming, "a hundred thousand rows must stream, never sit in memory"
    content = b"".join(response.streaming_content)
    assert content.startswith(codecs.BOM_UTF8), "Excel reads accented names as UTF-8 only with the mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def full_response(consultation, **extra):
    return respond(
        consultation,
        agreement="strongly_agree",
        ranking=["Home visits", "Letters", "Text messages"],
        yes_no={"answer": "yes", "comment": "Only in the autumn term"},
        choose_one={"choice": "Year 8", "other": ""},
        choose_many={"choices": ["Early help", "other"], "other": "Family hub"},
        short_text="The buses",
        **extra,
    )


def test_csv_has_a_row_per_submitted_response_with_answers_in_words(client, consultation, chair):
    full_response(consultation, respondent_type=Audience.SCHOOL_LEADERS, organisation="Hillside Primary")
    respond(consultation, status=WITHDRAWN, agreement="strongly_disagree")
    respond(consultation, status=DRAFT, agreement="disagree")
    respond(consultation, agreement="agree")
    client.force_login(chair)
    response = client.get(export_url(consultation))
    assert response["Content-Disposition"].startswith('attachment; filename="consultation-on-attendance')
    headings, *rows = read_csv(response)
    assert headings[:3] == ["Submitted", "Respondent type", "Organisation"]
    assert headings[3:] == [question.label for question in consultation.questions.all()]
    assert len(rows) == 2, "drafts and withdrawn responses are left out"
    assert rows[0][1:] == [
        "School leaders",
        "Hillside Primary",
        "Strongly agree",
        "Home visits > Letters > Text messages",
        "Yes: Only in the autumn term",
        "Year 8",
        "Early help; Other: Family hub",
        "The buses",
        "",
    ]
    assert rows[1][1:4] == ["Parents and carers", "", "Agree"], "nothing of the responses between them"


def test_cells_that_excel_would_run_as_formulas_are_neutralised(client, consultation, chair):
    respond(consultation, organisation='=HYPERLINK("http://evil.example")', short_text="+cmd|' /C calc'!A0")
    client.force_login(chair)
    _, row = read_csv(client.get(export_url(consultation)))
    assert row[2] == '\'=HYPERLINK("http://evil.example")'
    assert "'+cmd|' /C calc'!A0" in row


def test_names_and_emails_only_for_chairs_of_a_consultation_that_told_respondents(
    client, consultation, chair, secretariat
):
    respond(consultation, agreement="agree", respondent_name="Amira Okafor", respondent_email="amira@example.com")
    client.force_login(chair)
    anonymised = client.get(export_url(consultation))
    assert b"Amira" not in b"".join(anonymised.streaming_content)
    consultation.identify_respondents = True
    consultation.save()
    headings, row = read_csv(client.get(export_url(consultation)))
    assert headings[3:5] == ["Name", "Email"] and row[3:5] == ["Amira Okafor", "amira@example.com"]
    client.force_login(secretariat)
    headings, row = read_csv(client.get(export_url(consultation)))
    assert "Name" not in headings and "Amira Okafor" not in row


def test_every_batch_of_responses_reads_its_answers_in_one_query(
    client, consultation, chair, monkeypatch, django_assert_max_num_queries
):
    for n in range(7):
        respond(consultation, short_text=f"Answer {n}")
    monkeypatch.setattr(exports, "CHUNK", 2)
    monkeypatch.setattr(exports, "ANSWERS_FOR", 3)
    client.force_login(chair)
    response = client.get(export_url(consultation))
    with django_assert_max_num_queries(4 + 3):  # the responses' cursor, 2 at a time, and 3 batches' answers
        _, *rows = read_csv(response)
    assert [row[-2] for row in rows] == [f"Answer {n}" for n in range(7)]


def test_xlsx_has_the_same_rows_with_formula_like_text_kept_as_text(client, consultation, chair):
    full_response(consultation, organisation="=1+2")
    respond(consultation, status=WITHDRAWN, agreement="agree")
    client.force_login(chair)
    response = client.get(export_url(consultation, "xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, row = list(sheet.iter_rows(values_only=True))
    assert headings[:3] == ("Submitted", "Respondent type", "Organisation")
    assert row[2] == "=1+2" and sheet.cell(row=2, column=3).data_type == "s"
    assert row[4] == "Home visits > Letters > Text messages"


def test_only_those_who_may_analyse_may_export(client, consultation, group, person_with_account, chair):
    client.force_login(someone_in(group, MembershipRole.MEMBER, person_with_account))
    assert client.get(export_url(consultation)).status_code == 403
    client.force_login(chair)
    assert client.get(export_url(consultation, "pdf")).status_code == 400


def test_wagtails_forms_listing_shows_answers_only_to_site_admins(client, consultation, secretariat, django_user_model):
    """An editor of the page would otherwise read every answer (and name) there, past the consultation's rules."""
    full_response(consultation)
    editors = Group.objects.create(name="Consultation editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=editors, page=consultation, permission_type="change")
    secretariat.groups.add(editors)
    client.force_login(secretariat)
    assert consultation.title not in client.get(reverse("wagtailforms:index")).content.decode()
    assert client.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).status_code in (302, 403, 404)
    client.force_login(django_user_model.objects.create_superuser(email="admin@example.org", password="x"))
    assert consultation.title in client.get(reverse("wagtailforms:index")).content.decode()
    assert client.get(reverse("wagtailforms:list_submissions", args=[consultation.pk])).status_code == 200
