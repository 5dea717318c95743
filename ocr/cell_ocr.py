"""Read one table cell: ink analysis first, Tesseract only for real text.

A full-page OCR pass misses short cells, and Tesseract returns nothing for a cell that
holds only "-" (the commonest cell in a budget table). So each cell is judged by its ink:
no ink -> empty; a single short, flat stroke -> "-"; otherwise the cell's ink is cropped,
padded, enlarged when small, and OCR'd with a page segmentation mode that fits it
(one line: psm 7; several: psm 6).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.ocr.cell_numbers import (
    NUMBER_CHARS,
    NUMBER_X_HEIGHT,
    ZERO_LOOKALIKES,
    dark_marks,
    digit_glyphs,
    is_zero,
    tesseract_words,
    vote_lone_digit,
    vote_number,
    with_counted_strokes,
    with_seen_dots,
)
from sohoa.ocr.tesseract_batch import image_to_data, read_in_rounds

DASH = "-"
RE_READ_INSETS = (0, 2, -2)  # px the box is moved in when a number is read again
RE_READ_HEIGHTS = (24, 40)  # px a number is enlarged to when read again
SINGLE_GLYPH_PX = 17
INK_MARGIN = 70  # gray levels below the paper that surely are ink
MIN_INK_MARGIN = 40  # and never less: blurred sensor noise stays within this
# Show-through (the back page's print seen through the paper) is grey: in the corpus's
# show-through scans its darkest pixel is 0.25-0.47 of the way from the paper to a dash's,
# print's (a thousands dot's included) 0.7 and more.
SHOW_THROUGH = 0.55


@dataclass
class CellReading:
    text: str
    confidence: float | None  # 0..100; None when decided by ink alone
    method: str  # "empty", "dash", "ocr"
    glyphs: int = 0  # strokes of ink in the cell (1: a lone glyph such as "0" or "8")


class CellReader:
    """What finding ruled tables asks of OCR (``extract.table_grid``; ``pipeline.py`` hands it
    over): the cells of a level page image read, all at once, or one again as digits only."""

    def read_cells(
        self, gray: np.ndarray, boxes: list[tuple[int, int, int, int]], dpi: int, lang: str
    ) -> list[CellReading]:
        """Every cell, its Tesseract reads batched into a few runs (see tesseract_batch)."""
        return read_in_rounds([functools.partial(read_cell, gray, box, dpi, lang) for box in boxes])

    def read_digits(
        self, gray: np.ndarray, box: tuple[int, int, int, int], dpi: int, lang: str, first: str
    ) -> CellReading:
        """The cell read again as digits only (``first``: what the first reading gave)."""
        return read_cell(gray, box, dpi, lang, True, first)

    def read_number_again(
        self, gray: np.ndarray, box: tuple[int, int, int, int], dpi: int, lang: str
    ) -> list[str]:
        """Other readings of a number cell whose first one fails a check (its row's sum):
        digits only, the cell's box drawn a little tighter and looser, the number enlarged to
        other sizes. Distinct readings, most frequent first; the caller keeps one only if
        it passes the check."""
        readings: list[str] = []
        for inset in RE_READ_INSETS:
            x0, y0, x1, y1 = box
            moved = (x0 + inset, y0 + inset, x1 - inset, y1 - inset)
            readings.append(read_cell(gray, moved, dpi, lang, True, "", RE_READ_HEIGHTS).text)
        return sorted(set(readings), key=lambda r: (-readings.count(r), readings.index(r)))


def _text_lines(binary: np.ndarray, min_gap: int) -> int:
    """Number of text lines: runs of ink rows separated by at least ``min_gap`` blank rows.

    A row holding only a pixel or two of ink (noise that survived) counts as blank.
    """
    rows = (binary > 0).sum(axis=1) > 2
    lines, gap, inside = 0, min_gap, False
    for has_ink in rows:
        if has_ink:
            if not inside and gap >= min_gap:
                lines += 1
            inside, gap = True, 0
        else:
            inside = False
            gap += 1
    return lines


def smoothed(crop: np.ndarray, dpi: int) -> np.ndarray:
    """The crop lightly blurred: sensor noise smoothed away, strokes kept."""
    return cv2.GaussianBlur(crop, (0, 0), max(0.8, dpi / 300))


def ink_mask(crop: np.ndarray, dpi: int) -> np.ndarray:
    """Ink = 255: clearly darker than the paper once sensor noise is smoothed away."""
    return _ink_of(smoothed(crop, dpi))


def _ink_of(smooth: np.ndarray) -> np.ndarray:
    """Ink = 255 in a ``smoothed`` crop.

    A local (adaptive) threshold turns the noise of a bad scan into thousands of specks in
    an empty cell; ink is far darker than the paper, so a margin below the paper's level,
    after a light blur, separates the two.
    """
    paper = float(np.percentile(smooth, 75))
    noise = 1.4826 * float(np.median(np.abs(smooth - np.median(smooth))))
    darkest = float(np.percentile(smooth, 1))
    # Blurred thin strokes are faint: halfway to the darkest ink is still ink, as long as it
    # stays well clear of the paper's own noise.
    margin = max(MIN_INK_MARGIN, 4 * noise, min(INK_MARGIN, 0.5 * (paper - darkest)))
    return np.where(smooth < paper - margin, 255, 0).astype(np.uint8)


def _part_of_glyph(smooth: np.ndarray, dpi: int, stroke: tuple[int, int, int, int]) -> bool:
    """Is this flat stroke only the darkest part of a faint, taller glyph (a blurred "8")?
    (``smooth``: the cell's ``smoothed`` crop.)

    Outline the stroke at half its own darkness: a dash stays flat, a glyph grows tall.
    """
    x, y, w, h = stroke
    paper = float(np.percentile(smooth, 75))
    core = float(smooth[y : y + h, x : x + w].min())
    half = (smooth < paper - 0.5 * (paper - core)).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    owners = set(np.unique(labels[y : y + h, x : x + w])) - {0}
    return any(stats[k, 3] > max(3 * h, 0.05 * dpi) for k in owners)


@dataclass
class _CellInk:
    """A cell's crop (inside its rules) and the ink found in it."""

    crop: np.ndarray  # gray, the cell inside its rules
    smooth: np.ndarray  # the crop ``smoothed`` (ink, dashes and show-through are judged on it)
    binary: np.ndarray  # ink = 255, rule leaks and specks removed
    leaks: np.ndarray  # rule remnants (255), widened
    parts: list[tuple[int, int, int, int, int]]  # pieces of ink (x, y, w, h, area)
    min_area: int  # smaller pieces are specks of noise


def _cell_ink(gray: np.ndarray, box: tuple[int, int, int, int], dpi: int) -> _CellInk | None:
    """The ink of the cell ``box``, without the remnants of its rules and specks of noise;
    None when the cell is too small to hold any."""
    x0, y0, x1, y1 = box
    # Stay clear of the rules around the cell; they are 1-3 px plus blur.
    margin = max(3, int(dpi * 0.02))
    crop = gray[y0 + margin : y1 - margin, x0 + margin : x1 - margin]
    if crop.size == 0 or min(crop.shape) < 4:
        return None
    smooth = smoothed(crop, dpi)
    binary = _ink_of(smooth)
    # Remove remnants of rules that leaked into the crop (long thin runs along an edge).
    long_run = max(15, int(dpi * 0.2))
    leaks = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, long_run), np.uint8))
    leaks |= cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((long_run, 1), np.uint8))
    leaks_wide = cv2.dilate(leaks, np.ones((3, 3), np.uint8))
    binary = cv2.subtract(binary, leaks_wide)

    scale = dpi / 300
    min_area = max(4, int(12 * scale * scale))  # speckle from noise and JPEG is smaller
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    specks = np.isin(labels, [k for k in range(1, count) if stats[k, 4] < min_area])
    binary[specks] = 0  # a period is bigger than a speck (~20 px at 300 dpi)
    height, width = binary.shape
    thin = 0.025 * dpi

    def rule_remnant(x: int, y: int, w: int, h: int) -> bool:
        """A thin stroke touching the crop's edge is what is left of a cell border."""
        touches = x <= 1 or y <= 1 or x + w >= width - 1 or y + h >= height - 1
        return touches and (w <= thin or h <= thin)

    remnants = [k for k in range(1, count) if rule_remnant(*(int(v) for v in stats[k][:4]))]
    if remnants:
        leaks_wide |= np.isin(labels, remnants).astype(np.uint8) * 255
        binary[leaks_wide > 0] = 0
    parts = [
        tuple(int(v) for v in stats[k])
        for k in range(1, count)
        if stats[k, 4] >= min_area and k not in remnants
    ]
    return _CellInk(crop, smooth, binary, leaks_wide, parts, min_area)  # type: ignore[arg-type]


