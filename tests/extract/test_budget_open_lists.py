"""``extract/budget_open_lists``: a partner's list begun on a row's last line, read before
the next row's number, goes down to the row whose partner's words go on with it."""

from __future__ import annotations

from sohoa.extract.budget_agencies import lead_and_partner
from sohoa.extract.budget_lines import budget_line
from sohoa.extract.budget_open_lists import open_lists_down
from sohoa.extract.rebuild_edits import LINE_MOVED, reading_rows


def test_an_open_list_after_a_rows_last_words_goes_to_the_next_row():
    """Row "1" is a heading with no amounts; the next row's partner "Các Sở, ban, ngành;
    UBND cấp xã, Tổ chức, cá nhân" starts on the line below it ("Cac Sé, ban,", its "Sở"
    misread), before the next row's lines. Its "nganh;" goes on in the next group, so the
    list is that row's: moved down, noted; row "1" keeps its text. There the lead
    "Van phong" / "UBND" takes "tinh", the partner's "UBND" its own "cap xa"."""
    first = [budget_line("1 Tang cuwong giam nghéo bén virng"), (None, "", [], "Cac Sé, ban,")]
    second = [
        budget_line("Day manh giam ngheo ben Van phong nganh; UBND"),
        budget_line("11 vung trong va ngoai tinh. 40 10 20 10 UBND tinh cap xa, To"),
        budget_line("chuc, ca nhan"),
    ]
    assert first[0][3] == "" and second[0][3] == "Van phong nganh; UBND"
    with reading_rows() as notes:
        groups = open_lists_down([first, second])
    assert [line[3] for line in groups[0]] == [""]
    assert groups[1][0] == (None, "", [], "Cac Sé, ban,")
    moves = [("Cac Sé, ban,", "", LINE_MOVED), ("", "Cac Sé, ban,", LINE_MOVED)]
    assert [(n.original, n.result, n.reason) for n in notes] == moves
    assert lead_and_partner([line[3] for line in groups[1] if line[3]])[:2] == [
        "Van phong UBND tinh",
        "Cac Sé, ban, nganh; UBND cap xa, To",
    ]


def test_a_list_the_next_row_does_not_go_on_with_stays():
    """ "Các Sở, ban," left open, but the next row's agency text goes on with no list
    ("Sở Y tế UBND cấp xã"): nothing says it is the next row's; it stays."""
    first = [
        budget_line("2 Kien toan y te co so 150 50 50 50 So Noi vu"),
        (None, "", [], "Cac So, ban,"),
    ]
    second = [budget_line("3 Trien khai quan ly dat dai 300 100 100 100 So Y te UBND cap xa")]
    assert open_lists_down([first, second]) == [first, second]
