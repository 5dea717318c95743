"""Choose the best sequence of options: beam search over a trigram LM plus channel costs.

The text is a sequence of *slots*, one per LM unit (a word, a punctuation mark, a
number...). A slot offers one or more options ``(text, unit, cost)``: the spelling to
write, the LM unit it counts as, and its channel cost. The score of a path is the sum of
LM log-probabilities minus ``channel_weight`` times the channel costs. States are the last
two units (what a trigram needs), so the search is exact up to the beam width.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from sohoa.corpus.coded_lm import RADIX, CodedLM
from sohoa.corpus.model import RestorerModel
from sohoa.corpus.units import BOS

Option = tuple[str, str, float]  # (text, LM unit, channel cost)
MAX_REPAIR_ROUNDS = 3  # rounds of switching slots to their best option after the search
REPAIR_MIN_GAIN = 1e-9  # a switch must raise the score by more than rounding


class Choice(NamedTuple):
    """A slot's decision (a named tuple: ~11k per text, cheaper to make than a dataclass)."""

    index: int  # chosen option
    confidence: float  # posterior share of the chosen option given its neighbours, 0..1
    alternatives: list[tuple[int, float]]  # (option index, posterior share), best first


_score = operator.itemgetter(0)  # a hypothesis's score


def _pair_gains(
    keys: np.ndarray,
    gains: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    may_have: np.ndarray,
) -> np.ndarray:
    """The gains of pairs (first, second) in sorted pair ``keys``, 0.0 for pairs not there;
    only those ``may_have`` marks are looked up."""
    found = np.zeros(len(first))
    wanted = first[may_have] * RADIX + second[may_have]
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    found[may_have] = np.where(keys[at] == wanted, gains[at], 0.0)
    return found


def decode(
    slots: list[list[Option]],
    model: RestorerModel,
    channel_weight: float = 1.0,
    beam: int = 6,
    bonus: dict[str, float] | None = None,
    beam_margin: float = 12.0,
    option_margin: float = 10.0,
    confidence_for: Callable[[int, int], bool] | None = None,
    pair_bonus: dict[tuple[str, str], float] | None = None,
    alternatives: bool = True,
) -> list[Choice]:
    """Best option per slot, with a local posterior as confidence.

    ``confidence_for(slot, chosen)`` says which slots need a confidence (all by default);
    the others get 1.0. Without ``alternatives``, choices carry no alternatives (a first
    pass needs confidences only). ``bonus`` (per unit) and ``pair_bonus`` (per pair of
    consecutive units) are log-bonuses from the document itself (document adaptation).
    Units are looked up as integers (``CodedLM``); the scores are the same floats as
    with ``model.logprob``.
    """
    lm = model.coded()
    bonus = bonus or {}
    # Slots of a repeated word share one options list: work out its ids and gains once.
    known: dict[int, tuple[list[int], list[float], list[float], bool]] = {}
    for options in slots:
        if id(options) not in known:
            ids = lm.unit_ids([unit for _, unit, _ in options])
            known[id(options)] = (
                ids,
                [bonus.get(unit, 0.0) - channel_weight * cost for _, unit, cost in options],
                [cost for _, _, cost in options],
                len(set(ids)) == len(ids),
            )
    units_of = [known[id(options)][0] for options in slots]
    gains_of = [known[id(options)][1] for options in slots]
    costs_of = [known[id(options)][2] for options in slots]
    distinct_units = [known[id(options)][3] for options in slots]
    # Pair bonuses by first unit: one lookup per parent instead of a pair key per option.
    bonus_after: dict[int, dict[int, float]] = {}
    pairs = list((pair_bonus or {}).items())
    pair_ids = lm.unit_ids([unit for pair, _ in pairs for unit in pair])  # ids in one call
    for k, (_, gain) in enumerate(pairs):
        bonus_after.setdefault(pair_ids[2 * k], {})[pair_ids[2 * k + 1]] = gain
    chosen = _search(
        units_of, gains_of, distinct_units, lm, beam, beam_margin, option_margin, bonus_after
    )
    scoring = (slots, units_of, costs_of, lm, channel_weight, bonus, bonus_after)
    wanted = [
        i
        for i in range(len(slots))
        if len(slots[i]) > 1 and (confidence_for is None or confidence_for(i, chosen[i]))
    ]
    counts, sums = _local_scores(wanted, chosen, *scoring)
    starts = np.cumsum([0, *counts], dtype=np.int64)[:-1]
    start_of = dict(zip(wanted, starts.tolist(), strict=True))
    for _ in range(MAX_REPAIR_ROUNDS):
        switched = _repair(wanted, counts, starts, sums, chosen)
        if not switched:
            break
        # Only the slots within two of a switch see other neighbours now: rescore those.
        near = sorted({j for i in switched for j in range(i - 2, i + 3)} & start_of.keys())
        near_counts, near_sums = _local_scores(near, chosen, *scoring)
        at = 0
        for j, count in zip(near, near_counts, strict=True):
            sums[start_of[j] : start_of[j] + count] = near_sums[at : at + count]
            at += count
    return _choices(len(slots), wanted, counts, starts, sums, chosen, alternatives)


