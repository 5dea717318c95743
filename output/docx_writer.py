"""DOCX for office staff (python-docx): title, headings, paragraphs and the appendix tables.

Tables become real Word tables: the multi-level header is rebuilt from the joined column
names ("Năm 2026 / NSNN") with merged parent cells, section rows span the full width, and
wide tables get a landscape section of their own. Every style uses Times New Roman for all
scripts (ascii, hAnsi, eastAsia, cs) and Vietnamese as the proofing language.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell

from sohoa.model import Document, Table
from sohoa.output.files import write_atomic
from sohoa.output.layout import HEADER_SEPARATOR, document_title, header_grid, nfc, text_blocks

FONT_NAME = "Times New Roman"
STYLES_WITH_FONT = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid")
LANDSCAPE_FROM_COLUMNS = 7  # tables this wide do not fit a portrait A4 page
TABLE_FONT_SIZE = Pt(10)


def write_docx(doc: Document, outdir: Path, stem: str) -> list[Path]:
    buffer = io.BytesIO()
    build_docx(doc).save(buffer)
    path = Path(outdir) / f"{stem}.docx"
    write_atomic(path, buffer.getvalue())
    return [path]


def build_docx(doc: Document) -> WordDocument:
    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, as the originals
    _use_vietnamese_font(word)
    title = document_title(doc)
    word.core_properties.title = title
    word.core_properties.language = "vi-VN"
    word.add_heading(title, level=0)
    for block in text_blocks(doc):
        if block.kind == "heading":
            # a heading's runs stay lines ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH")
            heading = word.add_heading(level=1)
            for n, line in enumerate(block.lines):
                run = heading.add_run(line)
                if n + 1 < len(block.lines):
                    run.add_break()
        else:
            for run in block.lines:
                word.add_paragraph(run)
    for number, table in enumerate(doc.tables, start=1):
        _add_table_section(word, table, number)
    return word


def _use_vietnamese_font(word: WordDocument) -> None:
    for name in STYLES_WITH_FONT:
        style = word.styles[name]
        style.font.name = FONT_NAME
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT_NAME)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would override the name
        rpr = style.element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "vi-VN")


def _add_table_section(word: WordDocument, table: Table, number: int) -> None:
    width = len(table.columns) or _grid_size(table)[1]
    _set_orientation(word, landscape=width >= LANDSCAPE_FROM_COLUMNS)
    word.add_heading(nfc(table.caption or f"Bảng {number}"), level=2)
    for text, bold, italic in (
        (table.title, True, False),
        (table.attached_to, False, True),
    ):
        if text:
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(nfc(text))
            run.bold, run.italic = bold, italic
    if table.unit:
        paragraph = word.add_paragraph(nfc(f"Đơn vị tính: {table.unit}"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.columns:
        _add_header_and_rows(word, table)
    elif table.cells:
        _add_grid(word, table)


def _set_orientation(word: WordDocument, landscape: bool) -> None:
    section = word.sections[-1]
    if (section.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    width, height = section.page_width, section.page_height
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if (width > height) != landscape:
        width, height = height, width
    section.page_width, section.page_height = width, height


def _new_table(word: WordDocument, rows: int, cols: int) -> WordTable:
    grid = word.add_table(rows=rows, cols=cols)
    grid.style = word.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    return grid


def _add_header_and_rows(word: WordDocument, table: Table) -> None:
    depth, header = header_grid(table.columns)
    ncols = len(table.columns)
    grid = _new_table(word, depth + len(table.rows), ncols)
    for cell in header:
        target = grid.cell(cell.row, cell.col)
        if cell.row_span > 1 or cell.col_span > 1:
            last = grid.cell(cell.row + cell.row_span - 1, cell.col + cell.col_span - 1)
            target = target.merge(last)
        _fill(target, cell.text, bold=True, center=True)
    for index in range(depth):
        _repeat_as_header(grid, index)
    for offset, row in enumerate(table.rows):
        row_index = depth + offset
        if row.section is not None or row.cells is None:
            merged = grid.cell(row_index, 0).merge(grid.cell(row_index, ncols - 1))
            _fill(merged, row.section or "", bold=True)
            continue
        cells = grid.rows[row_index].cells
        for col, text in enumerate(row.cells[:ncols]):
            _fill(cells[col], text)
    _set_column_widths(word, grid, [_column_weight(table, col) for col in range(ncols)])


def _column_weight(table: Table, col: int) -> int:
    """Roughly how many characters a column wants: long texts get wide columns."""
    leaf = table.columns[col].split(HEADER_SEPARATOR)[-1]
    longest = max(
        [len(leaf)] + [len(r.cells[col]) for r in table.rows if r.cells and col < len(r.cells)]
    )
    return min(max(longest, 4), 45)


def _set_column_widths(word: WordDocument, grid: WordTable, weights: list[int]) -> None:
    section = word.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(weights) or 1
    widths = [Emu(int(usable * w / total)) for w in weights]
    grid.autofit = False
    for col, width in enumerate(widths):
        grid.columns[col].width = width
    for row in grid.rows:
        for col, cell in enumerate(row.cells[: len(widths)]):
            cell.width = widths[col]


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
        _fill(target, cell.text, bold=cell.row == 0, center=cell.row == 0)
    if nrows:
        _repeat_as_header(grid, 0)


def _fill(cell: _Cell, text: str, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # merging keeps one paragraph per merged cell
        extra._element.getparent().remove(extra._element)
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    run = paragraph.add_run(nfc(text))
    run.bold = bold
    run.font.size = TABLE_FONT_SIZE
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _repeat_as_header(grid: WordTable, row_index: int) -> None:
    """Header rows repeat at the top of every page the table runs onto."""
    tr_pr = grid.rows[row_index]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
