"""Section numerals repaired from their place: "1I." -> "II.", "1H." -> "III.", "lv." -> "V.".

Tesseract reads a bold Roman "I" as "1", "l" or "|" and two strokes run together as "H". The
sections of a table are numbered I, II, III …, so a section heading's numeral is set to the
one due at its place when it has that numeral's shape; a stroke lost ("II" for III) only
when the numbering is confirmed by position or would repeat. Also: the rows that are
themselves a section, their numeral in the number column (``section_numeral_rows``).
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.model import Edit, Table, TableRow

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
NUMBERING = "table-numbering"  # the reason of a table's numbering Edits (numbering, lost_headings)
_ROMAN_LOOKALIKE = str.maketrans(
    {
        "1": "I",
        "l": "I",
        "L": "I",
        "|": "I",
        "!": "I",
        "]": "I",
        "[": "I",
        "i": "I",
        "t": "I",
        "v": "V",
        "w": "IV",
    }
)  # fmt: skip  ("w": I and V run together)
# "," a misread "."; the space after the dot may be lost before a capital ("IL.TĂNG")
SECTION_HEAD = regex.compile(r"^([0-9IVXlLHitvw|!\[\]]{1,5})([.,]|(?=\s))(\s|(?<=[.,])(?=\p{Lu}))")


def _roman_shapes(token: str) -> set[str]:
    """What ``token`` may be in Roman numerals: each "H" (or "U") is "II" run together, or
    one bold "I" whose serifs merged ("HH" for II, "HH" for III, "HI1" for III)."""
    shapes = {""}
    for char in token.translate(_ROMAN_LOOKALIKE):
        options = ("I", "II") if char in "HU" else (char,)
        shapes = {shape + option for shape in shapes for option in options}
    return shapes


def _shapes_after_ruling(token: str) -> set[str]:
    """``_roman_shapes`` of ``token``, and of it without a first "|" or "[" when one leads a
    longer token ("|11." for "II."): the ruling at the row's left border, read before the
    numeral of a section heading read across the table, or a stroke of the numeral."""
    shapes = _roman_shapes(token)
    if len(token) > 1 and token[0] in "|[":
        shapes |= _roman_shapes(token[1:])
    return shapes


def _went_back(shapes: set[str], k: int) -> bool:
    """Is the ``k``-th section's numeral (from 1) strokes alone ("|", "l") that lost
    strokes? Every reading of it was used before (I, |, | for I, II, III): a numbering never
    goes back, and the numeral due there is strokes too."""
    if not 2 <= k <= len(ROMAN):
        return False
    due = ROMAN[k - 1]
    return shapes <= set(ROMAN[: k - 1]) and all(set(s) <= {"I"} for s in shapes | {due})


def fix_sections(table: Table, table_index: int | None, confidence: float) -> list[Edit]:
    """The section numerals set to the Roman numeral due at their place when they have
    its shape (one Edit at ``confidence`` each), in a table whose sections show Roman
    numerals (a letter of one, or every numeral a shape of the one due)."""
    edits: list[Edit] = []
    heads = [SECTION_HEAD.match(r.section) for r in table.rows if r.section is not None]
    tokens = [m.group(1) for m in heads if m]
    roman_letters = any(regex.search(r"[IVX]", t) for t in tokens)
    roman_shapes = any(regex.search(r"[^0-9]", t) for t in tokens) and all(
        ROMAN[k] in _roman_shapes(t) for k, t in enumerate(tokens[: len(ROMAN)])
    )
    if not (roman_letters or roman_shapes):
        return edits  # no sign the sections are numbered in Roman numerals: "1." stays
    positions_confirmed = any(
        t == ROMAN[k] or _went_back(_roman_shapes(t), k + 1)
        for k, t in enumerate(tokens[: len(ROMAN)])
        if k >= 1
    )
    k = 0
    for row_index, row in enumerate(table.rows):
        if row.section is None:
            continue
        match = SECTION_HEAD.match(row.section)
        if not match:
            continue
        k += 1
        token = match.group(1)
        expected = ROMAN[k - 1] if k <= len(ROMAN) else None
        if expected is None or (token == expected and match.group(2) == "."):
            continue
        shapes = _shapes_after_ruling(token)
        # "III" read as "II" (a stroke lost) is fixed only when another section confirms
        # that the numbering runs I, II, III … by position, or when it would repeat the
        # section before it (I, II, II: a numbering never repeats).
        repeat = k >= 2 and token == ROMAN[k - 2]
        confirmed = positions_confirmed or repeat
        near = confirmed and any(Levenshtein.distance(s, expected) <= 1 for s in shapes)
        if expected in shapes or near or _went_back(shapes, k):
            fixed = expected + ". " + row.section[match.end(2) :].lstrip()
            reason, at = NUMBERING, row_index
            edits.append(
                Edit(row.section, fixed, confidence, table=table_index, row=at, reason=reason)
            )
            row.section = fixed
    return edits


def _numeral(row: TableRow, stt_col: int) -> str:
    """The Roman numeral a section row opens with, or a row's number cell as read."""
    if row.section is not None:
        match = SECTION_HEAD.match(row.section)
        return match.group(1) if match else ""
    return (row.cells or [""] * (stt_col + 1))[stt_col].strip().rstrip(".")


def section_numeral_rows(table: Table, stt_col: int) -> set[int]:
    """The rows (by index) that are a section with amounts of its own, its Roman numeral in
    the number column ("III | Tổ chức hội nghị tổng kết | 60 …"): the numeral is the next
    section's (after I and II, III), and no section heading later in the table has it. The
    table's first section counts as one only when a later row or heading reads II (a lone
    "I" may be a misread 1). Such a row starts its section's numbering anew like a heading."""
    numerals = [_numeral(row, stt_col) for row in table.rows]
    found: set[int] = set()
    sections = 0
    for index, row in enumerate(table.rows):
        if row.section is not None:
            sections += 1
            continue
        if sections >= len(ROMAN) or numerals[index] != ROMAN[sections]:
            continue
        later = numerals[index + 1 :]
        later_heads = {n for r, n in zip(table.rows[index + 1 :], later, strict=True) if r.section}
        if numerals[index] in later_heads or (sections == 0 and ROMAN[1] not in later):
            continue
        found.add(index)
        sections += 1
    return found
