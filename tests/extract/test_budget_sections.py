"""Section headings of budget tables read as strokes (``extract/budget_sections``)."""

from __future__ import annotations

from sohoa.extract.budget_sections import (
    garbled_heading,
    headings_read_as_rows,
    stroke_numerals_by_position,
)
from sohoa.extract.flattened_budget import interleaved_budget_rows
from sohoa.model import TableRow


def _row(*cells: str) -> TableRow:
    return TableRow(cells=[*cells, *[""] * (8 - len(cells))])


def test_a_section_read_as_1_dot_with_no_amounts_and_no_rows_under_it():
    """ "1. Tang cuong …" (I read "1."), taken for a row 1 whose own number was lost under
    it: it states no amount nor agency and no "1.1" follows, so it is a section heading;
    by its place it is I, and the next stroke section II."""
    rows = [
        _row("1.", "Tang cuong chuyen doi so"),
        _row("", "Xay dung mo hinh diem", "300", "100", "100", "100", "So Noi vu", "UBND"),
        TableRow(section="1. Trien khai cai cach hanh chinh"),
        _row("3", "To chuc hoi thao", "200", "100", "", "100", "So Y te", "UBND cap xa"),
    ]
    given_back = headings_read_as_rows(rows)
    assert given_back == [["1.", "Tang cuong chuyen doi so", *[""] * 6]]
    stroke_numerals_by_position(rows)
    assert [r.section for r in rows if r.section] == [
        "I. Tang cuong chuyen doi so",
        "II. Trien khai cai cach hanh chinh",
    ]


def test_a_group_heading_and_a_row_with_amounts_stay_rows():
    """ "1." followed by "1.1" heads its rows; a "1." stating amounts is a row."""
    grouped = [_row("1.", "Tang cuong chuyen doi so"), _row("1.1", "Xay dung", "300", "300")]
    assert headings_read_as_rows(grouped) == [] and grouped[0].cells is not None
    stated = [_row("1.", "Tang cuong chuyen doi so", "300", "300"), _row("2", "Ho tro", "1")]
    assert headings_read_as_rows(stated) == [] and stated[0].cells is not None


def test_a_stroke_numeral_after_the_tt_columns_ruling():
    """ "|1l. Trien khai …": the "|" is the TT column's ruling, "1l" the numeral's two
    strokes (II, the second section); "|." alone is one stroke."""
    rows = [TableRow(section="|. Tang cuong"), TableRow(section="|1l. Trien khai")]
    stroke_numerals_by_position(rows)
    assert [r.section for r in rows] == ["I. Tang cuong", "II. Trien khai"]


def test_three_strokes_are_iii_after_a_lost_section():
    """Section II was lost (read as task text): "lll." stands second, yet three strokes
    can only be III; "ll." second is II, and a fourth section of strokes is left alone."""
    rows = [TableRow(section="I. Tang cuong"), TableRow(section="lll. Trien khai")]
    stroke_numerals_by_position(rows)
    assert [r.section for r in rows] == ["I. Tang cuong", "III. Trien khai"]
    rows = [TableRow(section=s) for s in ["I. A", "ll. B", "III. C", "ll. D"]]
    stroke_numerals_by_position(rows)
    assert [r.section for r in rows] == ["I. A", "II. B", "III. C", "ll. D"]


def test_a_heading_read_across_whose_numeral_is_garbled_opens_a_section_before_a_row_1():
    """ "[w. Day manh …|" (IV: I and V run together, the left ruling read "["), "[! Tang
    cuong …|" (I), "\\v. …|" (V): a bracket, a few glyphs, a title and the right edge's ruling,
    no amount, a row 1 next (rows numbered anew per section): a section heading, not the
    first text line of the row 1 under it. Not so before a row 2, nor a line with amounts."""
    columns = ["STT", "Nội dung", "Kinh phí", "Năm 2026", "Năm 2027", "Đơn vị chủ trì"]
    body = [
        "[! Tang cuong chuyen doi so |",
        "1 Xay dung mo hinh diem 300 | 100 | 200 | So Noi vu",
        "2 To chuc hoi thao 200 | 100 | 100 | So Y te",
        "[w. Day manh cai cach hanh chinh |",
        "1 Tap huan can bo 100 | 50 | 50 | So Noi vu",
    ]
    rows, _ = interleaved_budget_rows(body, columns)
    assert [r.section for r in rows if r.section] == [
        "! Tang cuong chuyen doi so",
        "w. Day manh cai cach hanh chinh",
    ]
    assert [r.cells[:2] for r in rows if r.cells][2] == ["1", "Tap huan can bo"]
    assert garbled_heading("\\v. Day manh giam ngheo ben vung |", "1") == (
        "v. Day manh giam ngheo ben vung"
    )
    assert garbled_heading("[w. Day manh cai cach hanh chinh |", "2") is None
    assert garbled_heading("[l Xay dung mo hinh 300 | 100 | 200 |", "1") is None
