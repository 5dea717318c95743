"""How well the rows' confidence of tables rebuilt from old OCR text is calibrated.

    .venv/bin/python bench/tables_row_confidence.py [--modes lstm3,...] [--sets 004,...]
        [--fit-sets 004,gen,budget,restart] [--fit] [--dump FILE] [--load FILE]

The same development sets, cached OCR and table pairing as ``bench/tables_eng_ocr.py``
(never seed 002), restored, in the four default OCR modes and lstm6-norules. Each row of a
table rebuilt from flattened text (``Table.source == "flattened"``) is judged: right when
the truth row paired with it (``metrics.align_rows`` on folded cells, as
``tables_edits.py`` pairs them) has at least ``RIGHT_SHARE`` of its cells equal once folded
(a section: its heading), wrong otherwise (no truth row paired, or its table paired with no
truth table). Each row's evidence (``extract/row_confidence.py``) is kept as the pipeline
computed it.

It prints, for the fitting sets (``--fit-sets``) and for the others apart, the reliability
table: rows binned by confidence (tenths), per bin the rows, their mean confidence and the
share right, and the calibration gap (each bin's |mean confidence - share right|, weighted
by its rows). ``--fit`` fits the logistic's weights on the fitting sets only (L2, Newton's
method) and prints them for ``row_confidence.WEIGHTS``; the tables are then scored with
them (the test sets still unseen by the fit). ``--dump``/``--load`` keep the rows judged in
a JSON file, to fit again without rebuilding. The last line: rows judged, share right, and
the gap on the fitting and on the test sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables_eng_ocr as dev  # noqa: E402  (also registers this checkout as `sohoa`)
from metrics import align_rows  # noqa: E402
from tables import model_rows, truth_rows  # noqa: E402

from sohoa.extract import row_confidence  # noqa: E402
from sohoa.extract.structure import fold  # noqa: E402

MODES = "lstm3,lstm6,legacy3,lstm3-norules,lstm6-norules"
FIT_SETS = "004,gen,budget,restart"
RIGHT_SHARE = 0.8  # of a row's cells equal to its truth's, folded, for the row to be right
L2 = 1.0  # the fit's penalty on the weights' squares


def judged_rows(name: str, mode: str, truth: dict[str, Any], doc: Any, seen: list) -> list[dict]:
    """Each rated row of ``doc``: its set, mode, evidence, confidence and whether right."""
    evidence = {id(table): found for table, found in seen}
    matched = {k: t for t, k in dev.match_in_order(truth["tables"], doc.tables).items()}
    judged = []
    for k, table in enumerate(doc.tables):
        if id(table) not in evidence:
            continue
        right = _rows_right(truth["tables"][matched[k]], table) if k in matched else {}
        for r, (row, values) in enumerate(zip(table.rows, evidence[id(table)], strict=True)):
            judged.append(
                {
                    "set": name,
                    "mode": mode,
                    "evidence": values,
                    "confidence": row.confidence,
                    "right": right.get(r, False),
                }
            )
    return judged


def _rows_right(truth: dict[str, Any], table: Any) -> dict[int, bool]:
    """Per rebuilt row (index) paired with a truth row: whether it is right."""
    n = len(truth["columns"])
    rows = [[fold(c) for c in r] for r in truth_rows(truth)]
    found = [[fold(c) for c in r] for r in model_rows(table, n)]
    right = {}
    for i, j in enumerate(align_rows(rows, found)):
        if j is not None:
            width = 1 if "section" in truth["rows"][i] else n
            equal = sum(rows[i][c] == found[j][c] for c in range(width))
            right[j] = equal >= RIGHT_SHARE * width
    return right


def collect(sets: str, modes: str) -> list[dict]:
    model = dev.restorer_model(True)
    rows: list[dict] = []
    for mode in modes.split(","):
        for name, truth, doc, seen in _rebuilt(sets, mode, model):
            rows.extend(judged_rows(name, mode, truth, doc, seen))
    return rows


def _rebuilt(sets: str, mode: str, model: Any) -> Iterator[tuple[str, Any, Any, list]]:
    """``dev.rebuilt_sets``, each document with its tables rated and their rows' evidence."""
    with row_confidence.watching() as seen:
        for name, truth, doc in dev.rebuilt_sets(dev.set_counts(sets), mode, model):
            yield name, truth, doc, list(seen)
            seen.clear()


