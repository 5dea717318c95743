"""Repair OCR'd row numbering from its sequence: "11" -> "1.1", "2:3" -> "2.3", "1I." -> "II.".

Tesseract reads a bold Roman "I" as "1" and drops or bends the dot of a short "1.1" cell.
The numbering of a table is a sequence, so a misread number can be checked against the
number its neighbours imply: it is replaced only when it has the implied number's shape
(the same digits with the dot lost or read as ":"; Roman I read as 1, l or |, II as H).
Every replacement is returned as an Edit for the reviewer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import regex

from sohoa.extract.appendix import is_total_row
from sohoa.extract.section_numerals import NUMBERING, fix_sections, section_numeral_rows
from sohoa.model import Edit, Table, TableRow

# The confidences of the repairs, measured by bench/tables_edits.py on the table dev sets
# (the five OCR modes, restored): each edit right when its cell comes nearer its truth, the
# share smoothed as (right + 1) / (judged + 2) and rounded down to 0.05 (generated sets).
# A number (or section numeral) set to the one the sequence allows that it fits: 68 of 70
# right, 1 wrong (a section numeral), now that a sub-number read with its dot keeps its level
# (was 64 of 72, 7 wrong: "1.2" -> "12"); (68 + 1) / (70 + 2) = 0.96.
NUMBER_CONFIDENCE = 0.95
# A number set to the one the next row settles, or one digit short of it: 13 of 13 right;
# (13 + 1) / (13 + 2) = 0.93.
SETTLED_CONFIDENCE = 0.9


def next_numbers(previous: str | None) -> list[str]:
    """Numbers that may follow ``previous`` (same level +1, one level down, one level up)."""
    if not previous:
        return ["1"]
    parts = previous.rstrip(".").split(".")
    if not all(p.isdigit() for p in parts):
        return []
    same = [*parts[:-1], str(int(parts[-1]) + 1)]
    options = [".".join(same), ".".join([*parts, "1"])]
    if len(parts) > 1:
        options.append(".".join([*parts[:-2], str(int(parts[-2]) + 1)]))
    return options


# Letters Tesseract reads for the digits of a small, blurred row number ("i" for 1).
_DIGIT_LOOKALIKE = str.maketrans({"i": "1", "l": "1", "I": "1", "|": "1", "!": "1", "t": "1",
                                  "z": "2", "Z": "2", "o": "0", "O": "0"})  # fmt: skip
_NUMBER = regex.compile(r"\d+(\.\d+)*\.?")


def _fits(token: str, number: str) -> bool:
    """Could ``token`` be ``number`` as OCR read it?

    Lookalike letters are read as digits; the dot may be lost ("11" for 1.1), bent (":"
    or ",") or read as a digit ("243" for 2.3) — but every digit must be right.
    """
    shaped = token.translate(_DIGIT_LOOKALIKE).replace(":", ".").replace(",", ".")
    if shaped == number or shaped.replace(".", "") == number.replace(".", ""):
        return True
    return len(shaped) == len(number) and all(
        a == b or b == "." for a, b in zip(shaped, number, strict=True)
    )


def _lost_digit(token: str, number: str) -> bool:
    """Is ``token`` the undotted ``number`` with one digit lost ("1" for 11, "3" for 13)?
    Only for a number of the same level: "1" after "1" is not taken for "1.1"."""
    if "." in number or not token.isdigit() or len(token) + 1 != len(number):
        return False
    return any(number[:k] + number[k + 1 :] == token for k in range(len(number)))


def next_in_sequence(previous: str | None, token: str) -> str | None:
    """The number ``token`` stands for if it may follow ``previous`` as OCR read it
    (exactly, through ``_fits`` or one digit short), else ``None``."""
    plain = token.strip().rstrip(".:")
    candidates = next_numbers(previous)
    if plain in candidates:
        return plain
    fitting = [c for c in candidates if _fits(plain, c)] or [
        c for c in candidates if _lost_digit(plain, c)
    ]
    return fitting[0] if len(fitting) == 1 else None


def _settled_by_next(candidates: list[str], following: TableRow, stt_col: int) -> list[str]:
    """The candidates the next row's number (as read) may follow."""
    after = (following.cells or [""] * (stt_col + 1))[stt_col].strip().rstrip(".:")
    if following.section is not None or not after:
        return []
    return [c for c in candidates if any(_fits(after, n) for n in next_numbers(c))]


