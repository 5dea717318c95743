"""Leak check: does a corpus source hold passages of seed 002 (the answer key for 000)?

    /work/venv/bin/python bench/source_overlap.py [SOURCE ...]   # default: corpus/sources/*.txt

A source that happened to contain the Bắc Ninh plan text would teach the LM the test
answers. Every 8-word shingle (lower-cased words, punctuation dropped) that a source shares
with 002 is listed with how many of the source's lines hold it; shared stock phrases ("theo
quy định của pháp luật có liên quan") are expected, a run of shingles from one passage is a
leak. The last line prints the shared shingle count of each source.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
ANSWER = ROOT / "corpus" / "seeds" / "002_16be85fa44299f16.txt"
SOURCES = ROOT / "corpus" / "sources"
SHINGLE = 8


def words(text: str) -> list[str]:
    return regex.findall(r"\w+", text.lower())


def shingles(tokens: list[str], n: int = SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def shared(source: Path, answer: set[tuple[str, ...]]) -> Counter[tuple[str, ...]]:
    """Shingles of ``answer`` found in ``source``, by how many of its lines hold them."""
    found: Counter[tuple[str, ...]] = Counter()
    for line in source.read_text(encoding="utf-8").splitlines():
        found.update(shingles(words(line)) & answer)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=20, help="shingles listed per source")
    args = parser.parse_args()
    sources = args.sources or sorted(SOURCES.glob("*.txt"))
    answer = shingles(words(ANSWER.read_text(encoding="utf-8")))
    totals = {}
    for source in sources:
        found = shared(source, answer)
        totals[source.name] = len(found)
        print(f"{source.name}: {len(found)} shared {SHINGLE}-word shingles", flush=True)
        for shingle, lines in found.most_common(args.show):
            print(f"  {lines:4d}  {' '.join(shingle)}")
    print("shared shingles with 002:", ", ".join(f"{k} {v}" for k, v in totals.items()))


if __name__ == "__main__":
    sys.exit(main())
