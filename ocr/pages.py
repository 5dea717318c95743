"""Page-level ingest for batch runs: ``open_document`` plans the pages, ``process_page`` does one.

TEMPORARY adapter: ``ocr.ingest`` is gaining these two functions (picklable ``PageTask``,
pages without pixels). Until it has them, every input is ingested whole when opened, with
no page tasks left to do, so the batch runner works unchanged on TXT input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sohoa.model import Document, Page
from sohoa.settings import Settings

try:
    from sohoa.ocr.ingest import PageTask, open_document, process_page  # type: ignore[attr-defined]
except ImportError:  # page-level ingest has not landed yet
    from sohoa.ocr.ingest import ingest

    @dataclass(frozen=True)
    class PageTask:  # type: ignore[no-redef]
        path: str
        number: int

    def open_document(path: Path, settings: Settings) -> tuple[Document, list[PageTask]]:  # type: ignore[no-redef]
        return ingest(path, settings), []

    def process_page(task: PageTask, settings: Settings) -> Page:  # type: ignore[no-redef]
        raise NotImplementedError("no page tasks before page-level ingest lands")


__all__ = ["PageTask", "open_document", "process_page"]
