"""Benchmark: Phụ lục I and II rebuilt from flattened text (TXT input), seeds 002, 000, 003.

    /work/venv/bin/python bench/tables_text.py [--show]

002 is the clean text of the plan (read as is, no restorer); 000 is an old English-model
OCR of the same plan, restored by a model built WITHOUT seed 002 (the leave-one-out model
of bench/restore.py, cached in bench/.cache/); 003 is another old OCR with no answer key
(restored by the shipped model), so only its rows out and confidence are printed.

Both tables are scored against bench/data/phu_luc_002.json (transcribed from 002):
- rows found: truth rows aligned with an extracted row whose STT (or section heading's
  numeral) matches;
- rows right: every cell exact after NFC and whitespace folding;
- rows right folded: every cell equal once diacritics, case and spaces are folded away
  (what is left once the restorer's misses are forgiven: the layout reconstruction);
- cells folded: share of truth cells equal after folding; exact: equal after NFC and
  whitespace folding only.
The last line prints the key figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from metrics import align_rows  # noqa: E402
from restore import BENCH_SOURCES, build_bench_model  # noqa: E402
from tables import model_rows, norm, truth_rows  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.extract.structure import fold  # noqa: E402
from sohoa.normalize.restore import load_model  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

TRUTH = HERE / "data" / "phu_luc_002.json"
SEEDS = ROOT / "corpus" / "seeds"
CACHE = HERE / ".cache"
MODEL_WITHOUT_002 = CACHE / "restorer-without-002.pkl"


def model_without_002() -> Path:
    sources = [p for _, paths in BENCH_SOURCES for p in paths]
    newest = max(p.stat().st_mtime for p in sources)
    if not MODEL_WITHOUT_002.exists() or MODEL_WITHOUT_002.stat().st_mtime < newest:
        CACHE.mkdir(parents=True, exist_ok=True)
        build_bench_model(sources, MODEL_WITHOUT_002)
    return MODEL_WITHOUT_002


def key(row: list[str]) -> str:
    """The STT of a row, or the numeral of a section heading ("II")."""
    head = row[0].split(".")[0] if row[1:] and not any(row[1:]) else row[0]
    return fold(head).rstrip(".")


def score(truth_table: dict[str, Any], found: list[list[str]]) -> dict[str, int]:
    rows = truth_rows(truth_table)
    folded_rows = [[fold(c) for c in r] for r in rows]
    folded_found = [[fold(c) for c in r] for r in found]
    pairs = align_rows(folded_rows, folded_found)
    figures = dict(
        rows=len(rows),
        out=len(found),
        found=0,
        right=0,
        folded=0,
        cells=0,
        right_cells=0,
        exact_cells=0,
    )
    for want, want_folded, p in zip(rows, folded_rows, pairs, strict=True):
        width = 1 if not any(want[1:]) and "." in want[0] else len(want)
        figures["cells"] += width
        if p is None:
            continue
        figures["found"] += key(found[p]) == key(want)
        figures["right"] += found[p][:width] == want[:width]
        figures["folded"] += folded_found[p][:width] == want_folded[:width]
        figures["right_cells"] += sum(
            a == b for a, b in zip(folded_found[p][:width], want_folded[:width], strict=True)
        )
        figures["exact_cells"] += sum(
            a == b for a, b in zip(found[p][:width], want[:width], strict=True)
        )
    return figures


def run(seed: str, settings: Settings, model: Any) -> list[Any]:
    doc = convert_document(SEEDS / seed, settings, model=model)
    return doc.tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the extracted rows")
    args = parser.parse_args()
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    loo = load_model(model_without_002())
    shipped = load_model()
    runs = [
        ("002", "002_16be85fa44299f16.txt", Settings(restore=False), None),
        ("000", "000_2ace24eb85770306.txt", Settings(restore=True), loo),
        ("003", "003_cdf48d5100b823ae.txt", Settings(restore=True), shipped),
    ]
    summary = []
    for name, seed, settings, model in runs:
        tables = run(seed, settings, model)
        parts = []
        for truth_table in truth["tables"]:
            kind = truth_table["kind"]
            n = len(truth_table["columns"])
            mine = [t for t in tables if t.kind == kind]
            found = model_rows(mine[0], n) if mine else []
            confidence = mine[0].confidence if mine else None
            if args.show:
                for row in found:
                    print("   ", " | ".join(norm(c) for c in row))
            if name == "003":
                print(f"  {name} {kind}: {len(found)} rows out, confidence {confidence}")
                parts.append(f"{kind} {len(found)} rows (conf {confidence})")
                continue
            f = score(truth_table, found)
            print(
                f"  {name} {kind}: {f['out']} rows out; rows found {f['found']}/{f['rows']},"
                f" right {f['right']}/{f['rows']}, right folded {f['folded']}/{f['rows']};"
                f" cells folded {f['right_cells'] / max(1, f['cells']):.1%},"
                f" exact {f['exact_cells'] / max(1, f['cells']):.1%};"
                f" confidence {confidence}"
            )
            parts.append(
                f"{kind} found {f['found']} right {f['right']} folded {f['folded']}/{f['rows']}"
                f" cells {f['right_cells'] / max(1, f['cells']):.1%} folded,"
                f" {f['exact_cells'] / max(1, f['cells']):.1%} exact conf {confidence}"
            )
        summary.append(f"{name}: " + ", ".join(parts))
    print(" || ".join(summary))


if __name__ == "__main__":
    main()
