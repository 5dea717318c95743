"""The trigram language model estimated from counts (``kneser_ney``): interpolated modified
Kneser-Ney (Chen & Goodman), stored in backoff form, then the word-pair bonus
(``set_word_bonus``) on the syllable pairs of listed words.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sohoa.corpus.mixed_lm import LMTables, mixed
from sohoa.corpus.model import SEP, RestorerModel, domain_values
from sohoa.corpus.units import BOS, WORD_START
from sohoa.normalize.unicode import strip_marks

if TYPE_CHECKING:
    from sohoa.corpus.build import Counts

UNKNOWN_SHARE = 1e-4  # probability mass of the uniform floor in the unigram model
# Log-bonus on P(w | ... u) when "u w" are consecutive syllables of a word-list word
# ("đề án", "hồ sơ") that running text also writes at least WORD_PAIR_MIN_TEXT_COUNT
# times: the n-gram counts alone often prefer a near homograph ("để án", "hồ số"). Pairs
# the running text lacks get no bonus: many listed words are rare, and their pairs of
# common syllables would outvote real phrases. Chosen on the validation set
# (bench/restore_tune.py), never on 000: pooled WER 6.57% without the bonus, 6.49% with
# 1.0 on every listed pair, 6.38% / 6.32% / 6.37% with 1.0 / 1.5 / 1.5 on pairs seen
# >= 1 / 3 / 6 times; with the character channel, 1.5 / 2.0 / 2.5 give 5.39% / 5.35% /
# 5.36%.
WORD_BONUS = 2.0
WORD_PAIR_MIN_TEXT_COUNT = 3
# λ of the in-domain LM (the administrative texts' own, corpus/mixed_lm.py) mixed with the
# general LM of every source, when the build names in-domain sources.
DOMAIN_WEIGHT = 0.3


def _discounts(counts: Iterable[int]) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts for counts 1, 2 and 3+ (Chen & Goodman)."""
    histogram = Counter(c for c in counts if c <= 4)
    n1, n2, n3, n4 = (histogram[k] for k in (1, 2, 3, 4))
    if not (n1 and n2 and n3 and n4):
        return 0.5, 0.75, 0.9
    y = n1 / (n1 + 2 * n2)
    return (
        max(1 - 2 * y * n2 / n1, 0.1),
        max(2 - 3 * y * n3 / n2, 0.1),
        max(3 - 4 * y * n4 / n3, 0.1),
    )


def _discount_of(n: int, discounts: tuple[float, float, float]) -> float:
    return discounts[min(n, 3) - 1]


def set_word_bonus(model: RestorerModel, bonus: float) -> None:
    """Make ``bonus`` the log-bonus of every listed word pair ``u w`` in P(w | t u).

    The bonus is added to the stored log-probs (the bigram ``u w`` and every trigram
    ``t u w``; the word list gives each pair a bigram), so a backed-off lookup carries it
    too and decoding costs nothing more. The scores are no longer normalised, which the
    decoder never needs. Changing it on a loaded model clears its lookup caches.
    """
    delta = bonus - model.word_bonus
    if not delta:
        return
    model.forget_in_domain()  # made again from the model as it is now
    in_domain = model.in_domain()
    if in_domain is not None:  # the in-domain LM's n-grams carry the same bonus
        set_word_bonus(in_domain, bonus)
        model.domain_lm = domain_values(in_domain)
        model.forget_in_domain()
    pairs = set(model.word_pairs)
    for key in pairs:
        found = model.bigrams.get(key)
        if found is not None:
            model.bigrams[key] = (found[0] + delta, found[1])
    trigrams = model.trigrams
    for key in trigrams:
        if key[key.index(SEP) + 1 :] in pairs:
            trigrams[key] += delta
    model.word_bonus = bonus
    model.forget_lookups()  # the saved codes and the decoder's coded LM are made again


