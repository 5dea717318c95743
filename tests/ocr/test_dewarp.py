"""Curled lines are levelled: measured on a rendered page bent by a known curl, read again by
real Tesseract; straight pages are left alone."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from sohoa.ocr.dewarp import find_line_bend
from sohoa.ocr.page_ocr import read_dewarped, read_variant
from sohoa.settings import Settings

from .conftest import SHORT_TEXT

FAST = Settings(dpi=200, restore=False, extract_tables=False)


def curl(page: np.ndarray, amplitude: float) -> np.ndarray:
    """``page`` with its lines bowed: the middle of each line ``amplitude`` pixels above its
    ends (a page lifted in the middle)."""
    height, width = page.shape
    xs, ys = np.meshgrid(np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32))
    bow = amplitude * np.sin(np.pi * xs / width)
    return cv2.remap(page, xs, ys + bow, cv2.INTER_LINEAR, borderValue=255)


@pytest.fixture(scope="module")
def padded_page(short_page_image: np.ndarray) -> np.ndarray:
    """The short page with white above and below, so a curl keeps every line inside."""
    return cv2.copyMakeBorder(short_page_image, 60, 60, 0, 0, cv2.BORDER_CONSTANT, value=255)


def expected_words() -> list[str]:
    return " ".join(p if isinstance(p, str) else p.text for p in SHORT_TEXT).split()


def right(text: str) -> int:
    found = text.split()
    return sum(word in found for word in expected_words())


def test_a_straight_page_is_left_alone(padded_page: np.ndarray) -> None:
    assert find_line_bend(padded_page) is None


def test_curled_lines_are_measured_and_levelled(padded_page: np.ndarray) -> None:
    curled = curl(padded_page, 60)  # about 2.7 letter heights at 200 dpi
    bend = find_line_bend(curled)
    assert bend is not None and bend.bend > 0.5
    assert find_line_bend(bend.apply(curled)) is None  # levelled: nothing left to undo


def test_the_levelled_page_reads_better_and_its_boxes_stay_on_the_photo(
    padded_page: np.ndarray,
) -> None:
    curled = curl(padded_page, 60)
    reading = read_variant(curled, 200, "prepared", FAST)
    dewarped = read_dewarped(reading, FAST)
    assert dewarped is not None and dewarped.variant == "prepared, dewarped"
    assert right(dewarped.text) > right(reading.text)
    assert right(dewarped.text) >= 0.9 * len(expected_words())
    # the same word's box is where the curled reading saw it: moved back along its line
    boxes = {}
    for found in (reading, dewarped):
        data = found.data
        for text, top, height in zip(data["text"], data["top"], data["height"], strict=True):
            if text.strip() == "QUYẾT":
                boxes.setdefault(found.variant, (top, top + height))
    (top_a, bottom_a), (top_b, bottom_b) = boxes["prepared"], boxes["prepared, dewarped"]
    assert abs((top_a + bottom_a) / 2 - (top_b + bottom_b) / 2) < (bottom_a - top_a) / 2
