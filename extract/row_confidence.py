"""How sure the rebuild is of each row of a table rebuilt from flattened old OCR text.

A reviewer of a rebuilt table should check first the rows the rebuild is least sure of.
Each row gets a confidence (``TableRow.confidence``, 0..1) from the evidence the rebuild
already has, one small function per evidence below (each 0..1):

- its number read (an "1", "2.3", a numeral) and whether the numbering had to repair it;
- its amounts adding up (no failed check of ``Table.validation`` names it) or not, and
  amounts placed by the arithmetic (their Edits);
- what it read that no cell takes (``TableRow.unplaced``);
- the doubt of the Edits logged for it (one minus each one's confidence);
- its text cells and amount cells left empty;
- the table's share of rows whose cells all found a place (the readers' own figure).

They are combined by a logistic (``WEIGHTS``, ``BIAS``) whose weights are fitted by
``bench/tables_row_confidence.py --fit`` on half the table development sets and checked on
the other half (the bench prints the calibration). The table's confidence is then the mean
of its rows' (``rate_rows``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import regex

from sohoa.extract.amounts import is_blank
from sohoa.extract.appendix import budget_columns, map_columns
from sohoa.extract.placement_edits import BY_COLUMN_TOTALS, BY_OWN_SUMS, BY_ROW_SUMS, LOST_CELL
from sohoa.extract.rebuild_edits import UNPLACED
from sohoa.extract.section_numerals import NUMBERING
from sohoa.extract.task_moves import ROW_NUMBER
from sohoa.model import Edit, Table, TableRow

REPAIRED_NUMBER = (NUMBERING, ROW_NUMBER)  # a row number the numbering set or moved
# amounts the arithmetic placed: the row's own sums, the table's column totals
BY_SUMS = (BY_OWN_SUMS, BY_COLUMN_TOTALS, BY_ROW_SUMS, LOST_CELL)
_NUMBER = regex.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.?)\s*$")


class RowEvidence:
    """What the rebuild knows of row ``index`` of ``table``: its cells, the table's
    amount and text columns, the sums' verdict and the Edits logged for the row."""

    def __init__(self, table: Table, index: int, edits: Sequence[Edit]) -> None:
        self.row: TableRow = table.rows[index]
        self.cells = self.row.cells or []
        self.amounts, self.stt = _amount_and_stt_columns(table)
        self.texts = [
            k for k in range(len(table.columns)) if k not in self.amounts and k != self.stt
        ]
        failed = table.validation.mismatches if table.validation else []
        self.sums_fail = any(m.row == index for m in failed)
        self.edits = [e for e in edits if e.row == index]
        self.table_placed = table.confidence if table.confidence is not None else 1.0
        self.body = [r.cells or [] for r in table.rows if r.section is None]

    def cell(self, k: int | None) -> str:
        return self.cells[k] if k is not None and k < len(self.cells) else ""


def _amount_and_stt_columns(table: Table) -> tuple[set[int], int | None]:
    """The table's amount columns (a budget's by their header, any other's by their type)
    and its row-number column."""
    mapping = map_columns(table.columns)
    amounts = set(budget_columns(mapping).values())
    types = table.column_types
    amounts = amounts or {k for k, t in enumerate(types) if t == "amount"}
    stt = [k for k, f in mapping.items() if f == ("stt",)] or [
        k for k, t in enumerate(types) if t == "stt"
    ]
    return amounts, (stt[0] if stt else None)


def is_section(e: RowEvidence) -> float:
    return float(e.row.section is not None)


def number_read(e: RowEvidence) -> float:
    """The row's number cell holds a row number ("1", "2.3.", "IV")."""
    return float(e.row.section is None and bool(_NUMBER.match(e.cell(e.stt))))


def number_repaired(e: RowEvidence) -> float:
    return float(any(edit.reason in REPAIRED_NUMBER for edit in e.edits))


def sums_hold(e: RowEvidence) -> float:
    """The row states amounts and no failed check of the sums names it."""
    stated = any(not is_blank(e.cell(k)) for k in e.amounts)
    return float(stated and not e.sums_fail)


def sums_fail(e: RowEvidence) -> float:
    return float(e.sums_fail)


def placed_by_sums(e: RowEvidence) -> float:
    return float(any(edit.reason in BY_SUMS for edit in e.edits))


def unplaced(e: RowEvidence) -> float:
    return float(bool(e.row.unplaced))


def edit_doubt(e: RowEvidence) -> float:
    """The doubt of the row's Edits (one minus each one's confidence), capped at 1; its
    unplaced values count in ``unplaced``."""
    doubt = sum(1 - edit.confidence for edit in e.edits if edit.reason != UNPLACED)
    return min(1.0, doubt)


