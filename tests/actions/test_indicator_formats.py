"""Each of DfE's files in ../shared/data beyond EES's: LAIT, the statistical neighbours, and the files that
come with the data and hold no figures."""

import datetime
from decimal import Decimal

import pytest

from actions.indicator_import import import_indicators
from actions.models import Area, AreaLevel, ComparatorKind, ComparatorSet, Observation, PeriodKind, Phase
from tests.actions.indicator_files import (
    NOTHING,
    copy_rows,
    data_file,
    database_counts,
    read_lines,
    run_command,
    run_json,
    write_lines,
)

pytestmark = pytest.mark.django_db

LAIT_FILE = "dfe_lait_absence_la_long_201516_202425.csv"
NEIGHBOURS_FILE = "dfe_statistical_neighbours_may2025.csv"
SHEFFIELD_OLD = "373"
SHEFFIELD_NEIGHBOURS = ["382", "851", "355", "383", "831", "354", "391", "852", "357", "350"]


def council_figure(indicator, old_code, phase, period):
    return Observation.objects.get(indicator__code=indicator, area__old_code=old_code, phase=phase, period=period)


@pytest.fixture
def lait(db):
    return import_indicators(data_file(LAIT_FILE))


def test_lait_file_is_read_whole_with_untracked_measures_counted(lait):
    assert (lait.errors, lait.format, lait.rows_read) == ([], "lait", 33830)
    assert lait.observations_created == 33830 - 3230
    assert lait.skipped == {"measures the portal does not track": {"4yrAbsence": 1700, "CINPermAbsent_3Term": 1530}}


def test_lait_years_are_the_end_of_the_academic_year(lait):
    overall = council_figure("overall_absence_rate", SHEFFIELD_OLD, Phase.TOTAL, "2018/19")

    assert overall.value == Decimal("5.14")
    assert (overall.period_kind, overall.period_start) == (PeriodKind.ACADEMIC_YEAR, datetime.date(2018, 9, 1))
    assert council_figure("severe_absence", SHEFFIELD_OLD, Phase.TOTAL, "2024/25").value == Decimal("3.67")
    assert council_figure("persistent_absence", SHEFFIELD_OLD, Phase.SECONDARY, "2018/19").value is not None


def test_lait_float_artefacts_are_read_as_the_decimals_meant(lait):
    assert council_figure("severe_absence", SHEFFIELD_OLD, Phase.TOTAL, "2021/22").value == Decimal("2.22")
    assert council_figure("severe_absence", SHEFFIELD_OLD, Phase.SECONDARY, "2022/23").value == Decimal("4.69")
    special = council_figure("unauthorised_absence_rate", "301", Phase.SPECIAL, "2015/16")
    assert special.value == Decimal("0.07")


def test_lait_2019_20_is_missing_not_zero(lait):
    covid_year = council_figure("overall_absence_rate", SHEFFIELD_OLD, Phase.TOTAL, "2019/20")

    assert (covid_year.value, covid_year.missing_code) == (None, "-")
    assert lait.missing_values == 4563


def test_lait_areas_are_england_regions_and_councils_by_old_number(lait):
    sheffield = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY, old_code=SHEFFIELD_OLD)
    camden = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY, old_code="202")

    assert (sheffield.code, sheffield.name, sheffield.parent.code, sheffield.parent.parent.code) == (
        "373",
        "Sheffield",
        "E12000003",
        "E92000001",
    )
    assert camden.parent.code == "E12000007"
    regions = Area.objects.filter(level=AreaLevel.REGIONAL)
    assert set(regions.values_list("code", flat=True)) == {f"E1200000{n}" for n in range(1, 10)} | {
        "E13000001",
        "E13000002",
    }
    assert Observation.objects.filter(area__code="E92000001", period="2024/25").count() == 18


def test_ees_after_lait_adds_no_second_council(lait):
    report = import_indicators(data_file("dfe_attendance_ytd_202425.csv"))

    assert (report.errors, report.areas_created) == ([], 0)
    sheffield = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY, old_code=SHEFFIELD_OLD)
    assert sheffield.code == "E08000019"
    assert sheffield.observations.filter(period="2024/25 to date").exists()
    assert sheffield.observations.filter(period="2018/19", indicator__code="overall_absence_rate").exists()


