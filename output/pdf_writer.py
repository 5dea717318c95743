"""Searchable PDF, as OCRmyPDF makes them, but with the RESTORED text.

Each scanned page is the original page image with an invisible text layer (render mode 3):
every word is placed on its OCR box (pixels -> points via ``Page.dpi``), stretched
horizontally to the box width, with a space stretched over the gap to the next word so
copy-paste and search see words. DejaVu Sans is embedded (subset, with a ToUnicode map), so
extracted text keeps its Vietnamese letters. Pages without an image (TXT/DOCX input) become
plain A4 text pages.

When a page came from a PDF, the ORIGINAL PDF page is kept byte for byte (its image is not
re-encoded, so the file stays the size of the scan) and the text layer is laid over it with
pikepdf, as OCRmyPDF does. A page is re-drawn from its rendered image instead when keeping
it could mislead: it already has text (an old OCR layer would be found twice), it is
rotated, or its size does not match the OCR geometry.

The file is archival PDF/A-2b, OCRmyPDF's default: pikepdf's PDF/A module (``pikepdf[pdfa]``,
an allowlist validator built from veraPDF's rule profiles) adds the sRGB output intent (the
ICC profile pikepdf ships) and the XMP metadata agreeing with the Info dictionary, writes the
file and validates what it wrote. If a kept original page carries something PDF/A forbids,
the pages are re-drawn from their images instead; if even that fails, the plain PDF is
written and a warning names the first rule broken (the searchable PDF is never lost).
"""

from __future__ import annotations

import io
import logging
import warnings
from contextlib import ExitStack
from pathlib import Path

import pikepdf
import pikepdf.pdfa
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sohoa.model import BBox, Document, Page
from sohoa.output.files import write_atomic
from sohoa.output.layout import block_runs, document_title, find_font, nfc
from sohoa.output.page_images import page_pil_image

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
JPEG_QUALITY = 80
TEXT_SIZE = 11  # points, for pages without an image
MARGIN = 56  # points (~2 cm)
PDFA_FLAVOUR = "2b"
INFO_MAX_CHARS = 255  # Info strings and XMP titles are kept to what every reader shows

log = logging.getLogger(__name__)


def write_pdf(doc: Document, outdir: Path, stem: str) -> list[Path]:
    path = Path(outdir) / f"{stem}.pdf"
    write_atomic(path, build_pdf(doc))
    return [path]


def build_pdf(doc: Document) -> bytes:
    """The searchable PDF as PDF/A-2b (see the module docstring for the fallbacks)."""
    kept = {i for i, page in enumerate(doc.pages) if _can_keep_original(page)}
    attempts = [kept, set()] if kept else [kept]
    for pages_kept in attempts:
        plain = _build_plain_pdf(doc, pages_kept)
        try:
            return archival_pdf(plain, doc)
        except pikepdf.pdfa.PdfaError as error:
            findings = error.report.findings
    first = findings[0] if findings else "no finding"
    log.warning("%s: the searchable PDF is not PDF/A-2b (%s)", doc.source, first)
    return plain


def _build_plain_pdf(doc: Document, kept: set[int]) -> bytes:
    _register_fonts()
    layer, starts = _draw_pages(doc, kept)
    if not kept:
        return layer
    return _overlay_on_originals(doc, layer, starts, kept)


def archival_pdf(pdf_bytes: bytes, doc: Document) -> bytes:
    """The PDF made PDF/A-2b and validated, or ``pikepdf.pdfa.PdfaError``."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:  # reportlab's empty page transition: not in PDF/A's list
                del page.obj["/Trans"]
        for key, value in document_info(doc).items():
            pdf.docinfo[key] = value
        buffer = io.BytesIO()
        pikepdf.pdfa.save(pdf, buffer, PDFA_FLAVOUR, output_intent="sRGB")
    return buffer.getvalue()


def document_info(doc: Document) -> dict[str, str]:
    """The Info dictionary: title, author (the issuer), subject (the trích yếu), keywords."""
    meta = doc.metadata
    info = {
        "/Title": document_title(doc),
        "/Author": meta.co_quan_ban_hanh.ten or "",
        "/Subject": meta.trich_yeu or "",
        "/Keywords": ", ".join(p for p in (meta.so_hieu, meta.loai_van_ban) if p),
        "/Creator": "sohoa",
    }
    return {key: _bounded(nfc(value)) for key, value in info.items() if value}


def _bounded(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= INFO_MAX_CHARS else text[: INFO_MAX_CHARS - 1] + "…"


def _draw_pages(doc: Document, kept: set[int]) -> tuple[bytes, list[int]]:
    """Our own PDF: a text layer alone for kept pages, image + text or text for the others.

    Returns the PDF and, per document page, the index of its first PDF page (a text page
    may run onto several).
    """
    buffer = io.BytesIO()
    # the initial font is ours: a text object would otherwise start in Helvetica, which
    # PDF/A forbids because it is not embedded
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=FONT)
    starts = []
    for index, page in enumerate(doc.pages):
        starts.append(canvas.getPageNumber() - 1)
        image = page_pil_image(page) if page.image is not None and index not in kept else None
        if index in kept:
            _text_layer_page(canvas, page)
        elif image is not None and page.dpi:
            _scanned_page(canvas, page, image)
        else:
            _text_page(canvas, page)
    if not doc.pages:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), starts


def _can_keep_original(page: Page) -> bool:
    """Whether the page's source PDF page can carry our text layer as it is."""
    ref = page.image
    if ref is None or page.origin != "ocr" or page.rotation or not page.dpi:
        return False
    path = Path(ref.path)
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
        pdf = pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError):
        return False
    try:
        if not 0 <= ref.frame < len(pdf):
            return False
        source = pdf[ref.frame]
        width, height = source.get_size()  # the crop box, as rendered for OCR
        return (
            source.get_rotation() == 0
            and abs(width * page.dpi / 72 - page.width) <= 2
            and abs(height * page.dpi / 72 - page.height) <= 2
            and source.get_textpage().count_chars() == 0
        )
    finally:
        pdf.close()


