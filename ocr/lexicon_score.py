"""How plausible a page's reading is as Vietnamese, by the restorer's lexicon: a measure of
the words read that does not depend on the size the page was read at.

    measure = measure_words(reading.data, syllable_logprobs(settings.model_path))
    scores = lexicon_scores([measure_a, measure_b])   # higher is better

Tesseract is more sure of bigger letters: a page read upscaled gets a mean word confidence
1-8 points higher whether or not it reads better (bench/photo_lowres.py: the upscaled reading
won on 10 of 14 pages and read worse on 7 of them). The words themselves are comparable
across sizes: a misread mark or letter turns a common syllable into a rarer one ("tổ" ->
"tố") or into none, so a reading's mean syllable log-probability (the restorer model's
unigrams) falls with its errors at any size.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex

from sohoa.corpus.model import load_model_file

_LETTERS = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class LexiconRule:
    """How the words of readings at different sizes are weighed against each other."""

    # a run of letters the lexicon lacks weighs as a syllable the model's sources hold once
    # (its unigram log-probability, the lowest most of its rare syllables have)
    unknown_logprob: float = -12.3
    # a reading that reads fewer lexicon words than the other loses this much per share of
    # them lost, beyond a tolerance: the mean alone would favour a reading that dropped its
    # hard lines (the rare words in them with it)
    lost_words_weight: float = 1.0
    lost_words_tolerance: float = 0.03


DEFAULT_LEXICON_RULE = LexiconRule()


@dataclass(frozen=True)
class LexiconMeasure:
    plausibility: float  # mean log-probability of the runs of letters read
    known_words: int  # words whose every run of letters is a syllable of the lexicon


@functools.cache
def syllable_logprobs(model_path: Path | None = None) -> dict[str, float]:
    """Every syllable of the restorer model (lower case, marked) and its unigram
    log-probability."""
    model = load_model_file(model_path)
    spellings = (pair for pairs in model.syllables.values() for pair in pairs)
    return dict(spellings)


def measure_words(
    data: dict[str, list], logprobs: dict[str, float], rule: LexiconRule = DEFAULT_LEXICON_RULE
) -> LexiconMeasure:
    """The plausibility of the words Tesseract read (``data``'s columns) and how many of them
    the lexicon knows."""
    total, runs, known = 0.0, 0, 0
    for text, confidence in zip(data["text"], data["conf"], strict=True):
        if not text or not text.strip() or float(confidence) < 0:
            continue
        found = [logprobs.get(run.lower()) for run in _LETTERS.findall(_nfc(text))]
        known += bool(found) and all(f is not None for f in found)
        total += sum(rule.unknown_logprob if f is None else f for f in found)
        runs += len(found)
    plausibility = total / runs if runs else rule.unknown_logprob
    return LexiconMeasure(plausibility, known)


def lexicon_scores(
    measures: list[LexiconMeasure], rule: LexiconRule = DEFAULT_LEXICON_RULE
) -> list[float]:
    """Each measure's plausibility less what it lost in known words against the one with
    most of them: higher is better."""
    most = max((m.known_words for m in measures), default=0)
    scores = []
    for measure in measures:
        lost = 1 - measure.known_words / most if most else 0.0
        penalty = rule.lost_words_weight * max(0.0, lost - rule.lost_words_tolerance)
        scores.append(measure.plausibility - penalty)
    return scores


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
