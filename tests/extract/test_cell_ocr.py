"""A lone digit in a noisy cell: the glyph Tesseract misreads most, read by a vote."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sohoa.extract.cell_ocr import read_cell

DPI = 200
FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def noisy_cell(text: str, seed: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A ruled cell at 200 dpi holding ``text`` in 11 pt type, blurred and noisy."""
    image = Image.new("L", (120, 80), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 105, 60), outline=40, width=2)
    font = ImageFont.truetype(FONT, round(11 * DPI / 72))
    draw.text((50, 24), text, fill=30, font=font)
    blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(0.9)), dtype=float)
    noise = np.random.default_rng(seed).normal(0, 30, blurred.shape)
    return np.clip(blurred + noise, 0, 255).astype(np.uint8), (10, 10, 106, 61)


@pytest.mark.parametrize("digit", ["0", "8"])
def test_lone_digit_read_as_digit(digit):
    readings = [read_cell(*noisy_cell(digit, seed), DPI, "vie", True) for seed in range(3)]
    assert all(r.glyphs == 1 for r in readings)
    assert sum(r.text == digit for r in readings) >= 2


def test_lone_glyph_counted_in_free_reading():
    reading = read_cell(*noisy_cell("0", 0), DPI, "vie")
    assert reading.method == "ocr" and reading.glyphs == 1
