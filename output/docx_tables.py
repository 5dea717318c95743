"""Appendix tables (Phụ lục) in a DOCX: each on a page of its own (landscape when wide),
with the multi-level header rebuilt from the joined column names ("Năm 2026 / NSNN") with
merged parent cells, repeated at the top of each page; column widths from their content,
none under 10 mm.
"""

from __future__ import annotations

import re

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell

from sohoa.extract.appendix import UNPLACED
from sohoa.model import Table
from sohoa.output.docx_style import (
    BODY_SIZE,
    MARGINS,
    PAGE_WIDTH,
    PARAGRAPH_SPACING,
    add_runs,
    centred_line,
    fix_widths,
    page_setup,
    text_width,
)
from sohoa.output.layout import HEADER_SEPARATOR, header_grid

# appendix tables
TABLE_FONT_SIZE = Pt(11)
LANDSCAPE_FROM_COLUMNS = 7  # tables this wide do not fit a portrait A4 page
MIN_COLUMN = Mm(10)
CHAR_WIDTH = Mm(2.0)  # a Times New Roman character at 11 pt, on average (digits: 1.94 mm)
WIDE_CHAR_WIDTH = Mm(2.5)  # ... and a bold or capital one: a column's longest word must fit
CELL_PADDING = Mm(3.8)  # Word's default left + right cell margins (2 x 0.19 cm)
WANTED_CHARS_MAX = 45  # a longer text wraps rather than widen its column further
NUMBER_CELL = re.compile(r"^[\d.,\s%()+-]+$")


def add_table_section(word: WordDocument, table: Table, number: int) -> None:
    ncols = len(table.columns) or _grid_size(table)[1]
    wanted = [_wanted_width(table, col) for col in range(len(table.columns))]
    portrait_width = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
    landscape = ncols >= LANDSCAPE_FROM_COLUMNS or sum(w for _, w in wanted) > portrait_width
    has_content = any(child.tag != qn("w:sectPr") for child in word.element.body)
    section = word.sections[-1]
    same_page = (section.orientation == WD_ORIENT.LANDSCAPE) == landscape
    if has_content and (number == 1 or table.caption or not same_page):
        section = word.add_section(WD_SECTION.NEW_PAGE)  # an appendix starts a page
    elif has_content:  # an uncaptioned table (a page's piece of the last one) follows it
        word.add_paragraph().paragraph_format.space_before = PARAGRAPH_SPACING
    page_setup(section, landscape)
    caption = word.add_paragraph()
    centred_line(caption, table.caption or f"Bảng {number}", BODY_SIZE, bold=True)
    if table.title:
        centred_line(word.add_paragraph(), table.title, Pt(13), bold=True)
    if table.attached_to:
        centred_line(word.add_paragraph(), table.attached_to, Pt(13), italic=True)
    if table.unit:
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_before = PARAGRAPH_SPACING
        add_runs(paragraph, f"Đơn vị tính: {table.unit}", Pt(12), italic=True)
    body = word.element.body
    for element in body[body.index(caption._p) : -1]:  # the caption stays with its table
        element.get_or_add_pPr().keepNext_val = True
    if table.columns:
        grid = _add_header_and_rows(word, table)
        fix_widths(grid, _fit(wanted, text_width(word)))
    elif table.cells:
        _add_grid(word, table)
    _add_unplaced(word, table)


def _add_unplaced(word: WordDocument, table: Table) -> None:
    """What a row read that no cell takes (``TableRow.unplaced``: old OCR's amounts beyond
    the amount columns), in a note under the table, each with its row: kept, never lost."""
    kept = [f"dòng {k}: {row.unplaced}" for k, row in enumerate(table.rows, 1) if row.unplaced]
    if kept:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.space_before = PARAGRAPH_SPACING
        add_runs(paragraph, f"{UNPLACED} — " + "; ".join(kept), Pt(12), italic=True)


def _new_table(word: WordDocument, rows: int, cols: int) -> WordTable:
    grid = word.add_table(rows=rows, cols=cols)
    grid.style = word.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    return grid


