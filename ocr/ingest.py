"""Stage 1: read any supported input into a Document.

The kind of input is decided by content (see ``sniff``). Pages are processed one at a time
so that a batch run can spread them over processes and never holds a whole file's pixels:

    doc, tasks = open_document(path, settings)   # sniff, validate, plan (cheap)
    doc.pages += [process_page(task, settings) for task in tasks]   # the heavy part

``ingest`` does exactly that. TXT and DOCX pages are produced directly by ``open_document``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from sohoa.errors import SohoaError
from sohoa.model import Document, ImageRef, Page
from sohoa.ocr import images, pdf
from sohoa.ocr.docx_reader import read_docx
from sohoa.ocr.preprocess import DEFAULT_OPTIONS, RAW_OPTIONS, PreparedImage, prepare_page
from sohoa.ocr.sniff import sniff_format
from sohoa.ocr.tesseract import (
    check_languages,
    data_to_page,
    detect_rotation,
    looks_unreadable,
    run_tesseract,
    tesseract_version,
)
from sohoa.ocr.text_reader import read_text_file_encoding, text_to_pages
from sohoa.settings import Settings


@dataclass(frozen=True)
class PageTask:
    """One page to process: small and picklable, so it can be sent to a worker process."""

    path: str
    kind: Literal["pdf", "image"]
    frame: int  # 0-based page of the PDF / frame of the image
    number: int  # 1-based page number in the Document
    dpi: int  # rasterisation dpi for PDFs; the image's own (or assumed) dpi for images


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_document(path: Path, settings: Settings) -> tuple[Document, list[PageTask]]:
    """Sniff and validate ``path``; return the Document (pages still empty for PDFs and
    images) and the page tasks. Raises SohoaError for anything a user must fix."""
    path = Path(path)
    fmt = sniff_format(path)
    tasks: list[PageTask] = []
    encoding = None
    if fmt == "txt":
        text, encoding = read_text_file_encoding(path)
        doc = Document(source=str(path), input_kind="txt", pages=text_to_pages(text))
    elif fmt == "docx":
        page, encoding = read_docx(path, settings)
        doc = Document(source=str(path), input_kind="docx", pages=[page])
    elif fmt == "pdf":
        info = pdf.inspect_pdf(path, settings)
        doc = Document(source=str(path), input_kind=info.kind)
        tasks = [
            PageTask(str(path), "pdf", index, index + 1, settings.dpi)
            for index in range(info.page_count)
        ]
        if info.needs_ocr(settings):
            check_languages(settings.lang, path)
    else:
        if settings.ocr_mode == "skip":
            raise SohoaError(
                path, "is an image and --ocr-mode skip forbids OCR", "use --ocr-mode auto"
            )
        frames = images.inspect_image(path, settings)
        doc = Document(source=str(path), input_kind="image")
        tasks = [
            PageTask(str(path), "image", index, index + 1, dpi or settings.dpi)
            for index, dpi in enumerate(frames)
        ]
        check_languages(settings.lang, path)
    doc.sha256 = file_sha256(path)
    doc.provenance["ingest"] = {"format": fmt}
    if encoding is not None:
        doc.provenance["ingest"]["encoding"] = encoding
    if tasks and settings.ocr_mode != "skip":
        doc.provenance["ingest"]["ocr_engine"] = f"tesseract {tesseract_version()}"
    return doc, tasks


def process_page(task: PageTask, settings: Settings) -> Page:
    """Produce one Page: read its text layer, or render/load it and OCR it."""
    path = Path(task.path)
    if task.kind == "pdf":
        page = pdf.read_text_layer_page(path, task.frame, task.number, settings)
        if page is not None:
            return page
        image = pdf.render_pdf_page(path, task.frame, task.dpi)
    else:
        image = images.load_frame(path, task.frame, settings)
    return ocr_page(image, ImageRef(str(path), task.frame, task.dpi), task.number, settings)


def ocr_page(image: np.ndarray, ref: ImageRef, number: int, settings: Settings) -> Page:
    """Preprocess and OCR one page image; boxes are mapped back to ``image`` pixels."""
    from sohoa.extract.table_grid import find_tables_in_image

    check_languages(settings.lang, ref.path)
    height, width = image.shape[:2]
    prepared = prepare(image, ref.dpi, settings)
    page = Page(
        number=number,
        width=width,
        height=height,
        dpi=ref.dpi,
        rotation=prepared.rotation,
        deskew_angle=prepared.deskew_angle,
        image=ref,
        origin="ocr",
    )
    data = run_tesseract(prepared.gray, settings.lang, settings.psm)
    if looks_unreadable(data, settings.lang):
        rotation = detect_rotation(prepared.gray)
        if rotation:
            total = (prepared.rotation + rotation) % 360
            prepared = prepare(image, ref.dpi, settings, rotation=total)
            page.rotation, page.deskew_angle = prepared.rotation, prepared.deskew_angle
            data = run_tesseract(prepared.gray, settings.lang, settings.psm)
    data_to_page(data, page, prepared.boxes_to_original)
    if settings.extract_tables:
        page.tables = find_tables_in_image(prepared, page, settings)
    return page


def prepare(image: np.ndarray, dpi: int, settings: Settings, rotation: int = 0) -> PreparedImage:
    options = DEFAULT_OPTIONS if settings.preprocess else RAW_OPTIONS
    return prepare_page(image, dpi, options, rotation)


def ingest(path: Path, settings: Settings) -> Document:
    """Read one input file into a Document (all pages, in order)."""
    doc, tasks = open_document(path, settings)
    doc.pages.extend(process_page(task, settings) for task in tasks)
    return doc


def render_page_image(ref: ImageRef) -> np.ndarray:
    """Re-render a page's image (RGB uint8) in the pixel geometry of its word boxes."""
    path = Path(ref.path)
    if sniff_format(path) == "pdf":
        return pdf.render_pdf_page(path, ref.frame, ref.dpi, gray=False)
    return images.load_frame(path, ref.frame, Settings(max_image_pixels=2**62), gray=False)
