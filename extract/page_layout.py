"""The parts of an administrative page in reading order, read from its words' boxes.

Nghị định 30/2020/NĐ-CP (Phụ lục I) prints two things side by side twice on a page:

- the header: the issuer (its parent body above it), "Số: …" and a công văn's "V/v …" on
  the left; the national title, the motto and "địa danh, ngày … tháng … năm …" on the right;
- the closing: "Nơi nhận:" and its list on the left; the signature block (TM./KT./Q./TL.
  lines, the position, the signer's name) on the right.

OCR, and a PDF's text layer, give lines across the page ("ỦY BAN NHÂN DÂN TỈNH BÌNH CỘNG HÒA
XÃ HỘI CHỦ NGHĨA VIỆT", "- Sở Y tế;  Trịnh Thị Tùng"), and the gap between the two columns
can be narrower than a word. So the columns are found from all their lines at once: the
column boundary is the widest vertical channel that no word of the header (or of the
closing) crosses. For the header it lies left of the national title's first word; a line
that holds a right-column mark (national title, motto, "<place>, ngày") after other words is
cut where the mark begins.

- The header is the first page's lines from the top down to the last line with a header mark
  (national title, motto, "Số:", the date), and the lines after it that stay in one column
  (a "V/v" summary's wrapped lines). It ends before a type heading ("QUYẾT ĐỊNH"), the body
  ("Căn cứ", "Kính gửi") or the page's middle. Lines wholly above the national title (a
  gazette's running head, a digital signature's box) are page furniture, kept apart.
- The closing starts at the first line that opens with "Nơi nhận" or an authority mark
  (TM., KT., …), also after a wide gap in the line, and runs to the page's end (at most
  ``CLOSING_LINES`` lines, up to a type heading or a "Phụ lục" caption).

Each line of a part is cut at the channel; a column's pieces keep the order of the lines
they were cut from. ``read_layout`` gives the pieces; ``order_reading`` (a pipeline stage)
rewrites the pages' lines and blocks in that order — furniture, the header's cells row by
row as ND30's template numbers them (issuer; quốc hiệu and tiêu ngữ; "Số"; place and date;
"V/v"), the body, then the recipients and the signature block — so that the text,
the Markdown, DOCX and JSON, and the metadata all read the same blocks. Words are never
moved, changed or dropped: only lines and blocks are regrouped.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import regex

from sohoa.extract.admin_vocab import fold, is_type_heading, starts_body
from sohoa.extract.layout_marks import (
    APPENDIX,
    AUTHORITY,
    DATE,
    MOTTO,
    NATIONAL_TITLE,
    NUMBER,
    PHRASES,
    SUMMARY,
    opens_recipients,
    starts_phrase,
)
from sohoa.model import BBox, Block, Document, Line, Page, union_box

LETTERS = ("Lu", "Ll", "Lt", "Lo")  # not Lm: a modifier letter alone ("ˆ") is a speck
PartName = Literal["header_left", "header_right", "recipients", "signature"]

HEADER_DEPTH = 0.45  # the header lies in the top part of its page
HEADER_LINES = 16  # the header never holds more lines than this
CLOSING_LINES = 25  # nor do the recipients and the signature block
CLOSING_SEARCH = (0.25, 0.75)  # the closing's channel lies in this band of the page width
HEADER_SEARCH_FROM = 0.15  # the header's channel lies right of this share of the width
PROSE_WORDS = 8  # a closing line across the column boundary with this many words is prose
STRETCHED = 1.5  # a word wider than this many heights per letter is a rule line
GAP_HEIGHTS = 2.0  # a gap wider than this many word heights separates two pieces of a line


@dataclass
class Piece:
    """The words of one line that fall in one column (indices into ``Page.words``)."""

    line: int  # the index in ``Page.lines`` of the line it was cut from
    words: list[int]


@dataclass
class PageLayout:
    above: list[Piece] = field(default_factory=list)  # page furniture above the header
    header_left: list[Piece] = field(default_factory=list)
    header_right: list[Piece] = field(default_factory=list)
    recipients: list[Piece] = field(default_factory=list)
    signature: list[Piece] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)  # lines cut into the header
    closing_lines: list[int] = field(default_factory=list)  # ... and into the closing

    def header_cells(self, page: Page) -> list[tuple[PartName, list[Piece]]]:
        """The header's columns in the cells ND30's template gives them, read row by row:
        the issuer (ô 1), quốc hiệu and tiêu ngữ (ô 2), "Số: …" (ô 3), the place and
        date (ô 4), a công văn's "V/v …" summary (ô 5). Without a "Số" line: the left
        column, then the right one."""
        left, right = self.header_left, self.header_right
        number = _first(page, left, NUMBER, search=True)
        summary = _first(page, left[number:], SUMMARY) + number if number < len(left) else number
        date = _first(page, right, DATE, search=True)
        cells: list[tuple[PartName, list[Piece]]] = [
            ("header_left", left[:number]),
            ("header_right", right[:date]),
            ("header_left", left[number:summary]),
            ("header_right", right[date:]),
            ("header_left", left[summary:]),
        ]
        return [(name, pieces) for name, pieces in cells if pieces]

    def parts(self) -> list[tuple[PartName, list[Piece]]]:
        named: list[tuple[PartName, list[Piece]]] = [
            ("header_left", self.header_left),
            ("header_right", self.header_right),
            ("recipients", self.recipients),
            ("signature", self.signature),
        ]
        return [(name, pieces) for name, pieces in named if pieces]


def has_boxes(page: Page) -> bool:
    """Whether the page's words have boxes across the page as read (not a page turned
    before OCR, whose boxes are not in reading orientation)."""
    return not page.rotation and any(word.bbox for word in page.words)


def first_text_page(doc: Document) -> int | None:
    """The number of the first page with words: the one whose top holds the header."""
    return next((p.number for p in doc.pages if any(w.text.strip() for w in p.words)), None)


def reading_order(page: Page) -> list[int]:
    """The page's lines in the order of its blocks, table regions left out."""
    order = [i for block in page.blocks if block.kind != "table" for i in block.lines]
    if not page.blocks:
        order = list(range(len(page.lines)))
    return [i for i in order if 0 <= i < len(page.lines)]


