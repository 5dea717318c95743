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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import regex

from sohoa.model import Block, Document, Page
from sohoa.output.layout import TextBlock, looks_like_heading, nfc, runs_with_lines, text_blocks

# the header's left column ends about here (share of the page width)
HEADER_SPLIT = 0.45
HEADER_MAX_LINES = 14
SUMMARY_MAX_LINES = 4
SUMMARY_LINE_WORDS = 10  # a "V/v" summary's wrapped line in the narrow left column
NAME_MAX_WORDS = 5
CLOSING_MAX_WORDS = 25  # a block longer than this is prose, not the closing
CENTRED_TOLERANCE = 0.08  # a line is centred when its middle is this close to the page's
ADDRESSEE_INDENT = 0.25  # recipients listed under "Kính gửi:" start this far in

NATIONAL_TITLE = re.compile(r"C[ỘOÔ]NG\s*H[ÒOÓỎ]A|X[ÃA]\s*H[ỘO]I\s*CH[ỦU]", re.IGNORECASE)
MOTTO = re.compile(r"Đ[ộo]c\s*l[ậa]p|T[ựu]\s*do\s*-?\s*H[ạa]nh", re.IGNORECASE)
NUMBER = re.compile(r"^S[ốo]\s*[:.;]|^S[ốo]\s+\S*\d", re.IGNORECASE)
SUMMARY = re.compile(r"^(V/v|V/V|Về việc)\b")
DATE = re.compile(r"ng[àa]y\b.{0,15}\bth[áa]ng\b.{0,12}\bn[ăa]m\b", re.IGNORECASE)
RECIPIENTS = re.compile(r"^\W{0,3}N[ơo]i\s*nh[ậa]n\b", re.IGNORECASE)
AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|Q\.\s*TL)\s*\.\s*\S")
SIGNER_POSITION = re.compile(
    r"^(PHÓ\s+)?(CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỦ\s+TRƯỞNG|TRƯỞNG\s+\S+|CHÁNH\s+\S+|"
    r"THỦ\s+TƯỚNG|TỔNG\s+GIÁM\s+ĐỐC|HIỆU\s+TRƯỞNG|CỤC\s+TRƯỞNG|BÍ\s+THƯ)\b"
)
# "Bắc Ninh, ngày": up to four capitalised words before ", ngày"
PLACE_AND_DATE = regex.compile(
    r"(?<!\S)(?:\p{Lu}\S*\s+){0,3}\p{Lu}[^\s,]*\s*,\s*ngày\b|(?<!\S)ngày\b"
)
LIST_ITEM = ("-", "–", "+", "•", "Lưu")  # how the lines under "Nơi nhận:" begin
APPENDIX = re.compile(r"^PH[ỤU]\s*L[ỤU]C\b", re.IGNORECASE)
APPENDIX_CAPTION_WORDS = 4  # "Phụ lục", "PHỤ LỤC II", "Phụ lục số 01"
ADDRESSEE = re.compile(r"^K[íi]nh\s*g[ửu]i\b", re.IGNORECASE)
BODY_START = re.compile(
    r"^(Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Theo|Xét|Nhằm|Để|Điều\s+\d|Chương\s+[IVX\d]|"
    r"[IVX]+\s*[.:]|\d+\s*[.:)])"
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

Align = Literal["justify", "centre", "left"]
HEADER_PARTS = ("header_left", "header_right")
CLOSING_PARTS = ("recipients", "signature")


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
class _Line:
    """One printed line, or the part of one that falls in a column."""

    text: str
    x0: float | None = None  # share of the page width, when the page has word boxes
    x1: float | None = None
    words: list[tuple[str, float, float]] = field(default_factory=list)  # (text, x0, x1)
    index: int | None = None  # the line in Page.lines (None: a run of text input)


def document_parts(doc: Document) -> DocumentParts:
    """The document's parts; a document that holds several (a decision, then the plan it
    approves, then its Phụ lục) gives one ``DocumentParts`` each, chained by ``following``."""
    pages = {page.number: page for page in doc.pages}
    return _parts(text_blocks(doc), pages, doc.metadata.loai_van_ban)


def _parts(
    blocks: list[TextBlock], pages: dict[int, Page], known_type: str | None
) -> DocumentParts:
    parts = DocumentParts()
    furniture = _take_laid_header(blocks, parts)
    start = 0 if furniture is not None else _take_header(blocks, pages, parts)
    start = _take_title(blocks, start, pages, known_type, parts)
    appendix = _appendix_start(blocks, start, pages)
    laid = [i for i in range(start, len(blocks)) if blocks[i].part in CLOSING_PARTS]
    if laid:  # the page's closing, as page_layout read it
        end, rest = laid[0], laid[-1] + 1
    else:
        end, rest = _closing_range(blocks, start, appendix, pages)
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
        for line in _block_lines(block, pages):
            for piece, side in _split_closing(line):
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
        lines = _block_lines(blocks[index], pages)
        for at, line in enumerate(lines):
            text = line.text
            if not (APPENDIX.match(text) and len(text.split()) <= APPENDIX_CAPTION_WORDS):
                continue
            if at == 0:
                return index
            before = _remainder(blocks[index], lines[:at], pages)
            blocks[index : index + 1] = [before, _remainder(blocks[index], lines[at:], pages)]
            return index + 1
    return len(blocks)


# --- header -------------------------------------------------------------------------------


def _take_laid_header(blocks: list[TextBlock], parts: DocumentParts) -> list[TextBlock] | None:
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


def _take_header(blocks: list[TextBlock], pages: dict[int, Page], parts: DocumentParts) -> int:
    """Move the header's lines into ``parts``; return the index of the first block after it.

    The header is the run of first-page lines that carry a header marker, are in capitals
    (the issuer) or continue a "V/v" summary; it ends at the document type, the addressee
    or the first full-width line of prose. A header found without any marker is no header.
    """
    if not blocks:
        return 0
    first_page = blocks[0].page
    taken: list[tuple[int, int]] = []  # (block, lines taken from it)
    left: list[str] = []
    right: list[str] = []
    markers = 0
    count = 0
    after_summary = False
    for index, block in enumerate(blocks):
        if block.page != first_page:
            break
        lines = _block_lines(block, pages)
        used = 0
        stop = False
        for line in lines:
            text = line.text
            if count >= HEADER_MAX_LINES or _is_type_line(text) or ADDRESSEE.match(text):
                stop = True
                break
            pieces = _split_header(line)
            marked = [_header_marker(p.text) for p in pieces]
            is_header = any(marked) or (
                count < 4 and all(_is_caps(p.text) for p in pieces) and len(text.split()) <= 12
            )
            if not is_header and after_summary and _continues_summary(line):
                is_header = True  # the summary's wrapped lines
            if not is_header:
                stop = True
                break
            markers += sum(1 for m in marked if m)
            for piece, mark in zip(pieces, marked, strict=True):
                side = _header_side(piece, mark)
                (left if side == "left" else right).append(piece.text)
                if mark == "summary":
                    after_summary = True
                elif mark or side == "right":
                    after_summary = after_summary and side == "right"
            count += 1
            used += 1
        if used:
            taken.append((index, used))
        if stop or used < len(lines):
            break
    if markers == 0 or not taken:
        return 0
    last_block, used = taken[-1]
    lines = _block_lines(blocks[last_block], pages)
    if used < len(lines):  # the rest of a block that began in the header stays text
        blocks[last_block] = _remainder(blocks[last_block], lines[used:], pages)
        parts.header_left, parts.header_right = left, right
        return last_block
    parts.header_left, parts.header_right = left, right
    return last_block + 1


def _header_marker(text: str) -> str | None:
    if NATIONAL_TITLE.search(text):
        return "national"
    if MOTTO.search(text):
        return "motto"
    if NUMBER.match(text):
        return "number"
    if SUMMARY.match(text):
        return "summary"
    if DATE.search(text) and len(text.split()) <= 14:
        return "date"
    return None


def _header_side(piece: _Line, mark: str | None) -> str:
    if mark in ("national", "motto", "date"):
        return "right"
    if mark in ("number", "summary"):
        return "left"
    if piece.x0 is not None and piece.x1 is not None:
        return "left" if (piece.x0 + piece.x1) / 2 < HEADER_SPLIT else "right"
    return "left"


def _split_header(line: _Line) -> list[_Line]:
    """A header line holding both columns, as its two parts (by the words' boxes, else by
    where the right column's marker begins: "CỘNG HÒA", "Độc lập", "<place>, ngày")."""
    text = line.text
    for pattern in (NATIONAL_TITLE, MOTTO):
        found = pattern.search(text)
        if found and found.start() > 0 and text[: found.start()].strip():
            return [_Line(text[: found.start()].strip()), _Line(text[found.start() :].strip())]
    date = PLACE_AND_DATE.search(text)
    if date and date.start() > 0 and DATE.search(text) and text[: date.start()].strip():
        return [_Line(text[: date.start()].strip()), _Line(text[date.start() :].strip())]
    return [line]


def _piece(words: list[tuple[str, float, float]]) -> _Line:
    return _Line(" ".join(w[0] for w in words), words[0][1], words[-1][2], words)


def _continues_summary(line: _Line) -> bool:
    """A line under "V/v …" in the left column (or, without boxes, short and not prose)."""
    if line.x1 is not None:
        return line.x1 < HEADER_SPLIT + 0.05
    return len(line.text.split()) <= SUMMARY_LINE_WORDS and not BODY_START.match(line.text)


# --- title --------------------------------------------------------------------------------


def _take_title(
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
    lines = _block_lines(block, pages)
    if not lines or not _is_type_line(lines[0].text, known_type):
        return start
    summary: list[str] = []
    for offset, line in enumerate(lines[1:], start=1):
        if not _is_summary_line(line.text):
            parts.title = [lines[0].text, *_joined(summary)]
            blocks[start] = _remainder(block, lines[offset:], pages)
            return start
        summary.append(line.text)
    index = start + 1
    while index < len(blocks) and len(summary) < SUMMARY_MAX_LINES:
        following = _block_lines(blocks[index], pages)
        if not all(_is_summary_line(line.text) for line in following):
            break
        justified = any(_is_centred(line) is False for line in following)
        if len(following) > 2 and justified and not SUMMARY.match(following[0].text):
            break  # a justified paragraph
        summary.extend(line.text for line in following)
        index += 1
    parts.title = [lines[0].text, *_joined(summary)]
    return index


def _joined(lines: list[str]) -> list[str]:
    return [" ".join(lines)] if lines else []


def _is_summary_line(text: str) -> bool:
    if BODY_START.match(text) or ADDRESSEE.match(text) or _is_caps(text):
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


# --- body ---------------------------------------------------------------------------------


def _body_paragraphs(block: TextBlock, pages: dict[int, Page]) -> list[BodyParagraph]:
    paragraphs = []
    lines = _block_lines(block, pages)
    centred = bool(lines) and all(_is_centred(line) for line in lines)
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
    lines = _block_lines(block, pages)
    return all(line.x0 is not None and line.x0 > ADDRESSEE_INDENT for line in lines)


# --- closing ------------------------------------------------------------------------------


def _closing_range(
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
    for line in _block_lines(block, pages):
        for piece in _split_closing_text(line.text):
            text = piece.text
            if RECIPIENTS.match(text) or AUTHORITY.match(text):
                return True
            if not strong and SIGNER_POSITION.match(text):
                return True
    return False


def _split_closing(line: _Line) -> list[tuple[str, str]]:
    """A closing line as (text, "left" | "right") pieces."""
    pieces = _split_closing_text(line.text)
    result = []
    for piece in pieces:
        text = piece.text
        if RECIPIENTS.match(text) or text.startswith(LIST_ITEM):
            side = "left"
        elif AUTHORITY.match(text) or SIGNER_POSITION.match(text) or _looks_like_a_name(text):
            side = "right"  # the signer's name, wherever the scan put it
        elif piece.x0 is not None and piece.x1 is not None:
            side = "left" if (piece.x0 + piece.x1) / 2 < 0.5 else "right"
        else:
            side = "right"
        result.append((text, side))
    return result


def _split_closing_text(text: str) -> list[_Line]:
    """ "- Như trên; KT. CHỦ TỊCH" (old OCR put both columns on one line) as two parts."""
    found = re.search(r"\s(TM|KT|TL|TUQ|Q)\s*\.\s*\S|\s(PHÓ\s+)?(CHỦ\s+TỊCH|GIÁM\s+ĐỐC)\b", text)
    head = text[: found.start()].strip() if found else ""
    if found and (RECIPIENTS.match(head) or head.startswith(LIST_ITEM)):
        return [_Line(head), _Line(text[found.start() :].strip())]
    return [_Line(text)]


# --- lines and their geometry -------------------------------------------------------------


def _block_lines(block: TextBlock, pages: dict[int, Page]) -> list[_Line]:
    """The block's printed lines, with their words' horizontal extent where known."""
    page = pages.get(block.page)
    if page is None or not block.line_groups:
        return [_Line(run) for run in block.lines]
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
                item = _Line(" ".join(text.split()))
            item.index = index
            lines.append(item)
    return lines or [_Line(run) for run in block.lines]


def _remainder(block: TextBlock, lines: list[_Line], pages: dict[int, Page]) -> TextBlock:
    """The block made of some of its printed lines only (the others go to another part)."""
    if any(line.index is None for line in lines):  # no page lines behind them: runs
        return TextBlock(block.kind, [line.text for line in lines], block.page, block.from_text)
    page = pages[block.page]
    rest = Block(lines=[line.index for line in lines if line.index is not None], kind=block.kind)
    runs = runs_with_lines(page, rest)
    texts, groups = [t for t, _ in runs], [g for _, g in runs]
    return TextBlock(block.kind, texts, block.page, block.from_text, groups)


def _is_centred(line: _Line) -> bool | None:
    if line.x0 is None or line.x1 is None:
        return None
    return abs((line.x0 + line.x1) / 2 - 0.5) < CENTRED_TOLERANCE and line.x0 > 0.18


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text.upper() == text


def _squash(text: str) -> str:
    return " ".join(nfc(text).upper().split())
