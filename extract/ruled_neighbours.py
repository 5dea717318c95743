"""Amounts of a budget row that a ruling read between them puts in neighbouring columns.

Old OCR reading a ruled budget row across loses its blank cells, and with them the two
rulings that bound each: "1.000 | 800 | 200 100 | 200 200 | 100 | 200 200" under thirteen
amount columns. A ruling is read "|" only where ink stands close on both its sides: between
two amounts of neighbouring cells ("100 | 200"), never across a blank cell (the blank's two
rulings would be read "| |"). So two amounts with a "|" read between them sit in columns
side by side; two with none may or may not (rulings are often not read at all). The row's
sums then place its amounts among the placements that keep those pairs side by side. A
run ruled between every two of its amounts is no such evidence: there every ruling was read,
and a blank cell's two may have been read as one ("250 | 500" with two blank years between).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

_TOKENS = regex.compile(r"[|\[\]{}]|[^\s|\[\]{}]+")  # a ruling mark, or a word without any
_RULINGS = "|[]{}"


def _words_and_rulings(line: str) -> tuple[list[str], list[bool]]:
    """The line's words, each with whether a ruling mark was read just before it."""
    words: list[str] = []
    ruled: list[bool] = []
    before = False
    for token in _TOKENS.findall(line):
        if token in _RULINGS:
            before = True
            continue
        words.append(token)
        ruled.append(before)
        before = False
    return words, ruled


def ruled_neighbours(line: str, values: Sequence[str]) -> frozenset[int]:
    """Each ``k`` such that a ruling was read between ``values[k]`` and ``values[k + 1]``
    where the run of ``values`` stands in ``line`` (its last place there, the amounts
    coming after a row's text). Empty when the run is not so read in the line (a value
    put right or set aside since), holds a blank cell, or is ruled between every two."""
    parts = [value.split() for value in values]
    if not values or any(not p for p in parts):
        return frozenset()
    flat = [word for p in parts for word in p]
    words, ruled = _words_and_rulings(line)
    for start in range(len(words) - len(flat), -1, -1):
        if words[start : start + len(flat)] != flat:
            continue
        firsts, k = [], start  # where each value's first word stands
        for p in parts:
            firsts.append(k)
            k += len(p)
        found = frozenset(j for j in range(len(values) - 1) if ruled[firsts[j + 1]])
        return found if len(found) < len(values) - 1 else frozenset()
    return frozenset()


def keeps_neighbours(columns: Sequence[int], neighbours: frozenset[int]) -> bool:
    """Whether a placement (each value's column, in order) keeps every pair a ruling parts
    in columns side by side."""
    return all(columns[k + 1] == columns[k] + 1 for k in neighbours if k + 1 < len(columns))
