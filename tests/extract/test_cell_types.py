"""Column types, typed generic tables, and the type-aware repairs of OCR'd cells."""

from __future__ import annotations

from decimal import Decimal

from sohoa.extract.cell_types import (
    column_type,
    repair_caption,
    repair_case,
    repair_doubled_vowels,
    repair_lone_quotes,
    repair_periods,
    repair_quarters,
)
from sohoa.extract.tables import finish_table
from sohoa.model import Table, TableRow
from sohoa.records import TableRecord


def test_column_types_from_names_and_values():
    assert column_type("STT", ["1", "2"]) == "stt"
    assert column_type("Năm 2026", ["1.200", "-"]) == "amount"
    assert column_type("Số tiền", ["1.200", "24.688,5", "-"]) == "amount"
    assert column_type("Giai đoạn", ["2026-2030", "2027"]) == "year"
    assert column_type("Ngày ký", ["15/3/2026", "1/12/2025"]) == "date"
    assert column_type("Mục", ["I", "1", "1.1", "a"]) == "stt"
    assert column_type("Tên", ["Sở Tài chính", "UBND tỉnh"]) == "text"


def test_a_table_of_no_known_kind_keeps_every_column_typed():
    table = Table(
        columns=["Mã", "Tên chỉ tiêu", "Số tiền", "Năm"],
        rows=[
            TableRow(section="I. Thu"),
            TableRow(cells=["a", "Thu thuế", "1.200,5", "2026"]),
            TableRow(cells=["b", "Thu phí", "-", "2027"]),
        ],
    )
    finish_table(table)
    assert table.kind == "table"
    assert table.column_types == ["stt", "text", "amount", "year"]
    assert table.records[0] == TableRecord(
        section="I. Thu",
        cells={"Mã": "a", "Tên chỉ tiêu": "Thu thuế", "Số tiền": Decimal("1200.5"), "Năm": 2026},
    )
    assert table.records[1].cells["Số tiền"] is None


def test_quarter_numbers_read_as_ones_become_roman():
    table = Table(
        columns=["STT", "Thời gian"],
        rows=[
            TableRow(cells=["1", "Quý 11/2026"]),
            TableRow(cells=["2", "Quý 111 năm 2027"]),
            TableRow(cells=["3", "Quý IV/2026"]),
            TableRow(cells=["4", "Quý 1/2027"]),  # Roman elsewhere: "1" is a misread "I"
            TableRow(cells=["11", "Năm 2026"]),  # not a quarter: left alone
        ],
    )
    edits = repair_quarters(table, 0)
    assert [r.cells[1] for r in table.rows] == [
        "Quý II/2026",
        "Quý III năm 2027",
        "Quý IV/2026",
        "Quý I/2027",
        "Năm 2026",
    ]
    assert table.rows[4].cells[0] == "11"
    assert (edits[0].original, edits[0].result) == ("Quý 11", "Quý II")
    assert all(e.reason == "table-cell-type" for e in edits)


def test_arabic_quarters_stay_arabic():
    table = Table(rows=[TableRow(cells=["Quý 1/2026"]), TableRow(cells=["Quý 3/2026"])])
    assert repair_quarters(table) == []
    assert table.rows[0].cells == ["Quý 1/2026"]


def test_appendix_eleven_in_a_two_table_document_is_appendix_two():
    table = Table(caption="Phụ lục 11")
    assert repair_caption(table, n_tables=2)[0].result == "Phụ lục II"
    assert table.caption == "Phụ lục II"
    kept = Table(caption="Phụ lục 11")
    assert repair_caption(kept, n_tables=12) == [] and kept.caption == "Phụ lục 11"
    assert repair_caption(Table(caption="Phụ lục 1"), n_tables=2) == []


def test_a_capital_vowel_syllable_opening_a_cell_is_a_case_misreading():
    table = Table(rows=[TableRow(cells=["CƠ quan chủ trì", "UBND tỉnh", "GD&ĐT tỉnh", "Sở Y tế"])])
    edits = repair_case(table)
    assert table.rows[0].cells == ["Cơ quan chủ trì", "UBND tỉnh", "GD&ĐT tỉnh", "Sở Y tế"]
    assert [(e.original, e.result) for e in edits] == [("CƠ", "Cơ")]


def test_capitals_shaped_like_small_letters_amid_small_words_are_small():
    """c o s v w x z look the same in both cases: "tại CƠ SỞ" is "tại cơ sở"; a heading in
    capitals, an acronym (no vowel), or capitals before a capital word stay."""
    cells = [
        "Triển khai tại CƠ SỞ",
        "tại CƠ SỞ y tế",
        "TỔ CHỨC CƠ SỞ",
        "Sở KH&CN tại SX",
        "về CƠ SỞ Đảng",
    ]
    table = Table(rows=[TableRow(cells=cells)])
    edits = repair_case(table)
    assert table.rows[0].cells == [
        "Triển khai tại cơ sở",
        "tại cơ sở y tế",
        "TỔ CHỨC CƠ SỞ",
        "Sở KH&CN tại SX",
        "về CƠ SỞ Đảng",
    ]
    assert [e.result for e in edits] == ["Triển khai tại cơ sở", "tại cơ sở y tế"]