def _is_lone_dash(cell: _CellInk, stroke: tuple[int, int, int, int, int], dpi: int) -> bool:
    """A lone dash: one flat stroke, about a hyphen wide, no taller than a thick pen line."""
    x, y, w, h, _ = stroke
    flat = h <= 0.04 * dpi and 0.02 * dpi <= w <= 0.12 * dpi and w >= 1.2 * h
    # Blur rounds a short dash into a blob no bigger than a thick dot; alone in a cell,
    # such a blob is a dash (Tesseract reads it as "Gì" or "c3").
    blob = 0.03 * dpi <= w <= 0.045 * dpi and 0.02 * dpi <= h <= w
    return (flat or blob) and not _part_of_glyph(cell.smooth, dpi, (x, y, w, h))


def _without_show_through(
    cell: _CellInk, strokes: list[tuple[int, int, int, int, int]], dpi: int
) -> list[tuple[int, int, int, int, int]]:
    """The strokes printed on this side of the sheet: the back page's print showing through
    thin paper is grey, its darkest pixel less than SHOW_THROUGH of the way from the paper to
    the cell's darkest stroke (blurred print, even a thin dash or a thousands dot, is darker
    than that). When some are grey, a printed stroke the grey touches is cut back to its own
    dark pixels."""
    smooth = cell.smooth
    paper = float(np.percentile(smooth, 75))
    depth = [paper - float(smooth[y : y + h, x : x + w].min()) for x, y, w, h, _ in strokes]
    level = paper - SHOW_THROUGH * max(depth, default=0.0)
    printed = [s for s, d in zip(strokes, depth, strict=True) if paper - d <= level]
    if len(printed) == len(strokes):
        return strokes
    return [_dark_part(smooth, stroke, level) for stroke in printed]


