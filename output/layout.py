"""What the document-shaped writers (DOCX, PDF text pages, HTML) share.

- the Vietnamese-capable TrueType font to embed (Debian ``fonts-dejavu-core``);
- the document as titled blocks of text, with table regions left to ``Document.tables``;
- the multi-level table header rebuilt from leaf column names such as "Năm 2026 / NSNN".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sohoa.errors import SohoaError
from sohoa.extract.appendix import UNPLACED
from sohoa.model import BBox, Block, Document, Page, Table, union_box

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
HEADER_SEPARATOR = " / "


def find_font(filename: str = "DejaVuSans.ttf") -> Path:
    """A TTF with every Vietnamese letter (Latin Extended Additional), or a one-line error."""
    for folder in FONT_DIRS:
        candidate = folder / filename
        if candidate.exists():
            return candidate
    raise SohoaError(
        filename,
        "font with Vietnamese letters not found",
        "install it: apt-get install fonts-dejavu-core",
    )


_CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n")


def nfc(text: str) -> str:
    """Precomposed letters (fonts and PDF extraction handle them best), no control chars.

    Control characters (stray bytes in old OCR text) are not allowed in XML (DOCX) at all.
    """
    return unicodedata.normalize("NFC", text).translate(_CONTROL)


HEADING_MAX_WORDS = 15
SENTENCE_END = (".", ":", ";", "!", "?")
WRAP_MARGIN = 0.15  # a line ending this far (of the block width) before its right edge ends
INDENT_MARGIN = 0.05  # ... and so does one followed by a line starting this far in (centred)


@dataclass
class TextBlock:
    """A block as runs of text: a block's wrapped lines are one run; a short line (a
    centred header line, the end of a paragraph) ends its run."""

    kind: Literal["paragraph", "heading"]
    lines: list[str]
    page: int
    from_text: bool = False  # no geometry (TXT/DOCX input)
    line_groups: list[list[int]] = field(default_factory=list)  # Page.lines behind each run
    part: str | None = None  # Block.part: a header column, the recipients, the signature

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def text_blocks(doc: Document) -> list[TextBlock]:
    """Paragraphs and headings in reading order.

    A heading block keeps its lines together; a paragraph block gives one TextBlock per
    paragraph run. When no stage marked any heading (plain OCR), a short run in capitals
    ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU") is taken as one. Table regions are skipped when
    the document has extracted tables (they are written as real tables); otherwise their
    text is kept as paragraphs so nothing is lost.
    """
    skip_tables = bool(doc.tables)
    guess_headings = not any(b.kind == "heading" for p in doc.pages for b in p.blocks)
    appendix = _appendix_start(doc)
    # a scanned appendix: its tables have boxes, so only their regions give way (an intro
    # paragraph under the caption stays); text input cuts at the caption
    boxed_tables = bool(doc.tables) and all(
        t.bbox is not None or any(c.bbox for c in t.cells) for t in doc.tables
    )
    blocks: list[TextBlock] = []
    for page_index, page in enumerate(doc.pages):
        for block_index, block in enumerate(page.blocks):
            if appendix is not None and (page_index, block_index) >= appendix:
                if not boxed_tables:
                    return blocks  # text input: what follows is the tables' flattened text
                if _repeats_a_table(doc, page, block):
                    continue  # a table's own region or its caption, title, "Kèm theo" line
            if block.kind == "table" and skip_tables:
                continue
            if block.part is not None:  # a header column or the closing's: line by line
                lines = [(_line_text(page, i).strip(), i) for i in block.lines]
                texts = [" ".join(nfc(t).split()) for t, _ in lines if t]
                groups = [[i] for t, i in lines if t]
                if texts:
                    part = TextBlock("paragraph", texts, page.number, False, groups, block.part)
                    blocks.append(part)
                continue
            runs = runs_with_lines(page, block)
            if block.kind == "heading" and runs:
                texts, groups = [t for t, _ in runs], [g for _, g in runs]
                blocks.append(TextBlock("heading", texts, page.number, line_groups=groups))
                continue
            boxless = block.bbox is None and all(page.lines[i].bbox is None for i in block.lines)
            for run, group in runs:
                kind: Literal["paragraph", "heading"] = (
                    "heading" if guess_headings and looks_like_heading(run) else "paragraph"
                )
                if boxless and kind == "paragraph" and _continues(blocks, run):
                    blocks[-1].lines[-1] += " " + run
                    blocks[-1].line_groups[-1].extend(group)
                    continue
                blocks.append(TextBlock(kind, [run], page.number, boxless, [list(group)]))
    return blocks


def _continues(blocks: list[TextBlock], run: str) -> bool:
    """Text input that is double-spaced (a blank line after every printed line) splits
    sentences into blocks; a run starting in lower case after an unfinished paragraph
    carries on that paragraph."""
    if not blocks or not run[:1].islower():
        return False
    previous = blocks[-1]
    return (
        previous.kind == "paragraph"
        and previous.from_text
        and not previous.lines[-1].endswith(SENTENCE_END)
    )


def _appendix_start(doc: Document) -> tuple[int, int] | None:
    """Where the appendices begin, when their tables were extracted from unmarked text.

    Text input gives the Phụ lục tables flattened into lines ("one cell per line"); once the
    tables are extracted, that text would only repeat them badly. The appendices start at
    the first block that is just a table's caption ("Phụ lục I", "PHỤ LỤC"). On a page with
    boxes only the tables' regions are left out from there (``_repeats_a_table``).
    """
    if not doc.tables or any(b.kind == "table" for p in doc.pages for b in p.blocks):
        return None
    captions = {" ".join(t.caption.split()).casefold() for t in doc.tables if t.caption}
    for page_index, page in enumerate(doc.pages):
        for block_index, block in enumerate(page.blocks):
            if not block.lines:
                continue
            first = " ".join(_line_text(page, block.lines[0]).split()).casefold()
            if first in captions:
                return page_index, block_index
    return None


def _repeats_a_table(doc: Document, page: Page, block: Block) -> bool:
    """The block lies in a table's box, or says what a table's caption, title or
    "(Kèm theo …)" line says (the writers print those with the table)."""
    text = _folded(" ".join(_line_text(page, i) for i in block.lines))
    for table in doc.tables:
        said = {_folded(t) for t in (table.caption, table.title, table.attached_to) if t}
        if text in said:
            return True
        if block.bbox is None:
            continue
        x, y = (block.bbox[0] + block.bbox[2]) / 2, (block.bbox[1] + block.bbox[3]) / 2
        for x0, top, x1, bottom in _table_regions(table, page.number):
            if x0 <= x <= x1 and top <= y <= bottom:
                return True
    return False


def _table_regions(table: Table, page: int) -> list[BBox]:
    """The table's box on this page: its cells' (a table joined across pages has cells on
    each), else its own box on its first page."""
    box = union_box(c.bbox for c in table.cells if c.page == page)
    if box is not None:
        return [box]
    if table.bbox is not None and (not table.pages or table.pages[0] == page):
        return [table.bbox]
    return []


def _folded(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


def looks_like_heading(text: str) -> bool:
    """Short and in capitals, as Vietnamese administrative documents set their headings."""
    words = text.split()
    has_word = any(len(w.strip(".,:;()")) >= 2 and w.strip(".,:;()").isalpha() for w in words)
    return has_word and text.upper() == text and len(words) <= HEADING_MAX_WORDS


def block_runs(page: Page, block: Block) -> list[str]:
    """The block's paragraphs as text: wrapped lines joined by spaces."""
    return [text for text, _ in runs_with_lines(page, block)]


