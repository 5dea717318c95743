"""The edits of a budget row's amounts placed by arithmetic in other cells than read.

Old OCR reads a blank amount cell as nothing: "1.200 300 300 300 300" under Kinh phí and
five years. Read from the left, the last year is empty; the sums may place the blank
elsewhere: row by row (``row_placements.Placements``), where the row adds up in one run of
cells only, with one cell between two values lost or not, else where the table's other
rows of as many values went; then (``flattened_budget._place_under``) where every column
adds up to the total row (``flattened_sums.placements_by_column_totals``), or where the
row's own sums hold in one placement only. The values are never changed, but a value
put in another cell than it stood in is a move the reviewer sees: each cell a placement
fills otherwise is noted (``rebuild_edits.note``), its original the cell as it stood, its
result the value placed there, under the reason of the placement that put it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sohoa.extract.flattened_sums import ColumnPlacements
from sohoa.extract.rebuild_edits import note

BY_COLUMN_TOTALS = "table-amounts-by-column-totals"  # every column adds up to the total row
BY_OWN_SUMS = "table-amounts-by-own-sums"  # the row's own sums hold in one placement only
BY_ROW_SUMS = "table-amounts-by-row-sums"  # the row adds up in one run of cells only
LOST_CELL = "table-amounts-lost-cell"  # … with one cell between two values lost
LIKE_OTHER_ROWS = "table-amounts-like-other-rows"  # where the rows of as many values went
# measured as rebuild_edits' (bench/tables_edits.py --restore, the five OCR modes):
# (right + 1) / (judged + 2) rounded down to 0.05. The wrong ones are values old OCR
# misread ("410" for 10, "agg" for 520), their cells judged against the truth's digits.
PLACED_CONFIDENCES = {
    BY_COLUMN_TOTALS: 0.95,  # 39 of 40 right: (39 + 1) / (40 + 2) = 0.95
    BY_OWN_SUMS: 0.85,  # 23 of 25 right: (23 + 1) / (25 + 2) = 0.89
    # lstm6-norules restored, session 19: 24 of 30 right (10 unjudged): (24 + 1) / (30 + 2)
    BY_ROW_SUMS: 0.75,
    # session 20, once a lost cell no longer leaves the total empty too (flattened_sums):
    # 20 of 24 right (1 unjudged): (20 + 1) / (24 + 2) = 0.81 (was 22 of 30: 0.7)
    LOST_CELL: 0.8,
    LIKE_OTHER_ROWS: 0.5,  # none met in the dev sets: (0 + 1) / (0 + 2), till some are judged
}


def note_placed(
    before: Sequence[str], after: Sequence[str], reason: str, row: int | None = None
) -> None:
    """Note each amount cell of table row ``row`` (the row being read when None:
    ``rebuild_edits.at_row``) that a placement by ``reason`` fills other than it stood
    ``before`` (a cell emptied is told by the cell its value went to)."""
    for was, cell in zip(before, after, strict=True):
        if cell:
            note(was, cell, PLACED_CONFIDENCES[reason], reason, row)


def note_column_placements(
    stood: list[tuple[list[str], int]], placed: ColumnPlacements | None
) -> None:
    """Note the cells ``placements_by_column_totals`` placed otherwise than they ``stood``
    (each open row's cells, and its index in the table's rows); a row placed first, its own
    sums holding in one placement only, under its own reason."""
    if placed is None:
        return
    for (cells, row), after, by_own in zip(stood, placed.rows, placed.by_own_sums, strict=True):
        if after is not None:
            note_placed(cells, after, BY_OWN_SUMS if by_own else BY_COLUMN_TOTALS, row)
