"""Choose the best sequence of options: beam search over a trigram LM plus channel costs.

The text is a sequence of *slots*, one per LM unit (a word, a punctuation mark, a
number...). A slot offers one or more options ``(text, unit, cost)``: the spelling to
write, the LM unit it counts as, and its channel cost. The score of a path is the sum of
LM log-probabilities minus ``channel_weight`` times the channel costs. States are the last
two units (what a trigram needs), so the search is exact up to the beam width.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from sohoa.corpus.build import BOS
from sohoa.corpus.model import RestorerModel

Option = tuple[str, str, float]  # (text, LM unit, channel cost)


@dataclass(frozen=True)
class Choice:
    index: int  # chosen option
    confidence: float  # posterior share of the chosen option given its neighbours, 0..1
    alternatives: list[tuple[int, float]]  # (option index, posterior share), best first


def _score(hypothesis: tuple[float, str, str, int, int]) -> float:
    return hypothesis[0]


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
    the others get 1.0 — computing it costs as much as the search itself. Without
    ``alternatives``, choices carry no alternatives (a first pass needs confidences only).
    ``bonus`` (per unit) and ``pair_bonus`` (per pair of consecutive units) are log-bonuses
    from the document itself (document adaptation).
    """
    rows = model._rows
    row_of = model.row
    fill = model.row_logprob
    bonus = bonus or {}
    # Pair bonuses by first unit: one lookup per parent instead of a pair key per option.
    bonus_after: dict[str, dict[str, float]] = {}
    for (first_unit, second_unit), gain in (pair_bonus or {}).items():
        bonus_after.setdefault(first_unit, {})[second_unit] = gain
    # A hypothesis: (score, previous unit, last unit, parent hypothesis, option index).
    hyps: list[tuple[float, str, str, int, int]] = [(0.0, BOS, BOS, -1, -1)]
    history: list[list[tuple[float, str, str, int, int]]] = []
    for options in slots:
        adjusted = [
            (unit, bonus.get(unit, 0.0) - channel_weight * cost) for _, unit, cost in options
        ]
        if len(adjusted) > 2:
            # Options far behind under the best hypothesis are not tried under the others.
            score0, t0, u0 = hyps[0][0], hyps[0][1], hyps[0][2]
            row = rows.get((t0, u0)) or row_of(t0, u0)
            memo = row[0]
            first = []
            for unit, gain in adjusted:
                lp = memo.get(unit)
                if lp is None:
                    lp = fill(row, unit)
                first.append(score0 + lp + gain)
            cut = max(first) - option_margin
            live = [(k, *adjusted[k]) for k in range(len(adjusted)) if first[k] >= cut]
        else:
            live = [(k, unit, gain) for k, (unit, gain) in enumerate(adjusted)]
        best: dict[tuple[str, str], tuple[float, str, str, int, int]] = {}
        for parent, (score, t, u, _, _) in enumerate(hyps):
            row = rows.get((t, u)) or row_of(t, u)
            memo = row[0]
            pairs = bonus_after.get(u)
            for index, unit, gain in live:
                lp = memo.get(unit)
                if lp is None:
                    lp = fill(row, unit)
                total = score + lp + gain
                if pairs and unit in pairs:
                    total += pairs[unit]
                state = (u, unit)
                held = best.get(state)
                if held is None or total > held[0]:
                    best[state] = (total, u, unit, parent, index)
        ranked = sorted(best.values(), key=_score, reverse=True)[:beam]
        floor = ranked[0][0] - beam_margin
        hyps = [h for h in ranked if h[0] >= floor]
        history.append(hyps)
    chosen = [0] * len(slots)
    position = 0  # hypotheses are kept best first
    for step in range(len(slots) - 1, -1, -1):
        _, _, _, parent, index = history[step][position]
        chosen[step] = index
        position = parent

    units = [BOS, BOS] + [slots[i][chosen[i]][1] for i in range(len(slots))]
    choices = []
    pair_bonus = pair_bonus or {}
    for i, options in enumerate(slots):
        if len(options) == 1 or (confidence_for is not None and not confidence_for(i, chosen[i])):
            choices.append(Choice(chosen[i], 1.0, []))
            continue
        t, u = units[i], units[i + 1]
        after = units[i + 3 : i + 5]
        next_unit = after[0] if after else ""
        row = rows.get((t, u)) or row_of(t, u)
        memo = row[0]
        # Same sums in the same order as the search's scores: the same floats.
        scores = []
        for _text, unit, cost in options:
            lp = memo.get(unit)
            score = (
                (fill(row, unit) if lp is None else lp)
                + bonus.get(unit, 0.0)
                - channel_weight * cost
            )
            if pair_bonus:
                score += pair_bonus.get((u, unit), 0.0)
                if after:
                    score += pair_bonus.get((unit, next_unit), 0.0)
            if after:
                # logprob(u, unit, next_unit), then logprob(unit, next_unit, after[1]), inline
                row2 = rows.get((u, unit)) or row_of(u, unit)
                lp = row2[0].get(next_unit)
                score += fill(row2, next_unit) if lp is None else lp
                if len(after) > 1:
                    row3 = rows.get((unit, next_unit)) or row_of(unit, next_unit)
                    lp = row3[0].get(after[1])
                    score += fill(row3, after[1]) if lp is None else lp
            scores.append(score)
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        if not alternatives:
            choices.append(Choice(chosen[i], weights[chosen[i]] / total, []))
            continue
        ranked_options = sorted(range(len(options)), key=lambda k: -weights[k])
        choices.append(
            Choice(
                chosen[i],
                weights[chosen[i]] / total,
                [(k, weights[k] / total) for k in ranked_options if k != chosen[i]][:3],
            )
        )
    return choices
