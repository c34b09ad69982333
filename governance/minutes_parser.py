"""Read uploaded meeting minutes into a draft that a chair confirms.

Partnerships arrive with years of minutes in Word and text files, each in its own
house style. Nothing here is saved: the parser reports what it understood and, in
plain English, what it could not, so that a person can put it right on a
confirmation screen. It is pure Python (the standard library and python-docx) so
that a view, a worker or a management command can all use it.

Every part of the minutes is found by its own small, forgiving rule; a part that
cannot be read becomes a warning on that field, never an exception.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime
import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import PurePath

import docx
from docx.oxml.ns import qn
from docx.table import Table

logger = logging.getLogger(__name__)


# --- What the parser hands back ---------------------------------------------------------------------------------


@dataclass
class ParsedPerson:
    """Someone listed at the meeting, with the role or organisation the minutes give them."""

    name: str
    role: str = ""
    organisation: str = ""


@dataclass
class ParsedApology:
    """Someone who sent apologies, and the deputy who came in their place, if any."""

    name: str
    represented_by: str = ""


@dataclass
class ParsedAction:
    """An action agreed at the meeting; the owner is a full name wherever the minutes allow."""

    text: str
    owner: str = ""


@dataclass
class ParserWarning:
    """Something the chair should check, tied to the field on the confirmation screen."""

    field: str
    message: str


@dataclass
class ParsedMinutes:
    """Everything read from one set of minutes, ready for a person to confirm."""

    title: str = ""
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str = ""
    chair: str = ""
    attendees: list[ParsedPerson] = dataclasses.field(default_factory=list)
    apologies: list[ParsedApology] = dataclasses.field(default_factory=list)
    in_attendance: list[ParsedPerson] = dataclasses.field(default_factory=list)
    agenda: list[str] = dataclasses.field(default_factory=list)
    actions: list[ParsedAction] = dataclasses.field(default_factory=list)
    next_meeting: datetime.datetime | None = None
    warnings: list[ParserWarning] = dataclasses.field(default_factory=list)

    def as_json_dict(self) -> dict:
        """The shape the confirmation screen and the API exchange."""
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "start_time": _clock_text(self.start_time),
            "end_time": _clock_text(self.end_time),
            "venue": self.venue,
            "chair": self.chair,
            "attendees": [asdict(person) for person in self.attendees],
            "apologies": [asdict(apology) for apology in self.apologies],
            "in_attendance": [asdict(person) for person in self.in_attendance],
            "agenda": list(self.agenda),
            "actions": [asdict(action) for action in self.actions],
            "next_meeting": self.next_meeting.strftime("%Y-%m-%dT%H:%M:%S") if self.next_meeting else None,
            "warnings": [asdict(warning) for warning in self.warnings],
        }

    def warnings_for(self, field: str) -> list[str]:
        """Messages to show beside one field of the confirmation screen."""
        return [warning.message for warning in self.warnings if warning.field == field]


def _clock_text(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


# --- Reading uploaded files -------------------------------------------------------------------------------------

_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class MinutesFileError(ValueError):
    """An upload that cannot be read at all; the message is written to be shown to the chair."""


def extract_text(filename: str, content: bytes) -> str:
    """Turn an uploaded .txt or .docx file into text for parse_minutes.

    Word tables become " | "-separated rows, in document order, because many
    partnerships keep attendance and action logs in tables.
    """
    suffix = PurePath(filename or "").suffix.lower()
    reader = _FILE_READERS.get(suffix)
    if reader is None:
        raise MinutesFileError(_unsupported_file_message(suffix))
    content = _as_bytes(content)
    if not content.strip():
        raise MinutesFileError("The file is empty. Please check it and upload it again.")
    if len(content) > _MAX_UPLOAD_BYTES:
        raise MinutesFileError("The file is larger than 20 MB, which is too big for a set of minutes.")
    text = reader(content)
    if not text.strip():
        raise MinutesFileError("No text could be found in the file. Please check it is the right document.")
    return text


def _as_bytes(content) -> bytes:
    if isinstance(content, str):
        return content.encode("utf-8")
    return bytes(content or b"")


def _unsupported_file_message(suffix: str) -> str:
    if suffix == ".doc":
        return "Older Word files (.doc) cannot be read. Please open it in Word, save it as .docx and upload that."
    described = f"'{suffix}' files" if suffix else "Files without an extension"
    return f"{described} cannot be read. Please upload the minutes as a Word document (.docx) or a text file (.txt)."


def _read_text_file(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", errors="replace")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved by older Windows editors are usually cp1252 (curly quotes, £, en dashes).
        return content.decode("cp1252", errors="replace")


def _read_word_file(content: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(content))
        return "\n".join(_word_blocks(document))
    except Exception as error:  # python-docx raises many different errors for a damaged file
        raise MinutesFileError(
            "This Word file could not be opened. It may be damaged, or not really a .docx file. "
            "Please save it again from Word and upload it."
        ) from error


def _word_blocks(document) -> Iterator[str]:
    numbering = _WordNumbering(document)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _word_table_rows(block)
        else:
            yield numbering.marker(block) + block.text if block.text.strip() else ""


class _WordNumbering:
    """Word keeps list bullets and numbers outside the text; put them back so lists still read as lists.

    Without them a bulleted point ("Partnership led by an independent chair") would
    look like an agenda heading, and a numbered agenda would lose its numbers.
    """

    def __init__(self, document):
        self.formats = _numbering_formats(document)
        self.counts: dict[int, int] = {}

    def marker(self, paragraph) -> str:
        numbering = _numbering_of(paragraph)
        if numbering is None:
            return ""
        list_id, level = numbering
        if level > 0 or self.formats.get((list_id, level), "decimal") != "decimal":
            return "- "
        self.counts[list_id] = self.counts.get(list_id, 0) + 1
        return f"{self.counts[list_id]}. "


def _numbering_of(paragraph) -> tuple[int, int] | None:
    """The (list, level) a paragraph is numbered in, set on the paragraph or on its style."""
    style = paragraph.style
    candidates = [paragraph._p.pPr]
    for _ in range(10):  # styles inherit from one another; a damaged file may even loop
        if style is None:
            break
        candidates.append(style.element.pPr)
        style = style.base_style
    for properties in candidates:
        numbered = properties.numPr if properties is not None else None
        if numbered is not None and numbered.numId is not None and numbered.numId.val:
            return numbered.numId.val, numbered.ilvl.val if numbered.ilvl is not None else 0
    return None


def _numbering_formats(document) -> dict[tuple[int, int], str]:
    """Each list's number format by level ("decimal", "bullet", "lowerLetter", ...)."""
    try:
        numbering = document.part.numbering_part.element
    except Exception:  # a document without list definitions simply has no lists
        return {}
    abstract = {item.get(qn("w:abstractNumId")): item for item in numbering.findall(qn("w:abstractNum"))}
    formats = {}
    for item in numbering.findall(qn("w:num")):
        definition = abstract.get(item.find(qn("w:abstractNumId")).get(qn("w:val")))
        for level in definition.findall(qn("w:lvl")) if definition is not None else []:
            number_format = level.find(qn("w:numFmt"))
            value = number_format.get(qn("w:val")) if number_format is not None else "decimal"
            formats[(int(item.get(qn("w:numId"))), int(level.get(qn("w:ilvl"))))] = value
    return formats


def _word_table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells = _distinct_cells(row.cells)
        texts = [_word_cell_text(cell) for cell in cells]
        if any(texts):
            yield " | ".join(texts)


def _distinct_cells(cells) -> list:
    # A merged cell is repeated once per grid column it spans; keep it once.
    distinct = []
    for cell in cells:
        if not distinct or cell._tc is not distinct[-1]._tc:
            distinct.append(cell)
    return distinct


def _word_cell_text(cell) -> str:
    paragraphs = (paragraph.text.strip() for paragraph in cell.paragraphs)
    return "; ".join(text for text in paragraphs if text).replace("|", "/").replace("\t", " ")


_FILE_READERS = {".txt": _read_text_file, ".docx": _read_word_file}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- Names --------------------------------------------------------------------------------------------------------

_HONORIFICS = _word_set(
    "mr mrs ms miss mx dr doctor prof professor dame sir lord lady baroness baron cllr councillor rev revd "
    "reverend rt hon the"
)
_POST_NOMINALS = _word_set(
    "obe cbe mbe kbe dbe gbe bem cb kcb dcb cmg kcmg lvo cvo rvo qpm qc kc frs freng fba fmedsci frsa frcp mrcp "
    "frcpch fcipd mcipd fcca fca aca phd dphil edd md mp mep msp jp dl ma msc mba ba bsc bed med mphil llb llm "
    "pgce npqh npqel npqsl hons"
)
_NAME_PARTICLES = _word_set("van von de der den da di du del della le la bin al ap y")
# Words that appear in organisations, job titles and agenda headings but never in a person's name.
_NOT_NAME_WORDS = _word_set(
    "a an and the of for to with in on at by from is was were will none nil tbc tbd etc all council school "
    "schools academy academies trust college university department authority partnership services service board "
    "group federation diocese institute centre center agency office ltd limited cic charity foundation hospital "
    "nhs police health primary secondary infant junior nursery education local city county borough team network "
    "alliance commission ministry ofsted dfe learning sector forum association union headteacher headteachers "
    "principal ceo director manager officer executive deputy assistant adviser advisor coordinator co-ordinator "
    "governor trustee chief senior specialist consultant inspector member members representative rep teacher "
    "senco parent parents carer carers pupil pupils student students colleagues welcome introductions "
    "introduction apologies minutes matters arising actions action update updates report proposal strategy "
    "meeting date time venue item items agenda any other business aob attendance priorities priority review plan "
    "data next discussion presentation summary purpose close feedback terms reference consultation decisions "
    "notes present attendees online via teams zoom microsoft room house hall building buildings street road"
)
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_DASHES = re.compile(r"[‐‑‒–—_-]")
_INITIALS = re.compile(r"[A-Z]{2,4}")


