"""The signature block read again line by line from the page's own pixels.

The block at the bottom right of an administrative page ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ
TỊCH", "PHÓ CHỦ TỊCH", the signer's name) is printed in large bold capitals, often over a
seal or a handwritten signature. The prepared page (flattened, sharpened) that reads body text
best garbles such print now and then ("TIM. UY BAN NHAN DAN", "CHINH PHÙ", "Hồ Hồng Chiên",
"TM.ỦY" as one word), where the same line cut from the page as scanned and binarised on its
own reads right. So each line of the block is read again that way, and the reading replaces
the page's where it scores better (``unread_ink.merge_lines``: Tesseract's confidence and the
share of Vietnamese syllables).

    data = reread_signature(data, own, letter, lang)   # Tesseract's columns, spliced

The block is found from the word boxes alone: the pieces of lines (a line's words cut at wide
gaps, as "Nơi nhận:" and "TM. ỦY BAN NHÂN DÂN" side by side) that lie in the page's right
part, below the page's last full-width line of text (the body's end; the header's right
block stands above the body and is never taken).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import regex

from sohoa.model import pixel_union
from sohoa.ocr.reread_lines import overlap_area
from sohoa.ocr.tesseract import line_rows, run_tesseract, word_rows
from sohoa.ocr.text_quality import is_vietnamese_word, reading_quality
from sohoa.ocr.unread_ink import (
    DEFAULT_REREAD,
    Box,
    splice,
    text_lines,
    word_box,
)


@dataclass(frozen=True)
class SignatureSettings:
    """Shares of the page's width; gaps and pads in letter heights."""

    gap: float = 2.5  # a line's words this far apart are two columns' pieces
    full_left: float = 0.35  # a full-width line starts left of this ...
    full_right: float = 0.65  # ... and ends right of this
    right_start: float = 0.4  # a signature line starts right of this ...
    right_centre: float = 0.55  # ... and its middle lies right of this
    max_words: int = 8  # a signature line holds at most this many words
    min_height: float = 0.5  # ... and is at least this tall
    max_lines: int = 8  # more such lines: a table's or a form's cells, none read again
    pad_x: float = 0.5  # a line's crop reaches this far beyond its words ...
    pad_top: float = 0.8  # ... above (a capital's tone mark stands above its box) ...
    pad_bottom: float = 0.5  # ... and below
    margin: float = 0.5  # paper added around the crop


DEFAULT_SIGNATURE = SignatureSettings()
# a word the page read with this confidence or more must be read again for its line to be
# replaced (below it: a speck or a mark read as a letter, which the new reading may drop)
KEPT_CONFIDENCE = 50.0


def signature_lines(
    data: dict[str, list], width: int, letter: float, settings: SignatureSettings
) -> list[Box]:
    """Boxes of the pieces of lines of the signature block, top to bottom (see the module's
    docstring); none where there are more than ``max_lines``."""
    pieces = []
    for rows in line_rows(data).values():
        boxes = sorted(word_box(data, i) for i in rows)
        pieces += _pieces(boxes, settings.gap * letter)
    body_end = max(
        (
            p[1]
            for p in pieces
            if p[0] < settings.full_left * width and p[2] > settings.full_right * width
        ),
        default=-1,
    )
    found = [
        p
        for p in pieces
        if p[1] > body_end
        and p[0] > settings.right_start * width
        and (p[0] + p[2]) / 2 > settings.right_centre * width
        and p[4] <= settings.max_words
        and p[3] - p[1] >= settings.min_height * letter  # not a speck
    ]
    if len(found) > settings.max_lines:
        return []  # a table's or a form's cells, not a signature block
    found.sort(key=lambda p: p[1])
    return [(p[0], p[1], p[2], p[3]) for p in found]


def _pieces(boxes: list[Box], gap: float) -> list[tuple[int, int, int, int, int]]:
    """``boxes`` (left to right) cut where two are more than ``gap`` apart: each piece's
    box and its number of words."""
    groups: list[list[Box]] = [[boxes[0]]]
    for box in boxes[1:]:
        if box[0] - groups[-1][-1][2] > gap:
            groups.append([])
        groups[-1].append(box)
    return [(*pixel_union(group), len(group)) for group in groups]


def reread_signature(
    data: dict[str, list],
    own: np.ndarray,
    letter: float,
    lang: str,
    settings: SignatureSettings = DEFAULT_SIGNATURE,
) -> dict[str, list]:
    """``data`` (Tesseract's columns in the prepared page's pixels) with each line of the
    signature block read again from ``own`` (the page as scanned, gray, red dropped, in the
    prepared page's geometry), as gray and binarised on its own; the better of these replaces
    the page's words on the line where it scores better (``line_score``) and still holds a
    word over each word the page read with confidence."""
    width = own.shape[1]
    for x0, y0, x1, y1 in signature_lines(data, width, letter, settings):
        box = _line_crop(data, (x0, y0, x1, y1), letter, own.shape, settings)
        crop = own[box[1] : box[3], box[0] : box[2]]
        _, binary = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        readings = [_read_crop(image, box, letter, lang, settings) for image in (binary, crop)]
        again, new = max(readings, key=lambda reading: line_score(*reading))
        old = _covered(data, box)
        if not new or _texts(again, new) == _texts(data, old):
            continue
        if line_score(again, new) <= line_score(data, old) or not _holds(again, new, data, old):
            continue
        data = splice(data, old, again, new)
    return data


