"""The header's two columns and the title block of a document, for ``official_layout``.

With word boxes the header's columns are those ``extract/page_layout`` read; without them
(TXT, DOCX) the header is the run of first-page lines that carry a header marker
(``extract/layout_marks``: the national title, the motto, "Số:", "V/v", the date line), are in
capitals (the issuer) or continue a "V/v" summary. The title block is the type ("QUYẾT
ĐỊNH") and the summary centred under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from sohoa.extract.layout_marks import DATE, MOTTO, NATIONAL_TITLE, NUMBER, SUMMARY, phrase_at
from sohoa.model import Page
from sohoa.output.layout import TextBlock, nfc
from sohoa.output.official_parts import (
    ADDRESSEE,
    BODY_START,
    DocumentParts,
    PrintedLine,
    block_lines,
    is_caps,
    is_centred,
    remainder,
)

# the header's left column ends about here (share of the page width)
HEADER_SPLIT = 0.45
HEADER_MAX_LINES = 14
SUMMARY_MAX_LINES = 4
SUMMARY_LINE_WORDS = 10  # a "V/v" summary's wrapped line in the narrow left column
# "Bắc Ninh, ngày": up to four capitalised words before ", ngày"
PLACE_AND_DATE = regex.compile(
    r"(?<!\S)(?:\p{Lu}\S*\s+){0,3}\p{Lu}[^\s,]*\s*,\s*ngày\b|(?<!\S)ngày\b"
)
DOCUMENT_TYPES = (
    "QUYẾT ĐỊNH",
    "KẾ HOẠCH",
    "BÁO CÁO",
    "THÔNG BÁO",
    "NGHỊ ĐỊNH",
    "NGHỊ QUYẾT",
    "THÔNG TƯ",
    "CHỈ THỊ",
    "TỜ TRÌNH",
    "CÔNG ĐIỆN",
    "HƯỚNG DẪN",
    "LUẬT",
    "PHÁP LỆNH",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "DỰ ÁN",
    "BIÊN BẢN",
    "GIẤY MỜI",
    "GIẤY GIỚI THIỆU",
    "HỢP ĐỒNG",
    "BẢN GHI NHỚ",
    "BẢN THỎA THUẬN",
    "GIẤY ỦY QUYỀN",
    "THÔNG CÁO",
    "KẾT LUẬN",
)
HEADER_PARTS = ("header_left", "header_right")


def take_laid_header(blocks: list[TextBlock], parts: DocumentParts) -> list[TextBlock] | None:
    """The header's columns as page_layout read them from the words' boxes: moved into
    ``parts`` and out of ``blocks`` with the page furniture above them (returned, to be
    written as body). None when no page had its header read that way."""
    laid = [i for i, block in enumerate(blocks) if block.part in HEADER_PARTS]
    if not laid:
        return None
    furniture = [block for block in blocks[: laid[-1] + 1] if block.part is None]
    for block in blocks[: laid[-1] + 1]:
        if block.part == "header_left":
            parts.header_left.extend(block.lines)
        elif block.part == "header_right":
            parts.header_right.extend(block.lines)
    del blocks[: laid[-1] + 1]
    return furniture


@dataclass
class _HeaderRun:
    """The header's lines taken so far, by column."""

    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    markers: int = 0  # lines carrying a header marker
    count: int = 0
    after_summary: bool = False  # the last left-column line was the "V/v" summary's


def take_header(blocks: list[TextBlock], pages: dict[int, Page], parts: DocumentParts) -> int:
    """Move the header's lines into ``parts``; return the index of the first block after it.

    The header is the run of first-page lines that carry a header marker, are in capitals
    (the issuer) or continue a "V/v" summary; it ends at the document type, the addressee
    or the first full-width line of prose. A header found without any marker is no header.
    """
    if not blocks:
        return 0
    run = _HeaderRun()
    taken: list[tuple[int, int]] = []  # (block, lines taken from it)
    for index, block in enumerate(blocks):
        if block.page != blocks[0].page:
            break
        lines = block_lines(block, pages)
        used = 0
        for line in lines:
            if not _take_header_line(line, run):
                break
            used += 1
        if used:
            taken.append((index, used))
        if used < len(lines):
            break
    if run.markers == 0 or not taken:
        return 0
    last_block, used = taken[-1]
    lines = block_lines(blocks[last_block], pages)
    parts.header_left, parts.header_right = run.left, run.right
    if used < len(lines):  # the rest of a block that began in the header stays text
        blocks[last_block] = remainder(blocks[last_block], lines[used:], pages)
        return last_block
    return last_block + 1


