"""Words the OCR ran together: no option of a token drops the next word's letters.

Old OCR glues a word to the next now and then ("duongve" for "dưỡng về", "SởY" for
"Sở Y"). The restorer puts one syllable in a token's place and never splits it, so an
option that leaves the glued word's letters out loses a word: such options are not
offered, and the token stays as read when nothing else fits. Two signs of a glued word:
a capital right after a small letter ending the token (``GLUED_CAPITAL``), or letters at
its end that are a syllable of their own, opened by a consonant, after a beginning the
option reads as written. Letters that an option leaves out elsewhere stay allowed: a glyph
split in two ("ctia" = "của"), a tone read as a letter after the syllable ("bij" = "bị"),
a marked vowel read twice ("veé" = "về").
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from sohoa.normalize.channel_keys import ocr_skeleton
from sohoa.normalize.decoder import Option
from sohoa.normalize.tokens import GLUED_CAPITAL

_LETTERS = regex.compile(r"\p{L}")
MIN_HEAD = 2  # letters before a glued syllable
VOWELS = frozenset("aeiouy")


def letters(text: str) -> str:
    """The letters of a text, lowercase, without marks (đ is d)."""
    return "".join(_LETTERS.findall(ocr_skeleton(text.lower())))


def glued_tail(read: str, option: str, is_syllable: Callable[[str], bool]) -> bool:
    """Whether ``option`` is the beginning of the token ``read`` as written, the rest of
    whose letters (a glued word) it leaves out: "dưỡng" of "duongve"."""
    head, whole = letters(option), letters(read)
    if len(head) < MIN_HEAD or len(head) >= len(whole) or not whole.startswith(head):
        return False
    tail = whole[len(head) :]
    return tail[0] not in VOWELS and is_syllable(tail)


def whole_options(
    options: list[Option], composed: str, is_syllable: Callable[[str], bool]
) -> list[Option]:
    """``options`` of the token ``composed`` without those that drop a glued word."""
    if GLUED_CAPITAL.search(composed):  # "SởY": never "Sở", the next word's letter lost
        count = len(_LETTERS.findall(composed))
        return [o for o in options if len(_LETTERS.findall(o[0])) >= count]
    return [o for o in options if not glued_tail(composed, o[0], is_syllable)]