def _same_level(token: str, number: str, previous: str | None, after: str) -> bool:
    """May the well-formed ``token`` be ``number`` misread? Of the same level; or, when the
    next row reads ``number``'s next sub-number (``after``, "1.2" after 1.1), a sub-number
    that lost its dot and had one digit misread ("14" for 1.1: as many digits, the first
    the same), or that lost its ".1" and so repeats its group's number ("2" after group 2,
    for 2.1: a numbering never repeats)."""
    if token.count(".") == number.count("."):
        return True
    if "." not in number or not _fits(after, next_numbers(number)[0]):
        return False
    digits = number.replace(".", "")
    if "." not in token and len(token) == len(digits) == 2 and token[0] == digits[0]:
        return True
    return token == previous and number == f"{previous}.1"


def _loses_level(token: str, number: str, following: TableRow | None, stt_col: int) -> bool:
    """Would ``number`` take a level from the sub-number ``token`` read with its dot ("1.2"
    for 12, after a row read "11" for 1.1)? Only the next row may say so: its number
    follows ``number`` and cannot follow ``token``."""
    if "." not in token or number.count(".") >= token.count(".") or not _NUMBER.fullmatch(token):
        return False
    return (
        following is None
        or bool(_settled_by_next([token], following, stt_col))
        or not (_settled_by_next([number], following, stt_col))
    )


def _number_read(row: TableRow, stt_col: int) -> str:
    """A row's number cell as read, without its dot."""
    return (row.cells or [""] * (stt_col + 1))[stt_col].strip().rstrip(".:")


def _fix_stt(
    table: Table, stt_col: int, edits: list[Edit], table_index: int | None, old_ocr: bool = False
) -> None:
    """Each row number checked against the numbers its predecessor allows.

    A number that fits one of them (see ``_fits``) is set to it. A cell that is no number
    at all ("ai", "r") is set to the one allowed number that the next row's cell fits
    after it — the sequence on both sides agrees, and the edit says so with its own
    confidence (``SETTLED_CONFIDENCE``); so is a number one digit short of the next number
    of the same level ("1" after 10 for 11: old OCR drops a digit). A well-formed number
    that fits nothing else (a skipped number in the source) is kept, and a number kept so
    completes none after it ("40", an amount read into the number column, then "1" is 1,
    not 41) — but in a table rebuilt from old OCR text (``old_ocr``), whose digits are
    misread ("5" for 2), one the sequence settles on both sides ("1", "5", "3") is set like
    a cell that is no number.
    """
    numeral_rows = {id(table.rows[k]) for k in section_numeral_rows(table, stt_col)}
    numbered = [r for r in table.rows if r.section is not None or len(r.cells or []) > stt_col]
    previous: str | None = None
    whole = 0  # the last whole row number: a section's first row is 1, or the next one on
    jumped = False  # the previous number was kept though its predecessor did not allow it
    for index, row in enumerate(numbered):
        if row.section is not None or id(row) in numeral_rows:
            previous = None  # a section, or a section that is a row: numbered anew after it
            continue
        cells = row.cells or []
        token = cells[stt_col].strip()
        if not token or is_total_row(cells):  # "Tổng": a total, no number
            continue
        plain = token.rstrip(".:")
        dot = "." if token.endswith((".", ":")) else ""
        candidates = next_numbers(previous)
        if previous is None and whole:
            candidates.append(str(whole + 1))
        fixed, confidence = None, NUMBER_CONFIDENCE
        following = numbered[index + 1] if index + 1 < len(numbered) else None
        if plain not in candidates:
            fitting = [c for c in candidates if _fits(plain, c)]
            fitting = [c for c in fitting if not _loses_level(plain, c, following, stt_col)]
            shorter = [] if jumped else [c for c in candidates if _lost_digit(plain, c)]
            if len(fitting) == 1:
                fixed = fitting[0]
            elif not fitting and len(shorter) == 1:
                fixed, confidence = shorter[0], SETTLED_CONFIDENCE
            elif (old_ocr or not _NUMBER.fullmatch(token)) and following is not None:
                agreeing = _settled_by_next(candidates, following, stt_col)
                if _NUMBER.fullmatch(token):  # a misread digit: its number's level stays
                    after = _number_read(following, stt_col)
                    agreeing = [c for c in agreeing if _same_level(plain, c, previous, after)]
                if len(agreeing) == 1:
                    fixed, confidence = agreeing[0], SETTLED_CONFIDENCE
        jumped = plain not in candidates and fixed is None
        if fixed is not None and fixed + dot != token:
            edit = _edit(token, fixed + dot, table_index, NUMBERING, _index(table, row))
            edit.confidence = confidence
            edits.append(edit)
            cells[stt_col] = fixed + dot
            plain = fixed
        previous = plain if _NUMBER.fullmatch(plain) else previous
        whole = int(plain) if plain.isdigit() else whole


