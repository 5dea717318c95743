"""Budget arithmetic: mismatches with row and column; suggestions never written into data."""

from __future__ import annotations

from sohoa.extract.tables import finish_table
from sohoa.model import Table, TableRow

COLUMNS = ["STT", "Nội dung", "Kinh phí / NSNN", "Năm 2026 / NSNN", "Năm 2027 / NSNN"]


def budget(rows: list[list[str]]) -> Table:
    table = Table(kind="phu_luc_2", columns=COLUMNS, rows=[TableRow(cells=r) for r in rows])
    return finish_table(table)


def test_consistent_table_validates():
    table = budget(
        [
            ["1", "A", "300", "100", "200"],
            ["2", "B", "50", "-", "50"],
            ["Tổng", "", "350", "100", "250"],
        ]
    )
    assert table.validation.ok
    assert table.validation.checked >= 6


def test_misread_cell_is_pinned_by_its_row_and_column():
    """OCR read 200 as 280: row 1 and column 2027 are both off by 80 -> suggest 200."""
    table = budget(
        [
            ["1", "A", "300", "100", "280"],
            ["2", "B", "50", "-", "50"],
            ["Tổng", "", "350", "100", "250"],
        ]
    )
    row_mismatch = [m for m in table.validation.mismatches if m.row == 0]
    assert len(row_mismatch) == 1
    assert row_mismatch[0].column == "Kinh phí / NSNN"
    assert row_mismatch[0].suggestion == 200
    assert "Năm 2027 / NSNN of row 1 would be 200" in row_mismatch[0].message
    assert table.rows[0].cells[4] == "280"  # the data keeps what was read
    assert table.records[0].theo_nam["2027"].nsnn == 280


def test_unreadable_cell_gets_the_implied_value():
    table = budget([["1", "A", "300", "100", "2O0"], ["Tổng", "", "300", "100", "200"]])
    suggestions = {(m.row, m.column): m.suggestion for m in table.validation.mismatches}
    assert suggestions[(0, "Năm 2027 / NSNN")] == 200
    assert table.records[0].theo_nam["2027"].nsnn is None


def test_misread_row_total_is_pinned_by_its_column():
    """OCR read a row's stated total 8 as 9: the row is 1 too high, its column 1 too low."""
    table = budget(
        [
            ["1", "A", "9", "8", "-"],
            ["2", "B", "50", "-", "50"],
            ["Tổng", "", "58", "8", "50"],
        ]
    )
    by_row = {m.row: m for m in table.validation.mismatches}
    assert by_row[0].suggestion == 8
    assert "Kinh phí / NSNN of row 1 would be 8" in by_row[0].message
    assert by_row[2].suggestion == 8  # the column check points at the same cell
    assert table.rows[0].cells[2] == "9"


def test_misread_grand_total_is_pinned_when_its_columns_add_up():
    """Only the Tổng row states "Tổng cộng", so no column checks it; OCR read 358 as 858.

    NSNN and Tổ chức of the Tổng row add up down their columns, so the grand total is the
    one cell left to blame.
    """
    columns = ["STT", "Nội dung", "Kinh phí / Tổng cộng", "Kinh phí / NSNN"]
    columns += ["Kinh phí / Tổ chức", "Năm 2026 / NSNN", "Năm 2026 / Tổ chức"]
    rows = [
        ["1", "A", "", "300", "8", "300", "8"],
        ["2", "B", "", "50", "-", "50", "-"],
        ["Tổng", "", "858", "350", "8", "350", "8"],
    ]
    table = Table(kind="phu_luc_2", columns=columns, rows=[TableRow(cells=r) for r in rows])
    finish_table(table)
    (mismatch,) = table.validation.mismatches
    assert (mismatch.row, mismatch.column) == (2, "Kinh phí / Tổng cộng")
    assert mismatch.suggestion == 358
    assert "Kinh phí / Tổng cộng of row Tổng would be 358" in mismatch.message
    assert table.rows[2].cells[2] == "858"
