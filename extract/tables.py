"""Stage 3: tables and Phụ lục records."""

from __future__ import annotations

from sohoa.model import Document
from sohoa.settings import Settings


def extract_tables(doc: Document, settings: Settings) -> Document:
    """Placeholder until the table extractors land."""
    return doc
