"""Read one table cell: ink analysis first, Tesseract only for real text.

A full-page OCR pass misses short cells, and Tesseract returns nothing for a cell that
holds only "-" (the commonest cell in a budget table). So each cell is judged by its ink:
no ink -> empty; a single short, flat stroke -> "-"; otherwise the cell's ink is cropped,
padded, enlarged when small, and OCR'd with a page segmentation mode that fits it
(one line: psm 7; several: psm 6).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract
import regex

from sohoa.ocr.tesseract_batch import image_to_data, images_to_data, read_in_rounds

DASH = "-"
RE_READ_INSETS = (0, 2, -2)  # px the box is moved in when a number is read again
RE_READ_HEIGHTS = (24, 40)  # px a number is enlarged to when read again
SINGLE_GLYPH_PX = 17
INK_MARGIN = 70  # gray levels below the paper that surely are ink
MIN_INK_MARGIN = 40  # and never less: blurred sensor noise stays within this


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


def _ink_components(binary: np.ndarray, min_area: int) -> list[tuple[int, int, int, int, int]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    return [tuple(int(v) for v in s) for s in stats[1:count] if s[4] >= min_area]


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


def ink_mask(crop: np.ndarray, dpi: int) -> np.ndarray:
    """Ink = 255: clearly darker than the paper once sensor noise is smoothed away.

    A local (adaptive) threshold turns the noise of a bad scan into thousands of specks in
    an empty cell; ink is far darker than the paper, so a margin below the paper's level,
    after a light blur, separates the two.
    """
    smooth = cv2.GaussianBlur(crop, (0, 0), max(0.8, dpi / 300))
    paper = float(np.percentile(smooth, 75))
    noise = 1.4826 * float(np.median(np.abs(smooth - np.median(smooth))))
    darkest = float(np.percentile(smooth, 1))
    # Blurred thin strokes are faint: halfway to the darkest ink is still ink, as long as it
    # stays well clear of the paper's own noise.
    margin = max(MIN_INK_MARGIN, 4 * noise, min(INK_MARGIN, 0.5 * (paper - darkest)))
    return np.where(smooth < paper - margin, 255, 0).astype(np.uint8)


def _part_of_glyph(crop: np.ndarray, dpi: int, stroke: tuple[int, int, int, int]) -> bool:
    """Is this flat stroke only the darkest part of a faint, taller glyph (a blurred "8")?

    Outline the stroke at half its own darkness: a dash stays flat, a glyph grows tall.
    """
    x, y, w, h = stroke
    smooth = cv2.GaussianBlur(crop, (0, 0), max(0.8, dpi / 300))
    paper = float(np.percentile(smooth, 75))
    core = float(smooth[y : y + h, x : x + w].min())
    half = (smooth < paper - 0.5 * (paper - core)).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    owners = set(np.unique(labels[y : y + h, x : x + w])) - {0}
    return any(stats[k, 3] > max(3 * h, 0.05 * dpi) for k in owners)


def _words(data: dict) -> tuple[list[str], list[float]]:
    words, confidences = [], []
    for word, conf in zip(data["text"], data["conf"], strict=True):
        if word.strip():
            words.append(word.strip())
            confidences.append(float(conf))
    return words, confidences


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
    x0, y0, x1, y1 = box
    # Stay clear of the rules around the cell; they are 1-3 px plus blur.
    margin = max(3, int(dpi * 0.02))
    crop = gray[y0 + margin : y1 - margin, x0 + margin : x1 - margin]
    if crop.size == 0 or min(crop.shape) < 4:
        return CellReading("", None, "empty")
    binary = ink_mask(crop, dpi)
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
    if not parts:
        return CellReading("", None, "empty")
    # A lone dash: one flat stroke, about a hyphen wide, no taller than a thick pen line.
    strokes = [
        p for p in parts if (p[3] > 0.015 * dpi or p[2] > 0.015 * dpi) and p[4] >= 2 * min_area
    ]
    if len(strokes) == 1:
        x, y, w, h, _ = strokes[0]
        flat = h <= 0.04 * dpi and 0.02 * dpi <= w <= 0.12 * dpi and w >= 1.2 * h
        # Blur rounds a short dash into a blob no bigger than a thick dot; alone in a cell,
        # such a blob is a dash (Tesseract reads it as "Gì" or "c3").
        blob = 0.03 * dpi <= w <= 0.045 * dpi and 0.02 * dpi <= h <= w
        if (flat or blob) and not _part_of_glyph(crop, dpi, (x, y, w, h)):
            return CellReading(DASH, None, "dash")
    if not strokes:
        return CellReading("", None, "empty")

    # The text's box is set by real strokes; inside it every pixel is kept (a period is
    # no bigger than a speck of noise), outside it nothing is.
    xs0 = min(p[0] for p in strokes)
    ys0 = min(p[1] for p in strokes)
    xs1 = max(p[0] + p[2] for p in strokes)
    ys1 = max(p[1] + p[3] for p in strokes)
    # Fragments of a faint glyph (the "2" of a blurred "200") next to the strokes belong in.
    reach = int(0.05 * dpi)
    for x, y, w, h, _ in parts:
        cx, cy = x + w / 2, y + h / 2
        if xs0 - reach <= cx <= xs1 + reach and ys0 - reach <= cy <= ys1 + reach:
            xs0, ys0 = min(xs0, x), min(ys0, y)
            xs1, ys1 = max(xs1, x + w), max(ys1, y + h)
    ink = binary[ys0:ys1, xs0:xs1]
    text_crop = crop[ys0:ys1, xs0:xs1].copy()
    text_crop[leaks_wide[ys0:ys1, xs0:xs1] > 0] = 255  # rule remnants
    raw_text = text_crop.copy()  # faint marks kept (a thousands dot at photo size)
    # Paper is paper: everything not near (even faint) ink is set white, so Tesseract does
    # not read sensor noise in the blank part of a line as "-" or "'".
    smooth = cv2.GaussianBlur(text_crop, (0, 0), max(0.8, dpi / 300))
    faint = (smooth < float(np.percentile(smooth, 75)) - INK_MARGIN / 2).astype(np.uint8)
    n_faint, faint_labels, faint_stats, _ = cv2.connectedComponentsWithStats(faint, 8)
    big = [k for k in range(1, n_faint) if faint_stats[k, 4] >= 2 * min_area]
    faint = np.isin(faint_labels, big).astype(np.uint8)
    near_ink = cv2.dilate(faint, np.ones((5, 5), np.uint8)) > 0
    text_crop[~near_ink] = 255
    ink_crop = text_crop.copy()  # at the page's resolution, before any scaling

    if digits_only and len(strokes) == 1:
        text, confidence = _vote_lone_digit(ink_crop, lang, first_reading)
        return CellReading(text, confidence, "ocr", glyphs=1)
    n_lines = _text_lines(ink, max(2, int(dpi * 0.01)))
    # Scale to 300 dpi, where Tesseract's vie model reads words best. A lone glyph (one
    # stroke: the "2" of a STT cell) is misread at that size (2 -> "P/", 5 -> "B") but read
    # right when its line is ~SINGLE_GLYPH_PX high, so it is shrunk to that instead.
    if len(strokes) == 1 and not digits_only:
        factor = min(3.0, max(0.3, SINGLE_GLYPH_PX / max(1, ys1 - ys0)))
    else:
        factor = 300 / dpi
    if abs(factor - 1.0) > 0.05:
        interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
        text_crop = cv2.resize(text_crop, None, fx=factor, fy=factor, interpolation=interpolation)
    pad = 20
    text_crop = cv2.copyMakeBorder(text_crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    psm = 7 if n_lines <= 1 else 6
    config = f"--psm {psm}"
    if digits_only:  # a cell of an amount column: only digits and separators can be right
        config = f"--psm {8 if len(strokes) == 1 else 7} -c tessedit_char_whitelist=0123456789.,"
    data = image_to_data(text_crop, lang, config)
    words, confidences = _words(data)
    if psm == 7 and (not words or np.mean(confidences) < 50) and ys1 - ys0 > 0.12 * dpi:
        # a tall "one line" was probably several lines run together by noise
        data = image_to_data(text_crop, lang, "--psm 6")
        words, confidences = _words(data)
    text = " ".join(words)
    text = with_counted_strokes(text, data, ink, factor if abs(factor - 1.0) > 0.05 else 1.0, pad)
    if len(words) > 1 and all(w.isdigit() for w in words):
        # "2468 8": one number, wrapped in a narrow column or with a wide kerning gap
        text = "".join(words)
    if len(strokes) == 1 and not any(ch.isalnum() for ch in text):
        # Tesseract's "", "¬", "—" or '"' for one short stroke: a dash it could not name
        _, _, w, h, _ = strokes[0]
        if h <= 0.05 * dpi and w >= h:
            return CellReading(DASH, None, "dash")
    confidence = float(np.mean(confidences)) if confidences else 0.0  # ink, but no reading
    if len(strokes) == 1 and len(text) == 1 and text in ZERO_LOOKALIKES and _is_zero(ink):
        return CellReading("0", confidence, "ocr")  # a blurred "0" read as "9", "8" or "Ũ"
    if digits_only or (text and set(text) <= NUMBER_CHARS):
        text, confidence = _vote_number(
            ink_crop, lang, (text, confidence), digit_glyphs(ink), heights or (NUMBER_X_HEIGHT,)
        )
    if digits_only:
        text = text.strip(".,")  # an amount never starts or ends with a separator: noise
    if text.isdigit():
        text = with_seen_dots(text, ink, _dark_marks(raw_text))
    return CellReading(text, confidence, "ocr", glyphs=len(strokes))


_QUARTER_NUMERAL = regex.compile(r"^(I{1,3})(?=/|$)")


def with_counted_strokes(text: str, data: dict, ink: np.ndarray, factor: float, pad: int) -> str:
    """A quarter's numeral ("Quý III/2027") with as many strokes as its ink shows.

    Blur and JPEG merge or thin the strokes of "III" and Tesseract reads "II": the result
    is well formed, so only the ink can tell. The numeral's word (Tesseract's box, mapped
    back to the cell's ink) is walked from the left: upright, narrow pieces of ink are its
    strokes, up to the slant of "/". Only more strokes than were read change it (strokes
    merged by blur count as fewer, never as more).
    """
    entries = [(k, w.strip()) for k, w in enumerate(data["text"]) if w.strip()]
    for (_, before), (k, word) in itertools.pairwise(entries):
        match = _QUARTER_NUMERAL.match(word)
        if not (match and regex.match(r"^Qu[ýyỳỹỷ]", before)):
            continue
        x0 = max(0, int((data["left"][k] - pad) / factor) - 1)
        x1 = int((data["left"][k] + data["width"][k] - pad) / factor) + 1
        strokes = _upright_strokes(ink[:, x0:x1])
        if len(match.group(1)) < strokes <= 3:
            numeral = "I" * strokes + word[match.end() :]
            text = text.replace(f"{before} {word}", f"{before} {numeral}", 1)
    return text


def _upright_strokes(ink: np.ndarray) -> int:
    """Upright, narrow pieces of ink from the left, until a slanted or wide one."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    pieces = sorted(range(1, count), key=lambda k: stats[k, 0])
    if not pieces:
        return 0
    height = max(int(stats[k, 3]) for k in pieces)
    strokes = 0
    for k in pieces:
        x, y, w, h = (int(v) for v in stats[k][:4])
        if h < DIGIT_HEIGHT_SHARE * height:
            continue  # a mark or a speck
        if w > 0.6 * h or _slant(labels[y : y + h, x : x + w] == k) > 0.25:
            break  # a digit, or the "/" after the numeral
        strokes += 1
    return strokes


