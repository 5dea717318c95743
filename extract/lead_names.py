"""An agency cell that is one whole name misread letter by letter, spelt as the name is.

A lead agency's cell holds one name ("Sở Y tế", "Sở KH&CN", "Công an tỉnh", "UBND cấp
xã"), and old OCR reads it with slips ``wrapped_names.known_name`` cannot take word by
word: its words run together ("seyvte", "Céngantinh"), "Sở" read with signs ("s@kHacn",
"$0 Giáo dục và Đào tạo"), the "&" of initials read "a" ("Sở KHacn"), "xã" read "x4". Read
as one run of letters (marks, case and spaces away, the signs OCR reads for "o" and "s"
read so), the cell is the name it is nearest to: one letter apart at most (two in a name of
``LONG_NAME`` letters), with no other name as near and no letter of it unread. Then the
cell is spelt as that name (``spelt_name``); a speck standing alone ("—") stays after it,
and every other cell is left as read. Used by ``interleaved.repair_cells`` when the
document is restored.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.admin_vocab import SECTORS
from sohoa.extract.agency_names import (
    DIGIT_LETTERS,
    SECTOR_INITIALS,
    STANDING_BODIES,
    TIERS,
    whole_names,
)
from sohoa.extract.structure import fold
from sohoa.model import Edit, Table
from sohoa.normalize.unicode import strip_marks

LONG_NAME = 16  # letters of a name that may be read with two slips
# signs old OCR reads for a letter of a name: "S@" / "$0" for "Sở", "C6ng" for "Công" (the
# digits read for an "o": agency_names' DIGIT_LETTERS)
SIGN_LETTERS = DIGIT_LETTERS | str.maketrans({"@": "o", "$": "s", "đ": "d"})
# the initials' "&" is kept: read "a" ("KHacn"), it is one slip from "KH&CN"
_NOT_LETTER = regex.compile(r"[^\p{L}\d&@$]+")
ACRONYMS = {"ubnd", "hđnd", "đbqh"}
# names spelt with more capitals than the first word's
CAPITALISED = {"công thương": "Công Thương", "ban quản lý": "Ban Quản lý"}
# the one-name bodies a lead's cell holds besides departments and standing bodies
LONE_BODIES = (
    "UBND cấp xã", "UBND cấp huyện", "UBND cấp tỉnh", "UBND tỉnh",
    "Ban Quản lý các khu công nghiệp", "Ban Quản lý khu kinh tế", "Tỉnh đoàn",
)  # fmt: skip


def letters(text: str) -> str:
    """``text`` as one run of letters: no marks, case, spaces or punctuation; the signs
    OCR reads for "o" and "s" read as those letters ("s@kHacn" -> "sokhacn")."""
    return _NOT_LETTER.sub("", strip_marks(text.lower()).translate(SIGN_LETTERS))


def _sector_spelt(sector: str) -> str:
    """A sector as a department's name spells it: "VĂN HÓA, THỂ THAO VÀ DU LỊCH" ->
    "Văn hóa, Thể thao và Du lịch" (a capital after "và", a comma or a dash)."""
    lower = sector.lower()
    if lower in CAPITALISED:
        return CAPITALISED[lower]
    out: list[str] = []
    for word in lower.split():
        capital = not out or out[-1] in ("và", "-") or out[-1].endswith(",")
        out.append(word[:1].upper() + word[1:] if capital else word)
    return " ".join(out)


def _body_spelt(body: str) -> str:
    """A standing body's name: its first word capitalised, its initials in capitals."""
    words = [w.upper() if w in ACRONYMS else w for w in body.split()]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


@lru_cache(maxsize=1)
def one_names() -> dict[str, str]:
    """The names one agency cell holds alone, by their letters (``letters``)."""
    names = [f"Sở {_sector_spelt(sector)}" for sector in SECTORS]
    names += [f"Sở {initials.upper()}" for initials in SECTOR_INITIALS]
    names += [f"{_body_spelt(body)} {tier}" for body in STANDING_BODIES for tier in TIERS]
    names += list(LONE_BODIES)
    return {letters(name): name for name in names}


@lru_cache(maxsize=1)
def other_names() -> frozenset[str]:
    """The letters of the grammar's other whole names (``agency_names.whole_names``: "UBND
    các huyện", "Các sở, ngành"): a cell as near to one of them is no misread one name."""
    ours = {known.replace("&", "") for known in one_names()}
    return frozenset(key for key in ("".join(n) for n in whole_names()) if key not in ours)


def _slips_allowed(name: str) -> int:
    return 2 if len(name) >= LONG_NAME else 1


def spelt_name(cell: str) -> str | None:
    """The one name ``cell`` is misread (see the module's doc), spelt as the name is, the
    specks standing alone after it; ``None`` when the cell is no such name, is as near to
    another (of ``other_names`` too), holds fewer letters than the name (one the OCR did
    not read is never written: "Sở tế" stays) or more words (a word is never dropped), or
    already reads as it (the same letters: marks and spaces are the
    restorer's)."""
    words = cell.split()
    read = [w for w in words if regex.search(r"[\p{L}\d]", w)]
    specks = [w for w in words if w not in read]
    if not read or (len(read) < len(words) and words[: len(read)] != read):
        return None  # a speck amid the name's words: no one name
    key = letters(" ".join(read))
    distances = sorted(
        (Levenshtein.distance(key, known), known)
        for known in [*one_names(), *other_names()]
        if abs(len(known) - len(key)) <= _slips_allowed(known)
    )
    if not distances or distances[0][0] > _slips_allowed(distances[0][1]):
        return None
    slips, known = distances[0]
    if (len(distances) > 1 and distances[1][0] == slips) or known not in one_names():
        return None
    name = one_names()[known]
    if len(key) < len(known) or len(read) > len(name.split()):
        return None  # a letter the OCR did not read is never written, a word never dropped
    if len(key) > len(known) and any(c.isdigit() for c in key):
        return None  # a digit may be a letter misread ("x8"), never dropped ("tế2")
    if fold(" ".join(read)) == fold(name):
        return None  # the name as read
    return " ".join([name, *specks])


SPELT = "table-agency-name-spelt"  # an agency cell spelt as the one name it misreads
# bench/tables_edits.py --restore (lstm6-norules): 38 judged, 38 right (many a name the
# restorer would have spelt too: "C6ng an tinh"); (38 + 1) / (38 + 2) = 0.97, rounded down
SPELT_CONFIDENCE = 0.95


def spell_one_names(table: Table, agencies: list[int], table_index: int | None) -> list[Edit]:
    """Each agency cell of ``table`` that is one name misread (``spelt_name``) spelt as the
    name is, an Edit for the reviewer per cell."""
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        for index in agencies:
            spelt = spelt_name(cells[index]) if index < len(cells) and cells[index] else None
            if spelt is not None:
                original = cells[index]
                edits.append(
                    Edit(original, spelt, SPELT_CONFIDENCE, table=table_index, row=at, reason=SPELT)
                )
                cells[index] = spelt
    return edits
