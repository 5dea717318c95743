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
syllables); its words enter Tesseract's columns as new blocks, placed before the first
word below them, so the reading order and the boxes' mapping work as for the page's own.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.ocr.rule_lines import ink_of, straight_runs
from sohoa.ocr.tesseract import line_rows, run_tesseract, word_rows
from sohoa.ocr.text_quality import (
    is_document_code,
    misread_tone,
    reading_quality,
    words_valid_share,
)

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in the prepared page's pixels
COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
           "left", "top", "width", "height", "conf", "text")  # fmt: skip


@dataclass(frozen=True)
class RereadSettings:
    """Sizes in letter heights (``letter_size``)."""

    cover: float = 0.35  # a word's box covers the ink this far around it
    join: float = 1.5  # ink pieces this close side by side belong to one line
    min_height: float = 0.6  # a line of print is at least this tall ...
    max_height: float = 2.5  # ... and at most this (taller: a picture, a seal, a scrawl)
    min_width: float = 2.0  # ... and at least this wide
    min_density: float = 0.12  # ... and its box at least this much ink (noise is sparse)
    max_regions: int = 40  # lines read again on one page at most
    min_confidence: float = 70.0  # a re-read line is kept from this mean confidence ...
    min_valid_share: float = 0.6  # ... with this share of its words Vietnamese syllables
    split_gap: float = 2.0  # a line's words this far apart are two columns' pieces ...
    split_offset: float = 0.25  # ... read again alone when their middles differ this much
    marks_above: float = 0.5  # ... each crop this far above its words' boxes (a capital's
    # box leaves out its marks: 'ỦY BAN NHÂN DÂN' cropped at 0.15 reads 'UY BAN NHAN DAN')
    beside: float = 0.6  # ... this far beside its words (inside the gap that cut it: a word at
    # the crop's edge is dropped: 'ỦY … SIN' of a 150-dpi issuer at 0.3; at 1.0 a curled
    # page's block crop took in the other column's words)
    two_lines: float = 2.5  # ... and read as a block when its words' boxes are this tall
    # (a wrapped issuer's two lines set close, read as one: 'ỦY BAN Ì35321£00i2tri ng) DIÊN')
    short_line: int = 8  # lines of at most this many words ...
    doubtful_word: float = 80.0  # ... holding a word read below this confidence are re-read
    max_doubtful: int = 8  # ... at most this many on a page
    max_misread: int = 8  # lines holding a tone a syllable cannot carry, re-read at most
    paper: float = 0.5  # ... each with this much paper around it (the bold title above,
    # cropped tight, read "cât giầu" again)
    seal_margin: float = 0.15  # a seal's box heightened by this share of its height ...
    seal_width: float = 0.4  # ... and widened by this share of its width (the signer's name
    # and the authority line are often wider than the seal pressed over them)


DEFAULT_REREAD = RereadSettings()


@dataclass
class Region:
    box: Box
    psm: int  # 7: one line; 6: a block of lines
    replace: bool  # the words already read inside are replaced when this reads better
    margin: int = 0  # pixels of paper put around the crop before it is read
    binarise: bool = False  # the crop read black and white (Otsu's threshold), not gray


def word_box(data: dict[str, list], i: int) -> Box:
    left, top = int(data["left"][i]), int(data["top"][i])
    return left, top, left + int(data["width"][i]), top + int(data["height"][i])


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


