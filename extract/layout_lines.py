"""The lines the metadata extractor reads, cut along the page's columns where there are boxes.

Nghị định 30/2020/NĐ-CP puts the header in two blocks side by side — issuer, parent body and
"Số: …/…" on the left; quốc hiệu, tiêu ngữ and "địa danh, ngày … tháng … năm …" on the
right — and the signature block right of "Nơi nhận". OCR reads such a page line by line
across both blocks ("SỞ Y TẾ BẮC NINH CỘNG HÒA XÃ HỘI …"). Where the page has word boxes
(scans, digital PDFs) the blocks are those ``page_layout.read_layout`` finds — the same the
text output is written in — so that every line holds one thing. Text without boxes (TXT,
DOCX) comes through line by line.

Each line keeps where it was read (page, box) and how sure the OCR was, for the metadata's
``nguon``. Document codes are given as OCR read them: the restorer must not change codes
(it has been seen to turn NĐ-CP into NĐ-CĐ), so a word holding "/" that it edited is put
back to its original.
"""

from __future__ import annotations

from dataclasses import dataclass

from sohoa.extract.page_layout import (
    Piece,
    first_text_page,
    has_boxes,
    read_layout,
    reading_order,
)
from sohoa.extract.word_boxes import has_letters
from sohoa.model import BBox, Document, Page, union_box

LIST_MARKS = "-–—+•"  # a word of these alone starts a list item (or is a dash in a motto)


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
    """Every page's lines in reading order, header and signature blocks cut apart.

    The blocks are those of ``page_layout.read_layout``, the same the text output is
    written in: the header's left block, its right block, the body, the recipients and the
    signature block; page furniture above the header comes last.
    """
    originals = {(e.page, e.word): e.original for e in doc.edits if e.page and e.word is not None}
    lines: list[SourceLine] = []
    header_page = first_text_page(doc)
    for page in doc.pages:
        if not has_boxes(page):
            # no boxes (TXT, DOCX), or boxes of a page turned before OCR (their x is not
            # across the page as read): the lines as the OCR gave them
            lines.extend(
                SourceLine(text, page.number) for text in page.text().splitlines() if text.strip()
            )
            continue
        layout = read_layout(page, header=page.number == header_page)

        def source(piece: Piece, cut: bool) -> SourceLine:
            line = _source_line(page, piece.words, originals)  # noqa: B023
            line.layout = cut
            return line

        # the left column top-down, then the right one (the extractor reads the issuer as
        # the capitals above "Số:"; the text has the same pieces in ND30's cell order)
        header = [source(p, True) for p in layout.header_left + layout.header_right]
        closing = [source(p, False) for p in layout.recipients]
        closing += [source(p, True) for p in layout.signature]
        for index in reading_order(page):
            if index in layout.header_lines:
                lines.extend(header)
                header = []
            elif index in layout.closing_lines:
                lines.extend(closing)
                closing = []
            elif words := [i for i in page.lines[index].words if _has_text(page, i)]:
                lines.append(_source_line(page, words, originals))
        lines.extend(source(p, False) for p in layout.above)
    return [line for line in lines if line.text.strip()]


def _is_speck(text: str) -> bool:
    return not has_letters(text) and not any(c in LIST_MARKS for c in text)


def _has_text(page: Page, index: int) -> bool:
    return bool(page.words[index].text.strip() and page.words[index].bbox)


def _source_line(page: Page, group: list[int], originals: dict[tuple[int, int], str]) -> SourceLine:
    """The words as one line; a speck (a word with no letter or digit that is not a list
    mark or dash: "ˆ", "`", a lone "," or "„") is left out of what the extractor reads,
    and of the line's box and confidence (a speck beside a heading moves its centre)."""
    texts = []
    kept = [i for i in group if not _is_speck(page.words[i].text)] or group
    for index in kept:
        if _is_speck(page.words[index].text):
            continue
        original = originals.get((page.number, index))
        texts.append(
            original if original is not None and "/" in original else page.words[index].text
        )
    words = [page.words[i] for i in kept]
    scores = [word.confidence for word in words if word.confidence is not None]
    confidence = sum(scores) / len(scores) / 100 if scores else 1.0
    bbox = union_box(word.bbox for word in words)
    return SourceLine(" ".join(texts), page.number, bbox, round(confidence, 3), words=tuple(group))
