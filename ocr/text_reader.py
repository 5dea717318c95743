"""Plain-text input (e.g. an old OCR run): one Line per input line, blocks split at blank lines.

Old files in TCVN3, VNI, VIQR or Windows-1258 are decoded (ocr/legacy_encoding.py).
"""

from __future__ import annotations

from pathlib import Path

from sohoa.errors import SohoaError
from sohoa.model import Block, Line, Page, Word
from sohoa.ocr.legacy_encoding import Encoding, decode_bytes


def read_text_file(path: Path) -> str:
    return read_text_file_encoding(path)[0]


def read_text_file_encoding(path: Path) -> tuple[str, Encoding]:
    """The file's text and its encoding: UTF-8/16, or a legacy Vietnamese one (TCVN3, VNI,
    VIQR, VISCII, Windows-1258), the one that reads best as Vietnamese (see legacy_encoding)."""
    try:
        return decode_bytes(path.read_bytes())
    except ValueError:
        raise SohoaError(
            path,
            "is not UTF-8 text, nor Vietnamese in TCVN3, VNI, VIQR, VISCII or Windows-1258",
            "convert it to UTF-8 (e.g. iconv -f CP1258 -t UTF-8)",
        ) from None


def text_to_pages(text: str) -> list[Page]:
    """Form feeds separate pages, as old OCR tools write them."""
    return [_text_page(number, chunk) for number, chunk in enumerate(text.split("\f"), start=1)]


def _text_page(number: int, text: str) -> Page:
    page = Page(number=number, width=0, height=0, dpi=0, origin="txt")
    current: Block | None = None
    for raw_line in text.splitlines():
        tokens = raw_line.split()
        if not tokens:
            current = None
            continue
        if current is None:
            current = Block()
            page.blocks.append(current)
        first = len(page.words)
        page.words.extend(Word(text=token, origin="txt") for token in tokens)
        current.lines.append(len(page.lines))
        page.lines.append(Line(words=list(range(first, len(page.words))), raw_text=raw_line))
    return page
