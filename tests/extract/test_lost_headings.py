"""Group headings whose number old OCR lost, numbered from the rows around them."""

from __future__ import annotations

from sohoa.extract.lost_headings import number_lost_headings
from sohoa.model import Table, TableRow

COLUMNS = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


def _table(*rows: list[str]) -> Table:
    return Table(columns=COLUMNS, rows=[TableRow(cells=list(r)) for r in rows], source="flattened")


def test_a_heading_of_text_alone_before_the_next_groups_first_row_takes_its_number():
    table = _table(
        ["4.8", "Ap dung thi diem cac cong cu quan ly tinh.", "So KH&CN", "", "2027-2030"],
        ["", "Nang cao nang luc hoat dong tieu chuan hoa va danh gia", "", "", ""],
        ["5.1", "Tiep tuc duy tri va khai thac co so du lieu", "So KH&CN", "", "Hang nam"],
    )
    edits = number_lost_headings(table, 0, 2)
    assert table.rows[1].cells[0] == "5"
    assert [(e.original, e.result, e.row, e.reason) for e in edits] == [
        ("", "5", 1, "table-numbering")
    ]
    assert 0 < edits[0].confidence < 1


def test_no_number_where_the_sequence_does_not_say_a_group_began():
    """Text alone before 4.2 (group 4 goes on) or before 6.1 after 4.8 (a group between
    them lost): a row's next line or a doubt, left unnumbered."""
    for before, after in (("4.1", "4.2"), ("4.8", "6.1"), ("4.8", "5.2")):
        table = _table(
            [before, "Ap dung thi diem cac cong cu.", "So KH&CN", "", "2027"],
            ["", "Nang cao nang luc hoat dong tieu chuan hoa", "", "", ""],
            [after, "Tiep tuc duy tri co so du lieu", "So KH&CN", "", "Hang nam"],
        )
        assert number_lost_headings(table, 0, 0) == []
        assert table.rows[1].cells[0] == ""
    table = _table(
        ["4.8", "Ap dung thi diem cac cong cu.", "So KH&CN", "", "2027"],
        ["", "Nang cao nang luc hoat dong", "So Y te", "", ""],  # an agency: a task row
        ["5.1", "Tiep tuc duy tri co so du lieu", "So KH&CN", "", "Hang nam"],
    )
    assert number_lost_headings(table, 0, 0) == []


def test_the_tables_first_heading_before_row_1_1_is_group_1():
    table = _table(
        ["", "Ra soat, hoan thien co che, chinh sach thuc day hoat dong", "", "", ""],
        ["1.1", "Sua doi Nghi quyet so 43/2022/NQ-HDND", "So KH&CN", "", "2025"],
    )
    assert [e.result for e in number_lost_headings(table, 0, 0)] == ["1"]
    table = _table(
        ["", "Ra soat, hoan thien co che, chinh sach thuc day hoat dong", "", "", ""],
        ["2.1", "Sua doi Nghi quyet so 43/2022/NQ-HDND", "So KH&CN", "", "2025"],
    )
    assert number_lost_headings(table, 0, 0) == []  # group 1 first, or a doubt
