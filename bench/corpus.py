"""The corpus benchmark: sohoa beside bare Tesseract, OCRmyPDF and img2table on every kind of
document, in one run.

    python bench/corpus.py            # 64 synthetic documents + the 6 real ones (real-dev)
    python bench/corpus.py --quick    # one synthetic document of every kind + the real ones
    python bench/corpus.py --only stamp,real-photo --seed 1 --count 64

Documents come from bench/corpus/ (generator, deterministic per seed; files cached in
bench/.cache/corpus/) and ../shared/real-dev/ (or $SOHOA_REAL_DEV). Each input goes through
``run_pipeline.py convert`` of THIS checkout (a subprocess, one page at a time: -j 1) and,
on the same page images, through ``tesseract -l vie`` and
``ocrmypdf -l vie --deskew --output-type pdf`` (text layer read back with pdftotext);
img2table (TesseractOCR ``vie``) reads the pages holding tables. Peer outputs are cached by
input hash and tool version (bench/.cache/corpus/peers/): the same tool on the same pixels.

Printed per document and per kind: body WER/CER (truth aligned to the best-matching span of
the output; NFC, case folding, one tone-placement convention), metadata fields right, table
cells right and rows found (sohoa vs img2table), codes lost, seconds per page. Restorer
faithfulness: every synthetic document's truth text is converted as a TXT file (restore on)
and compared with itself (words changed, document codes damaged), as are the digital PDFs and
DOCX files. Writes bench/results/corpus.md (--quick: corpus-quick.md). The LAST line gives
the aggregates.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # bench/corpus (this package) and bench/metrics.py

from corpus.cases import Case, Result  # noqa: E402
from corpus.peers import ENV  # noqa: E402

from corpus import build as corpus_build  # noqa: E402
from corpus import cases as cases_of  # noqa: E402
from corpus import peers, report, score  # noqa: E402

RESULTS = HERE / "results" / "corpus.md"


# --- running sohoa ------------------------------------------------------------------------------


def run_sohoa(case: Case, outdir: Path) -> tuple[str, dict[str, Any], float, str]:
    """``convert`` of this checkout on the case's input: text, JSON, seconds, error line."""
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(case.input), "-o",
         str(outdir), "--formats", "txt,json", "-j", "1", "--force", "-q"],
        capture_output=True, text=True, env=ENV, timeout=1800,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    stem = case.input.stem
    text_path, json_path = outdir / f"{stem}.txt", outdir / f"{stem}.json"
    text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
    document = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    error = "" if process.returncode == 0 else (process.stderr.strip().splitlines() or ["?"])[-1]
    return text, document, seconds, error


# --- measuring one case -------------------------------------------------------------------------


def measure(case: Case, outdir: Path, versions: dict[str, str]) -> Result:
    result = Result(case)
    f = result.figures
    text, document, seconds, error = run_sohoa(case, outdir / case.id)
    f["error"] = error
    f["pages"] = case.n_pages
    f["sohoa"] = score.span_errors(case.body, text)
    f["sohoa_s"] = seconds
    if case.pages:
        tess = peers.run_tesseract(case, versions["tesseract"])
        f["tess"] = score.span_errors(case.body, tess["text"])
        f["tess_s"] = tess["seconds"]
    if case.peer_pdf is not None:
        ocrmypdf = peers.run_ocrmypdf(case, versions["ocrmypdf"])
        f["ocrmypdf"] = score.span_errors(case.body, ocrmypdf["text"])
        f["ocrmypdf_s"] = ocrmypdf["seconds"]
        f["ocrmypdf_error"] = ocrmypdf.get("error", "")
    f["metadata"] = score.metadata_fields(case.metadata, score.found_metadata(document))
    if case.encoding:
        f["encoding"] = found_encoding(document)
        if case.twin is not None:  # the decoding is exact when both read the same
            twin = Case(**{**case.__dict__, "id": case.id + "-twin", "input": case.twin})
            twin_text = run_sohoa(twin, outdir / twin.id)[0]
            f["same_as_twin"] = text.split() == twin_text.split()
            shutil.rmtree(outdir / twin.id, ignore_errors=True)
    found_tables = document.get("tables") or []
    f["tables"] = []
    for index, truth in enumerate(case.tables):
        n = len(truth["columns"])
        candidates = [score.table_cells(truth, score.json_rows(t, n)) for t in found_tables]
        best = max(candidates, key=lambda c: c["cells_right"], default=None)
        best = best or score.table_cells(truth, [])
        entry = {"sohoa": best}
        if case.pages and index < len(case.table_pages):
            rows = peers.run_img2table(case, case.table_pages[index], n, versions["img2table"])
            entry["img2table"] = score.table_cells(truth, rows)
        f["tables"].append(entry)
    if not case.kind.startswith("real-"):  # a synthetic truth lists every table it printed
        f["tables_invented"] = score.tables_invented(case.tables, found_tables)
    if case.layout_phrases:
        found = score.phrases_found(case.layout_phrases, text)
        f["layout"] = {"found": found, "phrases": len(case.layout_phrases)}
    f["codes"] = len(case.codes)
    f["codes_lost"] = score.codes_damaged(case.full_text, text, case.codes)
    if case.text_is_right:
        # the whole printed text against the whole output: a digital input must come out
        # word for word (a real PDF's truth is page 1 only: words lost are counted)
        synthetic = not case.kind.startswith("real-")
        changed, total = score.words_changed(case.full_text, text, count_added=synthetic)
        f["faithful"] = {"changed": changed, "words": total, "codes_damaged": f["codes_lost"]}
    return result


