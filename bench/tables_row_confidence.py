"""How well the rows' confidence of tables rebuilt from old OCR text is calibrated.

    .venv/bin/python bench/tables_row_confidence.py [--modes lstm3,...] [--sets 004,...]
        [--fit-sets 004,gen,budget,restart] [--fit] [--dump FILE] [--load FILE,...]

The same development sets, cached OCR and table pairing as ``bench/tables_eng_ocr.py``
(never seed 002), restored, in the four default OCR modes and lstm6-norules, and the same
sets' tables clean (``CLEAN_MODES``): rendered as a digital PDF and its text layer exported
as text with no OCR error, the content stream's order (``pdftotext -raw``: cell after cell)
and lines across the page (pdfplumber, the pipeline's text-layer reader: a row's cells side
by side, their wrapped lines interleaved), as an old export of a digital plan gives its
appendices; a fit that has seen only old OCR learns no clean evidence. Each row of a
table rebuilt from flattened text (``Table.source == "flattened"``) is judged: right when
the truth row paired with it (``metrics.align_rows`` on folded cells, as
``tables_edits.py`` pairs them) has at least ``RIGHT_SHARE`` of its cells equal once folded
(a section: its heading), wrong otherwise (no truth row paired, or its table paired with no
truth table). Each row's evidence (``extract/row_confidence.py``) is kept as the pipeline
computed it.

It prints, for the fitting sets (``--fit-sets``), for the others apart (old OCR and clean
tables together) and for the clean tables apart (all sets), the reliability table: rows
binned by confidence (tenths), per bin the rows, their mean confidence and the share
right, and the calibration gap (each bin's |mean confidence - share right|, weighted
by its rows). ``--fit`` fits the logistic's weights on the fitting sets only (L2, Newton's
method) and prints them for ``row_confidence.WEIGHTS``; the tables are then scored with
them (the test sets still unseen by the fit). ``--dump``/``--load`` keep the rows judged in
a JSON file (``--load`` reads several, comma-separated), to fit again without rebuilding;
each row with its table's index, its cells as read and the Edits logged for it (reason,
confidence, original, result), to see which of them weigh on its evidence.
The last line: rows judged, share right, the gap on the fitting and on the test sets (and
on the test sets' old OCR alone), and the clean tables' rows: share right, mean confidence.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables_eng_ocr as dev  # noqa: E402  (also registers this checkout as `sohoa`)
from metrics import align_rows  # noqa: E402
from render_tables import render_tables  # noqa: E402
from tables import model_rows, truth_rows  # noqa: E402

from sohoa.extract import row_confidence  # noqa: E402
from sohoa.extract.structure import fold  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

MODES = "lstm3,lstm6,legacy3,lstm3-norules,lstm6-norules,text-raw,text-across"
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
                    "table": k,
                    "evidence": values,
                    "confidence": row.confidence,
                    "right": right.get(r, False),
                    "clean": mode in CLEAN_MODES,
                    "row": row.section or " | ".join(row.cells or []),
                    "edits": _row_edits(doc, k, r),
                }
            )
    return judged


def _row_edits(doc: Any, table: int, row: int) -> list[list]:
    """The Edits logged for row ``row`` of table ``table``: reason, confidence, original and
    result (to see which of them weigh on a row's ``edit_doubt``)."""
    return [
        [e.reason, e.confidence, e.original, e.result]
        for e in doc.edits
        if e.table == table and e.row == row
    ]


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
    """``dev.rebuilt_sets`` (``clean_sets`` for a clean mode), each document with its tables
    rated and their rows' evidence."""
    read = clean_sets if mode in CLEAN_MODES else dev.rebuilt_sets
    with row_confidence.watching() as seen:
        for name, truth, doc in read(dev.set_counts(sets), mode, model):
            yield name, truth, doc, list(seen)
            seen.clear()


def _content_order(pdf: Path) -> list[str]:
    """The pages' text in the order the PDF draws it (a table: cell after cell)."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    return text.stdout.decode("utf-8").split("\f")[:-1]


def _lines_across(pdf: Path) -> list[str]:
    """The pages' text as lines across the page (a table: a row's cells side by side)."""
    import pdfplumber

    with pdfplumber.open(pdf) as plumber:
        return [page.extract_text() for page in plumber.pages]


CLEAN_MODES = {"text-raw": _content_order, "text-across": _lines_across}


def clean_sets(counts: Any, mode: str, model: Any) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(set name, truth, document) for each set: its tables rendered as ``dev.old_ocr_text``
    renders them, the PDF's text layer exported as text (``CLEAN_MODES[mode]``, its pages
    joined as the set's OCR text joins them) and converted as that text is."""
    settings = Settings(restore=model is not None)
    with tempfile.TemporaryDirectory() as folder:
        for name, truth in dev._sets(counts).items():
            pdf, text = Path(folder) / f"{name}.pdf", Path(folder) / f"{name}.txt"
            render_tables(truth, pdf)
            pages = CLEAN_MODES[mode](pdf)
            text.write_text(truth.get("page_join", "\n").join(pages), encoding="utf-8")
            yield name, truth, convert_document(text, settings, model=model)


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
    parser.add_argument("--load", help="read the rows judged from these JSON files (a,b)")
    args = parser.parse_args()
    rows = _load(args.load) if args.load else collect(args.sets, args.modes)
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows))
    fitting = [r for r in rows if r["set"] in args.fit_sets.split(",")]
    testing = [r for r in rows if r["set"] not in args.fit_sets.split(",")]
    clean = [r for r in rows if r.get("clean")]
    if args.fit and fitting:
        row_confidence.BIAS, weights = fit(fitting)
        row_confidence.WEIGHTS.update(weights)
        print(f"BIAS = {row_confidence.BIAS:.2f}")
        print("WEIGHTS = {" + ", ".join(f'"{n}": {v:.2f}' for n, v in weights.items()) + "}")
    rescore(rows)  # by the weights of the module (or those just fitted)
    gap_fit = reliability(f"fitting sets ({args.fit_sets})", fitting)
    gap_test = reliability("test sets (the others)", testing)
    gap_ocr = reliability("test sets, old OCR alone", [r for r in testing if not r.get("clean")])
    reliability("clean tables (all sets)", clean)
    print(
        f"row confidence ({args.modes}, restored): {len(rows)} rows judged, right"
        f" {_share(rows):.1%}, mean confidence {_mean(rows):.1%}; calibration gap"
        f" {gap_fit:.1%} on the fitting sets, {gap_test:.1%} on the test sets ({gap_ocr:.1%}"
        f" their old OCR alone); clean tables: {len(clean)} rows, right {_share(clean):.1%},"
        f" mean confidence {_mean(clean):.1%}"
    )


def _mean(rows: list[dict]) -> float:
    return sum(r["confidence"] for r in rows) / max(1, len(rows))


def _load(files: str) -> list[dict]:
    return [row for name in files.split(",") for row in json.loads(Path(name).read_text())]


if __name__ == "__main__":
    main()
