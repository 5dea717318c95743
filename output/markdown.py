"""The ``.md`` writer: the text as Markdown with headings, paragraphs and GFM tables.

Headings come from heading blocks and from lines set in capitals on their own (the type
heading "KẾ HOẠCH" and appendix captions become ``#``, section headings ``##``; capitals
above the type heading, i.e. the header block, stay bold text). Blocks that a hard-wrapped
text split mid-sentence are joined again. Each table replaces its region of the text —
the blocks inside its box, or in text input, everything from its caption ("Phụ lục I") to
the next caption — and is written as a GFM table whose full-width section rows span no
columns (GFM has no spans): the section text stands bold in the first cell.
"""

from __future__ import annotations

from pathlib import Path

import regex

from sohoa.extract.admin_vocab import fold, match_role, match_type
from sohoa.model import Block, Document, Page, Table
from sohoa.output.files import write_atomic
from sohoa.output.layout import with_unplaced_column

_INLINE_SPECIAL = regex.compile(r"([\\`*_\[\]<>])")
_LINE_START_SPECIAL = regex.compile(r"^(#|>|\+|=|\|)")
_RULE_LINE = regex.compile(r"^\s*([-=_*])(\s*\1){2,}\s*$")  # would be a Markdown rule
_SEPARATOR = regex.compile(r"^[\s\-–—_=*~.]{3,}$")
_ROMAN_SECTION = regex.compile(r"^[IVX]{1,4}\.\s")
_SIGNATURE_LINE = regex.compile(r"^\W*(?:TM|KT|TL|TUQ|Q)\.\s")
_SENTENCE_END = (".", ":", ";", "!", "?", "…")
_ITEM_START = regex.compile(r"^\s*(?:[-+•*]|\d{1,2}[.)]\s|[a-zđ]\)\s|[IVX]{1,4}\.\s)")


def write_markdown(doc: Document, outdir: Path, stem: str) -> list[Path]:
    path = outdir / f"{stem}.md"
    write_atomic(path, document_markdown(doc))
    return [path]


def document_markdown(doc: Document) -> str:
    writer = _TextWriter()
    placed: set[int] = set()
    region: Table | None = None  # the table whose text region we are in
    for page in doc.pages:
        for block in page.blocks:
            lines = [page.line_text(page.lines[i]) for i in block.lines]
            if not lines:
                continue
            table = _table_starting_at(doc, page, block, lines[0], placed)
            if table is not None:
                placed.add(id(table))
                writer.add_table(table)
                region = table
            elif region is None or not _inside(region, page, block):
                region = None
                writer.add_block(lines, heading=block.kind == "heading")
    for table in doc.tables:
        if id(table) not in placed:
            writer.add_table(table)
    return writer.markdown()


# --- text ------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Markdown-escape text so that it shows as written (no stray emphasis or headings)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return "\\" + text if _RULE_LINE.match(text) else _LINE_START_SPECIAL.sub(r"\\\1", text)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_type_heading(line: str) -> bool:
    return _is_caps(line) and not line.endswith(":") and match_type(line) is not None


def _is_caption(line: str) -> bool:
    return fold(line).strip().startswith("phu luc") and len(line.split()) <= 4


def _is_section_heading(lines: list[str]) -> bool:
    """ "I. MỤC ĐÍCH, YÊU CẦU", "QUYẾT ĐỊNH:" — not a stray "KH&CN" or a signature line."""
    text = " ".join(lines)
    letters = sum(c.isalpha() for c in text)
    return (
        all(_is_caps(line) for line in lines)
        and len(text) <= 160
        and (bool(_ROMAN_SECTION.match(text)) or (len(text.split()) >= 2 and letters >= 8))
        and not text.rstrip().endswith((".", ",", ";"))
        and not _SIGNATURE_LINE.match(text)
        and not match_role(text)
        and "/" not in text
    )


