"""A digital PDF's ruled table through pdfplumber, merged header cells resolved."""

from __future__ import annotations

import pdfplumber
from table_samples import BODY, COLUMNS, render_sample_table

from sohoa.extract.tables import extract_tables
from sohoa.model import Document, Page
from sohoa.ocr.table_pdf import find_tables_in_pdf_page
from sohoa.settings import Settings


def test_text_layer_table(tmp_path):
    pdf_path = render_sample_table(tmp_path / "bang.pdf")
    doc = Document(source=str(pdf_path), input_kind="digital-pdf")
    with pdfplumber.open(pdf_path) as pdf:
        plumber_page = pdf.pages[0]
        page = Page(
            number=1, width=plumber_page.width, height=plumber_page.height, origin="text-layer"
        )
        page.tables = find_tables_in_pdf_page(plumber_page, page)
        doc.pages.append(page)
    table = extract_tables(doc, Settings())
    table = doc.tables[0]
    assert table.source == "text-layer"
    assert table.columns == COLUMNS
    assert table.rows[0].section == BODY[0][0]
    assert [r.cells for r in table.rows[1:]] == BODY[1:]
    assert table.records[1].kinh_phi.tong == 1200
    assert table.validation.ok