def text_empty(e: RowEvidence) -> float:
    """The share of the row's text cells left empty (a section: none)."""
    if e.row.section is not None or not e.texts:
        return 0.0
    return sum(not e.cell(k).strip() for k in e.texts) / len(e.texts)


def amounts_empty(e: RowEvidence) -> float:
    """The share of the row's amount cells left empty (a section: none)."""
    if e.row.section is not None or not e.amounts:
        return 0.0
    return sum(is_blank(e.cell(k)) for k in e.amounts) / len(e.amounts)


def _words(cells: list[str]) -> int:
    return sum(len(c.split()) for c in cells)


def words_over_median(e: RowEvidence) -> float:
    """How far the row's words exceed those of the table's median row (0 up to it, 1 at
    three times as many): a row that took in the next one's lines holds too many."""
    if e.row.section is not None or not e.body:
        return 0.0
    median = sorted(_words(cells) for cells in e.body)[len(e.body) // 2]
    return min(1.0, max(0.0, _words(e.cells) / max(1, median) - 1) / 2)


def few_rows(e: RowEvidence) -> float:
    """The table holds at most two rows with cells: a table read from text that is none
    (text read column by column, one row of mixed cells) is found so."""
    return float(len(e.body) <= 2)


def table_placed(e: RowEvidence) -> float:
    """The table's share of rows whose cells all found a place, as its readers count."""
    return e.table_placed


EVIDENCE: dict[str, Callable[[RowEvidence], float]] = {
    f.__name__: f
    for f in (
        is_section,
        number_read,
        number_repaired,
        sums_hold,
        sums_fail,
        placed_by_sums,
        unplaced,
        edit_doubt,
        text_empty,
        amounts_empty,
        words_over_median,
        few_rows,
        table_placed,
    )
}

# Fitted by bench/tables_row_confidence.py --fit (a logistic, L2-regularised) on the sets
# 004, gen, budget, restart in the five OCR modes, restored (988 rows, 42% right);
# calibration gap 5.4% on them, 10.4% on the other four sets (638 rows, 31% right) at the
# fit, 5.7% and 10.7% with the weights as rounded here (tables as of session 18). A
# failed sum weighs above none: such a row at least states its amounts (``sums_hold``
# weighs more).
BIAS = 0.57
WEIGHTS: dict[str, float] = {
    "is_section": 1.31,
    "number_read": 0.22,
    "number_repaired": 0.07,
    "sums_hold": 1.04,
    "sums_fail": 0.40,
    "placed_by_sums": 1.61,
    "unplaced": -1.87,
    "edit_doubt": -2.66,
    "text_empty": -1.19,
    "amounts_empty": -0.14,
    "words_over_median": -2.74,
    "few_rows": -2.48,
    "table_placed": 1.36,
}


def evidence(table: Table, index: int, edits: Sequence[Edit]) -> dict[str, float]:
    """Each evidence of the row ``index`` of ``table``, by name."""
    found = RowEvidence(table, index, edits)
    return {name: measure(found) for name, measure in EVIDENCE.items()}


def combine(values: dict[str, float]) -> float:
    """The logistic of the weighted evidence: the chance the row is right."""
    z = BIAS + sum(WEIGHTS[name] * value for name, value in values.items())
    return 1 / (1 + math.exp(-z))


# the tables rated while a benchmark watches (``watching``), each with its rows' evidence
_WATCHED: ContextVar[list[tuple[Table, list[dict[str, float]]]] | None] = ContextVar(
    "rated_rows", default=None
)


@contextmanager
def watching() -> Iterator[list[tuple[Table, list[dict[str, float]]]]]:
    """The tables rated while the block runs, each with its rows' evidence (for
    bench/tables_row_confidence.py, which fits the weights on it)."""
    seen: list[tuple[Table, list[dict[str, float]]]] = []
    token = _WATCHED.set(seen)
    try:
        yield seen
    finally:
        _WATCHED.reset(token)


def rate_rows(table: Table, edits: Sequence[Edit]) -> None:
    """Give each row of ``table`` its confidence (``edits``: the Edits logged for the
    table), and the table the mean of its rows'."""
    found = [evidence(table, index, edits) for index in range(len(table.rows))]
    for row, values in zip(table.rows, found, strict=True):
        row.confidence = round(combine(values), 2)
    seen = _WATCHED.get()
    if seen is not None:
        seen.append((table, found))
    if table.rows:
        table.confidence = round(sum(r.confidence or 0 for r in table.rows) / len(table.rows), 2)
