"""The lines the metadata extractor reads, cut along the page's columns where there are boxes.

Nghị định 30/2020/NĐ-CP puts the header in two blocks side by side — issuer, parent body and
"Số: …/…" on the left; quốc hiệu, tiêu ngữ and "địa danh, ngày … tháng … năm …" on the
right — and the signature block right of "Nơi nhận". OCR reads such a page line by line
across both blocks ("SỞ Y TẾ BẮC NINH CỘNG HÒA XÃ HỘI …"). Where the page has word boxes
(scans, digital PDFs) this module cuts each header and signature line at its wide gaps and
gives the left block's pieces top-down, then the right block's, so that every line holds
one thing. Text without boxes (TXT, DOCX) comes through line by line.

Each line keeps where it was read (page, box) and how sure the OCR was, for the metadata's
``nguon``. Document codes are given as OCR read them: the restorer must not change codes
(it has been seen to turn NĐ-CP into NĐ-CĐ), so a word holding "/" that it edited is put
back to its original.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from sohoa.extract.admin_vocab import fold, is_type_heading, similar, starts_body
from sohoa.model import BBox, Document, Page

MOTTO = "cong hoa xa hoi chu nghia viet nam"
MOTTO_START = "cong hoa xa hoi"
GAP_HEIGHTS = 2.0  # a gap wider than this many word heights separates two blocks on a line
COLUMN_GAP_HEIGHTS = 1.0  # a header line across the column split is cut at such a gap
HEADER_DEPTH = 0.45  # the header blocks lie in the top part of the first page
SIGNATURE_ROWS = 25  # a signature block and its recipients never run longer than this
SIGNATURE_WORDS = ("noi nhan", "tm.", "kt.", "tl.", "tuq.", "q.")


@dataclass
class SourceLine:
    """One line of text for the metadata extractor, and where it was read."""

    text: str
    page: int | None = None
    bbox: BBox | None = None
    confidence: float = 1.0  # 0..1: mean OCR confidence of its words (1 for clean text)
    layout: bool = False  # cut out of a header or signature block by its position
    words: tuple[int, ...] = ()  # its words on the page (indices into Page.words)


def lines_for_metadata(doc: Document) -> list[SourceLine]:
    """Every page's lines in reading order, header and signature blocks cut apart."""
    originals = {(e.page, e.word): e.original for e in doc.edits if e.page and e.word is not None}
    lines: list[SourceLine] = []
    first = True
    for page in doc.pages:
        if not any(word.bbox for word in page.words) or page.rotation:
            # no boxes (TXT, DOCX), or boxes of a page turned before OCR (their x is not
            # across the page as read): the lines as the OCR gave them
            lines.extend(
                SourceLine(text, page.number) for text in page.text().splitlines() if text.strip()
            )
            continue
        pieces = [_pieces(page, line_index, originals) for line_index in _reading_order(page)]
        pieces = [row for row in pieces if row]
        if first and pieces:
            pieces = _header_by_columns(page, pieces, originals)
            first = False
        lines.extend(_signature_by_columns(page, pieces))
    return lines


def _reading_order(page: Page) -> list[int]:
    order = [index for block in page.blocks for index in block.lines]
    return order or list(range(len(page.lines)))


def _pieces(page: Page, line_index: int, originals: dict[tuple[int, int], str]) -> list[SourceLine]:
    """The line cut at its wide gaps (words in the OCR's order, left to right)."""
    boxed = [
        (i, page.words[i].bbox)
        for i in page.lines[line_index].words
        if page.words[i].text.strip() and page.words[i].bbox
    ]
    if not boxed:
        return []
    height = statistics.median(box[3] - box[1] for _, box in boxed)  # type: ignore[index]
    groups: list[list[int]] = [[boxed[0][0]]]
    for (_, before), (after, box) in itertools.pairwise(boxed):
        if box[0] - before[2] > GAP_HEIGHTS * max(height, 1.0):  # type: ignore[index]
            groups.append([])
        groups[-1].append(after)
    groups = [part for group in groups for part in _cut_before_motto(page, group)]
    return [_source_line(page, group, originals) for group in groups]


def _cut_before_motto(page: Page, group: list[int]) -> list[list[int]]:
    """The quốc hiệu opens its own block: a group whose gap before "CỘNG HÒA" was too
    narrow to cut ("ỦY BAN NHÂN DÂN THỊ XÃ LAGI CỘNG HÒA XÃ HỘI …") is cut there."""
    for k in range(1, len(group) - 1):
        head = fold(" ".join(page.words[i].text for i in group[k : k + 4]))
        if similar(head[: len(MOTTO_START)], MOTTO_START) >= 85:
            return [group[:k], group[k:]]
    return [group]


