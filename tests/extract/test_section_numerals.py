"""Section numerals of OCR'd tables set to the Roman numeral due at their place."""

from __future__ import annotations

from sohoa.extract.section_numerals import fix_sections
from sohoa.model import Table, TableRow


def table(rows):
    return Table(
        rows=[TableRow(section=r) if isinstance(r, str) else TableRow(cells=r) for r in rows]
    )


def test_arabic_sections_are_left_alone():
    t = table(["1. Một", ["1", "a"], "2. Hai", ["1", "b"]])
    assert fix_sections(t, None, 0.5) == []
    assert t.rows[0].section == "1. Một"


def test_roman_lookalikes_alone_are_enough_evidence():
    t = table(["L. Một", ["1", "a"], "H. Hai", ["1", "b"], "HHI. Ba"])
    fix_sections(t, None, 0.5)
    assert [r.section for r in t.rows if r.section] == ["I. Một", "II. Hai", "III. Ba"]


def test_lost_stroke_fixed_only_when_positions_are_confirmed():
    t = table(["IL. Đề xuất", "II. Nâng", "II. Hoạt động", "IV. Khoán"])
    fix_sections(t, None, 0.5)
    assert [r.section.split()[0] for r in t.rows] == ["I.", "II.", "III.", "IV."]


def test_a_ruling_read_before_a_numeral_is_no_stroke_of_it():
    """A section heading read across the table: the left border's ruling "|" before "II"
    read "11" ("|11. Dữ liệu số |"); "III" read "[Ill" after it still has its three."""
    t = table(["I. Hạ tầng số", ["1", "a"], "|11. Dữ liệu số", ["2", "b"], "[Ill. Kỹ năng số"])
    fix_sections(t, None, 0.5)
    assert [r.section for r in t.rows if r.section] == [
        "I. Hạ tầng số",
        "II. Dữ liệu số",
        "III. Kỹ năng số",
    ]


def test_w_is_i_and_v_run_together():
    """ "w." read for IV (a bold I and V run together, their case lost) is IV at its place."""
    t = table(["I. Một", ["1", "a"], "II. Hai", ["1", "b"], "III. Ba", ["1", "c"], "w. Bốn"])
    fix_sections(t, None, 0.5)
    assert t.rows[-1].section == "IV. Bốn"