def _dark_part(
    smooth: np.ndarray, stroke: tuple[int, int, int, int, int], level: float
) -> tuple[int, int, int, int, int]:
    """The stroke's box cut back to its pixels darker than ``level``."""
    x, y, w, h, _ = stroke
    ys, xs = np.nonzero(smooth[y : y + h, x : x + w] <= level)
    x0, y0 = x + int(xs.min()), y + int(ys.min())
    return (x0, y0, x + int(xs.max()) + 1 - x0, y + int(ys.max()) + 1 - y0, len(xs))


@dataclass
class _TextInk:
    box: tuple[int, int, int, int]  # (x0, y0, x1, y1) of the text in the cell's crop
    ink: np.ndarray  # the binary ink inside it
    raw: np.ndarray  # gray, faint marks kept (a thousands dot at photo size)
    clean: np.ndarray  # gray, paper away from the ink set white


def _text_ink(cell: _CellInk, strokes: list[tuple[int, int, int, int, int]], dpi: int) -> _TextInk:
    """The text's box is set by real strokes; inside it every pixel is kept (a period is
    no bigger than a speck of noise), outside it nothing is."""
    xs0 = min(p[0] for p in strokes)
    ys0 = min(p[1] for p in strokes)
    xs1 = max(p[0] + p[2] for p in strokes)
    ys1 = max(p[1] + p[3] for p in strokes)
    # Fragments of a faint glyph (the "2" of a blurred "200") next to the strokes belong in.
    reach = int(0.05 * dpi)
    for x, y, w, h, _ in cell.parts:
        cx, cy = x + w / 2, y + h / 2
        if xs0 - reach <= cx <= xs1 + reach and ys0 - reach <= cy <= ys1 + reach:
            xs0, ys0 = min(xs0, x), min(ys0, y)
            xs1, ys1 = max(xs1, x + w), max(ys1, y + h)
    ink = cell.binary[ys0:ys1, xs0:xs1]
    text_crop = cell.crop[ys0:ys1, xs0:xs1].copy()
    text_crop[cell.leaks[ys0:ys1, xs0:xs1] > 0] = 255  # rule remnants
    raw_text = text_crop.copy()  # faint marks kept (a thousands dot at photo size)
    # Paper is paper: everything not near (even faint) ink is set white, so Tesseract does
    # not read sensor noise in the blank part of a line as "-" or "'".
    smooth = smoothed(text_crop, dpi)
    faint = (smooth < float(np.percentile(smooth, 75)) - INK_MARGIN / 2).astype(np.uint8)
    n_faint, faint_labels, faint_stats, _ = cv2.connectedComponentsWithStats(faint, 8)
    big = [k for k in range(1, n_faint) if faint_stats[k, 4] >= 2 * cell.min_area]
    faint = np.isin(faint_labels, big).astype(np.uint8)
    near_ink = cv2.dilate(faint, np.ones((5, 5), np.uint8)) > 0
    text_crop[~near_ink] = 255
    return _TextInk((xs0, ys0, xs1, ys1), ink, raw_text, text_crop)


