"""``extract/budget_section_rows``: a section that is itself a row (its own amounts after its
title), its numeral read by old OCR with no dot."""

from __future__ import annotations

from sohoa.extract.budget_section_rows import ruled_section_row

COLUMNS = ["Kinh phí", *(f"Năm {year}" for year in range(2026, 2031))]


def test_a_section_numeral_with_no_dot_before_a_ruling_or_a_capital():
    """ "Il |Nang cao …" (the TT column's ruling), "Vl Nava cao …" (a space, then a
    capital) and "| v |kien toan …" (a lone V, its case lost, before the ruling) open
    section rows when their amounts add up; "Vl" with amounts that do not add up, or a
    lone "v" before a space, opens none."""
    read = ruled_section_row("Il |Nang cao hieu qua 50 10 10 10 10 10", COLUMNS)
    assert read == ("II", "Nang cao hieu qua 50 10 10 10 10 10")
    read = ruled_section_row("| Vl Nava cao hieu qua phong chay 300 100 100 100 So Y te", COLUMNS)
    assert read is not None and read[0] == "VI"
    read = ruled_section_row("| v |kien toan bao ve 310 | 210 | 40 | 20 | 40 | So Y te", COLUMNS)
    assert read is not None and read[0] == "V"
    assert ruled_section_row("| Vl Nava cao hieu qua 300 100 100 So Y te", COLUMNS) is None
    assert ruled_section_row("v kien toan bao ve 310 210 40 20 40 So Y te", COLUMNS) is None