def _repair(
    wanted: list[int], counts: list[int], starts: np.ndarray, sums: np.ndarray, chosen: list[int]
) -> list[int]:
    """Mend the beam's search errors: switch a slot to its best option given its neighbours.

    The beam keeps few hypotheses and drops options far behind, so a path can end with a
    slot whose own best option, its neighbours being what they are, is another ("nhằm lùng
    nghe" where "lắng" scores far higher). A slot's local score holds every LM term it
    takes part in, so a switch raises the whole path's score; switches closer than three
    slots apart would interact, so of such a group only the largest gain is made per round.
    Only ``wanted`` slots are considered (the second pass: those whose choice changes the
    text; a kept original is the safe choice). Returns the switched slots.
    """
    if not wanted:
        return []
    held = sums[starts + np.array([chosen[i] for i in wanted], dtype=np.int64)]
    gains: list[tuple[float, int, int]] = []
    for k in np.flatnonzero(np.maximum.reduceat(sums, starts) > held + REPAIR_MIN_GAIN):
        here = sums[starts[k] : starts[k] + counts[k]]
        best = int(np.argmax(here))
        gains.append((float(here[best] - held[k]), wanted[k], best))
    switched: list[int] = []
    for _, i, best in sorted(gains, reverse=True):
        if all(abs(i - j) > 2 for j in switched):
            chosen[i] = best
            switched.append(i)
    return switched


def _search(
    units_of: list[list[int]],
    gains_of: list[list[float]],
    distinct_units: list[bool],
    lm: CodedLM,
    beam: int,
    beam_margin: float,
    option_margin: float,
    bonus_after: dict[int, dict[int, float]],
) -> list[int]:
    """The beam search over trigram states: the chosen option index per slot.

    ``gains_of`` holds each option's bonus minus its weighted channel cost;
    ``distinct_units`` says of each slot whether no two of its options share a unit.
    """
    rows = lm.rows
    row_of = lm.row
    fill = lm.fill
    # fill()'s common case inlined below (a call per log-prob costs as much as the work):
    # no bigram (u, w), so no trigram either, and P(w | t u) is a unigram's, backed off.
    bigram_of = lm.bigram.get
    unigram_lp = lm.unigram_lp  # grows in place as new units get ids
    suffixes_are_bigrams = lm.suffixes_are_bigrams
    bos = lm.unit_ids([BOS])[0]
    # A hypothesis: (score, previous unit, last unit, parent hypothesis, option index).
    hyps: list[tuple[float, int, int, int, int]] = [(0.0, bos, bos, -1, -1)]
    history: list[list[tuple[float, int, int, int, int]]] = []
    for units, gains, distinct in zip(units_of, gains_of, distinct_units, strict=True):
        # Every extension tried, in order; of two reaching one state (last two units),
        # the first tried keeps its place and the better its score (reduced below).
        tried: list[tuple[float, int, int, int, int]] = []
        parent = 0  # the first hypothesis the loop below extends
        if len(gains) > 2:
            # The best hypothesis tries every option; options far behind under it are not
            # tried under the others.
            live = _best_extensions(hyps[0], units, gains, lm, option_margin, bonus_after, tried)
            parent = 1
        else:
            live = list(zip(range(len(gains)), units, gains, strict=True))
        for score, t, u, _, _ in hyps[parent:]:
            row = rows.get(t * RADIX + u) or row_of(t, u)
            memo, _, bigram_base, _, unigram_backoff = row
            pairs = bonus_after.get(u)
            for index, unit, gain in live:
                lp = memo.get(unit)
                if lp is None:
                    if suffixes_are_bigrams and bigram_of(bigram_base + unit) is None:
                        lp = memo[unit] = unigram_backoff + unigram_lp[unit]
                    else:
                        lp = fill(row, unit)
                total = score + lp + gain
                if pairs and unit in pairs:
                    total += pairs[unit]
                tried.append((total, u, unit, parent, index))
            parent += 1
        if not distinct or (len(hyps) > 1 and len({h[2] for h in hyps}) < len(hyps)):
            tried = _best_per_state(tried)  # two extensions may reach one state
        ranked = sorted(tried, key=_score, reverse=True)[:beam]
        floor = ranked[0][0] - beam_margin
        hyps = ranked if ranked[-1][0] >= floor else [h for h in ranked if h[0] >= floor]
        history.append(hyps)
    return _best_path(history)


