"""Stage 2: restore Vietnamese diacritics in OCR'd text, logging every change."""

from __future__ import annotations

from sohoa.model import Document


def restore_document(doc: Document, model: object | None = None) -> Document:
    """Placeholder until the restorer lands: returns the document unchanged."""
    return doc
