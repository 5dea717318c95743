"""What a line of a one-amount budget read across by old OCR holds (``extract/one_amount_lines``):
its row number and amount, a total row and its label."""

from __future__ import annotations

from sohoa.extract.one_amount_lines import read_line, totals_across_lines


def test_the_amount_is_the_last_number_before_specks_or_the_source_words():
    """The row's middle line: "1.500" before specks ("j z") or the source cell's words
    ("KH&CN hang"), the row number taken off."""
    line = read_line("2 |nam 2021-2025 moi trinh do chuyen mon ve | quan va 1.500 j z", "1")
    assert (line.number, line.amount) == ("2", "1.500")
    assert "1.500" not in line.words and "2021-2025" in line.words
    line = read_line("S doanh nghiep trien 50 doanh nghiep Cong nghe quan 2.500 KH&CN hang", "4")
    assert (line.number, line.amount) == (None, "2.500")


def test_a_number_of_the_text_is_no_amount():
    """Words of the text after it ("01 nhiem vu So Khoa hoc …"), "(" opening a phrase ("996
    (tu nam"), or the source's first word on a line with no row number ("10 Nguon kinh": the
    source cell opens above the row's middle line) leave the number in the text; a row number
    out of sequence with no amount is the text's too."""
    assert read_line("3 tai nghien cuu Thuc hien 01 nhiem vu So Khoa hoc va", "2").amount is None
    assert read_line("cac noi dung cua De an 996 (tu nam", "5").amount is None
    line = read_line("luong, thu nghiem; 10 Ngu6n kinh", None)
    assert line.amount is None and line.words[-3:] == ["10", "Ngu6n", "kinh"]
    assert read_line("12 thiet bi do luong duoc trang bi", "1").number is None


def test_a_total_row_keeps_its_label():
    """ "| Téng | | | 48.259 | |" is a total "Tổng"; "Tổng cộng" read "T6ng cong" stays whole."""
    line = read_line("| Téng | | | 48.259 | |", "1")
    assert (line.total, line.amount) == ("Tổng", "48.259")
    assert read_line("| T6ng cong | | | 6.365 | |", "5").total == "Tổng cộng"


def test_a_total_label_broken_over_the_lines_around_its_amount_is_one_total():
    """ "T6n" / "g co 6.365" / "ng": "Tổng cộng" broken by old OCR around its amount."""
    lines = [read_line(t, "5") for t in ["chi,...", "T6n", "g co 6.365", "ng"]]
    read = totals_across_lines(lines)
    assert len(read) == 2
    assert (read[1].total, read[1].amount, read[1].words) == ("Tổng cộng", "6.365", [])
    # a row's amount line with short lines around it is no total
    lines = [read_line(t, "5") for t in ["ho tro", "doanh nghiep 600", "va"]]
    assert [line.total for line in totals_across_lines(lines)] == ["", "", ""]
