"""Section lines of a budget table read across that are rows themselves: a Roman numeral
and a title followed by the section's own amounts that add up ("IV. Tổ chức hội nghị tổng
kết 60 60 Sở KH&CN", "Il |Nâng cao hiệu quả 50 10 10 …"). The numeral becomes the row's
number and the rest is read as a row (``flattened_budget``).
"""

from __future__ import annotations

import regex

from sohoa.extract.budget_lines import BudgetLine, budget_amount_run
from sohoa.extract.flattened_sums import place_by_sums
from sohoa.extract.rebuild_edits import NUMERAL_CONFIDENCE, SECTION_NUMERAL, note

_SECTION_NUMERAL = regex.compile(r"^([IVXLl1|]{1,4})[.,]\s+(.*)$")


def section_as_row(section: str, amount_columns: list[str]) -> tuple[str, str] | None:
    """(numeral, the rest) of a section line that is itself a row: its own amounts follow
    its title and add up ("IV. Tổ chức hội nghị tổng kết 60 60 Sở KH&CN"); else None."""
    match = _SECTION_NUMERAL.match(section)
    run = budget_amount_run(match.group(2)) if match else None
    if match is None or run is None or place_by_sums(run[1], amount_columns) is None:
        return None
    return match.group(1), match.group(2)


# a section's numeral before a ruling read "|", its dot lost ("Il |Nâng cao …"), or before
# a space and a capital ("Vl Nâng cao …"); a lone V or X only before the ruling ("v |kiện
# toàn …", its case lost too)
_RULED_NUMERAL = regex.compile(
    r"^\|?\s*(?:([IVXl]{2,4})(?:\s*\|\s*|\s+)(?=\p{Lu})|([VXvx])\s*\|\s*(?=\p{L}))"
)


def ruled_section_row(line: str, amount_columns: list[str]) -> tuple[str, str] | None:
    """(numeral, the rest) of a section line that is a row, read with no dot after its
    numeral but the TT column's ruling ("Il |Nang cao hieu qua y te co so 50 10 10 …") or a
    space before a capital ("Vl Nava cao …"): a Roman numeral of two letters or more ("ll"
    may be 11: an I, V or X is needed), an "l" in it read for I, or a lone V or X before
    the ruling; its amounts add up."""
    match = _RULED_NUMERAL.match(line.strip())
    numeral = (match.group(1) or match.group(2).upper()) if match else ""
    if not regex.search(r"[IVX]", numeral):
        return None
    rest = line.strip()[match.end() :]
    run = budget_amount_run(rest)
    if run is None or place_by_sums(run[1], amount_columns) is None:
        return None
    note(numeral, numeral.replace("l", "I"), NUMERAL_CONFIDENCE, SECTION_NUMERAL)
    return numeral.replace("l", "I"), rest


def section_row_first(groups: list[list[BudgetLine]], numeral: str) -> list[list[BudgetLine]]:
    """The groups of a segment that a section row opens: its first line takes the numeral
    as its row number; if a numbered row follows, the section row is that line alone."""
    if not groups:
        return groups
    first = groups[0]
    alone = any(g[0] for g in first)
    head = first[:1] if alone else first
    opened = [(numeral, *head[0][1:]), *head[1:]]
    return [opened, *([first[1:]] if alone else []), *groups[1:]]
