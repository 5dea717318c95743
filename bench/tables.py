"""Benchmark: Phụ lục I and II of seed 002, rendered as ruled scans, extracted and scored.

    /work/venv/bin/python bench/tables.py [--levels light,heavy] [--no-img2table]

The truth (bench/data/phu_luc_002.json) was transcribed by hand from seed 002. It is
rendered as landscape, multi-page ruled tables with merged header cells and the header
repeated on each page, rasterised and degraded with the team's scanner model
(corpus/scan_simulator.py: light at 300 dpi; heavy at 200 dpi with 1.2-2° skew, blur, strong noise,
JPEG q35), then extracted by our table stage (after the OCR helper's page preparation,
as in ingest) and — on the same page images — by img2table (Tesseract backend, lang vie).

Scores: cell accuracy = exact match after NFC and whitespace folding, over every cell of
the truth's body rows (a full-width section row counts as one cell); rows found; and the
arithmetic mismatches our validator reports for Phụ lục II, split into those the source
itself has (seed 002's row 2.3 and its grand total) and those caused by extraction.
The last line prints the key figures. Renders are cached in bench/.cache/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from img2table_peer import page_rows  # noqa: E402
from metrics import align_rows  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from render_tables import render_appendices  # noqa: E402

from sohoa.corpus.scan_simulator import degrade, rasterize_pdf  # noqa: E402
from sohoa.extract.table_grid import find_tables_in_image  # noqa: E402
from sohoa.extract.tables import extract_tables  # noqa: E402
from sohoa.model import Document, Mismatch, Page, Table, TableRow  # noqa: E402
from sohoa.normalize.restore import load_model  # noqa: E402
from sohoa.ocr.cell_ocr import CellReader  # noqa: E402
from sohoa.ocr.preprocess import DEFAULT_OPTIONS, prepare_page  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

TRUTH = HERE / "data" / "phu_luc_002.json"
CACHE = HERE / ".cache"
LEVELS = {"light": {"dpi": 300}, "heavy": {"dpi": 200}}  # as FINDINGS.md measured Tesseract


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def truth_rows(table: dict[str, Any]) -> list[list[str]]:
    n = len(table["columns"])
    return [
        [norm(r["section"])] + [""] * (n - 1) if "section" in r else [norm(c) for c in r["cells"]]
        for r in table["rows"]
    ]


def is_section(row: dict[str, Any]) -> bool:
    return "section" in row


def model_rows(table: Table, n: int) -> list[list[str]]:
    rows = []
    for row in table.rows:
        if row.section is not None:
            rows.append([norm(row.section)] + [""] * (n - 1))
        else:
            cells = [norm(c) for c in (row.cells or [])]
            rows.append((cells + [""] * n)[:n])
    return rows


def score_table(truth: dict[str, Any], found: list[list[str]]) -> dict[str, Any]:
    rows = truth_rows(truth)
    pairs = align_rows(rows, found)
    right = total = right_filled = filled = 0
    misses: list[str] = []
    for row_index, (raw, want, got_index) in enumerate(
        zip(truth["rows"], rows, pairs, strict=True)
    ):
        got = found[got_index] if got_index is not None else [""] * len(want)
        width = 1 if is_section(raw) else len(want)
        for k in range(width):
            ok = want[k] == got[k]
            right += ok
            total += 1
            if want[k]:
                filled += 1
                right_filled += ok
            if not ok and len(misses) < 400:
                misses.append(f"  row {row_index} col {k}: want {want[k]!r} got {got[k]!r}")
    return {
        "cells": right / total,
        "filled": right_filled / max(1, filled),
        "rows_found": sum(p is not None for p in pairs),
        "rows": len(rows),
        "misses": misses,
    }


# --- rendering and degrading (cached) --------------------------------------------------


def page_images(truth: dict[str, Any], level: str) -> list[np.ndarray]:
    CACHE.mkdir(exist_ok=True)
    pdf = CACHE / "phu_luc_002.pdf"
    stamp = str(TRUTH.stat().st_mtime_ns) + str((HERE / "render_tables.py").stat().st_mtime_ns)
    stamp_file = CACHE / "stamp"
    if not pdf.exists() or not stamp_file.exists() or stamp_file.read_text() != stamp:
        for old in CACHE.glob("*.png"):
            old.unlink()
        render_appendices(truth, pdf)
        stamp_file.write_text(stamp)
    paths = sorted(CACHE.glob(f"{level}-*.png"))
    if not paths:
        for number, gray in enumerate(rasterize_pdf(pdf, LEVELS[level]["dpi"]), start=1):
            # same damage as the OCR benchmarks (corpus/scan_simulator.py): skew, blur, noise, JPEG
            path = CACHE / f"{level}-{number:02d}.png"
            cv2.imwrite(str(path), degrade(gray, level, seed=number))
        paths = sorted(CACHE.glob(f"{level}-*.png"))
    return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in paths]


def pages_of(truth: dict[str, Any]) -> dict[str, list[int]]:
    """Which rendered pages hold which appendix (each starts on a new page)."""
    import pdfplumber

    spans: dict[str, list[int]] = {}
    kind = None
    with pdfplumber.open(CACHE / "phu_luc_002.pdf") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            for table in truth["tables"]:
                if norm(table["title"]) in norm(text):
                    kind = table["kind"]
            spans.setdefault(kind, []).append(number)
    return spans


# --- the two extractors -------------------------------------------------------------------


def run_ours(images: list[np.ndarray], dpi: int) -> list[Table]:
    settings = Settings(dpi=dpi)
    doc = Document(source="bench", input_kind="scanned-pdf")
    for number, image in enumerate(images, start=1):
        page = Page(number=number, width=image.shape[1], height=image.shape[0], dpi=dpi)
        prepared = prepare_page(image, dpi, DEFAULT_OPTIONS)  # what ingest hands over
        page.tables = find_tables_in_image(prepared, page, settings, CellReader())
        doc.pages.append(page)
    return extract_tables(doc, settings, load_model(settings.model_path)).tables


def run_img2table(
    images: list[np.ndarray], page_numbers: list[int], n: int, dpi: int, borderless: bool = False
) -> list[list[str]]:
    """img2table's rows for the given pages (bench/img2table_peer.py: every chance given,
    spanned values blanked), normalised as the truth is."""
    from img2table.ocr import TesseractOCR

    ocr = TesseractOCR(lang="vie")
    rows: list[list[str]] = []
    for number in page_numbers:
        for values in page_rows(images[number - 1], dpi, ocr, borderless):
            rows.append(([norm(v) for v in values] + [""] * n)[:n])
    return rows


def score_flattened_seed(truth: dict[str, Any], seed: str) -> str:
    """Rows right when a seed's flattened appendices are read as TXT (no OCR, no restorer).

    "exact" compares cells as they are; "marks folded" ignores diacritics and case (what a
    restorer would still have to fix), so it measures the table reconstruction itself.
    """
    from sohoa.extract.structure import fold
    from sohoa.pipeline import convert_document

    doc = convert_document(ROOT / "corpus" / "seeds" / seed, Settings(restore=False))
    parts = []
    for truth_table in truth["tables"]:
        n = len(truth_table["columns"])
        mine = [t for t in doc.tables if t.kind == truth_table["kind"]]
        found = model_rows(mine[0], n) if mine else []
        rows = truth_rows(truth_table)
        pairs = align_rows(rows, found)
        exact = sum(p is not None and found[p] == r for r, p in zip(rows, pairs, strict=True))
        folded_pairs = align_rows(
            [[fold(c) for c in r] for r in rows], [[fold(c) for c in r] for r in found]
        )
        folded = sum(
            p is not None and [fold(c) for c in found[p]] == [fold(c) for c in r]
            for r, p in zip(rows, folded_pairs, strict=True)
        )
        print(
            f"  {seed[:3]} {truth_table['kind']}: {len(found)} rows out, exact {exact}/{len(rows)},"
            f" marks folded {folded}/{len(rows)}"
            f" (confidence {mine[0].confidence if mine else '-'})"
        )
        parts.append(f"{truth_table['kind']} {exact}/{len(rows)} exact, {folded} folded")
    return f"{seed[:3]} txt: " + ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="light,heavy")
    parser.add_argument("--no-img2table", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    figures = []
    print("== flattened text appendices (TXT input)")
    for seed in ("002_16be85fa44299f16.txt", "000_2ace24eb85770306.txt"):
        figures.append(score_flattened_seed(truth, seed))
    for level in [x for x in args.levels.split(",") if x]:
        images = page_images(truth, level)
        spans = pages_of(truth)
        dpi = LEVELS[level]["dpi"]
        started = time.perf_counter()
        ours = run_ours(images, dpi)
        ours_seconds = time.perf_counter() - started
        print(f"== {level}: {len(images)} pages at {dpi} dpi; ours {ours_seconds:.0f} s")
        line = [level]
        for truth_table in truth["tables"]:
            n = len(truth_table["columns"])
            kind = truth_table["kind"]
            mine = [t for t in ours if t.kind == kind]
            found = model_rows(mine[0], n) if mine else []
            result = score_table(truth_table, found)
            print(
                f"  {kind}: ours cells {result['cells']:.1%} (non-empty {result['filled']:.1%}),"
                f" rows found {result['rows_found']}/{result['rows']},"
                f" tables {len(mine)} on pages {mine[0].pages if mine else '-'}"
            )
            if args.show_misses:
                print("\n".join(result["misses"]))
            entry = f"{kind} ours {result['cells']:.1%}"
            if kind == "phu_luc_2" and mine:
                validation = mine[0].validation
                source_checks = _source_mismatches(truth_table)
                mismatches = validation.mismatches if validation else []
                from_source = [m for m in mismatches if _check_key(mine[0], m) in source_checks]
                others = [m for m in mismatches if m not in from_source]
                print(
                    f"  phu_luc_2 mismatches: {len(mismatches)} ({len(from_source)} in the"
                    f" source itself, {len(others)} from extraction)"
                )
                for m in mismatches:
                    print(f"    row {_row_key(mine[0], m.row)}: {m.message}")
                entry += f" mism {len(from_source)}src+{len(others)}ocr"
            if not args.no_img2table:
                started = time.perf_counter()
                theirs = run_img2table(images, spans.get(kind, []), n, dpi)
                their_result = score_table(truth_table, theirs)
                print(
                    f"  {kind}: img2table cells {their_result['cells']:.1%}"
                    f" (non-empty {their_result['filled']:.1%}),"
                    f" rows found {their_result['rows_found']}/{their_result['rows']}"
                    f" ({time.perf_counter() - started:.0f} s)"
                )
                entry += f" img2table {their_result['cells']:.1%}"
            entry += f" rows {result['rows_found']}/{result['rows']}"
            line.append(entry)
        figures.append(" | ".join(line))
    print(" || ".join(figures))


def _row_key(table: Table, index: int) -> str:
    row: TableRow = table.rows[index]
    cells = row.cells or []
    return cells[0] if cells and cells[0] else (cells[1][:20] if len(cells) > 1 else "")


def _check_key(table: Table, mismatch: Mismatch) -> tuple[str, str, Any, Any]:
    """A failed check as row, column and both sums: a misread cell changes at least one."""
    return (_row_key(table, mismatch.row), mismatch.column, mismatch.expected, mismatch.found)


def _source_mismatches(truth_table: dict[str, Any]) -> set[tuple[str, str, Any, Any]]:
    """Checks the source's own arithmetic fails (validated on the truth itself)."""
    from sohoa.extract.tables import finish_table

    table = Table(
        columns=truth_table["columns"],
        rows=[
            TableRow(section=r["section"]) if "section" in r else TableRow(cells=r["cells"])
            for r in truth_table["rows"]
        ],
        kind=truth_table["kind"],
    )
    finish_table(table)
    return {_check_key(table, m) for m in (table.validation.mismatches if table.validation else [])}


if __name__ == "__main__":
    main()
