"""Where the rows of a task table read across begin, their numbers on their middle lines."""

from __future__ import annotations

from sohoa.extract.centred_rows import row_starts


def test_rows_are_cut_where_each_is_centred_on_its_number_and_starts_with_a_capital():
    parsed = [
        (None, "Kiem tra cac co so san xuat kinh doanh", "", "", ""),
        ("1.1", "tren dia ban tinh", "So Y te", "2026", ""),
        (None, "thuoc linh vuc quan ly", "", "", ""),
        (None, "To chuc tap huan cho can bo", "", "", ""),
        ("1.2", "ve nghiep vu quan ly", "So Noi vu", "2027", ""),
        (None, "tai co so", "", "", ""),
    ]
    assert row_starts(parsed) == [(0, True), (3, True)]


def test_rows_whose_numbers_open_them_are_not_cut_around_their_numbers():
    """Each numbered line starts its row in capitals after a finished sentence: the numbers
    do not sit on middle lines, and the rows are read line by line (None)."""
    parsed = [
        ("1", "Kiem tra co so san xuat", "So Y te", "2026", ""),
        (None, "tren dia ban tinh.", "", "", ""),
        ("2", "To chuc tap huan can bo", "So Noi vu", "2027", ""),
        (None, "cap xa.", "", "", ""),
    ]
    assert row_starts(parsed) is None
