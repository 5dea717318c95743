"""The Vietnamese syllable grammar used to judge OCR readings."""

from __future__ import annotations

from sohoa.ocr.text_quality import is_document_code, misread_tone, words_valid_share


def test_a_stop_final_under_a_huyen_hoi_or_nga_is_a_misread_tone() -> None:
    assert misread_tone("cầt")  # "cất" with its mark misread
    assert misread_tone("hỏp,")
    assert misread_tone("Thềch")
    assert misread_tone("tỗc")


def test_tones_a_stop_final_carries_and_other_finals_are_not_misread() -> None:
    for word in ("cất", "họp", "sách", "Việt,", "giầu", "ngã", "(Đã", "QĐ-KNCGTVPT", "2018", "cat"):
        assert not misread_tone(word), word


def test_a_document_code_is_well_formed_whatever_stands_before_its_slash() -> None:
    for token in ("1113/UBND-LĐTBXH", "30/2020/NĐ-CP;", "4/4../QĐ-KNCGTVPT", "/UBND"):
        assert is_document_code(token), token
    for token in ("17/4/2020", "QĐ-CP", "năm", "A/B", "(01/2018)", "thư@gmail.com"):
        assert not is_document_code(token), token


def test_a_code_counts_as_one_well_formed_run_of_letters() -> None:
    # "số", the code: both well formed (text_layer_quality would judge "QĐ", "KNCGTVPT")
    assert words_valid_share(["số:", "4/4../QĐ-KNCGTVPT"]) == 1.0
    assert words_valid_share(["Số:", "VỊ", "T", "Kiầu"]) == 0.5
    assert words_valid_share(["2018"]) == 0.0
