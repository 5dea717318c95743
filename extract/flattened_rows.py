"""The rows of an appendix flattened in text, from the lines under its header.

``numbered_rows`` reads a table whose rows start with their numbers, one cell fragment per
line; ``interleaved_task_rows`` a task table old OCR read across its columns (see
``interleaved`` and ``interleaved_rows``; a budget table read across is
``flattened_budget``'s). Each returns the rows and the share of them whose cells all found a
place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from sohoa.extract.flattened_header import TASK_COLUMNS
from sohoa.extract.flattened_lines import (
    AGENCY,
    NUMBERED_LINE,
    OCR_SECTION,
    PAGE_BREAK,
    SECTION,
    TIME,
    amount_cells,
    amount_run,
    group_fragments,
    join_text,
    merge_amount_lines,
    total_label,
)
from sohoa.extract.interleaved import (
    CONFIDENCE_CAP,
    agency_starts_at,
    is_whole_time,
    split_line,
)
from sohoa.extract.interleaved_rows import task_rows
from sohoa.extract.rebuild_edits import (
    NUMERAL_CONFIDENCE,
    SECTION_NUMERAL,
    TOTAL_LABEL,
    TOTAL_LABEL_CONFIDENCE,
    note,
    rows_after,
)
from sohoa.extract.row_placements import Placements
from sohoa.extract.structure import clean
from sohoa.model import TableRow


def _fit_task_row(cells: list[str], columns: list[str]) -> list[str]:
    """A row of the six task cells fitted to ``columns``: with no partner column a second
    agency continues the lead's; with no last column the notes join the time."""
    stt, task, lead, partner, time, notes = cells
    has_partner = TASK_COLUMNS[3] in columns
    if not has_partner and partner:
        lead = f"{lead} {partner}".strip()
    row = [stt, task, lead] + ([partner] if has_partner else [])
    if TASK_COLUMNS[4] in columns:
        row.append(time)
    elif notes or time:
        notes = f"{time} {notes}".strip()
    if len(columns) > len(row):
        row.append(notes)
    return row


def _split_agencies(cell: str) -> list[str]:
    """'Sở KH&CN Ban Quản lý các KCN tỉnh' holds two cells; 'Sở KH&CN  2026' a time."""
    parts = regex.split(r"(?<=KH&CN)\s+(?=[A-ZĐÂƯỦ])", cell)
    return [p.strip() for p in parts if p.strip()]


def _heads_agency(text: str) -> bool:
    """Does ``text`` start with an agency name, as printed or as old OCR read it ("S¢ Khoa
    hoc", "Cac so, ban, nganh": see ``interleaved.agency_starts_at``)?"""
    words = clean(text).split()
    return bool(AGENCY.match(clean(text))) or (bool(words) and agency_starts_at(words, 0))


def _is_time_cell(cell: str) -> bool:
    """A time cell, with its marks or as old OCR read it ("Hang nam", "Quy 1V/2026")."""
    return bool(TIME.match(cell)) or is_whole_time(cell)


def _wrapped_spans(cells: list[str]) -> list[str]:
    """ "2026-" then "2030": a year span wrapped in its narrow cell is one cell."""
    joined: list[str] = []
    for cell in cells:
        if (
            joined
            and regex.search(r"\b20\d\d\s*[-–]$", joined[-1])
            and regex.match(r"20\d\d", cell)
        ):
            joined[-1] = joined[-1].rstrip() + cell
        else:
            joined.append(cell)
    return joined


def _task_row(stt: str, fragments: list[str]) -> tuple[list[str], bool]:
    """Cells of a Phụ lục I row and whether every fragment found a place."""
    content: list[str] = []
    k = 0
    while k < len(fragments) and not _heads_agency(fragments[k]):
        content.append(fragments[k])
        k += 1
    cells = []
    for group in group_fragments([f for f in fragments[k:] if f != PAGE_BREAK]):
        cells.extend(_split_agencies(group))
    agencies: list[str] = []
    time = ""
    notes: list[str] = []
    for cell in _wrapped_spans(cells):
        years = regex.match(r"^(.*?)\s+(20\d\d)$", cell)
        if years and _heads_agency(years.group(1)) and not time:
            agencies.append(years.group(1))
            time = years.group(2)
        elif not time and _is_time_cell(cell):
            time = cell
        elif not time and _heads_agency(cell):
            agencies.append(cell)
        else:
            notes.append(cell)
    chu_tri = agencies[0] if agencies else ""
    phoi_hop = "; ".join(agencies[1:])
    complete = bool(content) and bool(agencies) and bool(time) and len(agencies) <= 2
    row = [stt, join_text(content), chu_tri, phoi_hop, time, " ".join(notes)]
    return row, complete