def _best_extensions(
    best: tuple[float, int, int, int, int],
    units: list[int],
    gains: list[float],
    lm: CodedLM,
    option_margin: float,
    bonus_after: dict[int, dict[int, float]],
    tried: list[tuple[float, int, int, int, int]],
) -> list[tuple[int, int, float]]:
    """Extend the ``best`` hypothesis by every option of a slot (into ``tried``); returns
    the options within ``option_margin`` of the best one, (index, unit, gain), the only
    ones the other hypotheses try (the same inlined log-prob look-up as ``_search``)."""
    score, t, u, _, _ = best
    row = lm.rows.get(t * RADIX + u) or lm.row(t, u)
    memo, _, bigram_base, _, unigram_backoff = row
    first = []
    for unit, gain in zip(units, gains, strict=True):
        lp = memo.get(unit)
        if lp is None:
            if lm.suffixes_are_bigrams and lm.bigram.get(bigram_base + unit) is None:
                lp = memo[unit] = unigram_backoff + lm.unigram_lp[unit]
            else:
                lp = lm.fill(row, unit)
        first.append(score + lp + gain)
    cut = max(first) - option_margin
    live = [(k, units[k], gains[k]) for k in range(len(gains)) if first[k] >= cut]
    pairs = bonus_after.get(u)
    for index, unit, _ in live:
        total = first[index]
        if pairs and unit in pairs:
            total += pairs[unit]
        tried.append((total, u, unit, 0, index))
    return live


def _best_path(history: list[list[tuple[float, int, int, int, int]]]) -> list[int]:
    """The option index per slot along the best final hypothesis, traced back."""
    chosen = [0] * len(history)
    position = 0  # hypotheses are kept best first
    for step in range(len(history) - 1, -1, -1):
        _, _, _, parent, index = history[step][position]
        chosen[step] = index
        position = parent
    return chosen


def _best_per_state(
    tried: list[tuple[float, int, int, int, int]],
) -> list[tuple[float, int, int, int, int]]:
    """The best extension per state (last two units), in the order states were first
    reached. Only needed where two extensions may reach one state: the search skips it
    when the hypotheses end in distinct units and the slot's options are distinct."""
    best: dict[int, tuple[float, int, int, int, int]] = {}
    for hyp in tried:
        key = hyp[1] * RADIX + hyp[2]
        held = best.get(key)
        if held is None or hyp[0] > held[0]:
            best[key] = hyp
    return list(best.values())


