"""A row's amounts read without their positions, placed row by row (``row_placements``):
where the row adds up, else where the table's other rows of as many values went."""

from __future__ import annotations

from sohoa.extract.row_placements import Placements

BY_SOURCE = ["Kinh phí / Tổng", "Kinh phí / NSNN", "Năm 2026 / NSNN", "Năm 2027 / NSNN"]


def test_amounts_whose_sums_fail_go_where_the_tables_other_rows_went():
    """Old OCR lost the columns: a row that adds up places itself (the total is the sum of
    the years); a row with a misread digit (10 for 180) goes where that row's values went,
    not simply from the left."""
    placements = Placements(BY_SOURCE)
    good, placed = placements.place(["300", "100", "200"])
    assert (good, placed) == (["", "300", "100", "200"], True)
    cells, placed = placements.place(["540", "180", "10"])
    assert not placed and cells == ["540", "180", "10", ""]
    row = ["1.2", "Đào tạo", *cells]
    placements.defer(row, 2, ["540", "180", "10"])
    placements.settle()
    assert row == ["1.2", "Đào tạo", "", "540", "180", "10"]
