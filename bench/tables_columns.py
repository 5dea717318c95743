"""Where tables rebuilt from old OCR text lose cells: wrong cells per truth column, and why.

    .venv/bin/python bench/tables_columns.py [--restore] [--sets 004,other,...]
        [--mode lstm6-norules] [--show COLUMN]

The same development sets, cached OCR and table pairing as ``bench/tables_eng_ocr.py``
(never seed 002), one OCR mode. Each truth cell (a column named ``kind:field``, ``?`` for a
column no record field takes) is right when equal once folded (case, marks, spaces and
signs away, as the other table benchmarks fold), else counted under one cause:
``row not found``, ``empty``, ``extra words``, ``missing words`` or ``same count`` (as
many words as the truth: misread letters). ``--show`` prints each wrong cell of the
columns whose name holds COLUMN, beside its truth. The last line: wrong cells of all.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables_eng_ocr as dev  # noqa: E402  (also registers this checkout as `sohoa`)
from metrics import align_rows  # noqa: E402
from tables import model_rows, truth_rows  # noqa: E402

from sohoa.extract.appendix import map_columns  # noqa: E402
from sohoa.extract.structure import fold  # noqa: E402


def folded_words(text: str) -> list[str]:
    return [w for w in (fold(word) for word in text.split()) if w]


def cause(got: str, want: str) -> str:
    """Why a cell that is not right is wrong, by its words once folded."""
    found, truth = folded_words(got), folded_words(want)
    if not found:
        return "empty"
    if len(found) != len(truth):
        return "extra words" if len(found) > len(truth) else "missing words"
    return "same count"


class Tally:
    """Cells per column and per set, and the causes of the wrong ones."""

    def __init__(self, show: str | None) -> None:
        self.show = show
        self.cells: Counter[str] = Counter()
        self.wrong: Counter[str] = Counter()
        self.causes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.sets: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])  # right, all

    def add(self, where: str, column: str, got: str | None, want: str) -> None:
        self.cells[column] += 1
        self.sets[where.split()[0]][1] += 1
        if got is not None and fold(got) == fold(want):
            self.sets[where.split()[0]][0] += 1
            return
        self.wrong[column] += 1
        self.causes[column]["row not found" if got is None else cause(got, want)] += 1
        if self.show and self.show in column and got is not None:
            print(f"[{where}] {column}\n  want: {want}\n  got:  {got}")


def tally_table(tally: Tally, where: str, truth: dict[str, Any], found: list[list[str]]) -> None:
    fields = map_columns(truth["columns"])
    rows = truth_rows(truth)
    pairs = align_rows([[fold(c) for c in r] for r in rows], [[fold(c) for c in r] for r in found])
    for want, pair in zip(rows, pairs, strict=True):
        width = 1 if not any(want[1:]) and "." in want[0] else len(want)  # a section: its name
        for k in range(width):
            column = truth["kind"] + ":" + "/".join(fields.get(k, ("?",)))
            tally.add(where, column, None if pair is None else found[pair][k], want[k])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restore", action="store_true", help="restore the text first (as 000)")
    parser.add_argument("--sets", default=dev.DEFAULT_SETS)
    parser.add_argument("--mode", default="lstm6-norules", help="one OCR mode")
    parser.add_argument("--show", help="print the wrong cells of columns whose name holds this")
    args = parser.parse_args()
    model = dev.restorer_model(args.restore)
    tally = Tally(args.show)
    for name, truth, doc in dev.rebuilt_sets(dev.set_counts(args.sets), args.mode, model):
        matched = dev.match_in_order(truth["tables"], doc.tables)
        for number, table in enumerate(truth["tables"]):
            k = matched.get(number)
            found = model_rows(doc.tables[k], len(table["columns"])) if k is not None else []
            tally_table(tally, f"{name} table {number + 1}", table, found)
    for column in sorted(tally.cells, key=lambda c: -tally.wrong[c]):
        causes = ", ".join(f"{c} {n}" for c, n in tally.causes[column].most_common())
        print(f"{column:40s} wrong {tally.wrong[column]:4d}/{tally.cells[column]:4d}  {causes}")
    sets = (f"{s} {r}/{n} {r / max(1, n):.1%}" for s, (r, n) in tally.sets.items())
    print("right cells per set:", ", ".join(sets))
    wrong, cells = sum(tally.wrong.values()), sum(tally.cells.values())
    restored = ", restored" if args.restore else ""
    print(f"tables by column ({args.mode}{restored}): wrong cells {wrong} of {cells}")


if __name__ == "__main__":
    main()
