"""From a grid of cells to a table's header, leaf columns and body rows.

The header is as tall as the tallest cell starting in the first row (a "STT" cell spanning
two rows means a two-row header). Leaf column names join the header cells above each
column: "Năm 2026 / NSNN". A body row with one cell across the whole width is a section
("I. …"). Tables that continue on the next page repeat their header; those are joined.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex
from rapidfuzz import fuzz

from sohoa.model import Cell, Table, TableRow
from sohoa.normalize.unicode import strip_marks


def fold(text: str) -> str:
    """Comparable form: NFC, lower case, no marks, no spaces ("NSN N" == "NSNN")."""
    return regex.sub(r"[\W_]+", "", strip_marks(text.lower()))


def clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def header_height(cells: list[Cell]) -> int:
    first = [c for c in cells if c.row == 0]
    if not first:
        return 0
    return max(c.row_span for c in first)


def _n_cols(cells: list[Cell]) -> int:
    return max((c.col + c.col_span for c in cells), default=0)


def _n_rows(cells: list[Cell]) -> int:
    return max((c.row + c.row_span for c in cells), default=0)


def leaf_columns(cells: list[Cell], n_header: int) -> list[str]:
    n_cols = _n_cols(cells)
    columns = []
    for j in range(n_cols):
        parts: list[str] = []
        for cell in sorted(cells, key=lambda c: c.row):
            if cell.row < n_header and cell.col <= j < cell.col + cell.col_span:
                text = clean(cell.text)
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
        columns.append(" / ".join(parts))
    return columns


def body_rows(cells: list[Cell], n_header: int) -> list[TableRow]:
    n_cols, n_rows = _n_cols(cells), _n_rows(cells)
    grid: dict[tuple[int, int], Cell] = {(c.row, c.col): c for c in cells}
    rows = []
    for i in range(n_header, n_rows):
        starts = [c for c in cells if c.row == i]
        if len(starts) == 1 and starts[0].col == 0 and starts[0].col_span == n_cols:
            rows.append(TableRow(section=clean(starts[0].text)))
            continue
        if not starts:
            continue  # covered entirely by row spans from above
        texts = []
        for j in range(n_cols):
            cell = grid.get((i, j))
            texts.append(clean(cell.text) if cell else "")
        rows.append(TableRow(cells=texts))
    return rows


def build_structure(table: Table) -> Table:
    """Fill ``columns`` and ``rows`` of a table that only has ``cells``."""
    if table.rows or not table.cells:
        return table
    n_header = header_height(table.cells)
    table.columns = leaf_columns(table.cells, n_header)
    table.rows = body_rows(table.cells, n_header)
    return table


def _header_shape(table: Table) -> list[tuple[int, int, int, int]]:
    n_header = header_height(table.cells)
    return sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.row < n_header)


def same_header(a: Table, b: Table) -> bool:
    """The repeated header of a continued table: same merged-cell layout, or similar names.

    On a bad scan the header's words are misread differently on each page, but its
    layout of merged cells is the same, so either is enough (with the same column count;
    a one-row header without merged cells must have similar names).
    """
    if len(a.columns) != len(b.columns) or not a.columns:
        return False
    shape = _header_shape(a) if a.cells and b.cells else []
    merged = any(rs > 1 or cs > 1 for _, _, rs, cs in shape)
    if merged and shape == _header_shape(b):
        return True
    similar = sum(
        fuzz.ratio(fold(x), fold(y)) >= 80 for x, y in zip(a.columns, b.columns, strict=True)
    )
    return similar >= 0.6 * len(a.columns)


def join_continued(tables: list[Table]) -> list[Table]:
    """Join a table with the next one when it starts the next page with the same header."""
    joined: list[Table] = []
    readings: dict[int, list[list[str]]] = {}
    for table in tables:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and table.pages
            and previous.pages
            and table.pages[0] == previous.pages[-1] + 1
            and same_header(previous, table)
            and table.caption is None
        ):
            offset = _n_rows(previous.cells)
            for cell in table.cells:
                if cell.row >= header_height(table.cells):
                    previous.cells.append(
                        Cell(
                            text=cell.text,
                            row=cell.row + offset - header_height(table.cells),
                            col=cell.col,
                            row_span=cell.row_span,
                            col_span=cell.col_span,
                            bbox=cell.bbox,
                            confidence=cell.confidence,
                        )
                    )
            previous.rows.extend(table.rows)
            previous.pages.append(table.pages[0])
            readings.setdefault(id(previous), [previous.columns]).append(table.columns)
            continue
        joined.append(table)
    for table in joined:
        if id(table) in readings:
            table.columns = _vote_columns(readings[id(table)])
    return joined


def _vote_columns(readings: list[list[str]]) -> list[str]:
    """Each leaf column's name as most pages read it (a bad scan misreads a header
    differently on every page; the repeated header gives several readings to vote on)."""
    voted = []
    for names in zip(*readings, strict=True):
        counts = Counter(names)
        best = max(counts.values())
        voted.append(next(n for n in names if counts[n] == best))
    return voted
