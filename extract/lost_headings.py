"""Group headings whose number old OCR lost, numbered from the rows around them.

A task table groups its rows under headings ("5 | Nâng cao năng lực …" over 5.1, 5.2 …).
Old OCR may lose a heading's number ("5" read as a speck, or not at all): the heading is
then a row of text alone, its number empty, between the last row of one group ("4.8") and
the first of the next ("5.1"). Its number is the next group's: the first sub-row's own
group number, one past the group before. ``numbering.fix_numbering`` leaves such a row
alone (a row of text alone is taken for another's next line), so it is numbered here,
logged as the numbering's other lost numbers are.
"""

from __future__ import annotations

import regex

from sohoa.extract.numbering import LOST_NUMBER_CONFIDENCE
from sohoa.extract.section_numerals import NUMBERING
from sohoa.model import Edit, Table, TableRow

FIRST_SUB_ROW = regex.compile(r"(\d{1,2})\.1\.?")
SUB_ROW = regex.compile(r"(\d{1,2})(?:\.\d{1,2})*\.?")


def _stt(row: TableRow, stt_col: int) -> str:
    cells = row.cells or []
    return cells[stt_col].strip() if stt_col < len(cells) else ""


def _text_alone(row: TableRow, stt_col: int) -> bool:
    """A row with its text and nothing else: no number, no other cell."""
    cells = row.cells or []
    others = [c for k, c in enumerate(cells) if k not in (stt_col, stt_col + 1)]
    text = cells[stt_col + 1].strip() if stt_col + 1 < len(cells) else ""
    return bool(text) and not _stt(row, stt_col) and not any(c.strip() for c in others)


def lost_group_number(rows: list[TableRow], k: int, stt_col: int) -> str | None:
    """The number of row ``k`` when it is a group heading whose number was lost: text alone,
    the next row numbered "N.1", the nearest numbered row before it in group N - 1 (as a
    sub-row, "4.8", or as the group's own heading, "4"), or none before it and N is 1 (the
    table's first heading); ``None`` otherwise."""
    after = _stt(rows[k + 1], stt_col) if k + 1 < len(rows) else ""
    first = FIRST_SUB_ROW.fullmatch(after)
    if first is None or rows[k].section is not None or not _text_alone(rows[k], stt_col):
        return None
    before = next((_stt(r, stt_col) for r in reversed(rows[:k]) if _stt(r, stt_col)), "")
    group = SUB_ROW.fullmatch(before)
    last = int(group.group(1)) if group else 0  # no number before: the table's first group
    if (before and group is None) or last + 1 != int(first.group(1)):
        return None
    return first.group(1)


def number_lost_headings(table: Table, stt_col: int | None, table_index: int | None) -> list[Edit]:
    """Each group heading whose number old OCR lost numbered (``lost_group_number``), each
    number put in an Edit at the confidence of the numbering's lost numbers."""
    if stt_col is None:
        return []
    edits = []
    for k, row in enumerate(table.rows):
        number = lost_group_number(table.rows, k, stt_col)
        if number is not None:
            (row.cells or [])[stt_col] = number
            confidence = LOST_NUMBER_CONFIDENCE
            edits.append(Edit("", number, confidence, table=table_index, row=k, reason=NUMBERING))
    return edits
