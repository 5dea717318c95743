"""Whole lines of specks inside the task cells of a table rebuilt from old OCR text.

Old OCR of a ruled appendix reads a speck, a piece of a stamp or of a ruling between two
lines of a cell as a short line of letters: "Tổ chức hội thảo về" / "mn ge" / "cải cách
hành chính". Joined into the cell, "mn ge" is two tokens among words, and ``cell_noise``,
which judges tokens, keeps "ge" (it could be a syllable) and so the run. As a line it is
plain: no token of it is a word. The rebuild notes the lines it joins into a cell
(``rebuild_edits.note_joined``); here each such line is weighed as a unit, with the
restorer's lexicon (``known``: ``RestorerModel.reads_as_word``, marks and case away):

- a token with a digit, a sign inside ("S@Gidoducva|", a code), a word of an agency's name
  ("Sở", "xã", "ngành": ``agency_names``), an acronym of three capitals or more, or a word
  of three letters or more the lexicon reads, is content: the line stays;
- a token ``cell_noise`` calls strong (a lone consonant, two letters of no syllable, three
  unmarked letters of no word), or of three letters or more the lexicon reads as no word
  ("aes", "Saar", "gniep"), is a speck's;
- the rest (a syllable or acronym of one or two letters: "a", "ge", "Le", "OR"; a lone
  sign) could be either.

A line of two to four tokens, none content and at least half a speck's, is junk: "mn ge",
"A aes", "eo wn eux", but never "cơ sở" (nothing a speck's), "cơ sở q" (one in three) or
"Sở x". It is moved out of a cell only where its words stand whole between two lines of the
cell (or at its edge) and the cell holds other words, and logged as the specks
``cell_noise`` takes out are (``table-cell-noise``, the text before and after: the cell's
noise record). Without the lexicon (the restorer off) only the strong tokens are a speck's
and every word of three letters or more is content.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from sohoa.extract.agency_names import whole_names
from sohoa.extract.appendix import map_columns
from sohoa.extract.cell_noise import REASON, STRONG, Known, token_kind
from sohoa.extract.rebuild_edits import JoinedLines
from sohoa.extract.structure import fold
from sohoa.model import Edit, Table
from sohoa.normalize.unicode import nfc

TASK_FIELD = ("noi_dung",)
LINE_TOKENS = (2, 4)  # a junk line's tokens, fewest and most (one token: ``cell_noise``'s)
SPECK, EITHER = 1, 0  # a token's weight; None: content, the line stays
# bench/tables_edits.py --restore --show table-cell-noise (lstm6-norules): the lines moved
# out were 10 of 10 judged right (1 unjudged): (10 + 1) / (10 + 2) = 0.92, rounded down to
# 0.05 as cell_noise's are
CONFIDENCE_LINE = 0.9

_DIGIT = regex.compile(r"\p{N}")
_SIGNS_ONLY = regex.compile(r"^[^\p{L}\p{N}]+$")
_WORD = regex.compile(r"^[^\p{L}\p{N}]*(\p{L}+)[^\p{L}\p{N}]*$")  # letters, signs at the edges


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """The words of the agencies' names, folded ("so", "xa", "nganh", "ubnd")."""
    return frozenset(word for name in whole_names() for word in name)


def token_weight(token: str, known: Known | None) -> int | None:
    """SPECK, EITHER or None (content) for a token of a line (see the module's text)."""
    if _DIGIT.search(token):
        return None
    if _SIGNS_ONLY.match(token):
        return EITHER  # a dash, a ruling: a row's structure as often as dirt
    found = _WORD.match(token)
    if found is None:
        return None  # a sign inside: a garbled word, a code
    word = found.group(1)
    if fold(word) in _name_words():
        return None
    if token_kind(token, known=known) == STRONG:
        return SPECK
    if len(word) <= 2:
        return EITHER
    if known is None or word.isupper() or known(word):
        return None
    return SPECK