def read_layout(page: Page, header: bool = True) -> PageLayout:
    """The page's header (when ``header``) and closing, cut into columns by word boxes."""
    layout = PageLayout()
    if not has_boxes(page):
        return layout
    order = reading_order(page)
    if header:
        _read_header(page, order, layout)
    _read_closing(page, order, layout)
    return layout


# --- header -------------------------------------------------------------------------------


def _first(
    page: Page, pieces: list[Piece], pattern: regex.Pattern[str], search: bool = False
) -> int:
    """The index of the first piece whose text matches ``pattern``, else ``len(pieces)``."""
    for n, piece in enumerate(pieces):
        text = words_text(page, piece.words)
        if (pattern.search(text) if search else pattern.match(text)) is not None:
            return n
    return len(pieces)


def _read_header(page: Page, order: list[int], layout: PageLayout) -> None:
    zone: list[int] = []
    for index in order:
        words = boxed_words(page, index)
        if not words:
            continue
        text = words_text(page, words)
        top = min(_box(page, w)[1] for w in words)
        if len(zone) >= HEADER_LINES or top > HEADER_DEPTH * page.height:
            break
        if is_type_heading(text) or starts_body(text):
            break
        zone.append(index)
    anchor = _national_title(page, zone)
    if anchor is None:
        return
    anchor_x, anchor_top = anchor
    marked = [n for n, index in enumerate(zone) if _header_mark(page, index)]
    core = zone[: marked[-1] + 1] if marked else zone
    above = [i for i in core if max(_box(page, w)[3] for w in boxed_words(page, i)) <= anchor_top]
    columns = [i for i in core if i not in above]
    # a line holding a right-column mark after left-column words is cut where the mark
    # begins; the channel between the columns is found from the other lines
    marked_at = {i: x for i in columns if (x := _right_mark_x(page, i)) is not None}
    words = [w for i in columns if i not in marked_at for w in boxed_words(page, i)]
    split = _channel(page, words, HEADER_SEARCH_FROM * page.width, anchor_x) if words else anchor_x
    for index in zone[len(core) :]:  # wrapped lines that stay in one column ("V/v …")
        left, right = _cut(page, boxed_words(page, index), split)
        if left and right:
            break
        columns.append(index)
    for index in columns:
        left, right = _cut(page, boxed_words(page, index), marked_at.get(index, split))
        if left:
            layout.header_left.append(Piece(index, left))
        if right:
            layout.header_right.append(Piece(index, right))
    layout.above = [Piece(i, boxed_words(page, i)) for i in above]
    layout.header_lines = above + columns


def _national_title(page: Page, zone: list[int]) -> tuple[float, float] | None:
    """(left x, top) of the national title's first word, else of the motto's."""
    for phrase in (NATIONAL_TITLE, MOTTO):
        for index in zone:
            words = boxed_words(page, index)
            for n in range(len(words)):
                if starts_phrase(words_text(page, words[n : n + 5]), phrase):
                    box = _box(page, words[n])
                    return box[0], box[1]
    return None


