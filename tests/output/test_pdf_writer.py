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
from sohoa.ocr.ingest import render_page_image
from sohoa.output.pdf_writer import write_pdf
from sohoa.output.writers import WRITERS


def page_pixels(page: Page) -> np.ndarray:
    return np.asarray(Image.fromarray(render_page_image(page.image)).convert("L"), dtype=float)


@pytest.fixture(scope="module")
def png_doc(tmp_path_factory: pytest.TempPathFactory, scanned_doc: Document) -> Document:
    """The same scan as a PNG (image input): its page is re-drawn, not kept."""
    doc = copy.deepcopy(scanned_doc)
    png = tmp_path_factory.mktemp("png") / "scan.png"
    Image.fromarray(render_page_image(doc.pages[0].image)).save(png)
    doc.source, doc.input_kind = str(png), "image"
    doc.pages[0].image = ImageRef(str(png), 0, doc.pages[0].dpi)
    return doc


@pytest.fixture(scope="module", params=["kept", "redrawn"])
def written(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    scanned_doc: Document,
    png_doc: Document,
) -> tuple[Document, Path]:
    """(document, its searchable PDF): the scanner's PDF page kept, or the PNG re-drawn."""
    doc = scanned_doc if request.param == "kept" else png_doc
    return doc, write_pdf(doc, tmp_path_factory.mktemp("pdf"), request.param)[0]


def image_streams(path: Path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [
            image.read_raw_bytes() for page in pdf.pages for image in page.get_images().values()
        ]


def test_page_is_the_original_image_at_its_size(written: tuple[Document, Path]) -> None:
    doc, path = written
    page = doc.pages[0]
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        rendered = pdf.pages[0]
        assert rendered.width == pytest.approx(page.width * 72 / page.dpi, abs=0.5)
        assert rendered.height == pytest.approx(page.height * 72 / page.dpi, abs=0.5)
        (image,) = rendered.images
        # full resolution (a PDF page rendered at the dpi may round one pixel differently)
        assert image["srcsize"] == (pytest.approx(page.width, abs=1), page.height)
        assert image["x0"] == pytest.approx(0, abs=0.5) and image["top"] == pytest.approx(
            0, abs=0.5
        )


def test_pdf_input_keeps_its_original_page_image(scanned_doc: Document, tmp_path: Path) -> None:
    scanner = Path(scanned_doc.source)
    out = write_pdf(scanned_doc, tmp_path, "searchable")[0]
    assert image_streams(out) == image_streams(scanner)  # not re-encoded
    assert out.stat().st_size < scanner.stat().st_size + 60_000


def test_text_layer_is_invisible(written: tuple[Document, Path]) -> None:
    """The rendered PDF looks like the scan: the text layer adds no ink."""
    doc, path = written
    page = doc.pages[0]
    pdf = pdfium.PdfDocument(str(path))
    shown = np.asarray(pdf[0].render(scale=page.dpi / 72).to_pil().convert("L"), dtype=float)
    pdf.close()
    original = page_pixels(page)
    h, w = min(shown.shape[0], original.shape[0]), min(shown.shape[1], original.shape[1])
    assert np.abs(shown[:h, :w] - original[:h, :w]).mean() < 4  # resampling/JPEG noise only


def test_restored_words_are_found_at_their_boxes(written: tuple[Document, Path]) -> None:
    doc, path = written
    page = doc.pages[0]
    scale = 72 / page.dpi
    with pdfplumber.open(path) as pdf:
        extracted = pdf.pages[0].extract_words()
        text = pdf.pages[0].extract_text()
    assert sorted(w["text"] for w in extracted) == sorted(w.text for w in page.words)
    line_of = {i: line for line in page.lines for i in line.words}
    for index, word in enumerate(page.words):
        x0, _, x1, _ = (v * scale for v in word.bbox)
        _, top, _, bottom = (v * scale for v in line_of[index].bbox)
        near = [
            found
            for found in extracted
            if found["text"] == word.text
            and abs(found["x0"] - x0) < 1
            and abs(found["x1"] - x1) < 1.5
        ]
        assert len(near) == 1, word
        # the text spans its line's box (a skewed line's box is a little taller)
        assert near[0]["top"] == pytest.approx(top, abs=2)
        assert near[0]["bottom"] == pytest.approx(bottom, abs=2)
    for edit in doc.edits:
        assert edit.result in text


def test_text_layer_is_the_restored_text_not_the_ocr(tmp_path: Path, scanned_doc: Document) -> None:
    doc = copy.deepcopy(scanned_doc)
    index = next(i for i, w in enumerate(doc.pages[0].words) if len(w.text) >= 4)
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


def test_old_text_layer_is_not_kept_twice(tmp_path: Path, scanned_doc: Document) -> None:
    """A PDF that already has (bad) OCR text is re-drawn, so search finds only ours."""
    page = scanned_doc.pages[0]
    source = tmp_path / "old-ocr.pdf"
    size = (page.width * 72 / page.dpi, page.height * 72 / page.dpi)
    png = tmp_path / "page.png"
    Image.fromarray(render_page_image(page.image)).save(png)
    canvas = Canvas(str(source), pagesize=size)
    canvas.drawImage(str(png), 0, 0, *size)
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
    assert "Ting cuwdng" not in first and page.line_text(page.lines[0]) in first
    assert "Tổ chức kiểm tra chất lượng" in second


def test_mixed_kept_and_text_pages_stay_in_order(tmp_path: Path, scanned_doc: Document) -> None:
    doc = copy.deepcopy(scanned_doc)
    text_page = copy.deepcopy(budget_document().pages[0])
    doc.pages = [text_page, doc.pages[0], copy.deepcopy(text_page)]
    out = write_pdf(doc, tmp_path, "mixed")[0]
    assert image_streams(out) == image_streams(Path(scanned_doc.source))  # page 2 kept
    with pdfplumber.open(out) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
        images = [len(p.images) for p in pdf.pages]
    assert images == [0, 1, 0]
    assert texts[0].startswith("KẾ HOẠCH") and texts[2].startswith("KẾ HOẠCH")
    assert texts[1].startswith(scanned_doc.pages[0].line_text(scanned_doc.pages[0].lines[0]))