def _tesseract_read(
    text: _TextInk, dpi: int, lang: str, strokes: int, digits_only: bool
) -> tuple[str, list[float]]:
    """Tesseract's reading of the text (its words joined) and its words' confidences."""
    n_lines = _text_lines(text.ink, max(2, int(dpi * 0.01)))
    height = text.box[3] - text.box[1]
    # Scale to 300 dpi, where Tesseract's vie model reads words best. A lone glyph (one
    # stroke: the "2" of a STT cell) is misread at that size (2 -> "P/", 5 -> "B") but read
    # right when its line is ~SINGLE_GLYPH_PX high, so it is shrunk to that instead.
    if strokes == 1 and not digits_only:
        factor = min(3.0, max(0.3, SINGLE_GLYPH_PX / max(1, height)))
    else:
        factor = 300 / dpi
    image = text.clean
    if abs(factor - 1.0) > 0.05:
        interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
        image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)
    pad = 20
    image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    psm = 7 if n_lines <= 1 else 6
    config = f"--psm {psm}"
    if digits_only:  # a cell of an amount column: only digits and separators can be right
        config = f"--psm {8 if strokes == 1 else 7} -c tessedit_char_whitelist=0123456789.,"
    data = image_to_data(image, lang, config)
    words, confidences = tesseract_words(data)
    if psm == 7 and (not words or np.mean(confidences) < 50) and height > 0.12 * dpi:
        # a tall "one line" was probably several lines run together by noise
        data = image_to_data(image, lang, "--psm 6")
        words, confidences = tesseract_words(data)
    reading = " ".join(words)
    scale = factor if abs(factor - 1.0) > 0.05 else 1.0
    reading = with_counted_strokes(reading, data, text.ink, scale, pad)
    if len(words) > 1 and all(w.isdigit() for w in words):
        # "2468 8": one number, wrapped in a narrow column or with a wide kerning gap
        reading = "".join(words)
    return reading, confidences


def read_cell(
    gray: np.ndarray,
    box: tuple[int, int, int, int],
    dpi: int,
    lang: str,
    digits_only: bool = False,
    first_reading: str = "",
    heights: tuple[int, ...] = (),
) -> CellReading:
    """Text of the cell ``box`` (x0, top, x1, bottom, rules included) of a level page image.

    ``first_reading``: what an earlier, unrestricted read of the cell gave; a digit there
    is one vote when a lone glyph is read again as a digit. ``heights``: the sizes (px) a
    number is enlarged to for its vote (default: NUMBER_X_HEIGHT alone).
    """
    cell = _cell_ink(gray, box, dpi)
    if cell is None or not cell.parts:
        return CellReading("", None, "empty")
    strokes = [
        p
        for p in cell.parts
        if (p[3] > 0.015 * dpi or p[2] > 0.015 * dpi) and p[4] >= 2 * cell.min_area
    ]
    printed = _without_show_through(cell, strokes, dpi)
    if len(printed) == 1 and _is_lone_dash(cell, printed[0], dpi):
        return CellReading(DASH, None, "dash")  # alone, or over the back page's print
    if not strokes:
        return CellReading("", None, "empty")
    text = _text_ink(cell, strokes, dpi)
    if digits_only and len(strokes) == 1:
        reading, confidence = vote_lone_digit(text.clean, lang, first_reading)
        return CellReading(reading, confidence, "ocr", glyphs=1)
    reading, confidences = _tesseract_read(text, dpi, lang, len(strokes), digits_only)
    if len(strokes) == 1 and not any(ch.isalnum() for ch in reading):
        # Tesseract's "", "¬", "—" or '"' for one short stroke: a dash it could not name
        _, _, w, h, _ = strokes[0]
        if h <= 0.05 * dpi and w >= h:
            return CellReading(DASH, None, "dash")
    confidence = float(np.mean(confidences)) if confidences else 0.0  # ink, but no reading
    lone_glyph = len(strokes) == 1 and len(reading) == 1
    if lone_glyph and reading in ZERO_LOOKALIKES and is_zero(text.ink):
        return CellReading("0", confidence, "ocr")  # a blurred "0" read as "9", "8" or "Ũ"
    if digits_only or (reading and set(reading) <= NUMBER_CHARS):
        glyphs = digit_glyphs(text.ink)
        first = (reading, confidence)
        reading, confidence = vote_number(
            text.clean, lang, first, glyphs, heights or (NUMBER_X_HEIGHT,)
        )
    if digits_only:
        reading = reading.strip(".,")  # an amount never starts or ends with a separator: noise
    if reading.isdigit():
        reading = with_seen_dots(reading, text.ink, dark_marks(text.raw))
    return CellReading(reading, confidence, "ocr", glyphs=len(strokes))
