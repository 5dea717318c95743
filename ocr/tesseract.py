"""Tesseract (see tesseract_api): page image -> words with boxes and confidences -> lines.

Tesseract runs single-threaded (``tesseract_api.limit_threads``): pages are parallelised by
the batch runner instead, which is faster on few cores than Tesseract's own threads.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Callable

import numpy as np
import pytesseract

from sohoa.errors import SohoaError
from sohoa.model import BBox, Block, Line, Page, Word, union_box
from sohoa.ocr import tesseract_api
from sohoa.ocr.text_quality import is_vietnamese_syllable, text_layer_quality


@functools.cache
def _installed_languages(tessdata_prefix: str | None) -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError:
        raise SohoaError(
            "tesseract",
            "the Tesseract OCR engine is not installed",
            "apt-get install tesseract-ocr tesseract-ocr-vie",
        ) from None


def check_languages(lang: str, path: object = "tesseract") -> None:
    """Fail in one line, with the install command, if a language's model is missing."""
    installed = _installed_languages(os.environ.get("TESSDATA_PREFIX"))
    missing = [code for code in lang.split("+") if code not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code.lower().replace('_', '-')}" for code in missing)
        fix = (
            f"apt-get install {packages} (or set TESSDATA_PREFIX to a folder holding "
            f"{missing[0]}.traineddata)"
        )
        prefix = os.environ.get("TESSDATA_PREFIX")
        if prefix:  # the folder it names is where Tesseract looks, not the system's
            fix = (
                f"TESSDATA_PREFIX={prefix} is where Tesseract looks: put {missing[0]}.traineddata"
                f" there, or unset it to use the system's (apt-get install {packages})"
            )
        raise SohoaError(path, f"Tesseract has no '{'+'.join(missing)}' language data", fix)


@functools.cache
def tesseract_version() -> str:
    return str(pytesseract.get_tesseract_version())


def run_tesseract(image: np.ndarray, lang: str, psm: int) -> dict[str, list]:
    """``image_to_data`` as a dict of columns (level, block_num, ..., conf, text)."""
    # In-process (tesserocr) when available: no process start, model load or image file per
    # page; otherwise the command, given an uncompressed PGM (see tesseract_api).
    try:
        return tesseract_api.image_to_data(image, lang, f"--psm {psm}")
    except pytesseract.TesseractError as error:
        raise SohoaError("tesseract", f"OCR failed: {error.message.strip()}") from None


def detect_rotation(image: np.ndarray) -> int:
    """Degrees clockwise that turn the page upright (Tesseract OSD); 0 when unsure."""
    if "osd" not in _installed_languages(os.environ.get("TESSDATA_PREFIX")):
        return 0
    try:
        # the command (tesserocr's OSD is another code path); rare: unreadable pages only
        report = pytesseract.image_to_osd(tesseract_api.uncompressed(image), config="--psm 0")
    except pytesseract.TesseractError:
        return 0  # too little text to tell
    fields = dict(line.split(":", 1) for line in report.splitlines() if ":" in line)
    try:
        rotate, confidence = int(fields["Rotate"]), float(fields["Orientation confidence"])
    except (KeyError, ValueError):
        return 0
    return rotate % 360 if confidence >= 2.0 else 0


def reads_vietnamese(lang: str) -> bool:
    """Is Vietnamese among the Tesseract languages ``lang`` ("vie", "vie+eng")?"""
    return "vie" in lang.split("+")


def looks_unreadable(data: dict[str, list], lang: str) -> bool:
    """Low confidence or non-Vietnamese gibberish: the page may be sideways or upside down.

    Tesseract is often confident about the gibberish it reads from upside-down text, so for
    Vietnamese we also ask whether the words are Vietnamese syllables.
    """
    words = [
        (float(conf), text.strip())
        for conf, text in zip(data["conf"], data["text"], strict=True)
        if float(conf) >= 0 and (text or "").strip()
    ]
    if len(words) < 10:
        return True
    mean_confidence = sum(conf for conf, _ in words) / len(words)
    if mean_confidence < 60:
        return True
    if reads_vietnamese(lang):
        return text_layer_quality(" ".join(text for _, text in words)).valid_share < 0.5
    return False


