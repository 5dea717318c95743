"""The OCR channel: which clean syllables an OCR token may stand for, and at what cost.

A candidate's cost is -log P(OCR token | clean syllable), split in two parts:

* the *skeleton* (letters without marks, đ→d): the same key costs nothing; known OCR
  letter confusions (w for ư, 6 for ô, P/D for Đ, "ir" for ư) cost a little; any other
  edit (found with a SymSpell-style deletion index over the syllable keys) costs more;
* the *marks*: how the OCR token's tone and vowel marks compare with the candidate's,
  under a profile: ``eng`` (English-model OCR: marks mostly lost, é/á standing for any
  marked e/a) or ``vie`` (Vietnamese-model OCR: marks kept, so they are trusted and a
  change costs a lot; hook/tilde read as acute is the cheap exception).

With a learned channel, two finer tables take over where they can price a candidate:
where OCR token and syllable have one length, the *character channel* prices the whole
token character by character, marks and tone on both sides (English-model OCR prints g
for ợ, 6 for ổ, plain o for ồ far more than for ố); else a letter confusion that replaced
one letter for one is priced by the marked letter it hides (6 is ô, seldom ơ or o).

The profile is chosen per document from how many tokens carry marks only a Vietnamese
model produces (ơ, ư, ă, đ, dot below, hook above).

Beyond that: a symbol glyph English-model OCR prints for a marked vowel (s&, nghi¢p, nu@c,
cht?c) matches any vowels of a key; a token that is no syllable at all (nudce, kmh) is
searched wider (two free edits, priced by how often the channel's readings show each
letter edit); a lone consonant the caller saw in running words may stand for a syllable
it begins (t = tổ).

The parts: the profiles and their mark costs (normalize/channel_profile.py), the keys a
token may stand for (normalize/channel_keys.py); this module prices and ranks the
syllables behind those keys (``candidates``).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import lru_cache

from sohoa.normalize.channel_keys import (
    CONSONANTS,
    EXPANDABLE,
    GLYPH_UNMARKED_COST,
    LONE_GLYPHS,
    PREFIX_COST,
    CandidateIndex,
    confusion_keys,
    glyph_keys,
    learned_edit_cost,
    ocr_skeleton,
)
from sohoa.normalize.channel_profile import Profile, marks_of
from sohoa.normalize.params import CandidateParams
from sohoa.normalize.tokens import HORN_AFTER_VOWEL
from sohoa.normalize.unicode import split_tone

# The tunable ones are CandidateParams' (normalize/params.py); these are fixed.
RESERVE = 40  # pruned candidates kept aside for document adaptation
NEAR_KEPT = 4  # candidates kept from free edits
LONE_LETTER_KEPT = 24  # syllables (the commonest) such a letter may stand for
LONE_LETTER_COST = 2.0  # on top of PREFIX_COST: a lone consonant in running words expanded
WIDE_KEY_MARGIN = 10.0  # wide-search keys costing this much above the cheapest are dropped


@lru_cache(maxsize=65536)
def untoned(syllable: str) -> str:
    """The syllable without its tone, its vowel marks kept (hoạch → hoach, tiến → tiên)."""
    return split_tone(syllable)[0]


def _char_cost(
    ocr: str, syllable: str, chars: dict[tuple[str, str], float], weight: float
) -> float | None:
    """-log P(OCR token | syllable) character by character; None if a pair was never seen."""
    total = 0.0
    for o_ch, c_ch in zip(ocr, syllable, strict=True):
        cost = chars.get((c_ch, o_ch))
        if cost is None:
            return None
        total += cost
    return weight * total


def _letter_cost(
    syllable: str,
    skeleton: str,
    swapped: list[int],
    letters: dict[tuple[str, str], float],
    weight: float,
) -> float | None:
    """Cost of the OCR letters at ``swapped`` read for the syllable's marked letters there.

    None (the rule cost stays) where the syllable's letters do not line up one for one
    with the OCR's or a pair was never seen.
    """
    bare = untoned(syllable)
    if len(bare) != len(skeleton):
        return None
    total = 0.0
    for i in swapped:
        cost = letters.get((bare[i], skeleton[i]))
        if cost is None:
            return None
        total += weight * cost
    return total


@dataclass(frozen=True)
class _Pricing:
    """What prices one OCR token's candidate syllables: its letters and marks, the
    profile's tables and the search's settings (``candidates``' ``rank``)."""

    index: CandidateIndex
    lower: str  # the token, lowercase, a horn apostrophe dropped
    skeleton: str
    params: CandidateParams
    letters: dict[tuple[str, str], float] | None
    chars: dict[tuple[str, str], float] | None
    letter_or_same: frozenset[tuple[str, str]]  # letter pairs seen, or a letter kept
    char_pairs: frozenset[tuple[str, str]]
    costs_of_marks: list[float]  # by the syllables' mark numbers (index.mark_costs)

    @classmethod
    def of(
        cls, index: CandidateIndex, lower: str, profile: Profile, params: CandidateParams
    ) -> _Pricing:
        skeleton = ocr_skeleton(lower)
        letters = profile.letters if params.letter_weight else None
        chars = profile.chars if params.char_weight else None
        letter_pairs = profile.letter_pairs if letters else frozenset()
        # Many syllables share one set of marks: its cost is computed once per OCR marks.
        return cls(
            index,
            lower,
            skeleton,
            params,
            letters,
            chars,
            letter_pairs | {(ch, ch) for ch in skeleton},
            profile.char_pairs if chars else frozenset(),
            index.mark_costs(profile, marks_of(lower)),
        )

    def key_syllables(self, key: str, key_cost: float) -> list[tuple[float, str, float]]:
        """(cost less prior, syllable, cost) of the syllables of ``key``."""
        skeleton, letters, chars = self.skeleton, self.letters, self.chars
        # Letters the confusions replaced one for one: priced by the marked clean letter,
        # if every such OCR letter was seen standing for it (else the rule costs stay).
        swapped = (
            [i for i in range(len(key)) if key[i] != skeleton[i]]
            if letters
            and len(key) == len(skeleton)
            and key != skeleton
            and self.letter_or_same.issuperset(zip(key, skeleton, strict=True))
            else None
        )
        # Only keys whose every letter the OCR's character was seen standing for.
        by_chars = (
            chars is not None
            and len(key) == len(self.lower)
            and self.char_pairs.issuperset(zip(key, self.lower, strict=True))
        )
        costs_of_marks = self.costs_of_marks
        if not by_chars and not swapped:
            # The common case (near misses): the key's cost plus each syllable's marks.
            found = []
            for syllable, prior, number in self.index.marked[key]:
                total = key_cost + costs_of_marks[number]
                found.append((total - prior, syllable, total))
            return found
        found = []
        params = self.params
        for syllable, prior, number in self.index.marked[key]:
            full = _char_cost(self.lower, syllable, chars, params.char_weight) if by_chars else None
            if full is not None:  # the character channel prices letters and marks
                total = full
            else:
                letter_cost = (
                    _letter_cost(syllable, skeleton, swapped, letters, params.letter_weight)
                    if swapped
                    else None
                )
                letters_total = key_cost if letter_cost is None else letter_cost
                total = letters_total + costs_of_marks[number]
            found.append((total - prior, syllable, total))
        return found

    def rank(
        self,
        found_keys: dict[str, float],
        glyph_found: dict[str, float] | None = None,
        first: int | None = None,
    ) -> list[tuple[str, float]]:
        """The syllables of the keys, cheapest first (only the ``first`` ones if given)."""
        syllables = self.index.model.syllables
        # (cost less prior, syllable, cost): a syllable has one key, so each comes once here
        ranked: list[tuple[float, str, float]] = []
        for key, key_cost in found_keys.items():
            if syllables.get(key):  # most confusion rewrites are no syllable's key
                ranked += self.key_syllables(key, key_cost)
        if glyph_found:
            for key, key_cost in glyph_found.items():
                for syllable, prior in syllables.get(key, ()):
                    # The glyph hides which marks: any marked syllable will do.
                    total = key_cost + (GLYPH_UNMARKED_COST if syllable == key else 0.0)
                    ranked.append((total - prior, syllable, total))
            # A syllable reached both ways counts once, at its cheaper cost.
            cheapest: dict[str, tuple[float, str, float]] = {}
            for item in ranked:
                held = cheapest.get(item[1])
                if held is None or item < held:
                    cheapest[item[1]] = item
            ranked = list(cheapest.values())
        # By cost less prior; ties broken by the syllable itself: near-miss keys arrive in
        # set order, which changes with the hash seed, and output must not.
        ranked = sorted(ranked) if first is None else heapq.nsmallest(first, ranked)
        return [(syllable, cost) for _, syllable, cost in ranked]


def candidates(
    index: CandidateIndex,
    core: str,
    profile: Profile,
    limit: int | None = None,
    near_limit: int | None = None,
    lone_letter_expands: bool = False,
    params: CandidateParams = CandidateParams(),  # noqa: B008  (frozen: one shared default)
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Clean syllables (lowercase) for an OCR word core with their channel cost.

    Returns the kept candidates and a reserve of pruned ones (the next best), from which
    the decoder's second pass takes the syllables the document has confirmed.

    Syllables reached by the exact key or the known confusions and those reached only by
    free edits are ranked apart (channel cost minus unigram log-prior) and the best
    ``limit`` and ``near_limit`` of each kept, so rare spellings sharing a cheap key do
    not crowd out the common ones, nor near misses the exact ones.

    A lone letter gains marks only, unless ``lone_letter_expands`` (the caller saw it in
    running words, where it cannot be a unit or a list letter): then it may also be a
    syllable the OCR shrank to its first letter ("t chức" = "tổ chức"). ``params``: the
    search's settings (``limit`` defaults to its ``kept``).
    """
    limit = params.kept if limit is None else limit
    near_limit = NEAR_KEPT if near_limit is None else near_limit
    lower = HORN_AFTER_VOWEL.sub("", core.lower())  # the apostrophe was a horn: hu’ong
    skeleton = ocr_skeleton(lower)
    keys = _exact_keys(core, skeleton, profile)
    glyphs = glyph_keys(index, skeleton, params.glyph_absorb_consonant_cost)
    lone_letter_expands = lone_letter_expands and skeleton in EXPANDABLE
    near, near_limit_here = _near_keys(
        index, lower, keys, profile, params, lone_letter_expands, near_limit
    )
    pricing = _Pricing.of(index, lower, profile, params)
    exact = pricing.rank(keys, glyphs)
    chosen = dict(exact[:limit])
    for syllable, cost in (profile.readings or {}).get(lower, ()):
        if syllable in index.known:  # seen in the channel data: as likely as it was there
            chosen[syllable] = min(chosen.get(syllable, 99.0), cost + params.reading_cost)
    # Near misses beyond those kept, the reserve and the ones already chosen are never
    # used, but for a lone letter's reserve (filtered below): not worth sorting.
    needed = near_limit_here + RESERVE + len(chosen)
    near_ranked = pricing.rank(
        {k: c for k, c in near.items() if k not in keys},
        first=None if len(skeleton) == 1 and not lone_letter_expands else needed,
    )
    for syllable, cost in near_ranked[:near_limit_here]:
        chosen.setdefault(syllable, cost)
    reserve = [
        item for item in exact[limit:] + near_ranked[near_limit_here:] if item[0] not in chosen
    ]
    if len(skeleton) == 1:
        chosen, reserve = _lone_letter(chosen, reserve, lower, profile, params, lone_letter_expands)
    return sorted(chosen.items(), key=lambda item: item[1]), reserve[:RESERVE]


def _exact_keys(core: str, skeleton: str, profile: Profile) -> dict[str, float]:
    """The keys the token's letters read as they are or through known confusions."""
    keys = confusion_keys(skeleton, profile)
    if "I" in core[1:] or (core[:1] == "I" and core[1:2].islower()):
        # Capital I where OCR means l (Iy = lý); an all-caps I is an I.
        relettered = ocr_skeleton(core.replace("I", "l").lower())
        for key, cost in confusion_keys(relettered, profile).items():
            keys[key] = min(keys.get(key, 99.0), cost + 0.8)
    return keys


def _near_keys(
    index: CandidateIndex,
    lower: str,
    keys: dict[str, float],
    profile: Profile,
    params: CandidateParams,
    lone_letter_expands: bool,
    near_limit: int,
) -> tuple[dict[str, float], int]:
    """The keys the token reaches by free edits (or as a shrunk syllable's first letter),
    and how many of their syllables are kept."""
    skeleton = ocr_skeleton(lower)
    near = index.near_keys(skeleton, edit_cost=params.edit_cost) if len(skeleton) > 1 else {}
    if profile.trusts_letters and lower in index.known:
        near = {}  # a Vietnamese-model OCR of a real syllable: its letters are right
    if skeleton in CONSONANTS and len(keys) == 1 and skeleton not in index.model.syllables:
        near = index.keys_starting(skeleton)
    if lone_letter_expands:
        expanded = {
            key: cost + LONE_LETTER_COST for key, cost in index.keys_starting(skeleton).items()
        }
        return expanded, LONE_LETTER_KEPT
    if len(skeleton) >= 3 and skeleton.isalpha() and skeleton not in index.model.syllables:
        return _wide_keys(index, skeleton, keys, near, profile, params), params.wide_kept
    return near, near_limit


def _wide_keys(
    index: CandidateIndex,
    skeleton: str,
    keys: dict[str, float],
    near: dict[str, float],
    profile: Profile,
    params: CandidateParams,
) -> dict[str, float]:
    """``near`` widened for a token that is no Vietnamese syllable as it stands: the OCR
    garbled it beyond one letter ("nudce" = nước, "kmh" = kinh). Two free edits, and one
    free edit after a cheap known confusion; the LM chooses."""
    learned = params.learned_edit_weight
    edit_costs = index.edit_costs(profile, learned) if learned else {}
    # Two free edits only when no cheap confusion reaches a syllable ("hdi" = hội).
    reached = any(
        cost <= params.wide_confusion_cost and key in index.model.syllables
        for key, cost in keys.items()
    )
    wide = {
        found: learned_edit_cost(skeleton, found, edit_costs)
        for found in index.near_keys(skeleton, wide=not reached)
    }
    for key, key_cost in keys.items():
        if 0 < key_cost <= params.wide_confusion_cost:
            for found in index.near_keys(key):
                cost = key_cost + learned_edit_cost(key, found, edit_costs)
                wide[found] = min(wide.get(found, 99.0), cost)
    for key, cost in wide.items():
        near[key] = min(near.get(key, 99.0), cost)
    # Keys far costlier than the cheapest never make an option (the decoder drops
    # options beyond its margin): not worth ranking.
    ceiling = min(near.values(), default=0.0) + WIDE_KEY_MARGIN
    return {key: cost for key, cost in near.items() if cost <= ceiling}


def _lone_letter(
    chosen: dict[str, float],
    reserve: list[tuple[str, float]],
    lower: str,
    profile: Profile,
    params: CandidateParams,
    expands: bool,
) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """A one-letter token's candidates: what the letter may stand for."""
    skeleton = ocr_skeleton(lower)
    if expands:
        # The letter itself with marks, or a syllable it begins, all equally likely but for
        # whole-token readings seen in the channel data; the LM chooses.
        readings = dict((profile.readings or {}).get(lower, ()))
        chosen = {
            s: c
            if ocr_skeleton(s) == skeleton
            else min(readings.get(s, 99.0) + params.reading_cost, PREFIX_COST + LONE_LETTER_COST)
            for s, c in chosen.items()
            if ocr_skeleton(s)[:1] == skeleton
        }
        return chosen, []
    if skeleton not in LONE_GLYPHS:
        # A lone letter is a unit, a symbol or a list marker far more often than a whole
        # syllable the OCR shrank ("3 x 4 m", "mục d"): it may gain marks, never letters.
        chosen = {s: c for s, c in chosen.items() if ocr_skeleton(s) == skeleton}
        reserve = [item for item in reserve if ocr_skeleton(item[0]) == skeleton]
    return chosen, reserve
