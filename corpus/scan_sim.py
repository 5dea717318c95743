"""Simulated scans of clean text: render like an administrative document, rasterise, degrade.

Small on purpose: the channel-data builder only needs page images and the exact text on each
page. (tests/scans.py on the OCR branch does the same for the test suite, with tables; this
module can be swapped for it once it is importable from the package.)
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
import pypdfium2 as pdfium

Level = Literal["none", "light", "heavy"]

# Administrative documents are set in Times New Roman 13-14 pt; Liberation Serif 2 is
# metric-compatible with it and, unlike Liberation 1.x, has the Vietnamese glyphs.
FONTS = [
    (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
]

# skew range (degrees), blur sigma and noise sigma at 300 dpi, JPEG quality, background dip
DEGRADATION: dict[str, dict] = {
    "light": dict(angle=(0.3, 0.8), blur=0.7, noise=8.0, jpeg=70, shade=0.10),
    "heavy": dict(angle=(1.0, 1.6), blur=1.4, noise=20.0, jpeg=35, shade=0.30),
}


@dataclass(frozen=True)
class Block:
    """One paragraph to render; headings are bold and centred."""

    text: str
    heading: bool = False


_NEW_ITEM = re.compile(r"^([IVX]+\.|\d+(\.\d+)*\.|[a-zđ]\)|[-+•–])\s")


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def text_to_blocks(text: str) -> list[Block]:
    """Re-join hard-wrapped lines into paragraphs; all-capital lines become headings.

    Tab-separated table rows become one paragraph each (cells joined by spaces): the
    channel model needs words, not table layout.
    """
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(Block(" ".join(current)))
            current.clear()

    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = " ".join(re.sub(r"<[^>]+>", " ", raw).split())
        if not line or not any(c.isalnum() for c in line):
            continue
        if "\t" in raw or _is_heading(line):
            flush()
            blocks.append(Block(line, heading=_is_heading(line)))
            continue
        if current and (current[-1].endswith((".", ":", ";", "!", "?")) or _NEW_ITEM.match(line)):
            flush()
        current.append(line)
    flush()
    return blocks


def _fonts() -> tuple[str, str]:
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in FONTS:
        if Path(regular).exists() and Path(bold).exists():
            if "SimSerif" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("SimSerif", regular))
                pdfmetrics.registerFont(TTFont("SimSerif-Bold", bold))
            return "SimSerif", "SimSerif-Bold"
    raise RuntimeError("no Vietnamese serif font: apt-get install fonts-liberation2")


def render_pdf(blocks: Iterable[Block], *, font_size: float = 13) -> bytes:
    """A4 digital PDF: justified 13 pt body with first-line indent, 30/20 mm margins."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    regular, bold = _fonts()
    body = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=font_size,
        leading=font_size * 1.35,
        alignment=TA_JUSTIFY,
        firstLineIndent=10 * mm,
        spaceAfter=font_size * 0.4,
    )
    heading = ParagraphStyle(
        "heading", parent=body, fontName=bold, alignment=TA_CENTER, firstLineIndent=0
    )
    story = [Paragraph(escape(b.text), heading if b.heading else body) for b in blocks]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    ).build(story)
    return buffer.getvalue()


def page_texts(pdf: bytes) -> list[str]:
    """The text layer of each page (NFC): exactly what was printed there."""
    document = pdfium.PdfDocument(pdf)
    texts = [page.get_textpage().get_text_range() for page in document]
    return [unicodedata.normalize("NFC", t.replace("\r\n", "\n")) for t in texts]


def rasterize(pdf: bytes, dpi: int, pages: Sequence[int] | None = None) -> list[np.ndarray]:
    """Gray uint8 page images."""
    document = pdfium.PdfDocument(pdf)
    indexes = range(len(document)) if pages is None else pages
    images = []
    for index in indexes:
        bitmap = document[index].render(scale=dpi / 72, grayscale=True)
        images.append(np.asarray(bitmap.to_pil().convert("L")).copy())
    return images


def degrade(image: np.ndarray, level: Level, seed: int) -> np.ndarray:
    """Scanner damage, deterministic per seed: skew, uneven light, blur, noise, JPEG."""
    if level == "none":
        return image.copy()
    spec = DEGRADATION[level]
    rng = np.random.default_rng(seed)
    height, width = image.shape
    scale = width / 2480  # parameters are for A4 at 300 dpi

    angle = rng.uniform(*spec["angle"]) * rng.choice([-1, 1])
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    out = cv2.warpAffine(image, matrix, (width, height), borderValue=255).astype(np.float32)
    coarse = rng.uniform(0, 1, size=(4, 3)).astype(np.float32)
    field = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    out *= 1.0 - spec["shade"] * np.clip(field, 0, 1)
    out = cv2.GaussianBlur(out, (0, 0), spec["blur"] * scale)
    out += rng.normal(0, spec["noise"], size=out.shape).astype(np.float32)
    out = np.clip(out, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, spec["jpeg"]])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
