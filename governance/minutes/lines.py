"""Lines of minutes: tidying them, table rows and their header columns, list markers and sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MARKDOWN = re.compile(r"^#{1,6}\s+|\*\*|__")
_BULLET = re.compile(r"^(?:[-*•▪◦·‣●○■□➢–—]|o(?=\s))\s*")
NUMBERING = re.compile(
    r"^(?:(?:agenda\s+)?item\s+(?P<item>\d{1,2})\b\s*[.:)–—-]?\s*|(?P<number>\d{1,2})(?:[.)]|\s+[–—-])\s+)(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def as_text(text) -> str:
    if isinstance(text, bytes | bytearray):
        return bytes(text).decode("utf-8", errors="replace")
    return text if isinstance(text, str) else ""


def clean_line(line: str) -> str:
    line = _MARKDOWN.sub("", line.strip())
    return "\t".join(_ODD_SPACES.sub(" ", part).strip() for part in line.split("\t")).strip()


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row (pipe- or tab-separated), or None for an ordinary line."""
    if "|" in line:
        cells = [cell.strip() for cell in line.split("|")]
        cells = cells[1:] if line.startswith("|") else cells
        cells = cells[:-1] if line.endswith("|") else cells
    elif "\t" in line:
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    else:
        return None
    return cells if sum(1 for cell in cells if cell) >= 2 else None


def is_table_rule(line: str) -> bool:
    return bool(line) and set(line) <= set("|-:+= \t")


def strip_list_marker(text: str) -> str:
    numbered = NUMBERING.match(text)
    text = numbered.group("rest") if numbered else text
    return _BULLET.sub("", text, count=1).strip()


def split_numbering(text: str) -> tuple[int | None, str]:
    numbered = NUMBERING.match(text)
    if not numbered:
        return None, text
    return int(numbered.group("item") or numbered.group("number")), numbered.group("rest").strip()


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text)) and not text.startswith(("--", "**"))


def sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])", text) if sentence.strip()]


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'‘“])")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "mx", "dr", "st", "prof", "cllr", "rev", "revd", "hon", "no", "nos", "co", "rt", "fr", "sr"}
)


def first_sentence(text: str) -> str:
    """Text up to the end of its first sentence: "Jane Roe (Hon. Member). The Secretary said..." ends at "Member)."

    A full stop inside brackets, after an initial or after a title such as "Dr." ends nothing.
    """
    return text[: next(_sentence_ends(text), len(text))]


def sentences_of(text: str) -> list[tuple[int, str]]:
    """Each sentence with the position it starts at, split as `first_sentence` splits."""
    found, previous = [], 0
    for end in [*_sentence_ends(text), len(text)]:
        piece = text[previous:end]
        if piece.strip():
            found.append((previous + len(piece) - len(piece.lstrip()), piece.strip()))
        previous = end
    return found


def _sentence_ends(text: str) -> Iterator[int]:
    depth, counted = 0, 0
    for found in _SENTENCE_END.finditer(text):
        segment = text[counted : found.start()]
        depth += segment.count("(") + segment.count("[") - segment.count(")") - segment.count("]")
        counted = found.start()
        word_before = re.search(r"(\w+)\W*$", text[max(0, found.start() - 30) : found.start()])
        short = word_before is None or len(word_before.group(1)) == 1 or word_before.group(1).lower() in _ABBREVIATIONS
        if depth <= 0 and not short:
            yield found.start() + 1


def shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_COLUMN_NAMES = {
    "name": "name|names|member|members|attendee|attendees|person|representative",
    "organisation": "organisation|organization|org|representing|school|setting|agency|sector|service|employer",
    "role": "role|position|job title|job role|title|designation",
    "status": "attendance|present|attended|status|present/apologies|attendance status",
    "ref": "ref|reference|no|no.|number|#|id|item",
    "text": "action|actions|action point|action points|description|task|agreed action|what",
    "owner": "owner|lead|who|responsible|by whom|action by|action owner|assigned to",
    "due": "due|due date|deadline|by when|target date|when|date",
    "progress": "update|progress|rag",
}
_COLUMNS = {phrase: column for column, phrases in _COLUMN_NAMES.items() for phrase in phrases.split("|")}


def _column_of(cell: str) -> str | None:
    return _COLUMNS.get(" ".join(cell.lower().strip(" :*").split()))


def is_header_row(cells: list[str]) -> bool:
    named = [cell for cell in cells if cell]
    return len(named) >= 2 and sum(_column_of(cell) is not None for cell in named) * 2 > len(named)


def header_columns(cells: list[str]) -> dict[int, str]:
    return {index: _column_of(cell) for index, cell in enumerate(cells) if _column_of(cell)}


def table_kind(cells: list[str]) -> str | None:
    """What a table with this header row holds: attendance or actions."""
    if not is_header_row(cells):
        return None
    fields = set(header_columns(cells).values())
    if "text" in fields:
        return "actions"
    return "attendees" if "name" in fields else None


def is_marked(text: str) -> bool:
    """A bulleted or numbered list item, or a table row."""
    return is_bullet(text) or bool(NUMBERING.match(text)) or bool(table_cells(text))


def unique_in_order(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def is_prose(text: str) -> bool:
    words = text.split()
    return len(words) > 30 or (len(words) > 8 and text.endswith(".") and not table_cells(text))