def _line_crop(
    data: dict[str, list],
    line: Box,
    letter: float,
    shape: tuple[int, ...],
    settings: SignatureSettings,
) -> Box:
    """The box to read ``line`` from: its words' box widened by ``pad_x``, raised by
    ``pad_top`` (a capital's tone mark stands above Tesseract's box of it) and lowered by
    ``pad_bottom``, but at most half-way to the words read above and below it."""
    x0, y0, x1, y1 = line
    x0, x1 = (
        max(0, x0 - round(settings.pad_x * letter)),
        min(shape[1], x1 + round(settings.pad_x * letter)),
    )
    top, bottom = y0 - settings.pad_top * letter, y1 + settings.pad_bottom * letter
    for i in word_rows(data):
        a, b, c, d = word_box(data, i)
        if c <= x0 or a >= x1 or float(data["conf"][i]) < KEPT_CONFIDENCE:
            continue  # beside the line, or a speck
        if d <= y0:  # a word above
            top = max(top, (d + y0) / 2)
        elif b >= y1:  # a word below
            bottom = min(bottom, (y1 + b) / 2)
    return x0, max(0, round(top)), x1, min(shape[0], round(bottom))


def _read_crop(
    crop: np.ndarray, box: Box, letter: float, lang: str, settings: SignatureSettings
) -> tuple[dict[str, list], list[int]]:
    """The crop at ``box`` read as one line with paper around it: Tesseract's columns in
    page pixels, and the rows of its words that read as text and are not cut by the crop's
    left or right edge."""
    margin = round(settings.margin * letter)  # Tesseract reads a line best with paper around
    framed = cv2.copyMakeBorder(crop, *[margin] * 4, cv2.BORDER_CONSTANT, value=255)
    again = run_tesseract(framed, lang, 7)
    again["left"] = [int(v) + box[0] - margin for v in again["left"]]
    again["top"] = [int(v) + box[1] - margin for v in again["top"]]
    rows = [
        i
        for i in text_lines(again, DEFAULT_REREAD)
        if int(again["left"][i]) > box[0] + 1
        and int(again["left"][i] + again["width"][i]) < box[2] - 1
    ]
    return again, rows


def line_score(data: dict[str, list], rows: list[int]) -> float:
    """``reading_quality`` of a line's words, counting as well formed the Vietnamese words
    and the abbreviations of a signature's authority ("TM.", "KT.", "TL.": capitals and a
    full stop) and not two words glued at a full stop ("TM.ỦY")."""
    if not rows:
        return 0.0
    confidence = sum(max(0.0, float(data["conf"][i])) for i in rows) / len(rows)
    formed = sum(_well_formed(str(data["text"][i]).strip()) for i in rows) / len(rows)
    return reading_quality(confidence, formed)


_ABBREVIATION = regex.compile(r"\p{Lu}{1,4}\.")
_EDGES = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")


def _well_formed(token: str) -> bool:
    if _ABBREVIATION.fullmatch(token):
        return True
    core = _EDGES.sub("", token)
    return bool(core) and "." not in core and is_vietnamese_word(core)


def _covered(data: dict[str, list], box: Box) -> list[int]:
    """Word rows of ``data`` lying at least half inside ``box``."""
    rows = []
    for i in word_rows(data):
        a, b, c, d = word_box(data, i)
        shared = overlap_area(box, (a, b, c, d))
        if shared > 0 and 2 * shared >= (c - a) * (d - b):
            rows.append(i)
    return rows


def _holds(again: dict[str, list], new: list[int], data: dict[str, list], old: list[int]) -> bool:
    """Whether a word of the new reading stands over each word the page read with
    confidence (a re-read that lost a word does not replace the line)."""
    spans = [(word_box(again, i)[0], word_box(again, i)[2]) for i in new]
    for i in old:
        if float(data["conf"][i]) < KEPT_CONFIDENCE:
            continue  # a speck, a mark read as a letter ("An.", confidence 0)
        a, _, c, _ = word_box(data, i)
        if not any(min(c, right) - max(a, left) > 0 for left, right in spans):
            return False
    return True


def _texts(data: dict[str, list], rows: list[int]) -> list[str]:
    return [str(data["text"][i]).strip() for i in rows]
