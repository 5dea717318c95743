"""Searchable PDF: real scan + Tesseract boxes in, pdfplumber text out."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image
from writer_documents import budget_document

from sohoa.errors import SohoaError
from sohoa.model import Document, ImageRef, Page
from sohoa.output.pdf_writer import write_pdf
from sohoa.output.writers import WRITERS


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory: pytest.TempPathFactory, scanned_doc: Document) -> Path:
    return write_pdf(scanned_doc, tmp_path_factory.mktemp("pdf"), "scan")[0]


def test_page_is_the_original_image_at_its_size(scan_pdf: Path, scanned_doc: Document) -> None:
    page = scanned_doc.pages[0]
    with pdfplumber.open(scan_pdf) as pdf:
        assert len(pdf.pages) == 1
        rendered = pdf.pages[0]
        assert rendered.width == pytest.approx(page.width * 72 / page.dpi)
        assert rendered.height == pytest.approx(page.height * 72 / page.dpi)
        (image,) = rendered.images
        assert image["srcsize"] == (page.width, page.height)  # full resolution
        assert (image["x0"], image["top"]) == (0, 0) and image["width"] == rendered.width


def test_text_layer_is_invisible(scan_pdf: Path, scanned_doc: Document) -> None:
    """The rendered PDF looks like the scan: the text layer adds no ink."""
    page = scanned_doc.pages[0]
    pdf = pdfium.PdfDocument(str(scan_pdf))
    shown = np.asarray(pdf[0].render(scale=page.dpi / 72).to_pil().convert("L"), dtype=float)
    pdf.close()
    original = np.asarray(Image.open(page.image.path).convert("L"), dtype=float)
    h, w = min(shown.shape[0], original.shape[0]), min(shown.shape[1], original.shape[1])
    assert np.abs(shown[:h, :w] - original[:h, :w]).mean() < 8  # JPEG noise only


def test_restored_words_are_found_at_their_boxes(scan_pdf: Path, scanned_doc: Document) -> None:
    page = scanned_doc.pages[0]
    scale = 72 / page.dpi
    with pdfplumber.open(scan_pdf) as pdf:
        extracted = pdf.pages[0].extract_words()
        text = pdf.pages[0].extract_text()
    assert [w["text"] for w in extracted] == [w.text for w in page.words]
    for found, word in zip(extracted, page.words, strict=True):
        x0, top, x1, bottom = (v * scale for v in word.bbox)
        assert found["x0"] == pytest.approx(x0, abs=1)
        assert found["x1"] == pytest.approx(x1, abs=1.5)
        assert top - 6 < found["top"] < bottom and top < found["bottom"] < bottom + 6
    assert "Tăng cường hoạt động đo lường trên địa bàn tỉnh" in text
    for edit in scanned_doc.edits:
        assert edit.result in text


def test_text_layer_is_the_restored_text_not_the_ocr(tmp_path: Path, scanned_doc: Document) -> None:
    doc = copy.deepcopy(scanned_doc)
    index = next(i for i, w in enumerate(doc.pages[0].words) if w.text == "hoạt")
    doc.pages[0].words[index].text = "hoạtđộngĐẶC"
    with pdfplumber.open(write_pdf(doc, tmp_path, "restored")[0]) as pdf:
        assert "hoạtđộngĐẶC" in [w["text"] for w in pdf.pages[0].extract_words()]


def test_pages_without_image_become_text_pages(tmp_path: Path) -> None:
    path = write_pdf(budget_document(), tmp_path, "text")[0]
    with pdfplumber.open(path) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)  # A4
        text = pdf.pages[0].extract_text()
    assert "Tổ chức kiểm tra chất lượng hàng hóa trên địa bàn tỉnh Bắc Ninh." in text
    assert text.startswith("KẾ HOẠCH")


def test_empty_document_is_still_a_valid_pdf(tmp_path: Path) -> None:
    path = write_pdf(Document(source="e.txt", input_kind="txt"), tmp_path, "empty")[0]
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1


def test_missing_page_image_fails_cleanly_without_partial_file(tmp_path: Path) -> None:
    page = Page(number=1, width=100, height=100, dpi=200)
    page.image = ImageRef(str(tmp_path / "gone.png"), 0, 200)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SohoaError, match=r"gone\.png"):
        write_pdf(Document(source="x.png", input_kind="image", pages=[page]), out, "x")
    assert list(out.iterdir()) == []


def test_registered_as_pdf() -> None:
    assert WRITERS["pdf"] is write_pdf
