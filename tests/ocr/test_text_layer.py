"""Judging a PDF text layer: Vietnamese, or legacy-encoded / English-OCR gibberish."""

from __future__ import annotations

import pytest
import scans

from sohoa.ocr.text_layer import is_vietnamese_syllable, text_layer_quality


@pytest.mark.parametrize(
    "word", ["nghiêng", "trường", "quốc", "giữa", "khuya", "được", "Đề", "ÁN", "gì", "oanh"]
)
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["cuwdng", "Rlong", "hoaïch", "Qu¶n", "nhaÿp", "tổé", "UBND"])
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    ("seed", "garbled"), [("000", True), ("003", True), ("001", False), ("004", False)]
)
def test_old_english_ocr_is_garbled_and_clean_text_is_not(seed: str, garbled: bool) -> None:
    assert text_layer_quality(scans.seed_text(seed)[:4000]).garbled is garbled


def test_too_little_text_is_not_judged() -> None:
    assert not text_layer_quality("Trang 2").garbled
