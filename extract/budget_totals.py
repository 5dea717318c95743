"""Row totals old OCR misread ("sso0", "T2470", "4 555"), put back by two sums at once.

A budget row's total ("Kinh phí") is the sum of its years, and the total row's "Kinh phí"
is the sum of the rows' totals. When a row's total was read as no amount, or in two pieces
that are not its years' sum, and every other total of the column was read, the column's
total less the others is what the misread totals come to: when that is exactly the sum of
those rows' own years, each one is its years' sum. The two sums are independent evidence
(a misread year would break the row's, a misread total the column's), so the digits are
derived, not guessed; a table where the two disagree, or any other total is unknown, keeps
every cell as read.
"""

from __future__ import annotations

from decimal import Decimal

from sohoa.extract.amounts import DASHES, is_blank, try_amount

TOTAL_CELL = 2  # a budget row's cells: number, text, its total, then its years


def _misread_total(cell: str) -> bool:
    """A total read as no amount ("sso0", "T2470") or in two pieces ("4 555")."""
    return not is_blank(cell) and (try_amount(cell) is None or " " in cell.strip())


def _years_sum(cells: list[str], years: int) -> Decimal | None:
    """The sum of the row's year cells, None when one was read as no amount."""
    total = Decimal(0)
    for cell in cells[TOTAL_CELL + 1 : TOTAL_CELL + 1 + years]:
        if is_blank(cell) or cell in DASHES:
            continue
        value = try_amount(cell)
        if value is None:
            return None
        total += Decimal(value)
    return total


def _written(value: Decimal) -> str:
    """An amount as the tables write it: thousands parted by dots."""
    return f"{int(value):,}".replace(",", ".")


def totals_by_two_sums(rows: list[list[str]], total_row: list[str], years: int) -> None:
    """Put right, in place, the misread totals of ``rows`` (the cells of the rows the total
    row sums: not the rows under a subtotal) that both sums settle (see the module's
    docstring); ``years``: how many year columns follow the total."""
    column_total = try_amount(total_row[TOTAL_CELL]) if len(total_row) > TOTAL_CELL else None
    if column_total is None:
        return
    misread = [cells for cells in rows if _misread_total(cells[TOTAL_CELL])]
    if not misread:
        return
    others = [cells[TOTAL_CELL] for cells in rows if not _misread_total(cells[TOTAL_CELL])]
    read = [try_amount(c) if not is_blank(c) and c not in DASHES else 0 for c in others]
    sums = [_years_sum(cells, years) for cells in misread]
    if None in read or None in sums or not all(sums):
        return
    left = Decimal(column_total) - sum(Decimal(v or 0) for v in read)
    if left != sum(s or 0 for s in sums) or any(s % 1 for s in sums if s):
        return
    for cells, value in zip(misread, sums, strict=True):
        cells[TOTAL_CELL] = _written(value or Decimal(0))
