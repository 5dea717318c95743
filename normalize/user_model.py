"""The restorer with a user model (corpus/learn.py) stacked on the shipped one.

    load_restorer(model_path, user_model) -> Restorer   (user_model None: load_model as is)

The user model's lexicon, codes and LM evidence go into a copy of the restorer model
(``stack_user_model``); its channel evidence — how this archive's OCR read each reviewed
syllable — is added to the channel's candidates per OCR profile: a learned reading offers
its syllable at -log P(reading | syllable), or makes an offered one cheaper, never dearer.
The decoder, the faithfulness rules (codes, digits, unknown words, trusted marks) and the
calibration of confidences are the shipped restorer's, unchanged.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sohoa.corpus.learn import load_user_model, stack_user_model, user_model_path
from sohoa.corpus.model import Candidates, load_model_file
from sohoa.normalize.calibration import load_calibration
from sohoa.normalize.channel_keys import CandidateIndex
from sohoa.normalize.channel_profile import Profile
from sohoa.normalize.restore import Restorer, load_model
from sohoa.normalize.tokens import HORN_AFTER_VOWEL


@dataclass
class LearnedRestorer(Restorer):
    """A Restorer whose candidates also hold the readings reviewers confirmed."""

    # profile name -> OCR core (lowercase) -> [(syllable, channel cost)]
    learned: dict[str, dict[str, list[tuple[str, float]]]] = field(default_factory=dict, repr=False)
    _learned_cache: dict[tuple[str, str, bool], Candidates] = field(
        default_factory=dict, repr=False
    )

    def candidates(self, core: str, profile: Profile, expand: bool = False) -> Candidates:
        found = super().candidates(core, profile, expand)
        readings = self.learned.get(profile.name)
        if not readings:
            return found
        key = HORN_AFTER_VOWEL.sub("", core.lower())
        extra = readings.get(key)
        if not extra:
            return found
        cached = self._learned_cache.get((key, profile.name, expand))
        if cached is None:
            kept, reserve = found
            costs = dict(kept)
            for syllable, cost in extra:
                costs[syllable] = min(costs.get(syllable, cost), cost)
            merged = sorted(costs.items(), key=lambda item: item[1])
            cached = (merged, [c for c in reserve if c[0] not in costs])
            self._learned_cache[(key, profile.name, expand)] = cached
        return cached


def load_restorer(model_path: Path | None = None, user_model: Path | None = None) -> Restorer:
    """The restorer of ``model_path`` (None: shipped), with ``user_model`` stacked on it."""
    if user_model is None:
        return load_model(model_path)
    return _stacked(
        model_path, user_model_path(user_model), user_model_path(user_model).stat().st_mtime
    )


@functools.lru_cache(maxsize=2)
def _stacked(model_path: Path | None, user_file: Path, stamp: float) -> Restorer:
    user = load_user_model(user_file)
    model = stack_user_model(load_model_file(model_path), user)
    learned = {profile: user.channel(profile) for profile in user.readings}
    return LearnedRestorer(
        model, CandidateIndex(model), calibration=load_calibration(), learned=learned
    )


def user_model_sha256(folder: Path) -> str:
    """SHA-256 of a user model's file ("missing" when unreadable: the run reports that)."""
    try:
        return hashlib.sha256(user_model_path(folder).read_bytes()).hexdigest()
    except OSError:
        return "missing"


__all__ = [
    "LearnedRestorer",
    "load_restorer",
    "load_user_model",
    "user_model_path",
    "user_model_sha256",
]
