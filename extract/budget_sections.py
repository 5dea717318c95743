"""Section headings of a budget table (Phụ lục II) whose numerals old OCR read as strokes.

A budget's sections run I, II, III; old OCR reads their numerals as strokes that are no
numeral ("1.", "|.", "l.", "|1l."), and a heading read "1." may even have been taken for a
row 1. ``headings_read_as_rows`` gives such a "row" (no amount, no agency, no rows under it)
back to the sections, and ``stroke_numerals_by_position`` numbers the stroke numerals by
their places; ``budget_section`` tells a line that is a section's heading, its numeral
read right, garbled or as "1.". Used by ``flattened_budget``.
"""

from __future__ import annotations

import regex

from sohoa.extract.budget_lines import RULED_EDGES, budget_line_number
from sohoa.extract.flattened_lines import OCR_SECTION, amount_run
from sohoa.extract.numbering import next_in_sequence
from sohoa.extract.rebuild_edits import NUMERAL_CONFIDENCE, SECTION_NUMERAL, note
from sohoa.extract.structure import clean
from sohoa.model import TableRow

# strokes, after the TT column's ruling read "|" when other strokes follow ("|1l.")
_STROKES = regex.compile(r"^(?:\|(?=[1lI!]))?([1lI|!]{1,3})([.,]\s*)(?=\p{Lu})")
STROKE_NUMERALS = ["I", "II", "III"]


def stroke_numerals_by_position(rows: list[TableRow]) -> None:
    """Section numerals read as strokes that are no numeral ("1.", "|.", "l.", "ll."): a
    budget's sections run I, II, III, so the k-th is put right when the numeral due there
    is strokes too and the reading has no more strokes than it (strokes get lost, never
    added). Three strokes ("lll.") are III wherever they stand: a section before them was
    lost, and no numeral of strokes alone has more. A numeral read right ("I.", "II.") is
    never changed."""
    sections = [(at, r) for at, r in enumerate(rows) if r.section is not None]
    for k, (at, row) in enumerate(sections):
        assert row.section is not None
        match = _STROKES.match(row.section)
        if match is None or match.group(1) in STROKE_NUMERALS:
            continue
        strokes = len(match.group(1))
        due = STROKE_NUMERALS[k] if k < len(STROKE_NUMERALS) else None
        fits = due is not None and strokes <= len(due)
        if not fits and strokes != len(STROKE_NUMERALS):
            continue
        written = f"{due if fits else STROKE_NUMERALS[-1]}. {row.section[match.end() :]}"
        note(row.section, written, NUMERAL_CONFIDENCE, SECTION_NUMERAL, at)
        row.section = written


_STROKE_NUMBER = regex.compile(r"^[1lI|!]{1,3}[.,]$")
_CHILD_NUMBER = regex.compile(r"^\S*\.\d")  # "1.1": a row under a group heading


def headings_read_as_rows(rows: list[TableRow]) -> list[list[str]]:
    """A "row" numbered with strokes and a dot ("1.", "|.") that states no amount and no
    agency, and whose next row is no row under it ("1.1"), is a section heading whose
    numeral was read as strokes: a budget row states amounts, and a group heading without
    them has its rows under it. It becomes a section (``stroke_numerals_by_position`` then
    numbers it by its place); the cells of the rows given back are returned."""
    headings: list[list[str]] = []
    for k, row in enumerate(rows):
        cells = row.cells
        if not cells or not _STROKE_NUMBER.match(cells[0]) or not cells[1][:1].isupper():
            continue
        if any(c.strip() for c in cells[2:]):
            continue
        following = next((r.cells for r in rows[k + 1 :] if r.cells), None)
        if following and _CHILD_NUMBER.match(following[0]):
            continue  # "1." then "1.1": a group heading, a row
        rows[k] = TableRow(section=f"{cells[0]} {cells[1]}")
        headings.append(cells)
    return headings


# a heading read across the table, its numeral garbled: a bracket or ruling before one to
# three glyphs of strokes and V's ("[!", "[w.", "\\v."), a title opening in a capital with
# no ruling inside, and the ruling of the table's right edge ("… chuyển đổi số |")
_GARBLED_HEADING = regex.compile(r"^[\[|\\{]\s*([!lI|ivVwxX]{1,3}[.,]?\s+\p{Lu}[^|]*?)\s*\|$")


def garbled_heading(line: str, next_number: str | None) -> str | None:
    """A section heading whose numeral old OCR garbled past a numeral's shape ("[w. Tổ chức
    thực hiện chuyển đổi số |" for IV, "[! Tăng cường …|" for I), read across the table as
    a section's merged cell is: a bracket or ruling, one to three glyphs, a title with no
    amount and no ruling inside, the ruling at the right edge; and the next row numbered 1
    (rows numbered anew in each section: a line right before a row 1 may open one). Its
    text without the rulings ("w. Tổ chức …"), numbered by its place later
    (``section_numerals.fix_sections``); None if ``line`` is no such heading."""
    match = _GARBLED_HEADING.match(line.strip())
    if match is None or next_number != "1" or amount_run(match.group(1)) is not None:
        return None
    return match.group(1)


_ONE_DOT = regex.compile(r"^1[.,]\s+\p{Lu}")


def next_row_number(lines: list[str], start: int) -> str | None:
    """The row number that opens one of ``lines`` from ``start`` on, if any."""
    for line in lines[start:]:
        number = budget_line_number(RULED_EDGES.sub("", line.strip()))
        if number is not None:
            return number.rstrip(".:")
    return None


def budget_section(line: str, next_number: str | None) -> str | None:
    """The section heading ``line`` is, or None: a Roman numeral and its title (a ruling
    read "|" around it or not); or "1. Tổ chức …" with no amounts when the next row is
    numbered 1 again, or with a number that cannot follow 1 ("4") — a numbering never
    repeats nor skips, so this "1." is no row 1 but a section's numeral read "1"."""
    text = clean(RULED_EDGES.sub("", line.strip()))
    if OCR_SECTION.match(text):
        return text
    if (heading := garbled_heading(line, next_number)) is not None:
        return heading  # "[w. Tổ chức … |": its numeral garbled, a row 1 after it
    cannot_be_row_1 = next_number == "1" or (
        next_number is not None and next_in_sequence("1", next_number) is None
    )
    if _ONE_DOT.match(text) and cannot_be_row_1 and amount_run(text) is None:
        return text
    return None
