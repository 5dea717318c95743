"""Benchmark for rebuilding tables from old OCR text, on tables that are NOT seed 002's.

    .venv/bin/python bench/tables_eng_ocr.py [--show]

Seed 000 is an English-model OCR of seed 002, its appendices flattened into text; to work on
that kind of input without learning anything from the 000/002 pair, this makes more of it
from other clean tables: seed 004's two appendix tables (its tab-separated rows) and the
tables of bench/data/tables_other_layout.json are rendered as ruled tables
(bench/render_tables.py), rasterised at 300 dpi with light scanner damage (scan_simulator),
and read page by page with bare ``tesseract -l eng`` (no table detection): the same kind of
text 000 and 003 are. That text goes through the pipeline as a TXT input (no restorer:
the score is the table reconstruction), and the rebuilt tables are scored against the
tables rendered, as bench/tables_text.py scores 000: rows found (by their STT), cells
right once marks and case are folded away. The last line prints the key figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
from render_tables import render_tables  # noqa: E402
from tables import CACHE, model_rows, norm  # noqa: E402
from tables_text import score  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.corpus.scan_simulator import degrade, rasterize_pdf  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

SEEDS = ROOT / "corpus" / "seeds"
OTHER = HERE / "data" / "tables_other_layout.json"
LEVEL = "none"  # a clean scan: old OCR of 000 and 003 came from clean pages
PSM = 6  # one block read line by line across the columns, as 003's lines are
CAPTIONS = ["Phụ lục I", "Phụ lục II", "Phụ lục III"]


def seed_004_tables() -> list[dict[str, Any]]:
    """Seed 004's appendix tables as render truth (one header row, their own columns)."""
    doc = convert_document(SEEDS / "004_270c43c183b8e566.txt", Settings(restore=False))
    tables = []
    for number, table in enumerate(doc.tables):
        n = len(table.columns)
        lengths = [
            max(len(table.columns[k]), *(len((r.cells or [""] * n)[k]) for r in table.rows))
            for k in range(n)
        ]
        widths = [max(9.0, 186 * min(60, w) / sum(min(60, x) for x in lengths)) for w in lengths]
        tables.append(
            {
                "kind": table.kind,
                "caption": CAPTIONS[number],
                "title": table.title or "DANH MỤC NHIỆM VỤ",
                "attached_to": table.attached_to or "(Kèm theo Quyết định số 523/QĐ-UBND)",
                "unit": None,
                "widths_mm": widths,
                "header": [[{"text": c} for c in table.columns]],
                "columns": table.columns,
                "rows": [
                    {"section": r.section} if r.section is not None else {"cells": r.cells}
                    for r in table.rows
                ],
            }
        )
    return tables


def old_ocr_text(name: str, truth: dict[str, Any]) -> Path:
    """The tables rendered, damaged lightly and read by bare ``tesseract -l eng`` (cached)."""
    import pytesseract

    CACHE.mkdir(exist_ok=True)
    text_path = CACHE / f"eng-ocr-{name}.txt"
    key = f"{LEVEL} psm {PSM} " + json.dumps(truth, ensure_ascii=False, sort_keys=True)
    key_path = CACHE / f"eng-ocr-{name}.key"
    if text_path.exists() and key_path.exists() and key_path.read_text() == key:
        return text_path
    pdf = CACHE / f"eng-ocr-{name}.pdf"
    render_tables(truth, pdf)
    pages = []
    for number, gray in enumerate(rasterize_pdf(pdf, 300), start=1):
        pages.append(
            pytesseract.image_to_string(
                degrade(gray, LEVEL, seed=number), lang="eng", config=f"--psm {PSM}"
            )
        )
    text_path.write_text("\n".join(pages), encoding="utf-8")
    key_path.write_text(key)
    return text_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the rebuilt rows")
    args = parser.parse_args()
    sets = {
        "004": {"tables": seed_004_tables()},
        "other": json.loads(OTHER.read_text(encoding="utf-8")),
    }
    summary = []
    for name, truth in sets.items():
        doc = convert_document(old_ocr_text(name, truth), Settings(restore=False))
        print(f"== {name}: {len(doc.tables)} tables rebuilt, kinds {[t.kind for t in doc.tables]}")
        for number, truth_table in enumerate(truth["tables"]):
            n = len(truth_table["columns"])
            caption = CAPTIONS[number]
            mine = [t for t in doc.tables if t.caption == caption] or (
                [doc.tables[number]] if number < len(doc.tables) else []
            )
            found = model_rows(mine[0], n) if mine else []
            if args.show:
                for row in found:
                    print("   ", " | ".join(norm(c) for c in row))
            f = score(truth_table, found)
            cells = f["right_cells"] / max(1, f["cells"])
            print(
                f"  {name} {caption} ({truth_table['kind']}): {f['out']} rows out;"
                f" rows found {f['found']}/{f['rows']}, right folded {f['folded']}/{f['rows']};"
                f" cells folded {cells:.1%}; confidence {mine[0].confidence if mine else '-'}"
            )
            summary.append(f"{name} {caption}: found {f['found']}/{f['rows']} cells {cells:.1%}")
    print(" | ".join(summary))


if __name__ == "__main__":
    main()
