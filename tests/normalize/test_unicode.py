import unicodedata

import pytest

from sohoa.normalize.unicode import (
    nfc,
    normalize_syllable,
    place_tone,
    repair_legacy,
    split_tone,
    strip_marks,
)


def test_decomposed_input_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Quyết định")
    assert decomposed != "Quyết định"
    assert nfc(decomposed) == "Quyết định"


def test_legacy_spacing_accents_are_repaired() -> None:
    assert repair_legacy("a\u02cb") == "à"


@pytest.mark.parametrize(
    ("syllable", "untoned", "tone"),
    [("hoạch", "hoach", 5), ("Quyết", "Quyêt", 1), ("đồng", "đông", 2), ("của", "cua", 3)],
)
def test_split_tone_separates_tone_from_vowel_marks(syllable: str, untoned: str, tone: int) -> None:
    assert split_tone(syllable) == (untoned, tone)


def test_strip_marks_maps_d_stroke_and_drops_every_mark() -> None:
    assert strip_marks("ĐỔI MỚI đo lường") == "DOI MOI do luong"


@pytest.mark.parametrize(
    ("given", "classic", "modern"),
    [
        ("hoá", "hóa", "hoá"),
        ("hóa", "hóa", "hoá"),
        ("thuỷ", "thủy", "thuỷ"),
        ("Uỷ", "Ủy", "Uỷ"),
        ("khoẻ", "khỏe", "khoẻ"),
        ("hoạch", "hoạch", "hoạch"),  # closed syllable: same in both styles
        ("quả", "quả", "quả"),  # qu is the onset
        ("già", "già", "già"),  # gi is the onset
        ("người", "người", "người"),  # ươ: the mark goes on ơ
        ("ngoài", "ngoài", "ngoài"),
    ],
)
def test_tone_placement_styles(given: str, classic: str, modern: str) -> None:
    assert normalize_syllable(given, "classic") == classic
    assert normalize_syllable(given, "modern") == modern


def test_place_tone_keeps_case() -> None:
    assert place_tone("HOA", 1) == "HÓA"
