"""Tables from a DOCX (python-docx), merged cells (gridSpan / vMerge) resolved.

Called from ingest with the open python-docx Document. Word stores a horizontally merged
cell once with ``gridSpan``; a vertically merged one as a "restart" cell followed by
"continue" cells below it, which are folded into the first one's ``row_span`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from sohoa.model import Cell, Table

BREAKS = {qn("w:br"), qn("w:cr"), qn("w:tab")}  # a line break or tab inside a cell: a space
ParagraphText = Callable[[Paragraph], str]  # a paragraph's text (legacy fonts decoded)


def _plain_text(paragraph: Paragraph) -> str:
    parts = []
    for element in paragraph._p.iter(qn("w:t"), *BREAKS):
        parts.append(" " if element.tag in BREAKS else element.text or "")
    return "".join(parts)


def _cell_text(tc: Any, parent: Any, paragraph_text: ParagraphText) -> str:
    paragraphs = [paragraph_text(Paragraph(p, parent)) for p in tc.iter(qn("w:p"))]
    return " ".join(" ".join(paragraphs).split())


def table_from_docx(docx_table: Any, paragraph_text: ParagraphText = _plain_text) -> Table:
    cells: list[Cell] = []
    open_above: dict[int, Cell] = {}  # grid column -> cell a vMerge may continue
    for r, tr in enumerate(docx_table._tbl.tr_lst):
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span or 1
            merge = tc.vMerge
            if merge == "continue" and col in open_above:
                above = open_above[col]
                above.row_span = r - above.row + 1
            else:
                text = _cell_text(tc, docx_table, paragraph_text)
                cell = Cell(text=text, row=r, col=col, col_span=span)
                cells.append(cell)
                for k in range(col, col + span):
                    open_above[k] = cell
            col += span
    return Table(cells=cells, source="docx")


def find_tables_in_docx(
    docx_document: Any, paragraph_text: ParagraphText = _plain_text
) -> list[Table]:
    """Every top-level table of the document, in order; ``paragraph_text`` reads a cell's
    paragraphs (the DOCX reader's decodes runs in legacy Vietnamese fonts)."""
    return [table_from_docx(t, paragraph_text) for t in docx_document.tables]
