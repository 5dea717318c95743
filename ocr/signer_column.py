"""The lines above a signer's name that a low-resolution page's reading lost.

On a phone photo of a whole page the letters are 7-8 pixels tall, and the signature block's
lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") cross the seal and the signature: Tesseract's layout
takes them with the seal for a picture and reads nothing there, while the signer's name below
them is read (``unread_ink``). Tesseract reads letters best at ~20 pixels, so the column above
such a name, up to the nearest line read above it, is cut from the page's own pixels,
upscaled so its letters are about that tall, and read as a block; its lines printed in
capitals (an authority line, a position: Nghị định 30/2020 sets them so), whose last word is
read with confidence, are added to the page's reading above the name.

    data = reread_signer_column(data, own, letter, lang)   # Tesseract's columns, spliced
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.normalize.names import is_full_name
from sohoa.ocr.reread_lines import Box, word_box, words_box
from sohoa.ocr.tesseract import line_key, line_rows, run_tesseract, word_rows
from sohoa.ocr.text_quality import is_vietnamese_word
from sohoa.ocr.unread_ink import splice


@dataclass(frozen=True)
class ColumnSettings:
    """Sizes in letter heights (``unread_ink.letter_size``)."""

    max_letter: float = 10.0  # only pages whose letters are smaller than this (low resolution)
    target_letters: tuple[float, ...] = (18.0, 20.0, 22.0)  # the column is upscaled so its
    # letters are this tall, each read kept apart: the one keeping most lines wins
    name_zone: float = 0.5  # the name lies below this share of the page's height ...
    name_right: float = 0.5  # ... and its middle right of this share of the page's width
    beside: float = 0.5  # the column reaches this far beside the name's words
    min_height: float = 3.0  # the column is at least this tall (room for a line or two) ...
    max_height: float = 30.0  # ... and at most this (a line lost above it, the signature)
    pad: float = 1.0  # the column stops this far from the lines read above and the name
    max_words: int = 6  # a kept line holds at most this many words ...
    min_last_confidence: float = 80.0  # ... and its last word is read this confidently


DEFAULT_COLUMN = ColumnSettings()


def name_line(data: dict[str, list], shape: tuple[int, ...], settings: ColumnSettings) -> list[int]:
    """The word rows of the page's lowest line that is a whole person name
    (``is_full_name``) lying low on the page's right: a signer's name; [] when none is."""
    height, width = shape[:2]
    found: list[int] = []
    for rows in line_rows(data).values():
        box = words_box(data, rows)
        low = box[1] > settings.name_zone * height
        right = (box[0] + box[2]) / 2 > settings.name_right * width
        text = " ".join(str(data["text"][i]).strip() for i in rows)
        lower = not found or box[1] > words_box(data, found)[1]
        if low and right and lower and is_full_name(text):
            found = rows
    return found


def column_above(
    data: dict[str, list], name: Box, letter: float, settings: ColumnSettings
) -> Box | None:
    """The column above the name, ``beside`` wider on each side, from the nearest word read
    above it to the name; None when that is too short to hold a line (the block was read) or
    when no word was read above within ``max_height``, which is no signature block's gap."""
    x0 = max(0, round(name[0] - settings.beside * letter))
    x1 = round(name[2] + settings.beside * letter)
    boxes = [word_box(data, i) for i in word_rows(data)]
    above = [b[3] for b in boxes if b[3] <= name[1] and b[0] < x1 and b[2] > x0]
    if not above:
        return None
    top = round(max(above) + settings.pad * letter)
    bottom = round(name[1] - settings.pad * letter)
    if not settings.min_height * letter <= bottom - top <= settings.max_height * letter:
        return None
    return x0, top, x1, bottom


def read_column(own: np.ndarray, box: Box, scale: float, lang: str) -> dict[str, list]:
    """The column read as a block, upscaled ``scale`` times (cubic); boxes in page pixels."""
    x0, y0, x1, y1 = box
    crop = cv2.resize(
        np.ascontiguousarray(own[y0:y1, x0:x1]), None, fx=scale, fy=scale,
        interpolation=cv2.INTER_CUBIC,
    )  # fmt: skip
    data = run_tesseract(crop, lang, 6)
    for column, origin in (("left", x0), ("top", y0)):
        data[column] = [round(int(v) / scale) + origin for v in data[column]]
    for column in ("width", "height"):
        data[column] = [max(1, round(int(v) / scale)) for v in data[column]]
    return data


def capital_lines(data: dict[str, list], settings: ColumnSettings) -> list[int]:
    """The word rows of the lines printed in capitals: two to ``max_words`` words, every
    letter a capital, the last word a Vietnamese syllable read with confidence."""
    kept = []
    for rows in line_rows(data).values():
        texts = [str(data["text"][i]).strip() for i in rows]
        letters = [c for text in texts for c in text if c.isalpha()]
        last = texts[-1].rstrip(".,;:")
        if not 2 <= len(rows) <= settings.max_words or not letters:
            continue
        if not all(c.isupper() for c in letters) or not last or not is_vietnamese_word(last):
            continue
        if float(data["conf"][rows[-1]]) >= settings.min_last_confidence:
            kept += rows
    return kept


def reread_signer_column(
    data: dict[str, list],
    own: np.ndarray,
    letter: float,
    lang: str,
    settings: ColumnSettings = DEFAULT_COLUMN,
) -> dict[str, list]:
    """``data`` (Tesseract's columns) with the capital lines of the column above a signer's
    name read again from ``own`` (the page's pixels, gray) added; unchanged on a page whose
    letters are not small or where no such column is found (see the module's docstring)."""
    if letter >= settings.max_letter:
        return data
    name = name_line(data, own.shape, settings)
    if not name:
        return data
    box = column_above(data, words_box(data, name), letter, settings)
    if box is None:
        return data
    readings = []
    for target in settings.target_letters:
        again = read_column(own, box, target / letter, lang)
        rows = capital_lines(again, settings)
        confidence = sum(float(again["conf"][i]) for i in rows) / max(1, len(rows))
        lines = len({line_key(again, i) for i in rows})
        readings.append((lines, confidence, again, rows))
    _, _, again, rows = max(readings, key=lambda reading: reading[:2])
    return splice(data, [], again, rows, before=name[0]) if rows else data
