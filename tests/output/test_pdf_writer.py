"""Searchable PDF: real scan + Tesseract boxes in, pdfplumber text out."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas
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


def pdf_scan_document(scanned_doc: Document, pdf_path: Path) -> Document:
    """The scan as a scanner's PDF: one image per page, no text; same OCR geometry."""
    page = scanned_doc.pages[0]
    Image.open(page.image.path).save(pdf_path, resolution=page.dpi)
    doc = copy.deepcopy(scanned_doc)
    doc.source, doc.input_kind = str(pdf_path), "scanned-pdf"
    doc.pages[0].image = ImageRef(str(pdf_path), 0, page.dpi)
    return doc


def image_streams(path: Path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [
            image.read_raw_bytes() for page in pdf.pages for image in page.get_images().values()
        ]


def test_pdf_input_keeps_its_original_page_image(tmp_path: Path, scanned_doc: Document) -> None:
    doc = pdf_scan_document(scanned_doc, tmp_path / "scanner.pdf")
    out = write_pdf(doc, tmp_path, "searchable")[0]
    assert image_streams(out) == image_streams(tmp_path / "scanner.pdf")  # not re-encoded
    assert out.stat().st_size < (tmp_path / "scanner.pdf").stat().st_size + 60_000
    with pdfplumber.open(out) as pdf:
        words = pdf.pages[0].extract_words()
    assert [w["text"] for w in words] == [w.text for w in doc.pages[0].words]
    first = doc.pages[0].words[0].bbox
    assert words[0]["x0"] == pytest.approx(first[0] * 72 / doc.pages[0].dpi, abs=1)


def test_old_text_layer_is_not_kept_twice(tmp_path: Path, scanned_doc: Document) -> None:
    """A PDF that already has (bad) OCR text is re-drawn, so search finds only ours."""
    page = scanned_doc.pages[0]
    source = tmp_path / "old-ocr.pdf"
    size = (page.width * 72 / page.dpi, page.height * 72 / page.dpi)
    canvas = Canvas(str(source), pagesize=size)
    canvas.drawImage(page.image.path, 0, 0, *size)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(20, 20, "Ting cuwdng hoat dng")  # the old English-model OCR
    canvas.save()
    doc = copy.deepcopy(scanned_doc)
    doc.pages[0].image = ImageRef(str(source), 0, page.dpi)
    doc.pages.append(copy.deepcopy(budget_document().pages[0]))
    doc.pages[1].number = 2
    with pdfplumber.open(write_pdf(doc, tmp_path, "redo")[0]) as pdf:
        assert len(pdf.pages) == 2
        first, second = (p.extract_text() for p in pdf.pages)
    assert "Ting cuwdng" not in first and "Tăng cường hoạt động đo lường" in first
    assert "Tổ chức kiểm tra chất lượng" in second


def test_mixed_kept_and_text_pages_stay_in_order(tmp_path: Path, scanned_doc: Document) -> None:
    doc = pdf_scan_document(scanned_doc, tmp_path / "scanner.pdf")
    text_page = copy.deepcopy(budget_document().pages[0])
    doc.pages = [text_page, doc.pages[0], copy.deepcopy(text_page)]
    with pdfplumber.open(write_pdf(doc, tmp_path, "mixed")[0]) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
        images = [len(p.images) for p in pdf.pages]
    assert images == [0, 1, 0]
    assert texts[0].startswith("KẾ HOẠCH") and texts[2].startswith("KẾ HOẠCH")
    assert texts[1].startswith("ỦY BAN NHÂN DÂN TỈNH BẮC NINH")
