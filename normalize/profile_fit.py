"""Which of two kinds of old OCR explains a text better: the profile its first pass fits.

``choose_profile`` (normalize/channel_profile.py) routes old OCR by a surface sign (the
legacy engine's apostrophe horns). An older engine may print é for â, ă and ê as the
legacy engine does while printing few apostrophes, and the LSTM engine's channel then
prices its é → ậ as a rare misreading. ``likeliest_profile`` decodes the start of the
text under each candidate profile, as the restorer's first pass does, and keeps the one
whose best reading scores higher per word: LM log-probability less ``channel_weight``
times the channel cost, the decoder's own objective. Settings: ``RestorerParams.fit_*``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sohoa.corpus.units import BOS
from sohoa.normalize.channel_profile import Profile
from sohoa.normalize.decoder import Option, decode
from sohoa.normalize.options import token_slots
from sohoa.normalize.tokens import tokenize

if TYPE_CHECKING:
    from sohoa.normalize.restore import Restorer


def path_score(
    slots: list[list[Option]], chosen: list[int], restorer: Restorer, channel_weight: float
) -> float:
    """The decoder's objective for the ``chosen`` option of each slot: trigram LM
    log-probabilities less ``channel_weight`` times the channel costs."""
    model = restorer.model
    before, last = BOS, BOS
    total = 0.0
    for options, index in zip(slots, chosen, strict=True):
        _, unit, cost = options[index]
        total += model.logprob(before, last, unit) - channel_weight * cost
        before, last = last, unit
    return total


def fit_score(text: str, restorer: Restorer, profile: Profile) -> float:
    """The first pass's best path score for ``text`` under ``profile``, per slot."""
    params = restorer.params
    slots = [slot.options for slot in token_slots(tokenize(text), restorer, profile)]
    if not slots:
        return 0.0
    choices = decode(
        slots,
        restorer.model,
        params.channel_weight,
        params.beam,
        option_margin=params.first_pass_margin,
        alternatives=False,
    )
    chosen = [choice.index for choice in choices]
    return path_score(slots, chosen, restorer, params.channel_weight) / len(slots)


def likeliest_profile(text: str, restorer: Restorer, chosen: Profile) -> Profile:
    """``chosen``, or the other of ``params.fit_profiles`` if it explains the start of
    ``text`` (``params.fit_chars`` characters) better by more than ``params.fit_margin``
    per slot. Only a text ``choose_profile`` routed to one of them, of at least
    ``params.fit_min_words`` words, is refitted."""
    params = restorer.params
    names = params.fit_profiles
    if chosen.name not in names or not all(name in restorer.profiles for name in names):
        return chosen
    sample = text[: params.fit_chars]
    if len(sample.split()) < params.fit_min_words:
        return chosen
    scores = {name: fit_score(sample, restorer, restorer.profiles[name]) for name in names}
    best = max(names, key=scores.__getitem__)
    if best != chosen.name and scores[best] > scores[chosen.name] + params.fit_margin:
        return restorer.profiles[best]
    return chosen
