"""Seed 004's tab-separated appendix rows -> a budget table with records."""

from __future__ import annotations

from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def test_tab_separated_rows_become_tables(seeds_dir):
    doc = convert_document(seeds_dir / "004_270c43c183b8e566.txt", Settings(restore=False))
    assert len(doc.tables) == 2
    first, second = doc.tables
    assert first.source == "tsv"
    assert first.columns[0] == "TT"
    assert first.columns[5] == "Nhu cầu kinh phí (triệu đồng)"
    assert first.kind == "phu_luc_2"
    record = first.records[0]
    assert record["stt"] == "1"
    assert record["co_quan_chu_tri"] == "Sở Khoa học và Công nghệ"
    assert record["kinh_phi"]["tong"] == 48259  # "48.259"
    totals = [r for r in first.records if r["tong_cong"]]
    assert [t["kinh_phi"]["tong"] for t in totals] == [48259, 4885]
    assert first.validation.ok and first.validation.checked == 2
    assert second.records[-1]["kinh_phi"]["tong"] == 6365  # "Tổng cộng … 6.365"
    assert second.validation.ok
