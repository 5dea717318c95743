"""Roman numerals of ones counted from their ink (bold print drawn with PIL, Tesseract's
columns as it reads them)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from sohoa.ocr.roman_ones import count_bars, ones_from_ink
from sohoa.ocr.tesseract import run_tesseract

BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"  # Times' metrics


def printed(text: str, size: int = 50, font: str = BOLD) -> np.ndarray:
    """``text`` in ``font`` at ``size`` pixels (a 300-dpi heading), black on white."""
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((40, 30), text, font=ImageFont.truetype(font, size), fill=20)
    return np.asarray(image)


def columns(gray: np.ndarray) -> dict[str, list]:
    """Tesseract's word columns of ``gray`` (one line)."""
    return run_tesseract(gray, "vie", 7)


def word_index(data: dict[str, list], starts: str) -> int:
    return next(i for i, t in enumerate(data["text"]) if str(t).startswith(starts))


def test_three_bars_read_as_two_get_their_third() -> None:
    gray = printed("III. KINH PHÍ THỰC HIỆN")
    data = columns(gray)
    i = word_index(data, "KINH") - 1  # the numeral's word, however it was read
    for misread in ("II.", "lII.", "III."):  # the LSTM's misreadings, and the right one
        data["text"][i] = misread
        assert ones_from_ink(data, gray)["text"][i] == "III."


def test_words_that_are_not_a_run_of_ones_are_left_alone() -> None:
    gray = printed("IV. TỔ CHỨC THỰC HIỆN")
    data = columns(gray)
    before = list(data["text"])
    i = word_index(data, "TỔ") - 1
    data["text"][i] = "II."  # over "IV.": the V is no bar, nothing is counted
    assert ones_from_ink(data, gray)["text"][i] == "II."
    data["text"][i] = before[i]
    assert ones_from_ink(data, gray)["text"] == before  # no word of ones: unchanged


def test_digits_and_letters_are_never_ones() -> None:
    gray = printed("11. Lưu: VT")
    data = columns(gray)
    assert ones_from_ink(data, gray)["text"] == data["text"]


def test_bars_run_together_are_not_counted() -> None:
    gray = printed("III.")
    rows, cols = np.nonzero(gray < 128)
    ink = gray[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]  # the word's box
    assert count_bars(ink) == 3
    smeared = np.minimum(ink, np.roll(ink, 6, axis=1))  # a coarse scan: the bars touch
    smeared = np.minimum(smeared, np.roll(smeared, -6, axis=1))
    assert count_bars(smeared) is None


def test_a_serif_numeral_at_200_dpi_is_counted() -> None:
    # 10-pt Times bold at 200 dpi: each I, serifs and all, half as wide as it is tall
    gray = printed("III. TỒN TẠI, HẠN CHẾ", size=28, font=SERIF_BOLD)
    data = columns(gray)
    i = word_index(data, "TỒN") - 1
    data["text"][i] = "II."
    assert ones_from_ink(data, gray)["text"][i] == "III."
