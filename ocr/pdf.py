"""PDF input: validate, tell scanned from digital, read text layers, render pages to pixels.

pypdfium2 renders and validates (it is fast and pdfplumber already depends on it);
pdfplumber reads text-layer words with their boxes.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
import pypdfium2 as pdfium

from sohoa.errors import SohoaError
from sohoa.model import ImageRef, Page
from sohoa.ocr.text_layer import (
    base_font,
    decode_garbled_layer,
    layout_words,
    legacy_fonts_provenance,
    words_from_plumber,
)
from sohoa.ocr.text_quality import text_layer_quality
from sohoa.settings import Settings

MIN_TEXT_CHARS = 20  # a page with fewer text-layer characters is treated as a scan


@dataclass(frozen=True)
class PdfInfo:
    page_count: int
    text_pages: int  # pages with a text layer of at least MIN_TEXT_CHARS characters

    @property
    def kind(self) -> Literal["scanned-pdf", "digital-pdf"]:
        return "digital-pdf" if self.text_pages else "scanned-pdf"

    def needs_ocr(self, settings: Settings) -> bool:
        if settings.ocr_mode == "skip":
            return False
        return settings.ocr_mode == "force" or self.text_pages < self.page_count


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        # PDFium's error code can be stale from an earlier file: look for ourselves.
        raise _why_unreadable(path) from None


def _why_unreadable(path: Path) -> SohoaError:
    if b"/Encrypt" in path.read_bytes():
        return SohoaError(
            path,
            "is encrypted (password-protected)",
            "save an unprotected copy, e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf "
            "(apt-get install qpdf)",
        )
    if _page_count_pdfminer(path) == 0:
        return SohoaError(path, "has no pages", "re-export or re-scan the document")
    return SohoaError(
        path, "is not a readable PDF (corrupt or truncated)", "re-export or re-scan it"
    )


def _page_count_pdfminer(path: Path) -> int | None:
    """pdfminer's page count, or None if it cannot parse the file either."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with open(path, "rb") as handle:
            return sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(handle))))
    except Exception:  # any parser failure means "unreadable", which the caller reports
        return None


def inspect_pdf(path: Path, settings: Settings) -> PdfInfo:
    """Open the PDF once to validate it and count pages with a text layer."""
    document = open_pdf(path)
    try:
        count = len(document)
        if count == 0:
            raise SohoaError(path, "has no pages", "re-export or re-scan the document")
        text_pages = 0
        for index in range(count):
            page = document[index]
            with contextlib.suppress(pdfium.PdfiumError):
                text_pages += page.get_textpage().count_chars() >= MIN_TEXT_CHARS
            if settings.ocr_mode != "skip":
                check_render_size(path, page, index, settings.dpi, settings.max_image_pixels)
    finally:
        document.close()
    if settings.ocr_mode == "skip" and text_pages == 0:
        raise SohoaError(
            path,
            "has no text layer and --ocr-mode skip forbids OCR",
            "use --ocr-mode auto to OCR it",
        )
    return PdfInfo(page_count=count, text_pages=text_pages)


def check_render_size(
    path: Path, page: pdfium.PdfPage, index: int, dpi: int, max_pixels: int
) -> None:
    width, height = page.get_size()
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels > max_pixels:
        raise SohoaError(
            path,
            f"page {index + 1} is too large to rasterise ({width / 72:.0f}×{height / 72:.0f} "
            f"inches = {pixels / 1e6:.0f} Mpx at {dpi} dpi, limit {max_pixels / 1e6:.0f} Mpx)",
            "use a lower --dpi",
        )


def render_pdf_page(
    path: Path, frame: int, dpi: int, *, gray: bool = True, max_pixels: int | None = None
) -> np.ndarray:
    """Rasterise one page at ``dpi``: uint8 gray (H×W) or RGB (H×W×3).

    A page that is nothing but one full-page scan at ``dpi`` (what a scanner writes) gives
    the scan's own pixels: rendering would only resample them (~0.1 s a 300-dpi page).
    """
    document = open_pdf(path)
    try:
        page = document[frame]
        if max_pixels is not None:
            check_render_size(path, page, frame, dpi, max_pixels)
        scan = page_scan(page, dpi)
        if scan is not None:
            return _gray_or_rgb(scan.get_bitmap(), gray)
        return _gray_or_rgb(page.render(scale=dpi / 72, grayscale=gray), gray)
    finally:
        document.close()


def page_scan(page: pdfium.PdfPage, dpi: int) -> pdfium.PdfImage | None:
    """The page's only content when it is an upright 8-bit gray/RGB image filling the page
    at ``dpi`` (±1 pixel); None otherwise (then the page is rendered)."""
    if page.get_rotation() or pdfium.raw.FPDFPage_CountObjects(page) != 1:
        return None
    (image,) = page.get_objects()
    if image.type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
        return None
    left, bottom, right, top = page.get_cropbox()
    a, b, c, d, e, f = image.get_matrix().get()
    upright = b == 0 and c == 0 and a > 0 and d > 0
    if (
        not upright
        or max(abs(e - left), abs(f - bottom), abs(a - right + left), abs(d - top + bottom)) > 0.5
    ):
        return None
    metadata = image.get_metadata()
    kinds = {
        pdfium.raw.FPDF_COLORSPACE_DEVICEGRAY: 8,
        pdfium.raw.FPDF_COLORSPACE_DEVICERGB: 24,
    }
    if kinds.get(metadata.colorspace) != metadata.bits_per_pixel:
        return None
    if not set(image.get_filters()) <= {"DCTDecode", "FlateDecode"}:
        return None
    width, height = (right - left) * dpi / 72, (top - bottom) * dpi / 72
    if abs(metadata.width - width) > 1 or abs(metadata.height - height) > 1:
        return None
    return image


