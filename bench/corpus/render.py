"""Typeset a ``Doc`` as a digital PDF (reportlab) or a DOCX (python-docx), Nghị định 30 layout.

Header: a borderless two-column table (issuer and "Số:" on the left; quốc hiệu, tiêu ngữ and
"địa danh, ngày …" on the right); the title block centred; the body justified; "Nơi nhận:" on
the left and the signature block (TM./KT./Q., chức vụ, name) on the right; appendices after
a page break, ruled, with merged header cells (bench/render_tables.py's table layout).
PDFs are written with reportlab's ``invariant`` flag: the same document gives the same bytes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sohoa.corpus.scan_simulator import a4_pdf

from .documents import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from render_tables import _register_fonts as register_table_fonts
from render_tables import table_flowables

rl_config.invariant = 1

_LIB = "/usr/share/fonts/truetype/liberation2/Liberation"
_DJV = "/usr/share/fonts/truetype/dejavu/DejaVu"
FONTS: dict[str, tuple[str, str, str]] = {  # name -> regular, bold, italic
    "Liberation Serif": (f"{_LIB}Serif-Regular.ttf", f"{_LIB}Serif-Bold.ttf",
                         f"{_LIB}Serif-Italic.ttf"),
    "DejaVu Serif": (f"{_DJV}Serif.ttf", f"{_DJV}Serif-Bold.ttf", f"{_DJV}Serif-Italic.ttf"),
    "Liberation Sans": (f"{_LIB}Sans-Regular.ttf", f"{_LIB}Sans-Bold.ttf",
                        f"{_LIB}Sans-Italic.ttf"),
    "DejaVu Sans": (f"{_DJV}Sans.ttf", f"{_DJV}Sans-Bold.ttf", f"{_DJV}Sans-Oblique.ttf"),
}  # fmt: skip
PAGE_WIDTH = A4[0] - 50 * mm


def register(font: str) -> tuple[str, str, str]:
    """reportlab names of the font's regular, bold and italic faces (italic falls back)."""
    key = "Corpus" + font.replace(" ", "")
    names = (key, key + "-Bold", key + "-Italic")
    if key not in pdfmetrics.getRegisteredFontNames():
        regular, bold, italic = FONTS[font]
        italic = italic if Path(italic).exists() else regular
        for name, path in zip(names, (regular, bold, italic), strict=True):
            pdfmetrics.registerFont(TTFont(name, path))
    return names


def _styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    regular, bold, italic = register(font)
    base = ParagraphStyle("base", fontName=regular, fontSize=size, leading=size * 1.3)
    small = size - 1
    return {
        "body": ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm,
                               spaceAfter=size * 0.35),
        "head_c": ParagraphStyle("hc", parent=base, fontName=bold, fontSize=small,
                                 leading=small * 1.25, alignment=TA_CENTER),
        "head_r": ParagraphStyle("hr", parent=base, fontSize=small, leading=small * 1.25,
                                 alignment=TA_CENTER),
        "vv": ParagraphStyle("vv", parent=base, fontSize=small - 1, leading=(small - 1) * 1.25,
                             alignment=TA_CENTER),
        "date": ParagraphStyle("date", parent=base, fontName=italic, fontSize=small,
                               alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=size + 1,
                                alignment=TA_CENTER, spaceBefore=size),
        "subtitle": ParagraphStyle("sub", parent=base, fontName=bold, alignment=TA_CENTER,
                                   spaceAfter=size * 0.8),
        "heading": ParagraphStyle("heading", parent=base, fontName=bold, alignment=TA_LEFT,
                                  spaceBefore=size * 0.3, spaceAfter=size * 0.3),
        "center_b": ParagraphStyle("cb", parent=base, fontName=bold, alignment=TA_CENTER,
                                   spaceAfter=size * 0.4),
        "recv_h": ParagraphStyle("rh", parent=base, fontName=bold, fontSize=small - 1),
        "recv": ParagraphStyle("recv", parent=base, fontSize=small - 2, leading=(small - 2) * 1.2),
        "sign": ParagraphStyle("sign", parent=base, fontName=bold, fontSize=small,
                               alignment=TA_CENTER),
        "kg": ParagraphStyle("kg", parent=base, alignment=TA_CENTER, spaceAfter=size * 0.5),
    }  # fmt: skip


Markup = Callable[[str, ParagraphStyle], str]  # a line of text -> Paragraph markup


def plain_markup(text: str, style: ParagraphStyle) -> str:
    return escape(text)


