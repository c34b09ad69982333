"""Admins import DfE's files in the Wagtail admin, see statistical neighbours, and keep their own peer sets.

An upload is queued: the request stores the file and sends the person to the import's own page, and
the task worker imports it. Tests run queued work at once, so most of these see the whole journey; one
uses the database queue and its worker, as a deployment does.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from actions import indicator_admin, tasks
from actions.factories import an_area
from actions.indicator_import import import_indicators
from actions.models import (
    AreaLevel,
    ComparatorKind,
    ComparatorSet,
    FigureImportRequest,
    FigureImportState,
    IndicatorImport,
    Observation,
)
from portal.factories import UserFactory
from tests.actions.indicator_files import NOTHING, SHEFFIELD, copy_rows, data_file, database_counts, read_lines

pytestmark = pytest.mark.django_db

UPLOAD = reverse("import_figures:upload")
YTD_FILE = "dfe_attendance_ytd_202223.csv"
NEIGHBOURS_FILE = "dfe_statistical_neighbours_may2025.csv"


DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads are stored where the test can look, and are gone with it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


@pytest.fixture
def editor(client):
    """Someone who may use the admin but was never given the right to import figures."""
    editors = Group.objects.create(name="Indicator editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    person = UserFactory(is_staff=True)
    person.groups.add(editors)
    client.force_login(person)
    return person


def post_file(client, path, name=None, **fields):
    content = path.read_bytes()
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name or path.name, content, "text/csv"), **fields})


def upload(client, path, name=None, **fields):
    """Uploads the file and, once the request is saved and its import has run, opens the import's page.
    A refusal (the form's, or the admin's) is returned as it came."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = post_file(client, path, name, **fields)
    if response.status_code == 302 and response.url.startswith(reverse("figure_imports:index")):
        return client.get(response.url)
    return response


def test_site_admin_sees_the_upload_form_in_the_actions_menu(client, site_admin):
    page = client.get(UPLOAD)

    assert page.status_code == 200
    assert 'name="file"' in page.text and 'name="dry_run"' in page.text and 'name="version"' in page.text
    assert UPLOAD in client.get(reverse("wagtailadmin_home")).text


def test_uploaded_file_is_queued_then_imported_and_counted_on_its_page(client, site_admin, media):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = post_file(client, data_file(YTD_FILE))
    figure_import = FigureImportRequest.objects.get()
    page = client.get(response.url)

    assert response.url == reverse("figure_imports:inspect", args=[figure_import.pk])
    assert page.status_code == 200
    assert "Imported" in page.text
    assert "Saved 2,465 new figures" in page.text
    assert Observation.objects.filter(area__code=SHEFFIELD, period="2022/23 to date").count() == 15
    assert IndicatorImport.objects.get().by == site_admin
    assert (figure_import.state, figure_import.requested_by, figure_import.produced) == (
        FigureImportState.DONE,
        site_admin,
        IndicatorImport.objects.get(),
    )
    assert figure_import.report["observations_created"] == 2465
    assert not figure_import.file and not any(path.is_file() for path in media.rglob("*"))


def test_dry_run_upload_counts_and_saves_nothing(client, site_admin):
    page = upload(client, data_file(YTD_FILE), dry_run="on")

    assert "Dry run: nothing was saved" in page.text
    assert "Would save 2,465 new figures" in page.text
    assert database_counts() == NOTHING
    assert FigureImportRequest.objects.get().produced is None


def test_unreadable_upload_lists_every_problem_by_row_and_column(client, site_admin, tmp_path):
    def break_two_rows(number, columns, row):
        if number in (5, 9):
            row[columns["attendance_perc"]] = "ninety"

    page = upload(client, copy_rows(data_file(YTD_FILE), tmp_path / "ytd.csv", count=10, change=break_two_rows))

    assert "The file was not imported: nothing was saved" in page.text
    assert "2 problems stopped the import" in page.text
    for row in (5, 9):
        assert f"<td>{row}</td><td>attendance_perc</td><td>Row {row}: &#x27;ninety&#x27; is not a number" in page.text
    assert database_counts() == NOTHING
    refusal = FigureImportRequest.objects.get()
    assert refusal.state == FigureImportState.REFUSED
    assert [(error["row"], error["column"]) for error in refusal.report["errors"]] == [
        (5, "attendance_perc"),
        (9, "attendance_perc"),
    ]


def test_file_that_holds_no_figures_is_refused_with_what_it_is(client, site_admin):
    page = upload(client, data_file("dfe_lait_absence_measure_dictionary.csv"))

    assert "This is LAIT&#x27;s measure dictionary" in page.text
    assert "nothing was saved" in page.text


def test_neighbours_table_takes_its_version_from_the_form(client, site_admin, tmp_path):
    renamed = tmp_path / "neighbours.csv"
    renamed.write_bytes(data_file(NEIGHBOURS_FILE).read_bytes())

    page = upload(client, renamed, version="May 2025")

    assert "Statistical neighbours, May 2025: saved 158 new lists" in page.text
    assert ComparatorSet.objects.filter(version="May 2025").count() == 158


