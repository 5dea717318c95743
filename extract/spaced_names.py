"""A lead agency's name whose spaces old OCR lost ("seyte", "s@Noivu", "Sở Taichinn"),
given its spaces back where "Sở" and a known sector's name (``admin_vocab.SECTORS``) have
them: one character for one, no letter changed. Used by ``budget_agencies``.
"""

from __future__ import annotations

import regex

from sohoa.extract.admin_vocab import SECTORS
from sohoa.extract.rebuild_edits import note
from sohoa.normalize.unicode import strip_marks


def _letters(text: str) -> str:
    """``text`` without spaces, marks nor capitals, one character for one ("Sở Y" -> "soy")."""
    return "".join(strip_marks(c).lower() for c in text if not c.isspace())


SPACED = "table-agency-name-spaced"  # the Edit's reason: spaces (and two capitals) given back
SPACED_CONFIDENCE = 0.9

LONG_NAME = 8  # characters of a name (spaces aside) from which two slips are allowed


def _slips_allowed(size: int) -> int:
    return 1 if size < LONG_NAME else 2


def spaced_known_name(cell: str) -> str:
    """A lead whose spaces old OCR lost ("seyte", "s@Noivu", "Sở Taichinn"): when its
    characters, spaces aside, are one for one those of "Sở" and one known sector's name
    (``admin_vocab.SECTORS``), one slip at most (two from ``LONG_NAME`` characters), the
    spaces go back where the name has them, "Sở" and the sector's first word capitalised
    ("Se Y te"): no letter changes here (``interleaved.repair_cells`` then spells the name,
    each change logged). Unchanged when the cell has the name's words already, or two
    names fit."""
    read = "".join(cell.split())
    fits = []
    for sector in SECTORS:
        words = ["Sở", *regex.findall(r"[\p{L}]+", sector.lower())]
        name = "".join(words)
        slips = sum(a != b for a, b in zip(_letters(read), _letters(name), strict=False))
        if len(read) == len(name) and slips <= _slips_allowed(len(name)):
            fits.append([len(w) for w in words])
    if len(fits) != 1 or len(cell.split()) >= len(fits[0]):
        return cell
    pieces, start = [], 0
    for size in fits[0]:
        pieces.append(read[start : start + size])
        start += size
    pieces[:2] = [p[:1].upper() + p[1:] for p in pieces[:2]]
    spaced = " ".join(pieces)
    note(cell, spaced, SPACED_CONFIDENCE, SPACED)
    return spaced
