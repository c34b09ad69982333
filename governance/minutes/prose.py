"""People named in sentences rather than lists: apologies, deputies and a chair written as prose.

"Apologies were also received from Colin Reeve and Tara Banks." "Sara Ng attended on behalf of
Tara Banks." "In the absence of the Chair, Patrick Doyle took the chair." Each rule returns what it
read with the sentence it read it from, so the reader can say where it came from, and a chair read
from a sentence is always a guess the chair is asked to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from governance.minutes.names import is_initials, looks_like_name

_NAME = r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+"
PROSE_APOLOGIES = re.compile(
    r"^apologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been|have\s+been)\s+(?:also\s+)?"
    r"(?:received|given|noted|sent|tendered|offered)\s+from\b\s*:?-?\s*(?P<people>.+)$",
    re.IGNORECASE,
)
_STOOD_IN = re.compile(
    rf"(?P<deputy>{_NAME})\s+(?:attended|was\s+present|sat|deputised|substituted)\s+(?:the\s+meeting\s+)?"
    rf"(?:as\s+(?:a\s+)?(?:substitute|deputy)\s+)?(?:for|on\s+behalf\s+of|in\s+place\s+of)\s+(?P<member>{_NAME})"
)
_CHAIR_SENTENCES = [
    re.compile(r"(?P<who>[^.;]{2,120}?)\s+(?:took|was\s+in|assumed|occupied)\s+the\s+chair\b", re.IGNORECASE),
    re.compile(r"(?P<who>[^.;]{2,120}?)\s+chaired\s+(?:the|this|today's)\s+meeting\b", re.IGNORECASE),
    re.compile(r"\bchaired\s+by\s+(?P<who>[^.;,()]{2,80})", re.IGNORECASE),
    re.compile(
        r"(?P<who>[^.;]{2,120}?)\s+(?:was|were)\s+(?:elected|appointed|nominated)\s+(?:as\s+|to\s+)?(?:the\s+)?"
        r"chair\s+(?:for|of)\s+(?:the|this)\s+meeting\b",
        re.IGNORECASE,
    ),
]
_VICE_CHAIR = re.compile(r"^(?:the\s+)?(?:vice|deputy)[\s-]?chair(?:man|person|woman)?$", re.IGNORECASE)


@dataclass
class StoodIn:
    """ "X attended for Y": X came as Y's deputy."""

    deputy: str
    member: str


@dataclass
class ChairSentence:
    """Who a sentence says took the chair: a name, initials, or "the Vice-Chair" to be looked up."""

    who: str
    is_vice_chair: bool = False


def person_at_end(text: str) -> str:
    """The name a run of words ends with: "In the absence of the Chair, Patrick Doyle" -> "Patrick Doyle"."""
    words = re.split(r"[\s,]+", text.strip(" ,;:–—-"))
    for start in range(max(0, len(words) - 5), len(words)):
        candidate = " ".join(words[start:])
        if looks_like_name(candidate) or (start == len(words) - 1 and is_initials(candidate)):
            return candidate
    return ""


def person_at_start(text: str) -> str:
    words = text.strip(" ,;:–—-").split()
    for end in range(min(len(words), 5), 0, -1):
        candidate = " ".join(words[:end]).strip(" ,.")
        if looks_like_name(candidate) or (end == 1 and is_initials(candidate)):
            return candidate
    return ""


def stood_in(sentence: str) -> list[StoodIn]:
    found = []
    for match in _STOOD_IN.finditer(sentence):
        deputy, member = person_at_end(match["deputy"]), person_at_start(match["member"])
        if deputy and member:
            found.append(StoodIn(deputy, member))
    return found


def chair_in(sentence: str) -> ChairSentence | None:
    for pattern in _CHAIR_SENTENCES:
        match = pattern.search(sentence)
        if not match:
            continue
        who = match["who"].strip(" ,")
        last_part = re.split(r",\s*", who)[-1]
        if _VICE_CHAIR.match(last_part):
            return ChairSentence(last_part, is_vice_chair=True)
        named = person_at_start(who) if pattern.pattern.startswith(r"\bchaired") else person_at_end(who)
        if named:
            return ChairSentence(named)
    return None
