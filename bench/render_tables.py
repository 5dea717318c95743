"""Render the transcribed truth of seed 002's appendices as ruled, landscape, multi-page tables.

Used by ``bench/tables.py`` (and by tests, for a tiny table): reportlab lays the tables out
the way the original was printed — caption, title, "(Kèm theo …)" line, merged header
cells, the header repeated on every page — in DejaVu Serif, which has every Vietnamese glyph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


LIBERATION_DIR = Path("/usr/share/fonts/truetype/liberation2")


def _register_fonts() -> None:
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    if "LiberationSans" not in pdfmetrics.getRegisteredFontNames():
        for name, file in (("LiberationSans", "Regular"), ("LiberationSans-Bold", "Bold")):
            path = LIBERATION_DIR / f"LiberationSans-{file}.ttf"
            pdfmetrics.registerFont(TTFont(name, str(path)))


def _styles(size: float, font: str = "DejaVuSerif") -> dict[str, ParagraphStyle]:
    _register_fonts()  # the styles name them
    base = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.25)
    return {
        "cell": base,
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=base, fontName=f"{font}-Bold"),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=f"{font}-Bold",
            alignment=TA_CENTER,
            fontSize=size * 0.88,
            leading=size * 1.1,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=f"{font}-Bold",
            fontSize=12,
            leading=16,
            alignment=TA_CENTER,
        ),
        "plain": ParagraphStyle("plain", parent=base, fontSize=11, leading=14, alignment=TA_CENTER),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_flowables(
    table: dict[str, Any],
    widths: list[float],
    size: float,
    font: str = "DejaVuSerif",
    ruled: bool = True,
) -> list[Any]:
    """Caption, title and the ruled table (header rows repeated on each page)."""
    st = _styles(size, font)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black if ruled else colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    data = _header_lines(table, st, commands)
    for row in table["rows"]:
        data.append(_body_line(row, len(data), len(table["columns"]), st, commands))
    flow: list[Any] = [
        Paragraph(_escape(table["caption"]), st["title"]),
        Paragraph(_escape(table["title"]), st["title"]),
        Paragraph(_escape(table["attached_to"]), st["plain"]),
        Spacer(1, 4 * mm),
    ]
    if table.get("unit"):
        flow.append(Paragraph(_escape("Đơn vị: " + table["unit"]), st["plain"]))
        flow.append(Spacer(1, 2 * mm))
    # A table may say its header is printed once and its rows run on over a page break, as
    # old exports (seed 003's) were: ``header_once``; the default repeats the header and
    # keeps each row whole on one page.
    once = bool(table.get("header_once"))
    grid = Table(
        data, colWidths=widths, repeatRows=0 if once else len(table["header"]), splitInRow=once
    )
    grid.setStyle(TableStyle(commands))
    flow.append(grid)
    return flow


def _header_lines(
    table: dict[str, Any], st: dict[str, ParagraphStyle], commands: list[tuple[Any, ...]]
) -> list[list[Any]]:
    """The header rows, each cell in its first column; its spans added to ``commands``."""
    ncols = len(table["columns"])
    data: list[list[Any]] = []
    for r, header_row in enumerate(table["header"]):
        line: list[Any] = [""] * ncols
        col = 0
        for cell in header_row:
            while line[col] is None or (line[col] != "" and line[col] is not None):
                col += 1
            # Skip columns already covered by a row span from the previous header row.
            while r > 0 and _covered(table["header"], r, col):
                col += 1
            line[col] = Paragraph(_escape(cell["text"]), st["head"])
            cs, rs = cell.get("col_span", 1), cell.get("row_span", 1)
            if cs > 1 or rs > 1:
                commands.append(("SPAN", (col, r), (col + cs - 1, r + rs - 1)))
            for k in range(1, cs):
                line[col + k] = None
            col += cs
        data.append([x if x is not None else "" for x in line])
    return data


def _body_line(
    row: dict[str, Any],
    r: int,
    ncols: int,
    st: dict[str, ParagraphStyle],
    commands: list[tuple[Any, ...]],
) -> list[Any]:
    """Body row ``r``: a section title across the table, a sub-heading, a total or cells."""
    if "section" in row:
        commands.append(("SPAN", (0, r), (-1, r)))
        return [Paragraph(_escape(row["section"]), st["bold"])] + [""] * (ncols - 1)
    cells = row["cells"]
    filled = [i for i, text in enumerate(cells) if text]
    is_subheading = filled == [0, 1] and cells[0] not in ("Tổng",)
    is_total = cells[0] == "Tổng" and cells[1] == ""
    line = []
    for i, text in enumerate(cells):
        style = st["cell"] if i in (1,) or len(text) > 12 else st["center"]
        if is_subheading or is_total:
            style = st["bold"] if i else st["center"]
        line.append(Paragraph(_escape(text), style) if text else "")
    if is_subheading and ncols > 6:
        commands.append(("SPAN", (1, r), (-1, r)))
    if is_total:
        commands.append(("SPAN", (0, r), (1, r)))
    return line


def _covered(header: list[list[dict[str, Any]]], r: int, col: int) -> bool:
    """Is column ``col`` of header row ``r`` covered by a row span from an earlier row?"""
    for prev in range(r):
        c = 0
        for cell in header[prev]:
            cs, rs = cell.get("col_span", 1), cell.get("row_span", 1)
            if c <= col < c + cs and prev + rs > r:
                return True
            c += cs
    return False


WIDTHS_I = [12 * mm, 105 * mm, 45 * mm, 50 * mm, 20 * mm, 35 * mm]
WIDTHS_II = [10 * mm, 38 * mm] + [12 * mm] * 13 + [17 * mm, 24 * mm, 20 * mm]


def render_appendices(truth: dict[str, Any], pdf_path: Path) -> None:
    """Both appendices of the truth file, each starting on a new landscape page."""
    tables = [
        table_flowables(t, WIDTHS_II, 8.5)
        if t["kind"] == "phu_luc_2"
        else table_flowables(t, WIDTHS_I, 10.5)
        for t in truth["tables"]
    ]
    _build_pages(pdf_path, landscape(A4), tables)


def render_tables(
    truth: dict[str, Any],
    pdf_path: Path,
    font: str = "LiberationSans",
    size: float = 9.5,
    ruled: bool = True,
) -> None:
    """Every table of a truth file on portrait A4 (landscape when a table says so), each on
    a new page, columns as wide as its ``widths_mm`` say, in its ``font_size`` when it has
    one (another layout and font than ``render_appendices``)."""
    tables = [
        table_flowables(t, [w * mm for w in t["widths_mm"]], t.get("font_size", size), font, ruled)
        for t in truth["tables"]
    ]
    wide = any(t.get("landscape") for t in truth["tables"])
    _build_pages(pdf_path, landscape(A4) if wide else A4, tables)


def _build_pages(pdf_path: Path, pagesize: tuple[float, float], tables: list[list[Any]]) -> None:
    """One PDF, each table's flowables from a new page, with the appendices' margins."""
    doc = SimpleDocTemplate(
        str(pdf_path),
        pagesize=pagesize,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    story: list[Any] = []
    for i, flowables in enumerate(tables):
        if i:
            story.append(PageBreak())
        story.extend(flowables)
    doc.build(story)