def junk_line(words: tuple[str, ...], known: Known | None) -> bool:
    """Is a line (its words) specks read as letters: two to four tokens, none content, at
    least half a speck's?"""
    fewest, most = LINE_TOKENS
    if not fewest <= len(words) <= most:
        return False
    weights = [token_weight(w, known) for w in words]
    if any(w is None for w in weights):
        return False
    return 2 * sum(w for w in weights if w is not None) >= len(words)


def junk_lines(lines: Iterable[tuple[str, ...]], known: Known | None) -> list[tuple[str, ...]]:
    """The junk lines among the lines a rebuild joined into cells, longest first."""
    return sorted((line for line in set(lines) if junk_line(line, known)), key=len, reverse=True)


class _LineIndex:
    """The lines a rebuild joined into cells, looked up by their first and last words."""

    def __init__(self, lines: Iterable[tuple[str, ...]]) -> None:
        self.starting: dict[str, list[tuple[str, ...]]] = {}
        self.ending: dict[str, list[tuple[str, ...]]] = {}
        for line in set(lines):
            if line:
                self.starting.setdefault(line[0], []).append(line)
                self.ending.setdefault(line[-1], []).append(line)

    def ends_at(self, tokens: list[str], end: int) -> bool:
        """Does a line end just before ``end`` (or the cell start there)?"""
        if end == 0:
            return True
        found = self.ending.get(tokens[end - 1], [])
        return any(tuple(tokens[max(0, end - len(ln)) : end]) == ln for ln in found)

    def starts_at(self, tokens: list[str], start: int) -> bool:
        """Does a line start at ``start`` (or the cell end there)?"""
        if start == len(tokens):
            return True
        found = self.starting.get(tokens[start], [])
        return any(tuple(tokens[start : start + len(ln)]) == ln for ln in found)


def _spans(
    tokens: list[str], junk: list[tuple[str, ...]], lines: _LineIndex
) -> list[tuple[int, int]]:
    """(start, end) of each junk line found whole in the cell's tokens between two lines of
    the cell (or at its edge), none overlapping."""
    taken = [False] * len(tokens)
    spans = []
    for line in junk:
        size = len(line)
        for start in range(len(tokens) - size + 1):
            end = start + size
            if tuple(tokens[start:end]) != line or any(taken[start:end]):
                continue
            if lines.ends_at(tokens, start) and lines.starts_at(tokens, end):
                spans.append((start, end))
                taken[start:end] = [True] * size
    return sorted(spans)


def without_junk_lines(text: str, junk: list[tuple[str, ...]], lines: _LineIndex) -> str | None:
    """The cell's text without its junk lines, or None when it holds none (or nothing
    else: a cell of specks alone is no line among other lines)."""
    tokens = nfc(text).split()
    spans = _spans(tokens, junk, lines)
    drop = {i for start, end in spans for i in range(start, end)}
    if not drop or len(drop) == len(tokens):
        return None
    return " ".join(t for i, t in enumerate(tokens) if i not in drop)


def move_junk_lines(
    table: Table, table_index: int | None, lines: JoinedLines, known: Known | None
) -> list[Edit]:
    """The junk lines (of ``lines``, those a rebuild joined into cells) taken out of the
    task cells of a table rebuilt from old OCR text, each cell's change logged."""
    columns = [k for k, field in map_columns(table.columns).items() if field == TASK_FIELD]
    junk = junk_lines(lines, known) if columns else []
    if not junk:
        return []
    joined = _LineIndex(lines)
    page = table.pages[0] if table.pages else None
    edits: list[Edit] = []
    for at, row in enumerate(table.rows):
        cells = row.cells or []
        for k in (k for k in columns if k < len(cells) and cells[k]):
            kept = without_junk_lines(cells[k], junk, joined)
            if kept is None:
                continue
            edits.append(
                Edit(
                    cells[k],
                    kept,
                    CONFIDENCE_LINE,
                    page=page,
                    table=table_index,
                    row=at,
                    reason=REASON,
                )
            )
            cells[k] = kept
    return edits
