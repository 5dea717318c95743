"""Build realistic test scans: clean Vietnamese text -> PDF -> page images -> degraded scan.

Used to build the channel data (``corpus/channel_pairs.py``), by the tests and the benches::

    from sohoa.corpus import scan_simulator as scans

    scan = scans.make_scan(scans.seed_text("001"), tmp / "scan.pdf", dpi=200, level="heavy")
    scan.path, scan.reference  # image-only PDF, and the exact text that was rendered on it

The building blocks are stable and may be used on their own:

- ``render_text_pdf(text_or_paragraphs, path, ...)``: a digital PDF (reportlab Platypus,
  Liberation Serif 2 / DejaVu Serif, which have all Vietnamese glyphs) with headings,
  justified paragraphs and ruled tables;
- ``pdf_page_texts(path)``: the text layer of each page, i.e. the reference text;
- ``rasterize_pdf(path, dpi)``: page images (uint8, gray by default) via pypdfium2;
- ``degrade(image, level, seed)``: scanner damage — rotation 0.5–2°, uneven background,
  blur, noise, JPEG artefacts (and a dark scanner edge on "heavy"); deterministic per seed;
- ``images_to_pdf(images, path, dpi)``: an image-only PDF (no text layer), like a scanner's.

Build the bundled sample: ``python -m sohoa.corpus.scan_simulator sample samples/sample-scan.pdf``
(``make sample``).
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"

Level = Literal["none", "light", "heavy"]
ParagraphKind = Literal["heading", "paragraph", "table"]

# Vietnamese administrative documents are set in Times New Roman 13–14 pt; Liberation Serif 2
# is metric-compatible with it. Liberation 1.x lacks Vietnamese glyphs, hence the "2".
FONT_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
]


@dataclass(frozen=True)
class Paragraph:
    """One block to render: a heading, a paragraph, or a table (``rows`` of cell texts)."""

    kind: ParagraphKind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Scan:
    path: Path  # the image-only PDF
    reference: list[str]  # exact text rendered on each page (from the clean PDF's text layer)
    dpi: int
    level: Level

    @property
    def text(self) -> str:
        return "\n".join(self.reference)


# --- text -----------------------------------------------------------------------------------


def seed_text(prefix: str) -> str:
    """The clean text of a seed by its number, e.g. ``seed_text("001")``."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


_HEADING_START = re.compile(r"^([IVX]+\.|\d+(\.\d+)*\.|[a-zđ]\)|[-+•])\s")


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def text_to_paragraphs(text: str) -> list[Paragraph]:
    """Split seed-like text into paragraphs, re-joining hard-wrapped lines.

    All-capital lines become headings; runs of tab-separated lines become one table.
    """
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush_paragraph() -> None:
        if current:
            paragraphs.append(Paragraph("paragraph", " ".join(current)))
            current.clear()

    def flush_table() -> None:
        if table:
            width = max(len(row) for row in table)
            rows = tuple(row + ("",) * (width - len(row)) for row in table)
            paragraphs.append(Paragraph("table", rows=rows))
            table.clear()

    for raw in text.splitlines():
        if "\t" in raw:
            flush_paragraph()
            cells = [re.sub(r"<[^>]+>", " ", cell) for cell in raw.split("\t")]
            table.append(tuple(" ".join(cell.split()) for cell in cells))
            continue
        flush_table()
        line = " ".join(raw.split())
        if not line:
            continue
        if _is_heading(line) or not any(c.isalnum() for c in line):
            flush_paragraph()
            paragraphs.append(Paragraph("heading", line))
            continue
        continues = (
            current
            and not current[-1].endswith((".", ":", ";", "!", "?"))
            and not _HEADING_START.match(line)
        )
        if not continues:
            flush_paragraph()
        current.append(line)
    flush_paragraph()
    flush_table()
    return paragraphs


# --- clean PDF --------------------------------------------------------------------------------