def test_importing_lait_twice_changes_nothing(tmp_path):
    sheffield_only = copy_rows(data_file(LAIT_FILE), tmp_path / "lait.csv", keep=lambda row: row["LA Number"] == "373")
    first = run_json(sheffield_only)
    counts = database_counts()

    second = run_json(sheffield_only)

    assert (first["observations_created"], first["rows_skipped"]) == (180, 19)
    assert (second["observations_created"], second["observations_updated"], second["areas_created"]) == (0, 0, 0)
    assert second["observations_unchanged"] == 180
    assert database_counts() == counts


def test_the_command_says_which_measures_it_skipped(tmp_path):
    sheffield_only = copy_rows(data_file(LAIT_FILE), tmp_path / "lait.csv", keep=lambda row: row["LA Number"] == "373")

    words = run_command(sheffield_only, "--dry-run")

    assert "Would save 180 new figures" in words
    assert "Skipped 19 rows (measures the portal does not track): 4yrAbsence 10, CINPermAbsent_3Term 9." in words


def test_bad_number_in_row_500_of_a_lait_file_saves_nothing(tmp_path):
    def bad_number(number, columns, row):
        if number == 500:
            row[columns["Values"]] = "4.6.5"

    import_indicators(copy_rows(data_file(LAIT_FILE), tmp_path / "earlier.csv", count=100))
    before = database_counts()

    report = run_json(copy_rows(data_file(LAIT_FILE), tmp_path / "bad.csv", count=600, change=bad_number), refused=True)

    assert report["errors"] == [
        {
            "row": 500,
            "column": "Values",
            "message": "Row 500: '4.6.5' is not a number or one of DfE's missing-value codes.",
        }
    ]
    assert database_counts() == before


def test_unknown_region_and_council_number_are_named(tmp_path):
    def break_rows(number, columns, row):
        if number == 3:
            row[columns["Region"]] = "Wessex"
        if number == 4:
            row[columns["LA Number"]] = "three"

    report = run_json(copy_rows(data_file(LAIT_FILE), tmp_path / "bad.csv", count=5, change=break_rows), refused=True)

    assert [(error["row"], error["column"]) for error in report["errors"]] == [(3, "Region"), (4, "LA Number")]
    assert "unknown region 'Wessex'" in report["errors"][0]["message"]
    assert database_counts() == NOTHING


@pytest.fixture
def neighbours(db):
    return import_indicators(data_file(NEIGHBOURS_FILE))


def sheffields_list():
    return ComparatorSet.objects.get(kind=ComparatorKind.STATISTICAL_NEIGHBOURS, subject__old_code=SHEFFIELD_OLD)


def test_statistical_neighbours_of_sheffield_nearest_first(neighbours):
    listed = sheffields_list()

    assert (neighbours.errors, neighbours.format, neighbours.comparator_sets_created) == (
        [],
        "statistical_neighbours",
        158,
    )
    assert (listed.name, listed.version, listed.published_on) == (
        "Statistical neighbours of Sheffield",
        "May 2025",
        datetime.date(2025, 5, 1),
    )
    members = list(listed.members.select_related("area"))
    assert [member.area.old_code for member in members] == SHEFFIELD_NEIGHBOURS
    assert [(members[0].position, members[0].closeness, members[0].area.name)] == [(1, "Very close", "Kirklees")]
    assert members[-1].closeness == "Close"


def test_neighbours_closeness_is_in_sentence_case_and_old_councils_are_kept(neighbours):
    dorset = ComparatorSet.objects.get(subject__name="Dorset (Pre LG)")

    assert list(dorset.members.values_list("closeness", flat=True)[:4]) == ["Extremely close"] * 3 + ["Very close"]
    assert set(ComparatorSet.objects.values_list("members__closeness", flat=True)) == {
        "Extremely close",
        "Very close",
        "Close",
        "Somewhat close",
        "Not close",
    }
    assert neighbours.areas_created == 1 + 9 + 158
    assert Area.objects.get(old_code=SHEFFIELD_OLD).parent.code == "E12000003"


def test_importing_the_same_neighbours_version_twice_changes_nothing(neighbours):
    counts = database_counts()

    again = run_json(data_file(NEIGHBOURS_FILE))

    assert (again["comparator_sets_created"], again["comparator_sets_unchanged"], again["areas_created"]) == (0, 158, 0)
    assert database_counts() == counts


