"""Arithmetic checks of a budget table (Phụ lục II); findings go to ``Table.validation``.

Checks: each row's total against the sum of its years (per source where the table splits
NSNN / Tổ chức) and against NSNN + Tổ chức; each amount column against the "Tổng" row.
Where one cell is to blame — its row and its column are off by the same amount, or it is
unreadable while the sums determine it — the implied value is offered as a suggestion.
Suggestions are for the reviewer only; the data is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sohoa.extract.amounts import NotAnAmount, is_blank, parse_amount
from sohoa.extract.appendix import budget_columns, is_total_row, map_columns
from sohoa.model import Amount, Mismatch, Table, Validation


@dataclass
class _Check:
    row: int
    column: int  # the column holding the stated total
    parts: list[int]  # the columns that should add up to it (same row), or rows (same column)
    along: str  # "row" or "column"


def _value(table: Table, row: int, col: int) -> tuple[Amount | None, bool]:
    """(amount, readable): blank and dash are readable and mean none."""
    cells = table.rows[row].cells or []
    text = cells[col] if col < len(cells) else ""
    if is_blank(text):
        return None, True
    try:
        return parse_amount(text), True
    except NotAnAmount:
        return None, False


def _row_name(table: Table, row: int) -> str:
    """How a reviewer finds the row: its STT, else its position in the table (from 1)."""
    cells = table.rows[row].cells or []
    return cells[0] if cells and cells[0] else f"#{row + 1}"


def _row_checks(table: Table, row: int, amounts: dict[tuple[str, ...], int]) -> list[_Check]:
    checks = []
    years = sorted({f[1] for f in amounts if f[0] == "nam"})
    for source in ("nsnn", "to_chuc", "tong"):
        total = amounts.get(("kinh_phi", source))
        parts = [amounts[("nam", y, source)] for y in years if ("nam", y, source) in amounts]
        if total is not None and parts:
            checks.append(_Check(row, total, parts, "row"))
    total = amounts.get(("kinh_phi", "tong"))
    split = [amounts[k] for k in (("kinh_phi", "nsnn"), ("kinh_phi", "to_chuc")) if k in amounts]
    if total is not None and split:
        checks.append(_Check(row, total, split, "row"))
    return checks


def _checks(table: Table, amounts: dict[tuple[str, ...], int]) -> list[_Check]:
    """Every row's own checks, then each "Tổng" row against the items since the previous
    one (004 has sub-totals)."""
    item_rows = [i for i, r in enumerate(table.rows) if r.cells and not is_total_row(r.cells)]
    total_rows = [i for i, r in enumerate(table.rows) if r.cells and is_total_row(r.cells)]
    checks: list[_Check] = []
    for row in item_rows + total_rows:
        checks.extend(_row_checks(table, row, amounts))
    previous = -1
    for row in total_rows:
        segment = [r for r in item_rows if previous < r < row]
        previous = row
        for col in amounts.values():
            checks.append(_Check(row, col, segment, "column"))
    return checks


@dataclass
class _Failure:
    check: _Check
    stated: Amount | None  # None: the stated total is unreadable
    found: Amount  # what the readable parts add up to
    unreadable: list[tuple[int, int]]  # (row, column) of the parts that are not amounts


def _run_checks(
    table: Table, checks: list[_Check], validation: Validation
) -> tuple[list[_Failure], list[_Check]]:
    """The checks that fail, and the column checks that pass; ``validation.checked`` counts
    the checks that had something to check."""
    failures: list[_Failure] = []
    passed_columns: list[_Check] = []
    for check in checks:
        stated, stated_ok = _value(table, check.row, check.column)
        cells = (
            [(check.row, c) for c in check.parts]
            if check.along == "row"
            else [(r, check.column) for r in check.parts]
        )
        values = [_value(table, r, c) for r, c in cells]
        if all(v is None for v, _ in values) and all(ok for _, ok in values):
            continue  # no part states an amount (e.g. rows leave "Tổng cộng" empty)
        if stated is None and stated_ok and check.along == "row":
            continue  # rows often leave the total column empty and state only the parts
        validation.checked += 1
        unreadable = [cell for cell, (_, ok) in zip(cells, values, strict=True) if not ok]
        found = sum((v for v, _ in values if v is not None), start=0)
        if stated_ok and not unreadable and (stated or 0) == found:
            if check.along == "column":
                passed_columns.append(check)
            continue
        failures.append(_Failure(check, stated if stated_ok else None, found, unreadable))
    return failures, passed_columns


class _Blame:
    """Which cell a failed check is pinned on.

    A cell whose row check and column check both fail, by the same difference, is the
    culprit: a part of both (same sign), or a row's stated total that is a part of its
    column's sum (opposite signs: too much in the total is too little in the parts).
    """

    def __init__(self, failures: list[_Failure], passed_columns: list[_Check]) -> None:
        self.row_fail: list[tuple[_Check, Amount]] = []
        self.col_fail: dict[int, Amount] = {}
        for failure in failures:
            if failure.stated is None or failure.unreadable:
                continue
            diff = failure.stated - failure.found
            if failure.check.along == "row":
                self.row_fail.append((failure.check, diff))
            else:
                self.col_fail[failure.check.column] = diff
        # Cells a column check vouches for: all of a column that adds up, and all but the
        # culprit of a column whose failure is pinned on one row.
        self.vouched = {(r, c.column) for c in passed_columns for r in [c.row, *c.parts]}
        for failure in failures:
            check = failure.check
            if check.along == "column" and failure.stated is not None and not failure.unreadable:
                culprit = self.column_culprits(check, failure.stated - failure.found)
                if len(culprit) == 1:
                    rows = [check.row, *check.parts]
                    self.vouched |= {(r, check.column) for r in rows if r != culprit[0]}

    def row_culprits(self, check: _Check, diff: Amount) -> list[int]:
        parts = [c for c in check.parts if self.col_fail.get(c) == diff]
        return parts + ([check.column] if self.col_fail.get(check.column) == -diff else [])

    def column_culprits(self, check: _Check, diff: Amount) -> list[int]:
        return sorted(
            {
                fail.row
                for fail, row_diff in self.row_fail
                if fail.row in check.parts
                and (
                    (check.column in fail.parts and row_diff == diff)
                    or (fail.column == check.column and row_diff == -diff)
                )
            }
        )

    def lone_unvouched(self, check: _Check) -> list[int]:
        """A row check's one cell no column check vouches for: the only one left to blame."""
        cells = [*check.parts, check.column]
        return [c for c in cells if (check.row, c) not in self.vouched]