def _right_mark_x(page: Page, index: int) -> float | None:
    """Where a right-column mark begins after other words on the line: the national
    title, the motto, or the place before ", ngày … tháng … năm" (up to four capitalised
    words ending in a comma)."""
    words = boxed_words(page, index)
    for n in range(1, len(words)):
        start = None
        if any(starts_phrase(words_text(page, words[n : n + 5]), p) for p in PHRASES):
            start = n
        elif fold(page.words[words[n]].text) == "ngay" and DATE.match(words_text(page, words[n:])):
            start = n
            if page.words[words[n - 1]].text.endswith(","):
                while start > max(0, n - 4) and _place_word(page, words[start - 1], words[start]):
                    start -= 1
        if start:
            return _box(page, words[start])[0] - 0.5
    return None


def _place_word(page: Page, word: int, following: int) -> bool:
    """ "Mường", "Chà,": capitalised, not in capitals (an issuer's wrapped "MƯỜNG CHÀ"),
    close to the next word."""
    text = page.words[word].text.rstrip(",")
    height = _box(page, word)[3] - _box(page, word)[1]
    near = _box(page, following)[0] - _box(page, word)[2] < GAP_HEIGHTS * max(height, 1.0)
    return near and text[:1].isupper() and not (len(text) > 1 and text.isupper())


def _header_mark(page: Page, index: int) -> bool:
    words = boxed_words(page, index)
    text = words_text(page, words)
    return (
        any(starts_phrase(words_text(page, words[n : n + 5]), p)
            for n in range(len(words)) for p in (NATIONAL_TITLE, MOTTO))
        or DATE.search(text) is not None
        or NUMBER.search(text) is not None
    )  # fmt: skip


# --- closing ------------------------------------------------------------------------------


def _read_closing(page: Page, order: list[int], layout: PageLayout) -> None:
    taken = set(layout.header_lines)
    rest = [i for i in order if i not in taken and boxed_words(page, i)]
    start = next((n for n, i in enumerate(rest) if _opens_closing(page, i)), None)
    if start is None:
        return
    zone: list[int] = []
    for index in rest[start : start + CLOSING_LINES]:
        text = words_text(page, boxed_words(page, index))
        if zone and (is_type_heading(text) or APPENDIX.match(text)):
            break
        zone.append(index)
    # prose after the signature (the next part on the same page) runs across both columns
    prose = next((n for n, i in enumerate(zone) if n and _is_prose(page, i)), len(zone))
    zone = zone[:prose]
    low, high = CLOSING_SEARCH
    words = [w for i in zone for w in boxed_words(page, i)]
    split = _channel(page, words, low * page.width, high * page.width)
    for index in zone:
        left, right = _cut(page, boxed_words(page, index), split)
        if left:
            layout.recipients.append(Piece(index, left))
        if right:
            layout.signature.append(Piece(index, right))
    layout.closing_lines = zone


def _is_prose(page: Page, index: int) -> bool:
    """A line of running text: many words, no wide gap, across the page's middle."""
    words = boxed_words(page, index)
    if len(words) < PROSE_WORDS or len(gap_pieces(page, words)) > 1:
        return False
    low, high = CLOSING_SEARCH
    starts, ends = _box(page, words[0])[0], _box(page, words[-1])[2]
    return starts < low * page.width and ends > high * page.width


def _opens_closing(page: Page, index: int) -> bool:
    """The line, or a piece of it after a wide gap, opens with "Nơi nhận" or TM./KT./…"""
    for piece in gap_pieces(page, boxed_words(page, index)):
        text = words_text(page, piece)
        if opens_recipients(text) or AUTHORITY.match(text):
            return True
    return False


# --- geometry -----------------------------------------------------------------------------


def boxed_words(page: Page, index: int) -> list[int]:
    """The line's words that have a box and text, left to right."""
    words = [
        i
        for i in page.lines[index].words
        if 0 <= i < len(page.words) and page.words[i].bbox and page.words[i].text.strip()
    ]
    return sorted(words, key=lambda i: _box(page, i)[0])


def words_text(page: Page, words: list[int]) -> str:
    return " ".join(page.words[i].text for i in words)


def gap_pieces(page: Page, words: list[int]) -> list[list[int]]:
    """The words cut where a gap is wider than ``GAP_HEIGHTS`` word heights."""
    if not words:
        return []
    height = float(np.median([_box(page, w)[3] - _box(page, w)[1] for w in words]))
    pieces = [[words[0]]]
    for before, after in itertools.pairwise(words):
        if _box(page, after)[0] - _box(page, before)[2] > GAP_HEIGHTS * max(height, 1.0):
            pieces.append([])
        pieces[-1].append(after)
    return pieces


def _box(page: Page, word: int) -> BBox:
    box = page.words[word].bbox
    assert box is not None
    return box


