"""The units of the language model: what the model builder counts and the restorer asks
about. A syllable is counted as its normalised lowercase form; a word that cannot spell a
syllable is ``<abbr>`` (all capitals) or ``<unk>``; punctuation has its own units.

Both ``corpus/build.py`` (counting) and ``normalize/`` (querying) import these, so the
restorer never imports the model builder.
"""

from __future__ import annotations

import re

from sohoa.normalize.unicode import ToneStyle, normalize_syllable, strip_marks

BOS = "<s>"
WORD_START = "<w>"  # left context of word-list entries (never queried)
PUNCT_UNITS = {
    ".": ".",
    ",": ",",
    ";": ";",
    ":": ":",
    "(": "(",
    ")": ")",
    "?": "?",
    "!": "!",
    '"': '"',
    "“": '"',
    "”": '"',
    "-": "-",
    "–": "-",
    "—": "-",
    "…": ".",
}
_SYLLABLE_SHAPE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)


def syllable_shaped(lower: str) -> bool:
    """True if the lowercase letters can spell one Vietnamese syllable."""
    return bool(_SYLLABLE_SHAPE.match(strip_marks(lower)))


def word_unit(core: str, style: ToneStyle) -> str:
    """LM unit of a word or ALL-CAPS core: its normalised lowercase syllable or <abbr>/<unk>."""
    lower = core.lower()
    if syllable_shaped(lower):
        return normalize_syllable(lower, style)
    return "<abbr>" if core.isupper() else "<unk>"
