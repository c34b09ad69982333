"""Imports that must not hold up a request, queued on the `background` task backend like email.

A LAIT file of 33,830 rows takes seconds to import, longer than a request should wait, so the admin's
upload stores the file and queues `import_figures`; the worker imports it and records what happened.
"""

import shutil
import tempfile
from functools import partial
from pathlib import PurePath

from django.db import transaction
from django_tasks import task

from actions.indicator_import import import_indicators
from actions.models import FigureImportRequest, IndicatorImport
from portal.page_cache import forget_all_pages


@task(backend="background")
def import_figures(request_id: int) -> str:
    """Imports one uploaded file, all of it or none, and records the report and the state it ended in.

    The stored file is deleted once the import is done or refused (a problem in the file, listed by
    row and column). It is kept when the import failed (a fault in the importer, not in the file), so
    the fault can be reproduced from the very file; the request then shows "Failed".
    """
    figure_import = FigureImportRequest.objects.select_related("requested_by").get(pk=request_id)
    if not figure_import.claim():
        return figure_import.state  # another worker has it, or had it
    try:
        with transaction.atomic():
            report, produced = run_import(figure_import)
            figure_import.finish(report, produced)
    except Exception:
        figure_import.fail()
        raise
    figure_import.forget_file()
    if figure_import.produced_id:
        forget_all_pages()  # the figures pages show what was imported
    return figure_import.state


def run_import(figure_import) -> tuple[dict, IndicatorImport | None]:
    """The importer reads a path, so the stored file is copied to a temporary one: storage may be remote."""
    latest = IndicatorImport.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with figure_import.file.open("rb") as stored, tempfile.NamedTemporaryFile(suffix=suffix(figure_import)) as copy:
        shutil.copyfileobj(stored, copy)
        copy.flush()
        report = import_indicators(
            copy.name,
            by=figure_import.requested_by,
            dry_run=figure_import.dry_run,
            file_name=figure_import.file_name,
            version=figure_import.version,
        )
    return report.as_json(), produced_by(figure_import, latest)


def suffix(figure_import) -> str:
    return PurePath(figure_import.file_name).suffix


def produced_by(figure_import, latest) -> IndicatorImport | None:
    """The record the import kept, if it changed anything: the importer makes one and returns only its report."""
    if figure_import.dry_run:
        return None
    made = IndicatorImport.objects.filter(pk__gt=latest, file_name=figure_import.file_name)
    return made.filter(by=figure_import.requested_by).order_by("-pk").first()


def queue_figure_import(upload, *, by, dry_run, version) -> FigureImportRequest:
    """Stores the upload and queues its import once the request is saved, so the worker always finds it."""
    figure_import = FigureImportRequest.objects.create(
        file=upload, file_name=upload.name, requested_by=by, dry_run=dry_run, version=version
    )
    transaction.on_commit(partial(import_figures.enqueue, figure_import.pk))
    return figure_import


def queue_import_again(figure_import) -> bool:
    """Queues a stalled import again once that is saved; False if it was not stalled."""
    if not figure_import.queue_again():
        return False
    transaction.on_commit(partial(import_figures.enqueue, figure_import.pk))
    return True
