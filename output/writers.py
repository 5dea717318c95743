"""Choose and run the writers for a converted document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sohoa.model import Document, document_to_json
from sohoa.output.files import write_atomic


def write_txt(doc: Document, path: Path) -> None:
    write_atomic(path, doc.text() + "\n")


def write_json(doc: Document, path: Path) -> None:
    write_atomic(path, document_to_json(doc) + "\n")


WRITERS: dict[str, Callable[[Document, Path], None]] = {
    "txt": write_txt,
    "json": write_json,
}


def write_outputs(doc: Document, outdir: Path, stem: str, formats: tuple[str, ...]) -> list[Path]:
    """Write each requested format as ``outdir/<stem>.<format>``; return the paths written."""
    written = []
    for fmt in formats:
        path = outdir / f"{stem}.{fmt}"
        WRITERS[fmt](doc, path)
        written.append(path)
    return written
