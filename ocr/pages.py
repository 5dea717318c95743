"""Page-level ingest for batch runs: ``open_document`` plans the pages, ``process_page`` does one.

TEMPORARY adapter: ``ocr.ingest`` is gaining these two functions (picklable ``PageTask``,
pages without pixels). Until it has them, every input is ingested whole when opened and
its pages travel as ready-made tasks, so the batch runner works unchanged on TXT input.
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

    @dataclass
    class PageTask:  # type: ignore[no-redef]
        """A page that was already read when the document was opened."""

        source: str
        number: int
        page: Page

    def open_document(path: Path, settings: Settings) -> tuple[Document, list[PageTask]]:  # type: ignore[no-redef]
        doc = ingest(path, settings)
        tasks = [PageTask(doc.source, page.number, page) for page in doc.pages]
        doc.pages = []
        return doc, tasks

    def process_page(task: PageTask, settings: Settings) -> Page:  # type: ignore[no-redef]
        return task.page


__all__ = ["PageTask", "open_document", "process_page"]
