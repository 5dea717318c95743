"""Years of a budget header that old OCR read in blocks, column after column.

Automatic page segmentation reads a budget table's columns as blocks one after the other:
the year columns' heads come with their own block, "Năm" on one line and the year on the
next ("Nam Nam Nam Nam" over "2026 2027 2028 2029", "Nam" over "2030"), in the header or
after the rows of the text columns. No line names "Năm 2026", so the years are found here:
a run of "Năm" words over a run of as many years, rising.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from sohoa.extract.structure import fold

_YEAR = regex.compile(r"20\d\d")
BLOCK_RUN_MIN = 2  # "Năm" words side by side: some table's year heads, no row's time


def _tokens(text: str) -> list[str]:
    """The line's words, rulings ("|", "!") and other bare punctuation left out."""
    return [w for w in text.split() if regex.search(r"\w", w)]


def _runs(tokens: list[str], test: str) -> list[list[str]]:
    """The runs of consecutive tokens that are "Năm" (``test`` "head") or a year ("year")."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        hit = fold(token) == "nam" if test == "head" else _YEAR.fullmatch(token) is not None
        if hit:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    return [*runs, current] if current else runs


def _pair_years(heads: str, below: str) -> list[str]:
    """The years line ``below`` puts under the "Năm" words of line ``heads``: a run of as
    many years, rising, as a run of "Năm" words. A lone "Năm" over a lone year counts only
    when the two lines hold nothing else (a column's head read as a block of its own)."""
    head_tokens, year_tokens = _tokens(heads), _tokens(below)
    head_runs = [len(run) for run in _runs(head_tokens, "head")]
    for run in _runs(year_tokens, "year"):
        rising = all(int(a) < int(b) for a, b in pairwise(run))
        alone = len(run) == len(year_tokens) and head_runs == [len(head_tokens)]
        if rising and len(run) in head_runs and (len(run) >= BLOCK_RUN_MIN or alone):
            return run
    return []


def years_in_blocks(lines: list[str]) -> list[str]:
    """Years that head a budget's columns, read in blocks among ``lines`` (the header's and
    the body's): each "Năm" run over its years (``_pair_years``), kept when one run names two
    years or more (a task list's time read "Năm" over "2026" is no column's head). Sorted;
    [] when none."""
    texts = [t for t in lines if t.strip()]
    found = [_pair_years(a, b) for a, b in pairwise(texts)]
    if not any(len(years) >= BLOCK_RUN_MIN for years in found):
        return []
    return sorted({year for years in found for year in years})
