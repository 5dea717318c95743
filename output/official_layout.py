"""The parts of a Vietnamese administrative document, as Nghị định 30/2020/NĐ-CP lays them out.

A document printed to ND30's Phụ lục I has, from the top:

- a header in two columns: the issuer (its parent body above it), the number ("Số: …") and,
  for a công văn, the "V/v …" summary on the left; the national title ("CỘNG HÒA XÃ HỘI CHỦ
  NGHĨA VIỆT NAM"), the motto ("Độc lập - Tự do - Hạnh phúc") and the place and date on the
  right;
- the title block, centred: the document type ("QUYẾT ĐỊNH", "KẾ HOẠCH") and its summary;
- the body;
- the closing in two columns: "Nơi nhận:" and its list on the left; the signature block
  (TM./KT./Q. lines, the position, the name) on the right;
- what follows the signature (the plan a decision approves, a Phụ lục whose table was not
  extracted) is the next part, read the same way, from a new page.

``document_parts`` sorts the document's text into those parts. Where the page has word boxes
(scans, digital PDFs) the header's columns, the recipients and the signature block are the
blocks ``extract/page_layout.py`` read (``Block.part``) — the same the text output and the
metadata use; where not (TXT, DOCX), the printed markers (Số, V/v, Độc lập, ngày … tháng …
năm, Nơi nhận, TM./KT.) decide. Every line of text lands in exactly one part; what is not
recognised stays in the body, so nothing is lost when a document does not follow ND30.

The readers: ``official_header`` (the header's columns and the title block), ``official_closing``
("Nơi nhận" and the signature block), ``official_parts`` (the parts' records and the printed
lines they are cut from). The markers are those of ``extract/layout_marks``, the same the
layout reader of pages with word boxes uses.
"""

from __future__ import annotations

from sohoa.extract.layout_marks import APPENDIX
from sohoa.model import Document, Page
from sohoa.output.layout import TextBlock, looks_like_heading, text_blocks
from sohoa.output.official_closing import closing_range, split_closing
from sohoa.output.official_header import take_header, take_laid_header, take_title
from sohoa.output.official_parts import (
    ADDRESSEE,
    BODY_START,
    Align,
    BodyParagraph,
    DocumentParts,
    block_lines,
    is_centred,
    remainder,
)

ADDRESSEE_INDENT = 0.25  # recipients listed under "Kính gửi:" start this far in
APPENDIX_CAPTION_WORDS = 4  # "Phụ lục", "PHỤ LỤC II", "Phụ lục số 01"
CLOSING_PARTS = ("recipients", "signature")


def document_parts(doc: Document) -> DocumentParts:
    """The document's parts; a document that holds several (a decision, then the plan it
    approves, then its Phụ lục) gives one ``DocumentParts`` each, chained by ``following``."""
    pages = {page.number: page for page in doc.pages}
    return _parts(text_blocks(doc), pages, doc.metadata.loai_van_ban)


def _parts(
    blocks: list[TextBlock], pages: dict[int, Page], known_type: str | None
) -> DocumentParts:
    parts = DocumentParts()
    furniture = take_laid_header(blocks, parts)
    start = 0 if furniture is not None else take_header(blocks, pages, parts)
    start = take_title(blocks, start, pages, known_type, parts)
    appendix = _appendix_start(blocks, start, pages)
    laid = [i for i in range(start, len(blocks)) if blocks[i].part in CLOSING_PARTS]
    if laid:  # the page's closing, as page_layout read it
        end, rest = laid[0], laid[-1] + 1
    else:
        end, rest = closing_range(blocks, start, appendix, pages)
    for block in [*(furniture or []), *blocks[start:end]]:
        paragraphs = _body_paragraphs(block, pages)
        if parts.body and parts.body[-1].kind == "addressee" and _lists_recipients(block, pages):
            paragraphs = [BodyParagraph(p.text, "addressee", "left") for p in paragraphs]
        parts.body.extend(paragraphs)
    for block in blocks[end:rest]:
        if block.part in CLOSING_PARTS:
            side = parts.closing_left if block.part == "recipients" else parts.closing_right
            side.extend(block.lines)
            continue
        for line in block_lines(block, pages):
            for piece, side in split_closing(line):
                (parts.closing_left if side == "left" else parts.closing_right).append(piece)
    if rest < len(blocks):
        if rest == 0:  # nothing recognised: all of it is body
            parts.body.extend(p for b in blocks for p in _body_paragraphs(b, pages))
        else:
            parts.following = _parts(blocks[rest:], pages, None)
    return parts


def _appendix_start(blocks: list[TextBlock], start: int, pages: dict[int, Page]) -> int:
    """The first block of an appendix whose table was not extracted: the printed line
    "Phụ lục" (or "PHỤ LỤC II"); a block it ends is split there. Else the end."""
    for index in range(start + 1, len(blocks)):  # a part that starts with one is the appendix
        lines = block_lines(blocks[index], pages)
        for at, line in enumerate(lines):
            text = line.text
            if not (APPENDIX.match(text) and len(text.split()) <= APPENDIX_CAPTION_WORDS):
                continue
            if at == 0:
                return index
            before = remainder(blocks[index], lines[:at], pages)
            blocks[index : index + 1] = [before, remainder(blocks[index], lines[at:], pages)]
            return index + 1
    return len(blocks)


def _body_paragraphs(block: TextBlock, pages: dict[int, Page]) -> list[BodyParagraph]:
    paragraphs = []
    lines = block_lines(block, pages)
    centred = bool(lines) and all(is_centred(line) for line in lines)
    addressee = False
    for text in block.lines:
        addressee = addressee or ADDRESSEE.match(text) is not None
        if addressee:  # "Kính gửi:" and the recipients listed under it
            paragraphs.append(BodyParagraph(text, "addressee", "left"))
        elif (block.kind == "heading" or looks_like_heading(text)) and not text.startswith("-"):
            numbered = BODY_START.match(text) is not None
            align: Align = "centre" if centred or not numbered else "justify"
            paragraphs.append(BodyParagraph(text, "heading", align))
        else:
            paragraphs.append(BodyParagraph(text))
    return paragraphs


def _lists_recipients(block: TextBlock, pages: dict[int, Page]) -> bool:
    """A short line under "Kính gửi:": a "- …" item, or one indented like the list."""
    text = " ".join(block.lines)
    if len(text.split()) > 15 or BODY_START.match(text):
        return False
    if text.startswith(("-", "–", "+", "•")):
        return True
    lines = block_lines(block, pages)
    return all(line.x0 is not None and line.x0 > ADDRESSEE_INDENT for line in lines)
