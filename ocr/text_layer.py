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

from sohoa.model import BBox, Block, Line, Page, Word
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


# Direction the text runs in on the displayed page, and the direction its lines follow.
# A page with /Rotate 90 (or a landscape table set sideways) reads top-to-bottom.
NEXT_LINE = {"ltr": "ttb", "ttb": "rtl", "rtl": "btt", "btt": "ltr"}


def text_direction(chars: list[dict[str, Any]]) -> str:
    """The direction most characters' baselines run on the displayed page.

    pdfplumber gives each character's text matrix (a, b, c, d, e, f) with /Rotate applied;
    (a, b) is its baseline in PDF space (y up).
    """
    votes = {"ltr": 0, "ttb": 0, "rtl": 0, "btt": 0}
    for char in chars:
        a, b = char["matrix"][0], char["matrix"][1]
        if abs(a) >= abs(b):
            votes["ltr" if a > 0 else "rtl"] += 1
        else:
            votes["ttb" if b < 0 else "btt"] += 1
    return max(votes, key=lambda direction: votes[direction])


def to_text_frame(box: BBox, direction: str, width: float, height: float) -> BBox:
    """``box`` turned so that text running in ``direction`` runs left to right."""
    x0, top, x1, bottom = box
    if direction == "ttb":
        return (top, width - x1, bottom, width - x0)
    if direction == "rtl":
        return (width - x1, height - bottom, width - x0, height - top)
    if direction == "btt":
        return (height - bottom, x0, height - top, x1)
    return box


def words_from_plumber(plumber_page: Any) -> tuple[list[Word], list[str], str]:
    """The page's words (boxes in PDF points on the displayed page, top-left origin), the
    font of each word (bold headings start new blocks) and the direction the text runs."""
    direction = text_direction(plumber_page.chars)
    raw = plumber_page.extract_words(
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["fontname"],
        char_dir=direction,
        char_dir_rotated=direction,
        line_dir=NEXT_LINE[direction],
        line_dir_rotated=NEXT_LINE[direction],
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
    if direction != "ltr":  # reading order: line by line in the text's own frame
        frame = [
            to_text_frame(w.bbox, direction, plumber_page.width, plumber_page.height) for w in words
        ]  # type: ignore[arg-type]
        order = sorted(range(len(words)), key=lambda i: (round(frame[i][1]), frame[i][0]))
        words, fonts = [words[i] for i in order], [fonts[i] for i in order]
    return words, fonts, direction


def layout_words(page: Page, fonts: list[str] | None = None, direction: str = "ltr") -> Page:
    """Group ``page.words`` (in reading order, with boxes) into lines and blocks.

    A new line starts when a word does not overlap the current line vertically or jumps back
    left. A new block (paragraph) starts at a vertical gap wider than about half a line, at a
    change of font (a bold heading), or at an indented first line. "Vertically" and "left"
    are in the text's own frame (``direction``); boxes stay those of the displayed page.
    """

    def frame(box: BBox) -> BBox:
        return to_text_frame(box, direction, page.width, page.height)

    current: Line | None = None
    current_frame: BBox | None = None
    line_frames: list[BBox] = []
    for index, word in enumerate(page.words):
        assert word.bbox is not None
        x0, top, _, bottom = word_frame = frame(word.bbox)
        if current is not None and current_frame is not None:
            _, line_top, line_x1, line_bottom = current_frame
            middle = (top + bottom) / 2
            if line_top <= middle <= line_bottom and x0 >= line_x1 - 1:
                current.words.append(index)
                current.bbox = union_box([current.bbox, word.bbox])
                current_frame = union_box([current_frame, word_frame])
                line_frames[-1] = current_frame
                continue
        current = Line(words=[index], bbox=word.bbox)
        current_frame = word_frame
        page.lines.append(current)
        line_frames.append(current_frame)

    def line_font(line: Line) -> str:
        return fonts[line.words[0]] if fonts else ""

    block: Block | None = None
    previous: Line | None = None
    for index, line in enumerate(page.lines):
        box = line_frames[index]
        height = box[3] - box[1]
        new_block = block is None or previous is None
        if not new_block:
            assert previous is not None
            previous_box = line_frames[index - 1]
            gap = box[1] - previous_box[3]
            indented = box[0] - previous_box[0] > 1.5 * height
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
