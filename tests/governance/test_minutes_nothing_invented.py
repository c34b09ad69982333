"""Nothing invented: every person the parser reports is named, word for word, in the minutes it read.

A register with a stranger on it is worse than one with a gap, so this runs over every example we keep,
the seed documents and the real minutes in ../shared.
"""

import re
from pathlib import Path

import pytest

from governance.minutes import parse_minutes
from tests.conftest import shared_file

EXAMPLES = sorted((Path(__file__).resolve().parent / "minutes_examples").glob("*.txt"))
SHARED = [
    ("seeds", "000_48bdc0c17e7556da.txt"),
    ("seeds", "001_9d810068e2c3d2b4.txt"),
    ("seeds", "003_2beb797c1b0a43f0.txt"),
    ("seeds", "004_89d384bbb92b13ca.txt"),
    ("minutes", "002_warwickshire-send-inclusion-board-2020-07.txt"),
    ("minutes", "004_lhc-sen-officers-conference-2015-11.txt"),
    ("minutes", "007_governors-executive-committee-2015-10.txt"),
]


def people_reported(minutes):
    names = [person.name for person in minutes.attendees + minutes.in_attendance + minutes.absent]
    names += [apology.name for apology in minutes.apologies]
    names += [apology.represented_by for apology in minutes.apologies if apology.represented_by]
    return [*names, *([minutes.chair] if minutes.chair else [])]


def words_missing_from(text, name):
    """Words of the name the text does not hold as words (or as the halves of "AliJohn", two names run together)."""
    words = [word.strip(".,") for word in name.split() if word.strip(".,")]
    return [word for word in words if not re.search(rf"{_STARTS}{re.escape(word)}{_ENDS}", text)]


_STARTS = r"(?:(?<![\w'’-])|(?<=[a-z])(?=[A-Z]))"
_ENDS = r"(?:(?![\w'’-])|(?=[A-Z][a-z]))"


def assert_nobody_invented(text):
    minutes = parse_minutes(text)
    invented = {name: missing for name in people_reported(minutes) if (missing := words_missing_from(text, name))}
    assert invented == {}


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_everyone_reported_from_our_examples_is_named_in_them(path):
    assert_nobody_invented(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("folder", "name"), SHARED, ids=[name[:3] + "-" + folder for folder, name in SHARED])
def test_everyone_reported_from_real_minutes_is_named_in_them(folder, name):
    assert_nobody_invented(shared_file(folder, name).read_text(encoding="utf-8"))


def test_a_name_the_text_does_not_hold_is_caught():
    assert words_missing_from("Present: Jane Roe (chair)", "Jane Ro") == ["Ro"]
    assert words_missing_from("Present: Yusuf AliJohn Penn", "Yusuf Ali") == []
    assert words_missing_from("Present: Yusuf AliJohn Penn", "Yusuf Al") == ["Al"]
