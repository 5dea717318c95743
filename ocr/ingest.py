"""Read any supported input: the document, then its pages one at a time.

The kind of input is decided by content (see ``sniff``). Pages are read one at a time so
that a batch run can spread them over processes and never holds a whole file's pixels:

    doc, tasks = open_document(path, settings)   # sniff, validate, plan (cheap)
    page = read_text_layer(task, settings)        # a PDF page's own text, when usable
    image, ref = read_page_image(task, settings)  # otherwise its pixels, for page_ocr

``pipeline.process_page`` runs the page stages on them; ``ingest`` reads a whole file (no
table finding). TXT and DOCX pages are produced directly by ``open_document``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np

from sohoa.errors import SohoaError
from sohoa.model import Document, ImageRef, Page
from sohoa.ocr import images, pdf
from sohoa.ocr.docx_reader import read_docx
from sohoa.ocr.page_ocr import ocr_page
from sohoa.ocr.sniff import sniff_format
from sohoa.ocr.tesseract import check_languages, tesseract_version
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


def reading_dpi(path: Path, task: PageTask) -> int:
    """The dpi to render a PDF page at: --dpi, or a scan's own resolution when lower.

    Tesseract reads the scanner's own pixels as well as a resampled copy, and faster
    (bench/ocr.py, heavy damage at 200 dpi: 001 2.9% vs 1.8% resampled to 300, 004 0.9% vs
    2.0%; at 150 dpi: 4.9% vs 6.3%, 2.9% vs 3.5%); small text is then upscaled only where
    that reads better (choose_reading).
    """
    native = pdf.scan_dpi(path, task.frame)
    if native and 72 <= native < task.dpi:
        return native
    return task.dpi


def read_text_layer(task: PageTask, settings: Settings) -> Page | None:
    """A PDF page's own text layer (with its tables) when usable; None: OCR the page."""
    if task.kind != "pdf":
        return None
    return pdf.read_text_layer_page(Path(task.path), task.frame, task.number, settings)


def read_page_image(task: PageTask, settings: Settings) -> tuple[np.ndarray, ImageRef]:
    """The page's pixels (RGB) and where they come from: a PDF page rendered (see
    ``reading_dpi``), an image's frame decoded."""
    path = Path(task.path)
    if task.kind == "pdf":
        task = replace(task, dpi=reading_dpi(path, task))
        image = pdf.render_pdf_page(path, task.frame, task.dpi, gray=False)
    else:
        image = images.load_frame(path, task.frame, settings, gray=False)
    return image, ImageRef(str(path), task.frame, task.dpi)


def load_page_image(path: Path, settings: Settings) -> tuple[np.ndarray, int]:
    """The first page of an image-only PDF or an image file, and its dpi (bench helper)."""
    _doc, tasks = open_document(path, settings)
    task = tasks[0]
    if task.kind == "pdf":
        dpi = reading_dpi(path, task)
        return pdf.render_pdf_page(path, task.frame, dpi, gray=False), dpi
    return images.load_frame(path, task.frame, settings, gray=False), task.dpi


def ingest(path: Path, settings: Settings) -> Document:
    """Read one input file into a Document (all pages, in order; tables of scanned pages are
    not looked for: ``pipeline.process_page`` does that)."""
    doc, tasks = open_document(path, settings)
    for task in tasks:
        page = read_text_layer(task, settings)
        if page is None:
            image, ref = read_page_image(task, settings)
            page = ocr_page(image, ref, task.number, settings).page
        doc.pages.append(page)
    return doc