def _union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _source_line(page: Page, group: list[int], originals: dict[tuple[int, int], str]) -> SourceLine:
    texts = []
    for index in group:
        original = originals.get((page.number, index))
        texts.append(
            original if original is not None and "/" in original else page.words[index].text
        )
    words = [page.words[i] for i in group]
    scores = [word.confidence for word in words if word.confidence is not None]
    confidence = sum(scores) / len(scores) / 100 if scores else 1.0
    bbox = _union([word.bbox for word in words if word.bbox])
    return SourceLine(" ".join(texts), page.number, bbox, round(confidence, 3), words=tuple(group))


def _joined(row: list[SourceLine]) -> SourceLine:
    if len(row) == 1:
        return row[0]
    bbox = _union([piece.bbox for piece in row if piece.bbox])
    confidence = min(piece.confidence for piece in row)
    return SourceLine(" ".join(p.text for p in row), row[0].page, bbox, confidence)


def _is_motto(text: str) -> bool:
    folded = fold(text)
    return len(folded) >= 12 and similar(folded[: len(MOTTO)], MOTTO) >= 70


def _ends_header(row: list[SourceLine], page: Page) -> bool:
    """A type heading, the first body line, or the page's middle: the header is over."""
    text = " ".join(piece.text for piece in row)
    top = row[0].bbox[1] if row[0].bbox else 0.0
    return top > HEADER_DEPTH * page.height or is_type_heading(text) or starts_body(text)


def _header_by_columns(
    page: Page, rows: list[list[SourceLine]], originals: dict[tuple[int, int], str]
) -> list[list[SourceLine]]:
    """The header rows given as the left block top-down, then the right block."""
    end = next((i for i, row in enumerate(rows) if _ends_header(row, page)), len(rows))
    header = [piece for row in rows[:end] for piece in row]
    if not header:
        return rows
    motto = next((piece for piece in header if _is_motto(piece.text)), None)
    if motto is not None and motto.bbox:
        split = motto.bbox[0] - 0.02 * page.width
        above = [p for p in header if p.bbox and p.bbox[3] <= motto.bbox[1]]
    else:
        split, above = 0.45 * page.width, []

    def centre(piece: SourceLine) -> float:
        return (piece.bbox[0] + piece.bbox[2]) / 2 if piece.bbox else 0.0

    def top(piece: SourceLine) -> float:
        return piece.bbox[1] if piece.bbox else 0.0

    left: list[SourceLine] = []
    right: list[SourceLine] = []
    rows[:end] = [
        [part for piece in row for part in _cut_at_column(page, piece, split, originals)]
        for row in rows[:end]
    ]
    for row in rows[:end]:  # a row's pieces on one side are one line (blanks for handwriting)
        pieces = [piece for piece in row if piece not in above]
        for side, chosen in ((left, True), (right, False)):
            same = [piece for piece in pieces if (centre(piece) < split) == chosen]
            if same:
                side.append(_joined(same))
    left.sort(key=top)
    right.sort(key=top)
    for piece in left + right:
        piece.layout = True
    # page furniture above the header (a gazette's running head) goes to the end
    return [[piece] for piece in left + right] + rows[end:] + [[piece] for piece in above]


def _cut_at_column(
    page: Page, piece: SourceLine, split: float, originals: dict[tuple[int, int], str]
) -> list[SourceLine]:
    """A piece running across the column split (a long "V/v …" line close to "Sóc Trăng,
    ngày …") cut at the gap where the right column's words begin, if that gap is wider than
    a word height."""
    if not piece.words or piece.bbox is None or not piece.bbox[0] < split < piece.bbox[2]:
        return [piece]
    boxes = [page.words[i].bbox for i in piece.words]
    for k in range(1, len(piece.words)):
        before, after = boxes[k - 1], boxes[k]
        if before is None or after is None or after[0] < split:
            continue
        if after[0] - before[2] > COLUMN_GAP_HEIGHTS * max(after[3] - after[1], 1.0):
            parts = [list(piece.words[:k]), list(piece.words[k:])]
            return [_source_line(page, part, originals) for part in parts]
    return [piece]


def _signature_by_columns(page: Page, rows: list[list[SourceLine]]) -> list[SourceLine]:
    """Rows from "Nơi nhận" / "TM." on: the left column's pieces, then the right column's."""
    start = next(
        (
            i
            for i, row in enumerate(rows)
            if any(fold(piece.text).lstrip(" -").startswith(SIGNATURE_WORDS) for piece in row)
            and len(row) > 1
        ),
        None,
    )
    if start is None:
        return [_joined(row) for row in rows]
    end = min(len(rows), start + SIGNATURE_ROWS)
    zone = [piece for row in rows[start:end] for piece in row]
    centre = page.width / 2
    left = [p for p in zone if p.bbox and (p.bbox[0] + p.bbox[2]) / 2 < centre]
    right = [p for p in zone if p not in left]
    for piece in right:
        piece.layout = True
    return [_joined(row) for row in rows[:start]] + left + right + [_joined(r) for r in rows[end:]]
