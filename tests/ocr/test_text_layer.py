"""Judging a PDF text layer: Vietnamese, or legacy-encoded / English-OCR gibberish."""

from __future__ import annotations

import pytest

from sohoa.corpus import scan_simulator as scans
from sohoa.ocr.text_quality import is_vietnamese_syllable, text_layer_quality


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


def test_two_header_columns_are_separate_lines_and_blocks(tmp_path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from sohoa.ocr.ingest import ingest
    from sohoa.settings import Settings

    regular, _ = scans._register_fonts()
    path = tmp_path / "header.pdf"
    canvas = Canvas(str(path))
    canvas.setFont(regular, 13)
    rows = [
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("TỈNH BẮC NINH", "Độc lập - Tự do - Hạnh phúc"),
    ]
    for index, (left, right) in enumerate(rows):
        canvas.drawString(60, 780 - 18 * index, left)
        canvas.drawString(300, 780 - 18 * index, right)
    canvas.drawString(60, 700, "Số: 523/QĐ-UBND")
    canvas.drawString(300, 700, "Bắc Ninh, ngày 19 tháng 6 năm 2020")
    canvas.save()
    (page,) = ingest(path, Settings(restore=False)).pages
    lines = [page.line_text(line) for line in page.lines]
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    blocks = page.text().split("\n\n")
    assert "ỦY BAN NHÂN DÂN" in blocks and "Số: 523/QĐ-UBND" in blocks
