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


def test_a_group_heading_whose_number_was_lost_is_a_row_of_its_own():
    """Between 1.2 and 2.1 no heading "2" was read: the line after 1.2's finished sentence,
    task text alone and no sentence's end, is group 2's heading, not 2.1's first line."""
    parsed = [
        (None, "Kiem tra cac co so san xuat kinh doanh", "", "", ""),
        ("1.1", "tren dia ban tinh", "So Y te", "2026", ""),
        (None, "thuoc linh vuc quan ly.", "", "", ""),
        (None, "To chuc tap huan cho can bo", "", "", ""),
        ("1.2", "ve nghiep vu quan ly", "So Noi vu", "2027", ""),
        (None, "tai co so.", "", "", ""),
        (None, "Nang cao nang luc hoat dong tieu chuan hoa va danh gia", "", "", ""),
        ("2.1", "Tiep tuc duy tri va khai thac co so du lieu", "So Khoa hoc", "Hang nam", ""),
        (None, "cho cac doanh nghiep.", "", "", ""),
    ]
    assert row_starts(parsed) == [(0, True), (3, True), (6, True), (7, True)]


def test_a_line_of_agencies_only_is_read_past_for_where_the_task_sentence_ends():
    """Row 2.4's partner column, taller than its task text, begins a line above it ("Cac so,
    ban, nganh," alone on its line). Row 2.3's task ends no sentence before that line: the
    line of agencies only is no sign the task's sentence ended, so it opens row 2.4."""
    parsed = [
        (None, "Ninh", "", "", ""),
        (None, "To chuc dieu tra, khao sat nhu cau ho tro ap dung cac", "So Khoa hoc", "", ""),
        ("2.3", "cong cu, he thong quan ly tien tien, tham gia Giai", "", "Hang", ""),
        (None, "", "va Cong nghe | cac UBND cap xa", "nam", ""),
        (None, "thuong chat luong Quoc gia", "", "", ""),
        (None, "", "Cac so, ban, nganh,", "", ""),
        (None, "Tham quan hoc tap kinh nghiem cac dia phuong, doanh", "So Khoa hoc", "Hang", ""),
        ("2.4", "nghiep trien khai co hieu qua trong hoat dong", "va Cong nghe", "nam", ""),
        (None, "nang suat va chat luong san pham, hang hoa.", "cac UBND cap xa,", "", ""),
        (None, "", "cac co so giao duc", "", ""),
        (None, "", "chua benh", "", ""),
    ]
    assert row_starts(parsed) == [(0, True), (5, True)]
