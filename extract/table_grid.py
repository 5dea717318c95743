"""Ruled tables in page images: grid lines -> cells -> per-cell OCR.

The "find tables" page stage (``pipeline.process_page``), run while the page image is still
in memory, so a batch run never has to keep or re-render page images for table extraction.
The geometry lives in ``grid_lines``; the cells are read by the ``CellReader`` it is given
(OCR's: ``ocr.cell_ocr.CellReader``); this module turns them into ``model.Table`` objects
with boxes in ORIGINAL page pixels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import regex

from sohoa.extract.amounts import is_blank, looks_like_amount
from sohoa.extract.grid_lines import (
    Grid,
    binarize,
    estimate_skew,
    find_grids,
    may_hold_grid,
    rotate,
)
from sohoa.extract.structure import header_height
from sohoa.extract.sum_check import repair_row_sums
from sohoa.model import BBox, Cell, Page, Table
from sohoa.settings import Settings

BoxMapper = Callable[[BBox], BBox]
CellBox = tuple[int, int, int, int]


class CellText(Protocol):
    text: str
    confidence: float | None  # 0..100; None when decided by ink alone
    method: str  # "empty", "dash", "ocr"
    glyphs: int  # strokes of ink in the cell


class CellReader(Protocol):
    """Reads the cells of a level page image (OCR's job: ``ocr.cell_ocr.CellReader``)."""

    def read_cells(
        self, gray: np.ndarray, boxes: list[CellBox], dpi: int, lang: str
    ) -> list[CellText]: ...

    def read_digits(
        self, gray: np.ndarray, box: CellBox, dpi: int, lang: str, first: str
    ) -> CellText: ...

    def read_number_again(
        self, gray: np.ndarray, box: CellBox, dpi: int, lang: str
    ) -> list[str]: ...


def _level_image(prepared: Any) -> tuple[np.ndarray, BoxMapper, float]:
    """The deskewed grayscale page and a map from its pixels back to the original page.

    Accepts the OCR helper's ``PreparedImage`` (already deskewed, knows ``box_to_original``)
    or a plain grayscale array, which is deskewed here from its rules. The third value is
    how many prepared pixels make one original pixel (the helper upscales small scans).
    """
    if isinstance(prepared, np.ndarray):
        gray = prepared if prepared.ndim == 2 else prepared.mean(axis=2).astype(np.uint8)
        angle = estimate_skew(binarize(gray))
        if abs(angle) < 0.05:
            return gray, lambda box: box, 1.0
        level = rotate(gray, angle)
        return level, _unrotate(gray.shape, angle), 1.0
    return np.asarray(prepared.gray), prepared.box_to_original, float(prepared.scale)


def _unrotate(shape: tuple[int, ...], angle: float) -> BoxMapper:
    h, w = shape[:2]
    theta = np.deg2rad(angle)
    cos, sin = np.cos(theta), np.sin(theta)
    cx, cy = w / 2, h / 2

    def to_original(box: BBox) -> BBox:
        x0, y0, x1, y1 = box
        xs, ys = [], []
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            # inverse of cv2.getRotationMatrix2D(centre, angle): rotate back by -angle
            dx, dy = x - cx, y - cy
            xs.append(cx + cos * dx - sin * dy)
            ys.append(cy + sin * dx + cos * dy)
        return (round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1))

    return to_original


def grid_to_table(
    grid: Grid,
    gray: np.ndarray,
    dpi: int,
    page: Page,
    settings: Settings,
    to_original: BoxMapper,
    reader: CellReader,
) -> Table:
    boxes = [grid_cell.box for grid_cell in grid.cells]
    readings = reader.read_cells(gray, boxes, dpi, settings.lang)
    cells = []
    lone_glyphs = set()
    for grid_cell, reading in zip(grid.cells, readings, strict=True):
        if reading.method == "ocr" and reading.glyphs == 1:
            lone_glyphs.add((grid_cell.row, grid_cell.col))
        cells.append(
            Cell(
                text=reading.text,
                row=grid_cell.row,
                col=grid_cell.col,
                row_span=grid_cell.row_span,
                col_span=grid_cell.col_span,
                bbox=to_original(tuple(float(v) for v in grid_cell.box)),
                confidence=reading.confidence,
            )
        )
    reread_amount_columns(cells, grid, gray, dpi, settings, reader, lone_glyphs)
    reread_row_sums(cells, grid, gray, dpi, settings, reader)
    return Table(
        pages=[page.number],
        cells=cells,
        source="grid",
        bbox=to_original(tuple(float(v) for v in grid.box)),
    )


