"""Roman numerals of ones counted from their ink: "III." that Tesseract read "II." or "lII.".

A heading's numeral ("III. KINH PHÍ THỰC HIỆN", "Phụ lục II") is a run of bars, which the
LSTM miscounts in bold print where the bars stand close (on the corpus's scans 6 of 27
numerals wrong, bare ``tesseract -l vie`` 2: the prepared page read "II.", and a heading
read right was read again "II." alone). The bars are counted in the word's box instead:
each is one piece of ink as tall as the word and thin; a full stop or a speck is short.
A word of ones (I, or l beside an I) gets as many I's as its ink holds bars, up to three,
never fewer than it read: bars run together in a coarse scan are one piece.

    data = ones_from_ink(data, gray)    # Tesseract's columns, the gray page it read
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import regex

# a word of ones as Tesseract reads it: I's, or l's beside at least one I (a sans-serif I
# and l are both a bar), then perhaps a full stop or comma
ONES = regex.compile(r"(?=[Il]*I)([Il]{1,3})([.,]?)")


@dataclass(frozen=True)
class BarRule:
    """Shares of the word's box height."""

    bar_height: float = 0.75  # a bar stands at least this tall ...
    # ... and at most this wide: a bold serif I (Times, the documents' font) is half as wide
    # as it is tall, serifs and all (a sans-serif one 0.2-0.3), the V of "IV." 1.5
    bar_width: float = 0.6
    mark_height: float = 0.4  # other ink (a full stop, specks) stays below this
    max_bars: int = 3  # a numeral's run of ones (IV, IX are not runs)
    min_height: int = 8  # pixels: a smaller box holds too few to count


DEFAULT_BARS = BarRule()


def count_bars(crop: np.ndarray, rule: BarRule = DEFAULT_BARS) -> int | None:
    """The bars in a word's gray crop, or None where its ink is not bars and small marks
    only (a letter, bars run together, another word's edge)."""
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height = crop.shape[0]
    bars = 0
    for piece in stats[1:]:
        tall, wide = int(piece[cv2.CC_STAT_HEIGHT]), int(piece[cv2.CC_STAT_WIDTH])
        if tall < rule.mark_height * height:
            continue
        if tall < rule.bar_height * height or wide > rule.bar_width * tall:
            return None
        bars += 1
    return bars


def ones_from_ink(
    data: dict[str, list], gray: np.ndarray, rule: BarRule = DEFAULT_BARS
) -> dict[str, list]:
    """``data`` with each word of ones read as the bars its box holds (``count_bars``):
    "II." over three bars becomes "III.", "lII." "III."; ``gray`` is the page it read."""
    texts = list(data["text"])
    for i, text in enumerate(texts):
        match = ONES.fullmatch(str(text or "").strip())
        if match is None:
            continue
        letters, mark = match.groups()
        bars = _bars_in_box(data, i, gray, rule)
        if bars is None or bars < len(letters) or bars > rule.max_bars:
            continue
        texts[i] = "I" * bars + mark
    return {**data, "text": texts}


def _bars_in_box(data: dict[str, list], i: int, gray: np.ndarray, rule: BarRule) -> int | None:
    left, top = max(0, int(data["left"][i])), max(0, int(data["top"][i]))
    right, bottom = left + int(data["width"][i]), top + int(data["height"][i])
    crop = gray[top:bottom, left:right]
    if crop.shape[0] < rule.min_height or crop.shape[1] == 0:
        return None
    return count_bars(np.ascontiguousarray(crop), rule)
