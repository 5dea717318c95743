"""The header block of an appendix flattened in text, and the columns it names."""

from __future__ import annotations

from sohoa.extract.flattened_header import (
    header_span,
    header_top,
    is_label_line,
    task_columns,
    years_read_in_body,
)


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


def test_sub_column_labels_repeated_under_each_year_stay_in_the_header():
    """ "Ngan | Nguon | Ngan | Nguon …", "nha dong nha dong …", "7 Noi dung Tong so | Sach |
    sach …" (the TT read "7"): lines of labels repeated under each year are the header's,
    not the first row's text whose number was lost, nor a row numbered 7."""
    lines = [
        (1, "Phu luc II"),
        (1, "| Kinh phi | Nam 2026 | Nam 2027 | Nam 2028 |"),
        (1, "ne Ngan | Nguon | Ngan | Nguon | Ngan | Nguon | Ngan | Nguon"),
        (1, "7 Noi dung Tong so | sach | huy | sach | huy | sach | huy | sach | huy"),
        (1, "nha dong nha dong nha dong nha dong Don vi chu tri"),
        (1, "I. Tang cuong chuyen doi so"),
    ]
    assert header_span(lines, 0) == (1, 5)
    assert is_label_line(lines[2][1]) and not is_label_line("Ho tro nguoi dan ap dung bao dam")


def test_years_of_a_header_read_among_the_rows():
    """A header line naming the years read after the first row (its blocks read out of
    order) still names the budget's years; a row's time ("Nam 2026") names one year only,
    and a line of prose is no header line."""
    body = [
        "1 |tac van thu, luu tru 1.170 | 1.150 20 400 500 20 250 So Noi vu",
        "Kinh phi | Nam 2026 Nam 2027 | Nam 2028 Nam 2029",
    ]
    assert years_read_in_body(body) == ["2026", "2027", "2028", "2029"]
    assert years_read_in_body(["Nam 2026", "To chuc hoi thao nam 2026 va nam 2027 tai co so"]) == []


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


def test_a_ruled_group_heading_of_real_words_each_a_slip_from_a_header_word_is_a_row():
    """ "| 1 | Tăng cường xây dựng nông thôn mới |" (restored, or read right): "tang",
    "cuong", "nong", "thon" are each one slip from a header word ("tong", "cong", "thoi"),
    five of seven words; but each is a Vietnamese word of its own, no misread header word
    ("chic" for "chức" is none), so the line is the first row, not the header's."""
    lines = [
        (1, "Phụ lục I"),
        (1, "STT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp"),
        (1, "hiện"),
        (1, "| 1 | Tăng cường xây dựng nông thôn mỗi | | | | |"),
        (1, "Kiện toàn giáo dục nghề nghiệp cấp huyện. Đẩy Sở Kế hoạch và"),
    ]
    assert header_span(lines, 0) == (1, 3)


def test_a_year_in_a_task_lists_title_heads_no_column():
    """ "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026" over a task header names the list's year,
    no column: the table is a task list, not a budget with a "Năm 2026" column. A budget's
    header (naming "Kinh phí") keeps its title's year, and a year row old OCR read above
    the "STT" line stays the header's."""
    from sohoa.extract.flattened_header import column_years

    title = ["Phu luc I", "DANH MUC NHIEM VU CHUYEN DOI SO NAM 2026"]
    task = ["| STT | Nhiem vu | Don vi chu tri | Don vi phdi hop | Thoi gian |"]
    assert column_years(title, task) == []
    budget = ["STT Noi dung Kinh phi Don vi chu tri"]
    assert column_years(title, budget) == ["2026"]
    assert column_years(["Phu luc II", "Nam 2026 | Nam 2027"], task) == ["2026", "2027"]


def test_a_group_heading_in_capitals_after_the_header_is_no_header_line():
    """A section heading read right after the header ("[i TANG CUONG PHONG, CHONG THIEN
    TAI |", its numeral misread) has syllables one slip from header words ("tang" / "tong",
    "cuong" / "cong"): they are words of their own, the heading is the body's, and the
    header's last column ("San pham") still ends the header."""
    lines = [
        (1, "Phu luc I"),
        (1, "STT Noi dung nhiem vu Co quan chu tri Co quan phoi hop Thoi gian San"),
        (1, "thuc hien | pham"),
        (1, "[i TANG CUONG PHONG, CHONG THIEN TAI |"),
        (1, "1 Kien toan cong tac van thu tai co so Sở Tai chinh Sở Noi vu 2026-2030 |De an"),
    ]
    assert header_span(lines, 0) == (1, 3)
    header = " ".join(text for _, text in lines[1:3])
    assert task_columns(header)[-1] == "Sản phẩm"


