"""Spreadsheets exported from the admin never run a formula someone typed, and keep accented names."""

import codecs
import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.urls import reports
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page

from consultations.factories import ConsultationPageFactory, add_every_kind_of_question
from consultations.models import ConsultationIndexPage
from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from portal.exports import SafeSpreadsheetExportMixin, safe_csv_cell
from portal.factories import SchoolStaffFactory, UserFactory
from tests.consultations.test_analysis import respond

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1+1)",
    "=cmd|' /C calc'!A0",
    "+44 20 7946 0000",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]
ACCENTED = "Zoë Brontë"
PORTAL_APPS = {"portal", "governance", "actions", "consultations"}


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_starting_like_a_formula_is_shown_as_text(value):
    assert safe_csv_cell(value) == f"'{value}"


@pytest.mark.parametrize("value", [ACCENTED, "Dean Webster", "", "x=1", None, 42, -3])
def test_other_cells_are_left_alone(value):
    assert safe_csv_cell(value) == value


@pytest.fixture
def site_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def csv_rows(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_cells(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in workbook.active.iter_rows(min_row=2) for cell in row]


def make_people():
    for name in [*FORMULAS, ACCENTED]:
        PersonFactory(full_name=name, job_title="Headteacher")


def test_people_csv_starts_with_a_bom_and_quotes_every_formula(client, site_admin):
    make_people()
    rows = csv_rows(client.get(reverse("wagtailsnippets_governance_person:list") + "?export=csv"))
    names = {row[0] for row in rows[1:]}
    assert names == {f"'{formula}" for formula in FORMULAS} | {ACCENTED}


def test_people_xlsx_holds_formulas_as_text_cells(client, site_admin):
    make_people()
    cells = xlsx_cells(client.get(reverse("wagtailsnippets_governance_person:list") + "?export=xlsx"))
    names = {cell.value for cell in cells if cell.column == 1}
    assert names == {*FORMULAS, ACCENTED}
    assert all(cell.data_type != "f" for cell in cells)


@pytest.mark.parametrize(
    ("url_name", "make_record"),
    [
        ("wagtailsnippets_governance_organisation:list", lambda name, group: OrganisationFactory(name=name)),
        (
            "wagtailsnippets_governance_membership:list",
            lambda name, group: MembershipFactory(person__full_name=name, group=group),
        ),
        ("school_staff:index", lambda name, group: SchoolStaffFactory(first_name=name)),
    ],
)
def test_every_admin_csv_export_quotes_formulas(client, site_admin, home_page, url_name, make_record):
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    make_record(FORMULAS[0], group)
    make_record(ACCENTED, group)
    cells = {cell for row in csv_rows(client.get(reverse(url_name) + "?export=csv"))[1:] for cell in row}
    assert f"'{FORMULAS[0]}" in cells
    assert ACCENTED in cells
    assert FORMULAS[0] not in cells


def test_every_portal_viewset_with_an_export_uses_the_safe_listing(client):
    reverse("wagtailadmin_home")  # loading the admin's URLs registers every viewset
    exporting = [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(getattr(viewset, "list_export", None), list | tuple)
        and viewset.list_export
        and viewset.model._meta.app_label in PORTAL_APPS
    ]
    assert exporting
    for viewset in exporting:
        assert issubclass(viewset.index_view_class, SafeSpreadsheetExportMixin), viewset


def csv_cells(response):
    return {cell for row in csv_rows(response)[1:] for cell in row}


@pytest.fixture
def meeting_in_every_report(home_page, site_admin):
    """A meeting titled like a formula (as imported minutes can title it): published, sent to the chair
    for approval and locked, so each of Wagtail's reports lists it."""
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    meeting = MeetingPageFactory(parent=group, title=FORMULAS[0])
    meeting.save_revision(user=site_admin, log_action=True).publish(user=site_admin)
    meeting.save_revision(user=site_admin)
    meeting.get_workflow().start(meeting, site_admin)
    Page.objects.filter(pk=meeting.pk).update(locked=True, locked_by=site_admin, locked_at=timezone.now())
    return meeting


@pytest.mark.parametrize("report", ["locked_pages", "workflow", "workflow_tasks", "site_history", "aging_pages"])
def test_wagtails_own_reports_export_titles_as_text(client, meeting_in_every_report, report):
    cells = csv_cells(client.get(reverse(f"wagtailadmin_reports:{report}") + "?export=csv"))
    assert f"'{FORMULAS[0]}" in cells
    assert FORMULAS[0] not in cells


def test_every_wagtail_report_that_exports_writes_a_safe_csv(client, site_admin):
    """Each address, its results address included, so a report Wagtail adds later cannot slip past."""
    exporting = [pattern.name for pattern in reports.urlpatterns if pattern.callback.view_class.list_export]
    assert len(exporting) >= 10
    for name in exporting:
        content = b"".join(client.get(reverse(f"wagtailadmin_reports:{name}") + "?export=csv").streaming_content)
        assert content.startswith(codecs.BOM_UTF8), name


@pytest.mark.parametrize("url_name", ["wagtailforms:list_submissions", "wagtailforms:list_submissions_results"])
def test_wagtails_form_submissions_export_what_respondents_typed_as_text(client, site_admin, home_page, url_name):
    index = home_page.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    consultation = ConsultationPageFactory(parent=index, group=group)
    add_every_kind_of_question(consultation)
    respond(consultation, short_text=FORMULAS[0])
    respond(consultation, short_text=ACCENTED)

    cells = csv_cells(client.get(reverse(url_name, args=[consultation.pk]) + "?export=csv"))

    assert f"'{FORMULAS[0]}" in cells
    assert ACCENTED in cells
    assert FORMULAS[0] not in cells
