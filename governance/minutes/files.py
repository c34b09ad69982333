"""Reading an upload: .txt in whatever encoding it was saved in, .docx with its tables and list numbers.

A Word file is a zip, and a small one can unpack into a huge document: its declared sizes and its
paragraph count are checked before python-docx parses it, so no upload can hold a request for minutes.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.table import Table

# python-docx (and lxml under it) adds about 15 MB to a process; it is imported when a Word file is read,
# not by every worker that imports the minutes package.
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """A "w:" tag in Clark notation, as python-docx's own `qn` makes it."""
    return WORD_NAMESPACE + tag.removeprefix("w:")


MB = 1024 * 1024
MAX_UPLOAD_BYTES = 5 * MB
# A 50-page set of minutes is about 1,500 paragraphs and well under 2 MB unpacked; these limits leave
# room for ten times that while refusing a small file that unpacks into millions of empty paragraphs.
MAX_WORD_PARAGRAPHS = 20_000
MAX_WORD_PART_BYTES = 15 * MB
MAX_WORD_UNPACKED_BYTES = 30 * MB
MAX_WORD_PARTS = 1_000
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_DAMAGED_WORD_FILE = (
    "This Word file could not be opened. It may be damaged, or not really a .docx file. "
    "Please save it again from Word and upload it."
)


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
    if len(content) > MAX_UPLOAD_BYTES:
        raise MinutesFileError(too_large_message(len(content)))
    # PostgreSQL cannot store NUL in text, and no minutes need one.
    text = reader(content).replace("\x00", "")
    if not text.strip():
        raise MinutesFileError("No text could be found in the file. Please check it is the right document.")
    return text


def too_large_message(size: int) -> str:
    return (
        f"The file is {size / MB:.1f} MB; minutes can be up to {MAX_UPLOAD_BYTES // MB} MB. "
        "Save them without images and try again."
    )


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
    utf16 = _utf16_without_bom(content)
    if utf16:
        return content.decode(utf16, errors="replace")
    if content[:4096].count(0) > len(content[:4096]) // 10:
        raise MinutesFileError(
            "This file does not look like text (it is full of zero bytes). In your editor, save the minutes "
            "as plain text in UTF-8, or as a Word document, and upload that."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved by older Windows editors are usually cp1252 (curly quotes, £, en dashes).
        return content.decode("cp1252", errors="replace")


def _utf16_without_bom(content: bytes) -> str | None:
    """Windows "Unicode" text saved without a byte-order mark: English letters alternate with zero bytes."""
    sample = content[:4096]
    pairs = len(sample) // 2
    zeros_first, zeros_second = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if pairs < 2 or max(zeros_first, zeros_second) < pairs * 0.3 or min(zeros_first, zeros_second) > pairs * 0.05:
        return None
    return "utf-16-le" if zeros_second > zeros_first else "utf-16-be"


def _read_word_file(content: bytes) -> str:
    _check_word_package(content)
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
        return "\n".join(_word_blocks(document))
    except Exception as error:  # python-docx raises many different errors for a damaged file
        raise MinutesFileError(_DAMAGED_WORD_FILE) from error


def _check_word_package(content: bytes) -> None:
    """Refuse a document that would unpack into more than minutes need, before python-docx unpacks it.

    The sizes checked are the ones the zip declares, and Python's zipfile never inflates a part
    beyond its declared size, so a lie in them cannot get past these checks either.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise MinutesFileError(_DAMAGED_WORD_FILE) from error
    with package:
        parts = package.infolist()
        unpacked = sum(part.file_size for part in parts)
        if len(parts) > MAX_WORD_PARTS or unpacked > MAX_WORD_UNPACKED_BYTES:
            raise MinutesFileError(_unpacks_too_large(unpacked, MAX_WORD_UNPACKED_BYTES))
        largest = max((part.file_size for part in parts), default=0)
        if largest > MAX_WORD_PART_BYTES:
            raise MinutesFileError(_unpacks_too_large(largest, MAX_WORD_PART_BYTES))
        text_parts = [part for part in parts if part.filename.startswith("word/") and part.filename.endswith(".xml")]
        paragraphs = sum(len(_PARAGRAPH_TAG.findall(package.read(part))) for part in text_parts)
    if paragraphs > MAX_WORD_PARAGRAPHS:
        raise MinutesFileError(
            f"This Word document has {paragraphs:,} paragraphs; the importer reads up to {MAX_WORD_PARAGRAPHS:,} "
            "(several hundred pages). Please remove the empty lines, or split the document, and upload it again."
        )


def _unpacks_too_large(size: int, limit: int) -> str:
    return (
        f"This Word document unpacks to {size / MB:,.0f} MB; the importer reads documents that unpack to "
        f"{limit // MB} MB or less. Please save it again without images or embedded files and upload it."
    )


def _word_blocks(document) -> Iterator[str]:
    from docx.table import Table

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
        self.by_style: dict[str | None, tuple[int, int] | None] = {}

    def marker(self, paragraph) -> str:
        numbering = _numbering_in(paragraph._p.pPr) or self._style_numbering(paragraph)
        if numbering is None:
            return ""
        list_id, level = numbering
        if level > 0 or self.formats.get((list_id, level), "decimal") != "decimal":
            return "- "
        self.counts[list_id] = self.counts.get(list_id, 0) + 1
        return f"{self.counts[list_id]}. "

    def _style_numbering(self, paragraph) -> tuple[int, int] | None:
        # python-docx finds a style by scanning every style, so each style is looked up once per document.
        style_id = paragraph._p.style
        if style_id not in self.by_style:
            self.by_style[style_id] = _style_numbering(paragraph.style)
        return self.by_style[style_id]


def _style_numbering(style) -> tuple[int, int] | None:
    """The (list, level) a paragraph style numbers its paragraphs in, perhaps through the style it is based on."""
    for _ in range(10):  # styles inherit from one another; a damaged file may even loop
        if style is None:
            return None
        numbering = _numbering_in(style.element.pPr)
        if numbering:
            return numbering
        style = style.base_style
    return None


def _numbering_in(properties) -> tuple[int, int] | None:
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
