"""The total row of a budget read by old OCR: how its line is told, and where it keeps its label.

``total_row_amounts`` tells a total row's line ("Tổng", "Tổng cộng" and its amounts, some
misread) and reads its amounts; ``total_row_label`` its label as read. The readers of a
budget read across its columns write a total row's label in the STT cell, where
"| Tổng | 1.100 | …" reads it. A table whose label spans the STT and text
cells, or sits in the text cell, is read with the STT cell empty before it: "| | Tổng
cộng | 124.367 | …". There the label goes back to the text cell it was read in (no
word moves against the reading: nothing to log; ``totals_where_read``).
"""

from __future__ import annotations

import regex

from sohoa.extract.amounts import DASHES, looks_like_amount
from sohoa.extract.budget_lines import RULED_EDGES
from sohoa.extract.flattened_lines import TOTAL_ROW_LABELS, is_amount_line
from sohoa.extract.structure import fold
from sohoa.model import TableRow

TOTAL_WORD = regex.compile(r"t[oe60]ng(c[oe60]ng)?")
TOTAL_LINE = regex.compile(r"^(T\S{2,3}g(?:\s+c\S{2,3}g)?)\b\s*(.*)$")
_EMPTY_CELLS_FIRST = regex.compile(r"^\|(?:\s*\|)+\s*")  # "| | Tổng cộng": its STT cell empty


def total_row_amounts(line: str) -> str | None:
    """The amounts of the total row ("Tổng", "Tổng cộng" and amounts, rulings read "|" or
    "[" and specks between them dropped), "" for "Tổng" alone; None if ``line`` is no total
    row. The empty number cell before the label ("| | Tổng cộng |") is no text of it."""
    match = TOTAL_LINE.match(RULED_EDGES.sub("", _EMPTY_CELLS_FIRST.sub("", line.strip())))
    if not match or not TOTAL_WORD.fullmatch(fold(match.group(1))):
        return None
    words = regex.sub(r"[|\[\]{}]", " ", match.group(2)).split()
    # a speck read between the amounts ("‘", "'", "."), no letter, digit nor dash: no cell
    rest = " ".join(w for w in words if regex.search(r"[\p{L}\p{N}]", w) or w in DASHES)
    if rest and not (is_amount_line(rest) or _with_misread_amounts(rest)):
        return None
    if not rest and fold(match.group(1)) not in TOTAL_ROW_LABELS:
        return None  # a misread "Tổng" is taken only with its amounts
    return rest


def total_row_label(line: str) -> str:
    """The label of a total row (a ``line`` ``total_row_amounts`` reads) as read: "Téng"."""
    match = TOTAL_LINE.match(RULED_EDGES.sub("", _EMPTY_CELLS_FIRST.sub("", line.strip())))
    return match.group(1) if match else ""


MISREAD_AMOUNT_MAX = 4  # letters a misread amount of a total row has ("sso" for 880)


def _with_misread_amounts(rest: str) -> bool:
    """ "2180 1300 sso 530 430 aso 170", "27.850 4-940 .000": a total row's amounts, some
    misread as short lower-case garbage or as digits and marks; amounts first and two in
    three at least. Those cells keep what was read (no digit is guessed)."""
    words = rest.split()
    amounts = [w for w in words if looks_like_amount(w) or w in DASHES]
    misread = [w for w in words if w not in amounts and regex.search(r"\p{L}", w)]
    return (
        looks_like_amount(words[0])
        and 3 * len(amounts) >= 2 * len(words)
        and all(len(w) <= MISREAD_AMOUNT_MAX and not w[:1].isupper() for w in misread)
    )


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
