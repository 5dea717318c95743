"""``extract/garbled_amounts``: amounts misread at the start of a budget row's run."""

from __future__ import annotations

from sohoa.extract.garbled_amounts import garbled_start

COLUMNS = ["Kinh phí", "Năm 2026", "Năm 2027", "Năm 2028", "Năm 2029"]


def test_misread_amounts_before_the_run_keep_the_first_cells_as_read():
    # "4 s6q | g90" for "1.860 | 890": the run read is the last three years only
    group = [("2", "Tổ chức hội thảo | 4 s6q | g90 |", ["300", "330", "340"], "")]
    assert garbled_start(group, COLUMNS) == [
        ("2", "Tổ chức hội thảo", ["4 s6q", "g90", "300", "330", "340"], "")
    ]


def test_a_run_adding_up_as_read_is_left_alone():
    group = [("2", "Tổ chức hội thảo g90", ["1.000", "250", "250", "250", "250"], "")]
    assert garbled_start(group, COLUMNS) == group