def _local_scores(
    wanted: list[int],
    chosen: list[int],
    slots: list[list[Option]],
    units_of: list[list[int]],
    costs_of: list[list[float]],
    lm: CodedLM,
    channel_weight: float,
    bonus: dict[str, float],
    bonus_after: dict[int, dict[int, float]],
) -> tuple[list[int], np.ndarray]:
    """Every option's score at the ``wanted`` slots, the chosen neighbours held fixed.

    An option's score: its LM log-prob after the two chosen units before it, its bonus
    and channel cost, the pair bonuses with its neighbours, and the log-probs of the two
    chosen units after it. The LM log-probs of all slots are looked up in one batch.
    Returns the option counts of the slots and their scores, flat.
    """
    n = len(slots)
    bos = lm.unit_ids([BOS])[0]
    # The chosen units with two BOS before (the first slots' contexts) and two after (past
    # the last slots: their terms there are masked out below).
    padded = np.array(
        [bos, bos, *map(list.__getitem__, units_of, chosen), bos, bos], dtype=np.int64
    )
    at = np.array(wanted, dtype=np.int64)
    # Flat arrays over (slot, option): contexts before, option, the two units after.
    counts = [len(slots[i]) for i in wanted]
    option_units = np.fromiter(
        itertools.chain.from_iterable(map(units_of.__getitem__, wanted)), dtype=np.int64
    )
    before, last, next_units, after_units = (
        padded[at],
        padded[at + 1],
        padded[at + 3],
        padded[at + 4],
    )
    size = len(option_units)
    here, ahead, beyond = lm.window_log_probs(
        before, last, option_units, next_units, after_units, counts
    )
    has_next = np.repeat(at + 1 < n, counts)
    has_after = np.repeat(at + 2 < n, counts)
    bonus_ids = lm.unit_ids(list(bonus))
    bonuses = np.zeros(len(lm.ids))
    bonuses[bonus_ids] = list(bonus.values())
    costs = np.fromiter(
        itertools.chain.from_iterable(map(costs_of.__getitem__, wanted)),
        dtype=np.float64,
        count=size,
    )
    # Same sums in the same order as the search's scores (a missing term adds 0.0).
    sums = here + bonuses[option_units] - channel_weight * costs
    if bonus_after:
        before_gains, after_gains = _option_pair_gains(
            bonus_after,
            len(lm.ids),
            np.repeat(last, counts),
            option_units,
            np.repeat(next_units, counts),
        )
        sums = sums + before_gains
        sums = sums + np.where(has_next, after_gains, 0.0)
    sums = sums + np.where(has_next, ahead, 0.0)
    sums = sums + np.where(has_after, beyond, 0.0)
    return counts, sums


def _option_pair_gains(
    bonus_after: dict[int, dict[int, float]],
    vocabulary: int,
    last: np.ndarray,
    option_units: np.ndarray,
    next_units: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Each option's pair bonuses: with the chosen unit before it, and with the one after."""
    pair_keys = np.array(
        [first * RADIX + second for first, after in bonus_after.items() for second in after],
        dtype=np.int64,
    )
    pair_gains = np.array([gain for after in bonus_after.values() for gain in after.values()])
    order = np.argsort(pair_keys)
    pair_keys, pair_gains = pair_keys[order], pair_gains[order]
    # Only a unit opening a pair followed by one closing a pair can be a pair with a
    # bonus: the others are not looked up.
    opens = np.zeros(vocabulary, dtype=bool)
    opens[list(bonus_after)] = True
    closes = np.zeros(vocabulary, dtype=bool)
    closes[[second for after in bonus_after.values() for second in after]] = True
    before = _pair_gains(
        pair_keys, pair_gains, last, option_units, opens[last] & closes[option_units]
    )
    after = _pair_gains(
        pair_keys, pair_gains, option_units, next_units, opens[option_units] & closes[next_units]
    )
    return before, after


def _choices(
    n: int,
    wanted: list[int],
    counts: list[int],
    starts: np.ndarray,
    sums: np.ndarray,
    chosen: list[int],
    alternatives: bool,
) -> list[Choice]:
    """Each chosen option's posterior share given the chosen neighbours on both sides."""
    size = len(sums)
    found: dict[int, Choice] = {}  # slot -> its choice with confidence
    # Softmax per slot: max and differences exact in numpy, exp by math.exp (numpy's
    # may differ in the last bit), sums in order by sum(): the floats of a plain loop.
    tops = np.repeat(np.maximum.reduceat(sums, starts), counts) if size else sums
    all_weights = list(map(math.exp, (sums - tops).tolist()))
    end = 0
    for i, count in zip(wanted, counts, strict=True):
        start, end = end, end + count
        weights = all_weights[start:end]
        total = sum(weights)
        index = chosen[i]
        if not alternatives:
            found[i] = Choice(index, weights[index] / total, [])
            continue
        # Stable: equal weights keep option order, as sorting by -weight did.
        ranked_options = sorted(range(count), key=weights.__getitem__, reverse=True)[:4]
        others = [k for k in ranked_options if k != index][:3]  # the chosen one aside
        found[i] = Choice(index, weights[index] / total, [(k, weights[k] / total) for k in others])
    return [found[i] if i in found else Choice(chosen[i], 1.0, []) for i in range(n)]
