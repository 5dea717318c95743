"""A row's amounts read without their positions, placed row by row (``row_placements``):
where the row adds up, else where the table's other rows of as many values went; each
cell placed otherwise than read from the left is an edit of its row."""

from __future__ import annotations

from old_ocr_tables import BUDGET_RULED_ACROSS, table_of_text

from sohoa.extract.placement_edits import BY_ROW_SUMS, LIKE_OTHER_ROWS, LOST_CELL
from sohoa.extract.rebuild_edits import at_row, reading_rows
from sohoa.extract.row_placements import Placements, misread_set_aside

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


def test_a_row_placed_where_it_adds_up_is_an_edit_of_each_cell_filled_otherwise():
    """ "300 100 200" read from the left fills Kinh phí's total; only NSNN 300 = 100 + 200
    adds up: each cell the placement fills otherwise than the left-filled reading is an
    edit of the row being read, the value read there its original."""
    with reading_rows() as notes, at_row(3):
        cells, placed = Placements(BY_SOURCE).place(["300", "100", "200"])
    assert placed and cells == ["", "300", "100", "200"]
    assert [(e.original, e.result, e.reason, e.row) for e in notes] == [
        ("100", "300", BY_ROW_SUMS, 3),
        ("200", "100", BY_ROW_SUMS, 3),
        ("", "200", BY_ROW_SUMS, 3),
    ]


def test_a_row_read_in_place_is_no_edit():
    """ "600 300 300" under Kinh phí and three years adds up as read from the left."""
    columns = ["Kinh phí", "Năm 2026", "Năm 2027", "Năm 2028"]
    with reading_rows() as notes:
        cells, placed = Placements(columns).place(["600", "300", "300"])
    assert placed and cells == ["600", "300", "300", ""] and notes == []


def test_a_row_with_a_cell_lost_between_its_values_is_an_edit_of_the_cells_after_it():
    """ "350 300 50 100 200 50" under Kinh phí and two years split by source: read from
    the left, NSNN 300 is not 100 + 50; with 2026's Tổ chức blank (its "-" lost) every
    total adds up. The cells after the lost one, filled otherwise, are edits of the row."""
    sources = ["Tổng cộng", "NSNN", "Tổ chức"]
    columns = [f"Kinh phí / {s}" for s in sources]
    columns += [f"Năm {y} / {s}" for y in (2026, 2027) for s in sources[1:]]
    with reading_rows() as notes, at_row(2):
        cells, placed = Placements(columns).place(["350", "300", "50", "100", "200", "50"])
    assert not placed and cells == ["350", "300", "50", "100", "", "200", "50"]
    assert [(e.original, e.result, e.reason, e.row) for e in notes] == [
        ("50", "200", LOST_CELL, 2),
        ("", "50", LOST_CELL, 2),
    ]


def test_a_row_settled_like_the_others_is_an_edit_of_the_row_it_was_read_in():
    """Row 4's "540 180 10" (10 read for 180: its sums fail) follows the rows of three
    values placed from the second column: its cells placed then, after the table's rows
    were read, are edits of row 4, where it was deferred."""
    placements = Placements(BY_SOURCE)
    placements.place(["300", "100", "200"])
    row = ["4", "Đào tạo", "540", "180", "10", ""]
    with reading_rows() as notes:
        with at_row(4):
            placements.defer(row, 2, ["540", "180", "10"])
        placements.settle()
    assert row[2:] == ["", "540", "180", "10"]
    assert [(e.original, e.result, e.reason, e.row) for e in notes] == [
        ("180", "540", LIKE_OTHER_ROWS, 4),
        ("10", "180", LIKE_OTHER_ROWS, 4),
        ("", "10", LIKE_OTHER_ROWS, 4),
    ]


# Row 1's "300 100 100 100" read with a ruling's mark as a digit: "300 100 7 100 100".
MARK_READ_AS_A_DIGIT = BUDGET_RULED_ACROSS.replace("300 100 100 100", "300 100 7 100 100")


def test_a_mark_read_as_a_digit_is_set_aside_where_the_row_adds_up_without_it(tmp_path):
    """Row 1 read "300 100 7 100 100" (a ruling's mark read "7"): 300 is not the sum of
    the rest; without the 7 it is, 100 a year. The 7 is kept with the row (its unplaced
    values), the amounts go to their cells."""
    table = table_of_text(tmp_path, MARK_READ_AS_A_DIGIT)
    [row] = [r for r in table.rows if r.cells and r.cells[0] == "1"]
    assert (row.cells or [])[2:6] == ["300", "100", "100", "100"]
    assert row.unplaced == "7"


def test_a_value_like_the_rows_others_or_under_a_misread_total_is_not_set_aside():
    """ "20 20 20 —": a 20 may be a year whose total was misread; "100 100 100" leaves
    "100 = 100", no evidence; "m70 750 20 150 20": no total to add up to."""
    columns = ["Kinh phí", "Năm 2026", "Năm 2027", "Năm 2028"]
    for run in (["20", "20", "20", "—"], ["100", "100", "100"], ["m70", "750", "20", "150"]):
        assert misread_set_aside(run, columns) == (run, [])
    five_years = [*columns, "Năm 2029", "Năm 2030"]
    assert misread_set_aside(["200", "50", "7", "50", "50", "50"], five_years) == (
        ["200", "50", "50", "50", "50"],
        ["7"],
    )
