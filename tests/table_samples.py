"""A small ruled budget table rendered with reportlab, shared by the table tests.

Two header rows (merged "Năm 2026" over NSNN / Tổ chức, STT spanning both rows), a
section row across the table, amounts and lone dashes — the cases that break naive OCR.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

HEADER = [
    ["STT", "Nội dung", "Kinh phí", "Năm 2026", "", "Đơn vị chủ trì"],
    ["", "", "", "NSNN", "Tổ chức", ""],
]
BODY = [
    ["I. Hoạt động hỗ trợ"] + [""] * 5,
    ["1", "Đào tạo nghiệp vụ đo lường", "540", "540", "-", "Sở KH&CN"],
    ["2", "Khảo sát chất lượng", "1.200", "1.200", "-", "UBND cấp xã"],
    ["Tổng", "", "1.740", "1.740", "-", ""],
]
COLUMNS = ["STT", "Nội dung", "Kinh phí", "Năm 2026 / NSNN", "Năm 2026 / Tổ chức", "Đơn vị chủ trì"]


def render_sample_table(path: Path, ruled: bool = True) -> Path:
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT)))
    style = ParagraphStyle("cell", fontName="DejaVuSerif", fontSize=11, leading=14)
    data = [
        [Paragraph(text.replace("&", "&amp;"), style) if text else "" for text in row]
        for row in HEADER + BODY
    ]
    table = Table(data, colWidths=[15 * mm, 70 * mm, 28 * mm, 28 * mm, 28 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black if ruled else colors.white),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (2, 0), (2, 1)),
                ("SPAN", (3, 0), (4, 0)),
                ("SPAN", (5, 0), (5, 1)),
                ("SPAN", (0, 2), (-1, 2)),
                ("SPAN", (0, 5), (1, 5)),
            ]
        )
    )
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    return path