def _edit(
    original: str, result: str, table_index: int | None, reason: str, row: int | None = None
) -> Edit:
    return Edit(
        original=original,
        result=result,
        confidence=NUMBER_CONFIDENCE,
        table=table_index,
        row=row,
        reason=reason,
    )


def _index(table: Table, row: TableRow) -> int:
    """Where ``row`` is among the table's rows (the ``row`` of its edits)."""
    return next(i for i, r in enumerate(table.rows) if r is row)


# Lost row numbers put back: 27 of 39 judged right, 12 wrong (bench/tables_edits.py, as
# above; was 27 of 49, 22 wrong, before a number counted from one side had to fit its
# section's start); smoothed (27 + 1) / (39 + 2) = 0.68, rounded down to 0.05. Since no
# number is counted on past the last one read without a later one bracketing it: 31 of 34
# right over the five modes restored (session 23); the confidence is not refit yet.
LOST_NUMBER_CONFIDENCE = 0.65


def _whole_number(
    numbers: list[str], before: int | None, k: int, after: int | None, may_start: Callable
) -> str | None:
    """Lost number ``k`` among whole numbers: counted back from the next numbered row, or on
    from the one before; ``None`` when the two disagree, the count goes below 1, the next
    number cannot follow it ("1.1" after 1 and a lost one), or, counted from one side, it
    makes the section's first row a number it may not start at (``may_start``)."""
    behind = before is not None and numbers[before].isdigit()
    if after is not None and numbers[after].isdigit():
        guess = int(numbers[after]) - (after - k)
    elif behind and before is not None:
        guess = int(numbers[before]) + (k - before)
        if after is not None and numbers[after] not in next_numbers(str(guess + after - 1 - k)):
            return None
    else:
        return None
    if behind and after is not None and before is not None:  # both sides: they must agree
        return str(guess) if int(numbers[before]) + (k - before) == guess >= 1 else None
    return str(guess) if guess >= 1 and may_start(guess - k) else None


def _after_sub_row(numbers: list[str], before: int | None, k: int, after: int | None) -> str | None:
    """Lost number ``k`` after a sub-row ("1.3"): the same level counted on ("1.4") when the
    next numbered row may follow it ("2", "1.5") or there is none."""
    if before is None or "." not in numbers[before]:
        return None
    parts = numbers[before].split(".")
    if not all(p.isdigit() for p in parts):
        return None

    def at(j: int) -> str:
        return ".".join([*parts[:-1], str(int(parts[-1]) + j - before)])

    if after is not None and numbers[after] not in next_numbers(at(after - 1)):
        return None
    return at(k)


def _may_be_numbered(row: TableRow, stt_col: int) -> bool:
    """A row with a number, or with text and another cell filled; a row of text alone
    continues another, and a total has no number."""
    cells = row.cells or []
    if is_total_row(cells):
        return False
    if cells[stt_col].strip():
        return True
    return bool(cells[stt_col + 1].strip()) and any(c.strip() for c in cells[stt_col + 2 :])


