"""An edit's confidence as the probability that it is right.

The decoder's confidence is a local posterior share: a score, not a probability (the LM
and channel are not exact, and the share is conditioned on the chosen neighbours). A
``Calibration`` maps it to the share of edits that were right at that score on the
validation set (bench/restore_tune.py's folds, each restored by a model built without
its text; never seed 000 or 002): isotonic regression (pool-adjacent-violators), so a
higher score never means a lower probability.

    fit_isotonic([(score, right), ...]) -> Calibration
    fit_by_kind([(score, right, kind), ...]) -> Calibration   (a map per kind of edit)
    load_calibration(path | None) -> Calibration | None   (None = corpus/data's, if any)

The shipped map is built by ``make calibration`` (bench/restore_tune.py --calibrate;
corpus/data/restorer-calibration.json); an OCR profile whose edits are right at other
rates (the legacy engine's, ``eng-legacy``) has a map of its own in ``profiles``.

One score is not right equally often on every kind of word (``edit_kind``): an edit keeps
the OCR's case, so a word the OCR began with a capital is right only if that capital
was; the legacy engine prints V, C, O for v, c, o ("Va" for "và": right letters, wrong
case), and of its edits at the decoder's top score (>= 0.97) those of capitalised words
were right 52% of the time, lower-case ones 96% (validation folds seed-001/004). A word
of two letters or fewer is a reading many syllables share. Each kind with enough
validation edits has its own map (``kinds``), fitted the same way.
"""

from __future__ import annotations

import bisect
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "corpus" / "data"
DEFAULT_PATH = DATA / "restorer-calibration.json"
FORMAT = "sohoa-restorer-calibration"
MIN_KIND_EDITS = 100  # a kind of edit with fewer validation edits uses its profile's map
SHORT_WORD = 2  # letters: a word this short is its own kind of edit


def edit_kind(original: str) -> str:
    """The kind of an edit, by the token it changed: ``capital`` (it begins with a
    capital), ``short`` (two letters or fewer), else ``word``."""
    if original[:1].isupper():
        return "capital"
    return "short" if len(original) <= SHORT_WORD else "word"


@dataclass(frozen=True)
class Calibration:
    """A non-decreasing step map: scores up to ``edges[k]`` are right ``probs[k]`` of the
    time (scores above the last edge take the last probability)."""

    edges: tuple[float, ...]
    probs: tuple[float, ...]
    # maps of OCR profiles fitted apart (by profile name); the others use this one
    profiles: dict[str, Calibration] = field(default_factory=dict, compare=False)
    # maps of kinds of edit (edit_kind) fitted apart; the other kinds use this one
    kinds: dict[str, Calibration] = field(default_factory=dict, compare=False)

    def __call__(self, score: float, kind: str | None = None) -> float:
        """P(right) of an edit at ``score``, of ``kind`` (edit_kind) if given."""
        if kind in self.kinds:
            return self.kinds[kind](score)
        k = bisect.bisect_left(self.edges, score)
        return self.probs[min(k, len(self.probs) - 1)]

    def for_profile(self, name: str) -> Calibration:
        """The map for edits made under the OCR profile ``name``."""
        return self.profiles.get(name, self)

    def all_maps(self) -> dict[str, Calibration]:
        """Every map by name: "" this one, "profile", "profile/kind" (or "/kind")."""
        found: dict[str, Calibration] = {}
        for name, calibration in [("", self), *sorted(self.profiles.items())]:
            found[name] = calibration
            for kind, mapped in sorted(calibration.kinds.items()):
                found[f"{name}/{kind}"] = mapped
        return found


def fit_isotonic(points: list[tuple[float, bool]], prior: float = 1.0) -> Calibration:
    """The isotonic (non-decreasing) fit of right/wrong on score, by pool-adjacent-violators.

    Each block's probability is smoothed by ``prior`` pseudo-edits at the pooled share,
    so a block of a few edits is never a certain 0 or 1.
    """
    if not points:
        raise ValueError("no edits to calibrate on")
    pooled = sum(right for _, right in points) / len(points)
    by_score: dict[float, list[float]] = {}  # edits of one score are one block from the start
    for score, right in points:
        block = by_score.setdefault(score, [0.0, 0.0, score])
        block[0] += right
        block[1] += 1
    # blocks: [sum of right, count, highest score], by score
    blocks: list[list[float]] = []
    for block in sorted(by_score.values(), key=lambda b: b[2]):
        blocks.append(block)
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            right_sum, count, top = blocks.pop()
            blocks[-1][0] += right_sum
            blocks[-1][1] += count
            blocks[-1][2] = top
    smoothed = itertools.accumulate(
        ((r + prior * pooled) / (n + prior) for r, n, _ in blocks), max
    )  # smoothing may tip two neighbours out of order: kept non-decreasing
    return Calibration(tuple(top for _, _, top in blocks), tuple(smoothed))


def fit_by_kind(points: list[tuple[float, bool, str]]) -> Calibration:
    """``fit_isotonic`` of all ``(score, right, kind)`` points, with a map of its own for
    each kind of at least MIN_KIND_EDITS points."""
    calibration = fit_isotonic([(score, right) for score, right, _ in points])
    for kind in sorted({kind for _, _, kind in points}):
        mine = [(score, right) for score, right, found in points if found == kind]
        if len(mine) >= MIN_KIND_EDITS:
            calibration.kinds[kind] = fit_isotonic(mine)
    return calibration


def _as_json(calibration: Calibration) -> dict:
    found: dict = {"edges": list(calibration.edges), "probs": list(calibration.probs)}
    if calibration.kinds:
        found["kinds"] = {
            kind: {"edges": list(mapped.edges), "probs": list(mapped.probs)}
            for kind, mapped in sorted(calibration.kinds.items())
        }
    return found


def _from_json(found: dict) -> Calibration:
    return Calibration(
        tuple(found["edges"]),
        tuple(found["probs"]),
        kinds={kind: _from_json(mapped) for kind, mapped in found.get("kinds", {}).items()},
    )


def save_calibration(calibration: Calibration, path: Path, about: dict) -> None:
    payload = {"format": FORMAT, **_as_json(calibration), **about}
    if calibration.profiles:
        payload["profiles"] = {
            name: _as_json(found) for name, found in sorted(calibration.profiles.items())
        }
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def calibration_from_json(payload: dict) -> Calibration:
    """The calibration a saved file's JSON holds."""
    calibration = _from_json(payload)
    for name, found in payload.get("profiles", {}).items():
        calibration.profiles[name] = _from_json(found)
    return calibration


def load_calibration(path: Path | None = None) -> Calibration | None:
    """The calibration at ``path`` (None: the shipped one); None if there is none."""
    path = DEFAULT_PATH if path is None else path
    if not path.is_file():
        return None
    payload = json.loads(path.read_text(encoding="utf-8"))
    if payload.get("format") != FORMAT:
        return None
    return calibration_from_json(payload)