def _slant(piece: np.ndarray) -> float:
    """How far (share of its width) a piece's ink moves from its top fifth to its bottom."""
    h, w = piece.shape
    band = max(1, h // 5)
    top = np.nonzero(piece[:band].any(axis=0))[0]
    bottom = np.nonzero(piece[-band:].any(axis=0))[0]
    if not len(top) or not len(bottom):
        return 0.0
    return abs(float(top.mean()) - float(bottom.mean())) / max(1, w)


NUMBER_CHARS = set("0123456789.,")
ZERO_LOOKALIKES = set("0689oOQDuUũŨûÛôÔõÕöÖ")


def _is_zero(ink: np.ndarray) -> bool:
    """Is this lone glyph an oval with one hole in its middle — a "0"?

    A blurred zero is read as 9, 8 or Ũ, but its shape is unmistakable: one hole over half
    the glyph's height with as much ink above it as below (a 6 or 9 has its hole at one
    end, an 8 has two).
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return False
    main = 1 + int(np.argmax(stats[1:, 4]))
    x, y, w, h, _ = (int(v) for v in stats[main])
    if not 0.45 <= w / max(1, h) <= 1.0:
        return False
    paper = (labels[y : y + h, x : x + w] != main).astype(np.uint8)
    paper = cv2.copyMakeBorder(paper, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=1)
    n, paper_labels, paper_stats, _ = cv2.connectedComponentsWithStats(paper, 4)
    outside = paper_labels[0, 0]
    holes = [k for k in range(1, n) if k != outside and paper_stats[k, 4] >= 3]
    if len(holes) != 1:
        return False
    top, height = int(paper_stats[holes[0], 1]) - 1, int(paper_stats[holes[0], 3])
    bottom = h - top - height  # ink below the hole; a "6" has more above it, a "9" below
    return height >= 0.45 * h and abs(top - bottom) <= max(1.0, 0.12 * h)


def _dark_marks(crop: np.ndarray) -> np.ndarray:
    """Ink = 255 halfway between the paper and the darkest ink of the number's own box: a
    thousands dot at photo size is a few faint pixels the cell's ink mask drops as a speck."""
    paper = float(np.percentile(crop, 90))
    darkest = float(np.percentile(crop, 2))
    return np.where(crop < (paper + darkest) / 2, 255, 0).astype(np.uint8)


def _baseline_dots(ink: np.ndarray, faint: np.ndarray) -> list[float] | None:
    """Where (0..1 along the number) small specks sit on its baseline in the gaps between
    its digits: the thousands dots of "8.938". The digits are the pieces of ``ink``; the
    specks are looked for in ``faint``, a lighter mask of the same box (at photo size a dot
    is a few pale pixels). None when a gap holds a mark that is not such a speck."""
    glyphs = [piece[:4] for piece in _ink_components(ink, 2)]  # boxes; specks of 1 px gone
    if not glyphs:
        return None
    height = max(h for _, _, _, h in glyphs)
    tall = [p for p in glyphs if p[3] >= DIGIT_HEIGHT_SHARE * height]
    digits = [p for p in glyphs if p[3] > 0.3 * height]  # digits and pieces of them
    left, right = min(p[0] for p in tall), max(p[0] + p[2] for p in tall)
    bottom = max(p[1] + p[3] for p in tall)
    dots = []
    for x, y, w, h, _area in _ink_components(faint, 2):
        centre = x + w / 2
        if not left < centre < right or any(gx <= centre <= gx + gw for gx, _, gw, _ in digits):
            continue  # outside the number, or a piece of a digit
        small = h <= 0.3 * height and w <= 0.3 * height and h <= 1.5 * w + 1
        on_baseline = bottom - max(1, 0.2 * height) <= y + h <= bottom + 1
        if not (small and on_baseline):
            return None  # a mark that is not a thousands dot (comma, quote): no evidence
        dots.append((centre - left) / max(1, right - left))
    return sorted(dots)


def with_seen_dots(digits: str, ink: np.ndarray, faint: np.ndarray | None = None) -> str:
    """A number read without its thousands dots, given them back where the ink shows them.

    At photo and 150-dpi sizes Tesseract drops the "." of "8.938". The dots are still in
    the ink, as small specks on the baseline; when there are exactly as many as the number's
    thousands groups need, each where its group ends, the number is written with them
    ("8938" -> "8.938"). The digits are never changed; without that evidence the reading
    stays as it is.
    """
    n = len(digits)
    dots = _baseline_dots(ink, ink if faint is None else faint) if n >= 4 else None
    if not dots or len(dots) != (n - 1) // 3:
        return digits
    ends = list(range(n - 3, 0, -3))[::-1]  # digits before each dot: 8.938 -> [1]
    dot_share = 0.5  # a dot advances about half a digit
    width = n + dot_share * len(dots)
    for k, (seen, before) in enumerate(zip(dots, ends, strict=True)):
        expected = (before + dot_share * (k + 0.5)) / width
        if abs(seen - expected) > 0.5 / width:
            return digits
    groups = [digits[max(0, end - 3) : end] for end in range(n, 0, -3)][::-1]
    return ".".join(groups)


NUMBER_X_HEIGHT = 32  # px: Tesseract reads digits of a noisy scan best at this height


def _number_variants(crop: np.ndarray, height: int = NUMBER_X_HEIGHT) -> list[np.ndarray]:
    """The cell's ink enlarged to ~NUMBER_X_HEIGHT, as is, binarised, and with strokes closed.

    Blur and JPEG break a thin "0" or "1" apart or fill the hole of a "6"; each
    preprocessing fails on different glyphs, so their agreement is a better reading than
    any one of them.
    """
    factor = height / max(1, crop.shape[0])
    big = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    smooth = cv2.GaussianBlur(big, (0, 0), 1.0)
    _, otsu = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    closed = 255 - cv2.morphologyEx(255 - otsu, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    pad = 20
    return [
        cv2.copyMakeBorder(v, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        for v in (big, otsu, closed)
    ]


DIGIT_HEIGHT_SHARE = 0.6  # a digit is at least this share of the tallest glyph's height


def digit_glyphs(ink: np.ndarray) -> int:
    """How many digit-tall pieces of ink a number cell holds (separators are shorter).

    Printed digits stand apart and each is one piece, so a reading with more digits than
    this has seen a digit that is not there ("5.771" read "92.771"); blur may join two
    digits into one piece, so fewer is possible, more is not.
    """
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = [int(stats[k, 3]) for k in range(1, count)]
    if not heights:
        return 0
    return sum(1 for h in heights if h >= DIGIT_HEIGHT_SHARE * max(heights))


def _vote_number(
    crop: np.ndarray,
    lang: str,
    first: tuple[str, float],
    glyphs: int = 0,
    heights: tuple[int, ...] = (NUMBER_X_HEIGHT,),
) -> tuple[str, float]:
    """A number read several ways (digits only, one line); the most frequent reading wins.

    Among readings with as many votes, one with no more digits than the cell has
    digit-tall glyphs (``glyphs``; 0: not counted) comes first, then the higher summed
    Tesseract confidence. The first (unrestricted) reading takes part in the vote, so a
    number every variant misses keeps it.
    """

    def _digits(text: str) -> str:
        return "".join(ch for ch in text if ch.isdigit())

    votes: dict[str, list[float]] = {first[0]: [first[1]]} if first[0] else {}
    config = "--psm 7 -c tessedit_char_whitelist=0123456789.,"
    variants = [v for height in heights for v in _number_variants(crop, height)]
    for data in images_to_data(variants, lang, config):
        words, confidences = _words(data)
        if not words:
            continue
        reading = "".join(words)
        if _digits(reading) == _digits(first[0]) and len(reading) < len(first[0]):
            reading = first[0]  # the same digits, a faint "." lost: the first reading saw it
        votes.setdefault(reading, []).append(float(np.mean(confidences)))
    if not votes:
        return first

    def possible(text: str) -> bool:
        return not glyphs or len(_digits(text)) <= glyphs

    text = max(votes, key=lambda t: (len(votes[t]), possible(t), sum(votes[t])))
    return text, float(np.mean(votes[text]))


# (height in px, page segmentation mode, model): Tesseract's LSTM misreads a lone "0" as
# "9", "Ũ" or nothing under any one setting, but rarely the same way under all of these.
LONE_DIGIT_READS = [(32, 8, "vie"), (24, 10, "vie"), (24, 10, "eng"), (48, 10, "eng")]


@functools.cache
def _installed_models() -> frozenset[str]:
    return frozenset(pytesseract.get_languages(config=""))


def _vote_lone_digit(crop: np.ndarray, lang: str, first: str = "") -> tuple[str, float]:
    """One glyph known to be a digit (a cell of a column of numbers): a vote of readings.

    The glyph is binarised and scaled to a few heights; each is read as a single word or
    character with digits only; the most frequent non-empty reading wins. A digit read
    before counts as one vote, and the vote stops once a reading has two (most lone
    glyphs were read right the first time: one more call confirms them).
    """
    ys, xs = np.nonzero(crop < 160)
    if len(ys):
        crop = crop[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    votes: dict[str, list[float]] = {first: [50.0]} if first.isdigit() else {}
    for height, psm, model in LONE_DIGIT_READS:
        if any(len(v) >= 2 for v in votes.values()):
            break
        if model != lang and model not in _installed_models():
            continue
        factor = height / max(1, crop.shape[0])
        interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
        big = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=interpolation)
        smooth = cv2.GaussianBlur(big, (0, 0), 1.0)
        _, otsu = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        padded = cv2.copyMakeBorder(otsu, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
        data = image_to_data(padded, model, f"--psm {psm} -c tessedit_char_whitelist=0123456789")
        words, confidences = _words(data)
        if words:
            votes.setdefault("".join(words), []).append(float(np.mean(confidences)))
    if not votes:
        return "", 0.0
    text = max(votes, key=lambda t: (len(votes[t]), sum(votes[t])))
    return text, float(np.mean(votes[text]))