def name_key(name: str) -> str:
    """A key for matching one person however the minutes write them.

    "Dr Jonathan Crossley-Holland OBE" and "Jonathan Crossley Holland" are the same
    person to a chair, so they must be the same person to the portal.
    """
    return " ".join(_core_words(name)).casefold()


def initials_of(name: str) -> str:
    """The initials minutes use after first mention, e.g. "Jonathan Crossley-Holland" -> "JCH"."""
    return "".join(word[0].upper() for word in _core_words(name) if word[0].isalpha())


def _core_words(name: str) -> list[str]:
    """The words of a name without honorifics, post-nominals, brackets or hyphens."""
    text = _fold_accents(_BRACKETED.sub(" ", name or "")).replace("’", "'")
    words = [word.strip(".,") for word in _DASHES.sub(" ", text).split()]
    return _without_titles([word for word in words if word])


def _without_titles(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while end - start > 1 and words[start].lower() in _HONORIFICS:
        start += 1
    while end - start > 1 and words[end - 1].lower().replace(".", "") in _POST_NOMINALS:
        end -= 1
    return words[start:end]


def _fold_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _looks_like_name(text: str) -> bool:
    """Whether text reads as a person's name rather than an organisation, heading or sentence."""
    words = text.split()
    core = _core_words(text)
    if not 1 <= len(core) <= 5 or len(words) > 8:
        return False
    if len(core) == 1 and len(words) == 1:
        return False  # a lone word is a heading ("Introductions"); "Dr Smith" is a name
    return all(_is_name_word(word) for word in core)


def _is_name_word(word: str) -> bool:
    lowered = word.lower()
    if lowered in _NAME_PARTICLES:
        return True
    if lowered.strip(".") in _NOT_NAME_WORDS:
        return False
    letters = word.replace("'", "").replace("’", "").replace(".", "")
    return letters.isalpha() and word[0].isupper()


def _is_acronym(word: str) -> bool:
    """Organisations written after a name without brackets are short capitals: ISOS, SCC, DfE."""
    if word.lower().replace(".", "") in _POST_NOMINALS:
        return False
    capitals = sum(character.isupper() for character in word)
    return bool(re.fullmatch(r"[A-Z][A-Za-z&]*[A-Z]", word)) and capitals * 2 >= len(word)


class _People:
    """Everyone named in full, in order of first mention, so later initials and first names resolve."""

    def __init__(self, names_in_order: list[str]):
        self.by_initials: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.by_first_name: dict[str, set[str]] = {}
        for name in names_in_order:
            self._add(name)

    def _add(self, name: str) -> None:
        words = _core_words(name)
        if len(words) < 2:
            return
        key = " ".join(words).casefold()
        self.by_initials.setdefault("".join(word[0].upper() for word in words if word[0].isalpha()), name)
        self.by_key.setdefault(key, name)
        self.by_first_name.setdefault(words[0].casefold(), set()).add(key)

    def resolve(self, who: str) -> str | None:
        """The full name behind initials ("SB"), a first name ("Simon") or a full name.

        A first name resolves only when one person has it; the first person named in
        full wins a clash of initials, as it would for a reader of the minutes.
        """
        who = who.strip(" .,;:()[]")
        compact = who.replace(".", "").replace(" ", "")
        if _INITIALS.fullmatch(compact):
            return self.by_initials.get(compact)
        if name_key(who) in self.by_key:
            return self.by_key[name_key(who)]
        keys = self.by_first_name.get(who.casefold(), set()) if " " not in who else set()
        return self.by_key[next(iter(keys))] if len(keys) == 1 else None

    def knows_initials(self, word: str) -> bool:
        return word in self.by_initials


# --- Lines ----------------------------------------------------------------------------------------------------

_MAX_CHARACTERS = 2_000_000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MARKDOWN = re.compile(r"^#{1,6}\s+|\*\*|__")
_BULLET = re.compile(r"^(?:[-*•▪◦·‣●○■□➢–—]|o(?=\s))\s*")
_NUMBERING = re.compile(
    r"^(?:(?:agenda\s+)?item\s+(?P<item>\d{1,2})\b\s*[.:)–—-]?\s*|(?P<number>\d{1,2})(?:[.)]|\s+[–—-])\s+)(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def _as_text(text) -> str:
    if isinstance(text, bytes | bytearray):
        return bytes(text).decode("utf-8", errors="replace")
    return text if isinstance(text, str) else ""


def _clean_lines(text: str) -> list[str]:
    text = _CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    lines = []
    for line in text.split("\n"):
        lines.extend(_key_value_lines(_clean_line(line)))
    return lines


def _clean_line(line: str) -> str:
    line = _MARKDOWN.sub("", line.strip())
    return "\t".join(_ODD_SPACES.sub(" ", part).strip() for part in line.split("\t")).strip()


def _cells(line: str) -> list[str] | None:
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


def _is_table_rule(line: str) -> bool:
    return bool(line) and set(line) <= set("|-:+= \t")


def _key_value_lines(line: str) -> list[str]:
    """Word templates often put "Date | 23/11/2023 | Venue | Room 4" in a table; read it as labelled lines."""
    cells = _cells(line)
    if not cells or _match_label(cells[0]) is None:
        return [] if _is_table_rule(line) else [line]
    pairs = list(zip(cells[::2], cells[1::2], strict=False))
    labels = [_match_label(label) for label, _ in pairs]
    if len(cells) % 2 or any(label is None or label.kind in _LIST_KINDS - _PEOPLE_KINDS for label in labels):
        return [line]  # a real table, such as "Action | Owner | Due" or "Time | Item | Lead"
    return [f"{label.rstrip(' :')}: {value}" for label, value in pairs]


def _strip_list_marker(text: str) -> str:
    numbered = _NUMBERING.match(text)
    text = numbered.group("rest") if numbered else text
    return _BULLET.sub("", text, count=1).strip()


def _split_numbering(text: str) -> tuple[int | None, str]:
    numbered = _NUMBERING.match(text)
    if not numbered:
        return None, text
    return int(numbered.group("item") or numbered.group("number")), numbered.group("rest").strip()


def _is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text)) and not text.startswith(("--", "**"))


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])", text) if sentence.strip()]


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- Labels: "Apologies:", "Date and time of next meeting", ... -----------------------------------------------

_LABEL_WORDS = {
    "next_meeting": r"(?:date|time|dates?\s*(?:and|&|/)\s*times?|time\s+and\s+date|details|arrangements)\s+(?:of|for)"
    r"\s+(?:the\s+)?next\s+meeting|next\s+meeting(?:\s+date)?|future\s+meeting\s+dates?|future\s+meetings"
    r"|dates?\s+of\s+(?:future|next)\s+meetings?",
    "in_attendance": r"(?:officials?|officers?|advis[eo]rs?|staff|others?|guests?)\s+(?:also\s+)?in\s+attendance"
    r"|also\s+in\s+attendance|in\s+attendance|also\s+present|observers?|guests?|officials?|advis[eo]rs?",
    "apologies": r"apologies(?:\s+for\s+absence)?(?:\s+(?:were|was|have\s+been|had\s+been))?"
    r"(?:\s+(?:received|given|noted|sent))?(?:\s+from)?",
    "attendees": r"attendees|attendance|attending|present|members\s+present|members\s+attending|those\s+present"
    r"|participants|members|board\s+members|group\s+members|attended\s+by",
    "notes_taker": r"minute[\s-]?taker|minutes\s+taken\s+by|notes?\s+taken\s+by|note[\s-]?taker|clerk|secretariat"
    r"|minuted\s+by|minutes\s+by|notes\s+by",
    "chair": r"chair(?:person|man|woman)?|chaired\s+by|in\s+the\s+chair|meeting\s+chair|independent\s+chair",
    "venue": r"venue|location|where|place|held\s+at|meeting\s+place",
    "date": r"date|meeting\s+date|date\s+of\s+(?:the\s+)?meeting|date\s*(?:and|&|/)\s*time|when|held\s+on",
    "time": r"times?|meeting\s+time|start\s+time",
    "agenda": r"agenda(?:\s+items?)?",
    "actions": r"actions?(?:\s+points?|\s+log|\s+arising|\s+agreed|\s+summary|\s+list)?|summary\s+of\s+actions"
    r"|agreed\s+actions|actions?\s+and\s+decisions?",
}
_LABEL_TAIL = r"(?:\s*\((?P<note>[^()]{0,40})\))?(?:\s*:\s*|\s+[–—-]\s*|\s*$|(?<=from)\s+|(?<=by)\s+)"
_LABELS = {
    kind: re.compile(
        rf"^(?:[-*•]\s+)?(?:(?P<number>\d{{1,2}})[.)]\s+)?(?P<label>{words}){_LABEL_TAIL}(?P<rest>.*)$", re.IGNORECASE
    )
    for kind, words in _LABEL_WORDS.items()
}
_NO_APOLOGIES = re.compile(r"^(?:there\s+were\s+)?no\s+apologies\b", re.IGNORECASE)
_NOTHING = re.compile(r"^(?:none|nil|n/?a|no\s+apologies|none\s+(?:received|given|noted)|-+)\W*$", re.IGNORECASE)
_PEOPLE_KINDS = frozenset({"attendees", "in_attendance", "apologies", "chair", "notes_taker"})
_LIST_KINDS = frozenset({"attendees", "in_attendance", "apologies", "agenda", "actions"})
_ONE_LINE_KINDS = frozenset({"chair", "notes_taker", "venue", "date", "time"})
_HEADER_KINDS = frozenset({"attendees", "in_attendance", "apologies", "chair", "notes_taker", "venue", "date", "time"})


