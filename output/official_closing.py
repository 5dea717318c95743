"""The closing of a document, for ``official_layout``: "Nơi nhận:" and its list on the left,
the signature block (TM./KT./Q. lines, the position, the name) on the right; where it starts
and ends, and a line holding both columns cut in two.
"""

from __future__ import annotations

import re

from sohoa.extract.layout_marks import AUTHORITY, opens_recipients
from sohoa.model import Page
from sohoa.output.layout import TextBlock
from sohoa.output.official_parts import PrintedLine, block_lines

NAME_MAX_WORDS = 5
CLOSING_MAX_WORDS = 25  # a block longer than this is prose, not the closing
SIGNER_POSITION = re.compile(
    r"^(PHÓ\s+)?(CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỦ\s+TRƯỞNG|TRƯỞNG\s+\S+|CHÁNH\s+\S+|"
    r"THỦ\s+TƯỚNG|TỔNG\s+GIÁM\s+ĐỐC|HIỆU\s+TRƯỞNG|CỤC\s+TRƯỞNG|BÍ\s+THƯ)\b"
)
LIST_ITEM = ("-", "–", "+", "•", "Lưu")  # how the lines under "Nơi nhận:" begin


def closing_range(
    blocks: list[TextBlock], start: int, appendix: int, pages: dict[int, Page]
) -> tuple[int, int]:
    """Where "Nơi nhận" and the signature begin and end; the next part starts at the end.

    The closing is the run of short blocks around the first "Nơi nhận" or TM./KT./Q. line
    (what follows it is another document or an appendix). Without one, it is the last run
    of short blocks before the appendices (or the end) that holds a signer's position in
    capitals ("CHỦ TỊCH"). No marker: no closing, and the next part is the appendix.
    """
    strong = next(
        (i for i in range(start, appendix) if _has_closing_marker(blocks[i], pages, True)), None
    )
    if strong is None:
        return _closing_start(blocks[:appendix], start, pages), appendix
    end = strong + 1
    while end < appendix and _continues_closing(blocks[end], pages):
        end += 1
    return _closing_start(blocks[:end], start, pages), end


def _continues_closing(block: TextBlock, pages: dict[int, Page]) -> bool:
    """A recipient ("- Lưu: VT."), an authority or position line, or the signer's name."""
    text = " ".join(block.lines)
    if len(text.split()) > CLOSING_MAX_WORDS:
        return False
    return (
        text.startswith(LIST_ITEM) or _has_closing_marker(block, pages) or _looks_like_a_name(text)
    )


def _looks_like_a_name(text: str) -> bool:
    """ "Mai Sơn", "Nguyễn Văn An": a few capitalised words, nothing else."""
    words = text.split()
    return 2 <= len(words) <= NAME_MAX_WORDS and all(
        w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words
    )


def _closing_start(blocks: list[TextBlock], start: int, pages: dict[int, Page]) -> int:
    """The earliest block of the last run of short blocks with a closing marker, or the end."""
    closing = len(blocks)
    for index in range(len(blocks) - 1, start - 1, -1):
        block = blocks[index]
        if _has_closing_marker(block, pages):
            closing = index
        elif len(" ".join(block.lines).split()) > CLOSING_MAX_WORDS:
            break  # the body's last paragraph
    return closing


def _has_closing_marker(block: TextBlock, pages: dict[int, Page], strong: bool = False) -> bool:
    """Whether a line starts with "Nơi nhận", TM./KT./Q. or (unless ``strong``) a signer's
    position in capitals ("PHÓ CHỦ TỊCH", which also heads a decision's body)."""
    for line in block_lines(block, pages):
        for piece in _split_closing_text(line.text):
            text = piece.text
            if opens_recipients(text) or AUTHORITY.match(text):
                return True
            if not strong and SIGNER_POSITION.match(text):
                return True
    return False


def split_closing(line: PrintedLine) -> list[tuple[str, str]]:
    """A closing line as (text, "left" | "right") pieces."""
    pieces = _split_closing_text(line.text)
    result = []
    for piece in pieces:
        text = piece.text
        if opens_recipients(text) or text.startswith(LIST_ITEM):
            side = "left"
        elif AUTHORITY.match(text) or SIGNER_POSITION.match(text) or _looks_like_a_name(text):
            side = "right"  # the signer's name, wherever the scan put it
        elif piece.x0 is not None and piece.x1 is not None:
            side = "left" if (piece.x0 + piece.x1) / 2 < 0.5 else "right"
        else:
            side = "right"
        result.append((text, side))
    return result


def _split_closing_text(text: str) -> list[PrintedLine]:
    """ "- Như trên; KT. CHỦ TỊCH" (old OCR put both columns on one line) as two parts."""
    found = re.search(r"\s(TM|KT|TL|TUQ|Q)\s*\.\s*\S|\s(PHÓ\s+)?(CHỦ\s+TỊCH|GIÁM\s+ĐỐC)\b", text)
    head = text[: found.start()].strip() if found else ""
    if found and (opens_recipients(head) or head.startswith(LIST_ITEM)):
        return [PrintedLine(head), PrintedLine(text[found.start() :].strip())]
    return [PrintedLine(text)]
