"""Benchmark: Phụ lục I and II rebuilt from flattened text (TXT input), seeds 002, 000, 003.

    /work/venv/bin/python bench/tables_text.py [--seeds 002,000,003] [--show] [--wrong]

002 is the clean text of the plan (read as is, no restorer); 000 is an old English-model
OCR of the same plan, restored by a model built WITHOUT seed 002 (the leave-one-out model
of bench/restore.py, cached in bench/.cache/); 003 is a real old OCR of another plan
(49/KH-UBND of Bắc Ninh), restored by the shipped model.

002 and 000 are scored against bench/data/phu_luc_002.json (transcribed from 002), 003
against bench/data/phu_luc_003.json (read by hand from 003's old OCR, its doubtful readings
listed in the file):
- rows found: truth rows aligned with an extracted row whose STT (or section heading's
  numeral) matches;
- rows right: every cell exact after NFC and whitespace folding;
- rows right folded: every cell equal once diacritics, case and spaces are folded away
  (what is left once the restorer's misses are forgiven: the layout reconstruction);
- cells folded: share of truth cells equal after folding; exact: equal after NFC and
  whitespace folding only.
``--seeds`` scores some of the seeds only (``--seeds 003``); ``--show`` prints the rows
extracted, ``--wrong`` each truth cell not right after folding beside the cell found.
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

SEEDS = ROOT / "corpus" / "seeds"
SEED_FILES = {
    "002": "002_16be85fa44299f16.txt",
    "000": "000_2ace24eb85770306.txt",
    "003": "003_cdf48d5100b823ae.txt",
}
TRUTHS = {
    "002": HERE / "data" / "phu_luc_002.json",
    "000": HERE / "data" / "phu_luc_002.json",
    "003": HERE / "data" / "phu_luc_003.json",
}
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


def wrong_cells(truth_table: dict[str, Any], found: list[list[str]]) -> list[str]:
    """Each truth cell not equal to the cell found once folded: "row column: truth | found"."""
    rows = truth_rows(truth_table)
    pairs = align_rows([[fold(c) for c in r] for r in rows], [[fold(c) for c in r] for r in found])
    lines = []
    for want, p in zip(rows, pairs, strict=True):
        if p is None:
            lines.append(f"{want[0][:12]}: row not found")
            continue
        width = 1 if not any(want[1:]) and "." in want[0] else len(want)
        for column, a, b in zip(truth_table["columns"][:width], want, found[p], strict=False):
            if fold(a) != fold(b):
                lines.append(f"{want[0][:12]} {column}: {a!r} | {b!r}")
    return lines


def settings_and_model(name: str) -> tuple[Settings, Any]:
    """002 read as is; 000 restored by the model built without 002; 003 by the shipped one."""
    if name == "002":
        return Settings(restore=False), None
    if name == "000":
        return Settings(restore=True), load_model(model_without_002())
    return Settings(restore=True), load_model()


def run(seed: str, settings: Settings, model: Any) -> list[Any]:
    doc = convert_document(SEEDS / seed, settings, model=model)
    return doc.tables


def table_figures(name: str, kind: str, f: dict[str, int], confidence: Any) -> str:
    """Prints one table's line; gives back its part of the last line."""
    cells, share = max(1, f["cells"]), f["right_cells"] / max(1, f["cells"])
    print(
        f"  {name} {kind}: {f['out']} rows out; rows found {f['found']}/{f['rows']},"
        f" right {f['right']}/{f['rows']}, right folded {f['folded']}/{f['rows']};"
        f" cells folded {share:.1%}, exact {f['exact_cells'] / cells:.1%};"
        f" confidence {confidence}"
    )
    return (
        f"{kind} found {f['found']} right {f['right']} folded {f['folded']}/{f['rows']}"
        f" cells {share:.1%} folded, {f['exact_cells'] / cells:.1%} exact conf {confidence}"
    )


def score_seed(name: str, args: argparse.Namespace) -> str:
    """Scores one seed's tables against its truth; gives back its part of the last line."""
    truth = json.loads(TRUTHS[name].read_text(encoding="utf-8"))
    tables = run(SEED_FILES[name], *settings_and_model(name))
    parts = []
    for truth_table in truth["tables"]:
        kind = truth_table["kind"]
        mine = [t for t in tables if t.kind == kind]
        found = model_rows(mine[0], len(truth_table["columns"])) if mine else []
        if args.show:
            for row in found:
                print("   ", " | ".join(norm(c) for c in row))
        if args.wrong:
            for line in wrong_cells(truth_table, found):
                print(f"    {name} {kind} {line}")
        confidence = mine[0].confidence if mine else None
        parts.append(table_figures(name, kind, score(truth_table, found), confidence))
    return f"{name}: " + ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="002,000,003", help="seeds to score, e.g. 003")
    parser.add_argument("--show", action="store_true", help="print the extracted rows")
    parser.add_argument("--wrong", action="store_true", help="print each wrong cell")
    args = parser.parse_args()
    names = [n.strip() for n in args.seeds.split(",") if n.strip()]
    unknown = [n for n in names if n not in SEED_FILES]
    if unknown:
        parser.error(f"unknown seeds {unknown}: choose among {', '.join(SEED_FILES)}")
    print(" || ".join(score_seed(name, args) for name in names))


if __name__ == "__main__":
    main()
