"""The three document writers never crash on documents that are legal but unusual."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import docx
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from writer_documents import budget_document, budget_table

from sohoa.model import (
    Block,
    Document,
    Edit,
    ImageRef,
    Line,
    Mismatch,
    Page,
    Table,
    TableRow,
    Validation,
    Word,
)
from sohoa.output.docx_writer import write_docx
from sohoa.output.html_report import write_html
from sohoa.output.pdf_writer import write_pdf
from sohoa.render import render_page_image


def odd_documents(scan: Document) -> dict[str, Document]:
    blank_scan = copy.deepcopy(scan)
    blank_scan.pages[0].words, blank_scan.pages[0].lines, blank_scan.pages[0].blocks = [], [], []
    blank_scan.edits = []

    no_boxes = copy.deepcopy(scan)
    for word in no_boxes.pages[0].words:
        word.bbox = None

    ragged = budget_document()
    ragged.tables = [
        Table(columns=["A", "B / x"], rows=[TableRow(cells=["1", "2", "3"]), TableRow()]),
        Table(caption="rỗng"),
        Table(columns=[], rows=[TableRow(cells=["chỉ một ô"])]),
        budget_table(),
    ]
    ragged.tables[3].validation = Validation(
        ok=False, checked=1, mismatches=[Mismatch(99, "Không có", None, Decimal("1.5"), "?")]
    )
    table_blocks = copy.deepcopy(ragged)
    table_blocks.pages[0].blocks[-1].kind = "table"

    text_only = Document(source="t.txt", input_kind="txt")
    page = Page(number=1, width=0, height=0, dpi=0, origin="txt")
    page.words = [Word("một", origin="txt"), Word("hai", origin="txt")]
    page.lines = [Line([0, 1])]
    page.blocks = [Block([0]), Block([])]
    text_only.pages = [page]
    text_only.edits = [Edit("mot", "một", 1.0, page=1, word=0), Edit("?", "?", 0.0)]

    return {
        "blank-scan": blank_scan,
        "no-boxes": no_boxes,
        "ragged-tables": ragged,
        "table-blocks": table_blocks,
        "text-only": text_only,
        "no-pages": Document(source="e.pdf", input_kind="scanned-pdf"),
    }


@pytest.mark.parametrize(
    "name",
    ["blank-scan", "no-boxes", "ragged-tables", "table-blocks", "text-only", "no-pages"],
)
def test_all_three_writers_open_cleanly(name: str, scanned_doc: Document, tmp_path: Path) -> None:
    doc = odd_documents(scanned_doc)[name]
    word = docx.Document(str(write_docx(doc, tmp_path, name)[0]))
    assert len(word.tables) == sum(1 for t in doc.tables if t.columns or t.cells)
    with pdfplumber.open(write_pdf(doc, tmp_path, name)[0]) as pdf:
        assert len(pdf.pages) >= 1
    report = write_html(doc, tmp_path, name)[0].read_text(encoding="utf-8")
    assert report.count('<mark class="change ') == len(doc.edits)


def test_page_image_is_taken_from_its_frame(scanned_doc: Document, tmp_path: Path) -> None:
    """Page 2 of a multi-frame TIFF is frame 1, not frame 0."""
    doc = copy.deepcopy(scanned_doc)
    image = Image.fromarray(render_page_image(doc.pages[0].image)).convert("L")
    blank = Image.new("L", image.size, 255)
    blank.save(tmp_path / "pages.tiff", save_all=True, append_images=[image])
    doc.pages[0].image = ImageRef(str(tmp_path / "pages.tiff"), 1, doc.pages[0].dpi)
    pdf = pdfium.PdfDocument(str(write_pdf(doc, tmp_path, "tiff")[0]))
    shown = np.asarray(pdf[0].render(scale=1).to_pil().convert("L"))
    pdf.close()
    assert shown.min() < 80  # the scan's ink, not the blank frame 0
