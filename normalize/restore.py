"""Stage 2: restore Vietnamese diacritics in OCR'd text, logging every change.

    load_model(path | None) -> Restorer         (None = the model shipped in corpus/data/)
    restore_text(text, model) -> (text, edits)   any text; one Edit per changed token
    restore_document(doc, model) -> doc          OCR/TXT pages' words restored in place

How: the text is tokenized (whitespace and punctuation kept exactly); word cores get
candidate syllables from the channel model; a beam search over the trigram LM picks one
per word; a second pass adds a small bonus for syllables the first pass was sure of in
this document, and prices cheaper the vowel letters the first pass saw this document's OCR
misread its own way (document adaptation). Digits, numbers, URLs and unknown acronyms are
never changed; a code's letters change only into a known code (QD, QP → QĐ; never CP, GD,
which are codes themselves: the model's code vocabulary).

Correct text comes back unchanged: in text whose marks are trusted (the ``vie`` profile) a
real marked syllable yields only to strong evidence (TRUSTED_MARKED_COST) and plain-ASCII
foreign words stay; a word keeps its own tone placement (hoà, uỷ), restored words take the
text's dominant one, and ``tone_style`` normalises only when asked. Long texts are
restored in windows (``windows``), so time grows linearly. An edit's confidence is its
calibrated probability of being right when corpus/data holds a calibration map
(normalize/calibration.py).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from sohoa.corpus.build import PUNCT_UNITS, syllable_shaped, word_unit
from sohoa.corpus.model import (
    Candidates,
    PackedCandidates,
    RestorerModel,
    load_model_file,
    long_lived_gc_paused,
)
from sohoa.errors import SohoaError
from sohoa.model import Alternative, Document, Edit
from sohoa.normalize.calibration import Calibration, load_calibration
from sohoa.normalize.channel import (
    EXPANDABLE,
    LONE_GLYPHS,
    LONE_LETTER_COST,
    PREFIX_COST,
    CandidateIndex,
    Profile,
    candidates,
    choose_profile,
    ocr_skeleton,
    profiles_of,
    untoned,
)
from sohoa.normalize.decoder import Choice, Option, decode
from sohoa.normalize.language import foreign_spans, judge
from sohoa.normalize.tokens import HORN_AFTER_VOWEL, LETTER_GLYPHS, Token, tokenize
from sohoa.normalize.unicode import ToneStyle, nfc, normalize_syllable, strip_marks

ADAPT_MIN_CONFIDENCE = 0.8  # first-pass choices this sure count as the document's words
ADAPT_WEIGHT = 0.6  # log-bonus per log-count of a syllable confirmed in the document
ADAPT_PAIR_WEIGHT = 1.5  # log-bonus per log-count of a confirmed pair of consecutive units
FOREIGN_MIN_LENGTH = 5  # shorter unknown tokens are taken as OCR garbage, not foreign words
FOREIGN_MIN_COST = 14.0  # a long unknown token whose candidates all cost this much is foreign
MIN_CHANGE_CONFIDENCE = 0.3  # below this, a change is not made (the original is kept)
# The beam search tries, under hypotheses other than the best, only options this close to
# the best one's best (decoder.decode's option_margin); the first pass, which only looks
# for the document's sure words, closer.
SEARCH_MARGIN = 10.0
FIRST_PASS_MARGIN = 6.0
MAX_CACHED = 2_000_000  # LM lookups or candidate lists kept between documents
OPTION_MARGIN = 8.0  # channel cost above the cheapest option beyond which options are dropped
# The document's own letter misreadings (document_letter_bonus): seen this often, they
# count, against the learned channel counted as LETTER_PRIOR_WEIGHT readings (0: off).
# Validation: 4.71% (off) / 4.72% (10-50) on OCR like the channel data's, 10.68% / 10.63%
# on scans unlike it (bench/restore_tune.py --ocr eng-shifted).
LETTER_MIN_COUNT = 3
LETTER_PRIOR_WEIGHT = 20.0
UNSEEN_LETTER_COST = 8.0  # -log P of a letter misreading the learned channel never saw
MAX_LETTER_BONUS = 4.0
_VOWELS_AND_D = frozenset("aeiouyd")
# ... and this much further for syllables the document confirmed: an OCR engine unlike the
# one the channel was learned from misreads them its own way (é for ă: "Béc" = "Bắc"). The
# validation set cannot show that (its OCR is that engine): 4.69% / 4.70% / 4.71% / 4.71%
# for 0 / 2 / 4 / 10, all within its noise; 4 was set before 000 was run with it. On
# scans unlike the channel data's (--ocr eng-shifted), 0 / 4: 10.64% / 10.63%.
CONFIRMED_MARGIN = 4.0
CONFIRMED_KEPT = 2  # ... the cheapest this many of them
GARBLED_WORD_COST = 3.0  # a garbled token this cheap to read as a syllable is Vietnamese
# In text whose marks are trusted (the ``vie`` profile: most words carry marks only a
# Vietnamese OCR model or a typist writes), a word that is a real syllable with marks is
# taken as read unless the evidence against it is strong: every other option costs this
# much more (channel units), so the LM alone never swaps one valid syllable for another.
# Chosen on held-out clean text (bench/restore_faithful.py, ~100k words not in the model):
# words changed 0 / 2 / 4 / 6 -> 0.074% / 0.024% / 0.010% / 0.008%; 4 is the knee (more
# buys < 2 words in 100k), but it kept a table cell's "Hằng nắm" (vie OCR for "Hằng năm"),
# which 2 mends: 2 is the smallest cost meeting the 0.05% target twice over. Vie OCR of the
# 002 scans (a test, checked after): heavy 200 dpi 0.20% / 0.29% / 0.29% / 0.39% WER.
TRUSTED_MARKED_COST = 2.0
# In old OCR without marks, this many plain words of 3+ letters that spell no syllable in a
# clause would make a foreign phrase (foreign_words); 0: off. Off: English-model OCR of
# Vietnamese is such words too, and 2 took validation (this session's folds) 4.50% -> 8.36%.
FOREIGN_RUN_IN_OLD_OCR = 0


@dataclass
class Restorer:
    """A loaded model with its candidate index and a per-token candidate cache."""

    model: RestorerModel = field(repr=False)
    index: CandidateIndex = field(repr=False)
    channel_weight: float = 1.3  # LM log-prob weight is 1; channel costs count this much
    beam: int = 6
    adapt: bool = True
    _cache: dict[tuple[str, str], Candidates] = field(default_factory=dict, repr=False)
    profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _tables: dict[str, PackedCandidates] = field(default_factory=dict, repr=False)
    codes: frozenset[str] = field(default=frozenset(), repr=False)  # the model's known codes
    # maps the decoder's confidence to P(edit right) (normalize/calibration.py); None: raw
    calibration: Calibration | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.codes = frozenset(getattr(self.model, "codes", ()))
        self.profiles = profiles_of(self.model)
        self.model.coded()  # the decoder's integer LM, built now rather than mid-restore
        self.index.prepare(self.profiles.values())  # the near-miss search's tables, too
        self._tables = {
            name: PackedCandidates(table)
            for name, table in getattr(self.model, "candidate_tables", {}).items()
        }

    def limit_caches(self) -> None:
        """Keep memory bounded over long batch runs: drop the caches when they grow large."""
        if len(self.model._memo) > MAX_CACHED:
            self.model._memo.clear()
        if len(self.model._rows) > MAX_CACHED // 16:  # a row holds ~16 log-probs on average
            self.model._rows.clear()
        if len(self.model.coded().rows) > MAX_CACHED // 16:
            self.model.coded().rows.clear()
        if len(self._cache) > MAX_CACHED:
            self._cache.clear()

    def candidates(self, core: str, profile: Profile, expand: bool = False) -> Candidates:
        # candidates() sees only core.lower(), apart from a capital I (Iy = lý): "Cong"
        # shares the entry of "cong", which the precomputed tables already hold.
        key = (
            core if "I" in core else core.lower(),
            profile.name + "+" if expand else profile.name,
        )
        found = self._cache.get(key)
        if found is None:
            table = self._tables.get(key[1])  # precomputed in the model
            found = table.get(key[0]) if table else None
            if found is None:
                found = candidates(self.index, core, profile, lone_letter_expands=expand)
            self._cache[key] = found
        return found


def load_model(path: Path | str | None = None) -> Restorer:
    """Load a restorer model file (None = the shipped default)."""
    model = load_model_file(Path(path) if path is not None else None)
    return Restorer(model, CandidateIndex(model), calibration=load_calibration())


def apply_case(original: str, result: str) -> str:
    """Give ``result`` the case pattern of ``original``: ALL CAPS, Capitalised or lower."""
    if original.islower():
        return result  # the common case, settled without looking at each letter
    letters = [ch for ch in original if ch.isalpha()]
    if original[:1] == "I" and original[1:2].islower() and result[:1] == "l":
        return result  # "Iy" was OCR for "lý": the I is a lowercase l
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return result.upper()
    if letters and original[0].isupper():
        return result[:1].upper() + result[1:]
    return result


@dataclass
class _Slot:
    token: int  # index into the token list; -1 for a punctuation unit
    options: list[Option]


def _word_options(
    core: str,
    restorer: Restorer,
    profile: Profile,
    confirmed: frozenset[str] = frozenset(),
    expand: bool = False,
    letter_bonus: dict[tuple[str, str], float] | None = None,
) -> list[Option]:
    """Options for a word core: candidate syllables, and the core itself when unknown.

    ``confirmed`` syllables (sure elsewhere in the document) are offered even if pruned;
    ``expand``: a lone letter in running words may be a syllable shrunk to its first letter;
    ``letter_bonus``: the document's own letter misreadings (see document_letter_bonus).
    """
    model = restorer.model
    composed = nfc(core)
    lower = composed.lower()
    found, reserve = restorer.candidates(composed, profile, expand)
    # Only confirmed syllables of the reserve are offered (none in the first pass).
    reserve = [item for item in reserve if item[0] in confirmed] if confirmed else []
    if letter_bonus:
        skeleton = ocr_skeleton(HORN_AFTER_VOWEL.sub("", lower))
        by_ocr = _bonus_by_ocr_letter(letter_bonus)
        found = _repriced(found, skeleton, by_ocr)
        reserve = _repriced(reserve, skeleton, by_ocr)
    style = model.style
    normal = normalize_syllable(lower, style)  # type: ignore[arg-type]
    if found:
        # Options far costlier than the best one never win against the LM; drop them early,
        # but for syllables the document has confirmed (its OCR may misread them its way).
        ceiling = found[0][1] + OPTION_MARGIN
        beyond = (
            [
                (text, cost)
                for text, cost in found
                if cost > ceiling and text in confirmed and cost <= ceiling + CONFIRMED_MARGIN
            ]
            if confirmed
            else []
        )
        found = [item for item in found if item[1] <= ceiling]
        found += beyond[:CONFIRMED_KEPT]
    options: list[Option] = [(text, text, cost) for text, cost in found]
    options += [(text, text, cost) for text, cost in reserve]
    if confirmed and expand and len(lower) == 1:
        # A shrunk syllable is likelier one the document uses than a rare one it begins.
        offered = {text for text, _, _ in options}
        options += [
            (text, text, PREFIX_COST + LONE_LETTER_COST)
            for text in sorted(confirmed)
            if text not in offered and strip_marks(text)[:1] == lower
        ]
    if (
        len(lower) >= FOREIGN_MIN_LENGTH
        and not syllable_shaped(lower)
        and all(cost >= FOREIGN_MIN_COST for _, _, cost in options)
    ):
        options = []  # an unknown foreign word (Python, LibreOffice): never "corrected"
    if (
        profile.trusts_letters
        and TRUSTED_MARKED_COST
        and normal != strip_marks(normal)
        and model.is_syllable(normal, strip_marks(normal))
    ):
        options = [
            option
            if option[0] == normal
            else (option[0], option[1], option[2] + TRUSTED_MARKED_COST)
            for option in options
        ]
    if normal not in [text for text, _, _ in options]:
        if model.is_syllable(normal, strip_marks(normal)):
            options.insert(0, (normal, normal, 0.0))
        else:
            unit = word_unit(core, style) if not any(c.isdigit() for c in core) else "<code>"
            if unit not in ("<unk>", "<abbr>", "<code>"):
                unit = "<unk>"
            keep = profile.keep_unknown + model.unknown_word_penalty if options else 0.0
            options.append((composed, unit, keep))
    return options


def document_letter_bonus(
    readings: list[tuple[str, str]], letters: dict[tuple[str, str], float]
) -> dict[tuple[str, str], float]:
    """Log-bonus per (clean letter, OCR letter) for the letters this document's OCR misreads
    more often than the learned channel says: (OCR core, syllable) readings it is sure of.

    The channel is learned from one engine; another misreads its own way (an older one
    printed é for â and ă as often as for ô). Each letter's share in the sure readings,
    smoothed towards the learned one by LETTER_PRIOR_WEIGHT readings, over the learned one.
    """
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for (core, syllable), n in Counter(readings).items():  # documents repeat their words
        ocr, clean = ocr_skeleton(HORN_AFTER_VOWEL.sub("", core.lower())), untoned(syllable)
        if len(ocr) != len(clean):
            continue  # letters that do not line up one for one say nothing here
        for o_ch, c_ch in zip(ocr, clean, strict=True):
            totals[c_ch] += n
            if o_ch != c_ch and o_ch != strip_marks(c_ch):
                counts[(c_ch, o_ch)] += n
    bonus = {}
    for (c_ch, o_ch), n in counts.items():
        if n < LETTER_MIN_COUNT or strip_marks(c_ch) not in _VOWELS_AND_D:
            continue  # consonants: an engine's own misreadings are its vowels' marks
        learned = math.exp(-letters.get((c_ch, o_ch), UNSEEN_LETTER_COST))
        share = (n + LETTER_PRIOR_WEIGHT * learned) / (totals[c_ch] + LETTER_PRIOR_WEIGHT)
        if share > learned:
            bonus[(c_ch, o_ch)] = min(math.log(share / learned), MAX_LETTER_BONUS)
    return bonus


def _repriced(
    found: list[tuple[str, float]], skeleton: str, by_ocr: dict[str, dict[str, float]]
) -> list[tuple[str, float]]:
    """Candidates with the document's letter bonus (``_bonus_by_ocr_letter``) taken off
    their cost, cheapest first."""
    # (position, {clean letter: bonus}) for each letter of the token the document misreads
    at = [(i, by_ocr[ch]) for i, ch in enumerate(skeleton) if ch in by_ocr]
    if not at:
        return found  # no letter this document misreads its own way
    repriced, changed = [], False
    for item in found:
        clean = untoned(item[0])
        if len(clean) == len(skeleton):
            cost = item[1]
            for i, by_clean in at:
                gain = by_clean.get(clean[i])
                if gain is not None:
                    cost -= gain
                    changed = True
            item = (item[0], cost)
        repriced.append(item)
    return sorted(repriced, key=lambda item: item[1]) if changed else found


def _bonus_by_ocr_letter(
    bonus: dict[tuple[str, str], float],
) -> dict[str, dict[str, float]]:
    """The letter bonus by OCR letter, then clean letter (a few dozen entries at most)."""
    index: dict[str, dict[str, float]] = {}
    for (c_ch, o_ch), gain in bonus.items():
        index.setdefault(o_ch, {})[c_ch] = gain
    return index


# Characters English-model OCR reads for Đ (the spec's "P/D→Đ"; older engines print 0):
# tried inside codes only, and only where the result is a known code.
_D_STROKE_LOOKALIKES = frozenset("PpBbD0")
# A code's letter group, with a 0 among its letters (N0-CP): not a digit of its numbers.
_CODE_GROUP = regex.compile(r"(?<![\p{L}\d])[\p{L}0]*\p{L}[\p{L}0]*(?![\p{L}\d])")


def _fix_code(core: str, model: RestorerModel, codes: frozenset[str]) -> str:
    """A code's letter groups change only into known codes; digits never change.

    A group that is itself a known code (``codes``: CP, GD, NĐ, TTg, as the clean sources
    and Nghị định 30's list write them) stays as written. Another one gets its marks when
    its marked form is a known code (QD → QĐ), or its Đ when an Đ look-alike the channel
    shows (P, B, D, 0) hid a known code (QP, Q0 → QĐ); else it stays too.
    """

    def fix(match: regex.Match[str]) -> str:
        part = match.group()
        if part in codes or len(part) < 2 or not part[0].isupper():
            return part
        marked = model.acronyms.get(part)
        if marked in codes and part.isupper():
            return marked  # type: ignore[return-value]
        for i, ch in enumerate(part):
            if ch in _D_STROKE_LOOKALIKES:
                candidate = part[:i] + "Đ" + part[i + 1 :]
                if candidate in codes:
                    return candidate
        return part

    return _CODE_GROUP.sub(fix, core)


# Words after which a lone letter names an item ("mục d", "điểm a", "khoản b", "phụ lục c").
_ITEM_WORDS = frozenset(
    [
        "muc",
        "diem",
        "khoan",
        "phan",
        "tiet",
        "chuong",
        "loai",
        "nhom",
        "hang",
        "cap",
        "kieu",
        "dang",
        "mau",
        "luc",
        "bang",
        "hinh",
        "so",
    ]
)


def _in_running_words(
    tokens: list[Token], i: int, is_vietnamese: Callable[[str, str], bool]
) -> bool:
    """Whether the lone letter at ``i`` sits between two words on one line.

    Only there can it be a syllable the OCR shrank ("t chức"): next to digits it is a
    unit or a sign (3 x 4 m), before ')' or after "mục"/"điểm" a list letter, and at a
    line's start or end a label.
    """
    if i < 2 or i + 2 >= len(tokens):
        return False
    before, prev, after, nxt = tokens[i - 1], tokens[i - 2], tokens[i + 1], tokens[i + 2]
    if not (before.kind == after.kind == "space") or "\n" in before.text + after.text:
        return False
    if prev.kind != "word" or nxt.kind != "word" or len(prev.text) < 2 or len(nxt.text) < 2:
        return False
    if any(ch.isdigit() for ch in prev.text + nxt.text):
        return False
    before_key, after_key = strip_marks(prev.text).lower(), strip_marks(nxt.text).lower()
    return (
        before_key not in _ITEM_WORDS
        and is_vietnamese(prev.text, before_key)  # Vietnamese on both sides, not "vitamin c"
        and is_vietnamese(nxt.text, after_key)
    )


def _between_words(tokens: list[Token], i: int) -> bool:
    """Whether the token at ``i`` stands alone before a word, after no number: there a
    lone glyph is a syllable the OCR printed as a symbol, not a currency sign or a mark."""
    if i + 2 >= len(tokens) or tokens[i + 1].kind != "space" or tokens[i + 2].kind != "word":
        return False
    if i >= 1 and tokens[i - 1].kind != "space":
        return False
    before = tokens[i - 2] if i >= 2 else None
    if tokens[i].text == "&":  # it also joins names: Cash & Carry, Khoa học & Công nghệ
        return (
            before is not None
            and before.kind == "word"
            and before.text[-1:].islower()
            and tokens[i + 2].text[:1].islower()
        )
    return before is None or before.kind in ("word", "caps", "punct")


def _shrunk_before_name(
    tokens: list[Token], i: int, confirmed_pairs: dict[tuple[str, str], list[str]]
) -> list[str]:
    """The syllables a capital consonant before a capitalised word may have been shrunk
    from: those the document confirmed before that very word ("S Khoa học" = "Sở Khoa
    học", "B Công an" = "Bộ Công an"). Elsewhere such a capital is an initial or a label,
    so only a pair the document itself is sure of counts. ``confirmed_pairs``: the
    confirmed pairs' first syllables by (their first letter, the second without marks),
    as ``_pairs_by_initial`` indexes them."""
    core = tokens[i].text
    if not confirmed_pairs or not (core.isupper() and core.lower() in EXPANDABLE):
        return []
    if i + 2 >= len(tokens) or tokens[i + 1].kind != "space" or "\n" in tokens[i + 1].text:
        return []
    following = tokens[i + 2]
    if following.kind != "word" or not following.text[:1].isupper() or following.text.isupper():
        return []
    after = strip_marks(following.text).lower()  # as read: compared without its marks
    return confirmed_pairs.get((core.lower(), after), [])


def _pairs_by_initial(pairs: frozenset[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Confirmed pairs' first syllables by (first letter without marks, second syllable
    without marks), sorted: one look-up per capital instead of a pass over all pairs."""
    index: dict[tuple[str, str], set[str]] = {}
    for first, second in pairs:
        index.setdefault((strip_marks(first)[:1], strip_marks(second)), set()).add(first)
    return {key: sorted(firsts) for key, firsts in index.items()}


def _opens_words(tokens: list[Token], i: int) -> bool:
    """Whether the capital consonant at ``i`` opens a list item or sentence of words.

    There it is a first word the OCR shrank to its capital ("a) T chức" = "a) Tổ chức"):
    it stands at a line's start or after ")", "." or ":", and a lowercase word follows
    on its line (often garbled too: "T chirc"). Elsewhere a lone capital is an initial,
    a grade or a label.
    """
    core = tokens[i].text
    if not (core.isupper() and core.lower() in EXPANDABLE) or i + 2 >= len(tokens):
        return False
    after, nxt = tokens[i + 1], tokens[i + 2]
    if after.kind != "space" or "\n" in after.text or nxt.kind != "word":
        return False
    if len(nxt.text) < 2 or not nxt.text[0].islower():
        return False
    if i == 0 or "\n" in tokens[i - 1].text:
        return True
    return (
        i >= 2
        and tokens[i - 1].kind == "space"
        and tokens[i - 2].kind == "punct"
        and tokens[i - 2].text[-1:] in ").:"
    )


_PLAIN_LETTERS = regex.compile(r"^[A-Za-z]+$")


def foreign_words(tokens: list[Token], run: int = 1) -> set[int]:
    """Token indexes of words in another language.

    In text with trusted marks, a word of plain ASCII letters that spells no Vietnamese
    syllable (this, should, Office) is foreign: a Vietnamese OCR model or a typist would
    have written its marks. So are the plain words joined to it in its clause (be, on in
    "This should be on the list"): a foreign phrase is read as a whole. With ``run`` 2
    (old OCR without marks, where every word is plain and one such word is as likely
    garbled Vietnamese), a clause needs two or more such words of 3+ letters, making up
    half the words from the first such word to the last; that span is the phrase.
    """
    plain = [
        i
        for i, t in enumerate(tokens)
        if t.kind in ("word", "caps") and _PLAIN_LETTERS.match(t.text)
    ]
    seeds = {
        i for i in plain if len(tokens[i].text) > 1 and not syllable_shaped(tokens[i].text.lower())
    }
    if not seeds:
        return set()

    def joined(a: int, b: int) -> bool:
        """Plain words a < b with only spaces and in-clause punctuation between."""
        return all(
            (t.kind == "space" and "\n" not in t.text)
            or (t.kind == "punct" and t.text in _IN_CLAUSE)
            for t in tokens[a + 1 : b]
        )

    chains: list[list[int]] = []  # runs of plain words joined one to the next
    for previous, current in itertools.pairwise([-1, *plain]):
        if chains and joined(previous, current):
            chains[-1].append(current)
        else:
            chains.append([current])
    foreign: set[int] = set()
    for chain in chains:
        found = [k for k, i in enumerate(chain) if i in seeds]
        if run > 1:
            long_ones = sum(len(tokens[chain[k]].text) > 2 for k in found)
            if long_ones >= run and len(found) * 2 >= found[-1] - found[0] + 1:
                foreign.update(chain[found[0] : found[-1] + 1])
        elif found:
            foreign.update(chain)
    return foreign


_IN_CLAUSE = frozenset([",", "(", ")", '"', "'", "“", "”", "-", "–", "/"])


def _slots(
    tokens: list[Token],
    restorer: Restorer,
    profile: Profile,
    confirmed: frozenset[str] = frozenset(),
    letter_bonus: dict[tuple[str, str], float] | None = None,
    confirmed_pairs: frozenset[tuple[str, str]] = frozenset(),
) -> list[_Slot]:
    model = restorer.model
    slots: list[_Slot] = []
    seen: dict[str, list[Option]] = {}  # options per distinct word core, for this pass

    def word_options(core: str) -> list[Option]:
        found = seen.get(core)
        if found is None:
            found = seen[core] = _word_options(
                core, restorer, profile, confirmed, letter_bonus=letter_bonus
            )
        return found

    fixed: dict[tuple[str, str], list[Option]] = {}  # one list per kept text, shared

    def kept_as(text: str, unit: str) -> list[Option]:
        found = fixed.get((text, unit))
        if found is None:
            found = fixed[(text, unit)] = [(text, unit, 0.0)]
        return found

    def vietnamese(text: str, key: str) -> bool:
        """A syllable, or a token the OCR garbled that reads as one cheaply (dir = dữ)."""
        if key in model.syllables:
            return True
        found = restorer.candidates(nfc(text), profile)[0]
        return bool(found) and found[0][1] <= GARBLED_WORD_COST

    last_marker = ""  # the letter of the last list marker seen
    if profile.trusts_letters:
        foreign = foreign_words(tokens)
    else:
        foreign = foreign_words(tokens, FOREIGN_RUN_IN_OLD_OCR) if FOREIGN_RUN_IN_OLD_OCR else set()
    pairs_by_initial = _pairs_by_initial(confirmed_pairs)
    for i, token in enumerate(tokens):
        kind, core = token.kind, token.text
        if kind == "space":
            continue
        if i in foreign:
            slots.append(_Slot(i, kept_as(core, "<unk>")))
            continue
        if kind == "punct":
            slots.extend(
                _Slot(-1, kept_as(ch, PUNCT_UNITS[ch])) for ch in core if ch in PUNCT_UNITS
            )
        elif kind == "number":
            slots.append(_Slot(i, kept_as(core, "<num>")))
        elif (
            len(core) == 1
            and (kind == "word" or core in LETTER_GLYPHS)
            and tokens[i + 1 : i + 2]
            and tokens[i + 1].text[:1] == ")"
        ):
            # A list marker: a) b) c) d) đ) e). OCR without đ prints "d)" twice in a row;
            # older engines print ¢ for c ("¢)" = "c)", tokens.LETTER_GLYPHS).
            letter = LETTER_GLYPHS.get(core, core)
            letter = "đ" if letter in "dD" and last_marker == "d" else letter
            letter = letter.upper() if core.isupper() else letter
            slots.append(_Slot(i, kept_as(letter, "<abbr>")))
            last_marker = letter.lower()
        elif core in LONE_GLYPHS and _between_words(tokens, i):
            slots.append(_Slot(i, word_options(core)))
        elif kind in ("code", "url", "other"):
            fixed_code = _fix_code(core, model, restorer.codes) if kind == "code" else core
            slots.append(_Slot(i, kept_as(fixed_code, "<code>")))
        elif kind == "caps":
            key = strip_marks(core)
            if core in restorer.codes and not syllable_shaped(core.lower()):
                slots.append(_Slot(i, kept_as(core, "<abbr>")))  # a known code: GD, CP, UBND
            elif key in model.acronyms and core == key:
                slots.append(_Slot(i, kept_as(model.acronyms[key], "<abbr>")))
            elif HORN_AFTER_VOWEL.sub("", key).lower() in model.syllables:
                slots.append(_Slot(i, word_options(core)))
            else:  # an unknown acronym stays, unless an Đ look-alike hid a known one: HPND
                # (not in two letters: CP, BH are acronyms of their own)
                acronym = _fix_code(core, model, restorer.codes) if len(core) > 2 else core
                slots.append(_Slot(i, kept_as(acronym, "<abbr>")))
        elif len(core) == 1 and (
            (core.islower() and _in_running_words(tokens, i, vietnamese)) or _opens_words(tokens, i)
        ):
            found = seen.get(core + "+")
            if found is None:
                found = seen[core + "+"] = _word_options(
                    core, restorer, profile, confirmed, True, letter_bonus
                )
            slots.append(_Slot(i, found))
        elif shrunk := _shrunk_before_name(tokens, i, pairs_by_initial):
            # "với S Khoa học" = "với Sở Khoa học", where the document confirmed "Sở Khoa"
            options = [(s, s, PREFIX_COST) for s in shrunk]
            slots.append(_Slot(i, word_options(core) + options))
        else:
            slots.append(_Slot(i, word_options(core)))
    return slots


def restore_text(
    text: str,
    model: Restorer | None = None,
    profile: Profile | str | None = None,
    tone_style: ToneStyle | None = None,
    document_style: str | None = None,
) -> tuple[str, list[Edit]]:
    """Restore ``text``; returns the new text and one Edit per changed token.

    Edits carry ``line`` (0-based) and ``column`` (character offset in that line of the
    ORIGINAL text). Line structure and whitespace are kept exactly. ``profile`` ("eng",
    "vie" or a Profile) names the kind of OCR; by default it is guessed from the text.
    Tone placement (hoà / hòa) follows the text: a word it already marks keeps its
    spelling, a restored one takes the text's dominant style (``dominant_style``; or
    ``document_style``, a whole document's), unless ``tone_style`` ("classic" hòa,
    "modern" hoà) asks for one style everywhere.
    """
    with long_lived_gc_paused():  # restoring makes no cycles: ~20% faster cold runs
        restorer = model if model is not None else load_model()
        if foreign_spans(text) == [(0, len(text))]:
            return text, []  # not Vietnamese at all: nothing to restore
        style = tone_style or document_style
        if profile is None or style is None:
            words = [t.text for t in tokenize(text) if t.kind in ("word", "caps")]
            style = style or dominant_style(words, restorer.model.style)
            if profile is None:
                profile = choose_profile(words, restorer.profiles)
        if isinstance(profile, str):
            profile = restorer.profiles[profile]
        pieces: list[str] = []
        edits: list[Edit] = []
        for start, end in windows(text):
            restored, found = _restore_window(
                text[start:end], restorer, profile, style, tone_style is not None
            )
            pieces.append(restored)
            if start:  # the window's lines and columns in the whole text
                lines_before = text.count("\n", 0, start)
                column = start - (text.rfind("\n", 0, start) + 1)
                for edit in found:
                    if edit.line == 0:
                        edit.column = (edit.column or 0) + column
                    edit.line = (edit.line or 0) + lines_before
            edits += found
        return "".join(pieces), edits


# Long texts are restored a window at a time, so time grows linearly with their size: a
# window ends at a blank line (else a line's end, else a space) near this many characters.
# Document adaptation works within a window: ~10k words, more than most documents.
WINDOW_CHARS = 60_000


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the windows ``text`` is restored in; they cover it exactly."""
    found = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = -1
        for separator in ("\n\n", "\n", " "):
            at = text.rfind(separator, start + size // 2, limit)
            if at >= 0:
                end = at + len(separator)
                break
        if end < 0:
            end = limit
        found.append((start, end))
        start = end
    found.append((start, len(text)))
    return found


# Syllables whose tone two conventions place apart: oa, oe, uy without a final (hòa/hoà).
_STYLED = regex.compile(r"(?i)(?:o[àáảãạ]|[òóỏõọ]a|o[èéẻẽẹ]|[òóỏõọ]e|u[ỳýỷỹỵ]|[ùúủũụ]y)(?!\p{L})")


MIN_STYLE_WORDS = 3  # a text's own tone placement needs this many words showing it


def dominant_style(words: list[str], default: str = "classic") -> str:
    """The tone placement most of ``words`` that show one use: classic (hòa, thủy) or
    modern (hoà, thuỷ); ``default`` when they tie or fewer than MIN_STYLE_WORDS show it."""
    classic = modern = 0
    for word in words:
        if _STYLED.search(word):
            lower = nfc(word).lower()
            if normalize_syllable(lower, "classic") == lower:
                classic += 1
            elif normalize_syllable(lower, "modern") == lower:
                modern += 1
    if max(classic, modern) < MIN_STYLE_WORDS or classic == modern:
        return default  # too few to tell (one garbled OCR word must not decide)
    return "classic" if classic > modern else "modern"


def _restyled(text: str, style: str) -> str:
    """``text`` (a word, any case) with its tone where ``style`` puts it."""
    if not _STYLED.search(text):
        return text
    return normalize_syllable(text, style)  # type: ignore[arg-type]


def _restore_window(
    text: str, restorer: Restorer, profile: Profile, style: str, normalise: bool
) -> tuple[str, list[Edit]]:
    """Restore one window of a text: restored words in ``style`` (see ``spelled`` below),
    all of its words so if ``normalise``."""
    foreign = foreign_spans(text)
    restorer.limit_caches()
    tokens = tokenize(text)
    slots = _slots(tokens, restorer, profile)
    option_lists = [slot.options for slot in slots]
    # The first pass only has to find what the document is sure of: options far behind
    # are dropped sooner, but the beam is full (half a beam: validation 5.35% vs 5.31%).
    choices = decode(
        option_lists,
        restorer.model,
        restorer.channel_weight,
        restorer.beam,
        option_margin=FIRST_PASS_MARGIN if restorer.adapt else SEARCH_MARGIN,
        alternatives=not restorer.adapt,  # with adaptation, this pass only finds sure words
    )
    if restorer.adapt:
        confirmed: Counter[str] = Counter()
        for slot, choice in zip(slots, choices, strict=True):
            if len(slot.options) > 1 and choice.confidence >= ADAPT_MIN_CONFIDENCE:
                confirmed[slot.options[choice.index][1]] += 1
        bonus = {unit: ADAPT_WEIGHT * math.log1p(n) for unit, n in confirmed.items()}
        pairs: Counter[tuple[str, str]] = Counter()
        sure = [
            len(slot.options) == 1 or choice.confidence >= ADAPT_MIN_CONFIDENCE
            for slot, choice in zip(slots, choices, strict=True)
        ]
        for k in range(1, len(slots)):
            if (
                sure[k - 1]
                and sure[k]
                and (len(slots[k].options) > 1 or len(slots[k - 1].options) > 1)
            ):
                pairs[
                    (
                        slots[k - 1].options[choices[k - 1].index][1],
                        slots[k].options[choices[k].index][1],
                    )
                ] += 1
        pair_bonus = (
            {pair: ADAPT_PAIR_WEIGHT * math.log1p(n) for pair, n in pairs.items()}
            if ADAPT_PAIR_WEIGHT
            else None
        )
        letter_bonus = (
            document_letter_bonus(
                [
                    (tokens[slot.token].text, slot.options[choice.index][0])
                    for slot, choice in zip(slots, choices, strict=True)
                    if slot.token >= 0
                    and tokens[slot.token].kind == "word"
                    and len(slot.options) > 1
                    and choice.confidence >= ADAPT_MIN_CONFIDENCE
                ],
                profile.letters,
            )
            if profile.letters and LETTER_PRIOR_WEIGHT
            else None
        )
        slots = _slots(
            tokens, restorer, profile, frozenset(confirmed), letter_bonus, frozenset(pairs)
        )
        option_lists = [slot.options for slot in slots]

        def changes(i: int, chosen: int) -> bool:
            token = slots[i].token
            return token >= 0 and slots[i].options[chosen][0] != tokens[token].text.lower()

        choices = decode(
            option_lists,
            restorer.model,
            restorer.channel_weight,
            restorer.beam,
            bonus,
            option_margin=SEARCH_MARGIN,
            confidence_for=changes,
            pair_bonus=pair_bonus,
        )

    model_style = restorer.model.style

    def spelled(original: str, chosen: str, unit: str) -> str:
        """The chosen syllable written as the text writes: its case, its tone placement
        (the original's own if it is the same syllable)."""
        if unit == "<abbr>":
            return chosen
        if chosen == normalize_syllable(original.lower(), model_style):  # type: ignore[arg-type]
            chosen = original  # the same syllable: as the source spells it (hoà stays hoà)
        else:
            chosen = apply_case(original, _restyled(chosen, style))
        return _restyled(chosen, style) if normalise else chosen

    pieces = [t.text for t in tokens]
    edits: list[Edit] = []
    line_starts = [0]
    newline = text.find("\n")
    while newline >= 0:
        line_starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    line = 0
    for slot, choice in zip(slots, choices, strict=True):
        if slot.token < 0:
            continue
        token = tokens[slot.token]
        if foreign and any(start <= token.start < end for start, end in foreign):
            continue  # a passage in another language stays as read
        text_chosen = slot.options[choice.index][0]
        if token.kind in ("word", "caps"):
            text_chosen = spelled(token.text, text_chosen, slot.options[choice.index][1])
        if text_chosen == token.text or (
            choice.confidence < MIN_CHANGE_CONFIDENCE and token.kind == "word"
        ):
            continue
        pieces[slot.token] = text_chosen
        while line + 1 < len(line_starts) and line_starts[line + 1] <= token.start:
            line += 1
        confidence, alternatives = _probabilities(restorer.calibration, choice)
        edits.append(
            Edit(
                original=token.text,
                result=text_chosen,
                confidence=round(confidence, 4),
                alternatives=[
                    Alternative(
                        spelled(token.text, slot.options[k][0], slot.options[k][1]),
                        round(share, 4),
                    )
                    for k, share in alternatives
                ],
                line=line,
                column=token.start - line_starts[line],
            )
        )
    return "".join(pieces), edits


def _probabilities(
    calibration: Calibration | None, choice: Choice
) -> tuple[float, list[tuple[int, float]]]:
    """An edit's probability of being right and its alternatives' (option, probability).

    Calibrated, the chosen option gets the share of validation edits right at its
    confidence, and the alternatives share the rest in proportion to their posteriors.
    """
    if calibration is None:
        return choice.confidence, choice.alternatives
    confidence = calibration(round(choice.confidence, 4))  # as the edits it was fitted on
    total = sum(share for _, share in choice.alternatives)
    rest = 1.0 - confidence
    return confidence, [
        (k, rest * share / total if total > 0 else rest / len(choice.alternatives))
        for k, share in choice.alternatives
    ]


def restore_document(
    doc: Document, model: Restorer | None, tone_style: ToneStyle | None = None
) -> Document:
    """Restore the words of OCR'd and TXT pages in place; one Edit per changed word.

    Each page is restored as one text (words joined by spaces, lines by newlines), so the
    LM sees the reading order; a word's restored text replaces it, never splitting or
    merging words.
    """
    restorer = model if model is not None else load_model()
    all_words = [w.text for p in doc.pages if p.origin in ("ocr", "txt") for w in p.words]
    profile = choose_profile(  # the word cores, as restore_text sees them
        [t.text for w in all_words for t in tokenize(w) if t.kind in ("word", "caps")],
        restorer.profiles,
    )
    # ... and the document's own tone placement, for words its pages do not mark
    style = dominant_style(all_words, restorer.model.style)
    for page in doc.pages:
        if page.origin not in ("ocr", "txt") or not page.words:
            continue
        order = [i for line in page.lines for i in line.words] or list(range(len(page.words)))
        seen = set(order)
        order += [i for i in range(len(page.words)) if i not in seen]
        starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for i in order:
            starts.append(offset)
            parts.append(page.words[i].text)
            offset += len(page.words[i].text) + 1
        text = " ".join(parts)
        if judge(text).foreign:
            doc.provenance.setdefault("pages_not_vietnamese", []).append(page.number)
            continue  # left as read: see normalize/language.py
        restored, edits = restore_text(text, restorer, profile, tone_style, style)
        by_start = dict(zip(starts, order, strict=True))
        # Tokens never cross a space, so each edit lies inside exactly one word.
        word_edits: dict[int, list[Edit]] = {}
        for edit in edits:
            start = starts[bisect.bisect_right(starts, edit.column or 0) - 1]  # starts ascend
            word_edits.setdefault(by_start[start], []).append(edit)
        new_texts = restored.split(" ")
        for position, i in enumerate(order):
            word = page.words[i]
            if i not in word_edits:
                continue
            new_text = new_texts[position]
            first = word_edits[i][0]
            alternatives = []
            if len(word_edits[i]) == 1:
                # Show each alternative as the whole word (with its punctuation).
                at = word.text.find(first.original)
                alternatives = [
                    Alternative(
                        word.text[:at] + alt.text + word.text[at + len(first.original) :],
                        alt.score,
                    )
                    for alt in first.alternatives
                ]
            doc.edits.append(
                Edit(
                    original=word.text,
                    result=new_text,
                    confidence=min(e.confidence for e in word_edits[i]),
                    alternatives=alternatives,
                    page=page.number,
                    word=i,
                )
            )
            word.text = new_text
    return doc


def restore_file(
    input_path: Path,
    model_path: Path | None = None,
    output: Path | None = None,
    log_path: Path | None = None,
    tone_style: ToneStyle | None = None,
    user_model: Path | None = None,
) -> tuple[str, list[Edit]]:
    """The ``restore`` command: read, restore, write atomically (text and JSONL edit log)."""
    import dataclasses
    import json

    from sohoa.ocr.text_reader import read_text_file
    from sohoa.output.files import write_atomic

    if not Path(input_path).is_file():
        raise SohoaError(input_path, "input file not found", "check the path")
    text = read_text_file(Path(input_path))
    verdict = judge(text)
    if verdict.foreign:
        raise SohoaError(
            input_path,
            f"does not look like Vietnamese ({verdict.vietnamese_share:.0%} of its words are"
            " Vietnamese syllables), so there is nothing to restore",
            "the restorer is for Vietnamese text: check this is the file you meant",
        )
    from sohoa.normalize.user_model import load_restorer  # the user model stacked, if any

    restorer = load_restorer(model_path, user_model)
    restored, edits = restore_text(text, restorer, tone_style=tone_style)
    if output is not None:
        write_atomic(Path(output), restored)
    if log_path is not None:
        lines = []
        for edit in edits:
            record = {k: v for k, v in dataclasses.asdict(edit).items() if v is not None}
            lines.append(json.dumps(record, ensure_ascii=False))
        write_atomic(Path(log_path), "".join(line + "\n" for line in lines))
    return restored, edits