@dataclass
class _Label:
    kind: str
    label: str
    rest: str
    note: str = ""
    number: int | None = None


def _match_label(text: str) -> _Label | None:
    if _NO_APOLOGIES.match(text):
        return _Label("apologies", "Apologies", "")
    for kind, pattern in _LABELS.items():
        found = pattern.match(text)
        if found:
            number = int(found.group("number")) if found.group("number") else None
            rest = found.group("rest").strip()
            return _Label(kind, found.group("label"), rest, (found.group("note") or "").strip(), number)
    return None


@dataclass
class _Section:
    """A labelled part of the minutes, such as "Apologies:" and the lines that belong to it."""

    kind: str
    line: int
    label: _Label
    items: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    columns: dict[int, str] | None = None
    entries: list[_Entry] = dataclasses.field(default_factory=list)
    unreadable: list[str] = dataclasses.field(default_factory=list)

    def indexes(self) -> set[int]:
        return {self.line} | {index for index, _ in self.items}

    def text(self) -> str:
        return " ".join([self.label.rest] + [text for _, text in self.items]).strip()

    def names(self) -> list[str]:
        return [name for entry in self.entries for name in (entry.name, entry.deputy) if name]


# --- People in lists ------------------------------------------------------------------------------------------

_ROLES = {
    "chair": "chair", "chairperson": "chair", "chairman": "chair", "chairwoman": "chair", "in the chair": "chair",
    "chair of the meeting": "chair", "chairing": "chair", "independent chair": "independent chair",
    "co-chair": "co-chair", "joint chair": "co-chair", "vice-chair": "vice-chair", "vice chair": "vice-chair",
    "deputy chair": "vice-chair", "vice chairman": "vice-chair", "notes": "notes", "minutes": "notes",
    "note taker": "notes", "notetaker": "notes", "note-taker": "notes", "minute taker": "notes",
    "minute-taker": "notes", "taking notes": "notes", "clerk": "notes", "secretariat": "notes",
    "secretary": "notes", "online": "online", "virtual": "online", "remote": "online", "remotely": "online",
    "via teams": "online", "on teams": "online", "teams": "online", "via zoom": "online", "zoom": "online",
    "by phone": "online", "joined online": "online", "observer": "observer", "observing": "observer",
    "co-opted": "co-opted", "co-opted member": "co-opted", "guest": "guest",
}  # fmt: skip
_CHAIR_ROLES = frozenset({"chair", "independent chair", "co-chair"})
_DEPUTY_BEFORE = re.compile(
    r"^(?:represented\s+by|rep(?:\.|resented)?\s+by|deputised\s+by|deputy|deputising|substituted\s+by|substitute|sub"
    r"|sent|replaced\s+by|covered\s+by|attended\s+by)\s*:?\s+(?P<deputy>.+)$",
    re.IGNORECASE,
)
_DEPUTY_AFTER = re.compile(r"^(?P<deputy>.+?)\s+(?:deputising|deputised|attending|attended|substituting|as\s+deputy)$")
_DEPUTY_IN_TEXT = re.compile(r"\s*[,–—-]?\s*\b(?:represented|deputised|substituted|replaced|covered)\s+by\s+", re.I)
_IGNORED_NOTE = re.compile(
    r"^(?:items?\b|for\s+(?:items?|part)|from\b|until\b|left\b|arrived\b|joined\b|part\b|see\b|agenda\b|minute\b)",
    re.IGNORECASE,
)
_STATUS = {"present": "present", "attended": "present", "yes": "present", "y": "present", "apologies": "apologies",
           "apology": "apologies", "absent": "absent", "no": "absent", "n": "absent"}  # fmt: skip


@dataclass
class _Entry:
    """One person as read from a list, before they become an attendee or an apology."""

    name: str
    roles: list[str] = dataclasses.field(default_factory=list)
    organisations: list[str] = dataclasses.field(default_factory=list)
    deputy: str = ""
    status: str = ""

    def add_note(self, note: str) -> None:
        """Sort what a list says about someone (roles, organisation, a deputy) into its place."""
        note = note.strip(" .:;–—-")
        deputy = _DEPUTY_BEFORE.match(note) or _DEPUTY_AFTER.match(note)
        if deputy:
            self.deputy = deputy.group("deputy").strip(" .")
            return
        for part in re.split(r"\s*[,;]\s*", note):
            self._add_note_part(part.strip(" .:–—-"))

    def _add_note_part(self, part: str) -> None:
        role = _ROLES.get(" ".join(part.lower().split()))
        if role and role not in self.roles:
            self.roles.append(role)
        # "(SB)" after Stephen Betts repeats his initials; "(for item 3)" says when, not who.
        elif not role and part and not _IGNORED_NOTE.match(part) and part != initials_of(self.name):
            self.organisations.append(part)

    def as_person(self) -> ParsedPerson:
        return ParsedPerson(self.name, ", ".join(self.roles), ", ".join(self.organisations))

    def as_apology(self) -> ParsedApology:
        return ParsedApology(self.name, self.deputy)


def _split_people(text: str) -> list[str]:
    """Split a written list of people on commas, semicolons, "and", and a missing comma after a bracket."""
    pieces = []
    for piece in _split_outside_brackets(text.strip().rstrip(".")):
        # Seed 000 has "Ben Bryant ISOS (online) Evelyn Priestley (notes)": a capital after a bracket is a new person.
        for part in re.split(r"(?<=\))\s+(?=[A-Z])", piece):
            pieces.extend(_split_on_and(part.strip()))
    return [piece for piece in pieces if piece]


def _split_outside_brackets(text: str) -> list[str]:
    pieces, current, depth = [], [], 0
    for character in text:
        depth += (character in "([") - (character in ")]")
        depth = max(depth, 0)
        if character in ",;" and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(character)
    return [*pieces, "".join(current)]


def _split_on_and(text: str) -> list[str]:
    parts = re.split(r"\s+(?:and|&)\s+", text)
    if len(parts) > 1 and all(_entry_from_piece(part) for part in parts):
        return parts
    return [text]


def _entry_from_piece(piece: str) -> _Entry | None:
    """Read "Ben Bryant ISOS (online)" as a name plus what the list says about them."""
    text = _strip_list_marker(piece).strip(" .;:")
    text, deputy = _split_deputy(text)
    notes = [" ".join(group for group in found if group) for found in _BRACKETED.findall(text)]
    text = _BRACKETED.sub(" ", text).strip(" ,")
    text, dash_note = _split_dash_note(text)
    text, acronyms = _split_trailing_acronyms(" ".join(text.split()))
    if not _looks_like_name(text):
        return None
    entry = _Entry(text, deputy=deputy)
    for note in [*notes, dash_note, acronyms]:
        if note:
            entry.add_note(note)
    return entry


def _split_deputy(text: str) -> tuple[str, str]:
    parts = _DEPUTY_IN_TEXT.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0].count("(") == parts[0].count(")"):
        return parts[0].strip(" ,–—-"), parts[1].strip(" .")
    return text, ""


