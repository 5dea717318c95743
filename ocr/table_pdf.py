"""Tables from a digital PDF's text layer (pdfplumber's table finder, merged cells resolved).

Called from ingest while the pdfplumber page is open. pdfplumber reports a merged cell as
one box covering several grid rows/columns (and ``None`` in the covered positions); the
spans are read back from the boxes against the table's row and column edges.
"""

from __future__ import annotations

import bisect
from typing import Any

from sohoa.model import Cell, Page, Table

TOLERANCE = 2.0  # points


def _index(edges: list[float], value: float) -> int:
    return max(0, bisect.bisect_left(edges, value - TOLERANCE))


def table_from_plumber(found: Any, page: Page) -> Table:
    boxes = [box for row in found.rows for box in row.cells if box is not None]
    xs = sorted({round(b[0], 1) for b in boxes} | {round(b[2], 1) for b in boxes})
    ys = sorted({round(b[1], 1) for b in boxes} | {round(b[3], 1) for b in boxes})
    xs = _merge_close(xs)
    ys = _merge_close(ys)
    cells = []
    for box in boxes:
        x0, top, x1, bottom = box
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        text = found.page.crop(box).extract_text() or ""
        if text.replace(" ", "").replace("\n", "").isdigit():
            text = "".join(text.split())  # "2468\n8": one number wrapped in a narrow column
        cells.append(
            Cell(
                text=" ".join(text.split()),
                row=r0,
                col=c0,
                row_span=max(1, r1 - r0),
                col_span=max(1, c1 - c0),
                bbox=(x0, top, x1, bottom),
                page=page.number,
            )
        )
    return Table(cells=cells, source="text-layer", pages=[page.number], bbox=found.bbox)


def _merge_close(values: list[float]) -> list[float]:
    merged: list[float] = []
    for v in values:
        if not merged or v - merged[-1] > TOLERANCE:
            merged.append(v)
    return merged


def find_tables_in_pdf_page(plumber_page: Any, page: Page) -> list[Table]:
    """Ruled tables of a digital page (lines strategy: the appendices are ruled)."""
    return [table_from_plumber(t, page) for t in plumber_page.find_tables()]
