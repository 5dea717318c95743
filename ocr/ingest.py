"""Stage 1: read any supported input into a Document.

The kind of input is decided by content (see ``sniff``). Scanned pages are OCR'd page by
page so that a batch run can spread pages over processes: ``plan_pages`` lists the work and
``process_page`` does one page; ``ingest`` simply does both in order.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sohoa.errors import SohoaError
from sohoa.model import Document
from sohoa.ocr.sniff import sniff_format
from sohoa.ocr.text_reader import read_text_file, text_to_pages
from sohoa.settings import Settings


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ingest(path: Path, settings: Settings) -> Document:
    path = Path(path)
    fmt = sniff_format(path)
    if fmt == "txt":
        doc = Document(
            source=str(path), input_kind="txt", pages=text_to_pages(read_text_file(path))
        )
    else:
        raise SohoaError(path, f"{fmt} input is not supported yet", "convert it to text first")
    doc.sha256 = file_sha256(path)
    return doc