def _sections_of_rows(table: Table, stt_col: int) -> list[list[TableRow]]:
    """The rows that may be numbered (``_may_be_numbered``), by section: a heading, or a
    section that is itself a row (``section_numeral_rows``), starts the next list."""
    numeral_rows = section_numeral_rows(table, stt_col)
    sections: list[list[TableRow]] = [[]]
    for index, row in enumerate(table.rows):
        if row.section is not None or index in numeral_rows:
            sections.append([])
        elif len(row.cells or []) > stt_col + 1 and _may_be_numbered(row, stt_col):
            sections[-1].append(row)
    return sections


def _put_back(
    row: TableRow, stt_col: int, number: str, edits: list[Edit], table: int | None, at: int
) -> None:
    (row.cells or [])[stt_col] = number
    edit = _edit("", number, table, NUMBERING, at)
    edit.confidence = LOST_NUMBER_CONFIDENCE
    edits.append(edit)


def _whole_numbers(rows: list[TableRow], stt_col: int) -> list[int]:
    numbers = [(r.cells or [])[stt_col].strip().rstrip(".") for r in rows]
    return [int(n) for n in numbers if n.isdigit()]


def _numbered_on(sections: list[list[TableRow]], stt_col: int) -> bool:
    """Does the numbering go on from section to section (I: 1, 2; II: 3 …)? A later
    section's first whole number is one more than the last one before it, and no later
    section starts anew at 1."""
    last, goes_on, anew = 0, False, False
    for rows in sections:
        numbers = _whole_numbers(rows, stt_col)
        if numbers and last:
            goes_on = goes_on or numbers[0] == last + 1
            anew = anew or numbers[0] == 1
        last = numbers[-1] if numbers else last
    return goes_on and not anew


def _kind(sections: list[list[TableRow]], stt_col: int) -> tuple[bool, bool]:
    """Does the numbering start anew in each section (a later section's first row reads
    1), and does it go on (one reads past the last whole number before it)?"""
    anew = on = False
    last = 0
    for rows in sections:
        first = _number_read(rows[0], stt_col) if rows else ""
        if first.isdigit() and last:
            anew, on = anew or first == "1", on or int(first) > last
        last = (_whole_numbers(rows, stt_col) or [last])[-1]
    return anew, on


def _may_start(start: int, first: bool, last: int, kind: tuple[bool, bool]) -> bool:
    """May a section's first row be ``start``, after the whole number ``last``? The
    table's first row (``first``: no row nor section before) is 1; a later section's is 1
    when the numbering starts anew (``kind``), past ``last`` when it goes on, either when
    it is unknown (never 2 … ``last``); any when no number came before."""
    anew, on = kind
    if first or (anew and not on):
        return start == 1
    if not last:
        return True
    return start > last if on and not anew else start == 1 or start > last


def _first_from_one(sections: list[list[TableRow]], stt_col: int) -> list[TableRow] | None:
    """The first section's rows when old OCR lost every number of them and they are 1, 2 …:
    the table's numbers are whole ones (no sub-row to count wrong), and the next numbered
    section agrees, numbered anew (its first number counted back to 1) or on from them (to
    one past them or more: a row of theirs may have merged with another or been lost)."""
    filled = [rows for rows in sections if rows]
    numbers = [[(r.cells or [])[stt_col].strip().rstrip(".") for r in rows] for rows in filled]
    if not filled or any(numbers[0]) or any("." in n for ns in numbers for n in ns):
        return None
    later = next((ns for ns in numbers[1:] if any(ns)), [])
    at = next((j for j, n in enumerate(later) if n), None)
    if at is None or not later[at].isdigit():
        return None
    start = int(later[at]) - at
    return filled[0] if start == 1 or start > len(filled[0]) else None


