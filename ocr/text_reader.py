"""Plain-text input (e.g. an old OCR run): one Line per input line, blocks split at blank lines,
pages at form feeds; in a text with none, the long runs of blank lines that joined its pages
are noted on the page (``JOINED_PAGES_AT``).

Old files in TCVN3, VNI, VIQR or Windows-1258 are decoded (ocr/legacy_encoding.py).
"""

from __future__ import annotations

from pathlib import Path

from sohoa.errors import SohoaError
from sohoa.model import JOINED_PAGES_AT, Block, Line, Page, Word
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
    """Form feeds separate pages, as old OCR tools write them. A text with none keeps, in
    its page's provenance (``JOINED_PAGES_AT``), where its pages were joined by a run of
    blank lines (``page_joins``): the text stays one page, restored as one text, and the
    table reader parts rows there."""
    if "\f" in text:
        return [_text_page(number, chunk) for number, chunk in enumerate(text.split("\f"), 1)]
    page = _text_page(1, text)
    raw = text.splitlines()
    joins = set(page_joins(raw))
    starts = [k for k, line in enumerate(raw) if line.split()]  # raw line of each Line
    at = [index for index, k in enumerate(starts) if k in joins]
    if at:
        page.provenance[JOINED_PAGES_AT] = at
    return [page]


PAGE_JOIN_BLANKS_MIN = 4  # blank lines in a row, at least, to join pages (3: a signature's space)
PAGE_LINES_MIN = 15  # lines of text a page holds, at least, before a join ends it


def _blank_runs(lines: list[str]) -> list[tuple[int, int]]:
    """Each run of blank lines between two lines of text: (its first line, its length)."""
    runs: list[tuple[int, int]] = []
    start = None
    for k, line in enumerate(lines):
        if line.strip():
            if start is not None and start > 0:
                runs.append((start, k - start))
            start = None
        elif start is None:
            start = k
    return runs


def page_joins(lines: list[str]) -> list[int]:
    """Where an export with no form feeds joined its pages (the line each page starts at):
    the runs of blank lines much longer than the text's usual gap between paragraphs (four
    at least, and more than twice the usual shorter run plus one), each after a page's worth
    of text (``PAGE_LINES_MIN`` lines) since the text's start or the join before. A gap that
    comes sooner is a gap on the page (around a title, before a signature), not a join."""
    runs = _blank_runs(lines)
    gaps = sorted(length for _, length in runs if length < PAGE_JOIN_BLANKS_MIN) or [1]
    usual = gaps[len(gaps) // 2]  # between paragraphs (a text read as one block has few)
    join_length = max(PAGE_JOIN_BLANKS_MIN, 2 * usual + 2)
    joins: list[int] = []
    for start, length in runs:
        page_start = joins[-1] if joins else 0
        written = sum(1 for line in lines[page_start:start] if line.strip())
        if length >= join_length and written >= PAGE_LINES_MIN:
            joins.append(start + length)
    return joins


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
