"""What old OCR read in a budget row read across that no cell takes: kept, never dropped.

A row read across (``flattened_budget``) has one run of amounts, at most as many as its
amount columns, and a row number. Amounts beyond the columns, a second run on another of
its lines that adds up nowhere (``flattened_budget._one_row_per_sum`` parts those that
do), and a row number garbled past reading ("q_ |", ``NumberRead``) fit no cell: put into
the amounts they would upset the column sums, into the text the rows' alignment. They are
kept with the row (``TableRow.unplaced``, its record's ``extra``), in reading order, and
noted (``rebuild_edits.UNPLACED``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sohoa.extract.rebuild_edits import UNPLACED, UNPLACED_CONFIDENCE, note

if TYPE_CHECKING:
    from sohoa.extract.budget_lines import BudgetLine


class NumberRead(str):
    """A row number as written that keeps what old OCR read (``read``): empty for one
    garbled past reading ("q_" before the TT column's ruling), as any number lost; "III"
    for a numeral whose "II" was read "H" ("HI")."""

    read: str


def number_read(written: str, read: str) -> NumberRead:
    """The row number ``written`` where ``read`` was read."""
    number = NumberRead(written)
    number.read = read
    return number


def lost_number(read: str) -> NumberRead:
    """The empty row number of a row whose number was read ``read``."""
    return number_read("", read)


def set_aside(group: list[BudgetLine], longest: int | None, beyond: list[str]) -> list[str]:
    """What a row's lines (``group``) read that no cell takes, in reading order: their row
    numbers garbled past reading, the amounts of the run of line ``longest`` (the row's
    amounts) ``beyond`` the amount columns, and the other lines' runs; noted as set aside."""
    kept: list[str] = []
    for k, (number, _, values, _) in enumerate(group):
        if isinstance(number, NumberRead) and not number:
            kept.append(number.read)
        kept.extend(beyond if k == longest else values)
    note(" ".join(kept), "", UNPLACED_CONFIDENCE, UNPLACED)
    return kept