def split_lines(data: dict[str, list], letter: float, settings: RereadSettings) -> list[Region]:
    """Pieces of lines Tesseract joined across a wide gap (a header's two columns), each to
    read again on its own: every piece where they do not stand level (the left column's
    "Số: …" and the right column's motto, read as one line on one baseline, garble the
    motto); on a level line, cut in two at its widest gap, a short piece holding a word
    read below ``doubtful_word``, least confident first, at most ``max_doubtful`` (a bold
    issuer beside the motto, "PHƯƠNG 3" for "PHƯỜNG 3", reads right alone)."""
    regions, doubtful = [], []
    for rows in line_rows(data).values():
        # a rule's remnant between the columns ("_", "—" longer or taller than a letter)
        # does not join them; a dash in the motto does
        rows = sorted(
            (i for i in rows if not _rule_remnant(data, i, letter)),
            key=lambda i: word_box(data, i)[0],
        )
        if len(rows) < 2:
            continue
        pieces = _pieces(rows, [word_box(data, i) for i in rows], settings.split_gap * letter)
        if len(pieces) < 2:
            continue
        centres = [(min(_top(data, p)) + max(_bottom(data, p))) / 2 for p in pieces]
        if max(centres) - min(centres) >= settings.split_offset * letter:
            regions += [_piece_region(data, piece, letter, settings) for piece in pieces]
            continue
        gaps = [word_box(data, b)[0] - word_box(data, a)[2] for a, b in itertools.pairwise(rows)]
        cut = gaps.index(max(gaps)) + 1  # the two columns: the line cut at its widest gap
        for piece in (rows[:cut], rows[cut:]):
            lowest = min(float(data["conf"][i]) for i in piece)
            if len(piece) <= settings.short_line and lowest < settings.doubtful_word:
                doubtful.append((lowest, _piece_region(data, piece, letter, settings)))
    doubtful.sort(key=lambda pair: pair[0])
    return regions + [region for _, region in doubtful[: settings.max_doubtful]]


def _top(data: dict[str, list], rows: list[int]) -> list[int]:
    return [word_box(data, i)[1] for i in rows]


def _bottom(data: dict[str, list], rows: list[int]) -> list[int]:
    return [word_box(data, i)[3] for i in rows]


def _piece_region(
    data: dict[str, list], piece: list[int], letter: float, settings: RereadSettings
) -> Region:
    """A piece of a line to read again: a line (``--psm 7``) from ``marks_above`` over its
    words, or a block where its words' boxes stand two lines tall (lines run together)."""
    boxes = [word_box(data, i) for i in piece]
    pad_x, pad_y = round(settings.beside * letter), round(0.15 * letter)
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes) + pad_y
    x0, x1 = min(b[0] for b in boxes) - pad_x, max(b[2] for b in boxes) + pad_x
    y0 = top - round(settings.marks_above * letter)
    psm = 6 if bottom - top > settings.two_lines * letter else 7
    return Region((max(0, x0), max(0, y0), x1, bottom), psm=psm, replace=True)


def doubtful_lines(data: dict[str, list], letter: float, settings: RereadSettings) -> list[Region]:
    """Short lines (a header's, a signature block's) holding a word read with low confidence,
    least confident first: each to read again on its own, away from the page's other lines
    (the motto read 'Đột lập - Từ do' on a show-through scan reads right alone)."""
    found = []
    for rows in line_rows(data).values():
        lowest = min(float(data["conf"][i]) for i in rows)
        if len(rows) > settings.short_line or lowest >= settings.doubtful_word:
            continue
        boxes = [word_box(data, i) for i in rows]
        pad_x, pad_y = round(0.3 * letter), round(0.15 * letter)
        x0, y0 = min(b[0] for b in boxes) - pad_x, min(b[1] for b in boxes) - pad_y
        x1, y1 = max(b[2] for b in boxes) + pad_x, max(b[3] for b in boxes) + pad_y
        found.append((lowest, Region((max(0, x0), max(0, y0), x1, y1), psm=7, replace=True)))
    found.sort(key=lambda pair: pair[0])
    return [region for _, region in found[: settings.max_doubtful]]