AMOUNT_COLUMN_STARTS = ("Kinh phí", "Năm ")  # the budget columns holding amounts


@dataclass
class _BudgetParts:
    """A budget row's fragments sorted into its parts."""

    content: list[str] = field(default_factory=list)  # the task text
    amounts: list[str] | None = None  # the amount cells, once found
    after: list[str] = field(default_factory=list)  # agencies and notes, after the amounts
    guessed: bool = False  # the amounts' positions were lost (cells read one per line)


def _amounts_in(
    fragment: str, n_amounts: int
) -> tuple[list[str], list[str], list[str], bool] | None:
    """(text before, amount cells, text after, positions lost) of a fragment holding the
    row's amounts; ``None`` if it holds none."""
    split = amount_cells(fragment, n_amounts)
    if split is not None:
        amounts, rest = split
        return [], amounts, [" ".join(rest)] if rest else [], False
    # 'Hoạt động tư  100 0 50 …': content and amounts on one line
    head, sep, tail = fragment.partition("  ")
    split = amount_cells(" " + tail, n_amounts) if sep else None
    if split is not None and head.strip():
        amounts, rest = split
        return [head], amounts, [" ".join(rest)] if rest else [], False
    # '2.1 phóng sự và 300 0 50 0 50 0 … Sở KH&CN': old OCR read the row across
    run = amount_run(fragment)
    if run is not None:
        head, values, tail = run
        return [head] if head else [], values, [tail] if tail else [], True
    return None


def _budget_parts(fragments: list[str], n_amounts: int, guessed: bool) -> _BudgetParts:
    """Sort a budget row's fragments: task text until the amounts, agencies and notes after
    (task text continued after a page header stays task text)."""
    parts = _BudgetParts(guessed=guessed)
    page_break = False
    for fragment in fragments:
        if fragment == PAGE_BREAK:
            page_break = True
            continue
        first = fragment.strip()[:1]
        if page_break and parts.amounts is not None and (first.islower() or first.isdigit()):
            parts.content.append(fragment)  # the task text continues after the page header
            continue
        page_break = False
        if parts.amounts is not None:
            parts.after.append(fragment)
            continue
        found = _amounts_in(fragment, n_amounts)
        if found is None:
            parts.content.append(fragment)
            continue
        head, parts.amounts, after, lost = found
        parts.content += head
        parts.after += after
        parts.guessed = parts.guessed or lost
    return parts


def _budget_row(
    stt: str, fragments: list[str], columns: list[str], placements: Placements
) -> tuple[list[str], bool]:
    """Cells of a Phụ lục II row and whether every fragment found a place."""
    n_amounts = sum(c.startswith(AMOUNT_COLUMN_STARTS) for c in columns)
    merged = merge_amount_lines(fragments)
    # cells read one per line: positions lost
    parts = _budget_parts(merged, n_amounts, guessed=len(merged) != len(fragments))
    amounts = parts.amounts
    placed = True
    values: list[str] = []
    if amounts is not None and parts.guessed:
        # positions lost: place the values where the row's sums hold (see Placements)
        values = [a for a in amounts if a]
        amounts, placed = placements.place(values)  # with a lost cell not complete
    cells = group_fragments([f for f in parts.after if f != PAGE_BREAK])
    agencies = [c for c in cells if _heads_agency(c)]
    notes = [c for c in cells if not _heads_agency(c)]
    text = join_text(parts.content)
    row = [stt, text] + (amounts or [""] * n_amounts)
    tail = [agencies[0] if agencies else "", "; ".join(agencies[1:]), " ".join(notes)]
    row += tail[: len(columns) - len(row)]
    if not placed and values and amounts == (values + [""] * n_amounts)[:n_amounts]:
        placements.defer(row, 2, values)
    return row, amounts is not None and len(agencies) <= 2 and placed


RULED_NUMBER = regex.compile(r"^[|\[({]?\s*(\d{1,2}(?:\.\d{1,2})*\.?)\s*[|\[]\s*(?=\S)")


