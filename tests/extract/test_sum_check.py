"""Row sums as evidence: a misread amount read again by real Tesseract on a rendered table."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from sohoa.extract.grid_lines import find_grids
from sohoa.extract.sum_check import find_row_sum, repair_row_sums
from sohoa.extract.table_grid import grid_to_table, reread_row_sums
from sohoa.model import Cell, Page
from sohoa.ocr.cell_ocr import CellReader
from sohoa.settings import Settings

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
ROWS = [
    ["STT", "Nội dung", "Tổng", "Năm 2026", "Năm 2027"],
    ["1", "Đào tạo", "5.771", "2.000", "3.771"],
    ["2", "Khảo sát", "1.200", "1.200", "-"],
    ["3", "Kiểm định", "18.913", "9.900", "9.013"],
    ["4", "Tuyên truyền", "640", "300", "340"],
    ["5", "Thanh tra", "2.500", "-", "2.500"],
    ["", "Tổng cộng", "29.024", "13.400", "15.624"],
]
WIDTHS = [120, 420, 260, 260, 260]


def table_image() -> np.ndarray:
    """The budget table above, ruled, at 200 dpi, lightly blurred and noisy."""
    height = 90
    image = Image.new("L", (sum(WIDTHS) + 80, height * len(ROWS) + 80), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(11 * DPI / 72))
    for r, row in enumerate(ROWS):
        x = 40
        for text, width in zip(row, WIDTHS, strict=True):
            top = 40 + r * height
            draw.rectangle((x, top, x + width, top + height), outline=0, width=3)
            draw.text((x + width / 2, top + height / 2), text, font=font, fill=20, anchor="mm")
            x += width
    gray = cv2.GaussianBlur(np.asarray(image, dtype=np.float32), (0, 0), 0.8)
    gray += np.random.default_rng(0).normal(0, 6, gray.shape)
    return np.clip(gray, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def read_table():
    gray = table_image()
    grid = find_grids(gray, DPI)[0]
    settings = Settings(dpi=DPI, restore=False)
    page = Page(number=1, width=gray.shape[1], height=gray.shape[0], dpi=DPI)
    table = grid_to_table(grid, gray, DPI, page, settings, lambda box: box, CellReader())
    return gray, grid, settings, table


def _cell(table, row: int, col: int) -> Cell:
    return next(c for c in table.cells if (c.row, c.col) == (row, col))


def test_a_misread_amount_is_read_again_until_its_row_adds_up(read_table) -> None:
    gray, grid, settings, table = read_table
    assert [_cell(table, r, 2).text for r in range(1, 5)] == ["5.771", "1.200", "18.913", "640"]
    _cell(table, 1, 2).text = "92.771"  # as a light scan had it
    _cell(table, 3, 4).text = "9.018"
    reread_row_sums(table.cells, grid, gray, DPI, settings, CellReader())
    assert _cell(table, 1, 2).text == "5.771"
    assert _cell(table, 3, 4).text == "9.013"


def test_a_row_no_single_reading_repairs_stays_as_read(read_table) -> None:
    gray, grid, settings, table = read_table
    _cell(table, 1, 3).text = "2.900"  # two cells of one row wrong: one new reading
    _cell(table, 1, 4).text = "3.711"  # cannot make the row add up
    reread_row_sums(table.cells, grid, gray, DPI, settings, CellReader())
    assert (_cell(table, 1, 3).text, _cell(table, 1, 4).text) == ("2.900", "3.711")


def _rows(texts: list[list[str]]) -> list[dict[int, Cell]]:
    return [
        {c: Cell(text=t, row=r, col=c) for c, t in enumerate(row)} for r, row in enumerate(texts)
    ]


def test_the_relation_comes_from_the_table_not_its_header() -> None:
    rows = _rows([row[2:] for row in ROWS[1:]])
    assert find_row_sum(rows) is not None and find_row_sum(rows).total == 0
    unrelated = _rows([["5", "7", "1"], ["3", "3", "3"], ["8", "1", "2"], ["2", "9", "9"]])
    assert find_row_sum(unrelated) is None
    assert repair_row_sums(unrelated, lambda cell: ["12"]) == []


def test_two_cells_that_could_each_repair_the_row_leave_it_as_read() -> None:
    rows = _rows([row[2:] for row in ROWS[1:]])
    rows[0][0].text = "5.772"
    # both the total and a part have a reading that balances the row: which one is wrong
    # is not known, so nothing changes
    readings = {(0, 0): ["5.771"], (0, 2): ["3.772"]}
    changed = repair_row_sums(rows, lambda cell: readings.get((cell.row, cell.col), []))
    assert changed == [] and rows[0][0].text == "5.772"