def _two_columns(left: list[Any], right: list[Any], split: float = 0.45) -> Table:
    table = Table(
        [[left, right]], colWidths=[PAGE_WIDTH * split + 5 * mm, PAGE_WIDTH * (1 - split) + 5 * mm]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def story(doc: Doc, font: str, size: float, markup: Markup = plain_markup) -> list[Any]:
    """The document's flowables; ``markup`` writes each line (bench/corpus/legacy.py: in
    TCVN3 fonts)."""
    st = _styles(font, size)

    def _p(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup(text, style), style)

    rule = Table([[""]], colWidths=[30 * mm], rowHeights=[1])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.6, colors.black)]))
    left: list[Any] = []
    if doc.issuer.cap_tren:
        left.append(_p(doc.issuer.cap_tren, st["head_r"]))
    left += [_p(doc.issuer.ten, st["head_c"]), rule, Spacer(1, 4)]
    left.append(_p(doc.printed_number(), st["head_r"]))
    if doc.type == "Công văn":
        left.append(_p(doc.trich_yeu, st["vv"]))
    right = [
        _p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st["head_c"]),
        _p("Độc lập - Tự do - Hạnh phúc", st["head_c"]),
        rule,
        Spacer(1, 4),
        _p(doc.printed_date(), st["date"]),
    ]
    flow: list[Any] = [_two_columns(left, right), Spacer(1, size)]
    if doc.title:
        flow.append(_p(doc.title[0], st["title"]))
        flow += [_p(line, st["subtitle"]) for line in doc.title[1:]]
    if doc.kinh_gui:
        flow.append(_p(f"Kính gửi: {doc.kinh_gui[0]}", st["kg"]))
        flow += [_p(k, st["kg"]) for k in doc.kinh_gui[1:]]
    for block in doc.body:
        if block.kind == "heading":
            bold_centre = block.text.isupper() and not block.text[:2].rstrip(".").isalpha()
            style = st["center_b"] if bold_centre or block.text.endswith(":") else st["heading"]
            flow.append(_p(block.text, style))
        else:
            flow.append(_p(block.text, st["body"]))
    recv = [_p("Nơi nhận:", st["recv_h"]), *(_p(f"- {n}", st["recv"]) for n in doc.noi_nhan)]
    sign = [_p(line, st["sign"]) for line in [*doc.tham_quyen, doc.chuc_vu]]
    sign += [Spacer(1, 16 * mm), _p(doc.nguoi_ky, st["sign"])]
    flow += [Spacer(1, size * 0.6), KeepTogether(_two_columns(recv, sign, split=0.5))]
    register_table_fonts()
    for table in doc.tables:
        flow.append(PageBreak())
        flow += table_flowables(table, _widths(table), _table_size(table))
    return flow


def _table_size(table: dict[str, Any]) -> float:
    return 10.0 if len(table["columns"]) <= 6 else 8.5


def _widths(table: dict[str, Any]) -> list[float]:
    n = len(table["columns"])
    stt, wide = 11 * mm, (50 if n > 6 else 55) * mm
    rest = (PAGE_WIDTH + 10 * mm - stt - wide) / (n - 2)
    return [stt, wide, *([rest] * (n - 2))]


def render_pdf(doc: Doc, font: str, size: float, markup: Markup = plain_markup) -> bytes:
    return a4_pdf(story(doc, font, size, markup), title=doc.id, author="sohoa corpus")


def render_docx(doc: Doc, font: str, size: float) -> bytes:
    """The same document as a Word file: header and signature in borderless tables."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    word = Document()
    normal = word.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    word.core_properties.author = "sohoa corpus"

    def cell_lines(cell: Any, lines: list[tuple[str, bool]]) -> None:
        cell.paragraphs[0].text = ""
        for index, (text, bold) in enumerate(lines):
            para = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(text).bold = bold

    header = word.add_table(rows=1, cols=2)
    left = [(doc.issuer.cap_tren, False)] if doc.issuer.cap_tren else []
    left += [(doc.issuer.ten, True), (doc.printed_number(), False)]
    if doc.type == "Công văn":
        left.append((doc.trich_yeu, False))
    cell_lines(header.cell(0, 0), left)
    cell_lines(header.cell(0, 1), [(line, k < 2) for k, line in enumerate(doc.header_right())])
    for k, line in enumerate(doc.title):
        para = word.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(line).bold = True
        if k == 0:
            para.paragraph_format.space_before = Pt(12)
    for k, line in enumerate(doc.kinh_gui):
        para = word.add_paragraph(f"Kính gửi: {line}" if k == 0 else line)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in doc.body:
        para = word.add_paragraph()
        run = para.add_run(block.text)
        if block.kind == "heading":
            run.bold = True
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    footer = word.add_table(rows=1, cols=2)
    recv = footer.cell(0, 0)
    recv.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in doc.noi_nhan:
        recv.add_paragraph(f"- {line}")
    cell_lines(
        footer.cell(0, 1),
        [(t, True) for t in [*doc.tham_quyen, doc.chuc_vu]] + [("", False), (doc.nguoi_ky, True)],
    )
    for table in doc.tables:
        word.add_page_break()
        for line in (table["caption"], table["title"], table["attached_to"]):
            para = word.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(line).bold = line != table["attached_to"]
        _docx_table(word, table)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_table(word: Any, table: dict[str, Any]) -> None:
    n = len(table["columns"])
    n_head = len(table["header"])
    grid = word.add_table(rows=n_head + len(table["rows"]), cols=n)
    grid.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, header_row in enumerate(table["header"]):
        col = 0
        for cell in header_row:
            while (r, col) in taken:
                col += 1
            cs, rs = cell.get("col_span", 1), cell.get("row_span", 1)
            target = grid.cell(r, col)
            if cs > 1 or rs > 1:
                target = target.merge(grid.cell(r + rs - 1, col + cs - 1))
            target.text = cell["text"]
            taken |= {(r + i, col + j) for i in range(rs) for j in range(cs)}
            col += cs
    for k, row in enumerate(table["rows"]):
        r = n_head + k
        if "section" in row:
            merged = grid.cell(r, 0).merge(grid.cell(r, n - 1))
            merged.text = row["section"]
            continue
        for c, text in enumerate(row["cells"]):
            grid.cell(r, c).text = text
