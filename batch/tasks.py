"""The tasks a batch runs (``runner.py`` submits them to an executor): module-level functions
of picklable arguments, so any executor (in process, a local pool, Dask) can run them.

    page_task(task, settings)         OCR one page (``pipeline.process_page``)
    document_task(doc, pages, ...)    the document stages (``pipeline.finish_document``) and
                                      the writers, atomically, from the worker

Each catches its own errors and returns them as one line naming the file (``one_line``).
"""

from __future__ import annotations

import functools
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sohoa.errors import InputError, SohoaError, os_error_line
from sohoa.model import Document, Page
from sohoa.normalize.corrections import corrections_for
from sohoa.normalize.user_model import load_restorer
from sohoa.ocr.ingest import PageTask
from sohoa.output.catalog import catalog_row
from sohoa.output.writers import write_each_format
from sohoa.pipeline import finish_document, process_page
from sohoa.settings import Settings


def page_task(task: PageTask, settings: Settings) -> tuple[Page | None, float, str | None]:
    """OCR one page: (page, seconds, None) or (None, seconds, one-line error)."""
    started = time.perf_counter()
    try:
        page = process_page(task, settings)
    except Exception as error:
        return None, time.perf_counter() - started, one_line(task.path, error)
    return page, time.perf_counter() - started, None


@dataclass(frozen=True)
class Converted:
    """What the parent needs from a finished document (never the document itself)."""

    written: list[str]  # output files, relative to OUTDIR
    pages: int
    sha256: str
    catalog: dict[str, Any]
    warnings: tuple[str, ...] = ()  # one line each, for the reporter
    failed_formats: dict[str, str] = field(default_factory=dict)  # format -> one-line error


def document_task(
    doc: Document,
    pages: list[Page],
    settings: Settings,
    ingest_seconds: float,
    outdir: str,
    output: str,
) -> tuple[Converted | None, str | None]:
    """Run the document stages and write the outputs (atomically) from the worker.

    Writers can be heavy (the searchable PDF and the review page re-render page images), so
    they run here, in parallel, rather than in the parent: ``outdir`` must be reachable at
    the same path from every worker. Returns (result, None) or (None, one-line error).
    """
    try:
        model = _restorer(settings.model_path, settings.user_model) if settings.restore else None
        reviewed = settings.corrections_dir
        corrections = corrections_for(Path(outdir), output, reviewed, doc.sha256)
        doc = finish_document(doc, pages, settings, model, ingest_seconds, corrections)
        folder, _, stem = output.rpartition("/")
        target = Path(outdir) / folder
        target.mkdir(parents=True, exist_ok=True)
        if not target.resolve().is_relative_to(Path(outdir).resolve()):
            raise InputError(
                target,
                "is a link out of the output folder, so its outputs could land on inputs",
                "replace the link by a real folder",
            )
        result = write_each_format(doc, target, stem, settings.formats)
        names = [path.relative_to(outdir).as_posix() for path in result.written]
        row = catalog_row(doc, output)
        return Converted(
            names, len(doc.pages), doc.sha256, row, _warnings(doc), result.failed
        ), None
    except Exception as error:
        return None, one_line(doc.source, error)


def _warnings(doc: Document) -> tuple[str, ...]:
    warnings = []
    foreign = doc.provenance.get("pages_not_vietnamese")
    if foreign:
        pages = ", ".join(str(n) for n in foreign)
        warnings.append(
            f"{doc.source}: page(s) {pages} do not look like Vietnamese, so they were not"
            " restored (kept as read)"
        )
    empty = [page.number for page in doc.pages if not page.words]
    if empty:
        warnings.append(
            f"{doc.source}: page(s) {', '.join(map(str, empty))} gave no text (blank, or "
            "nothing readable on them)"
        )
    return tuple(warnings)


@functools.cache
def _restorer(model_path: Path | None, user_model: Path | None = None) -> Any:
    """The restorer model (with the user model stacked on it), loaded once per worker process."""
    return load_restorer(model_path, user_model)


def one_line(source: str, error: Exception) -> str:
    if isinstance(error, SohoaError):
        return error.one_line()
    if isinstance(error, OSError) and (line := os_error_line(error, source)):
        return line
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return (
        f"{source}: unexpected error ({type(error).__name__}: {error}){at} — "
        "please report it with this file"
    )
