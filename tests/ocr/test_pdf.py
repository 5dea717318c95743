"""Rasterising PDF pages: a scanner's page gives its own pixels, anything else is rendered."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from sohoa.corpus.scan_simulator import images_to_pdf
from sohoa.ocr.pdf import page_scan, render_pdf_page


def stripes(height: int = 550, width: int = 425) -> np.ndarray:
    """A page-shaped gray test image with sharp edges (resampling would blur them)."""
    image = np.full((height, width), 235, np.uint8)
    image[::9, :] = 20
    image[:, ::13] = 90
    return image


def test_a_scan_at_the_asked_dpi_is_its_own_pixels(tmp_path: Path) -> None:
    original = stripes()
    path = images_to_pdf([original], tmp_path / "scan.pdf", 50, quality=95)
    with pdfium.PdfDocument(path) as document:
        assert page_scan(document[0], 50) is not None
        assert page_scan(document[0], 100) is None  # another resolution: render
    pixels = render_pdf_page(path, 0, 50)
    assert pixels.shape == original.shape and pixels.dtype == np.uint8
    assert np.abs(pixels.astype(int) - original).mean() < 4  # JPEG's loss only
    colour = render_pdf_page(path, 0, 50, gray=False)
    assert colour.shape == (*original.shape, 3)
    assert (colour == pixels[:, :, None]).all()


def test_other_resolutions_and_pages_with_text_are_rendered(tmp_path: Path) -> None:
    original = stripes()
    scan = images_to_pdf([original], tmp_path / "scan.pdf", 50, quality=95)
    assert render_pdf_page(scan, 0, 100).shape == (1100, 850)
    layered = images_to_pdf([original], tmp_path / "layer.pdf", 50, text_layers=["Sở"])
    with pdfium.PdfDocument(layered) as document:
        assert page_scan(document[0], 50) is None  # image plus text: not a bare scan
    rendered = render_pdf_page(layered, 0, 50)
    assert abs(rendered.shape[0] - 550) <= 1 and abs(rendered.shape[1] - 425) <= 1