def test_a_fund_before_a_quarter_is_a_quarter_and_a_stroke_is_roman():
    table = Table(
        rows=[
            TableRow(cells=["Quỹ II/2026", "Quỹ phát triển khoa học"]),
            TableRow(cells=["Quý l hằng năm", "Quỹ 1I năm 2027"]),
        ]
    )
    edits = repair_quarters(table)
    assert table.rows[0].cells == ["Quý II/2026", "Quỹ phát triển khoa học"]
    assert table.rows[1].cells == ["Quý I hằng năm", "Quý II năm 2027"]
    assert len(edits) == 3


def test_a_column_of_dashes_and_one_note_is_text():
    assert column_type("Cột 7", ["-", "-", "Hằng năm", "-"]) == "text"
    assert column_type("Cột 8", ["-", "1.200", "-", "300"]) == "amount"


def test_a_quarter_numeral_with_strokes_run_together():
    """ "HI1" is III (an H is two strokes run together or one with merged serifs; only one
    reading is a quarter); "HH" could be II or III, so it stays."""
    table = Table(rows=[TableRow(cells=["Quỹ HI1/2027", "Quý HH/2027", "Quý IV/2026"])])
    edits = repair_quarters(table)
    assert table.rows[0].cells == ["Quý III/2027", "Quý HH/2027", "Quý IV/2026"]
    assert [(e.original, e.result) for e in edits] == [("Quỹ HI1", "Quý III")]


def test_a_quote_mark_alone_between_words_is_a_hyphen():
    cells = ['Sở Lao động " Thương binh và Xã hội', 'Điểm "tư vấn" chất lượng', "a “ b"]
    table = Table(rows=[TableRow(cells=cells)])
    edits = repair_lone_quotes(table, 2)
    assert table.rows[0].cells == [
        "Sở Lao động - Thương binh và Xã hội",
        'Điểm "tư vấn" chất lượng',
        "a - b",
    ]
    assert [(e.table, e.confidence) for e in edits] == [(2, 0.7), (2, 0.7)]


def test_a_garbled_yearly_time_in_a_time_column_only():
    table = Table(
        columns=["STT", "Nội dung", "Thời gian"],
        rows=[
            TableRow(cells=["1", "Hưởng năm", "Hilng năm"]),
            TableRow(cells=["2", "a", "H:img nằm"]),
            TableRow(cells=["3", "b", "Hàng năm"]),
            TableRow(cells=["4", "c", "Quý II/2026"]),
            TableRow(cells=["5", "d", "Hang nam"]),
        ],
    )
    edits = repair_periods(table)
    assert [r.cells[2] for r in table.rows] == [
        "Hằng năm",
        "Hằng năm",
        "Hàng năm",
        "Quý II/2026",
        "Hang nam",
    ]
    assert table.rows[0].cells[1] == "Hưởng năm"  # not a time column
    assert [(e.original, e.confidence) for e in edits] == [("Hilng năm", 0.6), ("H:img nằm", 0.6)]


def test_a_vowel_read_twice_with_its_tone_is_one_vowel():
    """One tone mark per syllable: "THỤỰC" is "THỰC"; two vowels of different letters or
    tones ("NGHIỆP", "hoà", "quốc") are left alone."""
    table = Table(
        rows=[
            TableRow(section="I. AN TOÀN THỤỰC PHẨM"),
            TableRow(cells=["1", "Đổi mới doanh nghiệp quốc gia", "Sở Y tế", "Hoà bình"]),
        ]
    )
    edits = repair_doubled_vowels(table)
    assert table.rows[0].section == "I. AN TOÀN THỰC PHẨM"
    assert table.rows[1].cells == ["1", "Đổi mới doanh nghiệp quốc gia", "Sở Y tế", "Hoà bình"]
    assert [(e.original, e.result) for e in edits] == [
        ("I. AN TOÀN THỤỰC PHẨM", "I. AN TOÀN THỰC PHẨM")
    ]


def test_a_quarter_read_as_one_is_roman_where_the_tables_other_quarters_are_roman_strokes():
    """An English-model OCR reads "II" as "11" and "I" as "1": "11" can be no Arabic
    quarter, so the table writes its quarters in Roman, and its "Quý 1" is "Quý I"."""
    table = Table(rows=[TableRow(cells=["Quý 11/2026"]), TableRow(cells=["Quý 1/2027"])])
    repair_quarters(table)
    assert [r.cells[0] for r in table.rows] == ["Quý II/2026", "Quý I/2027"]
    # with an Arabic quarter elsewhere, "1" stays as read
    table = Table(rows=[TableRow(cells=["Quý 11/2026"]), TableRow(cells=["Quý 1/2027"]),
                        TableRow(cells=["Quý 3/2027"])])  # fmt: skip
    repair_quarters(table)
    assert table.rows[1].cells[0] == "Quý 1/2027"