def fit(rows: list[dict]) -> tuple[float, dict[str, float]]:
    """The logistic's bias and weights fitted on ``rows`` (L2, Newton's method)."""
    names = list(row_confidence.EVIDENCE)
    x = np.array([[1.0, *(r["evidence"][n] for n in names)] for r in rows])
    y = np.array([float(r["right"]) for r in rows])
    w = np.zeros(x.shape[1])
    penalty = L2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0  # the bias is not penalised
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(x.shape[1])
        w -= np.linalg.solve(hessian, gradient)
    return float(w[0]), {n: float(v) for n, v in zip(names, w[1:], strict=True)}


def rescore(rows: list[dict]) -> None:
    for row in rows:
        row["confidence"] = round(row_confidence.combine(row["evidence"]), 2)


def reliability(label: str, rows: list[dict]) -> float:
    """Print the reliability table of ``rows``; return the calibration gap."""
    print(f"-- {label}: {len(rows)} rows, right {_share(rows):.1%}")
    print(f"{'confidence':>12s} {'rows':>6s} {'mean':>6s} {'right':>6s}")
    gap = 0.0
    for b in range(10):
        inside = [r for r in rows if min(9, int(r["confidence"] * 10)) == b]
        if inside:
            mean = sum(r["confidence"] for r in inside) / len(inside)
            share = _share(inside)
            gap += len(inside) * abs(mean - share)
            print(f"{b / 10:5.1f}-{(b + 1) / 10:<5.1f} {len(inside):6d} {mean:6.2f} {share:6.2f}")
    gap /= max(1, len(rows))
    print(f"calibration gap {gap:.1%}")
    return gap


def _share(rows: list[dict]) -> float:
    return sum(r["right"] for r in rows) / max(1, len(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=dev.DEFAULT_SETS)
    parser.add_argument("--modes", default=MODES)
    parser.add_argument("--fit-sets", default=FIT_SETS, help="the sets the weights are fit on")
    parser.add_argument("--fit", action="store_true", help="fit the weights and print them")
    parser.add_argument("--dump", help="write the rows judged to this JSON file")
    parser.add_argument("--load", help="read the rows judged from this JSON file")
    args = parser.parse_args()
    rows = json.loads(Path(args.load).read_text()) if args.load else collect(args.sets, args.modes)
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows))
    fitting = [r for r in rows if r["set"] in args.fit_sets.split(",")]
    testing = [r for r in rows if r["set"] not in args.fit_sets.split(",")]
    if args.fit and fitting:
        row_confidence.BIAS, weights = fit(fitting)
        row_confidence.WEIGHTS.update(weights)
        print(f"BIAS = {row_confidence.BIAS:.2f}")
        print("WEIGHTS = {" + ", ".join(f'"{n}": {v:.2f}' for n, v in weights.items()) + "}")
    rescore(rows)  # by the weights of the module (or those just fitted)
    gap_fit = reliability(f"fitting sets ({args.fit_sets})", fitting)
    gap_test = reliability("test sets (the others)", testing)
    mean = sum(r["confidence"] for r in rows) / max(1, len(rows))
    print(
        f"row confidence ({args.modes}, restored): {len(rows)} rows judged, right"
        f" {_share(rows):.1%}, mean confidence {mean:.1%}; calibration gap {gap_fit:.1%}"
        f" on the fitting sets, {gap_test:.1%} on the test sets"
    )


if __name__ == "__main__":
    main()
