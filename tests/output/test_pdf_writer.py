"""Searchable PDF: real scan + Tesseract boxes in, pdfplumber text out."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pikepdf.pdfa
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas
from writer_documents import budget_document

from sohoa.errors import SohoaError
from sohoa.model import Document, ImageRef, Page
from sohoa.output.layout import document_title
from sohoa.output.pdf_writer import write_pdf
from sohoa.output.writers import WRITERS
from sohoa.render import render_page_image


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


# --- PDF/A-2b ---------------------------------------------------------------------------------


def assert_pdfa_2b(path: Path, title: str) -> None:
    """pikepdf's PDF/A validator (veraPDF's rules, allowlist: an unknown construct fails) plus
    the structural requirements checked here directly, so a validator bug cannot hide them."""
    report = pikepdf.pdfa.validate_written(path, "2b")
    assert report.passed, [str(f) for f in report.findings]
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version >= "1.4"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile
        assert profile.N == 3 and profile.read_bytes()[36:40] == b"acsp"  # an RGB ICC profile
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == str(pdf.docinfo["/Title"]) == title
        assert "/Encrypt" not in pdf.trailer
        for page in pdf.pages:
            assert "/Trans" not in page.obj
            for font in _fonts(page.obj):
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _fonts(obj: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every font a page uses, also through its form XObjects (the overlaid text layer)."""
    resources = obj.get("/Resources", pikepdf.Dictionary())
    fonts = list(resources.get("/Font", pikepdf.Dictionary()).values())
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        if xobject.get("/Subtype") == "/Form":
            fonts.extend(_fonts(xobject))
    return fonts


def test_scanned_pdf_is_pdfa_2b(written: tuple[Document, Path]) -> None:
    doc, path = written
    assert_pdfa_2b(path, document_title(doc))


def test_text_pages_mixed_pages_and_empty_documents_are_pdfa_2b(
    tmp_path: Path, scanned_doc: Document
) -> None:
    mixed = copy.deepcopy(scanned_doc)
    mixed.pages = [copy.deepcopy(budget_document().pages[0]), mixed.pages[0]]
    empty = Document(source="e.txt", input_kind="txt")
    for stem, doc in (("text", budget_document()), ("mixed", mixed), ("empty", empty)):
        assert_pdfa_2b(write_pdf(doc, tmp_path, stem)[0], document_title(doc))


def test_info_names_the_issuer_and_bounds_a_long_title(tmp_path: Path) -> None:
    doc = budget_document()
    doc.metadata.co_quan_ban_hanh.ten = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    doc.metadata.trich_yeu = "Về việc tăng cường quản lý " * 30  # ~800 characters
    path = write_pdf(doc, tmp_path, "long")[0]
    with pikepdf.open(path) as pdf:
        info = {k: str(v) for k, v in pdf.docinfo.items()}
        meta = pdf.open_metadata()
        assert info["/Author"] == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" == meta["dc:creator"][0]
        assert info["/Keywords"] == "49/KH-UBND, Kế hoạch"
        assert len(info["/Title"]) <= 255 and info["/Title"].startswith("Kế hoạch: Về việc")
        assert meta["dc:title"] == info["/Title"]
    assert pikepdf.pdfa.validate_written(path, "2b").passed


def test_a_kept_page_pdfa_forbids_is_redrawn_instead(tmp_path: Path, scanned_doc: Document) -> None:
    """A page with a PostScript XObject (forbidden in PDF/A) cannot be kept as it is."""
    source = tmp_path / "scripted.pdf"
    with pikepdf.open(scanned_doc.source) as pdf:
        postscript = pdf.make_stream(b"showpage", Type=pikepdf.Name.XObject)
        postscript.Subtype = pikepdf.Name.PS
        pdf.pages[0].Resources.XObject.PostScript = postscript
        pdf.pages[0].contents_add(pdf.make_stream(b"/PostScript Do"))
        pdf.save(source)
    doc = copy.deepcopy(scanned_doc)
    doc.pages[0].image = ImageRef(str(source), 0, doc.pages[0].dpi)
    path = write_pdf(doc, tmp_path, "scripted")[0]
    assert_pdfa_2b(path, document_title(doc))
    with pikepdf.open(path) as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        # re-drawn: the image and our text, no PostScript and no kept page under an overlay
        assert [str(x.Subtype) for x in xobjects.values()] == ["/Image"]
    with pdfplumber.open(path) as pdf:
        first_line = scanned_doc.pages[0].line_text(scanned_doc.pages[0].lines[0])
        assert pdf.pages[0].extract_text().startswith(first_line)


def test_a_page_above_pillows_bomb_warning_is_written_without_a_warning(tmp_path: Path) -> None:
    # A genuine big scan (90 Mpx, under our limit, settings.max_image_pixels) printed
    # Pillow's two-line DecompressionBombWarning on stderr when the page was drawn.
    png = tmp_path / "big.png"
    Image.new("L", (9500, 9500), 255).save(png)
    page = Page(number=1, width=9500, height=9500, dpi=300)
    page.image = ImageRef(str(png), 0, 300)
    doc = Document(source=str(png), input_kind="image", pages=[page])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (path,) = write_pdf(doc, tmp_path, "big")
    with pdfplumber.open(path) as pdf:
        assert round(pdf.pages[0].width) == 9500 * 72 // 300
