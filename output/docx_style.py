"""The page and the text of a DOCX as Nghị định 30/2020/NĐ-CP sets them: A4 with its
margins, Times New Roman for every script, centred lines, runs (Markdown's "**" as bold),
short rules and borderless tables. ``docx_writer`` and ``docx_tables`` build on these.
"""

from __future__ import annotations

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from sohoa.output.layout import nfc

FONT_NAME = "Times New Roman"
STYLES_WITH_FONT = ("Normal", "Table Grid")
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
BODY_SIZE = Pt(14)
PARAGRAPH_SPACING = Pt(6)
EMPHASIS = "**"


def page_setup(section: docx.section.Section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]


def use_vietnamese_font(word: WordDocument) -> None:
    """Times New Roman, black, Vietnamese proofing, in the defaults and the styles used."""
    targets = [_default_run_properties(word)]
    for name in STYLES_WITH_FONT:
        style = word.styles[name]
        style.font.name = FONT_NAME
        style.font.color.rgb = RGBColor(0, 0, 0)
        targets.append(style.element.get_or_add_rPr())
    word.styles["Normal"].font.size = BODY_SIZE
    for rpr in targets:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT_NAME)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would override the name
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "vi-VN")
    normal = word.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(0), 1.0


def _default_run_properties(word: WordDocument) -> OxmlElement:
    """w:docDefaults/w:rPrDefault/w:rPr, made if the template lacks it."""
    parent = word.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr"):
        child = parent.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            parent.insert(0, child)
        parent = child
    return parent


def text_width(word: WordDocument) -> Length:
    section = word.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin)


def is_caps(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 2 and text.upper() == text


def borderless_table(word: WordDocument, widths: list[Length]) -> WordTable:
    grid = word.add_table(rows=1, cols=len(widths))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    grid._tbl.tblPr.append(borders)
    fix_widths(grid, widths)
    return grid


def cell_paragraph(cell: _Cell) -> Paragraph:
    """The cell's first paragraph while it is empty, else a new one."""
    first = cell.paragraphs[0]
    ruled = first._p.pPr is not None and first._p.pPr.find(qn("w:pBdr")) is not None
    if len(cell.paragraphs) == 1 and not first.runs and not ruled:
        return first
    return cell.add_paragraph()


def centred_line(
    paragraph: Paragraph,
    text: str,
    size: Length,
    bold: bool = False,
    italic: bool = False,
    space_before: Length | None = None,
) -> None:
    """A centred line of the header, the title or the signature block."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if space_before is not None:
        paragraph.paragraph_format.space_before = space_before
    add_runs(paragraph, text, size, bold, italic)


def add_runs(
    paragraph: Paragraph, text: str, size: Length, bold: bool = False, italic: bool = False
) -> Run:
    """The text as runs; Markdown's "**" (text exports and old OCR of them carry it) turns
    bold on or off instead of being printed."""
    run = None
    for segment, emphasis in _emphasis_segments(nfc(text)):
        run = paragraph.add_run(segment)
        run.font.size = size
        run.bold, run.italic = bold or emphasis, italic
    if run is None:  # an empty line still sets the paragraph's size
        run = paragraph.add_run("")
        run.font.size = size
    return run


def _emphasis_segments(text: str) -> list[tuple[str, bool]]:
    pieces = text.split(EMPHASIS)
    return [(piece, n % 2 == 1) for n, piece in enumerate(pieces) if piece]


def short_rule(paragraph: Paragraph, width: Length, share: float) -> None:
    """A short centred horizontal line (ND30 rules one under the issuer, the motto and the
    summary): the top border of an empty paragraph indented from both sides."""
    indent = Emu(int(width * (1 - share) / 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = indent
    fmt.space_before = Pt(4)  # clear of the descenders above
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def fix_widths(grid: WordTable, widths: list[Length]) -> None:
    """Fixed layout with these column widths: the grid, and each cell by what it spans."""
    grid.autofit = False
    for col, width in enumerate(widths):
        grid.columns[col].width = width
    for tr in grid._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Emu(sum(widths[col : col + span]))
            col += span
