"""Page pixels for the writers that show the scan (searchable PDF, review report).

The model keeps no pixels, only an ``ImageRef``. Ingest owns rendering (the word boxes
are in its pixel geometry), so its ``render_page_image`` is used when it exists; the small
fallback here renders the same way (PDF page at ``dpi``; image frame as stored) until then.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from sohoa.errors import SohoaError
from sohoa.model import ImageRef, Page


def render_page_image(ref: ImageRef) -> np.ndarray:
    try:
        from sohoa.ocr.ingest import render_page_image as render_with_ingest
    except ImportError:
        return _render_fallback(ref)
    return render_with_ingest(ref)


def _render_fallback(ref: ImageRef) -> np.ndarray:
    path = Path(ref.path)
    if not path.exists():
        raise SohoaError(path, "page image source is gone", "keep the input file until done")
    if path.read_bytes()[:5] == b"%PDF-":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            bitmap = pdf[ref.frame].render(scale=ref.dpi / 72)
            return np.asarray(bitmap.to_pil().convert("RGB"))
        finally:
            pdf.close()
    with Image.open(path) as image:
        image.seek(ref.frame)
        return np.asarray(image.convert("RGB"))


def page_pil_image(page: Page) -> Image.Image | None:
    """The page as an RGB/greyscale PIL image sized like ``page.width x page.height``."""
    if page.image is None:
        return None
    pixels = render_page_image(page.image)
    image = Image.fromarray(pixels)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    size = (round(page.width), round(page.height))
    if page.width and page.height and image.size != size:
        # Boxes are in page pixels; keep the picture in the same frame.
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image
