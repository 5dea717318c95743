"""The signature block read again without the red seal pressed over it.

Nghị định 30/2020 has the seal stamped over the signer's position and name, in red ink.
Tesseract reads a page's luminance, where the seal's ring, star and lettering are as dark as
print, and it often drops the lines under it: the "Nơi nhận" column beside the seal is read,
the authority line, the position and the name are lost. In the red channel red ink is about
as light as the paper while black print stays black. When the metadata finds no signer, the
part of the page from "Nơi nhận" down is read again from that channel (only where the page
holds red ink: on a gray page the channel is the page itself). Only the signature column is
read: alone, its few centred lines are not merged with the recipients' beside them.
"""

from __future__ import annotations

import numpy as np

from sohoa.extract.layout_lines import SourceLine, lines_for_metadata
from sohoa.model import BBox, Document, Page
from sohoa.settings import Settings

RED_INK = 60  # a pixel is red ink when its red value exceeds both others by this much
RED_SHARE = 0.002  # ... and a region holds a seal when this share of its pixels is red ink
ZONE_DEPTH = 0.45  # the signature block lies within this share of the page under "Nơi nhận"
SIGNATURE_COLUMN = 0.45  # ... and right of this share of its width (the recipients left)


def signature_lines(doc: Document, anchor: SourceLine) -> list[SourceLine]:
    """``anchor`` ("Nơi nhận", read with its box), then the signature column right of it
    from there down, read again from the page's red channel; none when that part of the
    page holds no red ink or the page has no image."""
    page = next((p for p in doc.pages if p.number == anchor.page), None)
    if page is None or page.image is None or page.rotation or anchor.bbox is None:
        return []
    from sohoa.ocr.ingest import render_page_image
    from sohoa.ocr.tesseract import data_to_page, run_tesseract

    image = render_page_image(page.image)
    if image.ndim != 3 or image.shape[0] != int(page.height) or image.shape[1] != int(page.width):
        return []  # a gray page, or not in the geometry of the word boxes
    height = anchor.bbox[3] - anchor.bbox[1]
    top = max(0, int(anchor.bbox[1] - 2 * height))
    bottom = min(image.shape[0], int(anchor.bbox[3] + ZONE_DEPTH * image.shape[0]))
    left = int(SIGNATURE_COLUMN * image.shape[1])
    zone = image[top:bottom, left:].astype(np.int16)
    red = zone[..., 0] - np.maximum(zone[..., 1], zone[..., 2]) > RED_INK
    if red.mean() < RED_SHARE:
        return []
    data = run_tesseract(image[top:bottom, left:, 0].copy(), Settings().lang, Settings().psm)

    def shifted(boxes: list[BBox]) -> list[BBox]:
        return [(x0 + left, y0 + top, x1 + left, y1 + top) for x0, y0, x1, y1 in boxes]

    again = data_to_page(data, Page(page.number, page.width, page.height, page.dpi), shifted)
    return [anchor, *lines_for_metadata(Document(doc.source, doc.input_kind, pages=[again]))]
