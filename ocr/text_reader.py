"""Plain-text input (e.g. an old OCR run): one Line per input line, blocks split at blank lines."""

from __future__ import annotations

from pathlib import Path

from sohoa.errors import SohoaError
from sohoa.model import Block, Line, Page, Word


def read_text_file(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SohoaError(
            path, "is not UTF-8 text", "convert it to UTF-8 (e.g. iconv -f CP1258 -t UTF-8)"
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
