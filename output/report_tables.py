"""The review report's tables (output/html_report.py): header cells with their spans, rows
with the cells whose arithmetic does not add up flagged, and each mismatch with its row named
as a reviewer finds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sohoa.model import Table
from sohoa.output.layout import header_grid, nfc

ROW_LABEL_MAX = 60  # characters of a row's name in a mismatch message
# a row of a table rebuilt from old OCR text rated below this (``TableRow.confidence``) is
# marked "doubtful": the reviewer checks it first
LOW_ROW_CONFIDENCE = 0.5


@dataclass
class TableView:
    number: int
    caption: str
    title: str | None
    unit: str | None
    width: int  # leaf columns
    header_rows: list[list[dict[str, Any]]]
    rows: list[dict[str, Any]]
    mismatches: list[dict[str, Any]]
    checked: int
    # what a row read that no cell takes (old OCR's amounts beyond the amount columns)
    unplaced: list[dict[str, str]]


def table_view(number: int, table: Table) -> TableView:
    """A table as the report shows it: header cells with their spans, rows with the cells
    the arithmetic check flagged, and the mismatches with the rows named."""
    validation = table.validation
    mismatches = validation.mismatches if validation else []
    return TableView(
        number=number,
        caption=nfc(table.caption or f"Bảng {number}"),
        title=nfc(table.title) if table.title else None,
        unit=nfc(table.unit) if table.unit else None,
        width=max(len(table.columns), max((len(r.cells or []) for r in table.rows), default=1)),
        header_rows=_header_rows(table),
        rows=_body_rows(table, mismatches),
        mismatches=[
            {
                "row": m.row,
                "label": _row_label(table, m.row),
                "column": nfc(m.column),
                "expected": _amount(m.expected),
                "found": _amount(m.found),
                "suggestion": _amount(m.suggestion),
                "message": nfc(m.message),
            }
            for m in mismatches
        ],
        checked=validation.checked if validation else 0,
        unplaced=[
            {"label": _row_label(table, k), "text": nfc(row.unplaced)}
            for k, row in enumerate(table.rows)
            if row.unplaced
        ],
    )


def _header_rows(table: Table) -> list[list[dict[str, Any]]]:
    depth, header = header_grid(table.columns)
    header_rows: list[list[dict[str, Any]]] = [[] for _ in range(depth)]
    for cell in header:
        header_rows[cell.row].append(
            {"text": nfc(cell.text), "rowspan": cell.row_span, "colspan": cell.col_span}
        )
    return header_rows


def _body_rows(table: Table, mismatches: list[Any]) -> list[dict[str, Any]]:
    """Section rows and rows of cells; a cell of a flagged column is "bad", a long one "long"."""
    flagged: dict[int, set[str]] = {}
    for m in mismatches:
        flagged.setdefault(m.row, set()).add(m.column)
    rows = []
    for index, row in enumerate(table.rows):
        columns = flagged.get(index, set())
        if row.cells is None:
            rows.append({"section": nfc(row.section or ""), "flagged": bool(columns)})
            continue
        cells = []
        for col, text in enumerate(row.cells):
            bad = col < len(table.columns) and table.columns[col] in columns
            css = " ".join(name for name, on in (("bad", bad), ("long", len(text) > 40)) if on)
            cells.append({"text": nfc(text), "css": css})
        rows.append({"cells": cells, "index": index, **_row_marks(bool(columns), row.confidence)})
    return rows


def _row_marks(flagged: bool, confidence: float | None) -> dict[str, Any]:
    """A row's classes and tooltip: its sums do not add up ("mismatch"), the rebuild is
    unsure of it ("doubtful", its confidence below ``LOW_ROW_CONFIDENCE``)."""
    doubtful = confidence is not None and confidence < LOW_ROW_CONFIDENCE
    marks = [("mismatch", "Tổng không khớp", flagged)]
    marks.append(("doubtful", f"Dòng dựng lại chưa chắc (độ tin cậy {confidence})", doubtful))
    return {
        "flagged": flagged,
        "css": " ".join(name for name, _, on in marks if on),
        "title": "; ".join(title for _, title, on in marks if on),
    }


def _row_label(table: Table, index: int) -> str:
    """How a reviewer finds the row: its number and name ("2 · Đào tạo …"), not an index."""
    if not 0 <= index < len(table.rows):
        return f"dòng {index + 1}"
    row = table.rows[index]
    if row.cells is None:
        return nfc(row.section or f"dòng {index + 1}")
    label = nfc(" · ".join(text for text in row.cells[:2] if text.strip()))
    if len(label) > ROW_LABEL_MAX:
        label = label[: ROW_LABEL_MAX - 1].rstrip() + "…"
    return label or f"dòng {index + 1}"


def _amount(value: Any) -> str:
    return "" if value is None else str(value)