def _split_dash_note(text: str) -> tuple[str, str]:
    parts = re.split(r"\s+[–—-]\s+", text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _split_trailing_acronyms(text: str) -> tuple[str, str]:
    words = text.split()
    if all(word.isupper() for word in words):
        return text, ""  # a name written all in capitals has no organisation tucked on the end
    end = len(words)
    while end > 2 and _is_acronym(words[end - 1]):
        end -= 1
    return " ".join(words[:end]), " ".join(words[end:])


def _is_person_line(text: str) -> bool:
    text = _strip_list_marker(text)
    cells = _cells(text)
    if cells:
        return _is_header_row(cells) or _entry_from_piece(cells[0]) is not None
    pieces = _split_people(text)
    return bool(pieces) and _entry_from_piece(pieces[0]) is not None


# --- Tables ---------------------------------------------------------------------------------------------------

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


def _is_header_row(cells: list[str]) -> bool:
    named = [cell for cell in cells if cell]
    return len(named) >= 2 and sum(_column_of(cell) is not None for cell in named) * 2 > len(named)


def _columns(cells: list[str]) -> dict[int, str]:
    return {index: _column_of(cell) for index, cell in enumerate(cells) if _column_of(cell)}


def _table_kind(cells: list[str]) -> str | None:
    """What a table with this header row holds: attendance or actions."""
    if not _is_header_row(cells):
        return None
    fields = set(_columns(cells).values())
    if "text" in fields:
        return "actions"
    return "attendees" if "name" in fields else None


def _entry_from_row(cells: list[str], columns: dict[int, str] | None) -> _Entry | None:
    """A person from "Name | Organisation | Role" (or, without a header row, name first and notes after)."""
    columns = columns or _guessed_columns(cells)
    entry = _entry_from_piece(next((cells[i] for i, name in columns.items() if name == "name" and i < len(cells)), ""))
    if entry is None:
        return None
    for index, cell in enumerate(cells):
        if columns.get(index) == "status":
            _read_status(entry, cell)
        elif columns.get(index) in {"role", "organisation"} and cell:
            entry.add_note(cell)
    return entry


def _guessed_columns(cells: list[str]) -> dict[int, str]:
    columns = {index: "organisation" for index in range(1, len(cells))}
    columns.update({index: "status" for index, cell in enumerate(cells) if index and _status_of(cell)})
    return {**columns, 0: "name"}


def _status_of(cell: str) -> str:
    first_word = (cell.lower().split() or [""])[0].strip(" .,;:–—-")
    return _STATUS.get(first_word, "")


def _read_status(entry: _Entry, cell: str) -> None:
    """An attendance column: "Present", "Apologies – represented by John Doe", "Absent"."""
    entry.status = _status_of(cell)
    deputy = _DEPUTY_IN_TEXT.split(cell, maxsplit=1)
    if len(deputy) == 2:
        entry.deputy = deputy[1].strip(" .")


# --- Dates and times ------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAY = r"(?:(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?\s+(?:the\s+)?)?"
_DATE_PATTERNS = [
    re.compile(
        rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(?P<month>[a-z]{{3,9}})\.?"
        r"(?:,?[\s-]+(?P<year>\d{4}|'?\d{2})(?![\d.:]))?(?![a-z])",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_WEEKDAY}(?P<month>[a-z]{{3,9}})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:\b{_WEEKDAY})?(?<![\d/.-])(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?P=sep)"
        r"(?P<year>\d{4}|\d{2})(?!\d|[.:/-]\d)",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d/.-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
]
_CLOCK = r"\d{1,2}(?:[.:]\d{2})?(?:\s*(?:[ap]\.?\s?m\.?|hrs|hours|h)(?![a-z]))?|\bnoon\b|\bmidday\b"
_TIME_RANGE = re.compile(
    rf"(?<![\d.:/£$])(?P<start>{_CLOCK})\s*(?:-|–|—|to|until|till)\s*(?P<end>{_CLOCK})(?![\d/%])", re.IGNORECASE
)
_ONE_TIME = re.compile(
    r"(?<![\d.:/£$])(?P<start>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?(?![a-z])|\d{1,2}[.:]\d{2}(?:\s*hrs)?|\bnoon\b|\bmidday\b)"
    r"(?![\d/%])",
    re.IGNORECASE,
)
_CLOCK_PARTS = re.compile(
    r"(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?:(?P<meridiem>[ap])\.?\s?m\.?|(?P<clock24>hrs|hours|h))?"
)
_MEETING_CLOSED = re.compile(
    r"\bmeeting\s+(?:closed|ended|finished)\s+(?:at\s+)?(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?)",
    re.IGNORECASE,
)
_TIME_ATTEMPT = re.compile(r"\d|\b(?:am|pm|noon|midday|o'clock|half|quarter)\b", re.IGNORECASE)
_DAYTIME = (datetime.time(7), datetime.time(19))


@dataclass
class _DateMention:
    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int

    def on_or_after(self, earliest: datetime.date | None) -> datetime.date | None:
        """The date, taking a missing year as the first one on or after `earliest`."""
        if self.year:
            return _safe_date(self.year, self.month, self.day)
        if earliest is None:
            return None
        for year in (earliest.year, earliest.year + 1):
            candidate = _safe_date(year, self.month, self.day)
            if candidate and candidate >= earliest:
                return candidate
        return None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _find_date(text: str) -> _DateMention | None:
    """The first date written in the text, in any of the ways UK minutes write one."""
    found = [mention for pattern in _DATE_PATTERNS if (mention := _first_valid_date(pattern, text))]
    return min(found, key=lambda mention: mention.start, default=None)


def _first_valid_date(pattern: re.Pattern, text: str) -> _DateMention | None:
    for found in pattern.finditer(text):
        mention = _date_mention(found)
        if mention:
            return mention
    return None


def _date_mention(found: re.Match) -> _DateMention | None:
    month_text = found.group("month").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if found.group("month") == "may":
        return None  # "item 3 may be deferred": lower-case "may" is the verb
    year = _full_year(found.group("year"))
    if not month or (year is not None and not 1990 <= year <= 2100):
        return None
    day = int(found.group("day"))
    if _safe_date(year or 2024, month, day) is None:  # 2024 is a leap year, so 29 February stays possible
        return None
    weekday = found.groupdict().get("weekday")
    return _DateMention(day, month, year, _WEEKDAYS.get((weekday or "")[:3].lower()), found.start(), found.end())


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.strip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


@dataclass
class _Times:
    start: datetime.time | None
    end: datetime.time | None
    span_end: int
    ambiguous: bool = False


def _find_times(text: str) -> _Times | None:
    """A meeting's start and end time, or just its start, from UK-style writing."""
    for found in _TIME_RANGE.finditer(text):
        times = _read_range(found.group("start"), found.group("end"))
        if times:
            return _Times(times[0], times[1], found.end(), times[2])
    for found in _ONE_TIME.finditer(text):
        readings = _daytime_first(_clock_readings(found.group("start")))
        if readings:
            return _Times(readings[0], None, found.end(), _count_daytime(readings) > 1)
    return None


def _clock_readings(token: str) -> list[datetime.time]:
    """Every time a written clock time could mean: "2.30" could be 02:30 or 14:30."""
    token = token.strip().lower()
    if token in {"noon", "midday"}:
        return [datetime.time(12)]
    found = _CLOCK_PARTS.fullmatch(token)
    if not found:
        return []
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if hour > 23 or minute > 59:
        return []
    return _hours_meant(hour, minute, found["meridiem"], bool(found["clock24"]) or found["hour"].startswith("0"))


def _hours_meant(hour: int, minute: int, meridiem: str | None, is_24_hour: bool) -> list[datetime.time]:
    if meridiem:
        if hour == 0:
            return []
        return (
            [datetime.time(hour, minute)] if hour > 12 else [datetime.time(hour % 12 + 12 * (meridiem == "p"), minute)]
        )
    if is_24_hour or hour >= 13 or hour in {0, 12}:
        return [datetime.time(hour, minute)]
    # Without am or pm, "2.30" could be either; the other end of the range, or daytime, decides.
    return [datetime.time(hour, minute), datetime.time(hour + 12, minute)]


def _read_range(start_text: str, end_text: str) -> tuple[datetime.time, datetime.time, bool] | None:
    """Pick the reading of a range that makes a plausible meeting: "11.00-1.00pm" is 11:00 to 13:00."""
    pairs = [
        (start, end)
        for start in _clock_readings(start_text)
        for end in _clock_readings(end_text)
        if start < end and _minutes(end) - _minutes(start) <= 12 * 60
    ]
    if not pairs:
        return None
    # A daytime start first, then the shortest meeting: "11.00-1.00pm" is 11:00-13:00, never 23:00.
    pairs.sort(key=lambda pair: (not _is_daytime(pair[0]), _minutes(pair[1]) - _minutes(pair[0])))
    return pairs[0][0], pairs[0][1], _count_daytime([start for start, _ in pairs]) > 1


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _is_daytime(value: datetime.time) -> bool:
    return _DAYTIME[0] <= value <= _DAYTIME[1]


def _count_daytime(times: list[datetime.time]) -> int:
    return sum(_is_daytime(value) for value in times)


def _daytime_first(times: list[datetime.time]) -> list[datetime.time]:
    return sorted(times, key=lambda value: not _is_daytime(value))


# --- Venues ---------------------------------------------------------------------------------------------------

_VENUE_LEAD = re.compile(r"^[\s,;:|/–—-]*(?:(?:held\s+)?(?:at|in|via|on)\b|venue\b|location\b)?[\s:,–—-]*", re.I)
_ONLINE = re.compile(
    r"\b(?:MS\s+Teams|Microsoft\s+Teams|Teams|Zoom|Google\s+Meet|Webex|online|virtual(?:ly)?|hybrid)\b", re.IGNORECASE
)
_VENUE_WORDS = re.compile(
    r"\b(?:room|house|hall|centre|center|school|college|academy|office|offices|building|library|street|road|suite"
    r"|chambers|campus|university|town|council)\b",
    re.IGNORECASE,
)


