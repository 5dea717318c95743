"""Tables from a digital PDF's text layer (pdfplumber's table finder, merged cells resolved).

Called from ingest while the pdfplumber page is open.
"""

from __future__ import annotations

from typing import Any

from sohoa.model import Page, Table


def find_tables_in_pdf_page(plumber_page: Any, page: Page) -> list[Table]:
    """Placeholder until the text-layer table extractor lands: no tables."""
    return []
