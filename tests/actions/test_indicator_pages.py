"""An area's indicator page: chart, table and CSV of the same figures, beside England, its region and its
statistical neighbours, with gaps where nothing was published and a rank among the neighbours."""

import csv
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions.factories import an_area, an_indicator, figures_for
from actions.models import Area, AreaLevel, ComparatorKind, ComparatorMember, ComparatorSet
from tests.conftest import shared_file
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db


class Tables(HTMLParser):
    """Each <table>'s caption and its rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.in_caption = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = ""
        elif tag == "caption":
            self.in_caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "caption":
            self.in_caption = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.in_caption:
            self.tables[-1]["caption"] += data


def tables_in(html):
    parser = Tables()
    parser.feed(html)
    return parser.tables


def csv_of(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def places():
    england = an_area("national", "E92000001", "England")
    region = an_area("regional", "E12000003", "Yorkshire and The Humber", parent=england)
    council = an_area("local_authority", "E08000019", "Sheffield", parent=region, old_code="373")
    return england, region, council


def neighbours_of(council, count, version="May 2025", published_on="2025-05-01"):
    neighbour_set = ComparatorSet.objects.create(
        kind=ComparatorKind.STATISTICAL_NEIGHBOURS,
        name=f"Statistical neighbours of {council.name}",
        subject=council,
        version=version,
        published_on=published_on,
    )
    areas = []
    for n in range(count):
        area = an_area("local_authority", f"E0800{n + 100}", f"Neighbour {n + 1}", parent=council.parent)
        ComparatorMember.objects.create(comparator_set=neighbour_set, area=area, position=n + 1)
        areas.append(area)
    return areas


def page_url(area, indicator="persistent_absence"):
    return reverse("actions:indicator", args=[area.code, indicator])


def test_sheffield_from_dfes_annual_file_with_the_table_matching_the_csv(client):
    call_command("import_indicators", str(shared_file("data", "dfe_absence_nat_reg_la_200607_201819.csv")))
    sheffield = Area.objects.get(level=AreaLevel.LOCAL_AUTHORITY, code="E08000019")
    html = client.get(page_url(sheffield)).content.decode()
    assert "Persistent absence (10%+) in Sheffield" in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    total = next(t for t in tables_in(html) if "total" in t["caption"].lower())
    heading, *rows = total["rows"]
    assert [cell.lower() for cell in heading[:4]] == [
        "academic year",
        "sheffield",
        "england",
        "yorkshire and the humber",
    ]
    assert rows[-1][:2] == ["2018/19", "12.98"]
    plotted = [row for row in csv_of(client.get(page_url(sheffield)[:-1] + ".csv")) if row["phase"] == "Total"]
    assert {"12.97771"} == {r["value"] for r in plotted if r["academic_year"] == "2018/19" and r["line"] == "Sheffield"}
    from_csv = {(r["academic_year"], r["line"]): r["value"] for r in plotted}
    for year, *cells in rows:
        for line, cell in zip(heading[1:], cells, strict=True):
            value = from_csv[(year, line)]
            assert cell == (f"{Decimal(value):.2f}" if value else cell), (year, line)
    assert len(from_csv) == len(rows) * len(heading[1:])


def test_a_year_with_no_figure_is_a_gap_not_a_zero(client, places):
    england, region, council = places
    indicator = an_indicator()
    figures_for(indicator, council, {2017: 12.5, 2018: 12.9, 2019: "-", 2021: 15.1, 2022: 16.0})
    response = client.get(page_url(council))
    html = response.content.decode()
    rows = {row[0]: row for row in next(iter(tables_in(html)))["rows"]}
    assert rows["2019/20"][1] == "No figure (-: not collected)"
    assert rows["2020/21"][1] == "No figure"
    series = re.search(r'chart__series--area">(.*?)</g>', html, re.S).group(1)
    assert series.count("<polyline") == 2, "the line breaks at the two missing years"
    assert series.count("<circle") == 4
    plotted = {
        r["academic_year"]: r for r in csv_of(client.get(page_url(council)[:-1] + ".csv")) if r["line"] == "Sheffield"
    }
    assert plotted["2019/20"]["value"] == "" and plotted["2019/20"]["missing_code"] == "-"
    assert plotted["2020/21"]["value"] == ""
    assert "0.00" not in html


def test_rank_among_the_council_and_its_ten_neighbours(client, places):
    _, _, council = places
    indicator = an_indicator()
    figures_for(indicator, council, {2023: 20})
    for n, neighbour in enumerate(neighbours_of(council, 10)):
        figures_for(indicator, neighbour, {2023: 17 + n})  # 17, 18, 19 are lower than 20
    html = client.get(page_url(council)).content.decode()
    assert "<strong>4th lowest of 11</strong>" in html
    assert "Neighbour 1" in html and "Statistical neighbours (May 2025)" in html
    row = next(iter(tables_in(html)))["rows"][-1]
    assert row[-3:] == ["21.50", "17.00", "26.00"], "the neighbours' average, lowest and highest"


def test_higher_is_better_ranks_from_the_top(client, places):
    _, _, council = places
    attendance = an_indicator("attendance_rate", "Attendance rate", polarity="higher_is_better")
    figures_for(attendance, council, {2023: 93})
    for value, neighbour in zip([94, 92, 91], neighbours_of(council, 3), strict=True):
        figures_for(attendance, neighbour, {2023: value})
    assert "2nd highest of 4" in client.get(page_url(council, "attendance_rate")).content.decode()


def test_the_newest_list_of_neighbours_is_used(client, places):
    _, _, council = places
    figures_for(an_indicator(), council, {2023: 20})
    neighbours_of(council, 2, version="March 2021", published_on="2021-03-01")
    newer = ComparatorSet.objects.create(
        kind=ComparatorKind.STATISTICAL_NEIGHBOURS,
        name="Newer",
        subject=council,
        version="May 2025",
        published_on="2025-05-01",
    )
    ComparatorMember.objects.create(comparator_set=newer, area=an_area(code="E06000001", name="Hartlepool"), position=1)
    html = client.get(page_url(council)).content.decode()
    assert "Statistical neighbours (May 2025)" in html and "Hartlepool" in html
    assert "Neighbour 1" not in html


def test_an_unknown_area_or_indicator_or_a_school_is_not_found(client, places):
    _, _, council = places
    an_indicator()
    school = an_area("school", "107106", "School URN 107106", parent=council)
    assert client.get(page_url(council, "no_such_indicator")).status_code == 404
    assert client.get(reverse("actions:indicator", args=["E99999999", "persistent_absence"])).status_code == 404
    assert client.get(page_url(school)).status_code == 404, "a school's figures are only in its data pack"


def test_the_index_and_area_pages_lead_to_every_indicator(client, places):
    england, region, council = places
    indicator = an_indicator()
    figures_for(indicator, council, {2022: 21.5, 2023: 20.25})
    index = client.get(reverse("actions:figures")).content.decode()
    assert reverse("actions:area_figures", args=[council.code]) in index
    assert "Yorkshire and The Humber" in index
    area = client.get(reverse("actions:area_figures", args=[council.code])).content.decode()
    assert page_url(council) in area and "20.25%" in area and "2023/24" in area


def test_the_indicator_page_costs_the_same_with_more_years_and_neighbours(
    client, places, django_assert_max_num_queries
):
    england, region, council = places
    indicator = an_indicator()
    figures_for(indicator, council, {2021: 20, 2022: 21})
    for neighbour in neighbours_of(council, 2):
        figures_for(indicator, neighbour, {2022: 19})
    neighbour_list = ComparatorSet.objects.get()

    def grow():
        for n in range(8):
            area = an_area("local_authority", f"E0600{n + 10}", f"Further neighbour {n}", parent=region)
            ComparatorMember.objects.create(comparator_set=neighbour_list, area=area, position=n + 3)
        more = dict.fromkeys(range(2006, 2024), 22)
        for area in (england, region, council, *Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY)):
            figures_for(indicator, area, more)
            figures_for(indicator, area, more, phase="secondary")

    assert_queries_stay_flat(client, page_url(council), grow, django_assert_max_num_queries)


def test_a_named_peer_set_can_stand_in_for_the_neighbours(client, places):
    _, _, council = places
    indicator = an_indicator()
    figures_for(indicator, council, {2023: 20})
    for neighbour in neighbours_of(council, 3):
        figures_for(indicator, neighbour, {2023: 30})
    core_cities = ComparatorSet.objects.create(kind=ComparatorKind.PEER_SET, name="Core cities")
    for position, (code, name, value) in enumerate([("E08000025", "Birmingham", 18), ("E08000035", "Leeds", 19)]):
        city = an_area(code=code, name=name)
        figures_for(indicator, city, {2023: value})
        ComparatorMember.objects.create(comparator_set=core_cities, area=city, position=position)
    ComparatorMember.objects.create(comparator_set=core_cities, area=council, position=9)
    usual = client.get(page_url(council)).content.decode()
    assert "1st lowest of 4" in usual and f'href="?peers={core_cities.pk}"' in usual
    compared = client.get(page_url(council) + f"?peers={core_cities.pk}").content.decode()
    assert "3rd lowest of 3" in compared and "the rest of Core cities" in compared
    assert "Core cities&#x27; average" in compared and "Neighbour 1" not in compared
    plotted = csv_of(client.get(page_url(council)[:-1] + f".csv?peers={core_cities.pk}"))
    assert {"Core cities' lowest", "Core cities' highest"} <= {row["line"] for row in plotted}
