"""Finding or creating the areas a file's figures belong to, so each place is one Area whichever file came first.

EES files name a council by its new code (E08000019) and its old number (373); LAIT and the
statistical-neighbours table know only the old number. A council met first by its old number is
kept under that number until an EES file brings its new code: then that same Area takes the new
code, so its figures and comparator sets stay with it and no second Sheffield appears. A name, an
old number or a parent changes only with figures at least as recent as the name held.
"""

from datetime import date

from django.db.models import Q

from actions.models.indicators import Area, AreaLevel

BATCH_SIZE = 1000
LEVEL_ORDER = (AreaLevel.NATIONAL, AreaLevel.REGIONAL, AreaLevel.LOCAL_AUTHORITY, AreaLevel.SCHOOL)
COUNCIL = AreaLevel.LOCAL_AUTHORITY


def save_areas(readings, report) -> dict:
    """Each area key the readings use → its saved Area, creating parents before their children."""
    latest = latest_facts(readings)
    known = KnownAreas(latest)
    found, changed = {}, []
    for level in LEVEL_ORDER:
        new = []
        for key, (facts, start, parent_key) in latest.items():
            if facts.level == level:
                found[key] = area_for(facts, start, found.get(parent_key), known, changed)
                new += [found[key]] if found[key].pk is None else []
        Area.objects.bulk_create(new, batch_size=BATCH_SIZE)
        report.areas_created += len(new)
    Area.objects.bulk_update(changed, ["code", "name", "old_code", "name_as_of", "parent"], batch_size=BATCH_SIZE)
    report.areas_updated += len(changed)
    return found


def latest_facts(readings) -> dict:
    """Each area's facts from the most recent period in the file, with the key of its parent."""
    latest = {}
    for reading in readings:
        parent, start = None, reading.period.start
        for facts in reading.areas:
            if facts.key not in latest or (latest[facts.key][1] or date.min) <= (start or date.min):
                latest[facts.key] = (facts, start, parent)
            parent = facts.key
    return latest


class KnownAreas:
    """The saved areas a file's facts might mean: by level and code, and councils by their old number."""

    def __init__(self, latest):
        codes = {facts.code for facts, _, _ in latest.values()}
        old_codes = {facts.old_code for facts, _, _ in latest.values() if facts.old_code}
        saved = Area.objects.filter(Q(code__in=codes) | Q(level=COUNCIL, old_code__in=old_codes))
        self.by_code = {(area.level, area.code): area for area in saved}
        self.by_old_code = {}
        for area in sorted(saved, key=lambda area: (area.name_as_of or date.min, area.pk)):
            if area.level == COUNCIL and area.old_code:
                self.by_old_code[area.old_code] = area  # the latest named council of that number

    def find(self, facts):
        if facts.level != COUNCIL or not facts.old_code:
            return self.by_code.get((facts.level, facts.code))
        found = None if facts.known_by_old_code else self.by_code.get((COUNCIL, facts.code))
        return found or self.by_old_code.get(facts.old_code)


def area_for(facts, start, parent, known, changed) -> Area:
    area = known.find(facts)
    if area is None:
        return new_area(facts, start, parent)
    wanted = {"old_code": area.old_code or facts.old_code}
    if takes_code(area, facts, start):
        wanted["code"] = facts.code
    if is_as_recent(area, facts, start):
        wanted |= {"name": facts.name or area.name, "old_code": facts.old_code or area.old_code}
        wanted["parent_id"] = parent.pk if parent else area.parent_id
    if any(getattr(area, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(area, name, value)
        area.name_as_of = start if "name" in wanted else area.name_as_of
        changed.append(area)
    return area


def takes_code(area, facts, start) -> bool:
    """A council still under its old number takes the first new code an EES file brings; one with a code
    takes a newer code only from figures at least as recent as its name."""
    if facts.known_by_old_code or area.code == facts.code:
        return False
    return area.code == area.old_code or is_as_recent(area, facts, start)


def is_as_recent(area, facts, start) -> bool:
    """Whether these facts may rename the area: figures at least as recent as its name, and on the same
    date, an EES file (which names areas as ONS does) rather than a file that knows only old numbers."""
    if start is None or area.name_as_of is None:
        return start is not None
    return area.name_as_of < start or (area.name_as_of == start and not facts.known_by_old_code)


def new_area(facts, start, parent) -> Area:
    return Area(
        level=facts.level,
        code=facts.code,
        old_code=facts.old_code,
        name=facts.name,
        name_as_of=start,
        parent=parent,
    )
