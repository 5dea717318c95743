"""Districts before the 2025 reform: a header's district spelled as printed."""

from __future__ import annotations

from importlib import resources

from sohoa.extract.districts import DATA_FILE, LEVELS, match_district


def test_the_shipped_list_holds_every_level_with_marked_names() -> None:
    text = (resources.files("sohoa.corpus") / "data" / DATA_FILE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()]
    assert len(rows) > 600 and {level for level, _ in rows} == set(LEVELS.values())
    assert ["THỊ XÃ", "La Gi"] in rows and ["THÀNH PHỐ", "Đông Hà"] in rows


def test_marks_and_spaces_are_repaired_but_never_letters() -> None:
    assert match_district("THÀNH PHỐ", "ĐỒNG HÀ") == "ĐÔNG HÀ"
    assert match_district("THỊ XÃ", "LAGI") == "LA GI"
    assert match_district("HUYỆN", "CAI NUOC") == "CÁI NƯỚC"
    assert match_district("HUYỆN", "CÁI NƯỚT") is None  # a letter differs: kept as written
    assert match_district("HUYỆN", "ĐÔNG HÀ") is None  # Đông Hà is a city, not a huyện
