"""Choose and run the writers for a converted document.

A writer takes the document, the output folder and the file stem, writes atomically
(see ``files.write_atomic``) and returns the paths it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sohoa.model import Document, document_to_json
from sohoa.output.docx_writer import write_docx
from sohoa.output.files import write_atomic
from sohoa.output.html_report import write_html
from sohoa.output.markdown import write_markdown
from sohoa.output.pdf_writer import write_pdf
from sohoa.output.table_csv import write_csv

Writer = Callable[[Document, Path, str], list[Path]]


def write_txt(doc: Document, outdir: Path, stem: str) -> list[Path]:
    path = outdir / f"{stem}.txt"
    write_atomic(path, doc.text() + "\n")
    return [path]


def write_json(doc: Document, outdir: Path, stem: str) -> list[Path]:
    path = outdir / f"{stem}.json"
    write_atomic(path, document_to_json(doc) + "\n")
    return [path]


WRITERS: dict[str, Writer] = {
    "txt": write_txt,
    "md": write_markdown,
    "json": write_json,
    "csv": write_csv,  # one file per table: <stem>.table-N.csv
    "docx": write_docx,
    "pdf": write_pdf,
    "html": write_html,
}


def write_outputs(doc: Document, outdir: Path, stem: str, formats: tuple[str, ...]) -> list[Path]:
    """Write each requested format; return the paths written."""
    written: list[Path] = []
    for fmt in formats:
        written.extend(WRITERS[fmt](doc, outdir, stem))
    return written
