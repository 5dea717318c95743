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
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import legacy
from .documents import TYPES, Doc, make_document
from .kind_files import ROOT, write_kind_files
from .render import FONTS, render_pdf

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


def build(entry: Entry, cache: Path = CACHE) -> Built:
    """Render ``entry`` (or reuse the cached files) and return where everything is."""
    folder = cache / f"v{GENERATOR_VERSION}-s{entry.seed}" / entry.id
    done = folder / "done.json"
    if done.exists():
        return _cached(entry, folder)
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
    if entry.kind.encoding:
        truth["encoding"] = entry.kind.encoding
    files = write_kind_files(
        entry, doc, clean, folder, version=GENERATOR_VERSION, tcvn3_fonts=CACHE / "fonts-tcvn3"
    )
    truth["dpi"] = entry.kind.dpi or 300
    (folder / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    record = {
        "input": files.input.name,
        "pages": [p.name for p in files.pages],
        "peer_pdf": files.peer_pdf.name if files.peer_pdf else None,
        **({"twin": files.twin.name} if files.twin else {}),
        "sha256": hashlib.sha256(files.input.read_bytes()).hexdigest(),
    }
    done.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return Built(entry, folder, files.input, files.pages, files.peer_pdf, truth, files.twin)


def _cached(entry: Entry, folder: Path) -> Built:
    """What an earlier build left in ``folder`` (its done.json names the files)."""
    record = json.loads((folder / "done.json").read_text(encoding="utf-8"))
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
