"""The parts of a document (``DocumentParts``) and the printed lines they are cut from: a
block's lines with their words' horizontal extent where the page has word boxes, a block cut
down to some of its lines, and what a line looks like (centred, in capitals, the body's
start, "Kính gửi").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sohoa.model import Block, Page
from sohoa.output.layout import TextBlock, nfc, runs_with_lines

CENTRED_TOLERANCE = 0.08  # a line is centred when its middle is this close to the page's
ADDRESSEE = re.compile(r"^K[íi]nh\s*g[ửu]i\b", re.IGNORECASE)
BODY_START = re.compile(
    r"^(Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Theo|Xét|Nhằm|Để|Điều\s+\d|Chương\s+[IVX\d]|"
    r"[IVX]+\s*[.:]|\d+\s*[.:)])"
)
Align = Literal["justify", "centre", "left"]


@dataclass
class BodyParagraph:
    text: str
    kind: Literal["paragraph", "heading", "addressee"] = "paragraph"
    align: Align = "justify"


@dataclass
class DocumentParts:
    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)  # the type, then the summary's runs
    body: list[BodyParagraph] = field(default_factory=list)
    closing_left: list[str] = field(default_factory=list)
    closing_right: list[str] = field(default_factory=list)
    following: DocumentParts | None = None  # the next document or appendix, from a new page


@dataclass
class PrintedLine:
    """One printed line, or the part of one that falls in a column."""

    text: str
    x0: float | None = None  # share of the page width, when the page has word boxes
    x1: float | None = None
    words: list[tuple[str, float, float]] = field(default_factory=list)  # (text, x0, x1)
    index: int | None = None  # the line in Page.lines (None: a run of text input)


def block_lines(block: TextBlock, pages: dict[int, Page]) -> list[PrintedLine]:
    """The block's printed lines, with their words' horizontal extent where known."""
    page = pages.get(block.page)
    if page is None or not block.line_groups:
        return [PrintedLine(run) for run in block.lines]
    lines = []
    for group in block.line_groups:
        for index in group:
            if not 0 <= index < len(page.lines):
                continue
            line = page.lines[index]
            words = [page.words[i] for i in line.words if 0 <= i < len(page.words)]
            text = " ".join(nfc(w.text) for w in words).strip()
            if not text:
                continue
            boxes = [w.bbox for w in words]
            if page.width and all(b is not None for b in boxes):
                spans = [
                    (" ".join(nfc(w.text).split()), b[0] / page.width, b[2] / page.width)  # type: ignore[index]
                    for w, b in zip(words, boxes, strict=True)
                ]
                item = _piece([s for s in spans if s[0]])
            else:
                item = PrintedLine(" ".join(text.split()))
            item.index = index
            lines.append(item)
    return lines or [PrintedLine(run) for run in block.lines]


def _piece(words: list[tuple[str, float, float]]) -> PrintedLine:
    return PrintedLine(" ".join(w[0] for w in words), words[0][1], words[-1][2], words)


def remainder(block: TextBlock, lines: list[PrintedLine], pages: dict[int, Page]) -> TextBlock:
    """The block made of some of its printed lines only (the others go to another part)."""
    if any(line.index is None for line in lines):  # no page lines behind them: runs
        return TextBlock(block.kind, [line.text for line in lines], block.page, block.from_text)
    page = pages[block.page]
    rest = Block(lines=[line.index for line in lines if line.index is not None], kind=block.kind)
    runs = runs_with_lines(page, rest)
    texts, groups = [t for t, _ in runs], [g for _, g in runs]
    return TextBlock(block.kind, texts, block.page, block.from_text, groups)


def is_centred(line: PrintedLine) -> bool | None:
    if line.x0 is None or line.x1 is None:
        return None
    return abs((line.x0 + line.x1) / 2 - 0.5) < CENTRED_TOLERANCE and line.x0 > 0.18


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text.upper() == text