def reread_amount_columns(
    cells: list[Cell],
    grid: Grid,
    gray: np.ndarray,
    dpi: int,
    settings: Settings,
    reader: CellReader,
    lone_glyphs: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Read again, as digits only, the odd non-number in a column of numbers.

    A lone "0" on a bad scan comes back as "ụ" or "q", a row number "1.2" as "t2"; in a
    column whose other cells are amounts or row numbers, Tesseract restricted to digits
    reads it right. A lone glyph there is read again even when it looks like a number
    ("0" read as "9"): as a digit, by a vote of several readings.
    """
    n_header = header_height(cells)
    boxes = {(c.row, c.col): c.box for c in grid.cells}
    by_column: dict[int, list[Cell]] = {}
    for cell in cells:
        unread_ink = not cell.text and cell.confidence == 0.0
        if cell.row >= n_header and cell.col_span == 1 and (cell.text or unread_ink):
            by_column.setdefault(cell.col, []).append(cell)
    for column_cells in by_column.values():
        numeric = [c for c in column_cells if c.text and _number_like(c.text)]
        if len(numeric) < 3 or len(numeric) < 0.5 * len(column_cells):
            continue
        # Row numbers ("1.2", "2.3.") rather than amounts: a final dot is part of the text
        row_numbers = any(
            _ROW_NUMBER.fullmatch(c.text) and not looks_like_amount(c.text) for c in numeric
        )
        for cell in column_cells:
            lone = (cell.row, cell.col) in lone_glyphs
            if (cell in numeric and not lone) or len(cell.text) > 6:
                continue
            box = boxes[(cell.row, cell.col)]
            reading = reader.read_digits(gray, box, dpi, settings.lang, cell.text)
            text = reading.text
            if row_numbers and cell.text.endswith(".") and not text.endswith("."):
                text += "."  # the digits-only reading drops an end dot the first one saw
            if text and _number_like(text) and not is_blank(text):
                cell.text, cell.confidence = text, reading.confidence


def reread_row_sums(
    cells: list[Cell],
    grid: Grid,
    gray: np.ndarray,
    dpi: int,
    settings: Settings,
    reader: CellReader,
) -> None:
    """Amounts that break their row's sum read again (``sum_check``): a reading that makes
    the row add up replaces the first one."""
    n_header = header_height(cells)
    boxes = {(c.row, c.col): c.box for c in grid.cells}
    body: dict[int, dict[int, Cell]] = {}
    for cell in cells:
        if cell.row >= n_header and cell.col_span == 1:
            body.setdefault(cell.row, {})[cell.col] = cell

    def read_again(cell: Cell) -> list[str]:
        box = boxes[(cell.row, cell.col)]
        return reader.read_number_again(gray, box, dpi, settings.lang)

    repair_row_sums([body[row] for row in sorted(body)], read_again)


_ROW_NUMBER = regex.compile(r"\d{1,2}(\.\d{1,2})*\.?")  # STT: "1", "1.2", "2.3."


def _number_like(text: str) -> bool:
    """An amount, a dash, or a row number: what a cell of a column of numbers holds."""
    return looks_like_amount(text) or is_blank(text) or bool(_ROW_NUMBER.fullmatch(text))


def find_tables_in_image(
    prepared: Any, page: Page, settings: Settings, reader: CellReader
) -> list[Table]:
    """Every ruled table on the page, its cells read by ``reader``; rows/columns are built by
    ``extract.tables`` (a document stage)."""
    gray, to_original, scale = _level_image(prepared)
    dpi = round((page.dpi or settings.dpi) * scale)  # pixels per inch of ``gray``
    if not may_hold_grid(gray, dpi):
        return []
    return [
        grid_to_table(grid, gray, dpi, page, settings, to_original, reader)
        for grid in find_grids(gray, dpi)
        if grid.n_rows >= 2 and grid.n_cols >= 2
    ]
