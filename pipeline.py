"""The pipeline: the stages in order, each a function of the Document.

    open_document -> process_page (each page) -> restore_document
    -> apply_word_corrections -> extract_tables -> order_reading -> extract_metadata
    -> apply_field_corrections

(the two ``apply_*`` stages only when a reviewer's corrections file is given).

Page OCR is split from the document stages so that a batch run (``runner.py``) can spread
pages over processes or a Dask cluster; ``finish_document`` is the ONE place that defines
the order of the document stages, used both here and by the batch runner.

This is also the Python API: ``from sohoa import convert_document``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sohoa import __version__
from sohoa.extract.metadata import extract_metadata
from sohoa.extract.page_layout import order_reading
from sohoa.extract.tables import extract_tables
from sohoa.model import Document, Page
from sohoa.normalize.corrections import (
    Corrections,
    apply_field_corrections,
    apply_word_corrections,
)
from sohoa.normalize.restore import load_model, restore_document
from sohoa.ocr.ingest import open_document, process_page
from sohoa.settings import Settings


def convert_document(
    path: str | Path, settings: Settings | None = None, model: Any = None
) -> Document:
    """Convert one input file into a Document (no files are written).

    ``model`` is a loaded restorer model; pass one to reuse it across many files.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    doc, tasks = open_document(Path(path), settings)
    pages = [process_page(task, settings) for task in tasks]
    ingest_seconds = time.perf_counter() - started
    if settings.restore and model is None:
        model = load_model(settings.model_path)
    return finish_document(doc, pages, settings, model, ingest_seconds)


def assemble_document(doc: Document, pages: list[Page]) -> Document:
    """Put OCR'd pages (arriving in any order) into the document, in page order."""
    by_number = {page.number: page for page in doc.pages}
    by_number.update({page.number: page for page in pages})
    doc.pages = [by_number[number] for number in sorted(by_number)]
    return doc


def finish_document(
    doc: Document,
    pages: list[Page],
    settings: Settings,
    model: Any,
    ingest_seconds: float = 0.0,
    corrections: Corrections | None = None,
) -> Document:
    """Assemble the pages, then run the document stages in order.

    ``model`` is the loaded restorer (ignored when ``settings.restore`` is off).
    ``ingest_seconds`` is the time spent opening the file and OCR'ing its pages.
    ``corrections`` are a reviewer's, saved from the review report, applied on top.
    """
    doc = assemble_document(doc, pages)
    timings: dict[str, float] = {"ingest": ingest_seconds}
    if settings.restore:
        mark = time.perf_counter()
        doc = restore_document(doc, model, settings.tone_style)
        timings["restore"] = time.perf_counter() - mark
    if corrections is not None:
        doc = apply_word_corrections(doc, corrections)
    if settings.extract_tables:
        mark = time.perf_counter()
        doc = extract_tables(doc, settings)
        timings["tables"] = time.perf_counter() - mark
    doc = order_reading(doc)  # header columns, recipients and signature each one block
    doc = extract_metadata(doc)
    if corrections is not None:
        doc = apply_field_corrections(doc, corrections)
    doc.provenance.update(
        {
            "sohoa_version": __version__,
            "settings": {"lang": settings.lang, "dpi": settings.dpi, "ocr_mode": settings.ocr_mode},
            "timings_s": {name: round(value, 3) for name, value in timings.items()},
        }
    )
    return doc
