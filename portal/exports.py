"""Spreadsheets the portal writes: safe to open in Excel, and readable there.

Names and titles come from imported minutes and sign-up forms, so a cell may begin `=HYPERLINK(...)`
or `=cmd|...`; Excel runs such a cell as a formula. `safe_csv_cell` neutralises it the way OWASP
recommends (a leading single quote), and every CSV starts with a UTF-8 byte-order mark so Excel
reads accented names as UTF-8 rather than as the system code page.
"""

import codecs
import re

from wagtail.admin.views.generic import IndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

# A cell starting with any of these is read as a formula (or, for tab and carriage return, can be
# shifted into one) by Excel, LibreOffice and Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, without importing openpyxl).
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")


def safe_csv_cell(value):
    """The value as a spreadsheet will show it, never run it: text starting like a formula gets a
    leading single quote. Anything that is not text (numbers, dates, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class SafeSpreadsheetExportMixin:
    """For any view built on Wagtail's SpreadsheetExportMixin: CSV cells are neutralised and the file
    starts with a byte-order mark. XLSX needs neither (Wagtail writes formula-like text as text cells),
    but loses the control characters a cell cannot hold, which would otherwise fail the whole file."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return safe_csv_cell(value)
        return XLSX_ILLEGAL.sub("", value) if isinstance(value, str) else value

    def stream_csv(self, queryset):
        yield codecs.BOM_UTF8
        yield from super().stream_csv(queryset)


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The listing view for every ModelViewSet with `list_export`."""


class SafeExportSnippetIndexView(SafeSpreadsheetExportMixin, SnippetIndexView):
    """The listing view for every SnippetViewSet with `list_export`."""
