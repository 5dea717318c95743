"""Stage 4: document metadata (number, type, date, issuer, signer, references)."""

from __future__ import annotations

from sohoa.model import Document


def extract_metadata(doc: Document) -> Document:
    """Placeholder until the metadata extractor lands."""
    return doc