def scan_dpi(path: Path, frame: int) -> int | None:
    """The resolution of the scan that is page ``frame``'s only content (an upright gray/RGB
    image filling the page, as a scanner writes it); None for any other page."""
    document = open_pdf(path)
    try:
        page = document[frame]
        if page.get_rotation() or pdfium.raw.FPDFPage_CountObjects(page) != 1:
            return None
        (image,) = page.get_objects()
        if image.type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
            return None
        left, _, right, _ = page.get_cropbox()
        width = image.get_metadata().width
        return round(width * 72 / (right - left)) if right > left and width else None
    finally:
        document.close()


def _gray_or_rgb(bitmap: pdfium.PdfBitmap, gray: bool) -> np.ndarray:
    """A contiguous uint8 copy of ``bitmap``: gray (H×W) or RGB (H×W×3)."""
    pixels = bitmap.to_numpy()
    if pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    if pixels.ndim == 2:
        image = pixels if gray else np.repeat(pixels[:, :, None], 3, axis=2)
    elif bitmap.mode.startswith("BGR"):  # PDFium's byte order
        image = cv2.cvtColor(pixels[:, :, :3], cv2.COLOR_BGR2GRAY if gray else cv2.COLOR_BGR2RGB)
    else:
        image = cv2.cvtColor(pixels[:, :, :3], cv2.COLOR_RGB2GRAY) if gray else pixels[:, :, :3]
    return np.ascontiguousarray(image)


def read_text_layer_page(path: Path, frame: int, number: int, settings: Settings) -> Page | None:
    """The page from its text layer, or None when it should be OCR'd instead.

    ``auto`` OCRs pages whose layer is missing or garbled; ``force`` OCRs every page;
    ``skip`` never OCRs (a page without a text layer comes back empty).
    """
    if settings.ocr_mode == "force":
        return None
    if settings.ocr_mode == "auto" and _layer_chars(path, frame) < MIN_TEXT_CHARS:
        return None  # a scan: no need to parse the page with pdfplumber (~0.05 s a page)
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        source: Path | io.BytesIO = path
        if _has_drawn_annotations(path, frame):
            source, frame = _flattened_page(path, frame), 0
        with pdfplumber.open(source, pages=[frame + 1]) as plumber:
            plumber_page = plumber.pages[0]
            page = Page(
                number=number,
                width=float(plumber_page.width),
                height=float(plumber_page.height),
                dpi=72,
                image=ImageRef(str(path), frame, 72),
                origin="text-layer",
            )
            page.words, fonts, direction = words_from_plumber(plumber_page)
            page_fonts = {base_font(str(char.get("fontname", ""))) for char in plumber_page.chars}
            page.provenance = {"text": "text-layer", **legacy_fonts_provenance(page_fonts)}
            text = " ".join(word.text for word in page.words)
            if text_layer_quality(text).garbled:
                # legacy codes in fonts whose names do not say so ("Qu¶n lý" in "F1")
                encoding = decode_garbled_layer(page.words)
                if encoding:
                    page.provenance["decoded_layer"] = encoding
                    text = " ".join(word.text for word in page.words)
            if settings.ocr_mode == "auto" and (
                len(text) < MIN_TEXT_CHARS or text_layer_quality(text).garbled
            ):
                return None
            layout_words(page, fonts, direction)
            if settings.extract_tables:
                from sohoa.ocr.table_pdf import find_tables_in_pdf_page

                page.tables = find_tables_in_pdf_page(plumber_page, page)
            return page
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        if settings.ocr_mode == "skip":
            raise SohoaError(
                path, f"page {number}: unreadable text layer ({error})", "use --ocr-mode auto"
            ) from None
        return None  # a broken text layer is no text layer: OCR the page


# Annotations whose appearance is text drawn on the page: a digital signature's box ("Ký bởi:
# ..."), typed notes, stamps. PDFium draws them; pdfplumber reads only the page content.
def _has_drawn_annotations(path: Path, frame: int) -> bool:
    document = open_pdf(path)
    try:
        page = document[frame]
        for index in range(pdfium.raw.FPDFPage_GetAnnotCount(page)):
            annotation = pdfium.raw.FPDFPage_GetAnnot(page, index)
            subtype = pdfium.raw.FPDFAnnot_GetSubtype(annotation)
            pdfium.raw.FPDFPage_CloseAnnot(annotation)
            if subtype in _DRAWN_SUBTYPES:
                return True
        return False
    finally:
        document.close()


_DRAWN_SUBTYPES = {
    pdfium.raw.FPDF_ANNOT_WIDGET,
    pdfium.raw.FPDF_ANNOT_FREETEXT,
    pdfium.raw.FPDF_ANNOT_STAMP,
}


def _flattened_page(path: Path, frame: int) -> io.BytesIO:
    """A one-page PDF of page ``frame`` with its annotations' appearances made page content."""
    document = open_pdf(path)
    try:
        page = document[frame]
        pdfium.raw.FPDFPage_Flatten(page, pdfium.raw.FLAT_NORMALDISPLAY)
        page.close()
        single = pdfium.PdfDocument.new()
        single.import_pages(document, [frame])
        buffer = io.BytesIO()
        single.save(buffer)
        single.close()
    finally:
        document.close()
    buffer.seek(0)
    return buffer


def _layer_chars(path: Path, frame: int) -> int:
    """Characters in the page's text layer, as PDFium counts them (cheap, no layout)."""
    document = open_pdf(path)
    try:
        return document[frame].get_textpage().count_chars()
    except pdfium.PdfiumError:
        return 0
    finally:
        document.close()
