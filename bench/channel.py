"""How well the simulated eng channel (corpus/data/channel-eng.tsv) covers the real one.

Measurement only: seed 000 (old eng OCR) is aligned to its answer key 002 with the same
aligner, and we count how many of the real (OCR, clean) token pairs the simulated data
already contains. Nothing here feeds the channel data or the restorer.

    /work/venv/bin/python bench/channel.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.corpus import channel_pairs as cp  # noqa: E402


def body(prefix: str, appendix: str) -> str:
    """A seed up to its first appendix heading (the benchmark's body)."""
    (path,) = (ROOT / "corpus" / "seeds").glob(f"{prefix}_*.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.strip().startswith(appendix))
    return "\n".join(lines[:cut])


def main() -> None:
    simulated = cp.read_tsv(ROOT / "corpus" / "data" / "channel-eng.tsv")
    ocr_tokens = cp.tokenize(body("000", "Phu luc I"))
    clean_tokens = cp.tokenize(body("002", "Phụ lục I"))
    print(
        f"000 body vs 002: {len(clean_tokens)} tokens, WER {cp.wer(clean_tokens, ocr_tokens):.1%}, "
        f"ignoring diacritics {cp.wer_ignoring_diacritics(clean_tokens, ocr_tokens):.1%}"
    )
    alignment = cp.align(ocr_tokens, clean_tokens)
    real = cp.pair_counts([alignment])
    seen_ocr = {ocr for ocr, _ in simulated}
    changed = Counter({pair: n for pair, n in real.items() if pair[0] != pair[1]})

    def share(counts: Counter[tuple[str, str]], test) -> float:
        return sum(n for pair, n in counts.items() if test(pair)) / max(1, sum(counts.values()))

    pair_seen = share(real, lambda p: p in simulated)
    confusion_seen = share(changed, lambda p: p in simulated)
    ocr_seen = share(changed, lambda p: p[0] in seen_ocr)
    kinds = Counter(p.kind for p in alignment.pairs)
    print(f"real 000/002 pairs: {dict(kinds)}; simulated pairs: {sum(simulated.values())}")
    missing = Counter({p: n for p, n in changed.items() if p not in simulated}).most_common(15)
    print(
        "frequent real confusions absent from the simulation: "
        + ", ".join(f"{o}→{c} ({n})" for (o, c), n in missing)
    )
    print(
        f"coverage of the 000 body: pairs {pair_seen:.1%}, confusions {confusion_seen:.1%}, "
        f"confused OCR tokens seen {ocr_seen:.1%}"
    )


if __name__ == "__main__":
    main()
