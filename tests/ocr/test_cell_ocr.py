"""Lone glyphs in table cells: blurred zeros and dashes, read by Tesseract and by shape
(ocr/cell_ocr.py), and the number evidence it draws on (ocr/cell_numbers.py)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sohoa.ocr.cell_numbers import digit_glyphs, is_zero, with_counted_strokes, with_seen_dots
from sohoa.ocr.cell_ocr import ink_mask, read_cell

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def cell_image(text: str, blur: float = 1.2, noise: float = 12.0, seed: int = 0) -> np.ndarray:
    """A ruled 200-dpi cell holding ``text`` at table size (10 pt), blurred and noisy."""
    image = Image.new("L", (120, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 119, 59), outline=0, width=2)
    draw.text((60, 30), text, font=ImageFont.truetype(FONT, 28), fill=30, anchor="mm")
    gray = cv2.GaussianBlur(np.asarray(image, dtype=np.float32), (0, 0), blur)
    gray += np.random.default_rng(seed).normal(0, noise, gray.shape)
    return np.clip(gray, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("glyph, zero", [("0", True), ("6", False), ("9", False), ("8", False),
                                         ("4", False), ("2", False)])  # fmt: skip
def test_only_a_centred_single_hole_is_a_zero(glyph: str, zero: bool) -> None:
    gray = cell_image(glyph, blur=1.0, noise=10.0)[8:-8, 8:-8]
    assert is_zero(ink_mask(gray, DPI)) is zero


@pytest.mark.parametrize("seed", range(4))
def test_blurred_zeros_and_dashes_are_read_as_such(seed: int) -> None:
    box = (0, 0, 120, 60)
    for text, want in [("0", "0"), ("-", "-"), ("8", "8"), ("60", "60")]:
        gray = cell_image(text, blur=1.0, noise=12.0, seed=seed)
        assert read_cell(gray, box, DPI, "vie", digits_only=True).text == want, text


SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def noisy_cell(text: str, seed: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A ruled cell at 200 dpi holding ``text`` in 11 pt type, blurred and noisy."""
    image = Image.new("L", (120, 80), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 105, 60), outline=40, width=2)
    font = ImageFont.truetype(SERIF, round(11 * DPI / 72))
    draw.text((50, 24), text, fill=30, font=font)
    blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(0.9)), dtype=float)
    noise = np.random.default_rng(seed).normal(0, 30, blurred.shape)
    return np.clip(blurred + noise, 0, 255).astype(np.uint8), (10, 10, 106, 61)


@pytest.mark.parametrize("digit", ["0", "8"])
def test_lone_digit_read_again_as_digit_by_a_vote(digit):
    readings = [read_cell(*noisy_cell(digit, seed), DPI, "vie", True) for seed in range(3)]
    assert all(r.glyphs == 1 for r in readings)
    assert sum(r.text == digit for r in readings) >= 2


def test_lone_glyph_counted_in_free_reading():
    reading = read_cell(*noisy_cell("8", 0), DPI, "vie")
    assert reading.method == "ocr" and reading.glyphs == 1


def small_number(text: str, dpi: int = 150) -> np.ndarray:
    """``text`` in 10 pt type at ``dpi`` (a photographed table's size), blurred, as ink."""
    image = Image.new("L", (200, 50), 255)
    ImageDraw.Draw(image).text(
        (100, 25), text, font=ImageFont.truetype(FONT, round(10 * dpi / 72)), fill=40, anchor="mm"
    )
    gray = cv2.GaussianBlur(np.asarray(image, dtype=np.float32), (0, 0), 0.7)
    gray += np.random.default_rng(0).normal(0, 5, gray.shape)
    ink = ink_mask(np.clip(gray, 0, 255).astype(np.uint8), dpi)
    ys, xs = np.nonzero(ink)
    return ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


@pytest.mark.parametrize(
    "printed, read, want",
    [("8.938", "8938", "8.938"), ("116.628", "116628", "116.628"),
     ("1.250.000", "1250000", "1.250.000"),
     ("2026", "2026", "2026"),  # no dot in the ink: none given
     ("89,38", "8938", "8938"),  # a mark where no thousands dot goes: no evidence
     ("12.600", "1260", "1260")],  # a digit lost: the dot is not where "1260" needs one
)  # fmt: skip
def test_thousands_dots_are_given_back_only_where_the_ink_shows_them(
    printed: str, read: str, want: str
) -> None:
    assert with_seen_dots(read, small_number(printed)) == want


def test_digit_glyphs_are_counted_without_the_separators() -> None:
    assert digit_glyphs(small_number("5.771", 300)) == 4


def quarter_ink(text: str, dpi: int = 150) -> tuple[np.ndarray, int]:
    """``text`` ("Quý III/2027") in 10 pt at ``dpi``, blurred, as ink; and where its second
    word begins."""
    font = ImageFont.truetype(FONT, round(10 * dpi / 72))
    image = Image.new("L", (260, 50), 255)
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill=40)
    gray = cv2.GaussianBlur(np.asarray(image, dtype=np.float32), (0, 0), 0.6)
    ink = ink_mask(np.clip(gray, 0, 255).astype(np.uint8), dpi)
    return ink, 10 + round(font.getlength(text.split()[0] + " "))


@pytest.mark.parametrize(
    "printed, read, want",
    [("Quý III/2027", "II/2027", "Quý III/2027"), ("Quý II/2026", "I/2026", "Quý II/2026"),
     ("Quý I/2027", "I/2027", "Quý I/2027"), ("Quý II/2028", "II/2028", "Quý II/2028")],
)  # fmt: skip
def test_a_quarter_numeral_gets_the_strokes_its_ink_shows(printed: str, read: str, want: str):
    ink, start = quarter_ink(printed)
    data = {"text": ["Quý", read], "left": [10, start], "width": [start - 12, 250 - start]}
    assert with_counted_strokes(f"Quý {read}", data, ink, 1.0, 0) == want


def test_a_quarter_cell_of_a_150_dpi_scan_is_read_whole():
    ink, _ = quarter_ink("Quý III/2027")
    gray = np.where(ink > 0, 40, 250).astype(np.uint8)
    gray = cv2.copyMakeBorder(gray, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=250)
    reading = read_cell(gray, (0, 0, gray.shape[1], gray.shape[0]), 150, "vie")
    assert reading.text == "Quý III/2027"


def show_through_cell(text: str, back: str, seed: int, x: int = 150) -> np.ndarray:
    """A ruled 200-dpi cell holding ``text`` in black, its right end at ``x``, over ``back``
    mirrored in grey at the left, as the back page's print shows through thin paper."""
    image = Image.new("L", (170, 50), 250)
    behind = Image.new("L", (170, 50), 250)
    ImageDraw.Draw(behind).text((66, 12), back, font=ImageFont.truetype(SERIF, 30), fill=180)
    image.paste(behind.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 169, 49), outline=20, width=2)
    draw.text((x, 25), text, font=ImageFont.truetype(SERIF, 30), fill=20, anchor="rm")
    gray = cv2.GaussianBlur(np.asarray(image, dtype=np.float32), (0, 0), 1.0)
    gray += np.random.default_rng(seed).normal(0, 6, gray.shape)
    return np.clip(gray, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("x", [150, 70])  # beside the grey print, or touching it
def test_a_dash_over_the_back_pages_print_is_a_dash(seed: int, x: int) -> None:
    box = (0, 0, 170, 50)
    gray = show_through_cell("-", "Kết quả", seed, x)
    assert read_cell(gray, box, DPI, "vie", digits_only=True).text == "-"
    assert read_cell(gray, box, DPI, "vie").text == "-"
    # the back page's grey print is not this side's: a number over it keeps its digits
    assert read_cell(show_through_cell("7.104", "Kết quả", seed), box, DPI, "vie").text == "7.104"
