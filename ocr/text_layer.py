"""Digital PDF pages: words from the text layer (pdfplumber), and whether to trust it.

Old Vietnamese PDFs often carry a text layer in a legacy 8-bit font encoding (TCVN3/ABC,
VNI) or an earlier OCR pass with an English model: the text is there but is gibberish
("Qu¶n lý", "Ting cuwdng"). We judge a layer by the share of its words that are valid
Vietnamese syllables and the share that carry Vietnamese marks; a garbled page is OCR'd.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import regex

from sohoa.model import Block, Line, Page, Word
from sohoa.ocr.tesseract import looks_like_heading, union_box

# Syllable = initial consonant? + vowel nucleus + final consonant?, checked on the syllable
# with its tone mark removed (vowel letters ă â ê ô ơ ư and đ are kept).
_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_NUCLEUS = (
    "iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    "[aăâeêioôơuưy]"
)
_FINAL = "ch|ng|nh|[cmnptoiuy]"
_SYLLABLE = regex.compile(rf"(?:{_INITIAL})?(?:{_NUCLEUS})(?:{_FINAL})?")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_MARKED = set("ăâêôơưđ")
_WORD = regex.compile(r"\p{L}+")

GARBLED_VALID_SHARE = 0.75  # Vietnamese prose: > 0.9; legacy encodings / eng OCR: < 0.6
GARBLED_MARKED_SHARE = 0.25  # Vietnamese prose: ~0.7 of syllables carry a mark or đ/ơ/ư…
MIN_WORDS_TO_JUDGE = 20


def split_tone(syllable: str) -> tuple[str, int]:
    """The syllable without its tone mark, and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = sum(c in _TONES for c in decomposed)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tones


def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable ("trường", "nghiệp"), with at most one tone."""
    base, tones = split_tone(word)
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


@dataclass(frozen=True)
class LayerQuality:
    words: int  # alphabetic tokens looked at
    valid_share: float  # share that are valid Vietnamese syllables
    marked_share: float  # share carrying a tone mark or a Vietnamese letter (ă â đ ê ô ơ ư)

    @property
    def garbled(self) -> bool:
        if self.words < MIN_WORDS_TO_JUDGE:
            return False
        return self.valid_share < GARBLED_VALID_SHARE or self.marked_share < GARBLED_MARKED_SHARE


def text_layer_quality(text: str) -> LayerQuality:
    """Score a text layer; runs of letters in capitals or lower case are judged alike."""
    pieces = _WORD.findall(unicodedata.normalize("NFC", text))
    if not pieces:
        return LayerQuality(0, 0.0, 0.0)
    valid = marked = 0
    for piece in pieces:
        valid += is_vietnamese_syllable(piece)
        base, tones = split_tone(piece)
        marked += tones > 0 or any(c in _MARKED for c in base)
    return LayerQuality(len(pieces), valid / len(pieces), marked / len(pieces))


def words_from_plumber(plumber_page: Any) -> tuple[list[Word], list[str]]:
    """The page's words in reading order (boxes in PDF points, top-left origin), and the
    font of each word (bold headings start new blocks)."""
    raw = plumber_page.extract_words(
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname"]
    )
    words, fonts = [], []
    for w in raw:
        if not w["text"].strip():
            continue
        box = (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        words.append(
            Word(
                text=unicodedata.normalize("NFC", w["text"]),
                bbox=tuple(round(v, 2) for v in box),  # type: ignore[arg-type]
                confidence=None,
                origin="text-layer",
            )
        )
        fonts.append(str(w.get("fontname", "")))
    return words, fonts


def layout_words(page: Page, fonts: list[str] | None = None) -> Page:
    """Group ``page.words`` (in reading order, with boxes) into lines and blocks.

    A new line starts when a word does not overlap the current line vertically or jumps back
    left. A new block (paragraph) starts at a vertical gap wider than about half a line, at a
    change of font (a bold heading), or at an indented first line.
    """
    current: Line | None = None
    for index, word in enumerate(page.words):
        assert word.bbox is not None
        x0, top, _, bottom = word.bbox
        if current is not None and current.bbox is not None:
            _, line_top, line_x1, line_bottom = current.bbox
            middle = (top + bottom) / 2
            if line_top <= middle <= line_bottom and x0 >= line_x1 - 1:
                current.words.append(index)
                current.bbox = union_box([current.bbox, word.bbox])
                continue
        current = Line(words=[index], bbox=word.bbox)
        page.lines.append(current)

    def line_font(line: Line) -> str:
        return fonts[line.words[0]] if fonts else ""

    block: Block | None = None
    previous: Line | None = None
    for index, line in enumerate(page.lines):
        assert line.bbox is not None
        height = line.bbox[3] - line.bbox[1]
        new_block = block is None or previous is None or previous.bbox is None
        if not new_block:
            assert previous is not None and previous.bbox is not None
            gap = line.bbox[1] - previous.bbox[3]
            indented = line.bbox[0] - previous.bbox[0] > 1.5 * height
            new_block = gap > 0.6 * height or indented or line_font(line) != line_font(previous)
        if new_block:
            block = Block()
            page.blocks.append(block)
        assert block is not None
        block.lines.append(index)
        block.bbox = union_box([block.bbox, line.bbox])
        previous = line
    for block in page.blocks:
        if looks_like_heading(" ".join(page.line_text(page.lines[i]) for i in block.lines)):
            block.kind = "heading"
    return page
