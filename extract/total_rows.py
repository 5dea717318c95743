"""Where a budget's total row keeps its label: in the cell old OCR read it in.

The readers of a budget read across its columns write a total row's label in the STT
cell, where "| Tổng | 1.100 | …" reads it. A table whose label spans the STT and text
cells, or sits in the text cell, is read with the STT cell empty before it: "| | Tổng
cộng | 124.367 | …". There the label goes back to the text cell it was read in (no
word moves against the reading: nothing to log).
"""

from __future__ import annotations

import regex

from sohoa.extract.budget_lines import total_row_amounts
from sohoa.extract.flattened_lines import TOTAL_ROW_LABELS
from sohoa.extract.structure import fold
from sohoa.model import TableRow

EMPTY_FIRST_CELL = regex.compile(r"^\s*\|\s*\|")  # "| | Tổng cộng": the STT cell read empty


def _read_in_text_cell(line: str) -> bool:
    return bool(EMPTY_FIRST_CELL.match(line)) and total_row_amounts(line) is not None


def _total_in_stt(row: TableRow) -> bool:
    cells = row.cells or []
    return len(cells) > 1 and fold(cells[0]) in TOTAL_ROW_LABELS and not cells[1]


def totals_where_read(rows: list[TableRow], body: list[str]) -> None:
    """Give each total row of ``rows`` whose label ``body`` read in the text cell, its STT
    cell empty before it, its label back in that cell (the k-th such line the k-th total
    row; nothing unless they are as many)."""
    lines = [line for line in body if total_row_amounts(line) is not None]
    read_in_text = [_read_in_text_cell(line) for line in lines]
    totals = [row for row in rows if _total_in_stt(row)]
    if len(totals) != len(read_in_text):
        return
    for row, in_text in zip(totals, read_in_text, strict=True):
        if in_text and row.cells is not None:
            row.cells[0], row.cells[1] = "", row.cells[0]
