"""Ingest with real Tesseract on real files of every kind."""

from __future__ import annotations

import difflib
import pickle
from pathlib import Path

import docx
import numpy as np
import pdfplumber
import pytest
from metrics import wer
from PIL import Image

from sohoa.corpus import scan_simulator as scans
from sohoa.errors import SohoaError
from sohoa.model import Document, ImageRef
from sohoa.ocr.ingest import ingest, open_document
from sohoa.render import render_page_image
from sohoa.settings import Settings

from .conftest import FAST, SHORT_TEXT, SKEW

ROOT = Path(__file__).resolve().parents[2]


def test_heavy_scan_is_read_with_few_errors(heavy_scan: scans.Scan, heavy_doc: Document) -> None:
    assert heavy_doc.input_kind == "scanned-pdf"
    (page,) = heavy_doc.pages
    assert page.origin == "ocr" and page.dpi == 200
    assert wer(heavy_scan.text, heavy_doc.text(), diacritics=False) < 0.03
    assert wer(heavy_scan.text, heavy_doc.text()) < 0.10
    assert page.mean_confidence is not None and page.mean_confidence > 70
    assert abs(page.deskew_angle) >= 1.0  # heavy scans are turned 1.2–2°


def test_scan_words_have_boxes_inside_the_page_and_lines_and_blocks(heavy_doc: Document) -> None:
    (page,) = heavy_doc.pages
    assert page.image == ImageRef(heavy_doc.source, 0, 200)
    assert len(page.words) > 300 and page.lines and page.blocks
    for word in page.words:
        assert word.bbox is not None and word.confidence is not None
        x0, top, x1, bottom = word.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
    assert page.blocks[0].kind == "heading" and page.line_text(page.lines[0]) == "KẾ HOẠCH"
    indexed = sorted(i for line in page.lines for i in line.words)
    assert indexed == list(range(len(page.words)))


