"""How a restored word is written: the original's case, and the tone placement of the
text (classic hòa, thủy or modern hoà, thuỷ: ``dominant_style``).
"""

from __future__ import annotations

import regex

from sohoa.normalize.unicode import nfc, normalize_syllable


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


def restyled(text: str, style: str) -> str:
    """``text`` (a word, any case) with its tone where ``style`` puts it."""
    if not _STYLED.search(text):
        return text
    return normalize_syllable(text, style)  # type: ignore[arg-type]