def data_to_page(
    data: dict[str, list], page: Page, to_original: Callable[[list[BBox]], list[BBox]]
) -> Page:
    """Fill ``page`` with words, lines and paragraphs; ``to_original`` maps a list of word
    boxes to page pixels (e.g. ``PreparedImage.boxes_to_original``)."""
    line_of: dict[tuple[int, int, int], Line] = {}
    block_of: dict[tuple[int, int], Block] = {}
    specks = noise_specks(data)
    marks = non_text_lines(data)
    specks |= marks
    boxes: list[BBox] = []
    for i, raw in enumerate(data["text"]):
        text = unicodedata.normalize("NFC", (raw or "").strip())
        if data["level"][i] != 5 or not text or i in specks:
            continue
        left, top = data["left"][i], data["top"][i]
        boxes.append((left, top, left + data["width"][i], top + data["height"][i]))
        confidence = float(data["conf"][i])
        page.words.append(Word(text=text, confidence=confidence if confidence >= 0 else None))
        block_key = (data["block_num"][i], data["par_num"][i])
        line_key = (*block_key, data["line_num"][i])
        if line_key not in line_of:
            line_of[line_key] = Line()
            page.lines.append(line_of[line_key])
            if block_key not in block_of:
                block_of[block_key] = Block()
                page.blocks.append(block_of[block_key])
            block_of[block_key].lines.append(len(page.lines) - 1)
        line_of[line_key].words.append(len(page.words) - 1)
    new_words = page.words[len(page.words) - len(boxes) :]
    for word, box in zip(new_words, to_original(boxes), strict=True):
        word.bbox = box
    for line in page.lines:
        line.bbox = union_box([page.words[i].bbox for i in line.words])
    for block in page.blocks:
        block.bbox = union_box([page.lines[i].bbox for i in block.lines])
        if looks_like_heading(" ".join(page.line_text(page.lines[i]) for i in block.lines)):
            block.kind = "heading"
    if marks:  # kept out of the text, listed with their boxes in page pixels
        kept = sorted(marks)
        boxes_of_marks = to_original(
            [
                (
                    data["left"][i],
                    data["top"][i],
                    data["left"][i] + data["width"][i],
                    data["top"][i] + data["height"][i],
                )
                for i in kept
            ]
        )
        page.provenance["non_text"] = [
            {"text": str(data["text"][i]).strip(), "bbox": list(box)}
            for i, box in zip(kept, boxes_of_marks, strict=True)
        ]
    confidences = [w.confidence for w in page.words if w.confidence is not None]
    page.mean_confidence = round(sum(confidences) / len(confidences), 2) if confidences else None
    return page


def noise_specks(data: dict[str, list]) -> set[int]:
    """Indices of "words" that are a speck of noise: unsure and far smaller than any letter.

    Tesseract reads the odd dust speck in a blank area as a letter ("Ẻ", confidence 14, a
    6×5-pixel box where letters are 27 pixels high). A real word, even "-" or ".", is
    either read with confidence or has a letter's height, and stands beside other words.
    """
    words = word_rows(data)
    if not words:
        return set()
    heights = sorted(data["height"][i] for i in words)
    letter = heights[len(heights) // 2]
    tiny = {
        i for i in words if data["height"][i] < 0.4 * letter and data["width"][i] < 0.4 * letter
    }
    # a tiny word alone on its line is a speck however sure Tesseract is (a tone mark cut
    # off its letter between two tight lines, read "Y" with confidence 87)
    alone = {rows[0] for rows in line_rows(data).values() if len(rows) == 1}
    return {i for i in tiny if 0 <= float(data["conf"][i]) < 30 or i in alone}


def word_rows(data: dict[str, list]) -> list[int]:
    """The rows of ``data`` (Tesseract's columns) that are words with text."""
    return [
        i
        for i, level in enumerate(data["level"])
        if level == 5 and str(data["text"][i] or "").strip()
    ]


def line_key(data: dict[str, list], i: int) -> tuple[int, int, int]:
    """The line row ``i`` of ``data`` lies on: (block, paragraph, line)."""
    return data["block_num"][i], data["par_num"][i], data["line_num"][i]


def line_rows(data: dict[str, list]) -> dict[tuple[int, int, int], list[int]]:
    """The word rows of each line of ``data`` (block, paragraph, line), in reading order."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i in word_rows(data):
        lines.setdefault(line_key(data, i), []).append(i)
    return lines


NON_TEXT_CONFIDENCE = 50.0


def non_text_lines(data: dict[str, list]) -> set[int]:
    """Indices of the words of lines that are marks, not text: every word read with low
    confidence and none a Vietnamese syllable, a number or a code (a pen stroke read as
    "ầsăẮ®ẮẶ.-—--", a rule line read as "—", a stamp's edge read as "`¬")."""
    marks: set[int] = set()
    for indices in line_rows(data).values():
        if all(
            _looks_like_a_mark(str(data["text"][i]).strip(), float(data["conf"][i]))
            for i in indices
        ):
            marks.update(indices)
    return marks


def _looks_like_a_mark(text: str, confidence: float) -> bool:
    if confidence >= NON_TEXT_CONFIDENCE or any(c.isdigit() for c in text):
        return False
    letters = "".join(c for c in text if c.isalpha())
    return not letters or not is_vietnamese_syllable(letters)


def looks_like_heading(text: str) -> bool:
    """A short block in capitals ("QUYẾT ĐỊNH", "I. MỤC ĐÍCH, YÊU CẦU") is a heading."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 120 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


# Tesseract's Vietnamese model holds the Icelandic eth (Ð U+00D0, ð U+00F0), drawn as Đ and
# đ are, and reads a crisp "61/ĐN-PC46" as "61/ÐN-PC46": no Vietnamese text writes the eth,
# so on a page read as Vietnamese it is Đ or đ (a code must come out as printed)
ETH_AS_D = str.maketrans({"Ð": "Đ", "ð": "đ"})


def vietnamese_d(data: dict[str, list], lang: str) -> dict[str, list]:
    """``data`` (Tesseract's columns) with the eth read for Đ/đ put back, on a page read in
    Vietnamese (``lang`` holds "vie")."""
    if not reads_vietnamese(lang):
        return data
    texts = [t.translate(ETH_AS_D) if isinstance(t, str) else t for t in data["text"]]
    return {**data, "text": texts}