def _venue_from_rest(rest: str) -> str:
    venue = _VENUE_LEAD.sub("", rest, count=1).strip(" ,;.")
    if not re.search(r"[A-Za-z]{2}", venue) or len(venue.split()) > 15 or _find_date(venue):
        return ""
    return _online_name(venue) if re.fullmatch(_ONLINE.pattern, venue, re.IGNORECASE) else venue


def _online_name(text: str) -> str:
    return "Online" if text.lower().startswith(("online", "virtual")) else text


# --- Agenda headings ------------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_SUB_ITEM = re.compile(r"^\d{1,2}\.\d{1,2}\b")
_NOT_AGENDA = frozenset(
    {"decisions", "decision", "discussion", "key points", "outcome", "outcomes", "notes", "summary", "key decisions"}
)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:draft|approved|confirmed|unconfirmed|final)\s+)?(?:minutes|notes)\s+(?:of|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:\w+\s+)?meeting\s+(?:of|held\s+by)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_TITLE_HELD = re.compile(r"\s+(?:held|which\s+took\s+place|that\s+took\s+place)\b.*$", re.IGNORECASE)
_GENERIC_TITLES = frozenset(
    re.split(
        r"\s*\|\s*",
        "minutes | meeting minutes | minutes of meeting | minutes of the meeting | notes | meeting notes | "
        "notes of meeting | notes of the meeting | draft minutes | meeting | action notes | record of meeting",
    )
)
_MARKINGS = re.compile(
    r"^(?:draft|confidential|official(?:[\s-]+sensitive)?|not\s+protectively\s+marked|restricted|private|"
    r"page\s+\d+(?:\s+of\s+\d+)?|for\s+publication|unconfirmed)\W*$",
    re.IGNORECASE,
)


def _plain_heading(text: str) -> str | None:
    """A short standalone line that names a part of the meeting, e.g. "Introductions"."""
    words = text.split()
    if not 1 <= len(words) <= 12 or len(text) > 100 or not (text[0].isupper() or text[0].isdigit()):
        return None
    if text.endswith((".", ",", ";", ":")) or _SENTENCE_BREAK.search(text) or not re.search(r"[A-Za-z]{2}", text):
        return None
    if _SUB_ITEM.match(text):
        return None  # "3.1 Attendance data" is part of item 3, not an item of its own
    if _TIME_RANGE.search(text) or _ONE_TIME.search(text) or text.lower() in _NOT_AGENDA:
        return None
    return text


def _dash_heading(text: str) -> str | None:
    """The heading before a dash: "Attendance - a discussion about ...", "Useful lessons – Simon Day (slides)"."""
    parts = re.split(r"\s+[–—-]\s+", text, maxsplit=1)
    if len(parts) != 2 or len(text.split()) > 35 or len(parts[0].split()) > 8:
        return None
    head, tail = parts
    if _plain_heading(head) is None or _SENTENCE_BREAK.search(tail.rstrip(".")):
        return None
    presenter = _BRACKETED.sub(" ", tail).strip(" .")
    if tail[0].islower() or _looks_like_name(presenter) or _INITIALS.fullmatch(presenter):
        return head
    return None


# --- Actions --------------------------------------------------------------------------------------------------

_ACTION_MARKER = re.compile(r"(?:(?<=[.!?])\s+|^)(?:ACTIONS?|Actions?)\s*(?:\((?P<note>[^()]{1,40})\))?\s*[:–—]\s*")
_OWNER_NOTE = re.compile(
    r"[\s(\[;,.–—-]*\b(?:owner|lead|responsible|action\s+by)\s*[:–—-]\s*(?P<who>[^;,.()\[\]]{1,60}?)\s*[)\]]?"
    r"(?=$|[;,.]|\s+due\b)",
    re.IGNORECASE,
)
_TRAILING_OWNER = re.compile(
    r"\s*(?:[–—-]\s*|(?P<bracket>[(\[])\s*)(?P<who>[A-Z]{2,4}(?:\s*(?:/|,|&|and)\s*[A-Z]{2,4})*)\s*[)\]]?\s*\.?$"
)
_SUBJECT = re.compile(
    r"^(?P<who>.{1,60}?)\s+(?:has\s+|have\s+)?(?:agreed\s+to|is\s+to|are\s+to|will|to|should|must|needs?\s+to)\s+"
    r"(?!be\b)(?=[a-z])"
)
_INFERRED_SUBJECT = re.compile(
    r"^(?P<who>[A-Z][\w'’.-]*(?:(?:\s+(?:and|&)\s+|\s*/\s*|\s+)[A-Z][\w'’.-]*){0,4})\s+"
    r"(?:has\s+|have\s+)?(?:agreed\s+to|will|is\s+to|are\s+to|to)\s+(?!be\b)(?=[a-z])"
)
_GROUP_OWNER = re.compile(r"^(?:the|all|each|every|both)\b", re.IGNORECASE)
_WELL_KNOWN_BODIES = frozenset({"LA", "DFE", "NHS", "MAT", "MATS", "FE", "SCC", "ESFA", "LAS"})


def _owner_parts(who: str) -> list[str]:
    return [part for part in re.split(r"\s*(?:/|&|,|\band\b)\s*", who) if part]


def _action_pieces(text: str, lead_note: str | None = None) -> list[tuple[str, str]]:
    """Split text at each "Action:" marker; with a lead_note, the text before the first marker is an action too."""
    markers = list(_ACTION_MARKER.finditer(text))
    pieces = [(text[: markers[0].start()] if markers else text, lead_note)] if lead_note is not None else []
    for marker, following in zip(markers, [*markers[1:], None], strict=False):
        pieces.append((text[marker.end() : following.start() if following else len(text)], marker["note"] or ""))
    return [
        (piece.strip(), note or "") for piece, note in pieces if piece.strip() and not _NOTHING.match(piece.strip())
    ]


def _is_marked(text: str) -> bool:
    """A bulleted or numbered list item, or a table row."""
    return _is_bullet(text) or bool(_NUMBERING.match(text)) or bool(_cells(text))


def _is_action_line(text: str) -> bool:
    if _is_marked(text):
        return True
    return text.endswith(".") or bool(_SUBJECT.match(text))


def _take_owner_note(text: str, people: _People) -> tuple[str, str]:
    """Take "(Owner: SB)", "Lead: Jane Roe" or a trailing "– SB" off an action, returning the owner."""
    for pattern in (_OWNER_NOTE, _TRAILING_OWNER):
        found = pattern.search(text)
        if found and _is_owner_note(found, people):
            remaining = (text[: found.start()] + text[found.end() :]).strip(" ,;–—-")
            return remaining or text, found.group("who").strip()
    return text, ""


def _is_owner_note(found: re.Match, people: _People) -> bool:
    # "(SEND)" at the end of an action is usually part of the text; "(SB)" is an owner only if SB is someone.
    if "bracket" not in found.groupdict() or not found.group("bracket"):
        return True
    return all(people.resolve(part) for part in _owner_parts(found.group("who")))


def _subject_owner(text: str, people: _People) -> str:
    """ "the Department is to publish ..." is owned by "the Department"; "circulate the slides" names no owner."""
    found = _SUBJECT.match(text)
    if not found:
        return ""
    who = found.group("who").strip(" ,")
    words = who.split()
    if all(people.resolve(part) or _INITIALS.fullmatch(part) for part in _owner_parts(who)):
        return who
    if _GROUP_OWNER.match(who) and len(words) <= 5:
        return who
    if 2 <= len(words) <= 4 and all(word[0].isupper() for word in words):
        return who
    return who if len(words) == 1 and (_is_acronym(who) or _is_plural_noun(who)) else ""


def _is_plural_noun(word: str) -> bool:
    # "Officials to share the data" names an owner; "Discuss ..." or "Circulate ..." is an instruction.
    return word[:1].isupper() and word.endswith("s") and not word.endswith("ss")


# --- Reading a set of minutes ---------------------------------------------------------------------------------


def parse_minutes(text: str) -> ParsedMinutes:
    """Read minutes into a draft for a chair to confirm.

    Never raises: an upload must always reach the confirmation screen, where the
    warnings tell the chair what to fill in by hand.
    """
    try:
        return _MinutesReader(_as_text(text)).read()
    except Exception:  # a reading bug must not lose the chair's upload
        logger.exception("Could not read uploaded minutes")
        message = "These minutes could not be read automatically; please fill in the details by hand."
        return ParsedMinutes(warnings=[ParserWarning("title", message)])


@dataclass
class _HeadingScan:
    """What the agenda scan remembers from one line to the next."""

    previous: str = ""
    in_list: bool = False
    last_number: int | None = None


