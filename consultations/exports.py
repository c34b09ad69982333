"""Every submitted response as one spreadsheet row, for the chairs and secretariat who analyse in Excel.

A consultation can gather a hundred thousand responses, so neither format holds them in memory: the
CSV streams from a server-side cursor (`.iterator(chunk_size=…)`), reading each batch's answers in one
query, and the XLSX is written row by row by openpyxl's write-only mode into a temporary file that
is then sent. Answers read as a person would write them ("Text messages > Home visits > Letters",
"Yes: only in the autumn term", "Year 7; Other: Year 6"). Names and email addresses are columns only
for those `rules.may_see_names` allows.
"""

import codecs
import csv
import datetime
import io
import tempfile
from collections import defaultdict
from itertools import islice

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from consultations.analysis import YES_NO, submitted_responses, type_label
from consultations.answers import OTHER, TEXT_KINDS
from consultations.models import AGREEMENT, Answer
from portal.exports import safe_csv_cell

# The cursor fetches responses 2,000 at a time; their answers are read 250 responses (about 2,500
# rows) at a time, which keeps an export's peak about 4 MB above a warm worker's (17 MB at 2,000).
CHUNK = 2000
ANSWERS_FOR = 250
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIME_FORMAT = "%Y-%m-%d %H:%M"
LABELS = {**dict(AGREEMENT), **dict(YES_NO)}


def headings(questions, names):
    who = ["Name", "Email"] if names else []
    return ["Submitted", "Respondent type", "Organisation", *who, *(question.label for question in questions)]


def row_chunks(consultation, questions, names):
    """Rows of cells, ANSWERS_FOR responses at a time, oldest response first, each batch's answers in one query."""
    fields = ["pk", "submitted_at", "respondent_type", "organisation_name"]
    if names:
        fields += ["respondent_name", "respondent_email"]
    responses = submitted_responses(consultation).order_by("pk").values_list(*fields)
    for batch in chunked(responses.iterator(chunk_size=CHUNK), ANSWERS_FOR):
        answers = answers_to(questions, [response[0] for response in batch])
        yield [response_row(response, answers, questions) for response in batch]


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def answers_to(questions, response_ids):
    """{(response, question): [(value, text), …]}, ranked options in their order.

    The batch's ids ascend, so its answers are one range of the response index (two parameters, not
    hundreds); the rows of drafts or withdrawn responses within that range are never looked up.
    """
    in_range = {"response_id__gte": response_ids[0], "response_id__lte": response_ids[-1]}
    rows = Answer.objects.filter(**in_range, question__in=questions).order_by("rank", "pk")
    found = defaultdict(list)
    for response_id, question_id, value, text in rows.values_list("response_id", "question_id", "value", "text"):
        found[response_id, question_id].append((value, text))
    return found


def response_row(response, answers, questions):
    pk, submitted_at, respondent_type, organisation, *who = response
    given = [answer_text(question, answers.get((pk, question.pk))) for question in questions]
    return [submitted_at, type_label(respondent_type), organisation, *who, *given]


def answer_text(question, given):
    """One answer as text: a ranking "A > B > C", yes/no "Yes: comment", choices "X; Y; Other: …"."""
    if not given:
        return ""
    kind = question.field_type
    if kind == "ranking":
        return " > ".join(value for value, _ in given)
    if kind in TEXT_KINDS:
        return given[0][1]
    return "; ".join(choice_text(value, text) for value, text in given)


def choice_text(value, text):
    if value == OTHER:
        return f"Other: {text}" if text else "Other"
    label = LABELS.get(value, value)
    return f"{label}: {text}" if text and label else label or text


def filename(consultation, extension):
    return f"{slugify(consultation.title)[:60]}-responses-{timezone.localdate():%Y-%m-%d}.{extension}"


# CSV, streamed


def csv_response(consultation, questions, names):
    response = StreamingHttpResponse(csv_lines(consultation, questions, names), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(consultation, "csv")}"'
    return response


def csv_lines(consultation, questions, names):
    """The byte-order mark (so Excel reads UTF-8), the headings, then one block of text per batch."""
    yield codecs.BOM_UTF8
    yield as_csv([headings(questions, names)])
    zone = timezone.get_current_timezone()
    for rows in row_chunks(consultation, questions, names):
        for row in rows:
            row[0] = row[0].astimezone(zone).strftime(TIME_FORMAT) if row[0] else ""  # submitted, UK time
        yield as_csv(rows)


def as_csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([safe_csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


# XLSX, written to a temporary file


def xlsx_response(consultation, questions, names):
    """The workbook is built in a temporary file, deleted once sent, so memory stays flat however long it is."""
    spreadsheet = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it once sent
    write_xlsx(spreadsheet, consultation, questions, names)
    spreadsheet.seek(0)
    return FileResponse(spreadsheet, as_attachment=True, filename=filename(consultation, "xlsx"), content_type=XLSX)


def write_xlsx(spreadsheet, consultation, questions, names):
    from openpyxl import Workbook  # here, not above: every worker imports this module, few write XLSX

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    as_cell = cell_maker(sheet)
    sheet.append([as_cell(heading) for heading in headings(questions, names)])
    for rows in row_chunks(consultation, questions, names):
        for row in rows:
            sheet.append([as_cell(value) for value in row])
    workbook.save(spreadsheet)


def cell_maker(sheet):
    """Cells where text stays text (openpyxl would make "=…" a formula), times are UK time, and
    characters Excel cannot store are dropped rather than failing the whole file."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def as_cell(value):
        if isinstance(value, datetime.datetime):
            cell = WriteOnlyCell(sheet, timezone.localtime(value).replace(tzinfo=None))
            cell.number_format = "yyyy-mm-dd hh:mm"
            return cell
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
        if cell.data_type == "f":
            cell.data_type = "s"
        return cell

    return as_cell
