"""The header block of an appendix flattened in text, and the columns it names."""

from __future__ import annotations

from sohoa.extract.flattened_header import header_span, task_columns


def test_the_header_ends_at_a_line_of_prose_whose_row_number_was_lost():
    """Old OCR lost the first row's number: its text follows the header's last line and is
    no part of the header (else the header's last words are lost among its words)."""
    lines = [
        (1, "Phu luc I"),
        (1, "TT"),
        (1, "Noi dung"),
        (1, "Chu tri Phdi hop Thoi gian Ghi cha"),
        (1, "Ra soat, hoan thien co che, chinh sach thuc day hoat dong nang cao"),
        (1, "1.1"),
    ]
    span = header_span(lines, 0)
    assert span == (1, 4)
    header = " ".join(text for _, text in lines[span[0] : span[1]])
    assert task_columns(header)[-1] == "Ghi chú"
    # a long line of header words is still the header's
    lines[4] = (1, "Co quan chu tri Co quan phoi hop Thoi gian thuc hien")
    assert header_span(lines, 0) == (1, 5)


def test_garbled_header_lines_are_no_prose():
    """A header line of specks and header words ("Tong kinh _hlatheo nam N m k' h h'"), one
    naming years ("Nguồn vốn đầu tư Năm 2027 Năm 2028 theo kế hoạch") and the "(Kèm theo
    …)" line stay in the header block."""
    lines = [
        (1, "Phu luc II"),
        (1, "DU TOAN KINH PHI THUC HIEN"),
        (1, "(Kem theo Ke hoach so 12/KH-UBND ngay 20 thang 01)"),
        (1, "Tong kinh _hlatheo nam N m k' h h' Gh' h'"),
        (1, "Nguon von dau tu Nam 2027 Nam 2028 theo ke hoach"),
        (1, "I. Ha tang so"),
    ]
    assert header_span(lines, 0) == (1, 5)


def test_a_ruled_group_heading_whose_words_look_like_header_words_is_a_row():
    """ "| 1 | Tang cuong cong tac van thu | | |": a group heading read with its rulings; half
    its words are one slip from a header word ("tang" ~ "tong", "cuong" ~ "cong"), but it
    is the first row, not the header's last line (the header's STT misread, "| 11 | Noi dung
    | Kinh phi |", is all header words)."""
    lines = [
        (1, "Phu luc I"),
        (1, "| TT | Noi dung | Chu tri | Phoi hop | . | Ghi chu |"),
        (1, "gian"),
        (1, "| 1 | Tang cuong cong tac van thu, Iwu tri? | | | | |"),
        (1, "Kien toan cai cach hanh chinh tren dia ban tinh. To"),
    ]
    assert header_span(lines, 0) == (1, 3)
    lines[3] = (1, "| 11 | Noi dung | Kinh phi | Don vi chu tri |")
    assert header_span(lines, 0) == (1, 4)


def test_a_first_row_whose_number_was_lost_naming_a_year_in_its_sentence_is_no_header():
    """ "Tăng cường … đến năm 2030": the first row's text (its number lost) follows the
    header; its year is the sentence's ("đến năm"), not a column's, so the header ends
    before it and names no year (else the task table was taken for a budget)."""
    from sohoa.extract.flattened_header import header_years

    lines = [
        (1, "Phu luc I"),
        (1, "STT Noi dung nhiem vu Co quan chu tri Co quan phoi hop thuc hien"),
        (1, "Kiem tra cac co so san xuat kinh doanh den nam 2030"),
        (1, "gop phan day manh phong, chong thien tai cap huyen."),
    ]
    assert header_span(lines, 0) == (1, 2)
    assert header_years([text for _, text in lines[:3]]) == []
