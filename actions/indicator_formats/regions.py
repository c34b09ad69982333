"""England and its regions by the names LAIT and the statistical-neighbours table use, with their ONS codes.

Those two files name regions but give no code, while EES files give the code; mapping the names here
makes a region one area whichever file named it first. Names are matched without regard to case,
so "Yorkshire and the Humber" and "Yorkshire and The Humber" are the same region.
"""

from actions.indicator_formats.readings import AreaFacts
from actions.models.indicators import AreaLevel

ENGLAND = AreaFacts(AreaLevel.NATIONAL, "E92000001", "England")
REGIONS = {
    "north east": ("E12000001", "North East"),
    "north west": ("E12000002", "North West"),
    "yorkshire and the humber": ("E12000003", "Yorkshire and The Humber"),
    "east midlands": ("E12000004", "East Midlands"),
    "west midlands": ("E12000005", "West Midlands"),
    "east of england": ("E12000006", "East of England"),
    "london": ("E12000007", "London"),
    "south east": ("E12000008", "South East"),
    "south west": ("E12000009", "South West"),
}
# Inner and Outer London: the regional rows of DfE's older absence files (E13 codes), not EES regions today.
LONDON_HALVES = {
    "inner london": ("E13000001", "Inner London"),
    "london (inner)": ("E13000001", "Inner London"),
    "outer london": ("E13000002", "Outer London"),
    "london (outer)": ("E13000002", "Outer London"),
}


def region_named(name) -> AreaFacts | None:
    """A region's row in LAIT: one of the nine regions, or Inner or Outer London as the older files publish them."""
    found = REGIONS.get(name.strip().lower()) or LONDON_HALVES.get(name.strip().lower())
    return AreaFacts(AreaLevel.REGIONAL, *found) if found else None


def region_of_council(name) -> AreaFacts | None:
    """The region a council lies in today, as current EES files place it: Inner and Outer London are London."""
    key = name.strip().lower()
    found = REGIONS["london"] if key in LONDON_HALVES else REGIONS.get(key)
    return AreaFacts(AreaLevel.REGIONAL, *found) if found else None


def known_region_names() -> str:
    return ", ".join(name for _, name in REGIONS.values())
