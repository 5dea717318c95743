"""Choose the best sequence of options: beam search over a trigram LM plus channel costs.

The text is a sequence of *slots*, one per LM unit (a word, a punctuation mark, a
number...). A slot offers one or more options ``(text, unit, cost)``: the spelling to
write, the LM unit it counts as, and its channel cost. The score of a path is the sum of
LM log-probabilities minus ``channel_weight`` times the channel costs. States are the last
two units (what a trigram needs), so the search is exact up to the beam width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sohoa.corpus.build import BOS
from sohoa.corpus.model import RestorerModel

Option = tuple[str, str, float]  # (text, LM unit, channel cost)


@dataclass(frozen=True)
class Choice:
    index: int  # chosen option
    confidence: float  # posterior share of the chosen option given its neighbours, 0..1
    alternatives: list[tuple[int, float]]  # (option index, posterior share), best first


def decode(
    slots: list[list[Option]],
    model: RestorerModel,
    channel_weight: float = 1.0,
    beam: int = 8,
    bonus: dict[str, float] | None = None,
    beam_margin: float = 12.0,
) -> list[Choice]:
    """Best option per slot, with a local posterior as confidence."""
    logprob = model.logprob
    bonus = bonus or {}
    # A hypothesis: (score, previous unit, last unit, parent hypothesis, option index).
    hyps: list[tuple[float, str, str, int, int]] = [(0.0, BOS, BOS, -1, -1)]
    history: list[list[tuple[float, str, str, int, int]]] = []
    for options in slots:
        best: dict[tuple[str, str], tuple[float, str, str, int, int]] = {}
        for parent, (score, t, u, _, _) in enumerate(hyps):
            for index, (_text, unit, cost) in enumerate(options):
                total = score + logprob(t, u, unit) + bonus.get(unit, 0.0) - channel_weight * cost
                state = (u, unit)
                held = best.get(state)
                if held is None or total > held[0]:
                    best[state] = (total, u, unit, parent, index)
        hyps = sorted(best.values(), key=lambda h: -h[0])[:beam]
        floor = hyps[0][0] - beam_margin
        hyps = [h for h in hyps if h[0] >= floor]
        history.append(hyps)
    chosen = [0] * len(slots)
    position = 0  # best final hypothesis
    for step in range(len(slots) - 1, -1, -1):
        _, _, _, parent, index = history[step][position]
        chosen[step] = index
        position = parent
    units = [BOS, BOS] + [slots[i][chosen[i]][1] for i in range(len(slots))]
    choices = []
    for i, options in enumerate(slots):
        if len(options) == 1:
            choices.append(Choice(0, 1.0, []))
            continue
        t, u = units[i], units[i + 1]
        after = units[i + 3 : i + 5]
        scores = []
        for _text, unit, cost in options:
            score = logprob(t, u, unit) + bonus.get(unit, 0.0) - channel_weight * cost
            if after:
                score += logprob(u, unit, after[0])
                if len(after) > 1:
                    score += logprob(unit, after[0], after[1])
            scores.append(score)
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        ranked = sorted(range(len(options)), key=lambda k: -weights[k])
        choices.append(
            Choice(
                chosen[i],
                weights[chosen[i]] / total,
                [(k, weights[k] / total) for k in ranked if k != chosen[i]][:3],
            )
        )
    return choices