def test_boxes_are_in_original_pixels_before_deskew(
    short_pdf: Path, rotated_png: tuple[Path, np.ndarray]
) -> None:
    """OCR a page turned by a known angle; each word box must sit where that word was drawn."""
    path, matrix = rotated_png
    doc = ingest(path, FAST)
    (page,) = doc.pages
    assert doc.input_kind == "image" and page.dpi == 200
    assert page.deskew_angle == pytest.approx(SKEW, abs=0.15)

    with pdfplumber.open(short_pdf) as pdf:
        drawn = pdf.pages[0].extract_words()
    scale = 200 / 72
    drawn_centres = []
    for w in drawn:
        centre = np.array([(w["x0"] + w["x1"]) / 2 * scale, (w["top"] + w["bottom"]) / 2 * scale])
        drawn_centres.append(matrix[:, :2] @ centre + matrix[:, 2])
    matcher = difflib.SequenceMatcher(
        a=[w["text"] for w in drawn], b=[w.text for w in page.words], autojunk=False
    )
    distances = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            word = page.words[block.b + k]
            assert word.bbox is not None
            centre = np.array(
                [(word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2]
            )
            distances.append(np.linalg.norm(centre - drawn_centres[block.a + k]))
    assert len(distances) > 40
    assert np.median(distances) < 4 and max(distances) < 15


def test_render_page_image_matches_the_box_geometry(
    heavy_doc: Document, rotated_png: tuple[Path, np.ndarray], short_pdf: Path
) -> None:
    (page,) = heavy_doc.pages
    assert page.image is not None
    image = render_page_image(page.image)
    assert image.dtype == np.uint8 and image.shape == (page.height, page.width, 3)

    png = render_page_image(ImageRef(str(rotated_png[0]), 0, 200))
    assert png.shape[:2] == np.asarray(Image.open(rotated_png[0])).shape[:2]

    text_page = ingest(short_pdf, FAST).pages[0]
    assert text_page.image is not None
    rendered = render_page_image(text_page.image)
    assert abs(rendered.shape[0] - text_page.height) <= 1  # points at 72 dpi, rounded
    assert abs(rendered.shape[1] - text_page.width) <= 1


def test_page_tasks_are_small_and_picklable(heavy_scan: scans.Scan) -> None:
    doc, tasks = open_document(heavy_scan.path, FAST)
    assert doc.pages == [] and len(tasks) == 1
    assert pickle.loads(pickle.dumps(tasks[0])) == tasks[0]
    assert len(pickle.dumps(tasks[0])) < 500


def test_multi_page_tiff_gives_one_page_per_frame(
    scan_dir: Path, short_page_image: np.ndarray
) -> None:
    frames = [Image.fromarray(short_page_image[:390]), Image.fromarray(short_page_image[390:])]
    path = scan_dir / "two-frames.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200))
    doc = ingest(path, FAST)
    assert [p.number for p in doc.pages] == [1, 2]
    assert [p.image.frame for p in doc.pages if p.image] == [0, 1]
    assert "QUYẾT ĐỊNH" in doc.pages[0].text() and "Điều 1." in doc.pages[1].text()


def test_jpeg_in_colour_is_read(scan_dir: Path, short_page_image: np.ndarray) -> None:
    rgb = np.stack([short_page_image[:390]] * 3, axis=-1)  # heading + paragraph 1
    rgb[..., 2] = np.minimum(rgb[..., 2], 225)  # yellowed paper
    path = scan_dir / "colour.jpg"
    Image.fromarray(rgb).save(path, quality=85)
    doc = ingest(path, FAST)
    assert "QUYẾT ĐỊNH" in doc.text() and "Căn cứ Luật" in doc.text()


def test_digital_pdf_words_come_from_the_text_layer(short_pdf: Path) -> None:
    doc = ingest(short_pdf, FAST)
    (page,) = doc.pages
    assert doc.input_kind == "digital-pdf" and page.origin == "text-layer" and page.dpi == 72
    assert all(w.origin == "text-layer" and w.confidence is None for w in page.words)
    assert page.blocks[0].kind == "heading" and page.text().startswith("QUYẾT ĐỊNH\n\nCăn cứ")
    assert "838/TTr-SKH-CN" in page.text()
    x0, top, x1, bottom = page.words[0].bbox or (0, 0, 0, 0)
    assert 0 < x0 < x1 < page.width and 0 < top < bottom < page.height / 2


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_digital_pdf_page_with_rotate_reads_like_the_upright_page(
    short_pdf: Path, tmp_path: Path, rotation: int
) -> None:
    """A page stored with /Rotate (landscape scans, sideways tables) keeps its reading order,
    its words and its paragraphs; boxes are on the page as displayed."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(short_pdf)
    document[0].set_rotation(rotation)
    turned = tmp_path / f"turned-{rotation}.pdf"
    document.save(turned)
    document.close()
    upright, sideways = ingest(short_pdf, FAST).pages[0], ingest(turned, FAST).pages[0]
    assert sideways.origin == "text-layer" and sideways.text() == upright.text()
    assert (sideways.width, sideways.height) == (
        (upright.height, upright.width) if rotation % 180 else (upright.width, upright.height)
    )
    for word in sideways.words:
        x0, top, x1, bottom = word.bbox or (0, 0, 0, 0)
        assert 0 <= x0 < x1 <= sideways.width and 0 <= top < bottom <= sideways.height


def _legacy_encoding(text: str) -> str:
    """Mimic a VNI/TCVN3 font text layer: each marked letter becomes a base + odd symbol."""
    import unicodedata

    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 or char in "đĐ":
            out.append(decomposed[0].replace("đ", "d").replace("Đ", "D") + "¶µ¸¹»¼ÿ"[ord(char) % 7])
        else:
            out.append(char)
    return "".join(out)


def test_garbled_text_layer_is_ocred_in_auto_and_kept_in_skip(scan_dir: Path) -> None:
    # What the eye sees is right; the text layer underneath is in a legacy 8-bit encoding.
    clean = scans.render_text_pdf(SHORT_TEXT[1:], scan_dir / "legacy-clean.pdf")
    images = scans.rasterize_pdf(clean, 200)
    layers = [_legacy_encoding(text) for text in scans.pdf_page_texts(clean)]
    path = scans.images_to_pdf(images, scan_dir / "legacy.pdf", 200, text_layers=layers)
    auto = ingest(path, FAST)
    assert auto.input_kind == "digital-pdf" and auto.pages[0].origin == "ocr"
    assert "Khoa học và Công nghệ" in auto.text()
    skipped = ingest(path, Settings(dpi=200, ocr_mode="skip"))
    assert skipped.pages[0].origin == "text-layer" and "Khoa học" not in skipped.text()


def test_force_mode_ocrs_a_digital_pdf(short_pdf: Path) -> None:
    doc = ingest(short_pdf, Settings(dpi=200, ocr_mode="force"))
    (page,) = doc.pages
    assert page.origin == "ocr" and page.dpi == 200
    assert "Tờ trình số 838/TTr-SKH-CN" in page.text()


def test_skip_mode_refuses_a_scan_without_text_layer(
    heavy_scan: scans.Scan, rotated_png: tuple[Path, np.ndarray]
) -> None:
    with pytest.raises(SohoaError, match="no text layer"):
        open_document(heavy_scan.path, Settings(ocr_mode="skip"))
    with pytest.raises(SohoaError, match="forbids OCR"):
        open_document(rotated_png[0], Settings(ocr_mode="skip"))


def test_docx_paragraphs_headings_and_table_text(scan_dir: Path) -> None:
    document = docx.Document()
    document.add_heading("Kế hoạch đo lường", level=1)
    document.add_paragraph("Căn cứ Luật Đo lường ngày 11 tháng 11 năm 2011;")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "TT", "Nội dung"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "Kiểm định"
    document.add_paragraph("QUYẾT ĐỊNH:")
    path = scan_dir / "plan.docx"
    document.save(path)

    doc = ingest(path, FAST)
    (page,) = doc.pages
    assert doc.input_kind == "docx" and all(w.origin == "docx" for w in page.words)
    assert [b.kind for b in page.blocks] == ["heading", "paragraph", "table", "heading"]
    assert page.text().split("\n\n") == [
        "Kế hoạch đo lường",
        "Căn cứ Luật Đo lường ngày 11 tháng 11 năm 2011;",
        "TT Nội dung\n1 Kiểm định",
        "QUYẾT ĐỊNH:",
    ]


def test_upside_down_page_is_turned_and_boxes_stay_in_original_pixels(
    scan_dir: Path, short_page_image: np.ndarray
) -> None:
    path = scan_dir / "upside-down.png"
    Image.fromarray(np.rot90(short_page_image, 2)).save(path, dpi=(200, 200))
    (page,) = ingest(path, FAST).pages
    assert page.rotation == 180
    assert page.text().startswith("QUYẾT ĐỊNH") and "Điều 1." in page.text()
    heading = page.words[0].bbox
    assert heading is not None and heading[1] > page.height * 0.6  # drawn at the bottom