def test_upload_over_the_limit_is_refused_before_it_is_read(client, site_admin, monkeypatch, tmp_path):
    monkeypatch.setattr(indicator_admin, "MAX_UPLOAD_BYTES", 1000)

    large = upload(client, data_file(YTD_FILE))
    small = tmp_path / "small.csv"
    small.write_text("\n".join(",".join(row) for row in read_lines(data_file(YTD_FILE))[:10]))
    over_by_a_little = upload(client, small)

    for page in (large, over_by_a_little):
        assert "The file is larger than 1,000 bytes, the most the admin accepts" in page.text
    assert database_counts() == NOTHING
    assert not FigureImportRequest.objects.exists()


def refused(response):
    """Wagtail answers a refused admin page by sending the person to the admin's home with a message."""
    return (response.status_code, response.get("Location")) == (302, reverse("wagtailadmin_home"))


def test_admin_without_the_import_permission_is_refused(client, editor):
    assert refused(client.get(UPLOAD))
    assert refused(upload(client, data_file(YTD_FILE)))
    assert UPLOAD not in client.get(reverse("wagtailadmin_home")).text
    assert database_counts() == NOTHING
    assert not FigureImportRequest.objects.exists()


def test_admin_without_the_import_permission_cannot_see_the_imports_asked_for(client, editor):
    asked = FigureImportRequest.objects.create(file_name="figures.csv")

    assert refused(client.get(reverse("figure_imports:index")))
    assert refused(client.get(reverse("figure_imports:inspect", args=[asked.pk])))


def test_the_import_permission_is_enough(client, editor):
    Group.objects.get(name="Indicator editors").permissions.add(Permission.objects.get(codename="add_indicatorimport"))

    assert "Saved 2,465 new figures" in upload(client, data_file(YTD_FILE)).text


def test_the_imports_asked_for_are_listed_with_their_state_and_who_asked(client, site_admin):
    upload(client, data_file(YTD_FILE), name="ytd.csv")
    waiting = FigureImportRequest.objects.create(file_name="waiting.csv", requested_by=site_admin)
    waiting_url = reverse("figure_imports:inspect", args=[waiting.pk])

    listing = client.get(reverse("figure_imports:index"))
    page = client.get(waiting_url)

    assert "ytd.csv" in listing.text and "Done" in listing.text
    assert "waiting.csv" in listing.text and "Queued" in listing.text
    assert escape(str(site_admin)) in listing.text
    assert "Queued" in page.text and f'<a href="{waiting_url}">Refresh this page</a>' in page.text
    assert 'http-equiv="refresh"' not in page.text  # the page is refreshed by hand, never by script or meta
    assert refused(client.get(reverse("figure_imports:edit", args=[waiting.pk])))


def test_an_import_that_fails_saves_nothing_and_keeps_the_file(client, site_admin, monkeypatch, media):
    def broken(*args, **kwargs):
        raise RuntimeError("a fault in the importer")

    monkeypatch.setattr(tasks, "import_indicators", broken)

    page = upload(client, data_file(YTD_FILE))

    assert "The import failed: nothing was saved" in page.text
    figure_import = FigureImportRequest.objects.get()
    assert figure_import.state == FigureImportState.FAILED and figure_import.finished_at
    assert figure_import.file and (media / figure_import.file.name).read_bytes() == data_file(YTD_FILE).read_bytes()
    assert database_counts() == NOTHING


# The worker takes its own transaction to claim a task, so this test commits for real.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_upload_returns_before_the_import_and_the_worker_completes_it(client, site_admin):
    response = post_file(client, data_file(YTD_FILE))
    figure_import = FigureImportRequest.objects.get()
    queued = client.get(response.url)

    assert response.url == reverse("figure_imports:inspect", args=[figure_import.pk])
    assert figure_import.state == FigureImportState.QUEUED and figure_import.file
    assert not Observation.objects.exists()
    assert "Queued" in queued.text and "Refresh this page" in queued.text and "Imported" not in queued.text

    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--verbosity", "0")

    figure_import.refresh_from_db()
    assert figure_import.state == FigureImportState.DONE and not figure_import.file
    assert figure_import.produced == IndicatorImport.objects.get()
    assert Observation.objects.filter(area__code=SHEFFIELD, period="2022/23 to date").count() == 15
    assert "Saved 2,465 new figures" in client.get(response.url).text


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.fixture
def neighbours(db):
    return import_indicators(data_file(NEIGHBOURS_FILE))


def test_statistical_neighbours_are_listed_by_version_and_shown_nearest_first(client, site_admin, neighbours):
    barking = ComparatorSet.objects.get(subject__old_code="301")
    ComparatorSet.objects.create(
        kind=barking.kind, name="Old neighbours of Barking", subject=barking.subject, version="2019"
    )
    sheffield = ComparatorSet.objects.get(subject__old_code="373")

    listing = client.get(reverse("statistical_neighbours:index"), {"version": "May 2025"})
    older = client.get(reverse("statistical_neighbours:index"), {"version": "2019"})
    inspect = client.get(reverse("statistical_neighbours:inspect", args=[sheffield.pk]))

    assert "Statistical neighbours of Barking and Dagenham" in listing.text
    assert "Old neighbours of Barking" not in listing.text
    assert "Old neighbours of Barking" in older.text and "Statistical neighbours of Barking" not in older.text
    assert "1. Kirklees (382), very close; 2. Portsmouth (851), very close; 3. Salford (355)" in inspect.text


