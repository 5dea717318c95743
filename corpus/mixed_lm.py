"""Two trigram LMs mixed into one (``mixed``): the general LM, of every source, and an
in-domain LM, of the administrative texts alone (the clean seeds, the codes of law).

P(w | h) = (1 - λ) P_general(w | h) + λ P_domain(w | h), λ = the domain weight, stored in
the same backoff form as each of them (a static mixture, as SRILM's ``ngram -mix-lm
-lambda -write-lm`` makes): every n-gram either LM stores gets the mixed probability, each
LM's own backoff giving its share where it lacks the n-gram; a context's backoff weight is
then what makes its probabilities sum to one over the mixed lower order.

Why a second LM and not the in-domain text counted more inside one Kneser-Ney LM: Kneser-Ney's
lower orders count how many different words precede a word, not how often it occurs, so
repeating a text barely moves them (validation folds, session 11: at most 0.07 points of
WER). A separate in-domain LM carries the administrative texts' own frequencies ("hằng
năm", not the software help's "hàng năm") at every order.

The decoder and the model file stay as they are: the mixture is one backoff LM.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sohoa.corpus.coded_lm import SEP

MIN_MASS = 1e-12  # floor of a context's left-over probability (rounding can make it ≤ 0)


@dataclass
class LMTables:
    """A trigram LM in backoff form, as RestorerModel holds it: unit -> (log P, backoff),
    "u␟w" -> (log P(w | u), backoff of "u w"), "t␟u␟w" -> log P(w | t u), natural logs."""

    unigrams: dict[str, tuple[float, float]]
    bigrams: dict[str, tuple[float, float]]
    trigrams: dict[str, float]
    unknown_logprob: float

    def unigram_lp(self, w: str) -> float:
        found = self.unigrams.get(w)
        return found[0] if found else self.unknown_logprob

    def bigram_lp(self, u: str, w: str) -> float:
        """log P(w | u): the stored bigram, else u's backoff + log P(w)."""
        found = self.bigrams.get(u + SEP + w)
        if found is not None:
            return found[0]
        context = self.unigrams.get(u)
        return (context[1] if context else 0.0) + self.unigram_lp(w)

    def trigram_lp(self, t: str, u: str, w: str) -> float:
        """log P(w | t u): the stored trigram, else the backoff of "t u" + log P(w | u)."""
        found = self.trigrams.get(t + SEP + u + SEP + w)
        if found is not None:
            return found
        context = self.bigrams.get(t + SEP + u)
        return (context[1] if context else 0.0) + self.bigram_lp(u, w)


def mixed(general: LMTables, domain: LMTables, weight: float) -> LMTables:
    """``general`` and ``domain`` interpolated, the domain with ``weight`` (λ, 0 to 1).

    The n-grams are those of ``general`` in its order, then those only ``domain`` has, so
    the same two LMs always give the same tables (a reproducible model file).
    """
    a, b = 1.0 - weight, weight
    exp, log = math.exp, math.log
    p1 = {
        w: a * exp(general.unigram_lp(w)) + b * exp(domain.unigram_lp(w))
        for w in _ordered(general.unigrams, domain.unigrams)
    }
    p2: dict[str, float] = {}
    for key in _ordered(general.bigrams, domain.bigrams):
        u, w = key.split(SEP)
        p2[key] = a * exp(general.bigram_lp(u, w)) + b * exp(domain.bigram_lp(u, w))
    unigram_bow = _backoffs(p2, lambda key: p1.get(key[key.index(SEP) + 1 :], 0.0))

    def lower(key: str) -> float:  # P_mixed(w | u) of "t␟u␟w" as the mixed bigrams give it
        uw = key[key.index(SEP) + 1 :]
        found = p2.get(uw)
        if found is not None:
            return found
        u, w = uw.split(SEP)
        return exp(unigram_bow.get(u, 0.0)) * p1.get(w, 0.0)

    p3: dict[str, float] = {}
    for key in _ordered(general.trigrams, domain.trigrams):
        t, u, w = key.split(SEP)
        p3[key] = a * exp(general.trigram_lp(t, u, w)) + b * exp(domain.trigram_lp(t, u, w))
    bigram_bow = _backoffs(p3, lower)
    return LMTables(
        unigrams={w: (log(p), unigram_bow.get(w, 0.0)) for w, p in p1.items()},
        bigrams={key: (log(p), bigram_bow.get(key, 0.0)) for key, p in p2.items()},
        trigrams={key: log(p) for key, p in p3.items()},
        unknown_logprob=log(a * exp(general.unknown_logprob) + b * exp(domain.unknown_logprob)),
    )


def _ordered(first: Mapping[str, object], second: Mapping[str, object]) -> Iterable[str]:
    """The keys of ``first`` in order, then those of ``second`` it lacks."""
    yield from first
    yield from (key for key in second if key not in first)


def _backoffs(probabilities: dict[str, float], lower: Callable[[str], float]) -> dict[str, float]:
    """Each context's log backoff weight: its left-over mass over the lower order's left-over
    mass on the same words, log((1 - Σ P(w | h)) / (1 - Σ P(w | h'))), w over the stored
    n-grams of h (keys "h␟w"; ``lower(key)`` gives P(w | h'))."""
    stored: defaultdict[str, float] = defaultdict(float)
    below: defaultdict[str, float] = defaultdict(float)
    for key, p in probabilities.items():
        context = key[: key.rindex(SEP)]
        stored[context] += p
        below[context] += lower(key)
    return {
        context: math.log(max(1.0 - total, MIN_MASS) / max(1.0 - below[context], MIN_MASS))
        for context, total in stored.items()
    }
