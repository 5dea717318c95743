"""Where an OCR token's syllables are looked for: the syllable keys it may stand for.

``CandidateIndex`` indexes a model's syllable keys (letters without marks, đ→d) for exact
look-ups, near misses (a SymSpell-style deletion index), keys with runs of vowels, and
the wide search's learned letter-edit costs. Beside it, the keys a token reaches by the
profile's letter confusions (``confusion_keys``) and by reading its symbol glyphs as
vowels (``glyph_keys``: s&, nghi¢p, nu@c, cht?c). normalize/channel.py prices what they find.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.corpus.model import RestorerModel
from sohoa.normalize.channel_profile import ENG, Marks, Profile, marks_cost, marks_of
from sohoa.normalize.params import CandidateParams
from sohoa.normalize.unicode import strip_marks

PREFIX_COST = 6.0  # a syllable of which OCR kept only the first letter
CONSONANTS = set("bcdghklmnpqrstvx")
# Lone consonants that may be a syllable shrunk to its first letter; never x, which is a
# multiplication sign between words too ("dài x rộng").
EXPANDABLE = frozenset(CONSONANTS - {"x"})
WIDE_EDIT_COST = 8.0  # a free edit in the wide search, less its learned discount
MIN_EDIT_COST = 2.0


def _deletions(key: str, depth: int) -> set[str]:
    found = {key}
    frontier = {key}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@dataclass
class CandidateIndex:
    """Syllable keys of a model, indexed for exact, confusion and near-miss lookups."""

    model: RestorerModel
    deletion_index: dict[str, list[str]] = field(default_factory=dict)
    # the same with one deletion at most: a search one edit away meets half the keys
    one_deletion_index: dict[str, list[str]] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)  # every syllable, lowercase
    # key -> [(syllable, prior, number of its marks in mark_sets)]: candidates are priced
    # per set of marks, and many syllables share one
    marked: dict[str, list[tuple[str, float, int]]] = field(default_factory=dict)
    mark_sets: list[Marks] = field(default_factory=list)
    # Caches, filled on use (clear_caches empties them; each holds a few thousand entries
    # at most: per profile and OCR marks, per first letter, per profile and setting).
    _mark_costs: dict[tuple[int, Marks], tuple[Profile, list[float]]] = field(
        default_factory=dict, repr=False
    )
    _keys_by_letter: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _edit_costs: dict[tuple, dict[tuple[str, str], float]] = field(default_factory=dict, repr=False)

    def clear_caches(self) -> None:
        """Empty the look-up caches (the indexes stay)."""
        self._mark_costs.clear()
        self._keys_by_letter.clear()
        self._edit_costs.clear()

    def __post_init__(self) -> None:
        self.known = {s for options in self.model.syllables.values() for s, _ in options}
        numbers: dict[Marks, int] = {}
        for key, options in self.model.syllables.items():
            self.marked[key] = [
                (syllable, prior, numbers.setdefault(marks_of(syllable), len(numbers)))
                for syllable, prior in options
            ]
        self.mark_sets = list(numbers)

    def mark_costs(self, profile: Profile, ocr_marks: Marks) -> list[float]:
        """Cost of reading each of ``mark_sets`` (a few dozen) as ``ocr_marks``, once each."""
        cache = self._mark_costs
        found = cache.get((id(profile), ocr_marks))
        if found is None or found[0] is not profile:
            costs = [marks_cost(ocr_marks, marks, profile) for marks in self.mark_sets]
            found = cache[(id(profile), ocr_marks)] = (profile, costs)
        return found[1]

    def keys_with_vowel_runs(self, parts: list[str]) -> list[str]:
        """Keys spelt ``parts[0]``, 1-3 vowels, ``parts[1]`` (, 1-3 vowels, ``parts[2]``),
        in key order: what a glyph token may stand for (see glyph_keys). A plain scan of
        the keys sharing the first letter; a pattern compiled per token cost more."""
        by_letter = self._keys_by_letter
        if not by_letter:
            for key in sorted(self.model.syllables):
                by_letter.setdefault(key[:1], []).append(key)
        first, last, gaps = parts[0], parts[-1], len(parts) - 1
        fixed = sum(map(len, parts))
        pool = by_letter.get(first[0], ()) if first else sorted(self.model.syllables)
        found = []
        for key in pool:
            if not (fixed + gaps <= len(key) <= fixed + 3 * gaps) or not (
                key.startswith(first) and key.endswith(last)
            ):
                continue
            middle = key[len(first) : len(key) - len(last)]  # the runs and the parts between
            if gaps == 1:
                if not middle.strip(_VOWELS):
                    found.append(key)
                continue
            inner = parts[1]
            for run in (1, 2, 3):
                rest = middle[run + len(inner) :]
                if (
                    middle[run : run + len(inner)] == inner
                    and 1 <= len(rest) <= 3
                    and not middle[:run].strip(_VOWELS)
                    and not rest.strip(_VOWELS)
                ):
                    found.append(key)
                    break
        return found

    def prepare(self, profiles: Iterable[Profile], learned_edit_weight: float) -> None:
        """Build now what searching a token no key matches needs (~0.02 s), so that a
        loaded restorer does not build it in the middle of its first document."""
        if not self.deletion_index:
            self._build_deletion_index()
        for profile in profiles:
            self.edit_costs(profile, learned_edit_weight)

    def _build_deletion_index(self) -> None:
        """Built on first use (or by prepare): a document whose tokens are all known keys
        never needs it."""
        for key in self.model.syllables:
            for variant in _deletions(key, 2 if len(key) >= 4 else 1):
                self.deletion_index.setdefault(variant, []).append(key)
            for variant in _deletions(key, 1):
                self.one_deletion_index.setdefault(variant, []).append(key)

    def edit_costs(
        self, profile: Profile, learned_edit_weight: float = CandidateParams.learned_edit_weight
    ) -> dict[tuple[str, str], float]:
        """Cost of each single-letter edit (OCR letter, clean letter; '' = none) in the wide
        search: WIDE_EDIT_COST, less ``learned_edit_weight`` times log(1 + how often the
        profile's whole-token readings show it) (the channel data's "nudce"-like tokens: d
        for o, a stray e, i for u)."""
        cache = self._edit_costs
        key = (profile.name, id(profile.readings))  # the hand-written ENG has no readings
        # The costs, once per setting (bench/restore_tune.py changes it between runs).
        settings = (*key, learned_edit_weight)
        costs = cache.get(settings)
        if costs is not None:
            return costs
        found = cache.get(key)
        if found is None:
            counts: dict[tuple[str, str], float] = {}
            for ocr, readings in (profile.readings or {}).items():
                source = ocr_skeleton(ocr.lower())
                for clean, cost in readings:
                    target = ocr_skeleton(clean)
                    if source == target or Levenshtein.distance(source, target) > 2:
                        continue
                    for op in Levenshtein.editops(source, target):
                        edit = (
                            source[op.src_pos] if op.tag != "insert" else "",
                            target[op.dest_pos] if op.tag != "delete" else "",
                        )
                        counts[edit] = counts.get(edit, 0.0) + math.exp(-cost)
            found = cache[key] = counts
        costs = cache[settings] = {
            edit: max(MIN_EDIT_COST, WIDE_EDIT_COST - learned_edit_weight * math.log1p(n))
            for edit, n in found.items()
        }
        return costs

    def keys_starting(self, letter: str) -> dict[str, float]:
        """Every key starting with ``letter``: OCR kept only the first letter ("k" of "kỹ")."""
        return {key: PREFIX_COST for key in self.model.syllables if key[:1] == letter}

    def near_keys(
        self, key: str, wide: bool = False, edit_cost: float = CandidateParams.edit_cost
    ) -> dict[str, float]:
        """Keys one edit away; two edits (longer keys only) when none is one edit away.

        ``wide``: every key up to two edits away, for tokens of three letters or more.
        """
        if not self.deletion_index:
            self._build_deletion_index()
        found: dict[str, float] = {}
        depths = (1, 2) if len(key) >= (3 if wide else 4) else (1,)
        for depth in depths:
            index = self.one_deletion_index if depth == 1 else self.deletion_index
            for variant in _deletions(key, depth):
                for candidate in index.get(variant, ()):
                    if candidate not in found:
                        distance = Levenshtein.distance(key, candidate, score_cutoff=depth)
                        if 0 < distance <= depth:
                            found[candidate] = edit_cost * distance
            if found and not wide:
                break
        return found


GLYPH_COST = 1.0  # a symbol glyph (¢ & € } ...) read for the marked vowel(s) it stands for
GLYPH_ABSORB_COST = 2.0  # ... together with a vowel letter beside it (nhi€ém = nhiệm)
GLYPH_UNMARKED_COST = 1.5  # a glyph stands for a marked vowel: an unmarked syllable is unlikely
GLYPHS = regex.compile(r"[&¢€©®£¥§°~^`´¨{}'‘’@?]+")
_VOWELS = "aeiouy"
# A glyph standing alone between words is a syllable of one vowel: "nghiệp ¢ khu vực"
# = "ở khu vực" (today's Tesseract prints ¢ for a lone ở). The caller decides where.
LONE_GLYPHS = frozenset("¢@&")


def glyph_keys(
    index: CandidateIndex,
    skeleton: str,
    absorb_consonant_cost: float = CandidateParams.glyph_absorb_consonant_cost,
) -> dict[str, float]:
    """Keys an OCR token with symbol glyphs may stand for: each glyph run is 1-3 vowels.

    English-model OCR has no glyph for ệ, ở, ự...: it prints ¢, &, €, }, @ (nu@c = nước)
    or ? (cht?c = chức) instead. A run of such glyphs (with at most one vowel letter on
    either side that the glyph may have swallowed, or the letter before it, which may be
    part of the glyph's shape, at ``absorb_consonant_cost``) is matched against the
    syllable keys as one to three vowels.
    """
    runs = list(GLYPHS.finditer(skeleton))
    if not runs or len(runs) > 2:
        return {}
    found: dict[str, float] = {}
    variants = [_run_variants(skeleton, run.span(), absorb_consonant_cost) for run in runs]
    combos: list[list[tuple[int, int, float]]] = [[]]
    for options in variants:
        combos = [[*c, o] for c in combos for o in options]
    for combo in combos:
        parts, at, cost = [], 0, 0.0  # the letters around the runs, each run 1-3 vowels
        for s, e, c in combo:
            if s < at:
                break
            parts.append(skeleton[at:s])
            at, cost = e, cost + c
        else:
            parts.append(skeleton[at:])
            if not regex.search(r"\p{L}", "".join(parts)) and skeleton not in LONE_GLYPHS:
                continue  # no letter outside the glyphs: nothing to anchor on
            for key in index.keys_with_vowel_runs(parts):
                if skeleton in LONE_GLYPHS and len(key) > 1:
                    continue  # alone, a glyph is one marked vowel (ở), not a run (yêu)
                if cost < found.get(key, 99.0):
                    found[key] = cost
    return found


def _run_variants(
    skeleton: str, span: tuple[int, int], absorb_consonant_cost: float
) -> list[tuple[int, int, float]]:
    """A glyph run's (start, end) variants absorbing 0/1 letter on each side, with cost."""
    start, end = span
    options = []
    for left in (0, 1):
        for right in (0, 1):
            s, e = start - left, end + right
            if (left and (s < 0 or not skeleton[s].isalpha())) or (
                right and (e > len(skeleton) or skeleton[e - 1] not in _VOWELS)
            ):
                continue
            cost = GLYPH_COST + GLYPH_ABSORB_COST * right
            if left:
                cost += GLYPH_ABSORB_COST if skeleton[s] in _VOWELS else absorb_consonant_cost
            options.append((s, e, cost))
    return options


MAX_KEY_COST = 8.0  # rewrites costing more than this are not worth looking up


def confusion_keys(skeleton: str, profile: Profile = ENG, depth: int = 2) -> dict[str, float]:
    """Skeleton rewrites by the profile's letter confusions (up to ``depth``), with cost."""
    by_first = profile.rules_by_first
    found = {skeleton: 0.0}
    frontier = {skeleton: 0.0}
    for _ in range(depth):
        grown: dict[str, float] = {}
        for text, cost in frontier.items():
            for start, ch in enumerate(text):
                for wrong, right, rule_cost, anchored in by_first.get(ch, ()):
                    total = cost + rule_cost
                    if (
                        total > MAX_KEY_COST
                        or (anchored and start)
                        or not text.startswith(wrong, start)
                    ):
                        continue
                    rewritten = text[:start] + right + text[start + len(wrong) :]
                    if total < found.get(rewritten, 99.0):
                        found[rewritten] = grown[rewritten] = total
        frontier = grown
    return found


def learned_edit_cost(source: str, target: str, edit_costs: dict[tuple[str, str], float]) -> float:
    """Sum of the single-letter edits turning ``source`` into ``target`` (wide search)."""
    total = 0.0
    for tag, src_pos, dest_pos in Levenshtein.editops(source, target).as_list():
        edit = (
            source[src_pos] if tag != "insert" else "",
            target[dest_pos] if tag != "delete" else "",
        )
        total += edit_costs.get(edit, WIDE_EDIT_COST)
    return total


def ocr_skeleton(lower: str) -> str:
    """Lowercase OCR text without marks, ligatures unfolded (ﬁ → fi)."""
    return strip_marks(unicodedata.normalize("NFKC", lower)).lower()
