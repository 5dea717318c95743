"""The shipped language model with a reviewed text's n-grams raised (``raised_lm``), for
corpus/learn.py's ``stack_user_model``.

An n-gram the reviewed text holds gets (c(h w) + K · P_shipped(w | h)) / (c(h) + K), the shipped
LM as a Dirichlet prior worth K = ``PRIOR_WORDS`` words, where that is higher than the shipped
probability; every other n-gram stays as shipped. Unigrams stay as shipped (they are every
context's backoff), but for units the shipped LM never saw: c / (N + ``UNIGRAM_PRIOR_WORDS``).
The result is in the shipped model's packed form (``lm_codes``: units, then key and log
probability arrays, keys in base ``RADIX``), new n-grams appended after the shipped ones.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sohoa.corpus.build import BOS
from sohoa.corpus.coded_lm import RADIX, SEP, decode_lm
from sohoa.corpus.model import RestorerModel

# The shipped LM's weight, in words, against the reviewed text's counts (Dirichlet prior):
# an n-gram the reviewers' text holds once in a context seen 5 times rises from P to
# (1 + 20 P) / 25, about 0.04 + 0.8 P; set once, before the learning benchmark was run.
PRIOR_WORDS = 20.0
# Unigrams are the LM's backoff for every context: the reviewed text's own frequencies
# there would raise its words everywhere (a place name after any word). Known units keep
# the shipped unigram; a unit the shipped LM lacks gets c / (N + this), N the reviewed words.
UNIGRAM_PRIOR_WORDS = 1000.0

Gram = tuple[str, ...]


@dataclass
class ReviewedCounts:
    """The reviewed text's n-grams of each order (1, 2, 3) and their contexts' counts."""

    grams: list[Counter[Gram]] = field(default_factory=lambda: [Counter(), Counter(), Counter()])
    contexts: list[Counter[Gram]] = field(default_factory=lambda: [Counter(), Counter(), Counter()])

    @classmethod
    def of(cls, ngrams: dict[str, int]) -> ReviewedCounts:
        """From the user model's "t␟u␟w" trigram counts (BOS-padded)."""
        counts = cls()
        for key, n in ngrams.items():
            t, u, w = key.split(SEP)
            for order, gram in enumerate(((w,), (u, w), (t, u, w))):
                counts.grams[order][gram] += n
                counts.contexts[order][gram[:-1]] += n
        return counts


class Units:
    """The shipped LM's units in their order, with new ones numbered after them."""

    def __init__(self, shipped: list[str]) -> None:
        self.shipped = len(shipped)
        self.units = list(shipped)
        self.ids = {unit: i for i, unit in enumerate(self.units)}

    def id(self, unit: str) -> int:
        if unit not in self.ids:
            self.ids[unit] = len(self.units)
            self.units.append(unit)
        return self.ids[unit]

    def key(self, gram: Gram) -> int:
        """An n-gram's packed key: its units' ids as digits in base RADIX."""
        key = 0
        for unit in gram:
            key = key * RADIX + self.id(unit)
        return key

    def new(self) -> list[str]:
        return self.units[self.shipped :]


