"""OCR accuracy and speed: raw Tesseract vs our preprocessing, on light and heavy scans.

    /work/venv/bin/python bench/ocr.py            # raw vs preprocessed (the shipped default)
    /work/venv/bin/python bench/ocr.py --explore --level heavy  # each step on/off, heavy scans

Scans are rendered from the clean seed 002 (OCR, not restoration, is measured here), two
pages each, degraded "light" and "heavy" at 200 and 300 dpi (tests/scans.py), and cached in
bench/.cache. Scores (bench/metrics.py): WER, WER ignoring diacritics, CER against the exact
rendered text. The LAST line prints the key figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import scans  # noqa: E402
from metrics import score, word_substitutions  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.model import Page  # noqa: E402
from sohoa.ocr.pdf import render_pdf_page  # noqa: E402
from sohoa.ocr.preprocess import (  # noqa: E402
    DEFAULT_OPTIONS,
    RAW_OPTIONS,
    PrepareOptions,
    prepare_page,
)
from sohoa.ocr.tesseract import data_to_page, run_tesseract  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "ocr"
SEED = "002"
PAGES = 2
CONDITIONS = [("light", 300), ("light", 200), ("heavy", 300), ("heavy", 200)]


@dataclass(frozen=True)
class Variant:
    name: str
    options: PrepareOptions
    binary: bool = False  # OCR our binarisation instead of the cleaned grayscale
    psm: int = 3


RAW = Variant("raw", RAW_OPTIONS)
PREPROCESSED = Variant("preprocessed", DEFAULT_OPTIONS)
EXPLORE = [  # each step alone, then the default with one step changed
    Variant("deskew", replace(RAW_OPTIONS, deskew=True)),
    Variant("deskew+flatten", replace(RAW_OPTIONS, deskew=True, flatten=True)),
    Variant("sharpen", replace(RAW_OPTIONS, sharpen=1.0)),
    Variant("default-sharpen", replace(DEFAULT_OPTIONS, sharpen=0.0)),
    Variant("default+sharpen1.5", replace(DEFAULT_OPTIONS, sharpen=1.5)),
    Variant("default+border", replace(DEFAULT_OPTIONS, border=True)),
    Variant("default+upscale300", replace(DEFAULT_OPTIONS, min_dpi=300)),
    Variant("default+denoise", replace(DEFAULT_OPTIONS, denoise=True)),
    Variant("default+own-binary", DEFAULT_OPTIONS, binary=True),
    Variant("default psm4", DEFAULT_OPTIONS, psm=4),
    Variant("default psm6", DEFAULT_OPTIONS, psm=6),
]


def build_scan(level: str, dpi: int) -> scans.Scan:
    path = CACHE / f"{SEED}-{level}-{dpi}.pdf"
    reference_path = path.with_suffix(".txt")
    if path.exists() and reference_path.exists():
        reference = reference_path.read_text(encoding="utf-8").split("\f")
        return scans.Scan(path, reference, dpi, level)  # type: ignore[arg-type]
    scan = scans.make_scan(
        scans.seed_text(SEED),
        path,
        dpi=dpi,
        level=level,
        seed=11,
        max_pages=PAGES,  # type: ignore[arg-type]
    )
    reference_path.write_text("\f".join(scan.reference), encoding="utf-8")
    return scan


def ocr_scan(scan: scans.Scan, variant: Variant) -> tuple[str, float]:
    """OCR every page of ``scan`` with ``variant``; return the text and seconds taken."""
    texts = []
    started = time.perf_counter()
    for frame in range(len(scan.reference)):
        image = render_pdf_page(scan.path, frame, scan.dpi)
        prepared = prepare_page(image, scan.dpi, variant.options)
        data = run_tesseract(
            prepared.binary if variant.binary else prepared.gray, "vie", variant.psm
        )
        page = Page(number=frame + 1, width=image.shape[1], height=image.shape[0])
        texts.append(data_to_page(data, page, prepared.boxes_to_original).text())
    return "\n".join(texts), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--explore", action="store_true", help="also measure each step alone")
    parser.add_argument("--errors", action="store_true", help="print the commonest word errors")
    parser.add_argument("--level", choices=["light", "heavy"], help="only scans of this level")
    args = parser.parse_args()
    variants = [RAW, PREPROCESSED, *(EXPLORE if args.explore else [])]
    conditions = [c for c in CONDITIONS if args.level in (None, c[0])]

    load = os.getloadavg()[0]
    print(f"seed {SEED}, {PAGES} pages per scan, Tesseract vie, one thread; load {load:.1f}")
    print(f"{'scan':<11} {'variant':<24} {'WER':>6} {'WER-nd':>7} {'CER':>6} {'pages/s':>8}")
    results: dict[tuple[str, str], dict[str, float]] = {}
    for level, dpi in conditions:
        scan = build_scan(level, dpi)
        for variant in variants:
            text, seconds = ocr_scan(scan, variant)
            figures = score(scan.text, text)
            figures["pages_per_s"] = len(scan.reference) / seconds
            results[(f"{level}{dpi}", variant.name)] = figures
            print(
                f"{level + ' ' + str(dpi):<11} {variant.name:<24} {figures['wer']:6.1%} "
                f"{figures['wer_nodiac']:7.1%} {figures['cer']:6.1%} {figures['pages_per_s']:8.2f}",
                flush=True,
            )
            if args.errors:
                common = word_substitutions(scan.text, text).most_common(8)
                print("    ", ", ".join(f"{a}→{b}×{n}" for (a, b), n in common))

    summary = []
    for level, dpi in conditions:
        raw = results[(f"{level}{dpi}", RAW.name)]
        pre = results[(f"{level}{dpi}", PREPROCESSED.name)]
        summary.append(
            f"{level}{dpi} WER raw {raw['wer']:.1%} -> pre {pre['wer']:.1%} "
            f"(nodiac {raw['wer_nodiac']:.1%} -> {pre['wer_nodiac']:.1%}, "
            f"CER {raw['cer']:.1%} -> {pre['cer']:.1%}, "
            f"{raw['pages_per_s']:.2f} -> {pre['pages_per_s']:.2f} p/s)"
        )
    print("; ".join(summary))


if __name__ == "__main__":
    main()
