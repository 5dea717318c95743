"""Old-OCR texts (flattened appendices) read through the pipeline as TXT inputs, restoring
off, shared by the tests of extract/'s readers of such text."""

from __future__ import annotations

from pathlib import Path

from sohoa.model import Table
from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def tables_of_text(tmp_path: Path, text: str) -> list[Table]:
    """The tables the pipeline finds in ``text`` written to a TXT file in ``tmp_path``."""
    path = tmp_path / "old-ocr.txt"
    path.write_text(text, encoding="utf-8")
    return convert_document(path, Settings(restore=False)).tables


def table_of_text(tmp_path: Path, text: str) -> Table:
    """The one table the pipeline finds in ``text`` (fails unless there is exactly one)."""
    [table] = tables_of_text(tmp_path, text)
    return table