def _take_header_line(line: PrintedLine, run: _HeaderRun) -> bool:
    """Put a header line's pieces into their columns; False when the header has ended."""
    text = line.text
    if run.count >= HEADER_MAX_LINES or _is_type_line(text) or ADDRESSEE.match(text):
        return False
    pieces = _split_header(line)
    marked = [_header_marker(p.text) for p in pieces]
    is_header = any(marked) or (
        run.count < 4 and all(is_caps(p.text) for p in pieces) and len(text.split()) <= 12
    )
    if not is_header and run.after_summary and _continues_summary(line):
        is_header = True  # the summary's wrapped lines
    if not is_header:
        return False
    run.markers += sum(1 for m in marked if m)
    for piece, mark in zip(pieces, marked, strict=True):
        side = _header_side(piece, mark)
        (run.left if side == "left" else run.right).append(piece.text)
        if mark == "summary":
            run.after_summary = True
        elif mark or side == "right":
            run.after_summary = run.after_summary and side == "right"
    run.count += 1
    return True


def _header_marker(text: str) -> str | None:
    if phrase_at(text, NATIONAL_TITLE) is not None:
        return "national"
    if phrase_at(text, MOTTO) is not None:
        return "motto"
    if NUMBER.match(text):
        return "number"
    if SUMMARY.match(text):
        return "summary"
    if DATE.search(text) and len(text.split()) <= 14:
        return "date"
    return None


def _header_side(piece: PrintedLine, mark: str | None) -> str:
    if mark in ("national", "motto", "date"):
        return "right"
    if mark in ("number", "summary"):
        return "left"
    if piece.x0 is not None and piece.x1 is not None:
        return "left" if (piece.x0 + piece.x1) / 2 < HEADER_SPLIT else "right"
    return "left"


def _split_header(line: PrintedLine) -> list[PrintedLine]:
    """A header line holding both columns, as its two parts (by the words' boxes, else by
    where the right column's marker begins: "CỘNG HÒA", "Độc lập", "<place>, ngày")."""
    text = line.text
    for phrase in (NATIONAL_TITLE, MOTTO):
        at = phrase_at(text, phrase)
        if at and text[:at].strip():
            return [PrintedLine(text[:at].strip()), PrintedLine(text[at:].strip())]
    date = PLACE_AND_DATE.search(text)
    if date and date.start() > 0 and DATE.search(text) and text[: date.start()].strip():
        return [
            PrintedLine(text[: date.start()].strip()),
            PrintedLine(text[date.start() :].strip()),
        ]
    return [line]


def _continues_summary(line: PrintedLine) -> bool:
    """A line under "V/v …" in the left column (or, without boxes, short and not prose)."""
    if line.x1 is not None:
        return line.x1 < HEADER_SPLIT + 0.05
    return len(line.text.split()) <= SUMMARY_LINE_WORDS and not BODY_START.match(line.text)


def take_title(
    blocks: list[TextBlock],
    start: int,
    pages: dict[int, Page],
    known_type: str | None,
    parts: DocumentParts,
) -> int:
    """The document type and the summary under it, centred; return the body's first block.

    The summary is the lines after the type, in its block and the next ones, up to the first
    line in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN") or the start of the body ("Căn cứ …").
    """
    if start >= len(blocks):
        return start
    block = blocks[start]
    lines = block_lines(block, pages)
    if not lines or not _is_type_line(lines[0].text, known_type):
        return start
    summary: list[str] = []
    for offset, line in enumerate(lines[1:], start=1):
        if not _is_summary_line(line.text):
            parts.title = [lines[0].text, *_joined(summary)]
            blocks[start] = remainder(block, lines[offset:], pages)
            return start
        summary.append(line.text)
    index = start + 1
    while index < len(blocks) and len(summary) < SUMMARY_MAX_LINES:
        following = block_lines(blocks[index], pages)
        if not all(_is_summary_line(line.text) for line in following):
            break
        justified = any(is_centred(line) is False for line in following)
        if len(following) > 2 and justified and not SUMMARY.match(following[0].text):
            break  # a justified paragraph
        summary.extend(line.text for line in following)
        index += 1
    parts.title = [lines[0].text, *_joined(summary)]
    return index


def _joined(lines: list[str]) -> list[str]:
    return [" ".join(lines)] if lines else []


def _is_summary_line(text: str) -> bool:
    if BODY_START.match(text) or ADDRESSEE.match(text) or is_caps(text):
        return False
    return not text.endswith((";", ".", ":")) or SUMMARY.match(text) is not None


def _is_type_line(text: str, known: str | None = None) -> bool:
    """ "KẾ HOẠCH", or the type with a mark or two before it ("AM 4 QUYẾT ĐỊNH": a
    handwritten number read as letters)."""
    words = _squash(text).rstrip(":").split()
    types = {_squash(t) for t in (*DOCUMENT_TYPES, known or "")} - {""}
    return any(
        " ".join(words[n:]) in types and all(len(w) <= 3 for w in words[:n]) for n in range(3)
    )


def _squash(text: str) -> str:
    return " ".join(nfc(text).upper().split())
