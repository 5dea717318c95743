"""Which lines of a page's reading are read again on their own, and how (``unread_ink``).

- pieces of lines Tesseract joined across a wide gap (a header's two columns), and where a
  piece holds a document code (the number's), that piece once more black and white with
  paper around it (``split_lines``, ``framed_too``);
- short lines holding a word read with low confidence (``doubtful_lines``);
- lines holding a tone their syllable cannot carry, however long (``misread_lines``).

    regions = split_lines(data, letter, DEFAULT_REREAD)   # Region: box, psm, replace, ...
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass

from sohoa.model import pixel_union
from sohoa.ocr.tesseract import line_rows, word_rows
from sohoa.ocr.text_quality import is_document_code, misread_tone

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
    min_name_confidence: float = 40.0  # ... or from this one when it is a whole person name
    signature_zone: float = 0.5  # ... in a line added below this share of the page's height
    # (its words kept to the crop's edges: a name's first letter is its ink's edge)
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


def words_box(data: dict[str, list], rows: list[int]) -> Box:
    """The box holding the words ``rows`` (a line's, a piece of one)."""
    return pixel_union(word_box(data, i) for i in rows)


def overlap_area(box: Box, other: Box) -> int:
    """The area ``box`` and ``other`` share (0 when apart)."""
    x0, y0, x1, y1 = box
    a, b, c, d = other
    return max(0, min(x1, c) - max(x0, a)) * max(0, min(y1, d) - max(y0, b))


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
    pad_x, pad_y = round(settings.beside * letter), round(0.15 * letter)
    x0, top, x1, bottom = words_box(data, piece)
    x0, x1, bottom = x0 - pad_x, x1 + pad_x, bottom + pad_y
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
        pad_x, pad_y = round(0.3 * letter), round(0.15 * letter)
        x0, y0, x1, y1 = words_box(data, rows)
        x0, y0, x1, y1 = x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y
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