def _add_header_and_rows(word: WordDocument, table: Table) -> WordTable:
    depth, header = header_grid(table.columns)
    ncols = len(table.columns)
    grid = _new_table(word, depth + len(table.rows), ncols)
    for cell in header:
        target = grid.cell(cell.row, cell.col)
        if cell.row_span > 1 or cell.col_span > 1:
            last = grid.cell(cell.row + cell.row_span - 1, cell.col + cell.col_span - 1)
            target = target.merge(last)
        _fill(target, cell.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for index in range(depth):
        _repeat_as_header(grid, index)
    aligns = [_column_alignment(table, col) for col in range(ncols)]
    for offset, row in enumerate(table.rows):
        row_index = depth + offset
        _keep_row_on_one_page(grid, row_index)
        if row.section is not None or row.cells is None:
            merged = grid.cell(row_index, 0).merge(grid.cell(row_index, ncols - 1))
            _fill(merged, row.section or "", bold=True)
            continue
        cells = grid.rows[row_index].cells
        for col, text in enumerate(row.cells[:ncols]):
            _fill(cells[col], text, align=aligns[col])
    return grid


def _column_alignment(table: Table, col: int) -> WD_ALIGN_PARAGRAPH:
    """The row numbers (STT "1", "I", "a") and short codes centred, amounts right, text left."""
    texts = [r.cells[col].strip() for r in table.rows if r.cells and col < len(r.cells)]
    texts = [t for t in texts if t]
    short = bool(texts) and all(len(t) <= 4 and " " not in t for t in texts)
    if short and col == 0:
        return WD_ALIGN_PARAGRAPH.CENTER  # the row numbers
    if texts and all(NUMBER_CELL.match(t) for t in texts):
        return WD_ALIGN_PARAGRAPH.RIGHT
    return WD_ALIGN_PARAGRAPH.CENTER if short else WD_ALIGN_PARAGRAPH.LEFT


def _wanted_width(table: Table, col: int) -> tuple[Length, Length]:
    """(narrowest, preferred) width of a column: its longest word must fit on a line, and
    its longest text (up to a limit) would like to."""
    leaf = table.columns[col].split(HEADER_SEPARATOR)[-1]
    texts = [leaf] + [r.cells[col] for r in table.rows if r.cells and col < len(r.cells)]
    longest_word = max((len(w) for t in texts for w in t.split()), default=1)
    longest_text = max((len(t) for t in texts), default=1)
    narrowest = max(MIN_COLUMN, Emu(int(longest_word * WIDE_CHAR_WIDTH + CELL_PADDING)))
    preferred = Emu(int(min(longest_text, WANTED_CHARS_MAX) * CHAR_WIDTH + CELL_PADDING))
    return Emu(narrowest), Emu(max(narrowest, preferred))


def _fit(wanted: list[tuple[Length, Length]], width: Length) -> list[Length]:
    """Column widths filling ``width``: each column's preferred width scaled up when all fit;
    else the narrowest widths plus the room left shared by how much more each wants; else
    the narrowest widths scaled down (long words then break)."""
    narrowest = [n for n, _ in wanted]
    preferred = [p for _, p in wanted]
    if sum(preferred) <= width:
        scale = width / (sum(preferred) or 1)
        return [Emu(int(p * scale)) for p in preferred]
    room = width - sum(narrowest)
    if room >= 0:
        extra = [p - n for n, p in wanted]
        share = room / (sum(extra) or 1)
        return [Emu(int(n + e * share)) for n, e in zip(narrowest, extra, strict=True)]
    return [Emu(int(n * width / sum(narrowest))) for n in narrowest]


def _grid_size(table: Table) -> tuple[int, int]:
    rows = max((c.row + max(c.row_span, 1) for c in table.cells), default=0)
    cols = max((c.col + max(c.col_span, 1) for c in table.cells), default=0)
    return rows, cols


def _add_grid(word: WordDocument, table: Table) -> None:
    """A table known only as found cells: the grid with its spans, first row as header."""
    nrows, ncols = _grid_size(table)
    grid = _new_table(word, nrows, ncols)
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        target = grid.cell(cell.row, cell.col)
        if cell.row_span > 1 or cell.col_span > 1:
            last = grid.cell(
                min(cell.row + cell.row_span, nrows) - 1, min(cell.col + cell.col_span, ncols) - 1
            )
            target = target.merge(last)
        header = cell.row == 0
        _fill(target, cell.text, bold=header, align=WD_ALIGN_PARAGRAPH.CENTER if header else None)
    if nrows:
        _repeat_as_header(grid, 0)
    longest = [
        max((len(w) for c in table.cells if c.col == col for w in c.text.split()), default=1)
        for col in range(ncols)
    ]
    wanted = [
        (MIN_COLUMN, Emu(int(max(n * CHAR_WIDTH + CELL_PADDING, MIN_COLUMN)))) for n in longest
    ]
    fix_widths(grid, _fit(wanted, text_width(word)))


def _fill(
    cell: _Cell, text: str, bold: bool = False, align: WD_ALIGN_PARAGRAPH | None = None
) -> None:
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # merging keeps one paragraph per merged cell
        extra._element.getparent().remove(extra._element)
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    add_runs(paragraph, text, TABLE_FONT_SIZE, bold=bold)
    if align is not None:
        paragraph.alignment = align


def _repeat_as_header(grid: WordTable, row_index: int) -> None:
    """Header rows repeat at the top of every page the table runs onto."""
    tr_pr = grid.rows[row_index]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _keep_row_on_one_page(grid: WordTable, row_index: int) -> None:
    tr_pr = grid.rows[row_index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
