"""The signature block found from word boxes and read again line by line (real Tesseract on
a page drawn with the corpus's serif font)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from sohoa.corpus.scan_simulator import FONT_CANDIDATES
from sohoa.ocr.signature_block import (
    DEFAULT_SIGNATURE,
    line_score,
    reread_signature,
    signature_lines,
)
from sohoa.ocr.tesseract import run_tesseract, word_rows
from sohoa.ocr.unread_ink import letter_size

WIDTH, HEIGHT = 1650, 1000  # a 200-dpi page's width
BODY = "Đề nghị các đơn vị quan tâm, phối hợp thực hiện nghiêm túc kế hoạch này./."
RIGHT_TOP = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng"]


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """Two lines in the right part above a full-width body line (a header's right block),
    and a signature block of three lines in the right part below it."""
    regular, bold = next(pair for pair in FONT_CANDIDATES if all(map(_exists, pair)))
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    body_font = ImageFont.truetype(regular, 36)
    bold_font = ImageFont.truetype(bold, 36)
    for n, text in enumerate(RIGHT_TOP):
        draw.text((1150, 80 + 60 * n), text, font=bold_font, fill=0, anchor="mt")
    draw.text((150, 300), BODY, font=body_font, fill=0)
    for n, text in enumerate(SIGNATURE):
        y = 450 + 60 * n + (180 if n == 2 else 0)  # room for the signature above the name
        draw.text((1150, y), text, font=bold_font, fill=0, anchor="mt")
    return np.array(image)


def _exists(path: str) -> bool:
    return Path(path).exists()


def words(data: dict[str, list]) -> list[str]:
    return [str(data["text"][i]).strip() for i in word_rows(data)]


def read(page: np.ndarray) -> tuple[dict[str, list], float]:
    data = run_tesseract(page, "vie", 3)
    letter = letter_size(data)
    assert letter is not None
    return data, letter


def test_the_block_is_the_right_part_below_the_body(page: np.ndarray) -> None:
    data, letter = read(page)
    lines = signature_lines(data, WIDTH, letter, DEFAULT_SIGNATURE)
    assert len(lines) == len(SIGNATURE)  # the header's right block above the body is not taken
    assert all(box[1] > 300 for box in lines)


def test_a_garbled_signature_line_is_read_again(page: np.ndarray) -> None:
    data, letter = read(page)
    assert "TM." in words(data)
    row = next(i for i in word_rows(data) if str(data["text"][i]).strip() == "TM.")
    garbled = {column: list(values) for column, values in data.items()}
    garbled["text"][row], garbled["conf"][row] = "TIM.", 29.0  # as a prepared page read it
    again = reread_signature(garbled, page, letter, "vie")
    assert words(again) == words(data)


def test_a_signature_read_right_is_left_alone(page: np.ndarray) -> None:
    data, letter = read(page)
    again = reread_signature(data, page, letter, "vie")
    assert words(again) == words(data)


def test_two_words_glued_at_a_full_stop_score_lower() -> None:
    glued = {"text": ["TM.ỦY", "BAN"], "conf": [95.0, 95.0]}
    apart = {"text": ["TM.", "ỦY", "BAN"], "conf": [95.0, 95.0, 95.0]}
    assert line_score(apart, [0, 1, 2]) > line_score(glued, [0, 1])