class _MinutesReader:
    """Reads one set of minutes; each part of the minutes has its own small method."""

    def __init__(self, text: str):
        self.warnings: list[ParserWarning] = []
        if len(text) > _MAX_CHARACTERS:
            text = text[:_MAX_CHARACTERS]
            self._warn("title", "The file is very long, so only its first part was read; please check the details.")
        self.lines = _clean_lines(text)
        self.last_text_line = max((index for index, text in enumerate(self.lines) if text), default=-1)
        self.consumed: set[int] = set()
        self.sections: list[_Section] = []
        self.section_at: dict[int, _Section] = {}
        self.header_lines: set[int] = set()
        self.people = _People([])
        self.body_start = 0

    def _warn(self, field: str, message: str) -> None:
        self.warnings.append(ParserWarning(field, message))

    def read(self) -> ParsedMinutes:
        minutes = ParsedMinutes()
        if self.last_text_line < 0:
            self._warn("title", "The minutes are empty, so nothing could be read from them.")
        self._find_sections()
        minutes.title = self._title()
        self._read_when(minutes)
        self._read_people(minutes)
        self.body_start = self._find_body_start()
        self.people = _People(self._names_in_order())
        minutes.agenda = self._agenda()
        minutes.actions = self._actions()
        minutes.next_meeting = self._next_meeting(minutes.date)
        self._warn_about_gaps(minutes)
        minutes.warnings = _tidy_warnings(self.warnings)
        return minutes

    # Sections --------------------------------------------------------------------------------------------------

    def _find_sections(self) -> None:
        for index, text in enumerate(self.lines):
            if index in self.consumed or not text:
                continue
            section = self._labelled_section(index, text) or self._table_section(index, text)
            if section:
                self.sections.append(section)
                self.section_at[index] = section
                self.consumed |= section.indexes()

    def _labelled_section(self, index: int, text: str) -> _Section | None:
        label = _match_label(text)
        if label is None:
            return None
        section = _Section(label.kind, index, label, self._items(label, index))
        if label.kind in _PEOPLE_KINDS:
            section.entries, section.unreadable = _read_entries(section)
        return section if _is_real_section(section) else None

    def _table_section(self, index: int, text: str) -> _Section | None:
        cells = _cells(text)
        kind = _table_kind(cells) if cells else None
        if kind is None:
            return None
        items = []
        for following in range(index + 1, len(self.lines)):
            if not _cells(self.lines[following]):
                break
            items.append((following, self.lines[following]))
        section = _Section(kind, index, _Label(kind, text, ""), items, _columns(cells))
        section.entries, section.unreadable = _read_entries(section)
        return section

    def _items(self, label: _Label, index: int) -> list[tuple[int, str]]:
        """The lines after a label that belong to it, e.g. one attendee per line."""
        if label.rest and label.kind in _ONE_LINE_KINDS | {"next_meeting"}:
            return []
        # "Next meeting" may be a heading with the date on the line below, and occasionally the line after.
        limit = 1 if label.kind in _ONE_LINE_KINDS else 2 if label.kind == "next_meeting" else 300
        items: list[tuple[int, str]] = []
        for following in range(index + 1, len(self.lines)):
            text = self.lines[following]
            if not text and (items or label.rest):
                break  # a blank line ends a list, though one may sit between a label and its list
            if text and (_match_label(text) or not _ITEM_TESTS[label.kind](text)):
                break
            if text and items and _is_marked(items[0][1]) and not _is_marked(text):
                break  # a bulleted list ends where the prose starts again
            if text:
                items.append((following, text))
            if len(items) >= limit:
                break
        return items

    def _sections(self, *kinds: str) -> list[_Section]:
        return [section for section in self.sections if section.kind in kinds]

    # Title -----------------------------------------------------------------------------------------------------

    def _title(self) -> str:
        candidates = [index for index in self._leading_lines(8) if _could_be_title(self.lines[index])]
        for position, index in enumerate(candidates[:3]):
            title = _tidy_title(self.lines[index])
            if title and title.lower() not in _GENERIC_TITLES:
                self.header_lines.update(candidates[: position + 1])
                return title
        if candidates:
            self.header_lines.add(candidates[0])
            return self.lines[candidates[0]]
        return ""

    def _leading_lines(self, count: int) -> list[int]:
        indexes = (index for index, text in enumerate(self.lines[:300]) if text and index not in self.consumed)
        return [index for _, index in zip(range(count), indexes, strict=False)]

    # Date, times and venue -------------------------------------------------------------------------------------

    def _read_when(self, minutes: ParsedMinutes) -> None:
        date_line, date_text = self._date_source()
        mention = _find_date(date_text)
        rest = date_text[mention.end :] if mention else date_text
        if mention:
            minutes.date = self._meeting_date(mention)
        elif date_line is not None:
            self._warn("date", f'The date "{_shorten(date_text)}" could not be read; please enter the meeting date.')
        rest = self._read_times(minutes, rest, date_line)
        minutes.venue = self._venue(rest, date_line)

    def _date_source(self) -> tuple[int | None, str]:
        for section in self._sections("date"):
            self.header_lines.add(section.line)
            return section.line, section.text()
        for index in self._leading_lines(30):
            text = self.lines[index]
            if len(text.split()) <= 30 and _find_date(text):
                self.header_lines.add(index)
                return index, text
            if _is_prose(text):
                break  # the discussion has begun; a date from here on is not the meeting's
        return None, ""

    def _meeting_date(self, mention: _DateMention) -> datetime.date | None:
        if mention.year is None:
            self._warn("date", "The meeting date has no year; please enter the full date.")
            return None
        date = _safe_date(mention.year, mention.month, mention.day)
        if date and mention.weekday is not None and mention.weekday != date.weekday():
            self._warn(
                "date",
                f"The day of the week in the minutes does not match {date:%d %B %Y} (a {date:%A}); "
                "please check the date.",
            )
        return date

    def _read_times(self, minutes: ParsedMinutes, rest: str, date_line: int | None) -> str:
        """Fill in the start and end times; return what follows them on the date line (often the venue)."""
        time_text, separate = self._time_source(rest, date_line)
        times = _find_times(time_text)
        if times:
            minutes.start_time, minutes.end_time = times.start, times.end or self._closing_time(times.start)
            if times.ambiguous:
                self._warn("start_time", "No am or pm was given, so the times are a best guess; please check them.")
        elif time_text.strip(" ,;") and (separate or _TIME_ATTEMPT.search(_without_when(time_text))):
            self._warn_unreadable_time(time_text)
        return rest[times.span_end :] if times and not separate else rest

    def _time_source(self, rest: str, date_line: int | None) -> tuple[str, bool]:
        for section in self._sections("time"):
            self.header_lines.add(section.line)
            return section.text(), True
        following = self._next_text_line(date_line)
        if following is not None and not _find_times(rest) and _is_time_only(self.lines[following]):
            self.header_lines.add(following)
            return self.lines[following], True
        return rest, False

    def _closing_time(self, start: datetime.time | None) -> datetime.time | None:
        """ "The meeting closed at 12.55pm" gives the finishing time when the heading gives only the start."""
        for text in self.lines:
            found = _MEETING_CLOSED.search(text) if "meeting" in text.lower() else None
            readings = _daytime_first(_clock_readings(found.group("time"))) if found else []
            readings = [reading for reading in readings if start is None or reading > start]
            if readings:
                return readings[0]
        return None

    def _warn_unreadable_time(self, text: str) -> None:
        quoted = _shorten(text.strip(" ,;"))
        self._warn("start_time", f'The time "{quoted}" could not be read; please enter the start time.')
        self._warn("end_time", f'The time "{quoted}" could not be read; please enter the finishing time.')

    def _next_text_line(self, index: int | None) -> int | None:
        if index is None:
            return None
        return next((i for i in range(index + 1, min(len(self.lines), index + 6)) if self.lines[i]), None)

    def _venue(self, rest: str, date_line: int | None) -> str:
        for section in self._sections("venue"):
            self.header_lines.add(section.line)
            return _venue_from_rest(section.text()) or section.text()
        return _venue_from_rest(rest) or self._venue_below(date_line) or self._online_venue()

    def _venue_below(self, date_line: int | None) -> str:
        """Some minutes put the venue on its own line under the date."""
        if date_line is None:
            return ""
        below = self._next_text_line(max([date_line, *self.header_lines]))
        if below is None or below in self.consumed:
            return ""
        text = self.lines[below]
        if _match_label(text) or _cells(text) or text.endswith((".", ":")) or len(text.split()) > 12:
            return ""
        if text.lower() in _GENERIC_TITLES:
            return ""
        # A heading straight after the date is not a venue: the line must sit above the lists or name a place.
        if not (self._before_people_lists(below) or _VENUE_WORDS.search(text) or _ONLINE.search(text)):
            return ""
        self.header_lines.add(below)
        return _venue_from_rest(text)

    def _before_people_lists(self, index: int) -> bool:
        return any(section.line > index for section in self._sections("attendees", "in_attendance", "apologies"))

    def _online_venue(self) -> str:
        first_list = min((section.line for section in self._sections(*_PEOPLE_KINDS)), default=len(self.lines))
        for index in self._leading_lines(4):
            found = _ONLINE.search(self.lines[index])
            if found and index < first_list and len(self.lines[index]) <= 120:
                return _online_name(found.group(0))
        return ""

    # People ----------------------------------------------------------------------------------------------------

    def _read_people(self, minutes: ParsedMinutes) -> None:
        for section in self._sections("attendees", "in_attendance", "apologies"):
            _file_entries(minutes, section.kind, section.entries)
        for section in self._sections("notes_taker"):
            for entry in section.entries:
                _give_role(minutes, entry, "notes", minutes.in_attendance)
        minutes.attendees = _unique_people(minutes.attendees)
        minutes.in_attendance = _unique_people(minutes.in_attendance)
        minutes.chair = self._chair(minutes)
        for section in self._sections(*_PEOPLE_KINDS):
            for piece in section.unreadable:
                field = section.kind if section.kind in {"attendees", "in_attendance", "apologies"} else "attendees"
                self._warn(field, f'"{_shorten(piece)}" did not look like a name, so it was left out; please check.')

    def _chair(self, minutes: ParsedMinutes) -> str:
        for section in self._sections("chair"):
            role = "independent chair" if "independent" in section.label.label.lower() else "chair"
            for entry in section.entries[:1]:
                return _give_role(minutes, entry, role, minutes.attendees, at_start=True).name
        chairs = [person.name for person in minutes.attendees + minutes.in_attendance if _is_chair(person)]
        return " and ".join(chairs)

    def _names_in_order(self) -> list[str]:
        """Full names in order of first mention: the lists at the top, then names in the discussion."""
        mentions = [(section.line, name) for section in self._sections(*_PEOPLE_KINDS) for name in section.names()]
        body = range(self.body_start, len(self.lines))
        mentions += [
            (index, name) for index in body if index not in self.consumed for name in _name_runs(self.lines[index])
        ]
        # The sort is stable, so names on one line keep their written order.
        return [name for _, name in sorted(mentions, key=lambda mention: mention[0])]

    # Body ------------------------------------------------------------------------------------------------------

    def _find_body_start(self) -> int:
        # Lines before the last header line (title, date, venue) and the lists under them are never agenda items.
        header = [section.indexes() for section in self._sections(*_HEADER_KINDS, "agenda")]
        header_consumed = set().union(*header)
        start = max(self.header_lines, default=-1) + 1
        while start < len(self.lines) and (not self.lines[start] or start in header_consumed):
            start += 1
        return start

    # Agenda ----------------------------------------------------------------------------------------------------

    def _agenda(self) -> list[str]:
        listed = []
        for section in self._sections("agenda"):
            listed += re.split(r"\s*;\s*", section.label.rest) + [_strip_list_marker(text) for _, text in section.items]
        listed = [item for item in listed if item]
        return _unique(listed) if listed else _unique(self._agenda_headings())

    def _agenda_headings(self) -> list[str]:
        headings, scan = [], _HeadingScan()
        for index in range(self.body_start, len(self.lines)):
            heading = self._heading_at(index, scan)
            if heading:
                headings.append(heading)
        return headings

    def _heading_at(self, index: int, scan: _HeadingScan) -> str | None:
        text = self.lines[index]
        if not text:
            return None
        number, body = _split_numbering(text)
        # Numbered lines after "... nine conditions:" are a list in the discussion, not agenda items.
        in_list = (_is_bullet(text) or number is not None) and (scan.previous.endswith(":") or scan.in_list)
        scan.in_list, scan.previous = in_list, text
        if index in self.consumed:
            return self._consumed_heading(index, number, scan)
        if in_list or _is_bullet(text) or index >= self.last_text_line:
            return None
        heading = _row_heading(text) if _cells(text) else self._line_heading(number, body, scan)
        if heading and number is not None:
            scan.last_number = number
        return heading

    def _consumed_heading(self, index: int, number: int | None, scan: _HeadingScan) -> str | None:
        """A "Date of next meeting" heading is the last agenda item; other labelled lines are not items."""
        if number is not None:
            scan.last_number = number
        section = self.section_at.get(index)
        if section is None or section.kind != "next_meeting":
            return None
        return section.label.label[:1].upper() + section.label.label[1:]

    def _line_heading(self, number: int | None, body: str, scan: _HeadingScan) -> str | None:
        if self._is_sentence_about_someone(body):
            return None
        # Seed 000's "3. Focusing on ... – recognising ..." continues a list in the prose, so a numbered dash
        # heading only counts when it follows on from the items before it.
        in_sequence = number is None or number == 1 or (scan.last_number is not None and number > scan.last_number)
        heading = (_dash_heading(body) if in_sequence else None) or _plain_heading(body)
        if heading and _looks_like_name(heading) and self.people.resolve(heading):
            return None  # a signature or a presenter's name, not an item
        return heading

    def _is_sentence_about_someone(self, text: str) -> bool:
        words = text.split()
        if len(words) < 2 or not words[1][:1].islower():
            return False
        return self.people.knows_initials(words[0]) or bool(self.people.resolve(words[0]))

    # Actions ---------------------------------------------------------------------------------------------------

    def _actions(self) -> list[ParsedAction]:
        found = self._actions_in_sections() + self._actions_in_prose()
        # Actions are inferred only from minutes that mark none, so a marked action is never counted twice.
        if found or self._sections("actions"):
            return [action for _, action in sorted(found, key=lambda pair: pair[0])]
        return self._inferred_actions()

    def _actions_in_sections(self) -> list[tuple[int, ParsedAction]]:
        found = []
        for section in self._sections("actions"):
            pieces = _action_pieces(section.label.rest, section.label.note)
            found += [(section.line, self._action(text, note)) for text, note in pieces]
            found += self._actions_in_items(section)
        return found

    def _actions_in_items(self, section: _Section) -> list[tuple[int, ParsedAction]]:
        found, columns = [], section.columns
        for index, text in section.items:
            cells = _cells(text)
            if cells and _is_header_row(cells):
                columns = _columns(cells)
                continue
            action = self._action_from_row(cells, columns) if cells else self._action(_strip_list_marker(text))
            if action:
                found.append((index, action))
        return found

    def _actions_in_prose(self) -> list[tuple[int, ParsedAction]]:
        found = []
        for index, text in enumerate(self.lines):
            if index not in self.consumed and "ction" in text:
                found += [(index, self._action(piece, note)) for piece, note in _action_pieces(text)]
        return found

    def _inferred_actions(self) -> list[ParsedAction]:
        """With no "Action:" markers at all, sentences like "SD agreed to circulate his slides" are the actions."""
        found = []
        for index in range(self.body_start, len(self.lines)):
            if index in self.consumed or not self.lines[index]:
                continue
            for sentence in _sentences(_strip_list_marker(self.lines[index])):
                owner = self._inferred_owner(sentence)
                if owner:
                    found.append(ParsedAction(sentence, owner))
        return found

    def _inferred_owner(self, sentence: str) -> str | None:
        found = _INFERRED_SUBJECT.match(sentence)
        if not found:
            return None
        names = [self.people.resolve(part) for part in _owner_parts(found.group("who"))]
        return " and ".join(name for name in names if name) if names and all(names) else None

    def _action(self, text: str, hint: str = "") -> ParsedAction:
        text = " ".join(text.split()).strip(" ;")
        text, owner = _take_owner_note(text, self.people)
        owner = owner or hint or _subject_owner(text, self.people)
        return ParsedAction(text, self._owner_name(owner, text))

    def _action_from_row(self, cells: list[str], columns: dict[int, str] | None) -> ParsedAction | None:
        by_column = {columns.get(index, ""): cell for index, cell in enumerate(cells)} if columns else {}
        text = by_column.get("text") if columns else max(cells, key=len)
        if not text or re.fullmatch(r"[\W\d]*", text):
            return None
        owner = by_column.get("owner", "") if columns else next((c for c in cells if self.people.resolve(c)), "")
        return self._action(text, owner)

    def _owner_name(self, who: str, text: str) -> str:
        """The owner as a full name wherever initials or a first name can be resolved."""
        who = who.strip(" .,;:()[]")
        parts = _owner_parts(who)
        names = [self.people.resolve(part) for part in parts]
        if parts and all(names):
            return " and ".join(name for name in names if name)
        for part, name in zip(parts, names, strict=True):
            if name is None and _INITIALS.fullmatch(part) and part.upper() not in _WELL_KNOWN_BODIES:
                self._warn(
                    "actions",
                    f'"{part}", the owner of "{_shorten(text, 60)}", could not be matched to anyone '
                    "named in the minutes; please choose the owner.",
                )
        return who

    # Next meeting ----------------------------------------------------------------------------------------------

    def _next_meeting(self, meeting_date: datetime.date | None) -> datetime.datetime | None:
        sections = self._sections("next_meeting")
        text = sections[-1].text() if sections else self._next_meeting_sentence()
        mention = _find_date(text)
        day = mention.on_or_after(meeting_date) if mention else None
        if day is None:
            self._warn("next_meeting", _no_next_meeting_message(text, mention))
            return None
        return self._next_meeting_at(day, text[mention.end :])

    def _next_meeting_at(self, day: datetime.date, after_date: str) -> datetime.datetime:
        times = _find_times(after_date)
        if times and times.start:
            return datetime.datetime.combine(day, times.start)
        self._warn("next_meeting", f"The next meeting is on {day:%d %B %Y} but no time was given; please add the time.")
        return datetime.datetime.combine(day, datetime.time())

    def _next_meeting_sentence(self) -> str:
        for text in self.lines:
            for sentence in _sentences(text) if "next meeting" in text.lower() else []:
                if "next meeting" in sentence.lower() and _find_date(sentence):
                    return sentence
        return ""

    # Gaps ------------------------------------------------------------------------------------------------------

    def _warn_about_gaps(self, minutes: ParsedMinutes) -> None:
        """An empty field gets one plain message, unless a more specific one was already given."""
        for field, message in _GAP_MESSAGES.items():
            value = getattr(minutes, field) or (field == "apologies" and self._sections("apologies"))
            if not value and not any(warning.field == field for warning in self.warnings):
                self._warn(field, message)


