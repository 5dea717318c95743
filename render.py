"""Page pixels again, after OCR: the one place a page image is rendered from its ``ImageRef``.

The document model keeps no pixels. The writers that show the scan (the searchable PDF, the
review report) render the page here, in the very pixel geometry its word boxes are in: a PDF
page at the dpi it was read at, an image frame as decoded for OCR (``ocr/pdf.py``,
``ocr/images.py`` do the decoding).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sohoa.model import ImageRef
from sohoa.ocr import images, pdf
from sohoa.ocr.sniff import sniff_format
from sohoa.settings import Settings


def render_page_image(ref: ImageRef) -> np.ndarray:
    """Re-render a page's image (RGB uint8) in the pixel geometry of its word boxes."""
    path = Path(ref.path)
    if sniff_format(path) == "pdf":
        return pdf.render_pdf_page(path, ref.frame, ref.dpi, gray=False)
    return images.load_frame(path, ref.frame, Settings(max_image_pixels=2**62), gray=False)
