"""Stage 2: restore Vietnamese diacritics in OCR'd text, logging every change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sohoa.model import Document


def load_model(path: Path | None = None) -> Any:
    """Load the restorer model (None = the shipped default). Placeholder until it lands."""
    return None


def restore_document(doc: Document, model: Any) -> Document:
    """Placeholder until the restorer lands: returns the document unchanged."""
    return doc
