"""Ruled tables in page images: grid lines -> cells -> per-cell OCR.

Called from ``ocr.ingest.process_page`` while the page image is still in memory, so a
batch run never has to keep or re-render page images for table extraction.
"""

from __future__ import annotations

from typing import Any

from sohoa.model import Page, Table
from sohoa.settings import Settings


def find_tables_in_image(prepared: Any, page: Page, settings: Settings) -> list[Table]:
    """Placeholder until grid detection lands: no tables."""
    return []
