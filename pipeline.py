"""The pipeline: the stages in order, each a function of the Document.

    ingest -> restore_document -> extract_tables -> extract_metadata

This is also the Python API: ``from sohoa import convert_document``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sohoa import __version__
from sohoa.extract.metadata import extract_metadata
from sohoa.extract.tables import extract_tables
from sohoa.model import Document
from sohoa.normalize.restore import load_model, restore_document
from sohoa.ocr.ingest import ingest
from sohoa.settings import Settings


def convert_document(
    path: str | Path, settings: Settings | None = None, model: Any = None
) -> Document:
    """Convert one input file into a Document (no files are written).

    ``model`` is a loaded restorer model; pass one to reuse it across many files.
    """
    settings = settings or Settings()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    doc = ingest(Path(path), settings)
    timings["ingest"] = time.perf_counter() - started
    if settings.restore:
        mark = time.perf_counter()
        doc = restore_document(doc, model or load_model(settings.model_path))
        timings["restore"] = time.perf_counter() - mark
    if settings.extract_tables:
        mark = time.perf_counter()
        doc = extract_tables(doc, settings)
        timings["tables"] = time.perf_counter() - mark
    doc = extract_metadata(doc)
    doc.provenance.update(
        {
            "sohoa_version": __version__,
            "settings": {"lang": settings.lang, "dpi": settings.dpi, "ocr_mode": settings.ocr_mode},
            "timings_s": {name: round(value, 3) for name, value in timings.items()},
        }
    )
    return doc
