"""Where a table's rows of amounts read without their positions go, row by row.

Old OCR reads a budget row's blank amount cells as nothing: "300 100 200" under four
amount columns. The one contiguous placement where the row adds up is taken
(``flattened_sums.place_by_sums``); a row whose sums fail (a misread digit) follows the
table's other rows of as many values, else stays as read from the left (``Placements``).
Each cell a placement fills otherwise than read from the left is an edit of its row
(``placement_edits.note_placed``).
"""

from __future__ import annotations

from collections import Counter

from sohoa.extract.amounts import is_blank, try_amount
from sohoa.extract.flattened_sums import place_by_sums, total_split_at_its_dot
from sohoa.extract.placement_edits import BY_ROW_SUMS, LIKE_OTHER_ROWS, LOST_CELL, note_placed
from sohoa.extract.rebuild_edits import current_row


class Placements:
    """Where a table's rows of lost-position amounts went. A row the arithmetic places
    tells where a row of as many values starts; a row whose arithmetic fails (a misread
    digit) is placed where the table's other rows of that many values were, else from
    the left — the table's own evidence, never another document's."""

    def __init__(self, amount_columns: list[str]) -> None:
        self.amount_columns = amount_columns
        self.starts: dict[int, Counter[int]] = {}
        # cells, first, values, row (``rebuild_edits.at_row``'s, None outside it)
        self.unsettled: list[tuple[list[str], int, list[str], int | None]] = []

    def place(self, values: list[str]) -> tuple[list[str], bool]:
        """The amount cells of ``values`` and whether the row's sums placed them (each cell
        placed otherwise than read from the left noted)."""
        n = len(self.amount_columns)
        read = (values + [""] * n)[:n]
        by_sums = place_by_sums(values, self.amount_columns)
        if by_sums is not None:
            start = next(k for k, cell in enumerate(by_sums) if cell)
            self.starts.setdefault(len(values), Counter())[start] += 1
            note_placed(read, by_sums, BY_ROW_SUMS)
            return by_sums, True
        lost = None
        if len(values) < n:
            lost = place_by_sums(values, self.amount_columns, lost_cell=True)
        if lost is not None:
            note_placed(read, lost, LOST_CELL)
        return lost or read, False

    def defer(self, cells: list[str], first: int, values: list[str]) -> None:
        """Row ``cells`` holds ``values`` from column ``first`` on, placed from the left."""
        self.unsettled.append((cells, first, values, current_row()))

    def settle(self) -> None:
        """The rows deferred placed where the rows of as many values the sums placed start
        most often (each cell placed otherwise noted)."""
        n = len(self.amount_columns)
        for cells, first, values, row in self.unsettled:
            starts = self.starts.get(len(values))
            if not starts:
                continue
            start = starts.most_common(1)[0][0]
            if start + len(values) <= n:
                placed = [""] * start + values + [""] * (n - start - len(values))
                note_placed(cells[first : first + n], placed, LIKE_OTHER_ROWS, row)
                cells[first : first + n] = placed


def amounts_read(values: list[str], amount_columns: list[str]) -> tuple[list[str], list[str]]:
    """A row's run of amounts as its cells will take them, and what no cell takes: its
    total's thousands dot read as a space put back (``total_split_at_its_dot``), a mark
    read as a digit set aside (``misread_set_aside``)."""
    return misread_set_aside(total_split_at_its_dot(values, amount_columns), amount_columns)


def misread_set_aside(values: list[str], amount_columns: list[str]) -> tuple[list[str], list[str]]:
    """A run of amounts that adds up in no placement as read, but in one
    (``place_by_sums``) once one value after its total is set aside, a mark read as a
    digit ("200 50 7 50 50 50" under Kinh phí and five years): the run without it, and it
    (kept by the row: ``budget_unplaced``); else the run as read, and nothing. The total
    is read (its sum the evidence), the value is unlike the row's others (a "20" of "20 20
    20" may be a year, its total misread), the run left states two years at least ("100 =
    100" is no evidence), and only one value set aside leaves a run that adds up."""
    n = len(amount_columns)
    if len(values) < 3 or try_amount(values[0]) is None:
        return values, []
    if place_by_sums(values, amount_columns) is not None:
        return values, []  # it adds up as read
    if len(values) < n and place_by_sums(values, amount_columns, lost_cell=True) is not None:
        return values, []  # … with a cell between two values lost
    runs = {
        tuple(values[:k] + values[k + 1 :]): values[k]
        for k in range(1, len(values))
        if values.count(values[k]) == 1 and _adds_up_without(values, k, amount_columns)
    }
    if len(runs) != 1:
        return values, []
    [(run, misread)] = runs.items()
    return list(run), [misread]


def _adds_up_without(values: list[str], k: int, amount_columns: list[str]) -> bool:
    """Whether the run without its value ``k`` states two years at least and adds up in
    one placement only (``place_by_sums``)."""
    run = values[:k] + values[k + 1 :]
    years = [v for v in run[1:] if not is_blank(v)]
    return len(years) >= 2 and place_by_sums(run, amount_columns) is not None
