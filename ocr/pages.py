"""Page-level ingest for batch runs: ``open_document`` plans the pages, ``process_page`` does one.

Kept as the import point the pipeline and the batch runner use; the functions live in
``ocr.ingest`` (picklable ``PageTask``, pages that hold no pixels).
"""

from __future__ import annotations

from sohoa.ocr.ingest import PageTask, open_document, process_page

__all__ = ["PageTask", "open_document", "process_page"]
