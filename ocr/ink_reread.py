"""A part of a page read again without the coloured ink laid over the print.

Tesseract reads a page's luminance, where a red seal or a blue pen is as dark as print. In
one colour channel each ink is about as light as the paper while black print stays black: red
ink in the red channel; a pen's blue, darker, stands out from the other two channels and is
painted over with paper white. ``extract/ink_reread.py`` decides when and where to ask
(``pipeline.py`` hands this reader over, as it hands ``CellReader`` to the table finder).
"""

from __future__ import annotations

import cv2
import numpy as np

from sohoa.model import BBox, Page
from sohoa.ocr.tesseract import data_to_page, run_tesseract
from sohoa.render import render_page_image
from sohoa.settings import Settings

INK = 60  # a pixel is red (blue) ink when that channel exceeds both others by this much
INK_AREA = 0.01  # ... and a part of the page holds such ink from this many square inches on
PEN_INK = 40  # a pen's blue, painted over: the blue channel above both others by this much
RED, BLUE = 0, 2  # channels of an RGB image


class InkReader:
    """Reads a box of a page's image again with one ink (a channel of RGB) taken out."""

    def read_without(self, page: Page, box: BBox, channel: int) -> Page | None:
        """The words of ``box`` (page pixels) OCR'd with ``channel``'s ink dropped, as a page
        in page pixels; None when the box holds no ink of that colour or the page's image
        is not at hand."""
        if page.image is None or page.rotation or page.origin != "ocr":
            return None
        image = render_page_image(page.image)
        if image.ndim != 3 or image.shape[:2] != (int(page.height), int(page.width)):
            return None  # a gray page, or not in the geometry of the word boxes
        left, top, right, bottom = (int(v) for v in box)
        zone = image[top:bottom, left:right].astype(np.int16)
        others = [c for c in (RED, 1, BLUE) if c != channel]
        ink = zone[..., channel] - np.maximum(zone[..., others[0]], zone[..., others[1]]) > INK
        if ink.sum() < INK_AREA * max(page.dpi, 72) ** 2:  # a written number has ~0.02 in²
            return None
        settings = Settings()
        data = run_tesseract(_without_ink(zone, channel), settings.lang, settings.psm)

        def shifted(boxes: list[BBox]) -> list[BBox]:
            return [(x0 + left, y0 + top, x1 + left, y1 + top) for x0, y0, x1, y1 in boxes]

        return data_to_page(data, Page(page.number, page.width, page.height, page.dpi), shifted)


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
