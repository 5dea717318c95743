"""Benchmark the diacritic restorer on the seeds (honest leave-one-out).

    /work/venv/bin/python bench/restore.py [--sources-table] [--scans]

Restores the body of seed 000 (old English-model OCR, cut before its "Phụ lục"
appendices) with a model built WITHOUT seed 002, and scores it against 002's body:
WER, WER ignoring diacritics, CER, edit precision (share of changed words that became
correct) and tokens/s on one core after the model is loaded. Both sides are put in the
same tone-placement convention before scoring (hoá and hóa are the same word).

000 is the TEST set: the restorer's settings (channel weight, beam, adaptation, free-edit
cost, candidates kept, reading cost, change threshold) are chosen on a separate validation
set by bench/restore_tune.py (simulated eng OCR of 001/004/VLSP/LibreOffice-help pages, each
scored with a model built without its own text), never by watching this script's figures.

--sources-table  also rebuilds the model adding one source at a time and reports 000 WER
--calibration    only prints the reliability table of edit confidences on the validation
                 folds (bench/restore_tune.py: never 000 or 002), decoder's and calibrated;
                 the legacy engine's first when its pages are there (make channel-engines)
--channel-files  the bench model's channel pair files (default: the shipped eng, vie and
                 eng-legacy)
--scans          also restores Tesseract `vie` OCR (preprocessed, as the pipeline runs it)
                 of the OCR benchmark's degraded scans of 002 (bench/ocr.py's scans, cached)
The last line prints the key figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import metrics  # noqa: E402
from restore_calibration import reliability_table  # noqa: E402
from restore_sources import (  # noqa: E402
    BENCH_SOURCES,
    SEEDS,
    TRIED_SOURCES,
    domain_of,
    edit_precision,
    same_convention,
    words,
)

import run_pipeline  # noqa: E402,F401  (makes this checkout importable as `sohoa`)
from sohoa.corpus.build import build_model  # noqa: E402
from sohoa.corpus.model import save_model  # noqa: E402
from sohoa.normalize.restore import load_model, restore_text  # noqa: E402
from sohoa.normalize.unicode import strip_marks  # noqa: E402

OCR_OLD = SEEDS / "000_2ace24eb85770306.txt"
ANSWER = SEEDS / "002_16be85fa44299f16.txt"
# The bench model's channel pair files (its sources: restore_sources.BENCH_SOURCES).
CHANNELS = [
    ROOT / "corpus" / "data" / "channel-eng.tsv",
    ROOT / "corpus" / "data" / "channel-vie.tsv",
    ROOT / "corpus" / "data" / "channel-eng-legacy.tsv",
]
CACHE = ROOT / "bench" / ".cache" / "restore"
_CAPTION = regex.compile(r"^\s*Phu luc\s+[IVXl1|]+\s*\)?\s*$")
# Lines an appendix's title block may have above its caption: blank, "(Kèm theo", ALL CAPS.
_APPENDIX_TITLE = regex.compile(r"^\s*$|^\s*\(Kem theo|^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$")


def body(text: str) -> str:
    """The text before the first appendix: its caption line ("Phụ lục I") and its title.

    An OCR may read the appendix's title block (an ALL-CAPS title, "(Kèm theo ...)")
    before its caption, as 000 does where 002 has the caption first: those lines are
    the appendix's too, else the 000 body would hold 16 words the 002 body lacks.
    """
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if _CAPTION.match(strip_marks(line)):
            while number and _APPENDIX_TITLE.match(strip_marks(lines[number - 1])):
                number -= 1
            return "\n".join(lines[:number])
    return text


def score(raw: str, restored: str, reference: str) -> dict[str, float]:
    reference, restored, raw = map(same_convention, (reference, restored, raw))
    figures = metrics.score(reference, restored)
    return {
        "raw_wer": metrics.wer(reference, raw),
        "wer": figures["wer"],
        "wer_nodiac": figures["wer_nodiac"],
        "cer": figures["cer"],
        "edit_precision": edit_precision(words(raw), words(restored), words(reference)),
    }


def build_bench_model(sources: list[Path], path: Path, channels: list[Path] = CHANNELS) -> float:
    started = time.perf_counter()
    model = build_model(sources, channel_files=channels, domain=domain_of(sources))
    save_model(model, path)
    return time.perf_counter() - started


def restore_and_score(model_path: Path, raw: str, reference: str) -> dict[str, float]:
    """Restore ``raw`` with a freshly loaded model (cold caches) and score it.

    The restore is timed in a fresh process (``time_restore``): "cold" is the first
    restore after a model load in a process that has done nothing else, as when the
    ``restore`` command runs; this one has just built the model (~0.5 GB of it freed).
    """
    run = subprocess.run(
        [sys.executable, __file__, "--time", str(model_path)],
        input=raw.encode("utf-8"),  # bytes: no newline or locale translation
        capture_output=True,
        check=True,
    )
    timed = json.loads(run.stdout)
    restored = timed.pop("restored")
    figures = score(raw, restored, reference)
    figures.update(timed, restored=restored)
    return figures


def time_restore(model_path: Path, raw: str) -> dict[str, float | str]:
    """Load the model and restore ``raw`` twice, timed (what ``--time`` prints as JSON).

    Speeds use CPU time of this single-threaded process (``time.process_time``): the
    machine is shared, and "tokens/s on one core" is what CPU time measures; wall-clock
    figures are printed too. ``tokens_per_s_warm`` is a second run on the same restorer
    (candidate and LM caches filled), as a long batch run would see.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    restorer = load_model(model_path)
    load_s, load_wall_s = time.process_time() - cpu, time.perf_counter() - wall
    wall, cpu = time.perf_counter(), time.process_time()
    restored, edits = restore_text(raw, restorer)
    seconds, wall_seconds = time.process_time() - cpu, time.perf_counter() - wall
    cpu = time.process_time()
    restore_text(raw, restorer)
    warm_seconds = time.process_time() - cpu
    tokens = len(words(raw))
    return {
        "load_s": load_s,
        "load_wall_s": load_wall_s,
        "tokens_per_s": tokens / seconds,
        "tokens_per_s_wall": tokens / wall_seconds,
        "tokens_per_s_warm": tokens / warm_seconds,
        "edits": len(edits),
        "restored": restored,
    }


