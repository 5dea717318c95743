"""DOCX laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays out an administrative document.

- A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, black, the
  body in 14 pt, justified, with a 1.27 cm first-line indent and 6 pt between paragraphs.
- The header as a borderless two-column table: the parent body (regular) and the issuer
  (bold) in capitals, a short rule, "Số: …" and a công văn's "V/v …" on the left; the national
  title (bold, 12 pt), the motto (bold, 13 pt, ruled underneath) and the place and date
  (italic) on the right, each centred in its column.
- The type and summary centred and bold, a short rule under them.
- The closing as a borderless two-column table: "Nơi nhận:" (bold italic, 12 pt) and its list
  (11 pt) on the left; the signature block (TM./KT. lines and position bold, room for the
  signature, the name bold) on the right.
- Appendix tables (Phụ lục) on a page of their own (landscape when wide), with the
  multi-level header rebuilt from the joined column names ("Năm 2026 / NSNN") with merged
  parent cells, repeated at the top of each page; column widths from their content, none
  under 10 mm.

Which text is the header, the title, the body or the closing is decided by
``official_layout.document_parts`` from the text itself; what it does not recognise is body
text, so nothing is dropped. Only the Normal and Table Grid styles are used (no Title or
Heading styles from python-docx's template), both in Times New Roman for every script. The
core properties say what the document is: its title (at most 255 characters), the issuer as
author, the issue date as the creation date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from sohoa.extract.layout_marks import (
    AUTHORITY,
    NATIONAL_TITLE,
    NUMBER,
    SUMMARY,
    opens_recipients,
    phrase_at,
)
from sohoa.model import Document, Table
from sohoa.output.files import write_atomic
from sohoa.output.layout import HEADER_SEPARATOR, document_title, header_grid, nfc
from sohoa.output.official_layout import document_parts
from sohoa.output.official_parts import BodyParagraph, DocumentParts

FONT_NAME = "Times New Roman"
STYLES_WITH_FONT = ("Normal", "Table Grid")
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
BODY_SIZE = Pt(14)
FIRST_LINE_INDENT = Mm(12.7)
PARAGRAPH_SPACING = Pt(6)
HEADER_LEFT_SHARE = 0.42  # of the text width: the issuer's column
CLOSING_LEFT_SHARE = 0.45  # the "Nơi nhận" column
SIGNATURE_ROOM = 4  # empty lines left for the signature and the seal
CORE_TEXT_MAX = 255  # Word's limit on a core property's text

# appendix tables
TABLE_FONT_SIZE = Pt(11)
LANDSCAPE_FROM_COLUMNS = 7  # tables this wide do not fit a portrait A4 page
MIN_COLUMN = Mm(10)
CHAR_WIDTH = Mm(2.0)  # a Times New Roman character at 11 pt, on average (digits: 1.94 mm)
WIDE_CHAR_WIDTH = Mm(2.5)  # ... and a bold or capital one: a column's longest word must fit
CELL_PADDING = Mm(3.8)  # Word's default left + right cell margins (2 x 0.19 cm)
WANTED_CHARS_MAX = 45  # a longer text wraps rather than widen its column further
EMPHASIS = "**"
ARTICLE_LABEL = re.compile(r"^Điều\s+\d+[a-z]?\s*[.:]")
NUMBER_CELL = re.compile(r"^[\d.,\s%()+-]+$")


def write_docx(doc: Document, outdir: Path, stem: str) -> list[Path]:
    buffer = io.BytesIO()
    build_docx(doc).save(buffer)
    path = Path(outdir) / f"{stem}.docx"
    write_atomic(path, buffer.getvalue())
    return [path]


def build_docx(doc: Document) -> WordDocument:
    word = docx.Document()
    _page_setup(word.sections[0], landscape=False)
    _use_vietnamese_font(word)
    _set_core_properties(word, doc)
    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        body.remove(paragraph)
    parts: DocumentParts | None = document_parts(doc)
    while parts is not None:
        _add_header(word, parts, doc)
        _add_title(word, parts)
        for paragraph in parts.body:
            _add_body_paragraph(word, paragraph)
        _add_closing(word, parts)
        parts = parts.following
        if parts is not None:  # the next document or appendix starts a page
            _page_setup(word.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    for number, table in enumerate(doc.tables, start=1):
        _add_table_section(word, table, number)
    return word


# --- page, fonts, properties ----------------------------------------------------------------


def _page_setup(section: docx.section.Section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]


def _use_vietnamese_font(word: WordDocument) -> None:
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


def _set_core_properties(word: WordDocument, doc: Document) -> None:
    meta = doc.metadata
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = word.core_properties
    props.title = _bounded(document_title(doc))
    props.subject = _bounded(meta.trich_yeu or "")
    props.author = _bounded(meta.co_quan_ban_hanh.ten or "")
    props.keywords = _bounded(meta.so_hieu or "")
    props.category = _bounded(meta.loai_van_ban or "")
    props.comments = _bounded(f"sohoa: restored from {Path(doc.source).name}")
    props.last_modified_by = "sohoa"
    props.language = "vi-VN"
    props.revision = 1
    props.created = _issue_date(meta.ngay_ban_hanh) or now
    props.modified = now
    props.last_printed = props.created


def _issue_date(iso: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(iso or "", "%Y-%m-%d")
    except ValueError:
        return None


def _bounded(text: str) -> str:
    text = " ".join(nfc(text).split())
    return text if len(text) <= CORE_TEXT_MAX else text[: CORE_TEXT_MAX - 1] + "…"


# --- header, title, body, closing -----------------------------------------------------------


def _text_width(word: WordDocument) -> Length:
    section = word.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin)


def _add_header(word: WordDocument, parts: DocumentParts, doc: Document) -> None:
    if not (parts.header_left or parts.header_right):
        return
    width = _text_width(word)
    left_width = Emu(int(width * HEADER_LEFT_SHARE))
    grid = _borderless_table(word, [left_width, Emu(width - left_width)])
    left, right = grid.cell(0, 0), grid.cell(0, 1)
    parent = " ".join((doc.metadata.co_quan_ban_hanh.cap_tren or "").upper().split())
    issuer_ended = False
    for text in parts.header_left:
        if NUMBER.match(text) or SUMMARY.match(text):
            if not issuer_ended and left.paragraphs[-1].text:
                _rule(_cell_paragraph(left), left_width, share=0.4)
            issuer_ended = True
        if NUMBER.match(text):
            _line(_cell_paragraph(left), text, Pt(13), space_before=Pt(6))
        elif issuer_ended or not _is_caps(text):
            _line(_cell_paragraph(left), text, Pt(12))  # the V/v summary, or unrecognised
        else:
            is_parent = bool(parent) and " ".join(text.upper().split()) == parent
            _line(_cell_paragraph(left), text, Pt(12), bold=not is_parent)
    for text in parts.header_right:
        if phrase_at(text, NATIONAL_TITLE) is not None:
            _line(_cell_paragraph(right), text, Pt(12), bold=True)
        elif "độc lập" in text.lower():
            _line(_cell_paragraph(right), text, Pt(13), bold=True)
            _rule(_cell_paragraph(right), Emu(width - left_width), share=0.58)
        elif "ngày" in text.lower():
            _line(_cell_paragraph(right), text, Pt(14), italic=True, space_before=Pt(6))
        else:
            _line(_cell_paragraph(right), text, Pt(13))


def _add_title(word: WordDocument, parts: DocumentParts) -> None:
    if not parts.title:
        return
    kind, *summary = parts.title
    _line(word.add_paragraph(), kind, BODY_SIZE, bold=True, space_before=Pt(18))
    for text in summary:
        _line(word.add_paragraph(), text, BODY_SIZE, bold=True)
    _rule(word.add_paragraph(), _text_width(word), share=0.3)


def _add_body_paragraph(word: WordDocument, paragraph: BodyParagraph) -> None:
    out = word.add_paragraph()
    fmt = out.paragraph_format
    fmt.space_before = PARAGRAPH_SPACING
    label = ARTICLE_LABEL.match(paragraph.text) if paragraph.kind == "paragraph" else None
    if label:  # ND30 sets an article's label ("Điều 1.") in bold, its text regular
        _run(out, label.group(0), BODY_SIZE, bold=True)
        _run(out, paragraph.text[label.end() :], BODY_SIZE)
    else:
        _run(out, paragraph.text, BODY_SIZE, bold=paragraph.kind == "heading")
    if paragraph.kind == "addressee":
        fmt.left_indent = Mm(25)
        return
    if paragraph.align == "centre":
        out.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        out.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = FIRST_LINE_INDENT


def _add_closing(word: WordDocument, parts: DocumentParts) -> None:
    if not (parts.closing_left or parts.closing_right):
        return
    width = _text_width(word)
    left_width = Emu(int(width * CLOSING_LEFT_SHARE))
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_before = PARAGRAPH_SPACING
    grid = _borderless_table(word, [left_width, Emu(width - left_width)])
    left, right = grid.cell(0, 0), grid.cell(0, 1)
    for text in parts.closing_left:
        paragraph = _cell_paragraph(left)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if opens_recipients(text):
            _run(paragraph, text, Pt(12), bold=True, italic=True)
        else:
            _run(paragraph, text, Pt(11))
    names = [t for t in parts.closing_right if not _is_caps(t)]
    name = names[-1] if names else None
    for text in parts.closing_right:
        if text is name:
            for _ in range(SIGNATURE_ROOM):
                _cell_paragraph(right)
            _line(_cell_paragraph(right), text, BODY_SIZE, bold=True)
        else:
            authority = AUTHORITY.match(text) is not None or _is_caps(text)
            _line(_cell_paragraph(right), text, BODY_SIZE, bold=authority)


def _is_caps(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 2 and text.upper() == text


def _borderless_table(word: WordDocument, widths: list[Length]) -> WordTable:
    grid = word.add_table(rows=1, cols=len(widths))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    grid._tbl.tblPr.append(borders)
    _fix_widths(grid, widths)
    return grid


def _cell_paragraph(cell: _Cell) -> Paragraph:
    """The cell's first paragraph while it is empty, else a new one."""
    first = cell.paragraphs[0]
    ruled = first._p.pPr is not None and first._p.pPr.find(qn("w:pBdr")) is not None
    if len(cell.paragraphs) == 1 and not first.runs and not ruled:
        return first
    return cell.add_paragraph()


