"""What the metadata readers share: a title's cleaning, where a field was read."""

from __future__ import annotations

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_text import TITLE_CHARS, clean_title, note
from sohoa.model import Metadata


def test_title_cleaning() -> None:
    assert clean_title("Về việc  lựa chọn `") == "Về việc lựa chọn"  # a speck at the end
    assert clean_title("Kế hoạch Quý II2025") == "Kế hoạch Quý I/2025"  # a slash read as "I"
    assert clean_title("Không đóng *dấu” trên hoá đơn") == "Không đóng “dấu” trên hoá đơn"
    assert clean_title("Mức thu *phí trên hoá đơn") == "Mức thu *phí trên hoá đơn"  # no quote
    assert len(clean_title("chữ " * 200)) <= TITLE_CHARS


def test_note_keeps_one_source_a_field_scaled_by_the_line_s_confidence() -> None:
    meta = Metadata()
    line = SourceLine("Số: 1/KH", page=1, bbox=(0, 0, 10, 10), confidence=0.5)
    note(meta, "so_hieu", SourceLine("Số: 1/KH"), 1.0)
    note(meta, "so_hieu", line, 0.8)
    assert [(s.field, s.confidence, s.page, s.method) for s in meta.nguon] == [
        ("so_hieu", 0.4, 1, "line")
    ]