def misread_lines(data: dict[str, list], letter: float, settings: RereadSettings) -> list[Region]:
    """Lines holding a word whose tone its syllable cannot carry ("cầt": a stop final under
    a huyền, hỏi or ngã), each to read again on its own, however long: a bold title read
    "Khám nơi cầt giầu" on an upscaled photo reads "cất giấu" alone. At most
    ``max_misread``, in reading order."""
    margin = round(settings.paper * letter)
    found = [
        dataclasses.replace(_piece_region(data, rows, letter, settings), margin=margin)
        for rows in line_rows(data).values()
        if any(misread_tone(str(data["text"][i])) for i in rows)
    ][: settings.max_misread]
    # each read gray and black and white: the better replaces the page's words
    return [r for region in found for r in (region, dataclasses.replace(region, binarise=True))]


def _rule_remnant(data: dict[str, list], i: int, letter: float) -> bool:
    """A word without letters or digits wider than a letter or taller than a line."""
    x0, y0, x1, y1 = word_box(data, i)
    text = str(data["text"][i])
    return not any(c.isalnum() for c in text) and (x1 - x0 > letter or y1 - y0 > 2 * letter)


def _pieces(rows: list[int], boxes: list[Box], gap: float) -> list[list[int]]:
    """``rows`` (their ``boxes`` left to right) cut where the gap between two is wider
    than ``gap``."""
    pieces = [[rows[0]]]
    for n in range(1, len(rows)):
        if boxes[n][0] - boxes[n - 1][2] > gap:
            pieces.append([])
        pieces[-1].append(rows[n])
    return pieces


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


def inside(data: dict[str, list], box: Box) -> list[int]:
    """Word rows whose box's centre lies in ``box``."""
    x0, y0, x1, y1 = box
    rows = []
    for i in word_rows(data):
        a, b, c, d = word_box(data, i)
        if x0 <= (a + c) / 2 <= x1 and y0 <= (b + d) / 2 <= y1:
            rows.append(i)
    return rows


def framed_too(
    regions: list[Region], data: dict[str, list], letter: float, settings: RereadSettings
) -> list[Region]:
    """Each region as cut, and where it holds a document code (the number line's piece),
    then black and white with ``paper`` around it: a second reading that replaces the
    first's where it scores better ("4J¿../QĐ-KNGGI VỊ T" beside a handwritten number as
    cut, "4/4../QĐ-KNCGTVPT" framed; an issuer framed lost words at the crop's edge)."""
    margin = round(settings.paper * letter)
    found = []
    for region in regions:
        found.append(region)
        if any(is_document_code(str(data["text"][i])) for i in inside(data, region.box)):
            found.append(dataclasses.replace(region, margin=margin, binarise=True))
    return found


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
    x0, _, x1, _ = region.box
    rows = [
        i
        for i in text_lines(again, settings)
        if int(again["left"][i]) > x0 + 1 and int(again["left"][i] + again["width"][i]) < x1 - 1
    ]
    remove, add = merge_lines(data, again, rows, region.replace)
    return splice(data, remove, again, add) if add else data


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
        shared = max(0, min(x1, c) - max(x0, a)) * max(0, min(y1, d) - max(y0, b))
        smaller = min((x1 - x0) * (y1 - y0), (c - a) * (d - b))
        if shared > 0 and shared >= 0.5 * smaller:
            rows.append(i)
    return rows


def splice(
    data: dict[str, list], remove: list[int], again: dict[str, list], add: list[int]
) -> dict[str, list]:
    """``data`` without the rows ``remove``, with ``again``'s word rows ``add`` placed before
    the first remaining word lying a half line or more below the added words' top (after the
    words of their own line), as lines of that word's block (Tesseract's reading order is the
    blocks' order); at the page's end, as new blocks."""
    removed = set(remove)
    kept = [i for i in range(len(data["text"])) if i not in removed]
    heights = sorted(int(again["height"][i]) for i in add)
    below = min(int(again["top"][i]) for i in add) + heights[len(heights) // 2] / 2
    position = next(
        (
            n
            for n, i in enumerate(kept)
            if data["level"][i] == 5 and str(data["text"][i]).strip() and data["top"][i] > below
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
