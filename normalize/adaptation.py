"""Document adaptation: what the restorer's first pass was sure of in a document.

A document repeats its words, and an OCR engine unlike the one the channel was learned
from misreads them its own way. The first pass's sure choices (``adaptation``) give a
log-bonus to the syllables and pairs of consecutive units the document confirmed, and
price cheaper the letters it misreads more often than the learned channel says
(``document_letter_bonus``) and re-weigh, character by character with marks and tone, what
its OCR prints for each marked vowel (``document_char_bonus``: its own confusion weights);
the second pass decodes with them. Settings: ``RestorerParams.adapt_*``,
``letter_prior_weight`` and ``char_prior_weight`` (normalize/params.py).

The first pass also tells typed text from OCR (``looks_typed``): in text whose marks are
trusted, a window long enough whose sure choices show (next to) none of an OCR engine's
errors (cheap misreadings mended, garbled tokens read as syllables) is typed, and its real
syllables are kept as written in the second pass (a typo is the source's own spelling).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sohoa.normalize.channel import untoned
from sohoa.normalize.channel_keys import ocr_skeleton
from sohoa.normalize.channel_profile import Profile
from sohoa.normalize.decoder import Choice, Option
from sohoa.normalize.params import RestorerParams
from sohoa.normalize.tokens import HORN_AFTER_VOWEL, Token
from sohoa.normalize.unicode import nfc, normalize_syllable, strip_marks

if TYPE_CHECKING:
    from sohoa.normalize.options import Slot

# The document's own letter misreadings (document_letter_bonus, weighed by
# RestorerParams.letter_prior_weight) count from this many readings of a letter on, ...
LETTER_MIN_COUNT = 3
UNSEEN_LETTER_COST = 8.0  # -log P of a letter misreading the learned channel never saw
# ... and its character misreadings (document_char_bonus) from this many readings of one
# character as another on
CHAR_MIN_COUNT = 3
_VOWELS_AND_D = frozenset("aeiouyd")


@dataclass(frozen=True)
class Adaptation:
    """What the first pass was sure of in a document, and the bonuses it earns there."""

    confirmed: frozenset[str]  # units chosen at adapt_min_confidence or more
    pairs: frozenset[tuple[str, str]]  # consecutive units both so chosen
    bonus: dict[str, float]  # log-bonus per confirmed unit
    pair_bonus: dict[tuple[str, str], float] | None  # ... per confirmed pair
    letter_bonus: dict[tuple[str, str], float] | None  # see document_letter_bonus
    typed: bool = False  # the window shows no OCR error (looks_typed)
    # (clean character, OCR character) -> cost taken off (see document_char_bonus)
    char_bonus: dict[tuple[str, str], float] | None = None


def adaptation(
    options: list[list[Option]],
    token_of: list[int],
    choices: list[Choice],
    tokens: list[Token],
    profile: Profile,
    params: RestorerParams,
) -> Adaptation:
    """The document's sure words from the first pass's ``choices`` over its slots'
    ``options`` (``token_of``: each slot's token index, -1 for punctuation)."""
    sure_at = params.adapt_min_confidence
    chosen = [found[choice.index] for found, choice in zip(options, choices, strict=True)]
    confirmed = _confirmed_units(options, choices, chosen, sure_at)
    bonus = {unit: params.adapt_weight * math.log1p(n) for unit, n in confirmed.items()}
    pairs = _confirmed_pairs(options, choices, chosen, sure_at)
    pair_bonus = (
        {pair: params.adapt_pair_weight * math.log1p(n) for pair, n in pairs.items()}
        if params.adapt_pair_weight
        else None
    )
    readings = _sure_readings(options, token_of, choices, chosen, tokens, sure_at)
    letter_bonus = (
        document_letter_bonus(
            readings,
            profile.letters,
            params.letter_prior_weight,
            params.max_letter_bonus,
        )
        if profile.letters and params.letter_prior_weight
        else None
    )
    typed = profile.trusts_letters and looks_typed(options, token_of, choices, tokens, params)
    char_bonus = (
        document_char_bonus(
            [(nfc(text).lower(), syllable) for text, syllable in readings],
            profile.chars,
            params.char_prior_weight,
            params.max_char_bonus,
        )
        if profile.chars and params.char_prior_weight and not profile.trusts_letters
        else None
    )
    return Adaptation(
        frozenset(confirmed),
        frozenset(pairs),
        bonus,
        pair_bonus,
        letter_bonus,
        typed,
        char_bonus or None,
    )


def _confirmed_units(
    options: list[list[Option]], choices: list[Choice], chosen: list[Option], sure_at: float
) -> Counter[str]:
    """How often each unit was chosen among several options with confidence ``sure_at``."""
    confirmed: Counter[str] = Counter()
    for found, choice, option in zip(options, choices, chosen, strict=True):
        if len(found) > 1 and choice.confidence >= sure_at:
            confirmed[option[1]] += 1
    return confirmed


def _confirmed_pairs(
    options: list[list[Option]], choices: list[Choice], chosen: list[Option], sure_at: float
) -> Counter[tuple[str, str]]:
    """How often each pair of consecutive units was chosen, both sure (a slot of one option
    is sure) and one of them at least among several options."""
    pairs: Counter[tuple[str, str]] = Counter()
    sure = [
        len(found) == 1 or choice.confidence >= sure_at
        for found, choice in zip(options, choices, strict=True)
    ]
    for k in range(1, len(options)):
        if sure[k - 1] and sure[k] and (len(options[k]) > 1 or len(options[k - 1]) > 1):
            pairs[(chosen[k - 1][1], chosen[k][1])] += 1
    return pairs


def _sure_readings(
    options: list[list[Option]],
    token_of: list[int],
    choices: list[Choice],
    chosen: list[Option],
    tokens: list[Token],
    sure_at: float,
) -> list[tuple[str, str]]:
    """(OCR token, chosen syllable) of each word the first pass chose among several options
    with confidence ``sure_at`` at least: the readings the document's own channel counts."""
    return [
        (tokens[token].text, option[0])
        for found, token, choice, option in zip(options, token_of, choices, chosen, strict=True)
        if token >= 0
        and tokens[token].kind == "word"
        and len(found) > 1
        and choice.confidence >= sure_at
    ]


def ocr_errors(
    options: list[list[Option]],
    token_of: list[int],
    choices: list[Choice],
    tokens: list[Token],
    params: RestorerParams,
) -> tuple[int, int]:
    """(words, OCR errors) of a first pass: its sure changes of a word that an OCR engine
    makes and a typist does not: a misreading the channel prices at most
    ``params.ocr_error_cost`` (tống for tổng), or a token that is no syllable (ghệ, 1ong)."""
    words = errors = 0
    for found, token, choice in zip(options, token_of, choices, strict=True):
        if token < 0 or tokens[token].kind not in ("word", "caps"):
            continue
        words += 1
        if len(found) < 2 or choice.confidence < params.adapt_min_confidence:
            continue
        text, unit, cost = found[choice.index]
        read = nfc(tokens[token].text).lower()
        as_read = {read, normalize_syllable(read, "classic"), normalize_syllable(read, "modern")}
        if text.lower() in as_read:
            continue  # kept as read (in one tone placement or the other)
        # no syllable as read: the token's own option, if any, is an unknown word
        garbled = not any(t in as_read and u != "<unk>" for t, u, _ in found)
        if cost <= params.ocr_error_cost or (garbled and unit != "<unk>"):
            errors += 1
    return words, errors


def looks_typed(
    options: list[list[Option]],
    token_of: list[int],
    choices: list[Choice],
    tokens: list[Token],
    params: RestorerParams,
) -> bool:
    """Whether a first pass over text with trusted marks found it typed: at least
    ``params.typed_min_words`` words, and OCR errors (``ocr_errors``) in at most
    ``params.typed_max_error_share`` of them (none in fewer than 1/share words)."""
    if not params.typed_min_words:
        return False  # off
    words, errors = ocr_errors(options, token_of, choices, tokens, params)
    return words >= params.typed_min_words and errors <= params.typed_max_error_share * words


def document_letter_bonus(
    readings: list[tuple[str, str]],
    letters: dict[tuple[str, str], float],
    prior_weight: float = RestorerParams.letter_prior_weight,
    max_bonus: float = RestorerParams.max_letter_bonus,
) -> dict[tuple[str, str], float]:
    """Log-bonus per (clean letter, OCR letter) for the letters this document's OCR misreads
    more often than the learned channel says: (OCR core, syllable) readings it is sure of.

    The channel is learned from one engine; another misreads its own way (an older one
    printed é for â and ă as often as for ô). Each letter's share in the sure readings,
    smoothed towards the learned one by ``prior_weight`` readings, over the learned one
    (at most ``max_bonus``).
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
        share = (n + prior_weight * learned) / (totals[c_ch] + prior_weight)
        if share > learned:
            bonus[(c_ch, o_ch)] = min(math.log(share / learned), max_bonus)
    return bonus


def document_char_bonus(
    readings: list[tuple[str, str]],
    chars: dict[tuple[str, str], float],
    prior_weight: float = RestorerParams.char_prior_weight,
    max_bonus: float = RestorerParams.max_char_bonus,
) -> dict[tuple[str, str], float]:
    """The document's own character channel for its vowels (and d): cost taken off (a
    negative one: put on) each (clean character, OCR character), marks and tone on both
    sides, from the (OCR token, syllable) readings the first pass is sure of.

    An engine unlike the one the channel was learned from prints its own character for a
    marked vowel (é for ề where the learned one printed e). Each clean character's
    readings are smoothed towards the learned channel's ``chars`` by ``prior_weight``
    readings: a pair the document shows more often than learned (``CHAR_MIN_COUNT``
    times at least) gets cheaper, one the learned channel has and the document never
    shows, for a character it read often, dearer; by at most ``max_bonus`` either way.
    Tokens whose length differs from the syllable's say nothing (no character lines up).
    """
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for ocr, syllable in readings:
        if len(ocr) != len(syllable) or " " in syllable:
            continue
        for o_ch, c_ch in zip(ocr, syllable, strict=True):
            if strip_marks(c_ch) in _VOWELS_AND_D:
                totals[c_ch] += 1
                counts[(c_ch, o_ch)] += 1
    bonus = {}
    for (c_ch, o_ch), n in counts.items():
        learned = math.exp(-chars.get((c_ch, o_ch), UNSEEN_LETTER_COST))
        share = (n + prior_weight * learned) / (totals[c_ch] + prior_weight)
        if n >= CHAR_MIN_COUNT and share > learned:
            bonus[(c_ch, o_ch)] = min(math.log(share / learned), max_bonus)
    for (c_ch, o_ch), _cost in chars.items():
        if c_ch in totals and (c_ch, o_ch) not in counts:
            # never seen here: its share is the prior's alone, learned * w / (n + w)
            shrink = prior_weight / (totals[c_ch] + prior_weight)
            bonus[(c_ch, o_ch)] = max(math.log(shrink), -max_bonus)
    return bonus


def reprice_characters(
    slots: Sequence[Slot], tokens: list[Token], bonus: dict[tuple[str, str], float]
) -> None:
    """Take the document's character bonus (``document_char_bonus``) off the cost of each
    word option as long as its OCR token, character by character (in place)."""
    by_ocr = bonus_by_ocr_letter(bonus)  # OCR character -> {clean character: bonus}
    # A pass shares one options list between repeats of a word: repriced once each.
    done: dict[int, tuple[list[Option], list[Option]]] = {}
    for slot in slots:
        if slot.token < 0 or len(slot.options) < 2:
            continue
        held = done.get(id(slot.options))
        if held is not None and held[0] is slot.options:
            slot.options = held[1]
            continue
        read = nfc(tokens[slot.token].text).lower()
        # (position, {clean character: bonus}) for each character the document re-weighs
        at = [(i, by_ocr[ch]) for i, ch in enumerate(read) if ch in by_ocr]
        repriced = slot.options
        if at:
            repriced = []
            for text, unit, cost in slot.options:
                if len(text) == len(read):
                    for i, by_clean in at:
                        cost -= by_clean.get(text[i], 0.0)
                repriced.append((text, unit, cost))
        done[id(slot.options)] = (slot.options, repriced)
        slot.options = repriced


def repriced(
    found: list[tuple[str, float]], skeleton: str, by_ocr: dict[str, dict[str, float]]
) -> list[tuple[str, float]]:
    """Candidates with the document's letter bonus (``bonus_by_ocr_letter``) taken off
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


def bonus_by_ocr_letter(
    bonus: dict[tuple[str, str], float],
) -> dict[str, dict[str, float]]:
    """The letter bonus by OCR letter, then clean letter (a few dozen entries at most)."""
    index: dict[str, dict[str, float]] = {}
    for (c_ch, o_ch), gain in bonus.items():
        index.setdefault(o_ch, {})[c_ch] = gain
    return index