class _NumberedRows:
    """Rows read line by line: a row number ("1", "1.2") starts a row, the fragments under
    it are its cells; a Roman numeral starts a section; "Tổng" is a budget's total row."""

    def __init__(self, columns: list[str], budget: bool) -> None:
        self.columns = columns
        self.budget = budget
        amount_columns = [c for c in columns if c.startswith(AMOUNT_COLUMN_STARTS)]
        self.n_amounts = len(amount_columns)
        self.placements = Placements(amount_columns)
        self.rows: list[TableRow] = []
        self.pending: tuple[str, list[str]] | None = None  # the row being read: number, lines
        self.complete = 0  # rows whose every fragment found a place
        self.total = 0

    def _is_heading_only(self, fragments: list[str]) -> bool:
        """A budget row of one line of text and no amounts: a group heading."""
        return (
            self.budget
            and len(fragments) == 1
            and not any(amount_cells(f, self.n_amounts) for f in fragments)
            and not NUMBERED_LINE.match(fragments[0])
        )

    def flush(self) -> None:
        """The row being read, as cells."""
        if self.pending is None:
            return
        stt, fragments = self.pending
        self.pending = None
        if self._is_heading_only(fragments):
            cells = [stt, clean(fragments[0])] + [""] * (len(self.columns) - 2)
            ok = True
        elif self.budget:
            cells, ok = _budget_row(stt, fragments, self.columns, self.placements)
        else:
            cells, ok = _task_row(stt, fragments)
            cells = _fit_task_row(cells, self.columns)
        self.rows.append(TableRow(cells=cells))
        self.complete += ok
        self.total += 1

    def total_row(self, raw: str) -> bool:
        """Read ``raw`` if it is a budget's total row ("Tổng  24.688 …")."""
        total_row = regex.match(r"^(Tổng(?:\s+cộng)?)\s{2,}(.*)$", raw.strip(" "))
        if not (self.budget and total_row):
            return False
        self.flush()
        label = total_label(total_row.group(1))  # "Tổng cộng" kept whole
        note(total_row.group(1), label, TOTAL_LABEL_CONFIDENCE, TOTAL_LABEL)
        split = amount_cells(total_row.group(2), self.n_amounts)
        amounts = split[0] if split else [""] * self.n_amounts
        cells = [label, "", *amounts]
        self.rows.append(TableRow(cells=cells + [""] * (len(self.columns) - len(cells))))
        self.total += 1
        self.complete += split is not None
        return True

    def row_start(self, raw: str, line: str) -> regex.Match | None:
        """The row number (and text) ``line`` starts a row with, if it does."""
        match = NUMBERED_LINE.match(line)
        if match and self.budget and amount_cells(raw, self.n_amounts) is not None:
            return None  # " 8 0 8  0 …" is a line of amounts, not row 8
        # "9 khóa." continues a sentence; "[2 [rign khai …" is row 2 whose capital was misread:
        # the number sits in a cell of its own, between rulings
        ruled = RULED_NUMBER.match(raw.strip()) is not None
        if match and match.group(2) and match.group(2)[:1].islower() and not ruled:
            return None
        if match and (self.pending is None or self.pending[1] or self.budget):
            return match
        return None

    def add(self, raw: str) -> None:
        # "| 1 | Nâng cao …": the rulings beside a row number read as "|"
        line = RULED_NUMBER.sub(r"\1 ", raw.strip())
        if raw == PAGE_BREAK:
            if self.pending is not None:
                self.pending[1].append(raw)
            return
        if not line:
            return
        if SECTION.match(line):
            self.flush()
            self.rows.append(TableRow(section=clean(line)))
            return
        if self.total_row(raw):
            return
        match = self.row_start(raw, line)
        if match:
            self.flush()
            self.pending = (match.group(1), [match.group(2)] if match.group(2) else [])
            return
        if self.pending is None:
            self.pending = ("", [])  # a row without a number (e.g. under "IV. …")
        self.pending[1].append(raw)

    def finish(self) -> tuple[list[TableRow], float]:
        self.flush()
        self.placements.settle()
        return self.rows, self.complete / max(1, self.total)


def numbered_rows(
    body: list[str], columns: list[str], budget: bool
) -> tuple[list[TableRow], float]:
    """Rows of a table whose rows start with their numbers, one cell fragment per line."""
    reader = _NumberedRows(columns, budget)
    for raw in body:
        reader.add(raw)
    return reader.finish()


# the first section's "I." as old OCR reads it before the table's first row: "i", "[i", "ip"
# (restored "úp"), "l", or a "1." that the first row's own "1" follows
_SECTION_ONE = regex.compile(r"^[\[|{(]?\s*(?:[iIl][p.]?|[uú]p|1\.?)\s+(?=\p{Lu})(.+?)\s*\|\s*$")
_ROW_ONE = regex.compile(r"^\|?\s*1\.?(?:\s*\|\s*|\s+)(?=\S)")


