"""Choose and run the writers for a converted document.

A writer takes the document, the output folder and the file stem, writes atomically
(see ``files.write_atomic``) and returns the paths it wrote. In a batch each writer runs on
its own (``write_each_format``): one that fails (a folder in the way, a read-only file, a
library error) is reported in one line and the other formats are still written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sohoa.errors import SohoaError, known_os_error
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


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # format -> one-line error


def write_each_format(
    doc: Document, outdir: Path, stem: str, formats: tuple[str, ...]
) -> WriteResult:
    """Write each requested format on its own: a failing writer never stops the others."""
    result = WriteResult()
    for fmt in formats:
        try:
            result.written.extend(WRITERS[fmt](doc, outdir, stem))
        except Exception as error:  # any writer error is one line, never a stop
            result.failed[fmt] = _writer_error(doc.source, fmt, error)
    return result


def _writer_error(source: str, fmt: str, error: Exception) -> str:
    if isinstance(error, SohoaError):
        return f"{fmt} output not written: {error.one_line()}"
    if isinstance(error, OSError) and (known := known_os_error(error)):
        problem, fix = known
        where = f" ({_shown(error.filename)})" if error.filename else ""
        return f"{source}: {fmt} output not written: {problem}{where} — {fix}"
    return (
        f"{source}: {fmt} output not written ({type(error).__name__}: {error}) — the other "
        "formats are written; please report it with this file"
    )


def _shown(filename: str | bytes | int) -> str:
    """The path to name in a message: the folder, for ``write_atomic``'s temporary file."""
    path = Path(str(filename))
    return str(path.parent) if path.name.startswith(".") and path.suffix == ".part" else str(path)
