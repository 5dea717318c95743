"""Where a table's rows of amounts read without their positions go, row by row.

Old OCR reads a budget row's blank amount cells as nothing: "300 100 200" under four
amount columns. The one contiguous placement where the row adds up is taken
(``flattened_sums.place_by_sums``); a row whose sums fail (a misread digit) follows the
table's other rows of as many values, else stays as read from the left (``Placements``).
"""

from __future__ import annotations

from collections import Counter

from sohoa.extract.flattened_sums import place_by_sums


class Placements:
    """Where a table's rows of lost-position amounts went. A row the arithmetic places
    tells where a row of as many values starts; a row whose arithmetic fails (a misread
    digit) is placed where the table's other rows of that many values were, else from
    the left — the table's own evidence, never another document's."""

    def __init__(self, amount_columns: list[str]) -> None:
        self.amount_columns = amount_columns
        self.starts: dict[int, Counter[int]] = {}
        self.unsettled: list[tuple[list[str], int, list[str]]] = []  # cells, first, values

    def place(self, values: list[str]) -> tuple[list[str], bool]:
        """The amount cells of ``values`` and whether the row's sums placed them."""
        n = len(self.amount_columns)
        read = (values + [""] * n)[:n]
        by_sums = place_by_sums(values, self.amount_columns)
        if by_sums is not None:
            start = next(k for k, cell in enumerate(by_sums) if cell)
            self.starts.setdefault(len(values), Counter())[start] += 1
            return by_sums, True
        lost = None
        if len(values) < n:
            lost = place_by_sums(values, self.amount_columns, lost_cell=True)
        return lost or read, False

    def defer(self, cells: list[str], first: int, values: list[str]) -> None:
        """Row ``cells`` holds ``values`` from column ``first`` on, placed from the left."""
        self.unsettled.append((cells, first, values))

    def settle(self) -> None:
        """The rows deferred placed where the rows of as many values the sums placed start
        most often."""
        n = len(self.amount_columns)
        for cells, first, values in self.unsettled:
            starts = self.starts.get(len(values))
            if not starts:
                continue
            start = starts.most_common(1)[0][0]
            if start + len(values) <= n:
                placed = [""] * start + values + [""] * (n - start - len(values))
                cells[first : first + n] = placed
