"""Benchmark the diacritic restorer on the seeds (honest leave-one-out).

    /work/venv/bin/python bench/restore.py [--sources-table] [--scans]

Restores the body of seed 000 (old English-model OCR, cut before its "Phụ lục"
appendices) with a model built WITHOUT seed 002, and scores it against 002's body:
WER, WER ignoring diacritics, CER, edit precision (share of changed words that became
correct) and tokens/s on one core after the model is loaded. Both sides are put in the
same tone-placement convention before scoring (hoá and hóa are the same word).

--sources-table  also rebuilds the model adding one source at a time and reports 000 WER
--scans          also restores Tesseract `vie` OCR of degraded renders of clean texts
                 (needs tests/scans.py from the OCR workstream)
The last line prints the key figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import run_pipeline  # noqa: E402,F401  (makes this checkout importable as `sohoa`)
from sohoa.corpus.build import build_model  # noqa: E402
from sohoa.corpus.model import save_model  # noqa: E402
from sohoa.normalize.restore import load_model, restore_text  # noqa: E402
from sohoa.normalize.unicode import normalize_syllable, strip_marks  # noqa: E402

SEEDS = ROOT / "corpus" / "seeds"
SOURCES = ROOT / "corpus" / "sources"
OCR_OLD = SEEDS / "000_2ace24eb85770306.txt"
ANSWER = SEEDS / "002_16be85fa44299f16.txt"
# The bench model: every shipped source except seed 002, in the order of the table.
BENCH_SOURCES = [
    ("seeds 001+004", [SEEDS / "001_b2bd4cc6c0423af8.txt", SEEDS / "004_270c43c183b8e566.txt"]),
    ("hunspell-vi syllables", [SOURCES / "hunspell-vi.txt"]),
    ("Viet74K word list", [SOURCES / "viet74k-underthesea.txt"]),
    ("VLSP-2013 sentences", [SOURCES / "vlsp2013-underthesea.txt"]),
    ("LibreOffice help (vi)", [SOURCES / "libreoffice-help-vi.txt"]),
]
_CAPTION = regex.compile(r"^\s*Phu luc\s+[IVXl1|]+\s*\)?\s*$")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[./,-][\p{L}\p{N}]+)*")


def body(text: str) -> str:
    """The text before the first appendix caption line ("Phụ lục I")."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if _CAPTION.match(strip_marks(line)):
            return "\n".join(lines[:number])
    return text


def words(text: str) -> list[str]:
    return [normalize_syllable(w) for w in _WORD.findall(text)]


def wer(hypothesis: list[str], reference: list[str]) -> float:
    return Levenshtein.distance(hypothesis, reference) / max(len(reference), 1)


def cer(hypothesis: list[str], reference: list[str]) -> float:
    ref = " ".join(reference)
    return Levenshtein.distance(" ".join(hypothesis), ref) / max(len(ref), 1)


def edit_precision(original: list[str], restored: list[str], reference: list[str]) -> float:
    """Share of the words the restorer changed that now match the reference."""
    correct = set()
    for tag, i1, i2, _j1, _j2 in Levenshtein.opcodes(restored, reference):
        if tag == "equal":
            correct.update(range(i1, i2))
    changed: list[int] = []
    for tag, _i1, _i2, j1, j2 in Levenshtein.opcodes(original, restored):
        if tag != "equal":
            changed.extend(range(j1, j2))
    return sum(i in correct for i in changed) / max(len(changed), 1)


def score(raw: str, restored: str, reference: str) -> dict[str, float]:
    o, h, r = words(raw), words(restored), words(reference)
    return {
        "raw_wer": wer(o, r),
        "wer": wer(h, r),
        "wer_nodiac": wer([strip_marks(w) for w in h], [strip_marks(w) for w in r]),
        "cer": cer(h, r),
        "edit_precision": edit_precision(o, h, r),
    }


def build_bench_model(sources: list[Path], path: Path) -> float:
    started = time.perf_counter()
    model = build_model(sources)
    save_model(model, path)
    return time.perf_counter() - started


def restore_and_score(model_path: Path, raw: str, reference: str) -> dict[str, float]:
    started = time.perf_counter()
    restorer = load_model(model_path)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    restored, edits = restore_text(raw, restorer)
    seconds = time.perf_counter() - started
    figures = score(raw, restored, reference)
    figures.update(
        load_s=load_s, tokens_per_s=len(words(raw)) / seconds, edits=len(edits), restored=restored
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources-table", action="store_true")
    parser.add_argument("--scans", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("/tmp/sohoa-bench-restore"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    raw = body(OCR_OLD.read_text(encoding="utf-8"))
    reference = body(ANSWER.read_text(encoding="utf-8"))

    if args.sources_table:
        print("source added -> 000 body WER / WER ignoring diacritics")
        used: list[Path] = []
        for name, paths in BENCH_SOURCES:
            used += paths
            model_path = args.out / "table-model.pkl"
            build_bench_model(used, model_path)
            figures = restore_and_score(model_path, raw, reference)
            print(
                f"  + {name:24s} WER {figures['wer']:.2%}  "
                f"no-diacritics {figures['wer_nodiac']:.2%}"
            )

    model_path = args.out / "bench-model.pkl"
    build_s = build_bench_model([p for _, paths in BENCH_SOURCES for p in paths], model_path)
    figures = restore_and_score(model_path, raw, reference)
    (args.out / "000-body-restored.txt").write_text(figures.pop("restored"), encoding="utf-8")
    print(f"model built without 002 in {build_s:.1f} s; load {figures['load_s']:.2f} s")
    for name, value in figures.items():
        print(f"  {name}: {value:.4f}" if isinstance(value, float) else f"  {name}: {value}")
    print(
        f"000 body: raw WER {figures['raw_wer']:.1%} -> WER {figures['wer']:.2%}, "
        f"no-diacritics WER {figures['wer_nodiac']:.2%}, CER {figures['cer']:.2%}, "
        f"edit precision {figures['edit_precision']:.1%}, "
        f"{figures['tokens_per_s']:,.0f} tokens/s, load {figures['load_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
