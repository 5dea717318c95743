"""The Vietnamese syllable grammar used to judge OCR readings."""

from __future__ import annotations

from sohoa.ocr.text_quality import misread_tone


def test_a_stop_final_under_a_huyen_hoi_or_nga_is_a_misread_tone() -> None:
    assert misread_tone("cầt")  # "cất" with its mark misread
    assert misread_tone("hỏp,")
    assert misread_tone("Thềch")
    assert misread_tone("tỗc")


def test_tones_a_stop_final_carries_and_other_finals_are_not_misread() -> None:
    for word in ("cất", "họp", "sách", "Việt,", "giầu", "ngã", "(Đã", "QĐ-KNCGTVPT", "2018", "cat"):
        assert not misread_tone(word), word
