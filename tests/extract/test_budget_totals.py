"""``extract/budget_totals``: row totals old OCR misread, put back by two sums at once."""

from __future__ import annotations

from sohoa.extract.budget_totals import totals_by_two_sums

TOTAL_ROW = ["Tổng", "", "1.650", "550", "550", "550"]


def _rows(second_total: str) -> list[list[str]]:
    return [
        ["1", "Xay dung", "300", "100", "100", "100"],
        ["2", "To chuc", second_total, "250", "", "1.000"],
        ["3", "Ho tro", "100", "", "100", ""],
    ]


def test_a_misread_total_is_its_years_sum_when_the_column_total_agrees():
    for misread in ("sso0", "T1250", "1 259"):
        rows = _rows(misread)
        totals_by_two_sums(rows, TOTAL_ROW, 3)
        assert rows[1][2] == "1.250"


def test_a_misread_total_stays_as_read_when_the_two_sums_disagree():
    rows = _rows("sso0")
    totals_by_two_sums(rows, ["Tổng", "", "1.700", "550", "550", "550"], 3)
    assert rows[1][2] == "sso0"
    rows = _rows("sso0")
    rows[0][2:4] = ["3O0", "1O0"]  # another total and a year of its misread: no evidence
    totals_by_two_sums(rows, TOTAL_ROW, 3)
    assert rows[1][2] == "sso0"
    assert rows[0][2] == "3O0"


def test_two_misread_totals_each_their_years_sum_when_together_the_columns():
    rows = _rows("sso0")
    rows[0][2] = "3O0"
    totals_by_two_sums(rows, TOTAL_ROW, 3)
    assert [rows[0][2], rows[1][2]] == ["300", "1.250"]
    rows = _rows("1.250")  # read right: nothing to do
    totals_by_two_sums(rows, TOTAL_ROW, 3)
    assert rows[1][2] == "1.250"
