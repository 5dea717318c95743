"""Amounts misread at the start of a budget row's run ("4 s6q | g90" before "- - 1000 500 …"):
the misread words keep the first cells, as read, and the run the rest, when together they
fill the columns and every total that can be checked is its parts' sum (``garbled_start``).
No digit is guessed: only the placement moves.
"""

from __future__ import annotations

import regex

from sohoa.extract.budget_lines import BudgetLine
from sohoa.extract.flattened_sums import holds_where_readable, place_by_sums

GARBLED_MAX = 6  # characters of a misread amount ("s6q", "64,", "T2470")
_DIGIT = regex.compile(r"\d")
_DIGIT_SHAPED_GROUP = regex.compile(r"[gqsoOB]{3}")  # "ggg" for 000, "sso" for 880


def _misread_amount(word: str) -> bool:
    """A word that may be an amount misread: a digit in a short word, no bracket (a word
    in brackets is the task's: "(9 sản"), or a group of three letters of digits' shapes
    ("ggg": no word of the text)."""
    short = len(word) <= GARBLED_MAX
    digit = bool(_DIGIT.search(word)) or bool(_DIGIT_SHAPED_GROUP.fullmatch(word))
    return short and digit and not regex.search(r"[()]", word)


def _garbled_amounts(words: list[str]) -> int:
    """How many of the words ending a line's text are amounts misread at the start of the
    row's run ("… tren | 4 s6q | g90 |" before "- - 1000 500 …"): each one a misread
    amount (``_misread_amount``), or a short lower-case word after one ("4 gag", "4 co,");
    rulings read "|" between them count with them."""
    count = 0
    for k in range(len(words) - 1, -1, -1):
        word = words[k].strip("|[]{}")
        if not word:
            count += 1
            continue
        before = words[k - 1].strip("|[]{}") if k > 0 else ""
        short = len(word) <= 3 and word[:1].islower() and _misread_amount(before)
        if not (_misread_amount(word) or short):
            break
        count = len(words) - k
    return count


def garbled_start(group: list[BudgetLine], amount_columns: list[str]) -> list[BudgetLine]:
    """The group with its run of amounts completed by the misread amounts before it
    (``_placed_after_garbled``) when the run alone does not add up anywhere."""
    runs = [k for k, line in enumerate(group) if line[2]]
    if not runs:
        return group
    k = max(runs, key=lambda j: len(group[j][2]))
    number, text, values, agencies = group[k]
    if place_by_sums(values, amount_columns) is not None or (
        len(values) < len(amount_columns)
        and place_by_sums(values, amount_columns, lost_cell=True) is not None
    ):
        return group
    found = _placed_after_garbled(text, values, amount_columns)
    if found is None:
        return group
    return [*group[:k], (number, found[0], found[1], agencies), *group[k + 1 :]]


def _placed_after_garbled(
    text: str, values: list[str], amount_columns: list[str]
) -> tuple[str, list[str]] | None:
    """(text, amount cells) when the row's first amounts were misread ("4 s6q g90" for
    "1.860 890") and the readable ones were read as the run: the misread words take the
    first cells, as read, the run the rest, when together they fill the columns exactly
    (the first words joined into one cell when they are one too many: "4 s6q" for
    "1.860") and every total that can be checked is its parts' sum. No digit is guessed:
    only the placement moves."""
    words = text.split()
    count = _garbled_amounts(words)
    chain = [w.strip("|[]{}") for w in words[len(words) - count :]]
    chain = [w for w in chain if w]
    missing = len(amount_columns) - len(values)
    if not chain or missing < 1:
        return None
    if len(chain) < missing:  # the total misread, some years left blank: the columns'
        cells = [" ".join(chain), *values]  # sums may place them (_years_by_column_totals)
    else:
        merged = len(chain) - missing + 1
        cells = [" ".join(chain[:merged]), *chain[merged:], *values]
        if not holds_where_readable(cells, amount_columns):
            return None
    return " ".join(words[: len(words) - count]).rstrip(" |[{"), cells
