"""The capital lines over a signer's name read again on a low-resolution page (real Tesseract
on a page drawn with the corpus's serif font, then shrunk to a phone photo's letters)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from sohoa.corpus.scan_simulator import FONT_CANDIDATES
from sohoa.ocr.signer_column import DEFAULT_COLUMN, name_line, reread_signer_column
from sohoa.ocr.tesseract import line_rows, run_tesseract, word_rows

WIDTH, HEIGHT = 1650, 1400  # a 200-dpi page's width
BODY = "Yêu cầu các đơn vị quan tâm, phối hợp thực hiện nghiêm túc nội dung này./."
POSITION = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
NAME = "Nguyễn Văn Hùng"
SHRINK = 0.22  # 36-pixel type to a 70-dpi photo's ~8-pixel letters


@pytest.fixture(scope="module")
def pages() -> tuple[np.ndarray, dict[str, list]]:
    """The page shrunk, and the full-size page's reading without the position lines (as a
    blurred photo's reading loses them with the seal), its boxes shrunk alike."""
    regular, bold = next(pair for pair in FONT_CANDIDATES if all(map(_exists, pair)))
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    draw.text((150, 700), BODY, font=ImageFont.truetype(regular, 36), fill=0)
    bold_font = ImageFont.truetype(bold, 36)
    for n, text in enumerate(POSITION):
        draw.text((1150, 820 + 55 * n), text, font=bold_font, fill=0, anchor="mt")
    draw.text((1150, 1150), NAME, font=bold_font, fill=0, anchor="mt")
    full = np.array(image)
    data = run_tesseract(full, "vie", 3)
    lost = [i for i in word_rows(data) if 800 <= int(data["top"][i]) <= 940]
    assert lost  # the position lines were read at full size
    kept = [i for i in range(len(data["text"])) if i not in set(lost)]
    shrunk = {column: [data[column][i] for i in kept] for column in data}
    for column in ("left", "top", "width", "height"):
        shrunk[column] = [round(int(v) * SHRINK) for v in shrunk[column]]
    small = cv2.resize(full, None, fx=SHRINK, fy=SHRINK, interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(small, (3, 3), 0), shrunk


def _exists(path: str) -> bool:
    return Path(path).exists()


def lines(data: dict[str, list]) -> list[str]:
    rows_of_lines = line_rows(data).values()
    return [" ".join(str(data["text"][i]).strip() for i in rows) for rows in rows_of_lines]


def test_the_capital_lines_over_a_name_are_read_again_on_a_small_letters_page(
    pages: tuple[np.ndarray, dict[str, list]],
) -> None:
    small, data = pages
    letter = 8.0
    assert name_line(data, small.shape, DEFAULT_COLUMN)  # the name is found
    before = lines(data)
    after = lines(reread_signer_column(data, small, letter, "vie"))
    added = after[len(before) - 1 : -1]
    assert after[-1] == before[-1] == NAME  # the name still closes the page ...
    assert len(added) == 2 and all(line.endswith("TỊCH") for line in added)  # ... under them
    assert added[1].startswith("PH") and after[: len(before) - 1] == before[:-1]
    # letters large enough for the page's own reading: nothing read again
    assert lines(reread_signer_column(data, small, DEFAULT_COLUMN.max_letter, "vie")) == before
    # no name closing the page: nothing read again
    unnamed = {column: values[: -3 or None] for column, values in data.items()}
    assert not name_line(unnamed, small.shape, DEFAULT_COLUMN)
    assert lines(reread_signer_column(unnamed, small, letter, "vie")) == lines(unnamed)