def _overlay_on_originals(doc: Document, layer: bytes, starts: list[int], kept: set[int]) -> bytes:
    ends = [*starts[1:], None]
    sources: dict[str, pikepdf.Pdf] = {}
    with ExitStack() as stack:
        ours = stack.enter_context(pikepdf.open(io.BytesIO(layer)))
        out = stack.enter_context(pikepdf.new())
        for index, page in enumerate(doc.pages):
            first, last = starts[index], ends[index]
            if index not in kept:
                out.pages.extend(ours.pages[first:last])
                continue
            assert page.image is not None
            if page.image.path not in sources:
                sources[page.image.path] = stack.enter_context(pikepdf.open(page.image.path))
            out.pages.append(sources[page.image.path].pages[page.image.frame])
            original = out.pages[-1]
            original.add_overlay(ours.pages[first], pikepdf.Rectangle(original.cropbox))
        buffer = io.BytesIO()
        out.save(buffer)
    return buffer.getvalue()


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(find_font(filename))))


def _scanned_page(canvas: Canvas, page: Page, image: Image.Image) -> None:
    scale = 72 / page.dpi  # pixels -> points
    width, height = page.width * scale, page.height * scale
    canvas.setPageSize((width, height))
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=JPEG_QUALITY, dpi=(page.dpi, page.dpi))
    with warnings.catch_warnings():  # our own page, its size checked on input (max_image_pixels)
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        canvas.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width, height)
    _invisible_text(canvas, page, scale, height)
    canvas.showPage()


def _text_layer_page(canvas: Canvas, page: Page) -> None:
    scale = 72 / page.dpi
    width, height = page.width * scale, page.height * scale
    canvas.setPageSize((width, height))
    _invisible_text(canvas, page, scale, height)
    canvas.showPage()


def _invisible_text(canvas: Canvas, page: Page, scale: float, page_height: float) -> None:
    ascent, descent = pdfmetrics.getAscentDescent(FONT, 1000)
    em_height = (ascent - descent) / 1000
    text = canvas.beginText()
    text.setTextRenderMode(3)  # neither fill nor stroke: searchable, not visible
    placed: set[int] = set()
    runs = [line.words for line in page.lines] + [
        [i] for i in range(len(page.words)) if i not in {j for ln in page.lines for j in ln.words}
    ]
    for indices in runs:
        words = [(page.words[i], i) for i in indices if page.words[i].bbox and i not in placed]
        if not words:
            continue
        boxes: list[BBox] = [w.bbox for w, _ in words]  # type: ignore[misc]
        top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
        size = max((bottom - top) * scale / em_height, 1.0)
        baseline = page_height - bottom * scale - descent / 1000 * size
        text.setFont(FONT, size)
        for n, (word, index) in enumerate(words):
            placed.add(index)
            box = boxes[n]
            content = nfc(word.text)
            natural = pdfmetrics.stringWidth(content, FONT, size)
            target = (box[2] - box[0]) * scale
            if natural <= 0 or target <= 0:
                continue
            text.setTextOrigin(box[0] * scale, baseline)
            text.setHorizScale(100 * target / natural)  # the word fills its own box
            text.textOut(content)
            gap = (boxes[n + 1][0] - box[2]) * scale if n + 1 < len(words) else 0
            if gap > 0:
                # a space stretched over the gap, so extraction sees two words
                text.setHorizScale(100 * gap / pdfmetrics.stringWidth(" ", FONT, size))
                text.textOut(" ")
    canvas.drawText(text)


def _text_page(canvas: Canvas, page: Page) -> None:
    """Visible text, wrapped to A4, for input that had no page image."""
    canvas.setPageSize(A4)
    width, height = A4
    y = height - MARGIN
    leading = TEXT_SIZE * 1.35
    for block in page.blocks:
        font = FONT_BOLD if block.kind == "heading" else FONT
        lines = [
            line
            for run in block_runs(page, block)
            for line in simpleSplit(run, font, TEXT_SIZE, width - 2 * MARGIN)
        ]
        for line in lines:
            if y < MARGIN:
                canvas.showPage()
                canvas.setPageSize(A4)
                y = height - MARGIN
            canvas.setFont(font, TEXT_SIZE)
            canvas.drawString(MARGIN, y, line)
            y -= leading
        y -= leading / 2
    canvas.showPage()
