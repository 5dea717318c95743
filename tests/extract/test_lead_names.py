"""An agency cell that is one whole name misread letter by letter, spelt as the name is."""

from __future__ import annotations

from sohoa.extract.interleaved import repair_cells
from sohoa.extract.lead_names import SPELT, spelt_name
from sohoa.model import Table, TableRow


def test_a_name_read_as_a_run_of_letters_is_spelt_as_the_name():
    assert spelt_name("Céngantinh") == "Công an tỉnh"  # its words run together
    assert spelt_name("s@kHacn") == "Sở KH&CN"  # "Sở" read with a sign, "&" read "a"
    assert spelt_name("Sở KHacn") == "Sở KH&CN"
    assert spelt_name("[SỞ Knoahoc và Công nghệ") == "Sở Khoa học và Công nghệ"
    assert spelt_name("$0 Giáo dục và Đào tạo") == "Sở Giáo dục và Đào tạo"
    assert spelt_name("UBND cấp x4_") == "UBND cấp xã"
    assert spelt_name("Sở Nông nghiệp và Mdi trường") == "Sở Nông nghiệp và Môi trường"


def test_a_speck_standing_alone_after_the_name_stays():
    assert spelt_name("Sở KHacn —") == "Sở KH&CN —"


def test_no_word_is_dropped_and_doubtful_cells_stay_as_read():
    assert spelt_name("Sở Giáo dục và Đào tạo hệ") is None  # "hệ": a word more
    assert spelt_name("Sở Y tế về") is None
    assert spelt_name("UBND các huyện") is None  # a name of the grammar, not "cấp huyện"
    assert spelt_name("seyvte") is None  # two slips in a short name
    assert spelt_name("Sở KH&CN") is None  # already the name
    assert spelt_name("Sở Y tế2") is None  # a digit read is never dropped
    assert spelt_name("Công an tinh") is None  # the same letters: the restorer's marks
    assert spelt_name("Các Sở, ban, ngành; UBND cấp xã") is None  # no one name


def test_the_lead_cells_of_a_restored_table_are_spelt_and_logged():
    table = Table(
        columns=["TT", "Nội dung", "Kinh phí", "Đơn vị chủ trì", "Đơn vị phối hợp"],
        rows=[
            TableRow(cells=["1", "Tổ chức hội thảo.", "400", "Céngantinh", "UBND cấp xã"]),
            TableRow(cells=["2", "Hỗ trợ hợp tác xã.", "1.200", "UBND cấp x8", "Các sở, ngành"]),
        ],
    )
    edits = repair_cells(table, [3, 4], table_index=0, spell_known=True)
    assert [row.cells[3] for row in table.rows] == ["Công an tỉnh", "UBND cấp xã"]
    spelt = [e for e in edits if e.reason == SPELT]
    assert [(e.original, e.row) for e in spelt] == [("Céngantinh", 0), ("UBND cấp x8", 1)]
    assert table.rows[1].cells[4] == "Các sở, ngành"


def test_an_unrestored_table_is_left_as_read():
    table = Table(
        columns=["TT", "Nội dung", "Kinh phí", "Đơn vị chủ trì", "Đơn vị phối hợp"],
        rows=[TableRow(cells=["1", "Tổ chức hội thảo.", "400", "Céngantinh", "UBND cấp xã"])],
    )
    repair_cells(table, [3, 4], table_index=0)
    assert table.rows[0].cells[3] == "Céngantinh"


def test_a_letter_or_word_the_ocr_did_not_read_is_never_written():
    assert spelt_name("Sở tế") is None  # "Y" unread: no "Sở Y tế"
    assert spelt_name("UBND cấp A") is None  # "xã" is one letter more than "A"
    assert spelt_name("Côống an tỉnh") == "Công an tỉnh"  # a letter read twice: spelt