def _later_limits(sections: list[list[TableRow]], stt_col: int) -> list[int | None]:
    """For each section, the highest number its rows may reach before a later number read:
    the first whole number read in a later section, less one and the rows before it (each
    counted as numbered); ``None`` when no later section reads one."""
    limits: list[int | None] = []
    for position in range(len(sections)):
        limit, between = None, 0
        for rows in sections[position + 1 :]:
            numbers = [(r.cells or [])[stt_col].strip().rstrip(".") for r in rows]
            at = next((j for j, n in enumerate(numbers) if n), None)
            if at is not None:
                limit = int(numbers[at]) - between - at - 1 if numbers[at].isdigit() else None
                break
            between += len(rows)
        limits.append(limit)
    return limits


def _bracketed(number: str, rows_after: int, limit: int | None) -> bool:
    """May ``number`` be counted on to, ``rows_after`` rows still to number after it, with
    a later number read bracketing them (``limit``, ``_later_limits``)?"""
    return number.isdigit() and limit is not None and int(number) + rows_after <= limit


def _fill_lost(table: Table, stt_col: int, edits: list[Edit], table_index: int | None) -> None:
    """Row numbers old OCR lost, from the numbers around them: a run of k unnumbered rows
    (text and another cell filled) before row b of the same section is b-k … b-1; after
    row a with no numbered row after it in the section, a+1 … only when a later section's
    first number read brackets them (``_later_limits``: a number counted on past the last
    one read, into rows a lost total line or heading ended, is one the OCR did not read);
    in a section whose every number was lost, on from the section before's last whole
    number when the table's numbering goes on across sections (``_numbered_on``) and a
    later number brackets them, from 1 when it starts anew in each section (``_kind``) and
    the section has two rows or more, or from 1 in the first section when the next one
    agrees (``_first_from_one``); whole numbers only, and never below 1, nor making its
    section start where it may not (``_may_start``: "1" … counted back in section III after
    10 rows numbered on); rows are counted among those that may be numbered. Each number
    put in is an Edit at a low confidence."""
    sections = _sections_of_rows(table, stt_col)
    numbered_on = _numbered_on(sections, stt_col)
    first = _first_from_one(sections, stt_col)
    kind = _kind(sections, stt_col)
    anew = kind == (True, False)  # a lone row of a section numbered anew may be unnumbered
    limits = _later_limits(sections, stt_col)
    last = seen = 0  # the last whole number of the sections before, and their rows
    for position, rows in enumerate(sections):  # sections[0]: the rows before any heading
        numbers = [(r.cells or [])[stt_col].strip().rstrip(".") for r in rows]
        lost_all = not any(numbers)
        on = lost_all and numbered_on and last > 0
        from_one = rows is first or (lost_all and not on and anew and len(rows) > 1)
        first_row, limit = not seen and position <= 1, limits[position]
        may_start = partial(_may_start, first=first_row, last=last, kind=kind)
        for k, row in enumerate(rows):
            if numbers[k]:
                continue
            after = next((j for j in range(k + 1, len(rows)) if numbers[j]), None)
            before = next((j for j in range(k - 1, -1, -1) if numbers[j]), None)
            found = _after_sub_row(numbers, before, k, after) or _whole_number(
                numbers, before, k, after, may_start
            )
            if found is None and (on or from_one):
                found = str((last if on else 0) + 1 + k)  # on, or anew from 1
            rest = len(rows) - 1 - k  # rows after it in the section, none numbered
            if after is None and not from_one and not _bracketed(found or "", rest, limit):
                continue  # counted on past the last number read: nothing read after it
            if found is not None:
                numbers[k] = found
                _put_back(row, stt_col, found, edits, table_index, _index(table, row))
        last = (_whole_numbers(rows, stt_col) or [last])[-1]
        seen += len(rows)


def fix_numbering(
    table: Table, stt_col: int | None, table_index: int | None = None, fill_lost: bool = False
) -> list[Edit]:
    """Section numerals and row numbers repaired from their sequence; with ``fill_lost``
    (tables rebuilt from old OCR text) row numbers lost altogether are put back, and a
    misread number the sequence settles on both sides is put right."""
    edits = fix_sections(table, table_index, NUMBER_CONFIDENCE)
    if stt_col is not None:
        _fix_stt(table, stt_col, edits, table_index, old_ocr=fill_lost)
        if fill_lost:
            _fill_lost(table, stt_col, edits, table_index)
    return edits