def kneser_ney(
    counts: Counts,
    word_bonus: float | None = None,
    domain: Counts | None = None,
    domain_weight: float = DOMAIN_WEIGHT,
) -> RestorerModel:
    """Interpolated modified Kneser-Ney trigram, stored in backoff form.

    With ``domain`` (the in-domain texts' counts, a part of ``counts``), the model also
    holds, as ``domain_lm``, the same LM mixed with the LM of ``domain`` alone, weighing
    ``domain_weight`` (corpus/mixed_lm.py). Listed word pairs then get ``word_bonus``
    (default ``WORD_BONUS``) in both, see set_word_bonus.
    """
    bonus = WORD_BONUS if word_bonus is None else word_bonus
    tables = lm_tables(counts)
    both = None  # mixed before the bonus goes into the tables: from normalised LMs
    if domain is not None and domain.trigrams and domain_weight:
        both = mixed(tables, lm_tables(domain), domain_weight)
        if (len(both.bigrams), len(both.trigrams)) != (len(tables.bigrams), len(tables.trigrams)):
            raise ValueError("the in-domain texts must be among the sources counted")
    model = _model_of(counts, tables)
    set_word_bonus(model, bonus)
    if both is not None:
        in_domain = _model_of(counts, both)
        set_word_bonus(in_domain, bonus)
        model.domain_lm = domain_values(in_domain)
    return model


def _model_of(counts: Counts, tables: LMTables) -> RestorerModel:
    """The model of ``counts`` with the LM ``tables`` (no word bonus yet)."""
    return RestorerModel(
        style=counts.style,
        syllables=_syllable_priors(counts, tables.unigrams, tables.unknown_logprob),
        acronyms={key: forms.most_common(1)[0][0] for key, forms in counts.acronyms.items()},
        codes=sorted(counts.codes),
        unigrams=tables.unigrams,
        bigrams=tables.bigrams,
        trigrams=tables.trigrams,
        unknown_logprob=tables.unknown_logprob,
        unknown_word_penalty=math.log(max(len(counts.unknown_words), 2)),
        word_pairs=sorted(
            a + SEP + b
            for a, b in counts.word_pairs
            if counts.text_pairs[(a, b)] >= WORD_PAIR_MIN_TEXT_COUNT
        ),
    )


def lm_tables(counts: Counts) -> LMTables:
    """The Kneser-Ney LM of ``counts`` in backoff form, without word bonus."""
    stats = _KneserNeyCounts.of(counts)
    p1 = {w: (1 - UNKNOWN_SHARE) * n / stats.total1 + stats.floor
          for w, n in stats.continuation1.items()}  # fmt: skip
    p2 = _bigram_probabilities(stats, p1)
    return LMTables(
        unigrams=_unigram_table(stats, p1),
        bigrams=_bigram_table(stats, p2),
        trigrams=_trigram_table(stats, p1, p2),
        unknown_logprob=math.log(stats.floor),
    )


@dataclass
class _KneserNeyCounts:
    """The counts Kneser-Ney smoothing works from: trigrams (words of the word lists left
    out), their contexts' totals and discounted mass, and continuation counts N1+(. b c)
    and N1+(. c) with their totals and discounted mass."""

    tri: dict[tuple[str, str, str], int]
    d3: tuple[float, float, float]
    context_total: Counter[tuple[str, str]]
    context_mass: Counter[tuple[str, str]]  # discounted mass given to lower order
    continuation2: Counter[tuple[str, str]]  # N1+(. b c)
    d2: tuple[float, float, float]
    total2: Counter[str]
    mass2: Counter[str]
    continuation1: Counter[str]  # N1+(. c)
    floor: float  # the uniform floor of the unigram model
    total1: int

    @classmethod
    def of(cls, counts: Counts) -> _KneserNeyCounts:
        tri = {k: v for k, v in counts.trigrams.items() if k[1] != WORD_START}
        d3 = _discounts(tri.values())
        context_total: Counter[tuple[str, str]] = Counter()
        context_mass: Counter[tuple[str, str]] = Counter()
        continuation2: Counter[tuple[str, str]] = Counter()
        for (a, b, c), n in tri.items():
            context_total[(a, b)] += n
            context_mass[(a, b)] += _discount_of(n, d3)
            continuation2[(b, c)] += 1
        d2 = _discounts(continuation2.values())
        total2: Counter[str] = Counter()
        mass2: Counter[str] = Counter()
        continuation1: Counter[str] = Counter()
        for (b, c), n in continuation2.items():
            total2[b] += n
            mass2[b] += _discount_of(n, d2)
            if b not in (BOS, WORD_START):
                continuation1[c] += 1
        for (_, _, c), _n in tri.items():
            continuation1.setdefault(c, 0)
        vocabulary = {c for c in continuation1}
        floor = UNKNOWN_SHARE / (len(vocabulary) + 1)
        total1 = sum(continuation1.values()) or 1
        return cls(tri, d3, context_total, context_mass, continuation2, d2, total2, mass2,
                   continuation1, floor, total1)  # fmt: skip