def found_encoding(document: dict[str, Any]) -> str:
    """The legacy encoding sohoa's JSON records: the input's (TXT, DOCX) or the legacy fonts'
    of its pages (PDF)."""
    ingest = (document.get("provenance") or {}).get("ingest") or {}
    if ingest.get("encoding"):
        return str(ingest["encoding"])
    fonts = set()
    for page in document.get("pages") or []:
        fonts |= set(((page.get("provenance") or {}).get("legacy_fonts") or {}).values())
    return ",".join(sorted(fonts)) or "—"


def faithfulness_txt(cases: list[Case], outdir: Path) -> dict[str, Any]:
    """Every synthetic truth as a TXT file through ``convert`` (restore on): what changed."""
    folder = outdir / "faithful-in"
    folder.mkdir(parents=True, exist_ok=True)
    # the old digital files are measured as they are (their own legacy encoding) in measure()
    synthetic = [c for c in cases if not c.kind.startswith("real-") and not c.encoding]
    for case in synthetic:
        (folder / f"{case.id}.txt").write_text(case.full_text + "\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(folder), "-o",
         str(outdir / "faithful-out"), "--formats", "txt", "-j", "1", "--force", "-q"],
        capture_output=True, text=True, env=ENV, timeout=3600,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    changed = words = damaged = codes = 0
    per_doc = {}
    for case in synthetic:
        path = outdir / "faithful-out" / f"{case.id}.txt"
        output = path.read_text(encoding="utf-8") if path.exists() else ""
        c, w = score.words_changed(case.full_text, output)
        d = score.codes_damaged(case.full_text, output, case.codes)
        per_doc[case.id] = (c, w, d)
        changed, words, damaged = changed + c, words + w, damaged + d
        codes += len(case.codes)
    return {"changed": changed, "words": words, "codes_damaged": damaged, "codes": codes,
            "seconds": seconds, "per_doc": per_doc}  # fmt: skip


# --- the run ------------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    versions = peers.tool_versions()
    cases = chosen_cases(args)
    print(f"{len(cases)} documents rendered in {time.perf_counter() - started:.0f} s; "
          f"load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    raw = corpus_build.CACHE / f"results-{'quick' if args.quick else 'full'}.json"
    saved: dict[str, Any] = {"documents": {}, "faithful": None}
    if args.retry_failed and raw.exists():
        saved = json.loads(raw.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="sohoa-corpus-") as folder:
        outdir = Path(folder)
        results = [measured_or_saved(case, saved, args, outdir, versions) for case in cases]
        faithful = saved["faithful"] or faithfulness_txt(cases, outdir)
    elapsed = time.perf_counter() - started
    text = report.report(results, faithful, args, elapsed, versions)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    figures = {r.case.id: {"kind": r.case.kind, "type": r.case.type, **r.figures} for r in results}
    raw.write_text(json.dumps({"documents": figures, "faithful": faithful}, default=str))
    print()
    print(report.markdown([report.summary_row(k, g) for k, g in report.by_kind(results).items()],
                          report.HEAD))  # fmt: skip
    print(
        "furthest behind a peer: "
        + "; ".join(
            f"{kind} {100 * gap:+.1f} pts vs {peer}"
            for gap, kind, peer in report.behind(results)[:3]
        )
    )
    print(f"report: {args.output}")
    print(report.last_line(results, faithful, elapsed))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one document of every kind")
    parser.add_argument("--seed", type=int, default=corpus_build.DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=corpus_build.COUNT)
    parser.add_argument("--only", default="", help="comma-separated kinds or document ids")
    parser.add_argument("--no-real", action="store_true", help="leave out real-dev")
    parser.add_argument("--retry-failed", action="store_true", help="reuse the last run's "
                        "figures (bench/.cache/corpus/results-*.json) and measure again only "
                        "the documents where a tool failed")  # fmt: skip
    parser.add_argument("--redo", default="", help="with --retry-failed: kinds or ids to "
                        "measure again as well")  # fmt: skip
    parser.add_argument("--output", type=Path, help="the Markdown report (default: "
                        "bench/results/corpus.md, corpus-quick.md with --quick)")  # fmt: skip
    args = parser.parse_args()
    if args.output is None:
        args.output = RESULTS.with_name("corpus-quick.md") if args.quick else RESULTS
    return args


def chosen_cases(args: argparse.Namespace) -> list[Case]:
    """The synthetic documents (all, or the quick set), the real ones unless --no-real, then
    those --only names."""
    cases = cases_of.synthetic_cases(args.seed, args.count, args.quick)
    if not args.no_real:
        cases += cases_of.real_cases()
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c.kind in wanted or c.id in wanted]
    return cases


def measured_or_saved(
    case: Case, saved: dict[str, Any], args: argparse.Namespace, outdir: Path,
    versions: dict[str, str],
) -> Result:  # fmt: skip
    """The case's figures from the last run (--retry-failed: where no tool failed and --redo
    does not name it), else measured now (and printed on one line)."""
    before = saved["documents"].get(case.id)
    redo = case.kind in args.redo.split(",") or case.id in args.redo.split(",")
    failed = not before or before.get("error") or before.get("ocrmypdf_error")
    if not failed and not redo:
        return Result(case, {k: v for k, v in before.items() if k not in ("kind", "type")})
    result = measure(case, outdir, versions)
    row = report.summary_row(case.id, [result])
    print(f"{case.id:<34} {case.kind:<15} {case.type:<11} WER {row[3]:>6} "
          f"(tess {row[4]:>6}, ocrmypdf {row[5]:>6})  meta {row[9]:>5}  "
          f"header+signature {row[10]:>3}  "
          f"cells {row[11]:>6} (img2table {row[12]:>6})  codes lost {row[14]:>5}  "
          f"{row[15]} s/p  tables invented {row[18]}  "
          f"{result.figures['error'][:80]}", flush=True)  # fmt: skip
    shutil.rmtree(outdir / case.id, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