def raised_lm(
    model: RestorerModel, ngrams: dict[str, int]
) -> tuple[dict[str, tuple[float, float]], dict[str, object]]:
    """The unigrams and the n-gram arrays with the reviewed text's n-grams raised."""
    coded = model.coded()
    shipped_units, bigram_keys, bigram_lp, bigram_bow, trigram_keys, trigram_lp = decode_lm(
        model.lm_codes
    )
    units = Units(shipped_units)
    counts = ReviewedCounts.of(ngrams)
    unigrams = _unigrams(model, counts, units)
    bigram_lp, bigram_bow, trigram_lp = bigram_lp.copy(), bigram_bow.copy(), trigram_lp.copy()
    bigram_at = {k: i for i, k in enumerate(bigram_keys.tolist())}
    trigram_at = {k: i for i, k in enumerate(trigram_keys.tolist())}
    new_bigrams = _raise(model, coded, counts, units, 1, bigram_lp, bigram_at)
    new_trigrams = _raise(model, coded, counts, units, 2, trigram_lp, trigram_at)
    # Every trigram's last two units must be a bigram (Kneser-Ney's shape, CodedLM.fill)
    for key in new_trigrams:
        suffix = key % (RADIX * RADIX)
        if suffix not in bigram_at and suffix not in new_bigrams:
            u, w = units.units[suffix // RADIX], units.units[suffix % RADIX]
            new_bigrams[suffix] = _shipped_bigram_lp(coded, model, (u, w))
    for unit in units.new():
        unigrams.setdefault(unit, (model.unknown_logprob, 0.0))
    lm_codes = {
        "units": units.units,
        "bigram_keys": _appended(bigram_keys, list(new_bigrams), "<i8", np.int64),
        "bigram_lp": _appended(bigram_lp, list(new_bigrams.values()), "<f8"),
        "bigram_bow": _appended(bigram_bow, [0.0] * len(new_bigrams), "<f8"),
        "trigram_keys": _appended(trigram_keys, list(new_trigrams), "<i8", np.int64),
        "trigram_lp": _appended(trigram_lp, list(new_trigrams.values()), "<f8"),
    }
    return unigrams, lm_codes


def _unigrams(
    model: RestorerModel, counts: ReviewedCounts, units: Units
) -> dict[str, tuple[float, float]]:
    """The shipped unigrams, and one for each unit of the reviewed text the shipped LM lacks."""
    unigrams = dict(model.unigrams)
    for (w,), n in counts.grams[0].items():
        if w not in model.unigrams and w != BOS:
            units.id(w)
            total = counts.contexts[0][()] + UNIGRAM_PRIOR_WORDS
            unigrams[w] = (max(math.log(n / total), model.unknown_logprob), 0.0)
    return unigrams


def _raise(
    model: RestorerModel,
    coded: Any,
    counts: ReviewedCounts,
    units: Units,
    order: int,
    table: np.ndarray,
    at: dict[int, int],
) -> dict[int, float]:
    """Raise the reviewed n-grams of ``order`` (1: bigrams, 2: trigrams) in ``table`` (shipped
    ones, found by key through ``at``); return the new ones, key -> log probability."""
    new: dict[int, float] = {}
    for gram in counts.grams[order]:
        lp = _raised_lp(model, coded, counts, order, gram)
        if lp is None:
            continue
        key = units.key(gram)
        if key in at:
            table[at[key]] = lp
        else:
            new[key] = lp
    return new


def _raised_lp(
    model: RestorerModel, coded: Any, counts: ReviewedCounts, order: int, gram: Gram
) -> float | None:
    """The n-gram's log probability with the reviewed counts, if higher than the shipped."""
    if gram[-1] == BOS:
        return None
    base = _shipped_lp(coded, model, gram)
    n, total = counts.grams[order][gram], counts.contexts[order][gram[:-1]]
    lp = math.log((n + PRIOR_WORDS * math.exp(base)) / (total + PRIOR_WORDS))
    return lp if lp > base else None


def _shipped_lp(coded: Any, model: RestorerModel, gram: Gram) -> float:
    """log P(w | h) as the shipped LM gives it."""
    if len(gram) == 1:
        w = coded.ids.get(gram[0])
        return coded.unigram_lp[w] if w is not None else model.unknown_logprob
    known = [coded.ids.get(unit) for unit in gram]
    if len(gram) == 2 or None in known:
        return _shipped_bigram_lp(coded, model, gram[-2:])
    t, u, w = known
    return coded.fill(coded.row(t, u), w)  # type: ignore[arg-type]


def _shipped_bigram_lp(coded: Any, model: RestorerModel, gram: Gram) -> float:
    """log P(w | u) as the shipped LM gives it (its bigram, else u's backoff + P(w))."""
    u, w = (coded.ids.get(unit) for unit in gram)
    if w is None:
        return model.unknown_logprob
    if u is None:
        return coded.unigram_lp[w]
    found = coded.bigram.get(u * RADIX + w)
    return found[0] if found else coded.unigram_bow[u] + coded.unigram_lp[w]


def _appended(shipped: np.ndarray, new: list, dtype: str, kind: Any = None) -> bytes:
    """The shipped array with the new values after it, packed little-endian."""
    added = np.array(new, dtype=kind) if kind is not None else np.array(new)
    return np.concatenate([shipped, added]).astype(dtype).tobytes()
