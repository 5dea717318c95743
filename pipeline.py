"""The pipeline: every stage, in order — start reading here.

Page stages (``process_page``; one page at a time, so a batch run (``batch/runner.py``) can
spread pages over processes or a Dask cluster and never holds a whole file's pixels):

    read          ocr/ingest.py       a PDF page's own text layer (tables included) -- done;
                                      otherwise the page's pixels
    prepare, OCR  ocr/page_ocr.py     cleaned the ways that read best (deskew, flatten, ...),
                                      OCR'd with Tesseract: words, lines, blocks
    find tables   extract/table_grid  ruled grids on the prepared page, cells read by OCR's
                                      CellReader (ocr/cell_ocr.py)

Document stages (``finish_document``, the ONE place that defines their order, used here
and by the batch runner):

    assemble      the pages in page order
    restore       normalize/restore.py      diacritics of the text (the one loaded restorer)
    corrections   normalize/corrections.py  a reviewer's word corrections (when given)
    tables        extract/tables.py         rows, columns, Phụ lục records; OCR'd table cells
                                            restored by the same restorer (old OCR text's
                                            appendices rebuilt from the words as read first)
    reading order extract/page_layout.py    the header's two columns, the recipients and the
                                            signature block each one block (Block.part)
    metadata      extract/metadata.py       số hiệu, loại văn bản, ngày, cơ quan, người ký, ...
    corrections   normalize/corrections.py  a reviewer's field corrections (when given)

``open_document`` (ocr/ingest.py) comes first: it sniffs and checks the file and plans the
page tasks. The writers (output/) come last, called by the batch runner or by you.

This is also the Python API: ``from sohoa import convert_document``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sohoa import __version__
from sohoa.extract.metadata import extract_metadata
from sohoa.extract.page_layout import order_reading
from sohoa.extract.table_grid import find_tables_in_image
from sohoa.extract.tables import extract_tables
from sohoa.model import Document, Page
from sohoa.normalize.corrections import (
    Corrections,
    apply_field_corrections,
    apply_word_corrections,
)
from sohoa.normalize.restore import restore_document
from sohoa.normalize.user_model import load_restorer, user_model_path, user_model_sha256
from sohoa.ocr.cell_ocr import CellReader
from sohoa.ocr.ingest import PageTask, open_document, read_page_image, read_text_layer
from sohoa.ocr.ink_reread import InkReader
from sohoa.ocr.page_ocr import ocr_page
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
        model = load_restorer(settings.model_path, settings.user_model)
    return finish_document(doc, pages, settings, model, ingest_seconds)


def process_page(task: PageTask, settings: Settings) -> Page:
    """The page stages for one page: read -> prepare and OCR -> find tables."""
    page = read_text_layer(task, settings)  # a digital page: its own text, and its tables
    if page is not None:
        return page
    image, ref = read_page_image(task, settings)
    read = ocr_page(image, ref, task.number, settings)
    if settings.extract_tables and read.table_image is not None:
        read.page.tables = find_tables_in_image(read.table_image, read.page, settings, CellReader())
    return read.page


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
        doc = extract_tables(doc, settings, model)  # cells restored by the same restorer
        timings["tables"] = time.perf_counter() - mark
    doc = order_reading(doc)  # header columns, recipients and signature each one block
    doc = extract_metadata(doc, InkReader())
    if corrections is not None:
        doc = apply_field_corrections(doc, corrections)
    doc.provenance.update(
        {
            "sohoa_version": __version__,
            "settings": {"lang": settings.lang, "dpi": settings.dpi, "ocr_mode": settings.ocr_mode},
            **_user_model_provenance(settings),
            "timings_s": {name: round(value, 3) for name, value in timings.items()},
        }
    )
    return doc


def _user_model_provenance(settings: Settings) -> dict[str, Any]:
    """The user model the restorer stacked on the shipped one (its file's SHA-256)."""
    if not (settings.restore and settings.user_model):
        return {}
    path = user_model_path(settings.user_model)
    return {"user_model": {"path": str(path), "sha256": user_model_sha256(path)}}
