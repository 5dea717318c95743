"""Benchmark: tables in another layout and font than seed 002's, scanned light and heavy.

    .venv/bin/python bench/tables_other.py [--levels light,heavy] [--no-img2table]

The truth (bench/data/tables_other_layout.json) was written for this benchmark, not taken
from any seed: a Phụ lục I with another column set and a narrow "STT" cell, "Quý II/2026"
cells and Roman-numeral sections; a Phụ lục II with a two-row header ("Chia theo năm" over
the years), a "Nguồn kinh phí" column and "-" cells; and a third table of no appendix kind.
Rendered portrait in Liberation Sans (bench/render_tables.py), one table per page, then
degraded with the team's scanner model (corpus/scan_simulator.py) and extracted by our table stage
and by img2table on the same page images (bench/tables.py). With ``--borderless`` the same
tables are printed without rules (img2table then runs with ``borderless_tables=True``).

Per table: cells exact (NFC, whitespace folded; a section row is one cell), rows found,
header names exact, and — for Phụ lục I/II — records with their STT and no column lost
(every column not taken by a field is in ``extra``). The last line prints the key figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render_tables import render_tables  # noqa: E402
from tables import CACHE, LEVELS, model_rows, norm, run_img2table, run_ours, score_table  # noqa: E402

# after `tables`, which registers this checkout as the package `sohoa`
from sohoa.corpus.scan_simulator import degrade, rasterize_pdf  # noqa: E402

TRUTH = HERE / "data" / "tables_other_layout.json"
PREFIX = "other"


def page_images(truth_path: Path, level: str, ruled: bool = True) -> list[np.ndarray]:
    CACHE.mkdir(exist_ok=True)
    prefix = PREFIX if ruled else f"{PREFIX}-borderless"
    pdf = CACHE / f"{prefix}.pdf"
    stamp = str(truth_path.stat().st_mtime_ns) + str((HERE / "render_tables.py").stat().st_mtime_ns)
    stamp_file = CACHE / f"{prefix}-stamp"
    if not pdf.exists() or not stamp_file.exists() or stamp_file.read_text() != stamp:
        for old in CACHE.glob(f"{prefix}-[lh]*.png"):
            old.unlink()
        render_tables(json.loads(truth_path.read_text(encoding="utf-8")), pdf, ruled=ruled)
        stamp_file.write_text(stamp)
    paths = sorted(CACHE.glob(f"{prefix}-{level}-*.png"))
    if not paths:
        for number, gray in enumerate(rasterize_pdf(pdf, LEVELS[level]["dpi"]), start=1):
            path = CACHE / f"{prefix}-{level}-{number:02d}.png"
            cv2.imwrite(str(path), degrade(gray, level, seed=100 + number))
        paths = sorted(CACHE.glob(f"{prefix}-{level}-*.png"))
    return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in paths]


def _values(record: Any) -> list[str]:
    """Every value of a record (nested dicts flattened), as text."""
    if isinstance(record, dict):
        return [v for value in record.values() for v in _values(value)]
    return [] if record is None else [str(record)]


def record_checks(table: Any) -> str:
    """Records with their STT, and the share of the rows' non-empty cells kept somewhere in
    their record (a field, an amount, ``extra``): a column with no field must not be lost."""
    from sohoa.extract.amounts import is_blank, try_amount

    body = [row.cells for row in table.rows if row.section is None and row.cells]
    records = [dataclasses.asdict(r) for r in table.records]  # typed records as dicts
    if not records:
        return "no records"
    with_stt = sum(bool(r.get("stt") or r.get("cells", {}).get(table.columns[0])) for r in records)
    kept = total = 0
    for cells, record in zip(body, records, strict=False):
        values = set(_values(record))
        for text in cells:
            if is_blank(text):
                continue
            total += 1
            amount = try_amount(text)
            kept += text in values or (amount is not None and str(amount) in values)
    return f"records {len(records)}, with STT {with_stt}, cells kept {kept}/{total}"


def run_pipeline_pages(images: list[np.ndarray], dpi: int) -> list[Any]:
    """The whole pipeline on each page image (OCR, restorer, tables): a borderless table is
    made of the page's OCR'd words, which ``run_ours`` (ruled cells only) never reads."""
    import tempfile

    from sohoa.pipeline import convert_document
    from sohoa.settings import Settings

    tables = []
    with tempfile.TemporaryDirectory() as folder:
        for number, image in enumerate(images, start=1):
            path = Path(folder) / f"page-{number:02d}.png"
            cv2.imwrite(str(path), image)
            for table in convert_document(path, Settings(dpi=dpi)).tables:
                table.pages = [number]
                tables.append(table)
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="light,heavy")
    parser.add_argument("--no-img2table", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--borderless", action="store_true", help="render the tables without rules")
    args = parser.parse_args()
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    figures = []
    for level in [x for x in args.levels.split(",") if x]:
        images = page_images(TRUTH, level, ruled=not args.borderless)
        dpi = LEVELS[level]["dpi"]
        started = time.perf_counter()
        ours = run_pipeline_pages(images, dpi) if args.borderless else run_ours(images, dpi)
        seconds = time.perf_counter() - started
        print(f"== {level}: {len(images)} pages at {dpi} dpi; ours {seconds:.0f} s")
        line = [level]
        for number, truth_table in enumerate(truth["tables"], start=1):
            n = len(truth_table["columns"])
            kind = truth_table["kind"]
            mine = [t for t in ours if number in t.pages]
            found = model_rows(mine[0], n) if mine else []
            result = score_table(truth_table, found)
            header = (
                sum(
                    a == norm(b)
                    for a, b in zip(mine[0].columns, truth_table["columns"], strict=False)
                )
                if mine
                else 0
            )
            print(
                f"  {kind}: ours cells {result['cells']:.1%} (non-empty {result['filled']:.1%}),"
                f" rows found {result['rows_found']}/{result['rows']}, header {header}/{n},"
                f" kind {mine[0].kind if mine else '-'};"
                f" {record_checks(mine[0]) if mine else '-'}"
            )
            if args.show_misses:
                print("\n".join(result["misses"]))
                if mine:
                    print("   columns:", mine[0].columns)
            entry = f"{kind} ours {result['cells']:.1%} hdr {header}/{n}"
            if not args.no_img2table:
                theirs = run_img2table(images, [number], n, dpi, borderless=args.borderless)
                their = score_table(truth_table, theirs)
                print(
                    f"  {kind}: img2table cells {their['cells']:.1%}"
                    f" (non-empty {their['filled']:.1%}),"
                    f" rows found {their['rows_found']}/{their['rows']}"
                )
                entry += f" img2table {their['cells']:.1%}"
            line.append(entry)
        figures.append(" | ".join(line))
    print(("borderless: " if args.borderless else "") + " || ".join(figures))


if __name__ == "__main__":
    main()
