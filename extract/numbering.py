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
    {"1": "I", "l": "I", "L": "I", "|": "I", "!": "I", "]": "I", "[": "I"}
)
_SECTION_HEAD = regex.compile(r"^([0-9IVXlLH|!\[\]]{1,5})(\.|(?=\s))\s")


def _roman_shape(token: str) -> str:
    return token.translate(_ROMAN_LOOKALIKE).replace("H", "II").replace("U", "II")


def _roman_shapes(token: str) -> set[str]:
    """What a Roman number read as ``token`` may be: "H" is "II" run together, or one
    blurred serif "I" ("HH." for "II.")."""
    return {_roman_shape(token), _roman_shape(token.replace("H", "I"))}


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
        shape = _roman_shape(token)
        # "III" read as "II" (a stroke lost) is fixed only when another section confirms
        # that the numbering runs I, II, III … by position.
        near = (
            shape != expected and positions_confirmed and Levenshtein.distance(shape, expected) <= 1
        )
        if expected in _roman_shapes(token) or near:
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


def _after(possible: list[str | None]) -> list[str]:
    """Numbers that may follow any of the ``possible`` previous numbers, in order."""
    options: list[str] = []
    for previous in possible:
        options += [n for n in _next_numbers(previous) if n not in options]
    return options


_NUMBER = regex.compile(r"\d+(\.\d+)*")


def _same_shape(token: str, candidate: str) -> bool:
    """``token`` is ``candidate`` with its dots lost, read as ":" or ",", or read as a glyph.

    "11" / "1:1" / "1,1" for "1.1"; "243" for "2.3" (the dot read as a digit, same length,
    every other character right).
    """
    if "." not in candidate:
        return False
    shaped = token.replace(":", ".").replace(",", ".")
    if shaped.replace(".", "") == candidate.replace(".", ""):
        return True
    return len(token) == len(candidate) and all(
        a == b or b == "." for a, b in zip(token, candidate, strict=True)
    )


def _fix_stt(table: Table, stt_col: int, edits: list[Edit], table_index: int | None) -> None:
    """Walk the STT column as a sequence; a number that cannot be read keeps it going.

    After an unreadable number, every number that could have stood there is a possible
    predecessor, so "2", "?", "22" still repairs "22" to "2.2"; and a cell with no number
    at all ("r") is filled only when its neighbours leave exactly one possibility.
    """
    rows = [r for r in table.rows if r.section is not None or r.cells]
    possible: list[str | None] = [None]
    for index, row in enumerate(rows):
        if row.section is not None:
            possible = [None]
            continue
        cells = row.cells or []
        if stt_col >= len(cells) or not cells[stt_col]:
            continue
        token = cells[stt_col]
        candidates = _after(possible)
        plain = token.rstrip(".:")
        if plain not in candidates:
            fitting = [c for c in candidates if _same_shape(plain, c)]
            if not fitting and not _NUMBER.fullmatch(plain):
                following = _next_token(rows, index + 1, stt_col)
                fitting = [c for c in candidates if following and _fits_after(following, c)]
            if len(fitting) == 1:
                fixed = fitting[0] + ("." if token.endswith((".", ":")) else "")
                edits.append(_edit(token, fixed, table_index, "table-numbering"))
                cells[stt_col] = fixed
                plain = fitting[0]
        if plain in candidates or (_NUMBER.fullmatch(plain) and possible == [None]):
            possible = [plain]
        elif _NUMBER.fullmatch(plain):  # out of sequence: misread, or the numbering jumps
            possible = [*candidates, plain]
        else:  # unreadable: any expected number may have stood here
            possible = list(candidates)


def _next_token(rows: list, start: int, stt_col: int) -> str | None:
    if start >= len(rows) or rows[start].section is not None:
        return None
    cells = rows[start].cells or []
    return cells[stt_col].rstrip(".:") if stt_col < len(cells) and cells[stt_col] else None


def _fits_after(token: str, previous: str) -> bool:
    return any(token == n or _same_shape(token, n) for n in _next_numbers(previous))


def _edit(original: str, result: str, table_index: int | None, reason: str) -> Edit:
    return Edit(original=original, result=result, confidence=0.9, table=table_index, reason=reason)


def fix_numbering(table: Table, stt_col: int | None, table_index: int | None = None) -> list[Edit]:
    edits: list[Edit] = []
    _fix_sections(table, edits, table_index)
    if stt_col is not None:
        _fix_stt(table, stt_col, edits, table_index)
    return edits