def runs_with_lines(page: Page, block: Block) -> list[tuple[str, list[int]]]:
    """The block's paragraphs as (text, the indices of the page lines it was joined from)."""
    runs = []
    for group in line_runs(page, block):
        text = " ".join(nfc(_line_text(page, i)).strip() for i in group).strip()
        if text:
            runs.append((" ".join(text.split()), group))
    return runs


def line_runs(page: Page, block: Block) -> list[list[int]]:
    """Group a block's lines into paragraphs: wrapped lines go together; a break follows a
    line that ends short or precedes one that starts indented or centred (with boxes), or
    a line that ends a sentence or is in capitals or precedes capitals (text only)."""
    indices = [i for i in block.lines if 0 <= i < len(page.lines)]
    boxes = [page.lines[i].bbox for i in indices]
    right = max((b[2] for b in boxes if b), default=None)
    left = min((b[0] for b in boxes if b), default=None)
    groups: list[list[int]] = []
    current: list[int] = []
    for n, index in enumerate(indices):
        text = _line_text(page, index).strip()
        if not text:
            continue
        current.append(index)
        box = boxes[n]
        if box is not None and right is not None and left is not None:
            width = right - left
            after = boxes[n + 1] if n + 1 < len(boxes) else None
            ends = box[2] < right - WRAP_MARGIN * width or (
                after is not None and after[0] > left + INDENT_MARGIN * width
            )
        else:
            following = _line_text(page, indices[n + 1]) if n + 1 < len(indices) else ""
            ends = text.endswith(SENTENCE_END) or text.isupper() or following.isupper()
        if ends:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _line_text(page: Page, index: int) -> str:
    return page.line_text(page.lines[index]) if 0 <= index < len(page.lines) else ""


def document_title(doc: Document) -> str:
    """ "Kế hoạch: Tăng cường …" from the metadata, else the file name."""
    meta = doc.metadata
    parts = [p for p in (meta.loai_van_ban, meta.trich_yeu) if p]
    if parts:
        return nfc(": ".join(parts))
    return Path(doc.source).name


@dataclass
class HeaderCell:
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1


def header_grid(columns: list[str]) -> tuple[int, list[HeaderCell]]:
    """Rebuild a multi-level header from joined leaf names, merging equal parents.

    ``["TT", "Năm 2026 / NSNN", "Năm 2026 / Khác"]`` gives two header rows: "TT" spanning
    both rows, "Năm 2026" spanning two columns, then "NSNN" and "Khác" under it.
    Returns (number of header rows, cells).
    """
    paths = [[part.strip() for part in name.split(HEADER_SEPARATOR)] for name in columns]
    depth = max((len(p) for p in paths), default=0)
    cells: list[HeaderCell] = []
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if len(path) <= level:
                col += 1  # covered by a cell spanning down from a higher level
                continue
            end = col + 1
            is_leaf = len(path) == level + 1
            if not is_leaf:
                # a parent: merge the run of neighbours sharing the same ancestry
                while (
                    end < len(paths)
                    and len(paths[end]) > level + 1
                    and paths[end][: level + 1] == path[: level + 1]
                ):
                    end += 1
            row_span = depth - level if is_leaf else 1
            cells.append(HeaderCell(path[level], level, col, row_span, end - col))
            col = end
    return depth, cells


def with_unplaced_column(
    table: Table, header: list[str], body: list[list[str]]
) -> tuple[list[str], list[list[str]]]:
    """``header`` and ``body`` (a list of cells per row of ``table``) with a last column
    "Chưa xếp vào ô" holding what each row read that no cell takes (``TableRow.unplaced``),
    when a row has some; as given otherwise."""
    if not any(row.unplaced for row in table.rows):
        return header, body
    width = len(header)
    return [*header, UNPLACED], [
        [*cells, *[""] * (width - len(cells)), row.unplaced or ""]
        for cells, row in zip(body, table.rows, strict=True)
    ]
