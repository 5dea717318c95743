"""Row sums of a ruled table as evidence for its amounts: a cell that breaks its row's sum
is read again, and a new reading is kept only when it makes the row add up.

Budget tables (Phụ lục II) state a total beside its parts ("Tổng kinh phí" = the years).
The relation is found in the table itself, not from its header: an amount column that, in
most rows, equals the sum of the amount columns to its right. In a row where it fails, each
amount cell is read again (``CellReader.read_number_again``: other crops and sizes, digits
only); if exactly one of those readings, in exactly one cell, makes the row add up, it
replaces the first reading. Nothing is computed into a cell: a value no reading gave is
never written, and a row that no reading repairs stays as read (``validate`` flags it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sohoa.extract.amounts import is_blank, looks_like_amount, try_amount
from sohoa.model import Amount, Cell

MIN_ROWS = 3  # rows that state a total and parts before the relation is trusted
HOLDING_SHARE = 0.6  # share of those rows whose sum must hold

ReadAgain = Callable[[Cell], list[str]]  # other readings of a cell (the caller's OCR)


@dataclass(frozen=True)
class RowSum:
    total: int  # column of the stated total
    parts: tuple[int, ...]  # columns that add up to it


def _value(text: str) -> Amount | None:
    """0 for a blank or dash (the cell says none), the amount, or None when unreadable."""
    return 0 if is_blank(text) else try_amount(text)


def _amount_columns(rows: list[dict[int, Cell]]) -> list[int]:
    """Columns whose cells are amounts or blanks in most rows, with at least two amounts."""
    columns = sorted({col for row in rows for col in row})
    found = []
    for col in columns:
        texts = [row[col].text for row in rows if col in row]
        amounts = [t for t in texts if not is_blank(t) and looks_like_amount(t)]
        blanks = [t for t in texts if is_blank(t)]
        if len(amounts) >= 2 and len(amounts) + len(blanks) >= HOLDING_SHARE * len(texts):
            found.append(col)
    return found


def _holds(row: dict[int, Cell], relation: RowSum) -> bool | None:
    """Does the row add up? None when it states no total or has an unreadable cell."""
    if relation.total not in row or is_blank(row[relation.total].text):
        return None
    values = [_value(row[c].text) if c in row else 0 for c in (relation.total, *relation.parts)]
    if any(v is None for v in values):
        return None
    return values[0] == sum(values[1:])  # type: ignore[arg-type]


def find_row_sum(rows: list[dict[int, Cell]]) -> RowSum | None:
    """The amount column that most rows state as the sum of the amount columns after it."""
    columns = _amount_columns(rows)
    for k, total in enumerate(columns[:-1]):
        relation = RowSum(total, tuple(columns[k + 1 :]))
        verdicts = [_holds(row, relation) for row in rows]
        stated = [v for v in verdicts if v is not None]
        if len(stated) >= MIN_ROWS and sum(stated) >= HOLDING_SHARE * len(stated):
            return relation
    return None


def _adds_up(row: dict[int, Cell], relation: RowSum, col: int, text: str) -> bool:
    trial = {c: (Cell(text=text, row=0, col=c) if c == col else cell) for c, cell in row.items()}
    return bool(_holds(trial, relation))


def repair_row(row: dict[int, Cell], relation: RowSum, read_again: ReadAgain) -> Cell | None:
    """Read the row's amount cells again; keep the one reading that makes the row add up.

    Returns the cell that changed, or None (no reading, or more than one cell's, does it).
    """
    solutions: dict[int, str] = {}
    for col in (relation.total, *relation.parts):
        if col not in row:
            continue
        fitting = [t for t in read_again(row[col]) if t and _adds_up(row, relation, col, t)]
        if fitting:
            # the same value may come written two ways ("5771", "5.771"): the longer keeps
            # the separators the column prints
            solutions[col] = max(fitting, key=len)
    if len(solutions) != 1:
        return None
    col, text = next(iter(solutions.items()))
    row[col].text = text
    return row[col]


def repair_row_sums(body: list[dict[int, Cell]], read_again: ReadAgain) -> list[Cell]:
    """Every row of ``body`` (column -> cell) that breaks the table's row sum, repaired when
    one reading of one cell makes it add up. Returns the cells that changed."""
    relation = find_row_sum(body)
    if relation is None:
        return []
    changed = []
    for row in body:
        if _holds(row, relation) is False or _unreadable(row, relation):
            cell = repair_row(row, relation, read_again)
            if cell is not None:
                changed.append(cell)
    return changed


def _unreadable(row: dict[int, Cell], relation: RowSum) -> bool:
    cells = [row[c] for c in (relation.total, *relation.parts) if c in row]
    return any(_value(cell.text) is None for cell in cells)
