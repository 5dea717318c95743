"""Words on a page by their boxes: a line's boxed words, pieces cut at wide gaps, and the
vertical channel between two columns that the fewest words cross (``page_layout`` reads the
header and the closing of an administrative page with these)."""

from __future__ import annotations

import itertools
import unicodedata

import numpy as np

from sohoa.model import BBox, Page

LETTERS = ("Lu", "Ll", "Lt", "Lo")  # not Lm: a modifier letter alone ("ˆ") is a speck
STRETCHED = 1.5  # a word wider than this many heights per letter is a rule line
GAP_HEIGHTS = 2.0  # a gap wider than this many word heights separates two pieces of a line


def boxed_words(page: Page, index: int) -> list[int]:
    """The line's words that have a box and text, left to right."""
    words = [
        i
        for i in page.lines[index].words
        if 0 <= i < len(page.words) and page.words[i].bbox and page.words[i].text.strip()
    ]
    return sorted(words, key=lambda i: word_box(page, i)[0])


def words_text(page: Page, words: list[int]) -> str:
    return " ".join(page.words[i].text for i in words)


def gap_pieces(page: Page, words: list[int]) -> list[list[int]]:
    """The words cut where a gap is wider than ``GAP_HEIGHTS`` word heights."""
    if not words:
        return []
    height = float(np.median([word_box(page, w)[3] - word_box(page, w)[1] for w in words]))
    pieces = [[words[0]]]
    for before, after in itertools.pairwise(words):
        if word_box(page, after)[0] - word_box(page, before)[2] > GAP_HEIGHTS * max(height, 1.0):
            pieces.append([])
        pieces[-1].append(after)
    return pieces


def word_box(page: Page, word: int) -> BBox:
    box = page.words[word].bbox
    assert box is not None
    return box


def column_channel(page: Page, words: list[int], low: float, high: float) -> float:
    """The middle of the widest run of x in [low, high] crossed by the fewest words, right
    of where the first word begins (the page's margin, left of every word, is no channel
    between two columns)."""
    width = int(page.width) + 1
    cover = np.zeros(width, dtype=np.int32)
    first = high
    for word in words:  # specks, dashes and rule lines read as letters do not block one
        if not _has_letters(page, word) or is_stretched(page, word):
            continue
        x0, _, x1, _ = word_box(page, word)
        cover[max(0, int(x0)) : max(0, min(width, int(np.ceil(x1))))] += 1
        first = min(first, x0)
    start, end = max(0, int(low), int(first)), min(width, int(high) + 1)
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


def is_stretched(page: Page, word: int) -> bool:
    """Far wider than its letters: a rule line the OCR read as "Ti" or "CC"."""
    x0, top, x1, bottom = word_box(page, word)
    return x1 - x0 > STRETCHED * (bottom - top) * max(1, len(page.words[word].text))


def cut_at(page: Page, words: list[int], split: float) -> tuple[list[int], list[int]]:
    """The line's words left and right of ``split``; a mark without letters or digits
    (a speck "ˆ", a dash) goes with the nearest word of its line."""
    lettered = [w for w in words if _has_letters(page, w)] or words

    def centre(word: int) -> float:
        box = word_box(page, word)
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
