"""Repair OCR'd row numbering from its sequence: "1I." -> "II.", "11" -> "1.1", "2:3" -> "2.3".

Tesseract reads a bold Roman "I" as "1" and drops or bends the dot of a short "1.1" cell.
The numbering of a table is a sequence, so a misread number can be checked against the
number its neighbours imply: it is replaced only when it has the implied number's shape
(the same digits with the dot lost or read as ":"; Roman I read as 1, l or |, II as H).
Every replacement is returned as an Edit for the reviewer.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.model import Edit, Table

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_ROMAN_LOOKALIKE = str.maketrans(
    {"1": "I", "l": "I", "L": "I", "|": "I", "!": "I", "]": "I", "[": "I", "i": "I", "t": "I"}
)
_SECTION_HEAD = regex.compile(r"^([0-9IVXlLHit|!\[\]]{1,5})(\.|(?=\s))\s")


def _roman_shapes(token: str) -> set[str]:
    """What ``token`` may be in Roman numerals: an "H" is "II" run together, or one bold
    "I" whose serifs merged ("HH" for II)."""
    base = token.translate(_ROMAN_LOOKALIKE)
    return {
        base.replace("H", "II").replace("U", "II"),
        base.replace("H", "I").replace("U", "I"),
    }


def _fix_sections(table: Table, edits: list[Edit], table_index: int | None) -> None:
    heads = [_SECTION_HEAD.match(r.section) for r in table.rows if r.section is not None]
    tokens = [m.group(1) for m in heads if m]
    roman_letters = any(regex.search(r"[IVX]", t) for t in tokens)
    roman_shapes = any(regex.search(r"[^0-9]", t) for t in tokens) and all(
        ROMAN[k] in _roman_shapes(t) for k, t in enumerate(tokens[: len(ROMAN)])
    )
    if not (roman_letters or roman_shapes):
        return  # no sign the sections are numbered in Roman numerals: leave "1." alone
    positions_confirmed = any(t == ROMAN[k] for k, t in enumerate(tokens[: len(ROMAN)]) if k >= 1)
    k = 0
    for row in table.rows:
        if row.section is None:
            continue
        match = _SECTION_HEAD.match(row.section)
        if not match:
            continue
        k += 1
        token = match.group(1)
        expected = ROMAN[k - 1] if k <= len(ROMAN) else None
        if expected is None or (token == expected and match.group(2) == "."):
            continue
        shapes = _roman_shapes(token)
        # "III" read as "II" (a stroke lost) is fixed only when another section confirms
        # that the numbering runs I, II, III … by position.
        near = positions_confirmed and any(Levenshtein.distance(s, expected) <= 1 for s in shapes)
        if expected in shapes or near:
            fixed = expected + "." + row.section[match.end(2) :]
            edits.append(_edit(row.section, fixed, table_index, "table-numbering"))
            row.section = fixed


def _next_numbers(previous: str | None) -> list[str]:
    """Numbers that may follow ``previous`` (same level +1, one level down, one level up)."""
    if not previous:
        return ["1"]
    parts = previous.rstrip(".").split(".")
    if not all(p.isdigit() for p in parts):
        return []
    same = [*parts[:-1], str(int(parts[-1]) + 1)]
    options = [".".join(same), ".".join([*parts, "1"])]
    if len(parts) > 1:
        options.append(".".join([*parts[:-2], str(int(parts[-2]) + 1)]))
    return options


# Letters Tesseract reads for the digits of a small, blurred row number ("i" for 1).
_DIGIT_LOOKALIKE = str.maketrans({"i": "1", "l": "1", "I": "1", "|": "1", "!": "1", "t": "1",
                                  "z": "2", "Z": "2", "o": "0", "O": "0"})  # fmt: skip
_NUMBER = regex.compile(r"\d+(\.\d+)*\.?")


def _fits(token: str, number: str) -> bool:
    """Could ``token`` be ``number`` as OCR read it?

    Lookalike letters are read as digits; the dot may be lost ("11" for 1.1), bent (":"
    or ",") or read as a digit ("243" for 2.3) — but every digit must be right.
    """
    shaped = token.translate(_DIGIT_LOOKALIKE).replace(":", ".").replace(",", ".")
    if shaped == number or shaped.replace(".", "") == number.replace(".", ""):
        return True
    return len(shaped) == len(number) and all(
        a == b or b == "." for a, b in zip(shaped, number, strict=True)
    )


def _fix_stt(table: Table, stt_col: int, edits: list[Edit], table_index: int | None) -> None:
    """Each row number checked against the numbers its predecessor allows.

    A number that fits one of them (see ``_fits``) is set to it. A cell that is no number
    at all ("ai", "r") is set to the one allowed number that the next row's cell fits
    after it — the sequence on both sides agrees, and the edit says so with a lower
    confidence. A well-formed number that fits nothing (a skipped number in the source)
    is kept.
    """
    numbered = [r for r in table.rows if r.section is not None or len(r.cells or []) > stt_col]
    previous: str | None = None
    for index, row in enumerate(numbered):
        if row.section is not None:
            previous = None
            continue
        cells = row.cells or []
        token = cells[stt_col].strip()
        if not token:
            continue
        plain = token.rstrip(".:")
        dot = "." if token.endswith((".", ":")) else ""
        candidates = _next_numbers(previous)
        fixed, confidence = None, 0.9
        if plain not in candidates:
            fitting = [c for c in candidates if _fits(plain, c)]
            if len(fitting) == 1:
                fixed = fitting[0]
            elif not _NUMBER.fullmatch(token) and index + 1 < len(numbered):
                following = numbered[index + 1]
                after = (following.cells or [""] * (stt_col + 1))[stt_col].strip().rstrip(".:")
                agreeing = [
                    c
                    for c in candidates
                    if following.section is None
                    and after
                    and any(_fits(after, n) for n in _next_numbers(c))
                ]
                if len(agreeing) == 1:
                    fixed, confidence = agreeing[0], 0.6
        if fixed is not None and fixed + dot != token:
            edit = _edit(token, fixed + dot, table_index, "table-numbering")
            edit.confidence = confidence
            edits.append(edit)
            cells[stt_col] = fixed + dot
            plain = fixed
        previous = plain if _NUMBER.fullmatch(plain) else previous


def _edit(original: str, result: str, table_index: int | None, reason: str) -> Edit:
    return Edit(original=original, result=result, confidence=0.9, table=table_index, reason=reason)


def fix_numbering(table: Table, stt_col: int | None, table_index: int | None = None) -> list[Edit]:
    edits: list[Edit] = []
    _fix_sections(table, edits, table_index)
    if stt_col is not None:
        _fix_stt(table, stt_col, edits, table_index)
    return edits