def a4_pdf(story: list, **info: str) -> bytes:
    """The PDF of a reportlab ``story`` on A4 with an official page's margins (left 30 mm,
    the others 20 mm); ``info``: title, author."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        **info,
    ).build(story)
    return buffer.getvalue()


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            if "ScanSerif" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("ScanSerif", regular))
                pdfmetrics.registerFont(TTFont("ScanSerif-Bold", bold))
            return "ScanSerif", "ScanSerif-Bold"
    raise RuntimeError("no Vietnamese serif font: apt-get install fonts-liberation2")


def render_text_pdf(
    text_or_paragraphs: str | Sequence[Paragraph | str],
    path: Path,
    *,
    font_size: float = 13,
    table: Sequence[Sequence[str]] | None = None,
    max_pages: int | None = None,
) -> Path:
    """Render clean text as a digital A4 PDF (text layer present) and return ``path``.

    A string is split with ``text_to_paragraphs``; plain strings in a list are paragraphs.
    ``table`` appends one ruled table (first row = header). ``max_pages`` keeps the first pages.
    """
    styles = _styles(font_size)
    if isinstance(text_or_paragraphs, str):
        paragraphs = text_to_paragraphs(text_or_paragraphs)
    else:
        paragraphs = [
            p if isinstance(p, Paragraph) else Paragraph("paragraph", p) for p in text_or_paragraphs
        ]
    if table:
        paragraphs.append(Paragraph("table", rows=tuple(tuple(row) for row in table)))
    story: list = []
    for para in paragraphs:
        story += _flowables(para, styles, font_size)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf_bytes = a4_pdf(story, title="sohoa test scan")
    if max_pages is None:
        path.write_bytes(pdf_bytes)
    else:
        source = pdfium.PdfDocument(pdf_bytes)
        kept = pdfium.PdfDocument.new()
        kept.import_pages(source, list(range(min(max_pages, len(source)))))
        kept.save(str(path))
    return path


def _styles(font_size: float) -> dict[str, object]:
    """The paragraph styles of the page: body, heading, table cell and header cell."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    regular, bold = _register_fonts()
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
        "heading",
        parent=body,
        fontName=bold,
        alignment=TA_CENTER,
        firstLineIndent=0,
        spaceBefore=font_size * 0.4,
    )
    cell = ParagraphStyle(
        "cell", fontName=regular, fontSize=font_size - 2, leading=(font_size - 2) * 1.25
    )
    cell_head = ParagraphStyle("cell_head", parent=cell, fontName=bold, alignment=TA_CENTER)
    return {"body": body, "heading": heading, "cell": cell, "cell_head": cell_head}


