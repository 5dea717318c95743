"""Digital PDF pages: words from the text layer (pdfplumber), and whether to trust it.

Old Vietnamese PDFs often carry a text layer in a legacy 8-bit font encoding (TCVN3/ABC,
VNI) or an earlier OCR pass with an English model: the text is there but is gibberish
("Qu¶n lý", "Ting cuwdng"). We judge a layer by the share of its words that are valid
Vietnamese syllables and the share that carry Vietnamese marks; a garbled page is OCR'd.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sohoa.model import BBox, Block, Line, Page, Word, union_box
from sohoa.ocr.legacy_encoding import (
    decode_font_text,
    decode_tcvn3,
    decode_vni,
    font_encoding,
    legacy_codes,
)
from sohoa.ocr.tesseract import looks_like_heading
from sohoa.ocr.text_quality import text_layer_quality

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
    font of each word (bold headings start new blocks) and the direction the text runs.

    Words are not split where the font changes: PDF makers often draw a word's Vietnamese
    letters from a second subset of the same font ("S" + "ố"). Characters drawn in a legacy
    Vietnamese font (``.VnTime``: TCVN3, ``VNI-Times``: VNI) are decoded by table, run by run.
    """
    direction = text_direction(plumber_page.chars)
    raw = plumber_page.extract_words(
        keep_blank_chars=False,
        use_text_flow=False,
        return_chars=True,
        char_dir=direction,
        char_dir_rotated=direction,
        line_dir=NEXT_LINE[direction],
        line_dir_rotated=NEXT_LINE[direction],
    )
    words, fonts = [], []
    for w in raw:
        text = decoded_word_text(w["chars"])
        if not text.strip():
            continue
        box = (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        words.append(
            Word(
                text=unicodedata.normalize("NFC", text),
                bbox=tuple(round(v, 2) for v in box),  # type: ignore[arg-type]
                confidence=None,
                origin="text-layer",
            )
        )
        fonts.append(base_font(str(w["chars"][0].get("fontname", ""))))
    if direction != "ltr":  # reading order: line by line in the text's own frame
        frame = [
            to_text_frame(w.bbox, direction, plumber_page.width, plumber_page.height) for w in words
        ]  # type: ignore[arg-type]
        order = sorted(range(len(words)), key=lambda i: (round(frame[i][1]), frame[i][0]))
        words, fonts = [words[i] for i in order], [fonts[i] for i in order]
    return words, fonts, direction


def base_font(name: str) -> str:
    """A PDF font name without its subset prefix: "LJBCIN+TimesNewRoman" -> "TimesNewRoman"."""
    prefix, plus, rest = name.partition("+")
    return rest if plus and len(prefix) == 6 and prefix.isupper() else name


def decoded_word_text(chars: list[dict[str, Any]]) -> str:
    """A word's text from its characters, runs in legacy Vietnamese fonts decoded."""
    pieces: list[str] = []
    run: list[str] = []
    run_font = None
    for char in chars:
        font = str(char.get("fontname", ""))
        if font != run_font and run:
            pieces.append(decode_font_text("".join(run), run_font or ""))
            run = []
        run_font = font
        run.append(char["text"])
    if run:
        pieces.append(decode_font_text("".join(run), run_font or ""))
    return "".join(pieces)


def legacy_fonts_provenance(fonts: set[str]) -> dict[str, Any]:
    """{"legacy_fonts": {font: encoding}} for the page's legacy Vietnamese fonts."""
    legacy = {font: found[0] for font in sorted(set(fonts)) if (found := font_encoding(font))}
    return {"legacy_fonts": legacy} if legacy else {}


def decode_garbled_layer(words: list[Word]) -> str | None:
    """Decode a garbled layer as TCVN3 or VNI when one of them makes it Vietnamese (fonts
    that do not say they are legacy); the words are changed in place. Returns the encoding."""
    codes = [legacy_codes(word.text) for word in words]
    if any(code is None for code in codes):
        return None
    best: tuple[float, str, list[str]] | None = None
    for encoding, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        texts = [decode(code) for code in codes]  # type: ignore[arg-type]
        quality = text_layer_quality(" ".join(texts))
        if not quality.garbled and (best is None or quality.valid_share > best[0]):
            best = (quality.valid_share, encoding, texts)
    if best is None:
        return None
    for word, text in zip(words, best[2], strict=True):
        word.text = text
    return best[1]


COLUMN_GAP = 3.0


def layout_words(page: Page, fonts: list[str] | None = None, direction: str = "ltr") -> Page:
    """Group ``page.words`` (in reading order, with boxes) into lines and blocks.

    A new line starts when a word does not overlap the current line vertically, jumps back
    left, or stands a column gap (COLUMN_GAP line heights) to its right: the two columns of
    an administrative header ("QUỐC HỘI" | "CỘNG HÒA XÃ HỘI ...") are separate lines, and
    a line beside the previous one rather than under it starts a new block. A new block
    (paragraph) also starts at a vertical gap wider than about half a line, at a change of
    font (a bold heading), or at an indented first line. "Vertically" and "left"
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
            gap = x0 - line_x1
            column_gap = gap > COLUMN_GAP * (bottom - top)  # "QUỐC HỘI      CỘNG HÒA ..."
            if line_top <= middle <= line_bottom and gap >= -1 and not column_gap:
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
            apart = box[0] > previous_box[2] or box[2] < previous_box[0]  # another column
            new_block = (
                gap > 0.6 * height or indented or apart or line_font(line) != line_font(previous)
            )
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
