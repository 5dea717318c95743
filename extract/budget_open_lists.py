"""A partner's list begun on the last line of a budget row's group, going on in the next.

Read across by old OCR (see ``flattened_budget``), a row's lines are grouped around its
number and amounts (``budget_lines.budget_row_groups``). The partner's cell of the next row
is centred on that row, so its first line ("Các Sở, ban,") may be read below this row's
last words, before the next row's number: "eo mỹ an | Các Sở, ban," then "1.3 | Tổ chức …
| Sở Nội vụ | ngành; UBND". A list left open there (its last word ends in "," or ";")
whose next item starts the next row's partner's words in lower case ("ngành;") is that
row's first line of agency text: it goes down to the next group, the line's task words (or
specks) staying where they were read. Each move is noted (``rebuild_edits``).
"""

from __future__ import annotations

from sohoa.extract.agency_names import BODY_NOUNS, DEPARTMENT_NOUNS
from sohoa.extract.budget_lines import BudgetLine
from sohoa.extract.rebuild_edits import LINE_MOVED, LINE_MOVED_CONFIDENCE, note
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import is_cac

LIST_SEPARATORS = (",", ";")
# the last word of each noun a collective lists: "ngành", "ban", "quan", "nghiệp" …
LISTED_NOUNS = {fold(noun.split()[-1]) for noun in (*DEPARTMENT_NOUNS, *BODY_NOUNS)}


def _goes_on_below(agencies: str, below: str) -> bool:
    """Does the agency text ``below`` hold a noun a collective lists, in lower case and
    followed by its list's "," or ";" ("ngành;"), going on with the list ``agencies``
    opens with "Các" (as OCR reads it: "C&C", "Cac") and leaves open ("Các Sở, ban,")?"""
    words = agencies.split()
    opens = bool(words) and words[0][:1] == "C" and is_cac(fold(words[0]))
    if not opens or not agencies.rstrip().endswith(LIST_SEPARATORS):
        return False
    return any(
        w[:1].islower() and w.endswith(LIST_SEPARATORS) and fold(w) in LISTED_NOUNS
        for w in (x.strip("|[]{}") for x in below.split())
    )


def open_lists_down(groups: list[list[BudgetLine]]) -> list[list[BudgetLine]]:
    """``groups`` with each list a group's last line opens and the next group's first
    agency text goes on with (``_goes_on_below``) moved down: the next group starts with
    it, a line of agency text alone; the line left keeps its number, text and amounts."""
    out = [list(group) for group in groups]
    for k in range(len(out) - 1):
        if not out[k]:
            continue
        number, text, values, agencies = out[k][-1]
        below = next((line[3] for line in out[k + 1] if line[3]), "")
        if values or not _goes_on_below(agencies, below):
            continue
        note(agencies, "", LINE_MOVED_CONFIDENCE, LINE_MOVED)  # out of this row's agency text
        note("", agencies, LINE_MOVED_CONFIDENCE, LINE_MOVED)  # into the next row's
        out[k][-1:] = [(number, text, values, "")] if number or text else []
        out[k + 1].insert(0, (None, "", [], agencies))
    return [group for group in out if group]
