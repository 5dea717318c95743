"""Shared scoring for the bench scripts: WER, WER ignoring diacritics, CER.

Tokens are compared after Unicode NFC normalisation, case folding and stripping the
punctuation around each word (``"2030”;"`` -> ``"2030"``), so layout and quote styles do not
count as word errors; punctuation inside a token (``523/QĐ-UBND``, ``1.500``) is kept.

    from metrics import score, wer, cer
    score(reference, hypothesis)  # {"wer": .., "wer_nodiac": .., "cer": .., "words": n}
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import numpy as np
import regex
from rapidfuzz.distance import Levenshtein

_EDGE_PUNCT = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks: ``"Đổi mới"`` -> ``"Doi moi"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def tokens(text: str, *, diacritics: bool = True, fold_case: bool = True) -> list[str]:
    """Normalised words of ``text``; tokens that are only punctuation are dropped."""
    text = unicodedata.normalize("NFC", text)
    if fold_case:
        text = text.casefold()
    if not diacritics:
        text = strip_diacritics(text)
    words = (_EDGE_PUNCT.sub("", word) for word in text.split())
    return [word for word in words if word]


def wer(reference: str, hypothesis: str, *, diacritics: bool = True) -> float:
    """Word error rate: word-level edit distance / number of reference words."""
    ref = tokens(reference, diacritics=diacritics)
    hyp = tokens(hypothesis, diacritics=diacritics)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate over the normalised words joined by single spaces."""
    ref = " ".join(tokens(reference))
    hyp = " ".join(tokens(hypothesis))
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def score(reference: str, hypothesis: str) -> dict[str, float]:
    return {
        "wer": wer(reference, hypothesis),
        "wer_nodiac": wer(reference, hypothesis, diacritics=False),
        "cer": cer(reference, hypothesis),
        "words": float(len(tokens(reference))),
    }


def word_substitutions(reference: str, hypothesis: str) -> Counter[tuple[str, str]]:
    """Which reference word was read as which (substitutions only), most common first."""
    ref, hyp = tokens(reference), tokens(hypothesis)
    pairs: Counter[tuple[str, str]] = Counter()
    for op in Levenshtein.editops(ref, hyp):
        if op.tag == "replace":
            pairs[(ref[op.src_pos], hyp[op.dest_pos])] += 1
    return pairs


def row_similarity(a: list[str], b: list[str]) -> float:
    """Share of ``a``'s cells that ``b`` has equal, in the same column."""
    return sum(x == y for x, y in zip(a, b, strict=False)) / max(1, len(a))


def align_rows(truth: list[list[str]], found: list[list[str]]) -> list[int | None]:
    """For each truth row, the index of the found row aligned to it (global alignment; a pair
    needs 30% of its cells equal)."""
    n, m = len(truth), len(found)
    sim = np.array([[row_similarity(t, f) for f in found] for t in truth]).reshape(n, m)
    score = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            s = sim[i - 1, j - 1]
            match = score[i - 1, j - 1] + (s if s >= 0.3 else -1)
            score[i, j] = max(match, score[i - 1, j], score[i, j - 1])
    pairs: list[int | None] = [None] * n
    i, j = n, m
    while i > 0 and j > 0:
        s = sim[i - 1, j - 1]
        if s >= 0.3 and score[i, j] == score[i - 1, j - 1] + s:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif score[i, j] == score[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs
