"""Cell errors of the corpus's tables, by column type: which cells sohoa gets wrong and how.

    .venv/bin/python bench/tables_corpus.py [--only KIND[,KIND|ID]] [--seed 1]

Runs this checkout's pipeline (in-process, JSON model) on every corpus document of the given
kinds that holds a table (default: the scanned kinds), aligns its tables' rows with the
truth's as bench/corpus.py scores them (exact cells, NFC, spaces folded), and lists every
wrong cell with its column type (STT, quarter, year, amount, agency, text …), then the
commonest kinds of error. The last line prints cells right per kind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))  # bench/corpus (the generator), bench/metrics.py
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
from metrics import align_rows  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from corpus import build as corpus_build  # noqa: E402
from corpus import score  # noqa: E402
from sohoa.model import document_to_json  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

SCANNED = ("scan-300-light", "scan-200-heavy", "scan-150-heavy", "stamp", "handwritten",
           "show-through", "phone-photo", "screenshot", "table-photo")  # fmt: skip


def column_type(name: str, truth_cell: str) -> str:
    """A coarse type for a truth cell, from its column name and its text."""
    import regex

    plain = name.lower()
    if plain in ("stt", "tt"):
        return "stt"
    if regex.match(r"^quý\s", truth_cell, regex.IGNORECASE):
        return "quarter"
    if regex.fullmatch(r"[\d.,]+|-", truth_cell) and not plain.startswith("stt"):
        return "amount"
    if regex.search(r"\b(19|20)\d\d\b", truth_cell):
        return "year"
    if "cơ quan" in plain or "đơn vị" in plain:
        return "agency"
    return "text"


def error_kind(want: str, got: str) -> str:
    """What went wrong in one cell, in a few words."""
    from sohoa.extract.structure import fold

    if not got:
        return "empty"
    if fold(want) == fold(got):
        return "marks or case"
    if want.replace(" ", "") == got.replace(" ", ""):
        return "spacing"
    if want in got:
        return "extra text"
    if got in want:
        return "text lost"
    return "misread"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SCANNED), help="kinds or document ids")
    parser.add_argument("--seed", type=int, default=corpus_build.DEFAULT_SEED)
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    entries = [
        e
        for e in corpus_build.plan(args.seed, corpus_build.COUNT)
        if e.kind.name in wanted or e.id in wanted
    ]
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        built = corpus_build.build(entry)
        if not built.truth["tables"]:
            continue
        doc = convert_document(built.input, Settings())
        found_tables = json.loads(document_to_json(doc)).get("tables") or []
        for truth in built.truth["tables"]:
            n = len(truth["columns"])
            rows = score.truth_rows(truth)
            best: tuple[int, list[list[str]]] = (-1, [])
            for table in found_tables:
                got = score.json_rows(table, n)
                right = score.table_cells(truth, got)["cells_right"]
                best = max(best, (right, got), key=lambda b: b[0])
            got_rows = best[1]
            pairs = align_rows(rows, got_rows)
            for raw, want, index in zip(truth["rows"], rows, pairs, strict=True):
                got = got_rows[index] if index is not None else [""] * n
                width = 1 if "section" in raw else n
                for k in range(width):
                    per_kind[entry.kind.name][1] += 1
                    if want[k] == got[k]:
                        per_kind[entry.kind.name][0] += 1
                        continue
                    ctype = (
                        "section" if "section" in raw else column_type(truth["columns"][k], want[k])
                    )
                    kind = error_kind(want[k], got[k])
                    kinds[(ctype, kind)] += 1
                    print(f"  {entry.id} {entry.kind.name} [{ctype}, {kind}]"
                          f" {want[k]!r} -> {got[k]!r}")  # fmt: skip
    print("commonest cell errors (column type, error):")
    for (ctype, kind), count in kinds.most_common(10):
        print(f"  {count:4d}  {ctype}: {kind}")
    print(" | ".join(f"{k} {r}/{t} ({r / max(1, t):.1%})" for k, (r, t) in per_kind.items()))


if __name__ == "__main__":
    main()
