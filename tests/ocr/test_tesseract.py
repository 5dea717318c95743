"""ocr/tesseract.py's reading of Tesseract's columns: specks of noise, the eth read for Đ."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from sohoa.corpus.scan_simulator import FONT_CANDIDATES
from sohoa.ocr.tesseract import noise_specks, run_tesseract, vietnamese_d

FONT = next(Path(regular) for regular, _ in FONT_CANDIDATES if Path(regular).exists())


def columns(words: list[tuple[int, str, int, int, float]]) -> dict[str, list]:
    """Tesseract's columns for words given as (line, text, width, height, confidence)."""
    return {
        "level": [5] * len(words),
        "block_num": [1] * len(words),
        "par_num": [1] * len(words),
        "line_num": [w[0] for w in words],
        "text": [w[1] for w in words],
        "width": [w[2] for w in words],
        "height": [w[3] for w in words],
        "conf": [w[4] for w in words],
        "left": [0] * len(words),
        "top": [0] * len(words),
    }


def test_a_tiny_confident_word_alone_on_its_line_is_a_speck() -> None:
    data = columns(
        [
            (1, "KT.", 40, 30, 95.0),
            (1, "CHỦ", 60, 30, 96.0),
            (2, "Y", 5, 5, 87.0),  # a tone mark cut off its letter, read as its own line
            (3, "PHÓ", 60, 30, 96.0),
            (3, "-", 8, 4, 90.0),  # as small, but beside words: kept
            (3, "TỊCH", 60, 30, 96.0),
        ]
    )
    assert noise_specks(data) == {2}


def test_a_tiny_unsure_word_is_a_speck_anywhere() -> None:
    data = columns([(1, "Căn", 50, 30, 95.0), (1, "Ẻ", 6, 5, 14.0), (1, "cứ", 40, 30, 95.0)])
    assert noise_specks(data) == {1}


def test_the_eth_tesseract_reads_for_d_is_put_back_on_a_vietnamese_page() -> None:
    # a crisp printed line: Tesseract's vie model reads the Đ of a code as the Icelandic
    # eth (U+00D0), and the code would no longer come out as printed
    font = ImageFont.truetype(str(FONT), 40)
    image = Image.new("L", (1400, 90), 255)
    ImageDraw.Draw(image).text((20, 20), "Xét đề nghị số 61/ĐN-PC46 ngày 23/01/2018.", font=font)
    data = run_tesseract(np.array(image), "vie", 7)
    read = " ".join(str(t) for t in data["text"] if str(t).strip())
    assert "61/\u00d0N-PC46" in read
    fixed = " ".join(str(t) for t in vietnamese_d(data, "vie")["text"] if str(t).strip())
    assert "61/ĐN-PC46" in fixed and "\u00d0" not in fixed
    assert vietnamese_d(data, "eng") is data  # another language's page is left as read
