"""What a number cell's ink says beyond Tesseract's first reading.

Readings of a number are checked against the ink they came from: several preprocessed
copies vote on the digits (``vote_number``, ``vote_lone_digit``), a reading never has more
digits than the cell has digit-tall glyphs (``digit_glyphs``), thousands dots Tesseract
dropped are put back where the ink shows them (``with_seen_dots``), a quarter's Roman
numeral gets the strokes its ink shows (``with_counted_strokes``), and a blurred "0" is
known by its one centred hole (``is_zero``). Digits are never invented: without evidence a
reading stays as it is. ``ocr/cell_ocr.py`` reads the cells and calls these.
"""

from __future__ import annotations

import functools
import itertools

import cv2
import numpy as np
import pytesseract
import regex

from sohoa.ocr.tesseract_batch import image_to_data, images_to_data


def ink_components(binary: np.ndarray, min_area: int) -> list[tuple[int, int, int, int, int]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    return [tuple(int(v) for v in s) for s in stats[1:count] if s[4] >= min_area]


def tesseract_words(data: dict) -> tuple[list[str], list[float]]:
    words, confidences = [], []
    for word, conf in zip(data["text"], data["conf"], strict=True):
        if word.strip():
            words.append(word.strip())
            confidences.append(float(conf))
    return words, confidences


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


def is_zero(ink: np.ndarray) -> bool:
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


def dark_marks(crop: np.ndarray) -> np.ndarray:
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
    glyphs = [piece[:4] for piece in ink_components(ink, 2)]  # boxes; specks of 1 px gone
    if not glyphs:
        return None
    height = max(h for _, _, _, h in glyphs)
    tall = [p for p in glyphs if p[3] >= DIGIT_HEIGHT_SHARE * height]
    digits = [p for p in glyphs if p[3] > 0.3 * height]  # digits and pieces of them
    left, right = min(p[0] for p in tall), max(p[0] + p[2] for p in tall)
    bottom = max(p[1] + p[3] for p in tall)
    dots = []
    for x, y, w, h, _area in ink_components(faint, 2):
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


def vote_number(
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
        words, confidences = tesseract_words(data)
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


def vote_lone_digit(crop: np.ndarray, lang: str, first: str = "") -> tuple[str, float]:
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
        words, confidences = tesseract_words(data)
        if words:
            votes.setdefault("".join(words), []).append(float(np.mean(confidences)))
    if not votes:
        return "", 0.0
    text = max(votes, key=lambda t: (len(votes[t]), sum(votes[t])))
    return text, float(np.mean(votes[text]))