def test_statistical_neighbours_cannot_be_edited(client, site_admin, neighbours):
    sheffield = ComparatorSet.objects.get(subject__old_code="373")

    assert refused(client.get(reverse("statistical_neighbours:edit", args=[sheffield.pk])))
    assert refused(client.get(reverse("statistical_neighbours:add")))
    assert client.get(reverse("peer_sets:edit", args=[sheffield.pk])).status_code == 404
    assert client.post(reverse("peer_sets:delete", args=[sheffield.pk])).status_code == 404
    assert ComparatorSet.objects.filter(pk=sheffield.pk).exists()


def core_cities():
    names = ["Birmingham", "Bristol, City of", "Leeds", "Liverpool", "Manchester", "Newcastle upon Tyne"]
    names += ["Nottingham", "Sheffield"]
    return [an_area(code=f"C{number}", name=name) for number, name in enumerate(names)]


def test_site_admin_makes_and_changes_a_peer_set(client, site_admin):
    cities = core_cities()
    an_area(level=AreaLevel.SCHOOL, code="107140", name="A school")

    form = client.get(reverse("peer_sets:add"))
    created = client.post(
        reverse("peer_sets:add"),
        {
            "name": "Core cities",
            "description": "England's eight largest cities outside London.",
            "areas": [c.pk for c in cities],
        },
    )

    assert "A school" not in form.text and "Nottingham" in form.text
    assert created.status_code == 302
    peer_set = ComparatorSet.objects.get(name="Core cities")
    assert (peer_set.kind, peer_set.areas.count()) == (ComparatorKind.PEER_SET, 8)

    client.post(reverse("peer_sets:edit", args=[peer_set.pk]), {"name": "Core cities", "areas": [cities[0].pk]})

    assert list(peer_set.areas.values_list("name", flat=True)) == ["Birmingham"]


def test_peer_sets_are_refused_to_admins_without_the_permission(client, editor):
    assert refused(client.get(reverse("peer_sets:add")))
    assert refused(client.post(reverse("peer_sets:add"), {"name": "Core cities"}))
    assert not ComparatorSet.objects.exists()


# An import whose worker stopped (or that no worker took) says so, and can be queued again without uploading.


def waiting_since(state, minutes_ago, by=None):
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return FigureImportRequest.objects.create(
        file=SimpleUploadedFile(YTD_FILE, data_file(YTD_FILE).read_bytes(), "text/csv"),
        file_name=YTD_FILE,
        requested_by=by,
        state=state,
        requested_at=moment,
        started_at=moment if state == FigureImportState.RUNNING else None,
    )


def test_an_import_whose_worker_stopped_says_so_and_is_imported_when_queued_again(client, site_admin):
    stopped = waiting_since(FigureImportState.RUNNING, minutes_ago=20, by=site_admin)
    page_url = reverse("figure_imports:inspect", args=[stopped.pk])
    again_url = reverse("figure_imports:queue_again", args=[stopped.pk])

    page = client.get(page_url)
    assert "This import stopped before it finished: nothing was saved" in page.text
    assert f'action="{again_url}"' in page.text

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(again_url)
    assert response.url == page_url
    page = client.get(page_url)

    assert f"{YTD_FILE} is queued to be imported again." in page.text
    assert "Saved 2,465 new figures" in page.text
    stopped.refresh_from_db()
    assert stopped.state == FigureImportState.DONE and stopped.started_at and not stopped.file


def test_an_import_no_worker_took_says_the_worker_may_not_be_running(client, site_admin):
    never_taken = waiting_since(FigureImportState.QUEUED, minutes_ago=30)

    page = client.get(reverse("figure_imports:inspect", args=[never_taken.pk]))

    assert "No worker has taken this import: nothing was saved" in page.text
    assert "The task worker may not be running" in page.text


def test_an_import_still_within_its_time_is_not_queued_twice(client, site_admin):
    running = waiting_since(FigureImportState.RUNNING, minutes_ago=1)
    again_url = reverse("figure_imports:queue_again", args=[running.pk])

    assert again_url not in client.get(reverse("figure_imports:inspect", args=[running.pk])).text
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(again_url, follow=True)

    assert "This import is not stuck" in response.text
    running.refresh_from_db()
    assert running.state == FigureImportState.RUNNING
    assert database_counts() == NOTHING
    assert client.get(again_url).status_code == 405


def test_only_those_who_may_import_figures_may_queue_one_again(client, editor):
    stopped = waiting_since(FigureImportState.RUNNING, minutes_ago=20)

    assert refused(client.post(reverse("figure_imports:queue_again", args=[stopped.pk])))

    stopped.refresh_from_db()
    assert stopped.state == FigureImportState.RUNNING
