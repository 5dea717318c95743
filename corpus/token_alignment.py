"""Tokens of an OCR text aligned to those of its clean text (``align``): the pairs the channel
data counts (corpus/channel_pairs.py), with the WER measures of its report.

Runs of equal tokens (case and marks ignored) anchor the alignment; the stretches between
are aligned by dynamic programming with substitutions, splits (OCR broke one word in two),
merges (OCR glued two together), insertions and deletions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from sohoa.normalize.unicode import strip_marks

# ---------------------------------------------------------------- tokens


_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def tokenize(text: str) -> list[str]:
    """Whitespace tokens, NFC, with punctuation stripped from both ends (kept inside: 38-CT/TW)."""
    tokens = (_EDGE_PUNCTUATION.sub("", t) for t in unicodedata.normalize("NFC", text).split())
    return [t for t in tokens if t]


def fold(token: str) -> str:
    """Lower case without any Vietnamese marks (đ -> d): what survives the English model."""
    return strip_marks(token.lower())


def wer(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    return Levenshtein.distance(list(reference), list(hypothesis)) / max(1, len(reference))


def wer_ignoring_diacritics(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    return wer([fold(t) for t in reference], [fold(t) for t in hypothesis])


# ---------------------------------------------------------------- alignment


@dataclass(frozen=True)
class Pair:
    """One aligned unit: 1:1 (substitution or identity), 2:1 (split) or 1:2 (merge)."""

    ocr: tuple[str, ...]
    clean: tuple[str, ...]

    @property
    def kind(self) -> str:
        if len(self.ocr) == len(self.clean) == 1:
            return "same" if self.ocr == self.clean else "substitution"
        return "split" if len(self.ocr) > len(self.clean) else "merge"


@dataclass
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)  # OCR tokens with no clean counterpart
    deleted: list[str] = field(default_factory=list)  # clean tokens the OCR lost


MIN_ANCHOR = 2  # tokens; a lone folded match amid garbage (a stray "và") is no anchor
GAP_COST = 0.5  # an unmatched token; a substitution costs its normalised folded distance
MAX_SUB_DISTANCE = 0.5  # between anchors, farther substitutions are not trusted as pairs
JOIN_COST = 0.15  # extra cost of a split or merge over the distance of the joined forms
MAX_JOIN_DISTANCE = 0.34  # splits/merges must be this close once joined ...
JOIN_GAIN = 0.2  # ... and this much closer than either part alone (no stray-word joins)
MAX_BLOCK = 400  # tokens; larger unmatched stretches (lost lines) are left unaligned


def _distance(ocr: str, clean: str) -> float:
    return Levenshtein.normalized_distance(fold(ocr), fold(clean))


def _join_distance(first: str, second: str, other: str) -> float | None:
    """Distance of ``first + second`` to ``other`` if joining them is what makes them match."""
    joined = _distance(first + second, other)
    alone = min(_distance(first, other), _distance(second, other))
    if joined <= MAX_JOIN_DISTANCE and joined <= alone - JOIN_GAIN:
        return joined
    return None


def align(ocr: Sequence[str], clean: Sequence[str]) -> Alignment:
    """Align OCR tokens to clean tokens.

    Runs of at least MIN_ANCHOR tokens equal once folded (case and marks ignored) are
    anchors. A single token between anchors on both sides is paired whatever it looks like
    (that is how "6" -> "ở" is learnt); longer stretches are aligned by dynamic programming
    with substitutions, splits, merges, insertions and deletions, costed by the character
    distance of the folded forms, and only close pairs are kept: in scrambled regions (tables
    read in another order, lost lines) unrelated words would otherwise be paired.
    """
    result = Alignment()
    folded_ocr = [fold(t) for t in ocr]
    folded_clean = [fold(t) for t in clean]
    # Stretches between anchors (replace + insert + delete runs) go to the DP as one block.
    i = j = 0
    blocks = Levenshtein.opcodes(folded_ocr, folded_clean).as_matching_blocks()
    for block in blocks:
        if 0 < block.size < MIN_ANCHOR:
            continue
        _align_block(list(ocr[i : block.a]), list(clean[j : block.b]), result)
        for k in range(block.size):
            result.pairs.append(Pair((ocr[block.a + k],), (clean[block.b + k],)))
        i, j = block.a + block.size, block.b + block.size
    return result


def _align_block(ocr: list[str], clean: list[str], result: Alignment) -> None:
    n, m = len(ocr), len(clean)
    if not n or not m or n > MAX_BLOCK or m > MAX_BLOCK:
        result.inserted += ocr
        result.deleted += clean
        return
    if n == m == 1:  # sandwiched between anchors: a substitution whatever it looks like
        result.pairs.append(Pair((ocr[0],), (clean[0],)))
        return
    for i, j, di, dj in _cheapest_path(ocr, clean):
        if di == dj == 1 and _distance(ocr[i], clean[j]) > MAX_SUB_DISTANCE:
            result.inserted.append(ocr[i])
            result.deleted.append(clean[j])
        elif di and dj:
            result.pairs.append(Pair(tuple(ocr[i : i + di]), tuple(clean[j : j + dj])))
        elif di:
            result.inserted.append(ocr[i])
        else:
            result.deleted.append(clean[j])


def _cheapest_path(ocr: list[str], clean: list[str]) -> list[tuple[int, int, int, int]]:
    """The cheapest alignment of the block by dynamic programming, in reading order: steps
    (i, j, tokens of OCR taken, tokens of clean taken)."""
    n, m = len(ocr), len(clean)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for di, dj, step in _steps(ocr, clean, i, j):
                a, b = i + di, j + dj
                if a <= n and b <= m and here + step < cost[a][b]:
                    cost[a][b] = here + step
                    back[a][b] = (di, dj)
    i, j, path = n, m, []
    while i or j:
        di, dj = back[i][j]
        path.append((i - di, j - dj, di, dj))
        i, j = i - di, j - dj
    return path[::-1]


def _steps(ocr: list[str], clean: list[str], i: int, j: int) -> list[tuple[int, int, float]]:
    """The moves from (i, j) with their costs: a gap on either side, a substitution, a split
    (two OCR tokens for one clean) or a merge (one for two), where they apply."""
    n, m = len(ocr), len(clean)
    steps: list[tuple[int, int, float]] = [(1, 0, GAP_COST), (0, 1, GAP_COST)]
    if i < n and j < m:
        steps.append((1, 1, _distance(ocr[i], clean[j])))
    if i + 1 < n and j < m:
        joined = _join_distance(ocr[i], ocr[i + 1], clean[j])
        if joined is not None:
            steps.append((2, 1, joined + JOIN_COST))
    if i < n and j + 1 < m:
        joined = _join_distance(clean[j], clean[j + 1], ocr[i])
        if joined is not None:
            steps.append((1, 2, joined + JOIN_COST))
    return steps
