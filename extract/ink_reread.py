"""Parts of a page read again without the coloured ink laid over the print.

Two inks are put on an administrative document after it is printed, both over print the
metadata needs (Nghị định 30/2020): the red seal, pressed over the signer's position and
name, and the number and day a clerk writes into the blanks of "Số: ..../UBND-VP" and
"ngày ... tháng ...", usually in blue pen. Tesseract reads a page's luminance, where either
ink is as dark as print, and often drops or garbles the printed lines under it. In one colour
channel each ink is about as light as the paper while black print stays black: red ink in
the red channel; a pen's blue, darker, stands out from the other two channels and is painted
over with paper white. When the metadata finds no signer, or no number line, that part of the
page is read once more without that ink (only where the part holds such ink) by the reader
``pipeline.py`` hands over (``ocr/ink_reread.py``).
"""

from __future__ import annotations

from typing import Protocol

from sohoa.extract.layout_lines import SourceLine, lines_for_metadata
from sohoa.model import BBox, Document, Page

ZONE_DEPTH = 0.45  # the signature block lies within this share of the page under "Nơi nhận"
SIGNATURE_COLUMN = 0.45  # ... and right of this share of its width (the recipients left)
HEADER = (0.0, 0.0, 0.55, 0.3)  # the header's left block, in shares of the page (x0 y0 x1 y1)
RED, BLUE = 0, 2  # channels of an RGB image


class InkReading(Protocol):
    """What the metadata asks of OCR: a box of a page read again without one ink."""

    def read_without(self, page: Page, box: BBox, channel: int) -> Page | None: ...


def signature_lines(doc: Document, anchor: SourceLine, reader: InkReading) -> list[SourceLine]:
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
    again = _read_without(doc, page, box, RED, reader)
    return [anchor, *again] if again else []


def header_lines(doc: Document, reader: InkReading) -> list[SourceLine]:
    """The first page's left header block (issuer, "Số: …/…", V/v) read again from the blue
    channel (a pen's number dropped); none when it holds no blue ink."""
    page = next((p for p in doc.pages if p.words), None)
    if page is None:
        return []
    x0, y0, x1, y1 = HEADER
    box = (x0 * page.width, y0 * page.height, x1 * page.width, y1 * page.height)
    return _read_without(doc, page, box, BLUE, reader)


def _read_without(
    doc: Document, page: Page, box: BBox, channel: int, reader: InkReading
) -> list[SourceLine]:
    """The lines of ``box`` read again without ``channel``'s ink, cut as the metadata cuts
    lines; none when the reader found no such ink there."""
    again = reader.read_without(page, box, channel)
    if again is None:
        return []
    return lines_for_metadata(Document(doc.source, doc.input_kind, pages=[again]))
