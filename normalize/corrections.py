"""A reviewer's corrections, saved from the review report, applied on the next run.

The report (``output/html_report.py``) saves ``<stem>.corrections.json``: which word (page,
word index, box), metadata field or table cell, its old and its new value, who and when.
A re-run applies them to the Document in two steps of ``pipeline.finish_document``:

    restore_document -> apply_word_corrections -> extract_tables -> extract_metadata
    -> apply_field_corrections

so a corrected word also reaches the tables and metadata read from it. Every applied
correction is an ``Edit`` with ``reason="reviewer"`` and confidence 1.0. The reviewer's value
wins over what this run read when the corrections were saved from this very input (same
SHA-256); for another input (an edited file) a correction whose old value no longer matches
is skipped, never forced, and listed in ``provenance["reviewer_corrections"]``.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sohoa.errors import InputError
from sohoa.extract.tables import finish_table
from sohoa.model import Alternative, Document, Edit

SUFFIX = ".corrections.json"
FORMAT = "sohoa-corrections"
REVIEWER = "reviewer"  # Edit.reason of an applied correction
METADATA_FIELDS = (  # what the report lets a reviewer correct
    "so_hieu",
    "loai_van_ban",
    "ngay_ban_hanh",
    "dia_danh",
    "co_quan_ban_hanh.ten",
    "trich_yeu",
    "nguoi_ky.ho_ten",
    "nguoi_ky.chuc_vu",
)


@dataclass
class Correction:
    kind: str  # "word", "metadata" or "cell"
    old: str
    new: str
    decision: str = "typed"  # accept, reject, alternative, typed
    page: int | None = None
    word: int | None = None
    bbox: list[float] | None = None
    field: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass
class Corrections:
    path: str
    sha256: str  # of the corrections file
    document_sha256: str = ""  # of the input the report was made from
    reviewer: str | None = None
    saved_at: str | None = None
    items: list[Correction] = field(default_factory=list)


def find_corrections(outdir: Path, output: str, folder: Path | None) -> Path | None:
    """The corrections file of the input whose outputs are ``OUTDIR/<output>.*``:
    ``FOLDER/<output>.corrections.json`` or ``FOLDER/<name>.corrections.json`` (as a browser
    downloads it) when ``--corrections FOLDER`` is given, else the one beside the outputs."""
    name = output.rpartition("/")[2]
    places = [folder / f"{output}{SUFFIX}", folder / f"{name}{SUFFIX}"] if folder else []
    places.append(Path(outdir) / f"{output}{SUFFIX}")
    return next((path for path in places if _is_file(path)), None)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. the name is too long to exist: then there is no such file
        return False


def corrections_for(
    outdir: Path, output: str, folder: Path | None, doc_sha256: str
) -> Corrections | None:
    """The corrections to apply to the document of ``output`` (None: none). A file found
    only by its bare name (``FOLDER/<name>.corrections.json``) for an output in a sub-folder
    may belong to another document of the same name: it is used only if it was saved from
    this very input (same SHA-256)."""
    path = find_corrections(outdir, output, folder)
    if path is None:
        return None
    corrections = load_corrections(path)
    exact = folder is None or path != folder / f"{output.rpartition('/')[2]}{SUFFIX}"
    if exact or "/" not in output or corrections.document_sha256 == doc_sha256:
        return corrections
    return None


def corrections_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_corrections(path: Path) -> Corrections:
    """Read a corrections file; a file that is not one is an InputError naming it."""
    fix = "save it again from the review report, or remove it"
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(path, f"is not a readable corrections file ({error})", fix) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f'is not a corrections file (no "format": "{FORMAT}")', fix)
    items = []
    for entry in data.get("corrections") or []:
        try:
            items.append(_correction(entry))
        except (TypeError, ValueError, KeyError) as error:
            raise InputError(
                path, f"has a correction it cannot read: {entry!r:.80}", fix
            ) from error
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    return Corrections(
        str(path),
        hashlib.sha256(raw).hexdigest(),
        str(document.get("sha256") or ""),
        data.get("reviewer") or None,
        data.get("saved_at") or None,
        items,
    )


def _correction(entry: dict[str, Any]) -> Correction:
    kind = entry["kind"]
    if kind not in ("word", "metadata", "cell"):
        raise ValueError(kind)
    if kind == "metadata" and entry["field"] not in METADATA_FIELDS:
        raise ValueError(entry["field"])
    number = lambda key: None if entry.get(key) is None else int(entry[key])  # noqa: E731
    return Correction(
        kind=kind,
        old=str(entry.get("old") or ""),
        new=str(entry["new"]),
        decision=str(entry.get("decision") or "typed"),
        page=number("page"),
        word=number("word"),
        bbox=entry.get("bbox"),
        field=entry.get("field"),
        table=number("table"),
        row=number("row"),
        column=number("column"),
    )


# --- applying -------------------------------------------------------------------------------


def apply_word_corrections(doc: Document, corrections: Corrections) -> Document:
    """Give the corrected words their new text (after the restorer, before the tables)."""
    pages = {page.number: page for page in doc.pages}
    for item in corrections.items:
        if item.kind != "word":
            continue
        page = pages.get(item.page) if item.page is not None else None
        if page is None or item.word is None or not 0 <= item.word < len(page.words):
            _skipped(doc, corrections, item, "no such word")
            continue
        word = page.words[item.word]
        if _same(word.text, item.new):
            _applied(doc, corrections, item, changed=False)
            continue
        if not _may_replace(doc, corrections, word.text, item.old):
            _skipped(doc, corrections, item, f"the word is now «{word.text}»")
            continue
        doc.edits.append(_edit(item, word.text, page=page.number, word=item.word))
        word.text = _nfc(item.new)
        _applied(doc, corrections, item, changed=True)
    return doc


def apply_field_corrections(doc: Document, corrections: Corrections) -> Document:
    """Correct metadata fields and table cells (after the tables and metadata are read)."""
    changed_tables: set[int] = set()
    for item in corrections.items:
        if item.kind == "metadata" and item.field:
            _set_metadata(doc, corrections, item)
        elif item.kind == "cell" and _set_cell(doc, corrections, item):
            changed_tables.add(item.table or 0)
    for index in sorted(changed_tables):
        finish_table(doc.tables[index])  # records and sums from the corrected cells
    return doc


def _set_metadata(doc: Document, corrections: Corrections, item: Correction) -> None:
    assert item.field is not None
    *path, name = item.field.split(".")
    holder: Any = doc.metadata
    for part in path:
        holder = getattr(holder, part)
    current = getattr(holder, name) or ""
    if _same(current, item.new):
        _applied(doc, corrections, item, changed=False)
    elif not _may_replace(doc, corrections, current, item.old):
        _skipped(doc, corrections, item, f"the field is now «{current}»")
    else:
        doc.edits.append(_edit(item, current))
        setattr(holder, name, _nfc(item.new) or None)
        if item.field in doc.metadata.suy_dien:  # a reviewer read it: no longer inferred
            doc.metadata.suy_dien.remove(item.field)
        _applied(doc, corrections, item, changed=True)


def _set_cell(doc: Document, corrections: Corrections, item: Correction) -> bool:
    table = row = None
    if item.table is not None and 0 <= item.table < len(doc.tables):
        table = doc.tables[item.table]
    if table is not None and item.row is not None and 0 <= item.row < len(table.rows):
        row = table.rows[item.row]
    cells = row.cells if row is not None else None
    if cells is None or item.column is None or not 0 <= item.column < len(cells):
        _skipped(doc, corrections, item, "no such cell")
        return False
    current = cells[item.column]
    if _same(current, item.new):
        _applied(doc, corrections, item, changed=False)
        return False
    if not _may_replace(doc, corrections, current, item.old):
        _skipped(doc, corrections, item, f"the cell is now «{current}»")
        return False
    doc.edits.append(_edit(item, current, table=item.table))
    cells[item.column] = _nfc(item.new)
    _applied(doc, corrections, item, changed=True)
    return True


def _edit(item: Correction, current: str, **where: Any) -> Edit:
    alternatives = [Alternative(current, 0.0)]
    return Edit(current, _nfc(item.new), 1.0, alternatives, reason=REVIEWER, **where)


def _log(doc: Document, corrections: Corrections) -> dict[str, Any]:
    log: dict[str, Any] = doc.provenance.setdefault(
        "reviewer_corrections",
        {
            "file": Path(corrections.path).name,
            "sha256": corrections.sha256,
            "reviewer": corrections.reviewer,
            "saved_at": corrections.saved_at,
            "applied": 0,
            "confirmed": 0,
            "skipped": [],
        },
    )
    return log


def _applied(doc: Document, corrections: Corrections, item: Correction, changed: bool) -> None:
    _log(doc, corrections)["applied" if changed else "confirmed"] += 1


def _skipped(doc: Document, corrections: Corrections, item: Correction, why: str) -> None:
    where = item.field or (
        f"page {item.page}, word {item.word}" if item.kind == "word" else
        f"table {item.table}, row {item.row}, column {item.column}"
    )  # fmt: skip
    _log(doc, corrections)["skipped"].append(
        f"{item.kind} {where}: «{item.old}» → «{item.new}» not applied: {why}"
    )


def _may_replace(doc: Document, corrections: Corrections, current: str, old: str) -> bool:
    """The reviewer saw ``old`` where this run has ``current``: replace it if they agree, or
    if the report was made from this same input (a run before may have read it otherwise)."""
    same_input = bool(doc.sha256) and doc.sha256 == corrections.document_sha256
    return same_input or _same(current, old)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _same(a: str, b: str) -> bool:
    return _nfc(a).strip() == _nfc(b).strip()
