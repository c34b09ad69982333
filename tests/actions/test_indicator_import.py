"""The attendance-indicator importer, run on DfE's real published files in ../shared/data."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from actions.indicator_import import import_indicators
from actions.models import Area, AreaLevel, Observation, PeriodKind, Phase
from tests.actions.indicator_files import (
    NOTHING,
    SHEFFIELD,
    copy_rows,
    data_file,
    database_counts,
    figure,
    run_json,
)

pytestmark = pytest.mark.django_db

NATIONAL_FILE = "dfe_absence_nat_reg_la_200607_201819.csv"
SCHOOL_FILE = "dfe_absence_school_sheffield_walsall_200607_201819.csv"
YTD_FILE = "dfe_attendance_ytd_202223.csv"
REPORT_KEYS = {
    "format",
    "rows_read",
    "observations_created",
    "observations_updated",
    "observations_unchanged",
    "missing_values",
    "areas_created",
    "errors",
}


def test_annual_absence_file_keeps_sheffield_2018_19_rates():
    report = import_indicators(data_file(NATIONAL_FILE))

    assert report.errors == []
    assert (report.format, report.rows_read, report.observations_created) == ("ees_absence", 8400, 33600)
    overall = figure("overall_absence_rate", SHEFFIELD, Phase.TOTAL, "2018/19")
    assert overall.value == Decimal("5.14488")
    assert (overall.period_kind, overall.period_start) == (PeriodKind.ACADEMIC_YEAR, date(2018, 9, 1))
    assert figure("persistent_absence", SHEFFIELD, Phase.TOTAL, "2018/19").value == Decimal("12.97771")
    sheffield = Area.objects.get(code=SHEFFIELD)
    assert (sheffield.old_code, sheffield.parent.code, sheffield.parent.parent.code) == (
        "373",
        "E12000003",
        "E92000001",
    )


def test_councils_abolished_before_2009_are_known_by_their_old_number():
    import_indicators(data_file(NATIONAL_FILE))

    cheshire = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY, code="875")
    assert cheshire.name == "Cheshire (Pre LGR 2009)"


def test_school_rows_are_schools_under_their_council():
    report = import_indicators(data_file(SCHOOL_FILE))

    assert report.errors == []
    assert report.observations_created == 3675 * 4
    school = Area.objects.filter(level=AreaLevel.SCHOOL, parent__code=SHEFFIELD).first()
    assert school.observations.filter(phase__in=[Phase.PRIMARY, Phase.SECONDARY, Phase.SPECIAL]).exists()
    assert Area.objects.filter(level=AreaLevel.SCHOOL, parent__code="E08000030").exists()


@pytest.mark.parametrize(
    ("name", "period", "kind", "start", "attendance"),
    [
        (YTD_FILE, "2022/23 to date", PeriodKind.YEAR_TO_DATE, date(2022, 9, 1), "90.11446256"),
        ("dfe_attendance_ytd_202324.csv", "2023/24 to date", PeriodKind.YEAR_TO_DATE, date(2023, 9, 1), "89.78077119"),
        ("dfe_attendance_ytd_202425.csv", "2024/25 to date", PeriodKind.YEAR_TO_DATE, date(2024, 9, 1), "90.26239946"),
        ("dfe_attendance_autumn_term_202425.csv", "2024/25 autumn", PeriodKind.TERM, date(2024, 9, 1), "91.09433228"),
        ("dfe_attendance_daily_2025_wk37.csv", "2025-09-08", PeriodKind.DAY, date(2025, 9, 8), "93.69216402"),
    ],
)
def test_attendance_files_keep_sheffield_secondary_attendance(name, period, kind, start, attendance):
    report = import_indicators(data_file(name))

    assert (report.errors, report.format) == ([], "ees_attendance")
    found = figure("attendance_rate", SHEFFIELD, Phase.SECONDARY, period)
    assert (found.value, found.period_kind, found.period_start) == (Decimal(attendance), kind, start)


def test_weekly_attendance_rows_are_iso_weeks(tmp_path):
    def drop_date(number, columns, row):
        row[columns["attendance_date"]] = ""

    weekly = copy_rows(
        data_file("dfe_attendance_daily_2025_wk37.csv"), tmp_path / "weekly.csv", count=3, change=drop_date
    )

    assert import_indicators(weekly).errors == []
    assert set(Observation.objects.values_list("period", "period_kind", "period_start")) == {
        ("2025-W37", PeriodKind.WEEK, date(2025, 9, 8))
    }


def test_suppressed_figure_stays_missing_not_zero():
    report = import_indicators(data_file(YTD_FILE))

    suppressed = figure("overall_absence_rate", "E09000001", Phase.PRIMARY, "2022/23 to date")
    assert (suppressed.value, suppressed.missing_code) == (None, "c")
    assert report.missing_values == 50


def test_importing_the_same_file_twice_changes_nothing():
    first = run_json(data_file(YTD_FILE))
    counts = database_counts()

    second = run_json(data_file(YTD_FILE))

    assert first["observations_created"] == 2465
    assert (second["observations_created"], second["observations_updated"], second["areas_created"]) == (0, 0, 0)
    assert second["observations_unchanged"] == 2465
    assert database_counts() == counts


def test_newer_release_updates_the_value_and_history_keeps_the_old_one(tmp_path):
    source = data_file(YTD_FILE)

    def revise(number, columns, row):
        if row[columns["new_la_code"]] == SHEFFIELD and row[columns["school_type"]] == "Secondary":
            row[columns["attendance_perc"]] = "90.5"

    import_indicators(copy_rows(source, tmp_path / "first.csv"))
    report = import_indicators(copy_rows(source, tmp_path / "revised.csv", change=revise))

    assert (report.observations_created, report.observations_updated) == (0, 1)
    revised = figure("attendance_rate", SHEFFIELD, Phase.SECONDARY, "2022/23 to date")
    assert revised.value == Decimal("90.5")
    assert revised.source.file_name == "revised.csv"
    assert [old.value for old in revised.history.order_by("history_date")] == [Decimal("90.11446256"), Decimal("90.5")]


def test_dry_run_counts_but_saves_nothing():
    report = import_indicators(data_file(YTD_FILE), dry_run=True)

    assert report.observations_created == 2465
    assert database_counts() == NOTHING


def test_json_output_has_the_report_keys_the_issue_names():
    report = run_json(data_file(YTD_FILE), "--dry-run")

    assert set(report) >= REPORT_KEYS
    assert (report["format"], report["rows_read"], report["errors"]) == ("ees_attendance", 493, [])


def bad_number_in_row_500(number, columns, row):
    if number == 500:
        row[columns["sess_overall_percent"]] = "5,1"


def unknown_level_in_row_7(number, columns, row):
    if number == 7:
        row[columns["geographic_level"]] = "Ward"


def missing_council_code_in_row_50(number, columns, row):
    if number == 50:
        row[columns["new_la_code"]] = row[columns["old_la_code"]] = ""


def revise_every_value(number, columns, row):
    row[columns["sess_overall_percent"]] = "1.5"


@pytest.mark.parametrize(
    ("change", "row", "column", "words"),
    [
        (bad_number_in_row_500, 500, "sess_overall_percent", "'5,1' is not a number"),
        (unknown_level_in_row_7, 7, "geographic_level", "unknown geographic level 'Ward'"),
        (missing_council_code_in_row_50, 50, "new_la_code", "the area code is missing"),
    ],
)
def test_unreadable_row_is_named_and_nothing_is_saved(tmp_path, change, row, column, words):
    source = data_file(NATIONAL_FILE)
    import_indicators(copy_rows(source, tmp_path / "earlier.csv", count=20))
    before = database_counts(), list(Observation.objects.values_list("value", flat=True))

    def break_and_revise(number, columns, cells):
        revise_every_value(number, columns, cells)
        change(number, columns, cells)

    report = run_json(copy_rows(source, tmp_path / "bad.csv", count=600, change=break_and_revise), refused=True)

    [error] = report["errors"]
    assert (error["row"], error["column"]) == (row, column)
    assert error["message"].startswith(f"Row {row}: {words}")
    assert (database_counts(), list(Observation.objects.values_list("value", flat=True))) == before


def test_the_command_exits_with_an_error_when_it_refuses_a_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")

    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_indicators", str(empty), stdout=io.StringIO())


def header_of(name):
    with open(data_file(name), encoding="utf-8") as handle:
        return handle.readline()


@pytest.mark.parametrize(
    ("text", "row", "message"),
    [
        (lambda: "", None, "The file is empty."),
        (lambda: header_of(NATIONAL_FILE), None, "The file has a header but no rows of figures."),
        (lambda: "Years,LA and Regions,Values\n2025,Sheffield,5.1\n", 1, "It reads: EES pupil absence"),
    ],
    ids=["empty", "header only", "unknown header"],
)
def test_file_without_readable_figures_is_refused(tmp_path, text, row, message):
    path = tmp_path / "upload.csv"
    path.write_text(text())

    report = run_json(path, refused=True)

    assert len(report["errors"]) == 1
    assert report["errors"][0]["row"] == row
    assert message in report["errors"][0]["message"]
    assert database_counts() == NOTHING


def test_census_figure_for_a_year_never_overwrites_the_year_to_date(tmp_path):
    def census_of_2022_23(number, columns, row):
        row[columns["time_period"]] = "202223"
        row[columns["sess_overall_percent"]] = "7.5"

    def sheffield_secondary(row):
        wanted = (SHEFFIELD, "State-funded secondary", "201819")
        return (row["new_la_code"], row["school_type"], row["time_period"]) == wanted

    import_indicators(data_file(YTD_FILE))
    census = copy_rows(
        data_file(NATIONAL_FILE), tmp_path / "census.csv", keep=sheffield_secondary, change=census_of_2022_23
    )
    report = import_indicators(census)

    assert (report.errors, report.observations_updated) == ([], 0)
    assert figure("overall_absence_rate", SHEFFIELD, Phase.SECONDARY, "2022/23").value == Decimal("7.5")
    year_to_date = figure("overall_absence_rate", SHEFFIELD, Phase.SECONDARY, "2022/23 to date")
    assert (year_to_date.value, year_to_date.period_kind) == (Decimal("9.88553744"), PeriodKind.YEAR_TO_DATE)


LAIT_FILE = "dfe_lait_absence_la_long_201516_202425.csv"
NEIGHBOURS_FILE = "dfe_statistical_neighbours_may2025.csv"


def areas_and_figures():
    areas = set(Area.objects.values_list("level", "code", "old_code", "name", "parent__code"))
    figures = set(
        Observation.objects.values_list("indicator__code", "area__code", "phase", "period", "value", "missing_code")
    )
    return areas, figures


def start_again():
    from actions.models import ComparatorSet, IndicatorImport

    Observation.objects.all().delete()
    ComparatorSet.objects.all().delete()
    IndicatorImport.objects.all().delete()
    Area.objects.all().delete()


def test_lait_and_ees_give_the_same_areas_and_figures_in_either_order(tmp_path):
    lait = copy_rows(
        data_file(LAIT_FILE), tmp_path / "lait.csv", keep=lambda row: row["Short Desc"] in ("TotAbs", "SFPriPerAbNew")
    )
    census = copy_rows(
        data_file(NATIONAL_FILE),
        tmp_path / "census.csv",
        keep=lambda row: row["school_type"] in ("Total", "State-funded primary"),
    )
    files = [lait, census, data_file("dfe_attendance_ytd_202425.csv")]

    assert [import_indicators(path).errors for path in files] == [[], [], []]
    lait_first = areas_and_figures()
    start_again()
    assert [import_indicators(path).errors for path in reversed(files)] == [[], [], []]

    assert areas_and_figures() == lait_first
    assert figure("overall_absence_rate", SHEFFIELD, Phase.TOTAL, "2018/19").value == Decimal("5.14488")
    assert figure("overall_absence_rate", SHEFFIELD, Phase.TOTAL, "2024/25").value == Decimal("7.53")
    assert figure("persistent_absence", "E92000001", Phase.PRIMARY, "2018/19").value == Decimal("8.25")
    assert Area.objects.filter(old_code="373").count() == 1
    buckinghamshire = Area.objects.get(old_code="825")
    assert (buckinghamshire.code, buckinghamshire.observations.filter(period="2006/07").exists()) == ("E06000060", True)


def test_ees_gives_a_council_known_by_its_old_number_its_new_code(tmp_path):
    import_indicators(data_file(NEIGHBOURS_FILE))
    sheffield = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY, old_code="373")
    assert sheffield.code == "373"

    report = import_indicators(data_file(YTD_FILE))

    assert report.errors == []
    sheffield.refresh_from_db()
    assert (sheffield.code, sheffield.name, sheffield.parent.code) == (SHEFFIELD, "Sheffield", "E12000003")
    assert Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY, old_code="373").count() == 1
    assert sheffield.neighbour_sets.get().members.first().area.old_code == "382"
    assert figure("attendance_rate", SHEFFIELD, Phase.SECONDARY, "2022/23 to date").area == sheffield