def _unreadable_mismatch(table: Table, failure: _Failure) -> Mismatch | None:
    """A check that fails for want of one readable cell: the sums imply its value."""
    check, stated, found = failure.check, failure.stated, failure.found
    if len(failure.unreadable) == 1 and stated is not None:
        r, c = failure.unreadable[0]
        suggestion = stated - found
        message = f"{table.columns[c]} is unreadable; the sums imply {suggestion}"
        return Mismatch(
            row=r,
            column=table.columns[c],
            expected=suggestion,
            found=None,
            message=message,
            suggestion=suggestion,
        )
    if stated is None:
        column_name = table.columns[check.column]
        message = f"{column_name}: stated total is unreadable; the parts add up to {found}"
        return Mismatch(
            row=check.row,
            column=column_name,
            expected=found,
            found=None,
            message=message,
            suggestion=found,
        )
    return None


def _mismatch(
    table: Table, mapping: dict[int, tuple[str, ...]], failure: _Failure, blame: _Blame
) -> Mismatch:
    """A failed check as the reviewer reads it, with the value its one culprit would have."""
    unreadable = _unreadable_mismatch(table, failure)
    if unreadable is not None:
        return unreadable
    check, found = failure.check, failure.found
    stated = failure.stated
    assert stated is not None  # an unreadable total is _unreadable_mismatch's
    column_name = table.columns[check.column]
    suggestion = None
    if check.along == "row":
        what = (
            "the years"
            if any(mapping.get(c, ("",))[0] == "nam" for c in check.parts)
            else "NSNN + Tổ chức"
        )
        message = f"row total {stated} in {column_name} but {what} add up to {found}"
        culprit = blame.row_culprits(check, stated - found) or blame.lone_unvouched(check)
        cell = (check.row, culprit[0]) if len(culprit) == 1 else None
    else:
        message = f"column {column_name}: the Tổng row says {stated} but the rows add up to {found}"
        culprit = blame.column_culprits(check, stated - found)
        cell = (culprit[0], check.column) if len(culprit) == 1 else None
    if cell is not None:
        current, _ = _value(table, *cell)
        is_part = check.along == "column" or cell[1] != check.column
        suggestion = (current or 0) + (stated - found) * (1 if is_part else -1)
        message += (
            f"; {table.columns[cell[1]]} of row {_row_name(table, cell[0])} would be {suggestion}"
        )
    return Mismatch(
        row=check.row,
        column=column_name,
        expected=found,
        found=stated,
        message=message,
        suggestion=suggestion,
    )


def validate_budget(table: Table) -> Validation:
    mapping = map_columns(table.columns)
    amounts = budget_columns(mapping)
    validation = Validation()
    if not amounts:
        return validation
    failures, passed_columns = _run_checks(table, _checks(table, amounts), validation)
    blame = _Blame(failures, passed_columns)
    validation.mismatches = [_mismatch(table, mapping, f, blame) for f in failures]
    validation.ok = not validation.mismatches
    return validation
