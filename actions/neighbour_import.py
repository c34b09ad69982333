"""Saving DfE's statistical neighbours: one comparator set for each council and version of the table.

DfE revises the table every few years, and a chart must say which list it compared an area with,
so each version ("May 2025") keeps its own sets. The version is what the person importing says it
is, or else what DfE's file name says (…may2025…); a table with neither is refused. Importing the
same version again changes nothing; a corrected file of the same version replaces that version's lists.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import F

from actions.indicator_areas import save_areas
from actions.models.indicators import Area, AreaLevel, ComparatorKind, ComparatorMember, ComparatorSet

MONTHS = {name.lower()[:3]: number for number, name in enumerate(calendar.month_name) if name}
MONTH_AND_YEAR = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s_-]*((?:19|20)\d\d)", re.I)
LONGEST_VERSION = 40
STATISTICAL_NEIGHBOURS = ComparatorKind.STATISTICAL_NEIGHBOURS


@dataclass(frozen=True)
class Version:
    name: str
    published_on: date | None


def month_and_year(text) -> Version | None:
    """'may2025', 'May 2025' or 'sn_may_2025' → May 2025, published on the first of that month."""
    found = MONTH_AND_YEAR.search(text)
    if not found:
        return None
    month, year = MONTHS[found[1].lower()], int(found[2])
    return Version(f"{calendar.month_name[month]} {year}", date(year, month, 1))


def choose_version(given, file_name, report) -> Version | None:
    """The version typed in (put as 'May 2025' when it is a month and year), else the one in the file name."""
    given = (given or "").strip()
    if len(given) > LONGEST_VERSION:
        report.refuse(None, "version", f"The version can be at most {LONGEST_VERSION} characters.")
        return None
    found = month_and_year(given) if given else month_and_year(file_name)
    if given and (found is None or not MONTH_AND_YEAR.fullmatch(given)):
        found = Version(given, found.published_on if found else None)
    if found is None:
        report.refuse(
            None,
            "version",
            "Say which release of the statistical neighbours this is (for example “May 2025”): the file name "
            "does not name a month and year. Use --version on the command, or the version field when uploading.",
        )
    return found


def check_neighbours_known(lists, report):
    """Every neighbour must be a council the table lists or the portal already knows, or its list would be short."""
    listed = {neighbours.council.old_code for neighbours in lists}
    wanted = {code for neighbours in lists for code, _ in neighbours.neighbours} - listed
    known = set(councils_numbered(wanted).values_list("old_code", flat=True))
    for neighbours in lists:
        for place, (code, _) in enumerate(neighbours.neighbours, start=1):
            if code not in listed and code not in known:
                unknown = f"neighbour {code} is not a council this table lists or the portal knows"
                report.refuse(neighbours.row, f"SN{place}", f"Row {neighbours.row}: {unknown}.")


def save_neighbours(lists, version, batch, report):
    councils = councils_by_old_code(lists, report)
    existing = {
        found.subject_id: found
        for found in ComparatorSet.objects.filter(kind=STATISTICAL_NEIGHBOURS, version=version.name).prefetch_related(
            "members"
        )
    }
    fresh, replaced, members = [], [], []
    for neighbours in lists:
        subject = councils[neighbours.council.old_code]
        listed = enumerate(neighbours.neighbours, start=1)
        wanted = [(councils[code].pk, place, closeness) for place, (code, closeness) in listed]
        current = existing.get(subject.pk)
        if current is not None and as_listed(current) == wanted:
            report.comparator_sets_unchanged += 1
            continue
        current = current or new_set(subject, version, batch)
        (replaced if current.pk else fresh).append(current)
        members += [ComparatorMember(comparator_set=current, area_id=a, position=p, closeness=c) for a, p, c in wanted]
    write_sets(fresh, replaced, members, batch, report)


def councils_by_old_code(lists, report) -> dict:
    """The table's councils (created when new) and any neighbour the portal knew before, by old number."""
    areas = save_areas(lists, report)
    councils = {neighbours.council.old_code: areas[neighbours.council.key] for neighbours in lists}
    wanted = {code for neighbours in lists for code, _ in neighbours.neighbours} - set(councils)
    for area in councils_numbered(wanted).order_by(F("name_as_of").asc(nulls_first=True), "pk"):
        councils[area.old_code] = area  # the latest named council of that number wins
    return councils


def councils_numbered(old_codes):
    return Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY, old_code__in=old_codes)


def as_listed(comparator_set) -> list:
    return [(member.area_id, member.position, member.closeness) for member in comparator_set.members.all()]


def new_set(subject, version, batch) -> ComparatorSet:
    return ComparatorSet(
        kind=STATISTICAL_NEIGHBOURS,
        name=f"Statistical neighbours of {subject.name}"[:120],
        subject=subject,
        version=version.name,
        published_on=version.published_on,
        description="The ten councils DfE judges most like this one, nearest first.",
        source=batch,
    )


def write_sets(fresh, replaced, members, batch, report):
    ComparatorSet.objects.bulk_create(fresh)
    ComparatorMember.objects.filter(comparator_set__in=replaced).delete()
    ComparatorSet.objects.filter(pk__in=[found.pk for found in replaced]).update(source=batch)
    for member in members:
        member.comparator_set_id = member.comparator_set.pk
    ComparatorMember.objects.bulk_create(members, batch_size=1000)
    report.comparator_sets_created += len(fresh)
    report.comparator_sets_updated += len(replaced)