def test_the_last_columns_name_read_above_the_stt_line():
    """The time and last columns' names wrap over more lines than "STT": old OCR reads
    their first words above the "STT" line ("Thoi gian Du kien ket qua dat"), so the last
    column ("Kết quả") is named there; the caption's "(Kèm theo …)" line names none."""
    top = header_top(["Phu luc I", "DANH MUC NHIEM VU", "_ a . Thoi gian Du kien ket qua dat"])
    header = "| STT | Nhiem vu | Don vi chu tri | Don vi phdi hop | hoan thanh | duoc |"
    assert task_columns(header, top)[-1] == "Kết quả"
    assert task_columns(header)[-1] == "Thời gian"
    assert header_top(["Phu luc I", "(Kem theo Ke hoach thoi gian ket qua)"]) == ""
    assert header_top(["Phu luc I", "DANH MUC NHIEM VU KET QUA"]) == ""


def test_a_short_first_row_line_whose_number_was_lost_ends_the_header():
    """ "Xay dung, trien khai": the first row's text (its number read further down) is a
    few words, no header's; it starts the body, its words are no header's to drop. The
    header's own short lines ("duoc (trieu", "dong)") stay in it."""
    lines = [
        (1, "Phu luc I"),
        (1, "DANH MUC NHIEM VU"),
        (1, "(Kem theo Quyet dinh so 523/QD-UBND)"),
        (1, "TT | Noi dung cac nhiem vu Du kien ket qua dat Don vi chu tri Don vi phoi hop"),
        (1, "duoc (trieu"),
        (1, "dong)"),
        (1, "Xay dung, trien khai"),
        (1, "thuc hien cac du an 20 chuan, he thong"),
        (1, "1 dau tu cho Trung tam | do luong"),
    ]
    assert header_span(lines, 0) == (3, 6)
    # a header line garbled but for its header words ("Teng" is "Tong") stays the header's
    lines[5] = (1, "Teng kinh ¥ ¥ - pak - x")
    assert header_span(lines, 0) == (3, 6)


def test_a_section_whose_numeral_was_misread_is_no_header_line():
    """ "ip Chuyen doi so |" (the "I." of a section misread) under a budget's header is the
    first section, not a header line: the section's words stay in the table."""
    lines = [
        (1, "Phu luc II"),
        (1, "| STT | Noi dung | Tong kinh phi | Nam 2026 | Nam 2027 |"),
        (1, "ip Chuyen doi so |"),
        (1, "| 1 | Nang cao hieu qua giam ngheo ben vung | - | - | - |"),
    ]
    assert header_span(lines, 0) == (1, 2)


def test_a_header_read_across_with_its_stt_misread_follows_the_caption_lines():
    """Old OCR read the header across its rulings and its "STT" as "srr": the header is
    that line, under the caption's "(Kèm theo …)" and "Đơn vị: …" lines, not the title
    ("DỰ TOÁN KINH PHÍ THỰC HIỆN", header words of its own) with the caption's lines."""
    lines = [
        (1, "Phu luc ll"),
        (1, "DU’ TOAN KINH PHI THU’C HIEN"),
        (1, "(Kém theo Ké hoach s6 12/KH-UBND)"),
        (1, "Don vi: Triéu déng"),
        (1, "| srr| N6i dung | Téng kinh phi | Nall | Ned | wal | Nal | Na |"),
        (1, "1. Xay dung noéng thon modi |"),
        (1, "| 2 [Day manh phé bién, gido duc phdp luat | 10.306 | 9400] 96 | - | - | - |"),
    ]
    assert header_span(lines, 0) == (4, 5)
    # a row of long text cells after the caption's lines is no header
    lines[4] = (1, "| 1 | Tổ chức thực hiện công tác văn thư, lưu trữ | Sở Nội vụ | Năm 2026 |")
    assert header_span(lines, 0) != (4, 5)