def test_a_new_neighbours_version_keeps_the_old_lists(neighbours, tmp_path):
    renamed = write_lines(tmp_path / "neighbours.csv", read_lines(data_file(NEIGHBOURS_FILE)))

    report = run_json(renamed, "--version", "september 2026")

    assert (report["version"], report["comparator_sets_created"]) == ("September 2026", 158)
    assert set(ComparatorSet.objects.values_list("version", flat=True)) == {"May 2025", "September 2026"}
    assert ComparatorSet.objects.get(version="September 2026", subject__old_code="373").published_on == (
        datetime.date(2026, 9, 1)
    )


def test_neighbours_without_a_version_are_refused(tmp_path):
    renamed = write_lines(tmp_path / "neighbours.csv", read_lines(data_file(NEIGHBOURS_FILE)))

    report = run_json(renamed, refused=True)

    [error] = report["errors"]
    assert error["column"] == "version"
    assert "Say which release of the statistical neighbours this is" in error["message"]
    assert database_counts() == NOTHING


def test_neighbours_table_with_a_code_that_is_not_a_number_saves_nothing(tmp_path):
    def break_sheffield(number, columns, row):
        if row[0] == SHEFFIELD_OLD:
            row[columns["SN4"]] = "38x"

    broken = copy_rows(data_file(NEIGHBOURS_FILE), tmp_path / "sn_may2025.csv", header_rows=3, change=break_sheffield)

    report = run_json(broken, refused=True)

    assert report["errors"] == [
        {"row": 112, "column": "SN4", "message": "Row 112: '38x' is not a council's old number such as 373."}
    ]
    assert database_counts() == NOTHING


def test_neighbour_the_table_does_not_list_and_the_portal_does_not_know_is_refused(tmp_path):
    def strange_neighbour(number, columns, row):
        if row[0] == SHEFFIELD_OLD:
            row[columns["SN10"]] = "999"

    broken = copy_rows(data_file(NEIGHBOURS_FILE), tmp_path / "sn_may2025.csv", header_rows=3, change=strange_neighbour)

    [error] = run_json(broken, refused=True)["errors"]

    assert (error["row"], error["column"]) == (112, "SN10")
    assert "neighbour 999 is not a council" in error["message"]


@pytest.mark.parametrize(
    ("name", "header_rows"),
    [(LAIT_FILE, 1), (NEIGHBOURS_FILE, 3)],
    ids=["lait", "neighbours"],
)
def test_header_only_files_are_refused(tmp_path, name, header_rows):
    header_only = write_lines(tmp_path / "sn_may2025.csv", read_lines(data_file(name))[:header_rows])

    [error] = run_json(header_only, refused=True)["errors"]

    assert error["message"] == "The file has a header but no rows of figures."
    assert database_counts() == NOTHING


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        (
            "dfe_absence_rate_percent_bands_nat_201213_201617.csv",
            "ees_absence_percent_bands",
            "This is EES's absence rate percent bands file",
        ),
        ("dfe_absence_rate_percent_bands_nat_201213_201617.meta.csv", "ees_metadata", "This is an EES metadata file"),
        ("dfe_lait_absence_measure_dictionary.csv", "lait_measure_dictionary", "This is LAIT's measure dictionary"),
        (
            "dfe_absence_201819_data_guidance.txt",
            "ees_data_guidance",
            "This is DfE's data guidance for “Pupil absence in schools in England”",
        ),
    ],
)
def test_files_that_hold_no_figures_are_refused_with_what_they_are(name, kind, words):
    report = run_json(data_file(name), refused=True)

    [error] = report["errors"]
    assert report["format"] == kind
    assert error["message"].startswith(words)
    assert "not one this importer knows" not in error["message"]
    assert database_counts() == NOTHING


def test_data_guidance_names_the_file_to_import_instead():
    [error] = run_json(data_file("dfe_absence_201819_data_guidance.txt"), refused=True)["errors"]

    assert "Import the data file it describes (Absence_3term201819_nat_reg_la_sch.csv) instead." in error["message"]


def test_unknown_header_names_every_format_the_importer_reads(tmp_path):
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("Area,Year,Rate\nSheffield,2025,5.1\n")

    [error] = run_json(unknown, refused=True)["errors"]

    for known in ("EES pupil absence", "EES pupil attendance", "LAIT long files", "statistical neighbours table"):
        assert known in error["message"]


def test_a_spreadsheet_workbook_is_refused_with_how_to_save_it(tmp_path):
    workbook = tmp_path / "sn_may_2025.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + bytes(100))

    [error] = run_json(workbook, refused=True)["errors"]

    assert "spreadsheet workbook or another Office file, not a CSV file" in error["message"]