def _flowables(para: Paragraph, styles: dict[str, object], font_size: float) -> list:
    """A paragraph as reportlab draws it: a styled paragraph, or a ruled grid and a space."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    if para.kind != "table":
        style = styles["heading"] if para.kind == "heading" else styles["body"]
        return [RLParagraph(escape(para.text), style)]
    width = A4[0] - 50 * mm
    columns = max(len(row) for row in para.rows)
    data = [
        [RLParagraph(escape(text), styles["cell_head"] if r == 0 else styles["cell"])
         for text in row]
        for r, row in enumerate(para.rows)
    ]  # fmt: skip
    grid = RLTable(data, colWidths=[width / columns] * columns, repeatRows=1, splitInRow=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [grid, Spacer(1, font_size)]


def pdf_page_texts(path: Path) -> list[str]:
    """The text layer of each page (NFC): the exact reference for a scan of that PDF."""
    document = pdfium.PdfDocument(str(path))
    texts = []
    for page in document:
        textpage = page.get_textpage()
        texts.append(unicodedata.normalize("NFC", textpage.get_text_range()))
    return [text.replace("\r\n", "\n").replace("\r", "\n") for text in texts]


# --- images ---------------------------------------------------------------------------------


def rasterize_pdf(
    path: Path, dpi: int, *, gray: bool = True, max_pages: int | None = None
) -> list[np.ndarray]:
    """Render PDF pages to uint8 arrays (H×W gray, or H×W×3 RGB with ``gray=False``)."""
    document = pdfium.PdfDocument(str(path))
    count = len(document) if max_pages is None else min(max_pages, len(document))
    images = []
    for index in range(count):
        bitmap = document[index].render(scale=dpi / 72, grayscale=gray)
        pil = bitmap.to_pil().convert("L" if gray else "RGB")
        images.append(np.asarray(pil).copy())
    return images


DEGRADATION = {
    # angle (deg), blur sigma, noise sigma, JPEG quality, background dip, dark edge
    "light": dict(angle=(0.5, 0.8), blur=0.5, noise=6.0, jpeg=75, shade=0.10, edge=False),
    "heavy": dict(angle=(1.2, 2.0), blur=1.0, noise=18.0, jpeg=35, shade=0.30, edge=True),
}


def degrade(image: np.ndarray, level: Level = "light", seed: int = 0) -> np.ndarray:
    """Damage a clean page image like a cheap scanner; same shape and dtype, deterministic.

    light: 0.5–0.8° skew, slight blur, faint noise, JPEG q75, gentle uneven background.
    heavy: 1.2–2° skew, blur, strong noise, JPEG q35, blotchy background, dark scanner edge.
    """
    if level == "none":
        return image.copy()
    spec = DEGRADATION[level]
    rng = np.random.default_rng(seed)
    height, width = image.shape[:2]
    scale = width / 1654  # parameters are tuned for A4 at 200 dpi; scale with resolution

    angle = rng.uniform(*spec["angle"]) * rng.choice([-1, 1])
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    fill = (255,) * (1 if image.ndim == 2 else image.shape[2])
    out = cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill
    ).astype(np.float32)

    # Uneven illumination: a smooth random field, darker in places, multiplied in.
    coarse = rng.uniform(0, 1, size=(4, 3)).astype(np.float32)
    field = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    field = 1.0 - spec["shade"] * np.clip(field, 0, 1)
    if out.ndim == 3:
        field = field[:, :, None]
    out = out * field
    if spec["edge"]:
        band = max(4, int(18 * scale))
        edge = np.linspace(60, 255, band, dtype=np.float32)
        ramp = edge[None, :, None] if out.ndim == 3 else edge[None, :]
        out[:, :band] = np.minimum(out[:, :band], ramp)

    sigma = spec["blur"] * scale
    if sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    out += rng.normal(0, spec["noise"], size=out.shape).astype(np.float32)
    out = np.clip(out, 0, 255).astype(np.uint8)

    ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, spec["jpeg"]])
    assert ok
    flag = cv2.IMREAD_GRAYSCALE if image.ndim == 2 else cv2.IMREAD_COLOR
    return cv2.imdecode(encoded, flag)


def images_to_pdf(
    images: Sequence[np.ndarray],
    path: Path,
    dpi: int,
    *,
    quality: int = 80,
    text_layers: Sequence[str] | None = None,
) -> Path:
    """Write page images as a PDF, JPEG-compressed, like a scanner's.

    With ``text_layers`` each page also gets that text as an invisible layer (as OCR tools
    write it), e.g. to fake a PDF whose text layer is garbled while the image is fine.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if text_layers is None:
        pages = [Image.fromarray(image) for image in images]
        buffer = io.BytesIO()
        pages[0].save(
            buffer,
            format="PDF",
            save_all=True,
            append_images=pages[1:],
            resolution=float(dpi),
            quality=quality,
        )
        path.write_bytes(buffer.getvalue())
        return path

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    regular, _ = _register_fonts()
    canvas = Canvas(str(path))
    for image, text in zip(images, text_layers, strict=True):
        width, height = image.shape[1] * 72 / dpi, image.shape[0] * 72 / dpi
        canvas.setPageSize((width, height))
        encoded = io.BytesIO()
        Image.fromarray(image).save(encoded, format="JPEG", quality=quality)
        canvas.drawImage(ImageReader(encoded), 0, 0, width, height)
        layer = canvas.beginText(72, height - 72)
        layer.setTextRenderMode(3)  # invisible
        layer.setFont(regular, 12)
        for line in text.splitlines():
            layer.textLine(line)
        canvas.drawText(layer)
        canvas.showPage()
    canvas.save()
    return path


def make_scan(
    text: str | Sequence[Paragraph | str],
    path: Path,
    *,
    dpi: int = 200,
    level: Level = "light",
    seed: int = 0,
    max_pages: int | None = 1,
    table: Sequence[Sequence[str]] | None = None,
    quality: int = 80,
) -> Scan:
    """Render ``text``, degrade each page, write an image-only PDF at ``path``.

    The clean PDF is kept beside it as ``<stem>.clean.pdf`` (handy for text-layer tests).
    """
    path = Path(path)
    clean = render_text_pdf(text, path.with_suffix(".clean.pdf"), table=table, max_pages=max_pages)
    pages = rasterize_pdf(clean, dpi)
    damaged = [degrade(page, level, seed + index) for index, page in enumerate(pages)]
    images_to_pdf(damaged, path, dpi, quality=quality)
    return Scan(path=path, reference=pdf_page_texts(clean), dpi=dpi, level=level)


def build_sample(path: Path) -> Scan:
    """The bundled ``make run`` sample: page 1 of seed 001, scanned at 200 dpi, light damage."""
    return make_scan(seed_text("001"), path, dpi=200, level="light", seed=1, quality=45)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "sample":
        sys.exit("usage: python -m sohoa.corpus.scan_simulator sample OUT.pdf")
    scan = build_sample(Path(sys.argv[2]))
    scan.path.with_suffix(".clean.pdf").unlink()
    print(f"{scan.path}: {scan.path.stat().st_size // 1024} KB, {len(scan.reference)} page(s)")