def scan_texts(level: str, dpi: int) -> tuple[str, str]:
    """(reference, Tesseract vie text) of the OCR benchmark's scan of 002, cached."""
    from ocr import PREPROCESSED, build_scan, ocr_scan

    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"002-{level}-{dpi}-vie.txt"
    scan = build_scan(level, dpi)
    if not cached.exists():
        text, _ = ocr_scan(scan, PREPROCESSED)
        cached.write_text(text, encoding="utf-8")
    return scan.text, cached.read_text(encoding="utf-8")


def main() -> None:
    args = arguments()
    if args.time:  # the fresh process timing a restore of stdin: JSON on stdout
        print(json.dumps(time_restore(args.time, sys.stdin.buffer.read().decode("utf-8"))))
        return
    if args.calibration:  # validation folds only: 000 plays no part
        print_calibration(args.pages or ROOT / "corpus" / "data")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    raw = body(OCR_OLD.read_text(encoding="utf-8"))
    reference = body(ANSWER.read_text(encoding="utf-8"))
    print(f"machine load {os.getloadavg()[0]:.1f} (2 cores shared; timings are noisy)")
    if args.sources_table:
        print_sources_table(args.out, raw, reference)

    model_path = args.out / "bench-model.pkl"
    sources = [p for _, paths in BENCH_SOURCES for p in paths]
    build_s = build_bench_model(sources, model_path, args.channel_files)
    figures = restore_and_score(model_path, raw, reference)
    (args.out / "000-body-restored.txt").write_text(figures.pop("restored"), encoding="utf-8")
    print(f"model built without 002 in {build_s:.1f} s; load {figures['load_s']:.2f} s")
    for name, value in figures.items():
        print(f"  {name}: {value:.4f}" if isinstance(value, float) else f"  {name}: {value}")
    scan_summary = scan_figures(model_path) if args.scans else ""
    print(
        f"000 body: raw WER {figures['raw_wer']:.1%} -> WER {figures['wer']:.2%}, "
        f"no-diacritics WER {figures['wer_nodiac']:.2%}, CER {figures['cer']:.2%}, "
        f"edit precision {figures['edit_precision']:.2%}, "
        f"{figures['tokens_per_s']:,.0f} tokens/s cold ({figures['tokens_per_s_warm']:,.0f} warm) "
        f"CPU on one core, load {figures['load_s']:.2f} s CPU" + scan_summary
    )


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources-table", action="store_true")
    parser.add_argument("--scans", action="store_true")
    parser.add_argument("--calibration", action="store_true")
    parser.add_argument(
        "--pages", type=Path, help="with --calibration: the folder of the channel pages files"
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/sohoa-bench-restore"))
    parser.add_argument(
        "--channel-files",
        type=Path,
        nargs="+",
        default=CHANNELS,
        help="the channel pair files of the bench model (default: the shipped ones)",
    )
    parser.add_argument("--time", type=Path, help=argparse.SUPPRESS)  # restore_and_score's
    return parser.parse_args()


def print_calibration(data: Path) -> None:
    """The reliability tables of the validation folds whose pages are in ``data``: the
    legacy engine's first when its pages are there (make channel-engines), eng's last."""
    legacy = (data / "channel-eng-legacy-pages.jsonl").exists()
    channels = ("eng", "vie", "eng-legacy") if legacy else ("eng", "vie")
    for ocr in ("eng-legacy", "eng") if legacy else ("eng",):  # the eng table last
        print("\n".join(reliability_table(ocr, data, channels)), flush=True)


def print_sources_table(out: Path, raw: str, reference: str) -> None:
    """Rebuild the model adding one source at a time; print 000's WER after each."""
    print("source added (model without 002, learned channel) -> 000 body WER / no-diacritics")
    used: list[Path] = []
    rows = [(name, paths, CHANNELS) for name, paths in BENCH_SOURCES]
    rows += [(f"(tried) {name}", paths, CHANNELS) for name, paths in TRIED_SOURCES]
    rows.append(("(tried) all, hand-written channel", [], []))
    for name, paths, channels in rows:
        model_path = out / "table-model.pkl"
        sources = used + paths
        build_bench_model(sources, model_path, channels)
        if not name.startswith("(tried)"):
            used = sources
        figures = restore_and_score(model_path, raw, reference)
        print(
            f"  + {name:32s} WER {figures['wer']:.2%}  no-diacritics {figures['wer_nodiac']:.2%}",
            flush=True,
        )


def scan_figures(model_path: Path) -> str:
    """Restore Tesseract vie OCR of the OCR benchmark's scans of 002; print each one's
    figures and return the summary for the last line."""
    restorer = load_model(model_path)
    parts = []
    for level, dpi in [("heavy", 200), ("heavy", 300), ("light", 300)]:
        scan_reference, ocr_text = scan_texts(level, dpi)
        restored, edits = restore_text(ocr_text, restorer)
        raw_s = metrics.score(*map(same_convention, (scan_reference, ocr_text)))
        new_s = metrics.score(*map(same_convention, (scan_reference, restored)))
        precision = edit_precision(words(ocr_text), words(restored), words(scan_reference))
        print(
            f"  002 scan {level} {dpi} dpi, Tesseract vie: WER {raw_s['wer']:.2%} -> "
            f"{new_s['wer']:.2%} (CER {raw_s['cer']:.2%} -> {new_s['cer']:.2%}), "
            f"{len(edits)} edits, edit precision "
            + (f"{precision:.1%}" if precision == precision else "n/a (no word changed)"),
            flush=True,
        )
        parts.append(f"{level}{dpi} {raw_s['wer']:.2%}->{new_s['wer']:.2%}")
    return "; vie scans WER " + ", ".join(parts)


if __name__ == "__main__":
    main()
