"""Page pixels for the writers that show the scan (searchable PDF, review report).

The model keeps no pixels, only an ``ImageRef``; ``sohoa.render`` renders it again, in the
pixel geometry of the word boxes.
"""

from __future__ import annotations

from PIL import Image

from sohoa.model import Page
from sohoa.render import render_page_image


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
