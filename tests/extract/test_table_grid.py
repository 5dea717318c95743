"""A small rendered, skewed, noisy scan of a ruled table through grid detection and Tesseract."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2
import pytest
from table_samples import BODY, COLUMNS, render_sample_table

from sohoa.extract.table_grid import find_tables_in_image
from sohoa.extract.tables import extract_tables
from sohoa.model import Document, Page
from sohoa.ocr.cell_ocr import CellReader
from sohoa.settings import Settings

DPI = 200


def scan(pdf_path, angle: float = 0.8) -> np.ndarray:
    page = pypdfium2.PdfDocument(str(pdf_path))[0]
    gray = np.asarray(page.render(scale=DPI / 72).to_pil().convert("L"))
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    skewed = cv2.warpAffine(gray, matrix, (w, h), borderValue=255)
    noise = np.random.default_rng(1).normal(0, 8, skewed.shape)
    return np.clip(cv2.GaussianBlur(skewed, (0, 0), 0.6) + noise, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def scanned_doc(tmp_path_factory):
    pdf = render_sample_table(tmp_path_factory.mktemp("grid") / "bang.pdf")
    image = scan(pdf)
    settings = Settings(dpi=DPI, restore=False)
    page = Page(number=1, width=image.shape[1], height=image.shape[0], dpi=DPI)
    page.tables = find_tables_in_image(image, page, settings, CellReader())
    doc = Document(source=str(pdf), input_kind="scanned-pdf", pages=[page])
    return extract_tables(doc, settings)


def test_grid_cells_spans_and_boxes(scanned_doc):
    page = scanned_doc.pages[0]
    assert len(page.tables) == 1
    cells = {(c.row, c.col): c for c in page.tables[0].cells}
    assert (cells[(0, 3)].col_span, cells[(0, 0)].row_span) == (2, 2)  # merged header
    assert cells[(2, 0)].col_span == 6  # the section row
    x0, top, x1, bottom = page.tables[0].bbox
    assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height


def test_cells_read_with_dashes_and_multilevel_header(scanned_doc):
    table = scanned_doc.tables[0]
    # leaf columns joined from the two header rows ("Năm 2026 / NSNN")
    assert sum(a == b for a, b in zip(table.columns, COLUMNS, strict=True)) >= 5
    assert table.columns[3:5] == COLUMNS[3:5]
    rows = [r.section if r.section is not None else r.cells for r in table.rows]
    expected = [BODY[0][0], *BODY[1:]]
    right = sum(
        a == b
        for got, want in zip(rows, expected, strict=True)
        for a, b in zip(
            got if isinstance(got, list) else [got],
            want if isinstance(want, list) else [want],
            strict=True,
        )
    )
    assert right >= 18  # of 19 cells; the lone dashes among them
    assert [r.cells[4] for r in table.rows[1:]] == ["-", "-", "-"]
    assert table.kind == "phu_luc_2"
    assert table.validation.ok
