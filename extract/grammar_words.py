"""The words of a table cell an extract Edit set from the agency grammar, kept as set.

The rebuild spells an agency cell from the grammar of agency names (``interleaved``'s
"S@ KH&CN" -> "Sở KH&CN", ``lead_names``' "s@kHacn" -> "Sở KH&CN"); the restorer then
restores the cells of a table rebuilt from the words as read, and may choose for a word
the grammar already set another spelling ("Sở" -> "Số", its best guess for "So" alone).
"Sở" heads an agency name and "Số" never does, so a word the grammar set that the restorer
gave other marks stays as set; the cell's other words are the restorer's as before.
"""

from __future__ import annotations

from sohoa.extract.interleaved import SPELT_PATTERN
from sohoa.extract.lead_names import SPELT
from sohoa.model import Edit
from sohoa.normalize.unicode import strip_marks

# the reasons of the edits that spell an agency cell from the grammar
GRAMMAR_REASONS = (SPELT, SPELT_PATTERN)

# (table, row, the cell's text) -> the indexes of its words (split at spaces) the grammar set
SetWords = dict[tuple[int | None, int | None, str], frozenset[int]]


def _changed(original: str, result: str) -> set[int]:
    """The indexes of ``result``'s words an edit set: those unlike the word at the same
    place of ``original`` or, when the counts differ, every word ``original`` does not hold."""
    was, now = original.split(" "), result.split(" ")
    if len(was) == len(now):
        return {k for k, (a, b) in enumerate(zip(was, now, strict=True)) if a != b}
    return {k for k, word in enumerate(now) if word not in was}


def grammar_words(edits: list[Edit]) -> SetWords:
    """Each cell the grammar's edits left, with the words they set (an edit of a cell
    another set before keeps the earlier words when the count of words is the same)."""
    found: SetWords = {}
    for edit in edits:
        if edit.reason not in GRAMMAR_REASONS or edit.table is None:
            continue
        earlier = found.get((edit.table, edit.row, edit.original), frozenset())
        same_count = len(edit.original.split(" ")) == len(edit.result.split(" "))
        words = _changed(edit.original, edit.result) | (earlier if same_count else set())
        found[edit.table, edit.row, edit.result] = frozenset(words)
    return found


def word_at(text: str, column: int) -> int:
    """The index of the word (split at spaces) of ``text`` holding character ``column``."""
    return text[:column].count(" ")


def held_words(before: str, after: str, words: frozenset[int]) -> frozenset[int]:
    """The ``words`` the grammar set (indexes, ``grammar_words``) that the restorer gave
    other marks only ("Sở" -> "Số"): those stay as set. A sign it took off ("nghệ¢" ->
    "nghệ") is its own; none when it changed the cell's count of words."""
    was, now = before.split(" "), after.split(" ")
    if len(was) != len(now):
        return frozenset()
    return frozenset(
        k for k in words if k < len(was) and was[k] != now[k] and _same(was[k], now[k])
    )


def _same(one: str, other: str) -> bool:
    return strip_marks(one).lower() == strip_marks(other).lower()


def kept_as_set(before: str, after: str, held: frozenset[int]) -> str:
    """``after`` (the restorer's) with the ``held`` words (``held_words``) as ``before``."""
    was, now = before.split(" "), after.split(" ")
    if len(was) != len(now):
        return after
    return " ".join(was[k] if k in held else word for k, word in enumerate(now))