def _channel(page: Page, words: list[int], low: float, high: float) -> float:
    """The middle of the widest run of x in [low, high] crossed by the fewest words."""
    width = int(page.width) + 1
    cover = np.zeros(width, dtype=np.int32)
    for word in words:  # specks, dashes and rule lines read as letters do not block one
        if not _has_letters(page, word) or _is_stretched(page, word):
            continue
        x0, _, x1, _ = _box(page, word)
        cover[max(0, int(x0)) : max(0, min(width, int(np.ceil(x1))))] += 1
    start, end = max(0, int(low)), min(width, int(high) + 1)
    if end - start < 2:
        return float(high)
    band = cover[start:end]
    free = band == band.min()
    best, best_width, run = 0, 0, 0
    for x, is_free in enumerate(free):
        run = run + 1 if is_free else 0
        if run >= best_width:  # ties go right: nearest the right column
            best, best_width = x, run
    return float(start + best - (best_width - 1) / 2)


def _is_stretched(page: Page, word: int) -> bool:
    """Far wider than its letters: a rule line the OCR read as "Ti" or "CC"."""
    x0, top, x1, bottom = _box(page, word)
    return x1 - x0 > STRETCHED * (bottom - top) * max(1, len(page.words[word].text))


def _cut(page: Page, words: list[int], split: float) -> tuple[list[int], list[int]]:
    """The line's words left and right of ``split``; a mark without letters or digits
    (a speck "ˆ", a dash) goes with the nearest word of its line."""
    lettered = [w for w in words if _has_letters(page, w)] or words

    def centre(word: int) -> float:
        box = _box(page, word)
        return (box[0] + box[2]) / 2

    def side(word: int) -> bool:
        if word not in lettered:
            word = min(lettered, key=lambda other: abs(centre(other) - centre(word)))
        return centre(word) < split

    left = [w for w in words if side(w)]
    return left, [w for w in words if w not in left]


def _has_letters(page: Page, word: int) -> bool:
    return has_letters(page.words[word].text)


def has_letters(text: str) -> bool:
    """Whether a word holds a letter or a digit (a speck "ˆ", "`" or a dash does not)."""
    return any(c.isdigit() or unicodedata.category(c) in LETTERS for c in text)


# --- the pipeline stage -------------------------------------------------------------------


def order_reading(doc: Document) -> Document:
    """Every page's lines and blocks regrouped in reading order (see the module's notes):
    a header or closing line holding two columns becomes two lines, and each column of the
    header and of the closing becomes one block, marked with its ``part``."""
    header_page = first_text_page(doc)
    for page in doc.pages:
        layout = read_layout(page, header=page.number == header_page)
        if layout.header_lines or layout.closing_lines:
            _regroup(page, layout)
    return doc


def _regroup(page: Page, layout: PageLayout) -> None:
    lines = list(page.lines)
    cut_before: set[int] = set()

    def line_of(piece: Piece) -> int:
        box = union_box([_box(page, w) for w in piece.words])
        if piece.line not in cut_before:
            cut_before.add(piece.line)
            if sorted(piece.words) == sorted(boxed_words(page, piece.line)):
                return piece.line  # the whole line, as it was
            lines[piece.line] = Line(words=list(piece.words), bbox=box)
            return piece.line
        lines.append(Line(words=list(piece.words), bbox=box))
        return len(lines) - 1

    def block(pieces: list[Piece], part: PartName | None) -> Block:
        indices = [line_of(piece) for piece in pieces]
        box = union_box([b for i in indices if (b := lines[i].bbox) is not None])
        return Block(lines=indices, bbox=box, part=part)

    header = [block(layout.above, None)] if layout.above else []
    header += [block(pieces, name) for name, pieces in layout.header_cells(page)]
    closing = [block(p, name) for name, p in layout.parts() if not name.startswith("header")]
    # a line's words not in any piece (no box or no text) stay with the line's first piece
    for index in set(layout.header_lines) | set(layout.closing_lines):
        kept = {w for line in lines for w in line.words}
        lines[index].words += [w for w in page.lines[index].words if w not in kept]
    in_header, in_closing = set(layout.header_lines), set(layout.closing_lines)
    blocks: list[Block] = []
    for original in page.blocks:
        if original.kind == "table":
            blocks.append(original)
            continue
        kept: list[int] = []  # the block's other lines, split where a part comes in
        for index in [*original.lines, None]:
            if index is not None and index not in in_header | in_closing:
                kept.append(index)
                continue
            parts = header if index in in_header else closing if index in in_closing else []
            if kept and (parts or index is None):
                box = union_box([b for i in kept if (b := page.lines[i].bbox) is not None])
                blocks.append(Block(lines=kept, bbox=box, kind=original.kind))
                kept = []
            blocks += parts
            parts.clear()
    page.lines = lines
    page.blocks = blocks + header + closing
