"""Parts of a page the page's reading missed or garbled, read again on their own.

Tesseract's page layout sometimes drops a whole line (the motto beside a handwritten
number, a signature page of five lines) or reads a signature through the red seal pressed
over it. Two kinds of region are read again, each as a crop of the cleaned page:

- print no word box covers: ink left when the words' boxes, the page's rules and specks
  are taken away, joined into lines (read as lines, ``--psm 7``);
- a red seal's box, with the red dropped (``preprocess.drop_red``): the words under it
  are replaced when the reading without the seal scores better.

    data = reread_regions(data, gray, seal_free, letter)   # Tesseract's columns, spliced

A re-read line is kept only when it reads as text (confident, mostly Vietnamese
syllables) or, added low on the page where nothing was read, is a whole person name of the
lexicon read with less confidence (a blurred photo's signer); its words enter Tesseract's
columns as new blocks, placed before the first word below them, so the reading order and
the boxes' mapping work as for the page's own.
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from sohoa.normalize.names import is_full_name
from sohoa.ocr.gap_lines import join_filled_gap
from sohoa.ocr.reread_lines import (
    COLUMNS,
    DEFAULT_REREAD,
    Box,
    Region,
    RereadSettings,
    doubtful_lines,
    framed_too,
    misread_lines,
    overlap_area,
    split_lines,
    word_box,
    words_box,
)
from sohoa.ocr.rule_lines import ink_of, straight_runs
from sohoa.ocr.tesseract import line_rows, run_tesseract, word_rows
from sohoa.ocr.text_quality import reading_quality, words_valid_share


def uncovered_lines(
    gray: np.ndarray, data: dict[str, list], letter: float, settings: RereadSettings
) -> list[Region]:
    """Lines of print no word box covers: ink less the words (widened), rules and specks,
    smeared along the line and cut into line-sized pieces. Found on a copy scaled so the
    letters are ~16 pixels tall (a quarter of the work on a 300-dpi page)."""
    scale = min(1.0, 16 / letter)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.medianBlur(ink_of(small), 3)  # specks of noise gone
    letter *= scale
    run = max(3, round(4 * letter))
    rules = straight_runs(ink, run, True) | straight_runs(ink, run, False)
    ink &= ~cv2.dilate(rules, np.ones((3, 3), np.uint8))
    cover = settings.cover * letter
    for i in word_rows(data):
        x0, y0, x1, y1 = (
            round(v * scale + d)
            for v, d in zip(word_box(data, i), (-cover, -cover, cover, cover), strict=True)
        )
        ink[max(0, y0) : y1, max(0, x0) : x1] = 0
    join = max(3, round(settings.join * letter))
    lines = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (join, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    regions = []
    for x, y, w, h, _area in stats[1:count]:
        if not (settings.min_height * letter <= h <= settings.max_height * letter):
            continue
        if w < settings.min_width * letter:
            continue
        if ink[y : y + h, x : x + w].mean() < 255 * settings.min_density:
            continue  # scattered noise, not letters' strokes
        if x <= 1 or y <= 1 or x + w >= ink.shape[1] - 1 or y + h >= ink.shape[0] - 1:
            continue  # the page's edge: a scanner's shadow, a photo's ground
        pad = 0.3 * letter
        box = [round(v / scale) for v in (x - pad, y - pad, x + w + pad, y + h + pad)]
        regions.append(Region(_clip((box[0], box[1], box[2], box[3]), gray.shape), 7, False))
    regions.sort(key=lambda r: -(r.box[2] - r.box[0]))
    return regions[: settings.max_regions]


def letter_size(data: dict[str, list]) -> float | None:
    """The height of the page's letters in pixels: two thirds of the median height of its
    confidently read words' boxes (a box holds marks above and descenders below); None when
    fewer than five words were read with confidence."""
    heights = sorted(
        int(data["height"][i]) for i in word_rows(data) if float(data["conf"][i]) >= 80
    )
    if len(heights) < 5:
        return None
    return 2 / 3 * heights[len(heights) // 2]


def _clip(box: Box, shape: tuple[int, ...]) -> Box:
    height, width = shape[:2]
    x0, y0, x1, y1 = box
    return max(0, x0), max(0, y0), min(width, x1), min(height, y1)


def seal_regions(red: np.ndarray, letter: float, settings: RereadSettings) -> list[Region]:
    """The boxes of red seals (``red``: the red ink's weight 0-255 in the prepared page's
    pixels), widened a little: a block of lines to read again without the red."""
    mask = (red > 127).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    regions = []
    for x, y, w, h, _area in stats[1:count]:
        if min(w, h) < 4 * letter:  # a seal is several lines tall; red text is not a seal
            continue
        dx, dy = round(settings.seal_width * w), round(settings.seal_margin * h)
        box = _clip((x - dx, y - dy, x + w + dx, y + h + dy), red.shape)
        regions.append(Region(box, psm=6, replace=True))
    return regions


def widen_to_words(data: dict[str, list], region: Region, pad: int) -> Region:
    """The region grown to hold whole, with ``pad`` pixels around, every word its box
    overlaps (a crop never cuts a word in two, nor ends at one's edge)."""
    x0, y0, x1, y1 = region.box
    for i in word_rows(data):
        a, b, c, d = word_box(data, i)
        if a < x1 and x0 < c and b < y1 and y0 < d:
            x0, y0 = min(x0, a - pad), min(y0, b - pad)
            x1, y1 = max(x1, c + pad), max(y1, d + pad)
    return Region((max(0, x0), max(0, y0), x1, y1), region.psm, region.replace)


def read_region(pixels: np.ndarray, region: Region, lang: str) -> dict[str, list]:
    """The region's crop OCR'd, boxes in page pixels."""
    x0, y0, x1, y1 = region.box
    crop = np.ascontiguousarray(pixels[y0:y1, x0:x1])
    if region.binarise:
        _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if region.margin:
        crop = cv2.copyMakeBorder(crop, *[region.margin] * 4, cv2.BORDER_CONSTANT, value=255)
    data = run_tesseract(crop, lang, region.psm)
    data["left"] = [int(v) + x0 - region.margin for v in data["left"]]
    data["top"] = [int(v) + y0 - region.margin for v in data["top"]]
    return data


def reading_score(data: dict[str, list], rows: list[int]) -> tuple[float, float]:
    """Mean confidence (0-100) and share of Vietnamese syllables of ``rows``' words, a
    document code counting as one (``text_quality.words_valid_share``)."""
    if not rows:
        return 0.0, 0.0
    confidences = [max(0.0, float(data["conf"][i])) for i in rows]
    valid = words_valid_share([str(data["text"][i]) for i in rows])
    return sum(confidences) / len(rows), valid


def text_lines(data: dict[str, list], settings: RereadSettings) -> list[int]:
    """The word rows of the lines of ``data`` that read as text: confident, mostly syllables,
    and more than one letter (a page edge's shadow reads "Ề")."""
    kept = []
    for rows in line_rows(data).values():
        confidence, valid = reading_score(data, rows)
        letters = sum(c.isalpha() for i in rows for c in str(data["text"][i]))
        if confidence < settings.min_confidence or valid < settings.min_valid_share:
            continue
        if letters >= 2:
            kept += rows
    return kept


def name_lines(data: dict[str, list], settings: RereadSettings) -> list[int]:
    """The word rows of the lines of ``data`` that are each a whole person name, every word a
    name of the lexicon (``normalize.names.is_full_name``), read with less confidence than
    ``text_lines`` asks: a low-resolution photo's signer "Hỗ Đình Tùng." read at 22/69/84."""
    kept = []
    for rows in line_rows(data).values():
        confidence, _ = reading_score(data, rows)
        line = " ".join(_texts(data, rows))
        if confidence >= settings.min_name_confidence and is_full_name(line):
            kept += rows
    return kept


def reread_regions(
    data: dict[str, list],
    pixels: np.ndarray,
    red: np.ndarray | None,
    letter: float,
    lang: str,
    settings: RereadSettings = DEFAULT_REREAD,
) -> dict[str, list]:
    """``data`` (Tesseract's columns for ``pixels``, a gray page) with the lines no word
    covered and the words under red seals read again; ``red`` is the red ink's weight
    (0-255) in the same pixels, None on a page without red."""
    seal_free = pixels if red is None else _without_red(pixels, red)
    if red is not None:  # first the seals, then what is still uncovered
        for region in seal_regions(red, letter, settings):
            region = widen_to_words(data, region, round(0.5 * letter))
            region = Region(_clip(region.box, pixels.shape), region.psm, region.replace)
            data = _reread(data, seal_free, region, lang, settings)
    for region in framed_too(split_lines(data, letter, settings), data, letter, settings):
        region = dataclasses.replace(region, box=_clip(region.box, pixels.shape))
        data = _reread(data, seal_free, region, lang, settings)
    # a doubtful line alone is read only as cut: framed, "III. TỒN TẠI" read "II. TỒN TẠI"
    for region in doubtful_lines(data, letter, settings):
        region = dataclasses.replace(region, box=_clip(region.box, pixels.shape))
        data = _reread(data, seal_free, region, lang, settings)
    for region in misread_lines(data, letter, settings):
        region = dataclasses.replace(region, box=_clip(region.box, pixels.shape))
        data = _reread(data, seal_free, region, lang, settings)
    for region in uncovered_lines(seal_free, data, letter, settings):
        data = _reread(data, seal_free, region, lang, settings)
    return data


def _reread(
    data: dict[str, list], pixels: np.ndarray, region: Region, lang: str, settings: RereadSettings
) -> dict[str, list]:
    """``data`` with ``region`` read again merged in (``merge_lines``); words the crop cut at
    its left or right edge are left to the uncovered lines' pass."""
    again = read_region(pixels, region, lang)
    x0, top, x1, _ = region.box
    rows = [
        i
        for i in text_lines(again, settings)
        if int(again["left"][i]) > x0 + 1 and int(again["left"][i] + again["width"][i]) < x1 - 1
    ]
    # a line added where nothing was read, low on the page, that is a whole name: a signer's
    if not region.replace and top >= settings.signature_zone * pixels.shape[0]:
        rows = sorted(set(rows) | set(name_lines(again, settings)))
    remove, add = merge_lines(data, again, rows, region.replace)
    if not add:
        return data
    data = splice(data, remove, again, add)
    if remove:
        return data
    return join_filled_gap(data, words_box(again, add))  # a line cut at these words


def merge_lines(
    data: dict[str, list], again: dict[str, list], rows: list[int], replace: bool
) -> tuple[list[int], list[int]]:
    """Which words of ``data`` to remove and which rows of ``again`` to add, line by line:
    a re-read line overlapping no word is added; one overlapping words is dropped when it
    reads the same, and otherwise (``replace`` regions only) takes their place when it
    scores better."""
    wanted = set(rows)
    remove: list[int] = []
    add: list[int] = []
    for line in line_rows(again).values():
        new = [i for i in line if i in wanted]
        if not new:
            continue
        old = sorted({j for i in new for j in _overlapping(data, word_box(again, i))})
        if old and not replace:
            continue
        same = _texts(again, new) == _texts(data, old)
        if old and (same or _score(again, new) <= _score(data, old)):
            continue
        remove += old
        add += new
    return remove, add


def _texts(data: dict[str, list], rows: list[int]) -> list[str]:
    return [str(data["text"][i]).strip() for i in rows]


def _without_red(pixels: np.ndarray, red: np.ndarray) -> np.ndarray:
    """Red ink turned to paper: each pixel moved towards white by the red's weight."""
    weight = red.astype(np.float32) / 255
    out = pixels.astype(np.float32)
    out += (255 - out) * weight
    return out.astype(np.uint8)


def _score(data: dict[str, list], rows: list[int]) -> float:
    return reading_quality(*reading_score(data, rows))


def _overlapping(data: dict[str, list], box: Box) -> list[int]:
    """Word rows of ``data`` whose boxes share half the smaller one's area with ``box`` (a
    word of the line below, grazed by a tall mark, is not the same word)."""
    x0, y0, x1, y1 = box
    rows = []
    for i in word_rows(data):
        a, b, c, d = word_box(data, i)
        shared = overlap_area(box, (a, b, c, d))
        smaller = min((x1 - x0) * (y1 - y0), (c - a) * (d - b))
        if shared > 0 and shared >= 0.5 * smaller:
            rows.append(i)
    return rows


def splice(
    data: dict[str, list],
    remove: list[int],
    again: dict[str, list],
    add: list[int],
    before: int | None = None,
) -> dict[str, list]:
    """``data`` without the rows ``remove``, with ``again``'s word rows ``add`` placed before
    the first remaining word lying a half line or more below the added words' top (after the
    words of their own line), or before the row ``before`` when given, as lines of that
    word's block (Tesseract's reading order is the blocks' order); at the page's end, as new
    blocks."""
    removed = set(remove)
    kept = [i for i in range(len(data["text"])) if i not in removed]
    heights = sorted(int(again["height"][i]) for i in add)
    below = min(int(again["top"][i]) for i in add) + heights[len(heights) // 2] / 2
    position = next(
        (
            n
            for n, i in enumerate(kept)
            if (i == before)
            or (
                before is None
                and data["level"][i] == 5
                and str(data["text"][i]).strip()
                and data["top"][i] > below
            )
        ),
        len(kept),
    )
    added = {column: [again[column][i] for i in add] for column in COLUMNS}
    _renumber(added, data, kept[position] if position < len(kept) else None)
    return {
        column: [data[column][i] for i in kept[:position]]
        + added[column]
        + [data[column][i] for i in kept[position:]]
        for column in COLUMNS
    }


def _renumber(added: dict[str, list], data: dict[str, list], following: int | None) -> None:
    """Block, paragraph and line numbers for ``added`` rows that no row of ``data`` has:
    lines of their own in ``following``'s block and paragraph, or new blocks."""
    first_line = max((int(n) for n in data["line_num"]), default=0) + 1
    first_block = max((int(b) for b in data["block_num"]), default=0) + 1
    keys = list(zip(added["block_num"], added["par_num"], added["line_num"], strict=True))
    lines = {key: n for n, key in enumerate(dict.fromkeys(keys))}  # each line of the crop
    for row, key in enumerate(keys):
        if following is None:
            added["block_num"][row] = int(key[0]) + first_block
        else:
            added["block_num"][row] = data["block_num"][following]
            added["par_num"][row] = data["par_num"][following]
            added["line_num"][row] = first_line + lines[key]
