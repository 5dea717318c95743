"""The OCR channel's profiles: what reading a syllable's marks and letters costs under
one kind of OCR, and which kind a text is.

A profile holds -log P costs: of the marks (``marks_cost``: ``eng``, English-model OCR,
loses marks and prints é/á for any marked e/a; ``vie``, Vietnamese-model OCR, keeps them,
so they are trusted and a change costs a lot, hook/tilde read as acute being the cheap
exception), of letter confusions (w for ư, 6 for ô, P for Đ), and, learned from channel
pairs (``learned_profile``), of whole readings, letters and characters. ``choose_profile``
picks a text's profile from how many of its tokens carry marks only a Vietnamese model
produces (ơ, ư, ă, đ, dot below, hook above), or the legacy engine's apostrophe horns.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

from sohoa.corpus.model import RestorerModel
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
    # an apostrophe between letters is part of a glyph (the legacy engine: chL’rc = chức)
    quotes_in_glyphs: bool = False
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


def skeleton_pairs(table: dict[tuple[str, str], float] | None) -> frozenset[tuple[str, str]]:
    """(key letter, OCR character) pairs a table can price: a key letter's any marked form.
    Kept per profile (``Profile.letter_pairs``, ``Profile.char_pairs``)."""
    return frozenset((strip_marks(clean), ocr) for clean, ocr in table or ())


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
            dataclasses.replace(ENG, name="eng-legacy", quotes_in_glyphs=True),
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
def marks_of(text: str) -> tuple[int, int]:
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
    return marks_cost(marks_of(ocr), marks_of(clean), profile)


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
