"""Learn the restorer's OCR channel from aligned (OCR token, clean token, count) pairs.

The pairs come from OCR of degraded renders of clean texts other than seed 002
(``corpus/channel_pairs.py``, ``channel-eng.tsv`` / ``channel-vie.tsv``). Learned, all as
costs (-log probabilities):

* letter confusions on the *skeletons* (marks stripped, đ→d): the OCR substring that
  stood for a clean substring, e.g. ``w`` for ``uo`` (ườ), ``6`` for ``o`` (ố), with
  P(OCR substring | clean substring);
* letter substitutions by the *marked* clean letter: the OCR letter read for ô, ơ, o...
  where OCR and clean skeletons have one length (6 is ô far more often than ơ or o; e or
  d for o almost always hides a mark), P(OCR letter | clean letter without its tone);
* a character channel, P(OCR character | clean character) with marks and tone on both
  sides, from token pairs of one length (ợ read as g, ổ as 6, ứ as i);
* mark behaviour where the skeletons agree: how often a tone is kept, lost, swapped
  (acute for hook/tilde apart), and how often a vowel mark (ă â ê ô ơ ư đ) is kept or
  lost — which is what makes the ``eng`` profile distrust marks and ``vie`` trust them;
* whole-token readings: OCR tokens seen at least twice, with the clean words they were.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from sohoa.normalize.unicode import split_tone, strip_marks

MIN_RULE_COUNT = 3
MAX_RULE_COST = 6.0
MAX_RULES = 400
MIN_READING_COUNT = 2
MAX_READINGS = 4
MODS = "ăâêôơưđ"
_SKELETON = re.compile(r"^[a-z]+$")


def read_pairs(path: Path) -> Counter[tuple[str, str]]:
    """The ``ocr<TAB>clean<TAB>count`` TSV (header line first) as a Counter."""
    counts: Counter[tuple[str, str]] = Counter()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].isdigit():
            counts[(parts[0], parts[1])] += int(parts[2])
    return counts


def skeleton(token: str) -> str:
    return strip_marks(unicodedata.normalize("NFKC", token)).lower()


def _blocks(ocr: str, clean: str) -> list[tuple[str, str]]:
    """Differing substring pairs of two skeletons; empty sides get a neighbour as context."""
    found = []
    for op in Levenshtein.opcodes(ocr, clean):
        if op.tag == "equal":
            continue
        o1, o2, c1, c2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if o1 == o2 or c1 == c2:  # insertion/deletion: widen by one character of context
            if o1 > 0 and c1 > 0:
                o1, c1 = o1 - 1, c1 - 1
            elif o2 < len(ocr) and c2 < len(clean):
                o2, c2 = o2 + 1, c2 + 1
        found.append((ocr[o1:o2], clean[c1:c2]))
    # merge neighbouring blocks that touch (e.g. two substitutions in a row)
    return found


def _substring_counts(cleans: Counter[str], subs: set[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text, n in cleans.items():
        for sub in subs:
            if sub:
                occurrences = text.count(sub)
                if occurrences:
                    counts[sub] += n * occurrences
    return counts


def learn_rules(pairs: Counter[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """Letter confusions ``(ocr substring, clean substring, cost)``, cheapest first."""
    rule_counts: Counter[tuple[str, str]] = Counter()
    clean_skeletons: Counter[str] = Counter()
    for (ocr, clean), n in pairs.items():
        if " " in ocr or " " in clean:
            continue
        o, c = skeleton(ocr), skeleton(clean)
        clean_skeletons[c] += n
        if o == c or not o or not c:
            continue
        blocks = _blocks(o, c)
        if len(blocks) > 2 or any(len(a) > 3 or len(b) > 3 for a, b in blocks):
            continue  # garbage, not a confusion
        for block in blocks:
            rule_counts[block] += n
    totals = _substring_counts(clean_skeletons, {c for _, c in rule_counts})
    rules = []
    for (wrong, right), n in rule_counts.items():
        if n < MIN_RULE_COUNT or not wrong or wrong == right or not _SKELETON.match(right):
            continue  # too rare, or a clean side that is no Vietnamese letters (Greek, digits)
        cost = -math.log(min(n / max(totals[right], n), 1.0))
        if cost <= MAX_RULE_COST:
            rules.append((wrong, right, round(cost, 3)))
    rules.sort(key=lambda rule: rule[2])
    return rules[:MAX_RULES]


def _cost(numerator: float, denominator: float) -> float:
    return round(-math.log((numerator + 0.5) / (denominator + 1.0)), 3)


def learn_marks(pairs: Counter[tuple[str, str]]) -> dict[str, float]:
    """Mark costs where OCR got the letters right (the Profile fields)."""
    tone = Counter()
    mods = Counter()
    for (ocr, clean), n in pairs.items():
        if " " in ocr or " " in clean:
            continue
        o, c = ocr.lower(), clean.lower()
        if skeleton(o) != skeleton(c) or not any(ch.isalpha() for ch in c):
            continue
        (o_untoned, o_tone), (c_untoned, c_tone) = split_tone(o), split_tone(c)
        if c_tone == 0:
            tone["level"] += n
            tone["added"] += n * (o_tone != 0)
        else:
            tone["toned"] += n
            if o_tone == c_tone:
                tone["kept"] += n
            elif o_tone == 0:
                tone["lost"] += n
            elif o_tone == 1 and c_tone in (3, 4):
                tone["acute_for_hook"] += n
            else:
                tone["swapped"] += n
            if c_tone in (3, 4):
                tone["hook"] += n
        for o_ch, c_ch in zip(o_untoned, c_untoned, strict=False):
            if c_ch in MODS:
                mods["marked"] += n
                mods["kept" if o_ch == c_ch else "lost"] += n
            else:
                mods["plain"] += n
                mods["added"] += n * (o_ch in MODS)
    return {
        "tone_kept": _cost(tone["kept"], tone["toned"]),
        "tone_lost": _cost(tone["lost"], tone["toned"]),
        "tone_added": _cost(tone["added"], tone["level"]) + math.log(5),
        "tone_swapped": _cost(tone["swapped"], tone["toned"]) + math.log(3),
        "acute_for_hook": _cost(tone["acute_for_hook"], tone["hook"]),
        "level_kept": _cost(tone["level"] - tone["added"], tone["level"]),
        "mark_kept": _cost(mods["kept"], mods["marked"]),
        "mark_lost": _cost(mods["lost"], mods["marked"]),
        "mark_added": _cost(mods["added"], mods["plain"]),
        "pairs": float(sum(pairs.values())),
    }


def learn_letters(pairs: Counter[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """``(clean letter, OCR letter, cost)``: P(OCR letter | clean letter with its vowel marks).

    From single-token pairs whose skeletons have one length, letter by letter; the clean
    letter keeps ă â ê ô ơ ư đ but not the tone. Only substitutions seen MIN_RULE_COUNT
    times are kept, sorted, so a build is reproducible.
    """
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for (ocr, clean), n in pairs.items():
        if " " in ocr or " " in clean:
            continue
        o, c = skeleton(ocr), split_tone(clean.lower())[0]
        if len(o) != len(c) or len(skeleton(c)) != len(c) or not _SKELETON.match(skeleton(c)):
            continue
        for o_ch, c_ch in zip(o, c, strict=True):
            totals[c_ch] += n
            if o_ch != skeleton(c_ch):
                counts[(c_ch, o_ch)] += n
    return sorted(
        (c_ch, o_ch, round(-math.log(n / totals[c_ch]), 3))
        for (c_ch, o_ch), n in counts.items()
        if n >= MIN_RULE_COUNT
    )


def learn_chars(pairs: Counter[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """``(clean char, OCR char, cost)``: P(OCR character | clean character), marks and all.

    From single-token pairs of one length whose skeletons differ in at most two letters,
    character by character, identities included: the letter English-model OCR prints
    depends on the tone too (ợ is read as g, ổ as 6, ứ as i, ồ as plain o far more often
    than ố). Pairs seen fewer than MIN_RULE_COUNT times are left out; sorted.
    """
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for (ocr, clean), n in pairs.items():
        if " " in ocr or " " in clean:
            continue
        o, c = ocr.lower(), clean.lower()
        o_skeleton, c_skeleton = skeleton(o), skeleton(c)
        if not (len(o) == len(c) == len(o_skeleton) == len(c_skeleton)) or not c.isalpha():
            continue
        if sum(a != b for a, b in zip(o_skeleton, c_skeleton, strict=True)) > 2:
            continue
        for o_ch, c_ch in zip(o, c, strict=True):
            totals[c_ch] += n
            counts[(c_ch, o_ch)] += n
    return sorted(
        (c_ch, o_ch, round(-math.log(n / totals[c_ch]), 3))
        for (c_ch, o_ch), n in counts.items()
        if n >= MIN_RULE_COUNT
    )


def learn_readings(pairs: Counter[tuple[str, str]]) -> dict[str, list[tuple[str, float]]]:
    """Whole-token readings seen at least twice: OCR token -> [(clean, -log P(clean | OCR))].

    Garbled tokens recur (the same glyph shapes give the same garbage), so a token seen in
    the channel data brings the syllables it stood for, however far its letters are.
    """
    by_ocr: dict[str, Counter[str]] = {}
    for (ocr, clean), n in pairs.items():
        if " " in ocr or " " in clean:
            continue
        by_ocr.setdefault(ocr.lower(), Counter())[clean.lower()] += n
    readings = {}
    for ocr, cleans in by_ocr.items():
        total = sum(cleans.values())
        kept = [
            (clean, round(-math.log(n / total), 3))
            for clean, n in cleans.most_common(MAX_READINGS)
            if n >= MIN_READING_COUNT and clean != ocr and clean.isalpha()
        ]
        if kept:
            readings[ocr] = kept
    return readings


def learn_channel(paths: Iterable[Path]) -> dict[str, dict]:
    """One learned channel per TSV file, named by the file (channel-eng.tsv -> "eng",
    channel-eng-legacy.tsv -> "eng-legacy": Tesseract's legacy engine, a profile of its
    own, since pooled with eng's pairs it cost eng validation 4.01% -> 4.55% WER)."""
    channels = {}
    for path in paths:
        pairs = read_pairs(Path(path))
        name = Path(path).stem.removeprefix("channel-")
        channels[name] = {
            "rules": learn_rules(pairs),
            "marks": learn_marks(pairs),
            "letters": learn_letters(pairs),
            "chars": learn_chars(pairs),
            "readings": learn_readings(pairs),
        }
    return channels
