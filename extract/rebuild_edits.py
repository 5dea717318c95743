"""The edits the readers of flattened old OCR text make while they rebuild a table.

A reader that writes a cell other than as it was read (a total row's label "Téng" written
"Tổng") notes it here (``note``), deep in its reading, where the table and often the row are
not known yet. ``flattened._table`` gathers the notes made while its rows were read
(``reading_rows``) and keeps them with the table it built (``keep_for``), each note finding
its row there when it named none: the next row, in reading order, holding its result.
``tables.py`` rebuilds the text's tables within ``rebuilding`` and gives each table kept
its index in the document (``edits_of``), so every change reaches ``Document.edits``.

Outside ``reading_rows`` a note is dropped: a reader tried on its own (tests, benchmarks)
writes what it wrote before.

The lines a cell was joined from are noted too (``note_joined``, by ``join_text``): once
joined, a cell's line boundaries are gone, and a later pass weighs a line as a unit (a line
of specks between two lines of one task cell: ``cell_lines``). ``gathering_lines`` gathers
them while a text's tables are rebuilt. The notes are held per context (``contextvars``), so two
documents rebuilt at once on two threads keep theirs apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from sohoa.model import Edit, Table

# The confidences of the notes, measured by bench/tables_edits.py on the table dev sets
# (the five OCR modes, restored): each edit right when its cell comes nearer its truth, the
# share smoothed as (right + 1) / (judged + 2) and rounded down to 0.05, as calib16's are.
TOTAL_LABEL = "table-total-label"  # a total row's label put right: "Téng" -> "Tổng"
TOTAL_LABEL_CONFIDENCE = 0.95  # 29 of 29 right: (29 + 1) / (29 + 2) = 0.97
SECTION_NUMERAL = "table-section-numeral"  # a section's numeral read as strokes: "l." -> "I."
NUMERAL_CONFIDENCE = 0.95  # 92 of 95 right (3 wrong): (92 + 1) / (95 + 2) = 0.96
AMOUNT_DOT = "table-amount-dot"  # a total's thousands dot read as a space: "9 190" -> "9.190"
# none met in the dev sets: (0 + 1) / (0 + 2) = 0.5, till some are judged
AMOUNT_DOT_CONFIDENCE = 0.5
MOVED = "table-cell-moved"  # a wrapped line's words moved to another cell (agency_moves)
LINE_MOVED = "table-line-moved"  # words a reader moved between the parts of a line read
# 205 of 346 right, 140 wrong: a line's part is judged against its whole truth cell, so
# words of an agency's name also in the task's truth ("công nghệ") count against a move
LINE_MOVED_CONFIDENCE = 0.55  # (205 + 1) / (346 + 2) = 0.59
# what a row read that no cell takes (amounts beyond its amount columns, a row number
# garbled past reading: ``budget_unplaced``), kept in the row's ``unplaced``; the result
# is empty, no cell holding it
UNPLACED = "table-unplaced"
# 7 of 21 right, 7 level, 7 wrong (56 unjudged: what no cell holds is judged only where
# a cell holds the same words): (7 + 1) / (21 + 2) = 0.35
UNPLACED_CONFIDENCE = 0.35

# the notes of the rows being read, and the tables kept with their notes
_NOTES: ContextVar[list[Edit] | None] = ContextVar("rebuild_notes", default=None)
_ROW: ContextVar[int | None] = ContextVar("rebuild_row", default=None)  # the row being read
_KEPT: ContextVar[list[tuple[Table, list[Edit]]] | None] = ContextVar("rebuild_kept", default=None)
JoinedLines = set[tuple[str, ...]]  # the lines joined into cells, each as its words
_JOINED: ContextVar[JoinedLines | None] = ContextVar("rebuild_joined", default=None)


def note(
    original: str, result: str, confidence: float, reason: str, row: int | None = None
) -> None:
    """Note a cell written ``result`` where ``original`` was read (nothing if they are the
    same, or if no table's rows are being read)."""
    notes = _NOTES.get()
    if notes is not None and original != result:
        row = _ROW.get() if row is None else row
        notes.append(Edit(original, result, confidence, row=row, reason=reason))


def note_moves(read: tuple[str, ...], written: tuple[str, ...]) -> None:
    """Note each part of a line (its cells' texts, in order) that words moving between
    them changed: ``read`` the parts before, ``written`` after."""
    for original, result in zip(read, written, strict=True):
        note(original, result, LINE_MOVED_CONFIDENCE, LINE_MOVED)


Part = str | list[str] | None  # a line's cell text (a run of amounts: a list), or none


def _text(part: Part) -> str:
    return " ".join(part) if isinstance(part, list) else part or ""


def note_lines_moved(read: Sequence[Sequence[Part]], written: Sequence[Sequence[Part]]) -> None:
    """``note_moves`` of each line of a row (its parts in cells' order: number, text,
    amounts …), ``read`` as the reader read them and ``written`` after it moved words."""
    if len(read) == len(written):
        for before, after in zip(read, written, strict=True):
            note_moves(tuple(map(_text, before)), tuple(map(_text, after)))


@contextmanager
def at_row(row: int) -> Iterator[None]:
    """Notes made while the block runs are of the table's row ``row`` (when they name
    none)."""
    token = _ROW.set(row)
    try:
        yield
    finally:
        _ROW.reset(token)


def current_row() -> int | None:
    """The row ``at_row`` names while its block runs, else None."""
    return _ROW.get()


@contextmanager
def rows_after(count: int) -> Iterator[None]:
    """Notes made while the block runs that name a row are of the row ``count`` further on
    (the block reads the rows after ``count`` rows put before them)."""
    notes = _NOTES.get()
    start = len(notes) if notes is not None else 0
    try:
        yield
    finally:
        for edit in (notes or [])[start:]:
            edit.row = None if edit.row is None else edit.row + count


@contextmanager
def reading_rows() -> Iterator[list[Edit]]:
    """The notes made while the block runs (one table's rows being read)."""
    notes: list[Edit] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def _cells(table: Table, row: int) -> list[str]:
    found = table.rows[row]
    return [*(found.cells or []), *([found.section] if found.section else [])]


def keep_for(table: Table, notes: list[Edit]) -> None:
    """Keep ``notes`` with ``table`` (if a rebuild is gathering them), each that named no
    row given the next one holding its result as a cell, in reading order."""
    kept = _KEPT.get()
    if kept is None or not notes:
        return
    after: dict[str, int] = {}
    for edit in notes:
        if edit.row is None and edit.result:
            start = after.get(edit.result, 0)
            found = (r for r in range(start, len(table.rows)) if edit.result in _cells(table, r))
            edit.row = next(found, None)
            after[edit.result] = start if edit.row is None else edit.row + 1
    kept.append((table, notes))


@contextmanager
def rebuilding() -> Iterator[list[tuple[Table, list[Edit]]]]:
    """The tables kept with their notes while the block runs (a text's tables rebuilt)."""
    kept: list[tuple[Table, list[Edit]]] = []
    token = _KEPT.set(kept)
    try:
        yield kept
    finally:
        _KEPT.reset(token)


def edits_of(tables: list[Table], kept: list[tuple[Table, list[Edit]]]) -> list[Edit]:
    """The notes kept with ``tables`` (the very objects; a table rebuilt but not taken
    leaves its notes out), each given its table's index."""
    edits: list[Edit] = []
    for index, table in enumerate(tables):
        for built, notes in kept:
            if built is table:
                for edit in notes:
                    edit.table = index
                edits.extend(notes)
    return edits


def note_joined(lines: Sequence[str]) -> None:
    """Note the lines joined into one cell (two or more), each as its words, if a rebuild
    gathers them (``gathering_lines``)."""
    joined = _JOINED.get()
    if joined is not None and len(lines) >= 2:
        joined.update(tuple(line.split()) for line in lines)


@contextmanager
def gathering_lines() -> Iterator[JoinedLines]:
    """The lines joined into cells while the block runs (``note_joined``), as words."""
    joined: JoinedLines = set()
    token = _JOINED.set(joined)
    try:
        yield joined
    finally:
        _JOINED.reset(token)
