"""Headers that a page break repeated inside a budget table (Phụ lục II) read as old OCR
read them, made page breaks (``PAGE_BREAK``) when the header reader did not know them (their
"STT" misread): the row of the table's years, and the label lines around it. Used by
``flattened_budget``, whose rows part at page breaks (``budget_lines.budget_row_groups``).
"""

from __future__ import annotations

import regex

from sohoa.extract.amounts import looks_like_amount
from sohoa.extract.budget_lines import RULED_EDGES
from sohoa.extract.flattened_header import is_label_line
from sohoa.extract.flattened_lines import PAGE_BREAK, add_page_break
from sohoa.extract.structure import fold
from sohoa.extract.total_rows import TOTAL_LINE, TOTAL_WORD

_YEAR = regex.compile(r"\b(20\d\d)\b")
HEADER_YEARS_MIN = 3  # years a line names to be the header's row of years (2 if it has 2)


def _is_year_row(line: str, years: set[str]) -> bool:
    """A repeated header's row of years ("sn Nol dung | ‘ont | 2026 | 2027 | 2028 | …"):
    the table's years, three at least (or all), and no other amount."""
    named = set(_YEAR.findall(line)) & years
    words = [w.strip("|[]{}") for w in line.split()]
    others = [w for w in words if w and looks_like_amount(w) and w not in years]
    return len(named) >= min(HEADER_YEARS_MIN, len(years)) and len(years) >= 2 and not others


def _is_header_label(line: str) -> bool:
    """A header's line of labels ("a: . Nam Nam Nam Nam Nam Don vi chu sx:", see
    ``is_label_line``) or its "Tổng kinh phí" read with no amount ("Téng x x x x x")."""
    total = TOTAL_LINE.match(RULED_EDGES.sub("", line.strip()))
    words = [w.strip("|[]{}") for w in line.split()]
    no_amount = not any(w and looks_like_amount(w) for w in words)
    return is_label_line(line) or bool(
        total and TOTAL_WORD.fullmatch(fold(total.group(1))) and no_amount
    )


def header_repeats_as_breaks(lines: list[str], amount_columns: list[str]) -> list[str]:
    """The lines with each header that a page break repeated and that was not recognised
    as one (its "STT" misread: "sn Nol dung | ‘ont | 2026 | …") made a ``PAGE_BREAK``:
    its row of the table's years, and the label lines around it."""
    years = {y for c in amount_columns for y in _YEAR.findall(c)}
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if line == PAGE_BREAK or not _is_year_row(line, years):
            out.append(line)
            k += 1
            continue
        while out and out[-1] != PAGE_BREAK and _is_header_label(out[-1]):
            out.pop()
        add_page_break(out)
        k += 1
        while k < len(lines) and lines[k] != PAGE_BREAK and _is_header_label(lines[k]):
            k += 1
    return out