class _TextWriter:
    """Collects Markdown parts; a paragraph stays open until a block cannot continue it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.paragraph: list[str] = []
        self.seen_type_heading = False  # capitals before it are the header block

    def add_block(self, lines: list[str], heading: bool = False) -> None:
        if heading:
            self._emit(f"## {escape(' '.join(lines))}")
            return
        chunk: list[str] = []
        for line in lines:  # a type heading, caption or rule may share a block with text
            if _SEPARATOR.match(line):
                self._add_lines(chunk)
                self._emit("---")  # the rule under a title
            elif (
                self.seen_type_heading
                and _ROMAN_SECTION.match(line)
                and _is_section_heading([line])
            ):
                self._add_lines(chunk)
                self._emit(f"## {escape(line)}")
            elif _is_type_heading(line) or _is_caption(line):
                self._add_lines(chunk)
                self.seen_type_heading = True
                self._emit(f"# {escape(line)}")
            else:
                chunk.append(line)
                continue
            chunk = []
        self._add_lines(chunk)

    def add_table(self, table: Table) -> None:
        self._emit(table_markdown(table))

    def _add_lines(self, lines: list[str]) -> None:
        if not lines:
            return
        if self._continues(lines):
            self.paragraph.extend(lines)
        elif self.seen_type_heading and _is_section_heading(lines):
            self._emit(f"## {escape(' '.join(lines))}")
        elif all(_is_caps(line) for line in lines):  # header block, signature: bold lines
            self._emit("\n".join(f"**{escape(line)}**" for line in lines))
        else:
            self._close()
            self.paragraph = list(lines)

    def _continues(self, lines: list[str]) -> bool:
        """A hard-wrapped text split mid-sentence: no full stop before, no new item after."""
        if not self.paragraph:
            return False
        previous = self.paragraph[-1].rstrip()
        first = lines[0]
        if previous.endswith(_SENTENCE_END) or _ITEM_START.match(first) or _is_caps(first):
            return False
        # a capital may start a title's next part or the body: go on only after "-" or ","
        return not first[:1].isupper() or previous.endswith(("-", ","))

    def _emit(self, part: str) -> None:
        self._close()
        self.parts.append(part)

    def _close(self) -> None:
        if self.paragraph:
            self.parts.append("\n".join(escape(line) for line in self.paragraph))
            self.paragraph = []

    def markdown(self) -> str:
        self._close()
        return "\n\n".join(part for part in self.parts if part) + "\n"


# --- tables ----------------------------------------------------------------------------------


def _cell(text: object) -> str:
    return escape(" ".join(str(text).split())).replace("|", "\\|")


def table_markdown(table: Table) -> str:
    """Caption, title, unit and the table as GFM; mismatches found by the checker below."""
    lines: list[str] = []
    if table.caption:
        lines.append(f"# {escape(table.caption)}")
    for extra in (table.title, table.attached_to):
        if extra:
            lines.append(f"**{escape(extra)}**" if extra is table.title else f"*{escape(extra)}*")
    if table.unit:
        lines.append(f"Đơn vị: {escape(table.unit)}")
    grid = _grid(table)
    if grid:
        width = max(len(row) for row in grid)
        header, *body = [row + [""] * (width - len(row)) for row in grid]
        lines.append("")
        lines.append("| " + " | ".join(_cell(c) for c in header) + " |")
        lines.append("|" + "---|" * width)
        lines.extend("| " + " | ".join(c if c.startswith("**") else _cell(c) for c in row) + " |"
                     for row in body)  # fmt: skip
    if table.validation and table.validation.mismatches:
        lines.append("")
        for mismatch in table.validation.mismatches:
            lines.append(
                f"> Sai lệch số liệu — dòng {mismatch.row + 1}, cột {escape(mismatch.column)}: "
                f"{escape(mismatch.message)}"
            )
    return "\n".join(lines)


def _grid(table: Table) -> list[list[str]]:
    """Header row then body rows; section rows put bold text in the first cell. What a row
    read that no cell takes (``TableRow.unplaced``) goes in a last column of its own."""
    width = len(table.columns) or max((len(r.cells or []) for r in table.rows), default=0)
    if table.rows and width:
        header = table.columns or [f"Cột {i + 1}" for i in range(width)]
        body = [
            [f"**{_cell(row.section)}**"] + [""] * (width - 1)
            if row.section is not None
            else list(row.cells or [])
            for row in table.rows
        ]
        header, body = with_unplaced_column(table, header, body)
        return [header, *body]
    if table.cells:  # only the raw grid: place each cell at its top-left position
        rows = max(c.row for c in table.cells) + 1
        cols = max(c.col + c.col_span for c in table.cells)
        grid = [[""] * cols for _ in range(rows)]
        for cell in table.cells:
            grid[cell.row][cell.col] = cell.text
        return grid
    return []


def _table_starting_at(
    doc: Document, page: Page, block: Block, first_line: str, placed: set[int]
) -> Table | None:
    for table in doc.tables:
        if id(table) in placed:
            continue
        if block.kind == "table" and (not table.pages or page.number in table.pages):
            return table
        if _in_box(table, page, block):
            return table
        if (
            block.bbox is None
            and table.caption
            and _is_caption(first_line)
            and fold(first_line).split() == fold(table.caption).split()
        ):
            return table
    return None


def _inside(table: Table, page: Page, block: Block) -> bool:
    """Whether the region a table replaces goes on at this block."""
    if block.bbox is None and table.bbox is None and block.lines:
        # text input: from the caption to the next caption
        return not _is_caption(page.line_text(page.lines[block.lines[0]]))
    return _in_box(table, page, block)


def _in_box(table: Table, page: Page, block: Block) -> bool:
    """The block's centre lies in the table's box on one of the table's pages."""
    if block.bbox is None or table.bbox is None:
        return False
    if table.pages and page.number not in table.pages:
        return False
    x = (block.bbox[0] + block.bbox[2]) / 2
    y = (block.bbox[1] + block.bbox[3]) / 2
    x0, top, x1, bottom = table.bbox
    return x0 <= x <= x1 and top <= y <= bottom
