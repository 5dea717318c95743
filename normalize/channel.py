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
"""

from __future__ import annotations

import dataclasses
import heapq
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.corpus.model import RestorerModel
from sohoa.normalize.params import CandidateParams
from sohoa.normalize.tokens import HORN_AFTER_VOWEL
from sohoa.normalize.unicode import split_tone, strip_marks

# OCR skeleton substring -> clean skeleton substring, cost (English-model confusions).
LETTER_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("w", "u", 0.7),  # ư
    ("uw", "uo", 0.8),  # ươ
    ("w", "uo", 1.0),  # ươ
    ("w", "o", 1.2),  # ơ
    ("ir", "u", 1.2),  # ư
    ("ur", "u", 1.5),
    ("6", "o", 0.7),  # ô with a tone
    ("0", "o", 1.5),
    ("1", "l", 1.0),
    ("5", "s", 1.5),
    ("3", "a", 2.0),
    ("4", "a", 2.0),
    ("^p", "d", 1.2),  # Đ read as P ("^": at the start of a word only, where Đ stands)
    ("^b", "d", 1.5),  # Đ read as B/b
    ("y", "u", 1.5),  # ụ/ự read as y
    ("fi", "fi", 0.0),
)
# Older English-model OCR engines (seed 000's kind) print P for a word-initial Đ ("Pé an" =
# "Đề án"); today's Tesseract, whose OCR of our renders the channel is learned from, never
# does. Kept beside the learned rules. (B for Đ was measured too: it costs validation WER.)
# The same engines print ¢ for a word-initial c (¢6 = có; tokens.LETTER_GLYPHS) and 0
# for o (c0 = có, as the hand-written fallback rules say; the learned channel never saw it).
OLDER_ENGINE_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("^p", "d", 1.2),
    ("^¢", "c", 1.5),
    ("0", "o", 2.0),
)
VIETNAMESE_ONLY = set("ăĂơƠưƯđĐ") | {
    ch
    for ch in map(chr, range(0x1EA0, 0x1EFA))  # the Latin Extended Additional block
}
PREFIX_COST = 6.0  # a syllable of which OCR kept only the first letter
CONSONANTS = set("bcdghklmnpqrstvx")
# Lone consonants that may be a syllable shrunk to its first letter; never x, which is a
# multiplication sign between words too ("dài x rộng").
EXPANDABLE = frozenset(CONSONANTS - {"x"})


@dataclass(frozen=True)
class Profile:
    """Channel costs (-log P) of one kind of OCR; learned from channel pairs when available."""

    name: str
    tone_lost: float  # OCR shows no tone, the syllable has one
    tone_added: float  # OCR shows a tone, the syllable has none
    tone_swapped: float  # OCR shows another tone
    acute_for_hook: float  # OCR shows acute where the syllable has hook/tilde (vie)
    mark_lost: float  # OCR lacks a vowel mark (ă â ê ô ơ ư đ) the syllable has
    mark_added: float  # OCR has a vowel mark the syllable lacks
    keep_unknown: float  # cost of leaving a token that is no known syllable as it is
    tone_kept: float = 0.0  # OCR shows the syllable's tone
    level_kept: float = 0.0  # neither has a tone
    mark_kept: float = 0.0  # OCR shows a vowel mark the syllable has
    rules: tuple[tuple[str, str, float], ...] = LETTER_CONFUSIONS
    learned: bool = False
    trusts_letters: bool = False  # a real syllable in the OCR is never replaced by free edits
    readings: dict[str, list[tuple[str, float]]] | None = field(
        default=None, hash=False, compare=False
    )  # whole OCR tokens seen in the channel data -> [(clean, cost)]
    # (clean letter with its vowel marks, OCR letter) -> cost of that substitution
    letters: dict[tuple[str, str], float] | None = field(default=None, hash=False, compare=False)
    # (clean character, OCR character), marks and tone included -> -log P(OCR | clean)
    chars: dict[tuple[str, str], float] | None = field(default=None, hash=False, compare=False)

    @property
    def rules_by_first(self) -> dict[str, list[tuple[str, str, float, bool]]]:
        return _index_rules(self.rules)

    @cached_property
    def letter_pairs(self) -> frozenset[tuple[str, str]]:
        """The (key letter, OCR character) pairs ``letters`` can price, made once."""
        return skeleton_pairs(self.letters)

    @cached_property
    def char_pairs(self) -> frozenset[tuple[str, str]]:
        """The (key letter, OCR character) pairs ``chars`` can price, made once."""
        return skeleton_pairs(self.chars)


# Hand-written fallbacks, used when a model carries no learned channel.
ENG = Profile("eng", 0.35, 1.2, 0.6, 0.6, 0.35, 1.5, 4.0)
VIE = Profile("vie", 2.5, 3.0, 4.0, 2.0, 3.0, 3.5, 3.0, trusts_letters=True)


@lru_cache(maxsize=16)
def _index_rules(
    rules: tuple[tuple[str, str, float], ...],
) -> dict[str, list[tuple[str, str, float, bool]]]:
    """Rules by the first OCR letter they rewrite, each with whether it is word-initial only."""
    index: dict[str, list[tuple[str, str, float, bool]]] = {}
    for wrong, right, cost in rules:
        letters, anchored = rule_letters(wrong)
        index.setdefault(letters[0], []).append((letters, right, cost, anchored))
    return index


def rule_letters(wrong: str) -> tuple[str, bool]:
    """A rule's OCR letters and whether it holds at a word's start only ("^p": Đ read as P)."""
    return wrong.removeprefix("^"), wrong.startswith("^")


def learned_profile(
    fallback: Profile,
    channel: dict | None,
    kept_rules: tuple[tuple[str, str, float], ...] = (),
) -> Profile:
    """The fallback profile with the mark costs and letter rules learned from pairs.

    ``kept_rules`` stay beside the learned ones: confusions the channel data cannot show.
    """
    if not channel:
        return fallback
    marks = channel["marks"]
    fields = {k: marks[k] for k in Profile.__dataclass_fields__ if k in marks}
    rules = tuple(tuple(rule) for rule in channel["rules"])
    rules += tuple(rule for rule in kept_rules if rule[:2] not in {r[:2] for r in rules})
    return dataclasses.replace(
        fallback,
        **fields,
        rules=rules,  # type: ignore[arg-type]
        learned=True,
        readings=channel.get("readings") or None,
        letters={(clean, ocr): cost for clean, ocr, cost in channel.get("letters", ())} or None,
        chars={(clean, ocr): cost for clean, ocr, cost in channel.get("chars", ())} or None,
    )


def profiles_of(model: RestorerModel) -> dict[str, Profile]:
    channels = getattr(model, "channels", {}) or {}
    eng = learned_profile(ENG, channels.get("eng"), OLDER_ENGINE_CONFUSIONS)
    found = {
        "eng": eng,
        "vie": learned_profile(VIE, channels.get("vie")),
        # Text with its marks stripped and its letters whole (typed without diacritics):
        # which letter English-model OCR prints for which marked one says nothing there.
        "plain": dataclasses.replace(eng, name="plain", letters=None, chars=None),
    }
    if channels.get("eng-legacy"):  # Tesseract's legacy engine (corpus/channel_pairs.py)
        found["eng-legacy"] = learned_profile(
            dataclasses.replace(ENG, name="eng-legacy"),
            channels["eng-legacy"],
            OLDER_ENGINE_CONFUSIONS,
        )
    return found


_PLAIN_WORD = regex.compile(r"^[A-Za-z]+$")


# An apostrophe between letters: the legacy engine's horn (lu’o’ng = lường, thu’c = thực).
_INNER_QUOTE = regex.compile(r"\p{L}[’'‘`]\p{L}")
# Share of words with one that makes a text the legacy engine's: on the channel pages,
# Tesseract LSTM eng 0-0.2% of words a page, the legacy engine 6.1-15.7%.
LEGACY_QUOTE_SHARE = 0.02


def choose_profile(words: list[str], profiles: dict[str, Profile] | None = None) -> Profile:
    """``vie`` if enough words carry marks only a Vietnamese OCR model produces; ``plain``
    if every word is plain ASCII letters (no mark, glyph or digit an OCR would leave);
    ``eng-legacy`` (when the model has it) if enough words hold an apostrophe between
    letters as the legacy engine prints horns; else ``eng``."""
    profiles = profiles or {"eng": ENG, "vie": VIE}
    if not words:
        return profiles["eng"]  # no marked word at all: nothing to trust
    if "plain" in profiles and all(_PLAIN_WORD.match(w) for w in words):
        return profiles["plain"]
    marked = sum(any(ch in VIETNAMESE_ONLY for ch in w) for w in words)
    if marked / len(words) > 0.08:
        return profiles["vie"]
    if "eng-legacy" in profiles:
        quoted = sum(bool(_INNER_QUOTE.search(w)) for w in words)
        if quoted / len(words) >= LEGACY_QUOTE_SHARE:
            return profiles["eng-legacy"]
    return profiles["eng"]


_MARK_BITS = {ch: 1 << bit for bit, ch in enumerate("ăâêôơưđ")}


@lru_cache(maxsize=65536)
def _marks(text: str) -> tuple[int, int]:
    """Tone number and the vowel marks (ă â ê ô ơ ư đ) of text, one bit per mark.

    Bits rather than a set of letters: cheap to make, compare and keep in the cache.
    """
    untoned, tone = split_tone(text)
    mods = 0
    for ch in untoned:
        mods |= _MARK_BITS.get(ch, 0)
    return tone, mods


Marks = tuple[int, int]  # tone number, vowel-mark bits


def mark_cost(ocr: str, clean: str, profile: Profile) -> float:
    return marks_cost(_marks(ocr), _marks(clean), profile)


def marks_cost(ocr_marks: Marks, clean_marks: Marks, profile: Profile) -> float:
    """Channel cost of reading the marks ``clean_marks`` as ``ocr_marks``."""
    tone_o, mods_o = ocr_marks
    tone_c, mods_c = clean_marks
    if tone_o == tone_c:
        cost = profile.tone_kept if tone_c else profile.level_kept
    elif tone_o == 0:
        cost = profile.tone_lost
    elif tone_c == 0:
        cost = profile.tone_added
    elif tone_o == 1 and tone_c in (3, 4):
        cost = profile.acute_for_hook
    else:
        cost = profile.tone_swapped
    cost += profile.mark_kept * (mods_c & mods_o).bit_count()
    cost += profile.mark_lost * (mods_c & ~mods_o).bit_count()
    cost += profile.mark_added * (mods_o & ~mods_c).bit_count()
    return cost


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
                (syllable, prior, numbers.setdefault(_marks(syllable), len(numbers)))
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
_GLYPHS = regex.compile(r"[&¢€©®£¥§°~^`´¨{}'‘’@?]+")
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
    runs = list(_GLYPHS.finditer(skeleton))
    if not runs or len(runs) > 2:
        return {}
    found: dict[str, float] = {}
    # Each run: (start, end) variants absorbing 0/1 vowel on each side, with their cost.
    variants: list[list[tuple[int, int, float]]] = []
    for run in runs:
        start, end = run.span()
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
        variants.append(options)
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


# The tunable ones are CandidateParams' (normalize/params.py); these are fixed.
RESERVE = 40  # pruned candidates kept aside for document adaptation
NEAR_KEPT = 4  # candidates kept from free edits
LONE_LETTER_KEPT = 24  # syllables (the commonest) such a letter may stand for
LONE_LETTER_COST = 2.0  # on top of PREFIX_COST: a lone consonant in running words expanded
WIDE_EDIT_COST = 8.0  # a free edit in the wide search, less its learned discount
MIN_EDIT_COST = 2.0
WIDE_KEY_MARGIN = 10.0  # wide-search keys costing this much above the cheapest are dropped


def skeleton_pairs(table: dict[tuple[str, str], float] | None) -> frozenset[tuple[str, str]]:
    """(key letter, OCR character) pairs a table can price: a key letter's any marked form.
    Kept per profile (``Profile.letter_pairs``, ``Profile.char_pairs``)."""
    return frozenset((strip_marks(clean), ocr) for clean, ocr in table or ())


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
    keys = confusion_keys(skeleton, profile)
    if "I" in core[1:] or (core[:1] == "I" and core[1:2].islower()):
        # Capital I where OCR means l (Iy = lý); an all-caps I is an I.
        relettered = ocr_skeleton(core.replace("I", "l").lower())
        for key, cost in confusion_keys(relettered, profile).items():
            keys[key] = min(keys.get(key, 99.0), cost + 0.8)
    glyphs = glyph_keys(index, skeleton, params.glyph_absorb_consonant_cost)
    near = index.near_keys(skeleton, edit_cost=params.edit_cost) if len(skeleton) > 1 else {}
    if profile.trusts_letters and lower in index.known:
        near = {}  # a Vietnamese-model OCR of a real syllable: its letters are right
    if skeleton in CONSONANTS and len(keys) == 1 and skeleton not in index.model.syllables:
        near = index.keys_starting(skeleton)
    near_limit_here = near_limit
    lone_letter_expands = lone_letter_expands and skeleton in EXPANDABLE
    if lone_letter_expands:
        near = {key: cost + LONE_LETTER_COST for key, cost in index.keys_starting(skeleton).items()}
        near_limit_here = LONE_LETTER_KEPT
    if len(skeleton) >= 3 and skeleton.isalpha() and skeleton not in index.model.syllables:
        # No Vietnamese syllable as it stands: the OCR garbled it beyond one letter
        # ("nudce" = nước, "kmh" = kinh). Widen the search (two free edits, and one free
        # edit after a cheap known confusion) and let the LM choose.
        near_limit_here = params.wide_kept
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
        near = {key: cost for key, cost in near.items() if cost <= ceiling}

    syllables = index.model.syllables
    marked = index.marked
    letters = profile.letters if params.letter_weight else None
    chars = profile.chars if params.char_weight else None
    letter_pairs = profile.letter_pairs if letters else frozenset()
    char_pairs = profile.char_pairs if chars else frozenset()
    letter_or_same = letter_pairs | {(ch, ch) for ch in skeleton}  # ... or a letter kept
    # Many syllables share one set of marks: its cost is computed once per OCR marks.
    ocr_marks = _marks(lower)
    costs_of_marks = index.mark_costs(profile, ocr_marks)

    def rank(
        found_keys: dict[str, float],
        glyph_found: dict[str, float] | None = None,
        first: int | None = None,
    ) -> list[tuple[str, float]]:
        """The syllables of the keys, cheapest first (only the ``first`` ones if given)."""
        # (cost less prior, syllable, cost): a syllable has one key, so each comes once here
        ranked: list[tuple[float, str, float]] = []
        for key, key_cost in found_keys.items():
            key_syllables = syllables.get(key)
            if not key_syllables:
                continue  # most confusion rewrites are no syllable's key
            # Letters the confusions replaced one for one: priced by the marked clean letter,
            # if every such OCR letter was seen standing for it (else the rule costs stay).
            swapped = (
                [i for i in range(len(key)) if key[i] != skeleton[i]]
                if letters
                and len(key) == len(skeleton)
                and key != skeleton
                and letter_or_same.issuperset(zip(key, skeleton, strict=True))
                else None
            )
            # Only keys whose every letter the OCR's character was seen standing for.
            by_chars = (
                chars is not None
                and len(key) == len(lower)
                and char_pairs.issuperset(zip(key, lower, strict=True))
            )
            if not by_chars and not swapped:
                # The common case (near misses): the key's cost plus each syllable's marks.
                for syllable, prior, number in marked[key]:
                    total = key_cost + costs_of_marks[number]
                    ranked.append((total - prior, syllable, total))
                continue
            for syllable, prior, number in marked[key]:
                full = _char_cost(lower, syllable, chars, params.char_weight) if by_chars else None
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
                ranked.append((total - prior, syllable, total))
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

    exact = rank(keys, glyphs)
    chosen = dict(exact[:limit])
    for syllable, cost in (profile.readings or {}).get(lower, ()):
        if syllable in index.known:  # seen in the channel data: as likely as it was there
            chosen[syllable] = min(chosen.get(syllable, 99.0), cost + params.reading_cost)
    # Near misses beyond those kept, the reserve and the ones already chosen are never
    # used, but for a lone letter's reserve (filtered below): not worth sorting.
    needed = near_limit_here + RESERVE + len(chosen)
    near_ranked = rank(
        {k: c for k, c in near.items() if k not in keys},
        first=None if len(skeleton) == 1 and not lone_letter_expands else needed,
    )
    for syllable, cost in near_ranked[:near_limit_here]:
        chosen.setdefault(syllable, cost)
    reserve = [
        item for item in exact[limit:] + near_ranked[near_limit_here:] if item[0] not in chosen
    ]
    if len(skeleton) == 1 and lone_letter_expands:
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
        reserve = []
    elif len(skeleton) == 1 and skeleton not in LONE_GLYPHS:
        # A lone letter is a unit, a symbol or a list marker far more often than a whole
        # syllable the OCR shrank ("3 x 4 m", "mục d"): it may gain marks, never letters.
        chosen = {s: c for s, c in chosen.items() if ocr_skeleton(s) == skeleton}
        reserve = [item for item in reserve if ocr_skeleton(item[0]) == skeleton]
    return sorted(chosen.items(), key=lambda item: item[1]), reserve[:RESERVE]
