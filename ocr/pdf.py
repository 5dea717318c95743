"""PDF input: validate, tell scanned from digital, read text layers, render pages to pixels.

pypdfium2 renders and validates (it is fast and pdfplumber already depends on it);
pdfplumber reads text-layer words with their boxes.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pypdfium2 as pdfium

from sohoa.errors import SohoaError
from sohoa.model import ImageRef, Page
from sohoa.ocr.text_layer import layout_words, text_layer_quality, words_from_plumber
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
            "save an unprotected copy, e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf",
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
    """Rasterise one page at ``dpi``: uint8 gray (H×W) or RGB (H×W×3)."""
    document = open_pdf(path)
    try:
        page = document[frame]
        if max_pixels is not None:
            check_render_size(path, page, frame, dpi, max_pixels)
        bitmap = page.render(scale=dpi / 72, grayscale=gray)
        image = bitmap.to_numpy()
        if gray:
            image = image[:, :, 0] if image.ndim == 3 else image
        else:
            mode = bitmap.mode  # pypdfium2 renders BGR(A) by default
            image = image[:, :, [2, 1, 0]] if mode.startswith("BGR") else image[:, :, :3]
        return np.ascontiguousarray(image)
    finally:
        document.close()


def read_text_layer_page(path: Path, frame: int, number: int, settings: Settings) -> Page | None:
    """The page from its text layer, or None when it should be OCR'd instead.

    ``auto`` OCRs pages whose layer is missing or garbled; ``force`` OCRs every page;
    ``skip`` never OCRs (a page without a text layer comes back empty).
    """
    if settings.ocr_mode == "force":
        return None
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path, pages=[frame + 1]) as plumber:
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
            if settings.ocr_mode == "auto":
                text = " ".join(word.text for word in page.words)
                if len(text) < MIN_TEXT_CHARS or text_layer_quality(text).garbled:
                    return None
            layout_words(page, fonts, direction)
            if settings.extract_tables:
                from sohoa.extract.table_pdf import find_tables_in_pdf_page

                page.tables = find_tables_in_pdf_page(plumber_page, page)
            return page
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        if settings.ocr_mode == "skip":
            raise SohoaError(
                path, f"page {number}: unreadable text layer ({error})", "use --ocr-mode auto"
            ) from None
        return None  # a broken text layer is no text layer: OCR the page
