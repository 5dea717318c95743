"""OCR'd row numbers repaired from their sequence, and only then."""

from __future__ import annotations

from sohoa.extract.numbering import fix_numbering
from sohoa.model import Table, TableRow


def table(rows):
    return Table(
        rows=[TableRow(section=r) if isinstance(r, str) else TableRow(cells=r) for r in rows]
    )


def test_roman_sections_and_dotted_numbers():
    t = table(
        [
            "1. Đề xuất",
            ["1", "a"],
            "1I. Nâng cao",
            ["1", "b"],
            ["11", "c"],
            ["1:2", "d"],
            ["13.", "e"],
            "1H. Hỗ trợ",
            "IV. Khoán chi",
            ["10", "f"],
            ["11", "g"],
        ]
    )
    edits = fix_numbering(t, 0, table_index=3)
    sections = [r.section for r in t.rows if r.section]
    assert sections == ["I. Đề xuất", "II. Nâng cao", "III. Hỗ trợ", "IV. Khoán chi"]
    stt = [r.cells[0] for r in t.rows if r.cells]
    assert stt == ["1", "1", "1.1", "1.2", "1.3.", "10", "11"]
    assert {(e.original, e.result) for e in edits} >= {("11", "1.1"), ("1H. Hỗ trợ", "III. Hỗ trợ")}
    assert all(e.table == 3 and e.reason == "table-numbering" for e in edits)


def test_arabic_sections_are_left_alone():
    t = table(["1. Một", ["1", "a"], "2. Hai", ["1", "b"]])
    assert fix_numbering(t, 0) == []
    assert t.rows[0].section == "1. Một"


def test_roman_lookalikes_alone_are_enough_evidence():
    t = table(["L. Một", ["1", "a"], "H. Hai", ["1", "b"]])
    fix_numbering(t, 0)
    assert [r.section for r in t.rows if r.section] == ["I. Một", "II. Hai"]


def test_lost_stroke_fixed_only_when_positions_are_confirmed():
    t = table(["IL. Đề xuất", "II. Nâng", "II. Hoạt động", "IV. Khoán"])
    fix_numbering(t, None)
    assert [r.section.split()[0] for r in t.rows] == ["I.", "II.", "III.", "IV."]


def test_sequence_survives_an_unreadable_number():
    t = table(["I. Một", ["1", "a"], ["11", "b"], ["t2", "c"], ["13", "d"], ["2", "e"]])
    t.rows += table([["r", "f"], ["22", "g"], ["243", "h"], ["3", "i"]]).rows
    fix_numbering(t, 0)
    stt = [r.cells[0] for r in t.rows if r.cells]
    # "t2" has no number shape and two numbers fit between 1.1 and 1.3: only "1.2" does
    assert stt == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "3"]


def test_real_numbers_out_of_sequence_are_kept():
    t = table([["1", "a"], ["2", "b"], ["5", "c"], ["6", "d"], ["61", "e"]])
    fix_numbering(t, 0)
    assert [r.cells[0] for r in t.rows] == ["1", "2", "5", "6", "6.1"]


def test_each_serif_i_read_as_h():
    t = table(["I. Một", "HH. Hai", "HI. Ba", "IV. Bốn"])
    fix_numbering(t, None)
    assert [r.section.split()[0] for r in t.rows] == ["I.", "II.", "III.", "IV."]
