"""Vietnamese letters in Unicode: NFC, tone marks apart from vowel marks, tone placement.

A Vietnamese syllable carries at most one tone mark (acute, grave, hook above, tilde, dot
below) and any number of vowel marks (breve ă, circumflex â ê ô, horn ơ ư) plus the
stroke of đ. The restorer works on syllables split into an *untoned* spelling and a tone
number, so that tone placement ("hóa" vs "hoá") is one rule applied in one place.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

ToneStyle = Literal["classic", "modern"]  # classic: hóa, thủy (the seeds); modern: hoá, thuỷ

# Tone numbers: 0 level (no mark), then the five marks as combining characters.
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # ́  ̀  ̉  ̃  ̣
TONE_NAMES = ("level", "acute", "grave", "hook", "tilde", "dot")
_TONE_OF_MARK = {mark: tone for tone, mark in enumerate(TONE_MARKS) if mark}
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
VOWELS = set("aăâeêioôơuưy")
MODIFIED_VOWELS = set("ăâêôơư")

# Legacy input: spacing accents and precomposed letters from older encodings.
_LEGACY = str.maketrans({"\u02cb": "\u0300", "\u02ca": "\u0301", "\u02dc": "\u0303"})


def nfc(text: str) -> str:
    """Canonical composition; decomposed input (from some PDFs, macOS) becomes NFC."""
    return unicodedata.normalize("NFC", text)


def split_tone(syllable: str) -> tuple[str, int]:
    """Split a syllable into its spelling without the tone mark and the tone number."""
    if syllable.isascii():
        return syllable, 0  # no mark at all (and nothing for NFD or NFC to change)
    tone = 0
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", syllable):
        found = _TONE_OF_MARK.get(ch)
        if found is None:
            kept.append(ch)
        else:
            tone = found
    return unicodedata.normalize("NFC", "".join(kept)), tone


def strip_marks(text: str) -> str:
    """Remove every mark and map đ→d: the key OCR and clean spellings share."""
    if text.isascii():
        return text  # nothing to remove
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        out.append("d" if ch == "đ" else "D" if ch == "Đ" else ch)
    return "".join(out)


def vowel_marks(text: str) -> int:
    """How many breve/circumflex/horn marks and đ strokes the text carries."""
    return sum(ch in _VOWEL_MARKS for ch in unicodedata.normalize("NFD", text)) + sum(
        ch in "đĐ" for ch in text
    )


def _nucleus(untoned: str) -> tuple[int, int]:
    """Start and end (exclusive) of the vowel nucleus of a lowercase untoned syllable."""
    start = 0
    # "qu" and "gi" are onsets when a vowel follows: quả, già (but gì, gìn keep i).
    if untoned[:2] in ("qu", "gi") and untoned[2:3] and untoned[2] in VOWELS:
        start = 2
    while start < len(untoned) and untoned[start] not in VOWELS:
        start += 1
    end = start
    while end < len(untoned) and untoned[end] in VOWELS:
        end += 1
    return start, end


def tone_position(untoned: str, style: ToneStyle = "classic") -> int | None:
    """Index of the vowel that carries the tone in a lowercase untoned syllable."""
    start, end = _nucleus(untoned)
    if start == end:
        return None
    nucleus = untoned[start:end]
    for offset in range(len(nucleus) - 1, -1, -1):  # ươ: the mark goes on ơ (the last one)
        if nucleus[offset] in MODIFIED_VOWELS:
            return start + offset
    if len(nucleus) == 1:
        return start
    closed = end < len(untoned)
    if closed:
        return end - 1  # hoạch, toàn, tuyết
    if len(nucleus) == 3:
        return start + 1  # ngoài, khuỷu
    if nucleus in ("oa", "oe", "uy"):
        return start if style == "classic" else start + 1  # hóa / hoá
    return start  # mái, hào, mía, múa


def place_tone(untoned: str, tone: int, style: ToneStyle = "classic") -> str:
    """Put ``tone`` on the right vowel of an untoned syllable (case is kept)."""
    if tone == 0:
        return untoned
    position = tone_position(untoned.lower(), style)
    if position is None:
        return untoned
    marked = unicodedata.normalize("NFD", untoned[position]) + TONE_MARKS[tone]
    return untoned[:position] + unicodedata.normalize("NFC", marked) + untoned[position + 1 :]


def normalize_syllable(syllable: str, style: ToneStyle = "classic") -> str:
    """One spelling per syllable: NFC, the tone on the vowel ``style`` puts it on."""
    untoned, tone = split_tone(syllable)
    if tone == 0 or not any(ch in VOWELS for ch in untoned.lower()):
        return nfc(syllable)
    return place_tone(untoned, tone, style)


def repair_legacy(text: str) -> str:
    """Fix decomposed text and spacing accents typed after a vowel (old encodings)."""
    return nfc(text.translate(_LEGACY))