_GAP_MESSAGES = {
    "title": "No title was found; please enter the name of the meeting.",
    "date": "No meeting date was found; please enter the date of the meeting.",
    "start_time": "No start time was found; please enter the time the meeting started.",
    "end_time": "No finishing time was found; please enter the time the meeting ended.",
    "venue": "No venue was found; please enter where the meeting was held, or 'Online'.",
    "chair": "Nobody is marked as chair; please choose who chaired the meeting.",
    "attendees": "No list of attendees was found; please add the people who attended.",
    "apologies": "No apologies section was found; please add anyone who sent apologies, or confirm there were none.",
    "agenda": "No agenda items were found; please add the items that were discussed.",
    "actions": "No actions were found; please add any actions that were agreed.",
}


_FIELD_ORDER = list(ParsedMinutes.__dataclass_fields__)
_WARNINGS_PER_FIELD = 6


def _tidy_warnings(warnings: list[ParserWarning]) -> list[ParserWarning]:
    """Warnings in the order of the confirmation screen, with a long run for one field summed up in one message."""
    tidy: list[ParserWarning] = []
    for field in sorted({warning.field for warning in warnings}, key=_FIELD_ORDER.index):
        messages = [warning.message for warning in warnings if warning.field == field]
        tidy += [ParserWarning(field, message) for message in messages[:_WARNINGS_PER_FIELD]]
        if len(messages) > _WARNINGS_PER_FIELD:
            hidden = len(messages) - _WARNINGS_PER_FIELD
            tidy.append(
                ParserWarning(field, f"There are {hidden} more problems like these; please check this part carefully.")
            )
    return tidy


