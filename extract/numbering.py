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


def _fix_sections(table: Table, edits: list[Edit], table_index: int | None) -> None:
    heads = [_SECTION_HEAD.match(r.section) for r in table.rows if r.section is not None]
    tokens = [m.group(1) for m in heads if m]
    roman_letters = any(regex.search(r"[IVX]", t) for t in tokens)
    roman_shapes = any(regex.search(r"[^0-9]", t) for t in tokens) and all(
        _roman_shape(t) == ROMAN[k] for k, t in enumerate(tokens[: len(ROMAN)])
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
        if shape == expected or near:
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


def _fix_stt(table: Table, stt_col: int, edits: list[Edit], table_index: int | None) -> None:
    previous: str | None = None
    for row in table.rows:
        if row.section is not None:
            previous = None
            continue
        cells = row.cells or []
        if stt_col >= len(cells) or not cells[stt_col]:
            continue
        token = cells[stt_col]
        candidates = _next_numbers(previous)
        plain = token.rstrip(".:")
        if plain not in candidates:
            shaped = plain.replace(":", ".").replace(",", ".")
            for candidate in candidates:
                same_digits = shaped.replace(".", "") == candidate.replace(".", "")
                if "." in candidate and same_digits:
                    fixed = candidate + ("." if token.endswith((".", ":")) else "")
                    edits.append(_edit(token, fixed, table_index, "table-numbering"))
                    cells[stt_col] = fixed
                    plain = candidate
                    break
        previous = plain if regex.fullmatch(r"\d+(\.\d+)*", plain) else previous


def _edit(original: str, result: str, table_index: int | None, reason: str) -> Edit:
    return Edit(original=original, result=result, confidence=0.9, table=table_index, reason=reason)


def fix_numbering(table: Table, stt_col: int | None, table_index: int | None = None) -> list[Edit]:
    edits: list[Edit] = []
    _fix_sections(table, edits, table_index)
    if stt_col is not None:
        _fix_stt(table, stt_col, edits, table_index)
    return edits