def _line(
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
    _run(paragraph, text, size, bold, italic)


def _run(
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


def _rule(paragraph: Paragraph, width: Length, share: float) -> None:
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


# --- appendix tables ------------------------------------------------------------------------


def _add_table_section(word: WordDocument, table: Table, number: int) -> None:
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
    _page_setup(section, landscape)
    caption = word.add_paragraph()
    _line(caption, table.caption or f"Bảng {number}", BODY_SIZE, bold=True)
    if table.title:
        _line(word.add_paragraph(), table.title, Pt(13), bold=True)
    if table.attached_to:
        _line(word.add_paragraph(), table.attached_to, Pt(13), italic=True)
    if table.unit:
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_before = PARAGRAPH_SPACING
        _run(paragraph, f"Đơn vị tính: {table.unit}", Pt(12), italic=True)
    body = word.element.body
    for element in body[body.index(caption._p) : -1]:  # the caption stays with its table
        element.get_or_add_pPr().keepNext_val = True
    if table.columns:
        grid = _add_header_and_rows(word, table)
        _fix_widths(grid, _fit(wanted, _text_width(word)))
    elif table.cells:
        _add_grid(word, table)


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


def _fix_widths(grid: WordTable, widths: list[Length]) -> None:
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
    _fix_widths(grid, _fit(wanted, _text_width(word)))


def _fill(
    cell: _Cell, text: str, bold: bool = False, align: WD_ALIGN_PARAGRAPH | None = None
) -> None:
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # merging keeps one paragraph per merged cell
        extra._element.getparent().remove(extra._element)
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    _run(paragraph, text, TABLE_FONT_SIZE, bold=bold)
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