def first_section(lines: list[str], at: int) -> str | None:
    """ "I. <heading>" when line ``at``, read before any row, is the table's first section
    heading with its numeral misread ("[i TĂNG CƯỜNG … |", "1. Tăng cường … |"): a heading
    (two words or more, no agency, no time) after an I-like mark, ending at the table's
    right border read "|" (a heading's cell spans the row; a row's first line read across
    ends in its last column's text), and the next numbered line is row 1 (a row 1 after a
    "1." says the "1." was the section's "I."): right after it, or on the middle line of
    row 1's first lines read across (``ROW_STARTS_WITHIN`` lines)."""
    match = _SECTION_ONE.match(clean(lines[at]))
    if match is None:
        return None
    heading = match.group(1).rstrip(" |")  # the rulings of the empty cells after it
    if not _is_heading(heading):
        return None
    following = [clean(line) for line in lines[at + 1 : at + 1 + ROW_STARTS_WITHIN]]
    numbered = next((line for line in following if split_line(line)[0] is not None), None)
    if numbered is None or _ROW_ONE.match(numbered) is None:
        return None
    return f"I. {heading}"


ROW_STARTS_WITHIN = 3  # lines after a first section heading to row 1's number line


def _is_heading(text: str) -> bool:
    """A section heading's text: two words or more, no agency, no time, nothing after."""
    _, task, agency, time, notes = split_line(text)
    return not (agency or time or notes or len(task.split()) < 2)


# a later section's numeral old OCR read with no dot, a ruling's "[" or "|" perhaps before
# it ("[Ill Kỹ năng số |"): strokes and letters of a Roman numeral, one letter at least
_RULED_SECTION = regex.compile(
    r"^[\[|{(]?\s*(?=[IVXLl|]*[IVXLl])([IVXLl|]{1,4})\.?\s+(?=\p{Lu})(.+?)\s*\|\s*$"
)


def _ruled_section(line: str) -> str | None:
    """ "<numeral>. <heading>" when ``line`` is a section heading whose numeral has no dot
    ("[Ill Kỹ năng số |"): a heading (``_is_heading``) after a Roman-numeral-like mark,
    ending at the table's right border read "|" (a heading's cell spans the row); the
    numeral is repaired with the others (``numbering``)."""
    match = _RULED_SECTION.match(clean(line))
    if match is None:
        return None
    heading = match.group(2).rstrip(" |")
    return f"{match.group(1)}. {heading}" if _is_heading(heading) else None


def _last_number(rows: list[TableRow]) -> str | None:
    """The last row number read among ``rows`` (a section's numbering may go on from it)."""
    numbers = [r.cells[0].strip(" .:") for r in rows if r.cells and r.cells[0].strip(" .:")]
    return numbers[-1] if numbers else None


def interleaved_task_rows(body: list[str], columns: list[str]) -> tuple[list[TableRow], float]:
    """Rows of a task table read across its columns (see ``interleaved``); the confidence
    is capped: which agency column a fragment belongs to is a guess."""
    rows: list[TableRow] = []
    segment: list[str] = []
    complete = total = 0

    def flush() -> None:
        nonlocal complete, total
        with rows_after(len(rows)):  # the rows' notes (``rebuild_edits``) after those before
            found, ok = task_rows(segment, _last_number(rows))
        rows.extend(TableRow(cells=_fit_task_row(cells, columns)) for _, cells in found)
        complete += ok
        total += len(found)
        segment.clear()

    for at, line in enumerate(body):
        if line == PAGE_BREAK:
            continue
        section = first_section(body, at) if not (rows or segment) else None
        if section is not None:  # "1. Hạ tầng số |": its "I." read "1.", an edit
            note(clean(line).strip(" |"), section, NUMERAL_CONFIDENCE, SECTION_NUMERAL, row=0)
            rows.append(TableRow(section=section))
            continue
        if OCR_SECTION.match(line.strip()):
            flush()
            rows.append(TableRow(section=clean(line).rstrip(" |")))  # a ruling read "|" after it
            continue
        section = _ruled_section(line) if rows or segment else None
        if section is not None:
            flush()
            rows.append(TableRow(section=section))
            continue
        segment.append(line)
    flush()
    return rows, CONFIDENCE_CAP * complete / max(1, total)