def _no_next_meeting_message(text: str, mention: _DateMention | None) -> str:
    if mention is not None:
        return "The next meeting's date has no year and could not be placed; please enter the full date."
    if text:
        return f'The minutes say "{_shorten(text)}" but give no date for the next meeting; please add it when known.'
    return "No date for the next meeting was found; please add it if it is known."


_ITEM_TESTS = {
    "attendees": _is_person_line,
    "in_attendance": _is_person_line,
    "apologies": _is_person_line,
    "chair": _is_person_line,
    "notes_taker": _is_person_line,
    "date": lambda text: _find_date(text) is not None,
    "time": lambda text: bool(_TIME_ATTEMPT.search(text)) and len(text.split()) <= 10,
    "venue": lambda text: len(text.split()) <= 15 and not text.endswith("."),
    "next_meeting": lambda text: True,
    "agenda": lambda text: _is_bullet(text) or bool(_NUMBERING.match(text)) or bool(_plain_heading(text)),
    "actions": _is_action_line,
}


def _read_entries(section: _Section) -> tuple[list[_Entry], list[str]]:
    """The people a list section names, and any pieces of it that were not names."""
    entries: list[_Entry] = []
    unreadable: list[str] = []
    columns = section.columns
    rest = "" if _NOTHING.match(section.label.rest) else section.label.rest
    for text in [rest, *(text for _, text in section.items)]:
        cells = _cells(_strip_list_marker(text)) if text else None
        if cells and _is_header_row(cells):
            columns = _columns(cells)
        elif cells:
            entries.extend(entry for entry in [_entry_from_row(cells, columns)] if entry)
        elif text:
            _read_entries_in_text(text, entries, unreadable)
    return entries, unreadable


def _read_entries_in_text(text: str, entries: list[_Entry], unreadable: list[str]) -> None:
    for piece in _split_people(text):
        entry = _entry_from_piece(piece)
        if entry:
            entries.append(entry)
        elif entries and len(piece.split()) <= 8:
            entries[-1].add_note(piece)  # "Jane Roe, Walsall Council" or "Jane Roe, represented by John Doe"
        elif not _NOTHING.match(piece):
            unreadable.append(piece)


def _is_real_section(section: _Section) -> bool:
    """A label word followed by prose ("Attendance - a discussion ...") is a heading, not a list."""
    if section.kind in {"attendees", "in_attendance", "chair", "notes_taker"}:
        return bool(section.entries)
    if section.kind == "apologies":
        rest = section.label.rest
        return bool(section.entries) or not rest or bool(_NOTHING.match(rest))
    return section.kind != "agenda" or bool(section.items or section.label.rest)


def _file_entries(minutes: ParsedMinutes, kind: str, entries: list[_Entry]) -> None:
    for entry in entries:
        if kind == "apologies" or entry.status == "apologies":
            minutes.apologies.append(entry.as_apology())
        elif entry.status != "absent":
            (minutes.in_attendance if kind == "in_attendance" else minutes.attendees).append(entry.as_person())


def _give_role(
    minutes: ParsedMinutes, entry: _Entry, role: str, add_to: list[ParsedPerson], at_start: bool = False
) -> ParsedPerson:
    """Give a listed person a role, adding them if the minutes name them only in a "Chair:" or "Clerk:" line."""
    key = name_key(entry.name)
    for person in minutes.attendees + minutes.in_attendance:
        if name_key(person.name) == key:
            if role not in person.role.split(", "):
                person.role = ", ".join(filter(None, [role, person.role]))
            return person
    entry.roles = [role, *(existing for existing in entry.roles if existing != role)]
    person = entry.as_person()
    add_to.insert(0 if at_start else len(add_to), person)
    return person


def _is_chair(person: ParsedPerson) -> bool:
    return any(role.strip() in _CHAIR_ROLES for role in person.role.split(","))


def _unique_people(people: list[ParsedPerson]) -> list[ParsedPerson]:
    unique: dict[str, ParsedPerson] = {}
    for person in people:
        unique.setdefault(name_key(person.name), person)
    return list(unique.values())


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) > 30 or (len(words) > 8 and text.endswith(".") and not _cells(text))


def _is_time_only(text: str) -> bool:
    return bool(_find_times(text)) and len(text.split()) <= 6 and _match_label(text) is None


def _row_heading(text: str) -> str | None:
    """In a Word agenda table, "1 | Welcome and apologies | SB" is item 1."""
    cells = [cell for cell in _cells(text) or [] if cell]
    if len(cells) >= 2 and re.fullmatch(r"\d{1,2}\.?", cells[0]):
        return _dash_heading(cells[1]) or _plain_heading(cells[1])
    return None


def _could_be_title(text: str) -> bool:
    letters = sum(character.isalpha() or character.isspace() for character in text)
    if len(text) > 200 or letters < len(text) * 0.6 or _MARKINGS.match(text) or _cells(text) or _is_prose(text):
        return False
    return _find_date(text) is None or bool(re.search(r"[A-Za-z]{3}", _without_when(text)))


def _tidy_title(text: str) -> str:
    """ "Minutes of the Attendance Working Group held on 12 March 2024" -> "Attendance Working Group"."""
    title = _TITLE_HELD.sub("", _TITLE_PREFIX.sub("", text, count=1)).strip(" ,–—-:")
    mention = _find_date(title)
    if mention and mention.start > 0:
        title = title[: mention.start].strip(" ,–—-:")
    return title


def _without_when(text: str) -> str:
    mention = _find_date(text)
    text = text[: mention.start] + " " + text[mention.end :] if mention else text
    return _TIME_RANGE.sub(" ", text)


_NAME_WORD = r"[A-Z][a-z'’]+(?:[A-Z][a-z'’]+)?(?:-[A-Z][a-z'’]+)?"
_NAME_RUN = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?: {_NAME_WORD}){{1,3}}(?![\w'’-])")
_RUN_LEAD_WORDS = _word_set(
    "the this that these those both all thanks dear when if as in on at for from with and but so also then monday "
    "tuesday wednesday thursday friday saturday sunday"
)


def _name_runs(text: str) -> list[str]:
    """Capitalised runs of words that could be a person named in full ("Simon Day from ISOS ...")."""
    names = []
    for found in _NAME_RUN.finditer(text):
        words = found.group(0).split()
        while words and words[0].lower() in _RUN_LEAD_WORDS:
            words = words[1:]
        if len(words) >= 2 and all(_is_name_word(word) and word.lower() not in _MONTHS for word in words):
            names.append(" ".join(words))
    return names
