"""Stage 1: read any supported input into a Document.

The kind of input is decided by content (see ``sniff``). Pages are processed one at a time
so that a batch run can spread them over processes and never holds a whole file's pixels:

    doc, tasks = open_document(path, settings)   # sniff, validate, plan (cheap)
    doc.pages += [process_page(task, settings) for task in tasks]   # the heavy part

``ingest`` does exactly that. TXT and DOCX pages are produced directly by ``open_document``.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np

from sohoa.errors import SohoaError
from sohoa.model import Document, ImageRef, Page
from sohoa.ocr import images, pdf
from sohoa.ocr.docx_reader import read_docx
from sohoa.ocr.preprocess import (
    DEFAULT_OPTIONS,
    RAW_OPTIONS,
    PreparedImage,
    PrepareOptions,
    drop_red,
    prepare_page,
    small_text_scale,
)
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


def process_page(task: PageTask, settings: Settings) -> Page:
    """Produce one Page: read its text layer, or render/load it and OCR it."""
    path = Path(task.path)
    if task.kind == "pdf":
        page = pdf.read_text_layer_page(path, task.frame, task.number, settings)
        if page is not None:
            return page
        task = replace(task, dpi=reading_dpi(path, task))
        image = pdf.render_pdf_page(path, task.frame, task.dpi, gray=False)
    else:
        image = images.load_frame(path, task.frame, settings, gray=False)
    return ocr_page(image, ImageRef(str(path), task.frame, task.dpi), task.number, settings)


# Ways to clean a page before OCR. "prepared" (deskew, flatten, sharpen) wins on most scans
# and photos; on some (show-through, blur, a photo's uneven light) the raw pixels or the
# black-and-white image read better, and small text may read better upscaled. The first
# reading decides whether others are tried (see choose_reading).
VARIANTS: dict[str, PrepareOptions] = {
    "prepared": DEFAULT_OPTIONS,
    "as-read": RAW_OPTIONS,
    "deskew": replace(RAW_OPTIONS, deskew=True),
    "binarised": DEFAULT_OPTIONS,  # the prepared page's own black-and-white image
}
UPSCALED = ", upscaled"  # suffix of a variant name: small text brought to Tesseract's size


@dataclass
class Reading:
    """One OCR pass over one variant of the page, with measures available without truth."""

    variant: str
    prepared: PreparedImage
    data: dict[str, list]
    confidence: float  # mean word confidence (0-100)
    valid_share: float  # share of alphabetic words that are valid Vietnamese syllables
    words: int
    seconds: float

    @property
    def score(self) -> float:
        """Higher is better: Tesseract's confidence, and words that are Vietnamese syllables
        (weighted half: numbers, codes and abbreviations are not syllables either)."""
        return self.confidence / 100 + 0.5 * self.valid_share

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_CONFIDENCE or self.valid_share < DOUBTFUL_VALID_SHARE

    @property
    def text(self) -> str:
        return " ".join(t.strip() for t in self.data["text"] if t and t.strip())


# Clean print reads at a mean word confidence of 94-96 with 92-95% of words valid syllables
# (bench/ocr.py); below either, another variant may read better.
DOUBTFUL_CONFIDENCE = 94.0
DOUBTFUL_VALID_SHARE = 0.9
MIN_WORDS_TO_COMPARE = 10


def read_variant(
    image: np.ndarray, dpi: int, variant: str, settings: Settings, rotation: int = 0
) -> Reading:
    """Prepare ``image`` the ``variant`` way (``"as-read, upscaled"``: also upscale small
    text) and OCR it."""
    from sohoa.ocr.text_layer import text_layer_quality

    started = time.perf_counter()
    base = variant.removesuffix(UPSCALED)
    options = replace(VARIANTS[base], upscale_small_text=variant.endswith(UPSCALED))
    prepared = prepare_page(image, dpi, options, rotation)
    pixels = prepared.binary if base == "binarised" else prepared.gray
    if base == "as-read" and prepared.scale == 1.0 and not prepared.rotation:
        # the page's own pixels, colour kept: Tesseract thresholds the channel that separates
        # ink from paper best, so a red box or stamp drawn over black text drops out (the
        # Cục Thuế screenshot: 8.0% WER from our gray, 4.8% from its colours); a red seal
        # dropped out as in every variant
        pixels = drop_red(image) if options.drop_red else image
    data = run_tesseract(pixels, settings.lang, settings.psm)
    confidences = [
        float(c) for c, t in zip(data["conf"], data["text"], strict=True) if t and t.strip()
    ]
    confidences = [c for c in confidences if c >= 0]
    quality = text_layer_quality(" ".join(t for t in data["text"] if t))
    return Reading(
        variant=variant,
        prepared=prepared,
        data=data,
        confidence=sum(confidences) / len(confidences) if confidences else 0.0,
        valid_share=quality.valid_share,
        words=len(confidences),
        seconds=time.perf_counter() - started,
    )


def choose_reading(
    image: np.ndarray, dpi: int, settings: Settings, rotation: int = 0
) -> tuple[Reading, list[Reading]]:
    """Read the page "prepared"; only where that reading is doubtful, also upscaled (small
    text), and where the better of these is still doubtful, as read and binarised at the
    better one's scale. The reading with the best score wins. Returns it and every reading."""
    if not settings.preprocess:
        reading = read_variant(image, dpi, "as-read", settings, rotation)
        return reading, [reading]
    first = read_variant(image, dpi, "prepared", settings, rotation)
    if not first.doubtful or first.words < MIN_WORDS_TO_COMPARE:
        return first, [first]
    readings = [first]
    if small_text_scale(first.prepared.gray) > 1.0:  # a screenshot, a low-dpi scan
        readings.append(read_variant(image, dpi, "prepared" + UPSCALED, settings, rotation))
    best = max(readings, key=lambda r: r.score)
    if best.doubtful:
        suffix = UPSCALED if best.variant.endswith(UPSCALED) else ""
        for variant in ("as-read", "binarised"):
            readings.append(read_variant(image, dpi, variant + suffix, settings, rotation))
    return max(readings, key=lambda r: r.score), readings