def _unigram_table(stats: _KneserNeyCounts, p1: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Unit -> (log P(w), backoff weight of w as a context)."""
    total2, mass2 = stats.total2, stats.mass2
    unigrams: dict[str, tuple[float, float]] = {}
    for w, p in p1.items():
        bow = math.log(mass2[w] / total2[w]) if total2.get(w) else 0.0
        unigrams[w] = (math.log(p), bow)
    if total2.get(BOS):
        unigrams[BOS] = (math.log(stats.floor), math.log(mass2[BOS] / total2[BOS]))
    return unigrams


def _bigram_probabilities(
    stats: _KneserNeyCounts, p1: dict[str, float]
) -> dict[tuple[str, str], float]:
    """P(c | b), interpolated with the unigram (word-list streams' starts left out)."""
    p2: dict[tuple[str, str], float] = {}
    for (b, c), n in stats.continuation2.items():
        if b == WORD_START:
            continue
        gamma = stats.mass2[b] / stats.total2[b]
        p2[(b, c)] = (max(n - _discount_of(n, stats.d2), 0) / stats.total2[b]
                      + gamma * p1.get(c, stats.floor))  # fmt: skip
    return p2


def _bigram_table(
    stats: _KneserNeyCounts, p2: dict[tuple[str, str], float]
) -> dict[str, tuple[float, float]]:
    """ "b␟c" -> (log P(c | b), backoff weight of "b c" as a context)."""
    bigrams: dict[str, tuple[float, float]] = {}
    for (b, c), p in p2.items():
        key = (b, c)
        total, mass = stats.context_total, stats.context_mass
        bow = math.log(mass[key] / total[key]) if total.get(key) else 0.0
        bigrams[b + SEP + c] = (math.log(p), bow)
    return bigrams


def _trigram_table(
    stats: _KneserNeyCounts, p1: dict[str, float], p2: dict[tuple[str, str], float]
) -> dict[str, float]:
    """ "a␟b␟c" -> log P(c | a b), interpolated with the bigram (else the unigram)."""
    trigrams: dict[str, float] = {}
    for (a, b, c), n in stats.tri.items():
        if a == WORD_START:
            continue
        total = stats.context_total[(a, b)]
        gamma = stats.context_mass[(a, b)] / total
        lower = p2.get((b, c), p1.get(c, stats.floor))
        trigrams[a + SEP + b + SEP + c] = math.log(
            max(n - _discount_of(n, stats.d3), 0) / total + gamma * lower
        )
    return trigrams


def _syllable_priors(
    counts: Counts, unigrams: dict[str, tuple[float, float]], unknown_logprob: float
) -> dict[str, list[tuple[str, float]]]:
    """Unmarked key -> its marked syllables with their unigram log P, most likely first."""
    syllables: defaultdict[str, list[tuple[str, float]]] = defaultdict(list)
    for syllable in counts.syllable_counts:
        prior = unigrams[syllable][0] if syllable in unigrams else unknown_logprob
        syllables[strip_marks(syllable)].append((syllable, prior))
    for options in syllables.values():
        options.sort(key=lambda item: -item[1])
    return dict(syllables)
