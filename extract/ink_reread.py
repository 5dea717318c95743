"""Parts of a page read again without the coloured ink laid over the print.

Two inks are put on an administrative document after it is printed, both over print the
metadata needs (Nghị định 30/2020): the red seal, pressed over the signer's position and
name, and the number and day a clerk writes into the blanks of "Số: ..../UBND-VP" and
"ngày ... tháng ...", usually in blue pen. Tesseract reads a page's luminance, where either
ink is as dark as print, and often drops or garbles the printed lines under it. In one colour
channel each ink is about as light as the paper while black print stays black: red ink in
the red channel; a pen's blue, darker, stands out from the other two channels and is painted
over with paper white. When the metadata finds no signer, or no number line, that part of the
page is read once more without that ink (only where the part holds such ink).
"""

from __future__ import annotations

import cv2
import numpy as np

from sohoa.extract.layout_lines import SourceLine, lines_for_metadata
from sohoa.model import BBox, Document, Page
from sohoa.settings import Settings

INK = 60  # a pixel is red (blue) ink when that channel exceeds both others by this much
INK_AREA = 0.01  # ... and a part of the page holds such ink from this many square inches on
PEN_INK = 40  # a pen's blue, painted over: the blue channel above both others by this much
ZONE_DEPTH = 0.45  # the signature block lies within this share of the page under "Nơi nhận"
SIGNATURE_COLUMN = 0.45  # ... and right of this share of its width (the recipients left)
HEADER = (0.0, 0.0, 0.55, 0.3)  # the header's left block, in shares of the page (x0 y0 x1 y1)
RED, BLUE = 0, 2  # channels of an RGB image


def signature_lines(doc: Document, anchor: SourceLine) -> list[SourceLine]:
    """``anchor`` ("Nơi nhận", read with its box), then the signature column right of it
    from there down, read again from the red channel (the seal dropped); none when that part
    holds no red ink or the page has no image. Only the signature column is read: alone, its
    few centred lines are not merged with the recipients' beside them."""
    page = next((p for p in doc.pages if p.number == anchor.page), None)
    if page is None or anchor.bbox is None:
        return []
    height = anchor.bbox[3] - anchor.bbox[1]
    box = (
        SIGNATURE_COLUMN * page.width,
        max(0.0, anchor.bbox[1] - 2 * height),
        page.width,
        min(page.height, anchor.bbox[3] + ZONE_DEPTH * page.height),
    )
    again = _read_without(doc, page, box, RED)
    return [anchor, *again] if again else []


def header_lines(doc: Document) -> list[SourceLine]:
    """The first page's left header block (issuer, "Số: …/…", V/v) read again from the blue
    channel (a pen's number dropped); none when it holds no blue ink."""
    page = next((p for p in doc.pages if p.words), None)
    if page is None:
        return []
    x0, y0, x1, y1 = HEADER
    box = (x0 * page.width, y0 * page.height, x1 * page.width, y1 * page.height)
    return _read_without(doc, page, box, BLUE)


def _without_ink(zone: np.ndarray, channel: int) -> np.ndarray:
    """The zone in gray without the ink: a seal's red is the red channel's paper; a pen's
    blue, darker, is painted over with paper white where it stands out from the other two
    channels (print it overlaps is lost with it)."""
    if channel == RED:
        return zone[..., RED].astype(np.uint8).copy()
    others = np.maximum(zone[..., RED], zone[..., 1])
    pen = cv2.dilate((zone[..., channel] - others > PEN_INK).astype(np.uint8), np.ones((3, 3)))
    gray = cv2.cvtColor(zone.astype(np.uint8), cv2.COLOR_RGB2GRAY)
    gray[pen > 0] = 255
    return gray


def _read_without(doc: Document, page: Page, box: BBox, channel: int) -> list[SourceLine]:
    """The lines of ``box`` (page pixels) OCR'd from ``channel`` alone, in page pixels; none
    when the box holds no ink of that colour or the page's image is not at hand."""
    if page.image is None or page.rotation or page.origin != "ocr":
        return []
    from sohoa.ocr.ingest import render_page_image
    from sohoa.ocr.tesseract import data_to_page, run_tesseract

    image = render_page_image(page.image)
    if image.ndim != 3 or image.shape[:2] != (int(page.height), int(page.width)):
        return []  # a gray page, or not in the geometry of the word boxes
    left, top, right, bottom = (int(v) for v in box)
    zone = image[top:bottom, left:right].astype(np.int16)
    others = [c for c in (RED, 1, BLUE) if c != channel]
    ink = zone[..., channel] - np.maximum(zone[..., others[0]], zone[..., others[1]]) > INK
    if ink.sum() < INK_AREA * max(page.dpi, 72) ** 2:  # a written number has ~0.02 in²
        return []
    settings = Settings()
    data = run_tesseract(_without_ink(zone, channel), settings.lang, settings.psm)

    def shifted(boxes: list[BBox]) -> list[BBox]:
        return [(x0 + left, y0 + top, x1 + left, y1 + top) for x0, y0, x1, y1 in boxes]

    again = data_to_page(data, Page(page.number, page.width, page.height, page.dpi), shifted)
    return lines_for_metadata(Document(doc.source, doc.input_kind, pages=[again]))
