"""Rule lines and decorations taken out of the image Tesseract reads as text.

Administrative headers underline the issuer and the motto ("Độc lập - Tự do - Hạnh phúc")
with short rules that often touch or cross the letters above them; Tesseract then reads the
rule and the line of text as one line of garbage ("———_-ĐÉc lập") or drops the line. As
OCRmyPDF's and img2table's line finders do, an opening of the binarised page with a long thin
kernel keeps only the long straight strokes; each one that stands alone (a table's rules meet
rules across them, and are kept: the table finder and the cell reader rely on them) is painted
over with the paper around it, except where a letter's stroke runs through it.

    clean = erase_rule_lines(pixels, dpi)      # gray or RGB, same shape
    mask = rule_line_mask(to_gray(pixels), dpi)  # True on the pixels erased

Only the text reading sees the cleaned image; the prepared page used to find tables keeps
its rules (``page_ocr.read_variant``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class RuleLineSettings:
    """What counts as a rule line, in inches (scaled by the page's dpi)."""

    min_length: float = 0.6  # a rule is at least this long (a 13-pt em dash: 0.18 in)
    max_thickness: float = 0.03  # and on average at most this thick (bold print is not a rule)
    run: float = 0.12  # straight runs of ink this long are rule candidates (the opening)
    stroke: float = 0.02  # ink running on this far above or below a rule is a letter's stroke
    meets: float = 0.02  # a rule ending within this of a rule across it belongs to a grid


DEFAULT_RULE_LINES = RuleLineSettings()


def ink_of(gray: np.ndarray) -> np.ndarray:
    """Ink 255, paper 0: a local threshold, so shading and show-through stay paper."""
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )


def _pixels(inches: float, dpi: int) -> int:
    return max(3, round(inches * dpi))


def straight_runs(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    """The ink lying on straight runs at least ``length`` pixels long (one orientation).

    Ink is first smeared one pixel across the run so a rule tilted by a degree or two (a
    page not deskewed) still has runs that long."""
    across = (1, 3) if horizontal else (3, 1)  # (width, height)
    smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, across))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    return cv2.morphologyEx(smeared, cv2.MORPH_OPEN, kernel) & ink


def _rules(runs: np.ndarray, dpi: int, settings: RuleLineSettings, horizontal: bool) -> list:
    """Components of ``runs`` long and thin enough to be rules, away from the page's edge:
    (label mask slice, box)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    height, width = runs.shape
    found = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        length = w if horizontal else h
        if length < settings.min_length * dpi or area / length > settings.max_thickness * dpi:
            continue
        if x <= 2 or y <= 2 or x + w >= width - 2 or y + h >= height - 2:
            continue  # the page's edge (a scanner's shadow): painting it over leaves a smear
        box = (x, y, x + w, y + h)
        found.append((labels[y : y + h, x : x + w] == label, box))
    return found


def _near(box: tuple, boxes: list[tuple], gap: int) -> bool:
    x0, y0, x1, y1 = box
    return any(
        a - gap < x1 and x0 < c + gap and b - gap < y1 and y0 < d + gap for a, b, c, d in boxes
    )


def rule_line_mask(
    gray: np.ndarray, dpi: int, settings: RuleLineSettings = DEFAULT_RULE_LINES
) -> np.ndarray:
    """True on the pixels of rules standing alone (not meeting a rule across them), less the
    pixels where a letter's stroke continues through the rule."""
    dpi = max(dpi, 72)
    ink = ink_of(gray)
    run = _pixels(settings.run, dpi)
    across = {h: _rules(straight_runs(ink, run, h), dpi, settings, h) for h in (True, False)}
    mask = np.zeros(gray.shape, bool)
    stroke = _pixels(settings.stroke, dpi)
    meets = _pixels(settings.meets, dpi)
    for horizontal, rules in across.items():
        others = [box for _, box in across[not horizontal]]
        for pixels, box in rules:
            if _near(box, others, meets):
                continue  # a table's rule: the grid needs it, and cells read between rules
            mask |= _rule_pixels(ink, pixels, box, stroke, horizontal)
    return mask


def _rule_pixels(
    ink: np.ndarray, pixels: np.ndarray, box: tuple, stroke: int, horizontal: bool
) -> np.ndarray:
    """A page-sized mask of one rule's pixels, widened by a pixel for its blurred edge, less
    the letters' strokes crossing it: ink that runs on ``stroke`` pixels beyond the rule's
    own thickness on either side."""
    x0, y0, x1, y1 = box
    height, width = ink.shape
    pad = stroke + 2
    top, bottom = max(0, y0 - pad), min(height, y1 + pad)
    left, right = max(0, x0 - pad), min(width, x1 + pad)
    zone = np.zeros((bottom - top, right - left), np.uint8)
    zone[y0 - top : y1 - top, x0 - left : x1 - left] = pixels
    rule = cv2.dilate(zone, np.ones((3, 3), np.uint8)) > 0
    thickness = int(np.ceil(pixels.sum() / max(1, (x1 - x0) if horizontal else (y1 - y0))))
    reach = thickness + 2 * stroke
    kernel = (1, reach) if horizontal else (reach, 1)
    letters = cv2.morphologyEx(
        ink[top:bottom, left:right],
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, kernel),
    )
    out = np.zeros(ink.shape, bool)
    out[top:bottom, left:right] = rule & (letters == 0)
    return out


def erase_rule_lines(
    pixels: np.ndarray, dpi: int, settings: RuleLineSettings = DEFAULT_RULE_LINES
) -> np.ndarray:
    """``pixels`` (gray or RGB uint8) with its stand-alone rule lines painted over by the
    paper around them; the same array when it has none."""
    gray = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels[:, :, :3], cv2.COLOR_RGB2GRAY)
    mask = rule_line_mask(gray, dpi, settings)
    if not mask.any():
        return pixels
    image = pixels if pixels.ndim == 2 else np.ascontiguousarray(pixels[:, :, :3])
    return cv2.inpaint(image, mask.astype(np.uint8), 3, cv2.INPAINT_TELEA)