def ocr_page(image: np.ndarray, ref: ImageRef, number: int, settings: Settings) -> Page:
    """Preprocess and OCR one page image; boxes are mapped back to ``image`` pixels."""
    from sohoa.extract.table_grid import find_tables_in_image

    check_languages(settings.lang, ref.path)
    height, width = image.shape[:2]
    reading, readings = choose_reading(image, ref.dpi, settings)
    final = readings
    if looks_unreadable(reading.data, settings.lang):
        rotation = detect_rotation(reading.prepared.gray)
        if rotation:
            total = (reading.prepared.rotation + rotation) % 360
            reading, final = choose_reading(image, ref.dpi, settings, rotation=total)
            readings += final
    prepared = reading.prepared
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
    data_to_page(reading.data, page, prepared.boxes_to_original)
    page.provenance = {
        **page.provenance,  # non_text marks found by data_to_page
        "text": "ocr",
        "variant": reading.variant,
        "scale": round(prepared.scale, 2),
        "readings": [
            {
                "variant": r.variant,
                "confidence": round(r.confidence, 1),
                "valid_share": round(r.valid_share, 3),
            }  # no timings: outputs are the same on every run (timings_s has them)
            for r in readings
        ],
    }
    if prepared.page_corners:  # a photographed page, straightened
        page.provenance["page_corners"] = [list(corner) for corner in prepared.page_corners]
    if settings.extract_tables:
        # ruled grids are found on the deskewed, cleaned page whichever variant read the text
        # best: an "as-read" page is not deskewed, and its tilted rules break the grid
        grid_page = next((r.prepared for r in final if r.variant == "prepared"), prepared)
        page.tables = find_tables_in_image(grid_page, page, settings)
    return page


def load_page_image(path: Path, settings: Settings) -> tuple[np.ndarray, int]:
    """The first page of an image-only PDF or an image file, and its dpi (bench helper)."""
    _doc, tasks = open_document(path, settings)
    task = tasks[0]
    if task.kind == "pdf":
        dpi = reading_dpi(path, task)
        return pdf.render_pdf_page(path, task.frame, dpi, gray=False), dpi
    return images.load_frame(path, task.frame, settings, gray=False), task.dpi


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
