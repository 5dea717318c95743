"""Budget tables (Phụ lục II) that old OCR read across their columns, rebuilt row by row.

Each page line crossed every column (see ``interleaved``): "Tổ chức hội thảo về năng suất,
Sở ngành; UBND", then "2 | lượng. 400 80 80 80 80 80 | KH&CN cấp xã, Tổ chức,". The lines
of a section are grouped into rows around their numbers (``budget_lines.budget_row_groups``);
here a section line, the total row ("Téng [21.450 |5.530 …"), a section that is itself a
row, the lead and partner agencies line by line (``budget_agencies``), headers repeated at a
page break (``budget_page_breaks``), and the amounts placed by arithmetic: where
the row adds up (``row_placements.Placements``), and where its years were left blank, where
every year column adds up to the total row (``flattened_sums.placements_by_column_totals``). A
digit is never guessed: what the sums cannot place stays where it was read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from sohoa.extract.amounts import DASHES, is_blank, looks_like_amount, try_amount
from sohoa.extract.budget_agencies import agencies_after_the_text, lead_and_partner
from sohoa.extract.budget_lines import (
    BudgetLine,
    budget_line,
    budget_row_groups,
    row_end_between,
    total_first,
)
from sohoa.extract.budget_open_lists import open_lists_down
from sohoa.extract.budget_page_breaks import header_repeats_as_breaks
from sohoa.extract.budget_section_rows import ruled_section_row, section_as_row, section_row_first
from sohoa.extract.budget_sections import (
    budget_section,
    headings_read_as_rows,
    next_row_number,
    stroke_numerals_by_position,
)
from sohoa.extract.budget_unplaced import NumberRead, set_aside
from sohoa.extract.flattened_lines import (
    PAGE_BREAK,
    TOTAL_ROW_LABELS,
    is_amount_line,
    join_text,
    merge_amount_lines,
    total_label,
)
from sohoa.extract.flattened_rows import AMOUNT_COLUMN_STARTS
from sohoa.extract.flattened_sums import (
    holds_where_readable,
    place_by_sums,
    placements_by_column_totals,
)
from sohoa.extract.garbled_amounts import garbled_start
from sohoa.extract.interleaved import CONFIDENCE_CAP
from sohoa.extract.placement_edits import note_column_placements
from sohoa.extract.rebuild_edits import (
    NUMERAL_CONFIDENCE,
    SECTION_NUMERAL,
    TOTAL_LABEL,
    TOTAL_LABEL_CONFIDENCE,
    at_row,
    note,
    note_lines_moved,
)
from sohoa.extract.row_placements import Placements, amounts_read
from sohoa.extract.ruled_neighbours import ruled_neighbours
from sohoa.extract.structure import fold
from sohoa.extract.total_rows import total_row_amounts, total_row_label
from sohoa.model import TableRow


@dataclass
class _ReadAcross:
    """A budget row read across: its cells, the amounts read in its line, whether the
    row's sums placed them, and what it read that no cell takes (``budget_unplaced``)."""

    cells: list[str]
    values: list[str]
    placed: bool
    unplaced: list[str] = field(default_factory=list)
    row: int = 0  # its index in the table's rows (its notes': ``rebuild_edits``)
    neighbours: frozenset[int] = frozenset()  # values a ruling parts (``ruled_neighbours``)


TEXT_NUMBERS_MAX = 2  # numbers of the task text read as the first of a run of amounts


def _times_before(text: str) -> bool:
    """Does the text end with a multiplication sign ("(10 sản phẩm x" before "60 triệu
    đồng)"), alone or glued to the word before ("phamx": no Vietnamese word ends in x)?"""
    words = [w for w in (w.strip("|[]{}") for w in text.split()) if w]
    return bool(words) and words[-1][-1] in "x×"


def _text_numbers_before_amounts(
    group: list[BudgetLine], amount_columns: list[str]
) -> list[BudgetLine]:
    """ "… (29 sản phẩm x 40 | 750 250 250 250": the task text's own number ends it just
    before the amounts, so the run read is one too long and does not add up. When it adds
    up without its first value (or two), those go back to the text: the row's sum is the
    evidence, when the rest states two years at least. Never when the first value is the
    sum of the rest (or twice it: years split by source): "350 350 100 50 100 100" is a
    row's total, its source's and its years, their blank cells lost."""
    out = list(group)
    if fold(join_text([line[1] for line in group])) in TOTAL_ROW_LABELS:
        return out  # the total row has no text of its own
    for k, (number, text, values, agencies) in enumerate(group):
        if not values or place_by_sums(values, amount_columns) is not None:
            continue
        if _times_before(text) and len(values) > len(amount_columns):
            out[k] = (number, f"{text} {values[0]}", values[1:], agencies)
            continue
        if total_first(values):
            continue  # the first value is the row's total: the run is the row's amounts
        for drop in range(1, TEXT_NUMBERS_MAX + 1):
            if not all(looks_like_amount(v) for v in values[:drop]):
                break  # a misread amount ("64,": ``garbled_start``) is no number of the text
            rest = values[drop:]
            years = [v for v in rest[1:] if not is_blank(v)]
            # two years at least: "20 = 20" is no evidence that the 20 before was text
            if len(years) >= 2 and place_by_sums(rest, amount_columns) is not None:
                head = " ".join([text, *values[:drop]]).strip()
                out[k] = (number, head, rest, agencies)
                break
    return out


def _budget_row_across(
    group: list[BudgetLine],
    amount_columns: list[str],
    n_tail: int,
    placements: Placements,
    raw: dict[tuple[str, ...], str],
) -> _ReadAcross:
    """One row's cells from its group of lines: the number, the text, the longest run of
    amounts placed where the row adds up (else deferred to ``placements``), then the lead
    and partner agencies and ``n_tail`` cells after the amounts in all."""
    read_as = group
    group = _text_numbers_before_amounts(garbled_start(group, amount_columns), amount_columns)
    group = agencies_after_the_text(group)
    note_lines_moved(read_as, group)  # misread amounts, numbers, agencies moved
    stt = next((g[0] for g in group if g[0]), "")
    if isinstance(stt, NumberRead):  # a numeral's "II" read "H" ("HI" for III)
        note(stt.read, str(stt), NUMERAL_CONFIDENCE, SECTION_NUMERAL)
    text = join_text([g[1] for g in group if g[1]])
    if not stt and fold(text) in TOTAL_ROW_LABELS:
        note(text, total_label(text), TOTAL_LABEL_CONFIDENCE, TOTAL_LABEL)
        stt, text = total_label(text), ""
    runs = [k for k, g in enumerate(group) if g[2]]
    longest = max(runs, key=lambda k: len(group[k][2]), default=None)
    values, misread = amounts_read(list(group[longest][2]) if runs else [], amount_columns)
    tail = lead_and_partner([g[3] for g in group if g[3]])
    fallback = (values + [""] * len(amount_columns))[: len(amount_columns)]
    amounts, placed = placements.place(values) if values else (fallback, False)
    cells = [stt, text, *amounts, *(tail + [""] * n_tail)[:n_tail]]
    if values and not placed and amounts == fallback:
        placements.defer(cells, 2, values)
    unplaced = set_aside(group, longest, [*misread, *values[len(amount_columns) :]])
    line = raw.get(tuple(max((g[2] for g in read_as), key=len)), "")
    return _ReadAcross(cells, values, placed, unplaced, neighbours=ruled_neighbours(line, values))


def _valued_parents(rows: list[_ReadAcross]) -> dict[int, int]:
    """Row index -> index of its parent, for rows "p.q" under a row "p" that states
    amounts of its own (a subtotal: its years are its children's sums). Numbering starts
    again in each section, so the parent is the last row of one number before it."""
    parent_of: dict[int, int] = {}
    last_top: int | None = None
    for k, row in enumerate(rows):
        number = row.cells[0].rstrip(".")
        if number.isdigit():
            last_top = k
        elif "." in number and last_top is not None:
            parent = rows[last_top]
            if number.split(".")[0] == parent.cells[0].rstrip(".") and parent.values:
                parent_of[k] = last_top
    return parent_of


def _own_sum_fails(row: _ReadAcross) -> bool:
    """A row stating some years only whose total is not their sum (a misread digit). A
    total misread as no amount at all ("64,": ``garbled_amounts.garbled_start``), or read
    in two pieces ("4 559"), is unknown, not failed: the years read are what the columns'
    sums place."""
    total = try_amount(row.values[0]) if row.values else None
    years = [try_amount(v) for v in row.values[1:] if not is_blank(v)]
    if None in years or not years:
        return True
    if " " in row.values[0]:  # a total read in two pieces not its years' sum: unknown
        return False  # (``flattened_sums.total_split_at_its_dot`` left it as read)
    if total is None:
        return is_blank(row.values[0]) or looks_like_amount(row.values[0])
    return total != sum(y or 0 for y in years)


def _misread_in(row: _ReadAcross) -> bool:
    """A value of the row read as no amount ("T2470", "4 s6q", "aso."): a misread seen."""
    return any(not is_blank(v) and v not in DASHES and try_amount(v) is None for v in row.values)


@dataclass
class _ColumnSums:
    """Which cells the column totals place: the year cells only ("Kinh phí" then years,
    the row's total read first, ``first`` 3) or every amount cell (years split by source:
    a row's cells where its own sums hold, ``row_holds``)."""

    n: int  # cells placed
    first: int  # the row's first cell placed
    row_holds: Callable[[list[str]], bool] | None = None

    def values(self, row: _ReadAcross) -> list[str]:
        return row.values[self.first - 2 :]

    def neighbours(self, row: _ReadAcross) -> frozenset[int]:
        return frozenset(k - self.first + 2 for k in row.neighbours if k >= self.first - 2)

    def cells(self, row: _ReadAcross) -> list[str]:
        """The row's cells the sums place, as they stand."""
        return row.cells[self.first : self.first + self.n]


def _place_under(rows: list[_ReadAcross], total: list[str], sums: _ColumnSums) -> list[_ReadAcross]:
    """Cells of ``rows`` whose years were left blank, placed where every column adds up to
    ``total`` (the total row's cells, or a parent row's); rows of every column are fixed.
    The rows placed are returned: none when a row has too many values; of the others,
    those every placement adding up agrees on. A row whose own sum fails holds a misread
    digit (or, a short one, lost a value), and a value read as no amount ("T2470") shows
    digits misread: one column may be off (``placements_by_column_totals``)."""
    n, first = sums.n, sums.first
    open_rows = [r for r in rows if len(sums.values(r)) < n]
    if not open_rows or any(len(sums.values(r)) > n for r in rows):
        return []
    full = [r for r in rows if len(sums.values(r)) == n]
    # years split by source: a short row's own sums are checked where it is placed
    checked = full if sums.row_holds is not None else rows
    placed = placements_by_column_totals(
        [sums.cells(r) for r in full],
        [sums.values(r) for r in open_rows],
        total,
        misread_seen=any(map(_own_sum_fails, checked)) or any(map(_misread_in, rows)),
        row_holds=sums.row_holds,
        neighbours=[sums.neighbours(r) for r in open_rows],
    )
    stood = [(sums.cells(r), r.row) for r in open_rows]  # as read: the moves' originals
    note_column_placements(stood, placed)
    cells_placed = placed.rows if placed else []
    settled = [(r, cells) for r, cells in zip(open_rows, cells_placed, strict=False) if cells]
    for row, cells in settled:
        row.cells[first : first + n] = cells
    return [row for row, _ in settled]


def _years_by_column_totals(read: list[_ReadAcross], amount_columns: list[str]) -> None:
    """Rows whose years were left blank somewhere ("1.200 300 300 300 300" under five
    years) get their year cells where every year column adds up to the total row (see
    ``placements_by_column_totals``); with years split by source, every amount cell, where the
    row's own sums also hold. A row "p" stating its own amounts is a subtotal of its rows
    "p.q": those count under it, not in the total row, and once its years are known, its
    rows' blank years are placed where they add up to them."""
    n = len(amount_columns)
    simple = amount_columns[0].startswith("Kinh phí") and all(
        c.startswith("Năm ") and " / " not in c for c in amount_columns[1:]
    )
    sums = (
        _ColumnSums(n - 1, 3)
        if simple
        else _ColumnSums(n, 2, lambda cells: _states_its_sums(cells, amount_columns))
    )
    totals = [r for r in read if r.cells[0] == "Tổng" and r.values]
    if len(totals) != 1 or len(totals[0].values) != n:
        return
    others = [r for r in read if r.cells[0] != "Tổng"]
    parent_of = _valued_parents(others)
    top = [r for k, r in enumerate(others) if k not in parent_of and r.values]
    top_placed = _place_under(top, sums.cells(totals[0]), sums)
    for parent in sorted(set(parent_of.values())):
        children = [others[k] for k, p in parent_of.items() if p == parent and others[k].values]
        settled = len(others[parent].values) == n or any(r is others[parent] for r in top_placed)
        if settled:
            _place_under(children, sums.cells(others[parent]), sums)


def _states_its_sums(cells: list[str], amount_columns: list[str]) -> bool:
    """A row's amount cells as placed: its first total stated, and every total that can be
    checked the sum of its parts (``flattened_sums.holds_where_readable``)."""
    return bool(cells[0]) and holds_where_readable(cells, amount_columns)


def _headings_out_of_the_sums(rows: list[TableRow], read: list[_ReadAcross]) -> None:
    """Section headings whose stroke numerals were taken for a row "1." go back to the
    sections (``budget_sections.headings_read_as_rows``) and out of the rows summed."""
    headings = headings_read_as_rows(rows)
    read[:] = [r for r in read if not any(r.cells is cells for cells in headings)]


def _total_row_amounts(line: str) -> tuple[str, str] | None:
    """The label and ``total_row_amounts`` of a total row; its label written "Tổng" or
    "Tổng cộng" as read (``total_label``), noted if read otherwise."""
    amounts = total_row_amounts(line)
    if amounts is None:
        return None
    label = total_label(total_row_label(line))
    note(total_row_label(line), label, TOTAL_LABEL_CONFIDENCE, TOTAL_LABEL)
    return label, amounts


def interleaved_budget_rows(body: list[str], columns: list[str]) -> tuple[list[TableRow], float]:
    """Rows of a budget table read across its columns (see ``interleaved``): amounts placed
    where the row adds up, and where blank years lost their places, where the columns add
    up to the total row; the confidence is capped, the text columns being guessed."""
    amount_columns = [c for c in columns if c.startswith(AMOUNT_COLUMN_STARTS)]
    n_tail = len(columns) - 2 - len(amount_columns)
    placements = Placements(amount_columns)
    raw: dict[tuple[str, ...], str] = {}
    placing = (amount_columns, n_tail, placements, raw)
    rows: list[TableRow] = []
    read: list[_ReadAcross] = []
    segment: list[str] = []
    numeral: list[str] = []  # the numeral of a section line that is a row, till its flush

    def flush() -> None:
        merged = merge_amount_lines(segment)
        _keep_lines_by_run(raw, merged)
        groups = budget_row_groups(merged)
        if numeral:  # the section line that is a row opens this segment
            groups = section_row_first(groups, numeral.pop())
        groups = [row for group in groups for row in _one_row_per_sum(group, amount_columns)]
        groups = open_lists_down(groups)  # a partner's list begun above the next row's
        for group in groups:
            _read_row(group, placing, rows, read)
        segment.clear()

    lines = header_repeats_as_breaks(  # blank lines out; rows part at page breaks
        [line for line in body if line == PAGE_BREAK or line.strip()], amount_columns
    )
    for k, line in enumerate(lines):
        if line == PAGE_BREAK:
            segment.append(line)
            continue
        section = budget_section(line, next_row_number(lines, k + 1))
        ruled = ruled_section_row(line, amount_columns)
        if section is not None or ruled:
            flush()
            as_row = ruled or section_as_row(section or "", amount_columns)
            if as_row is None:
                rows.append(TableRow(section=section))
            else:
                numeral.append(as_row[0])
                segment.append(as_row[1])
            continue
        total = _total_row_amounts(line)
        if total is not None:
            flush()  # the total row: "Tổng" alone, or with its amounts
            label, amounts = total
            if amounts and not is_amount_line(amounts):  # some misread: each one a cell
                _read_row([(None, label, amounts.split(), "")], placing, rows, read)
                continue
            segment.extend([label, amounts] if amounts else [label])
            continue
        segment.append(line)
    flush()
    placements.settle()
    _headings_out_of_the_sums(rows, read)
    _years_by_column_totals(read, amount_columns)
    stroke_numerals_by_position(rows)
    return rows, _confidence(read, 2 + len(amount_columns))


def _keep_lines_by_run(raw: dict[tuple[str, ...], str], lines: list[str]) -> None:
    """Each line's run of amounts -> the line as read, its rulings the evidence of
    ``ruled_neighbours``; "" for a run read in two lines (which row's rulings is unknown)."""
    for line in lines:
        run = tuple(budget_line(line)[2]) if line != PAGE_BREAK else ()
        if run:
            raw[run] = line if raw.get(run, line) == line else ""


def _read_row(
    group: list[BudgetLine],
    placing: tuple[list[str], int, Placements, dict[tuple[str, ...], str]],
    rows: list[TableRow],
    read: list[_ReadAcross],
) -> None:
    """Read a row from its ``group`` of lines, its notes of its row (``rebuild_edits``)."""
    with at_row(len(rows)):
        read.append(_budget_row_across(group, *placing))
    read[-1].row = len(rows)
    rows.append(TableRow(cells=read[-1].cells, unplaced=" ".join(read[-1].unplaced) or None))


def _confidence(read: list[_ReadAcross], lead: int) -> float:
    """The share of rows with a text, a lead agency (cell ``lead``) and amounts placed,
    capped (the text columns are guessed)."""
    complete = sum(
        bool(r.cells[1] and "".join(r.cells[lead : lead + 1])) and r.placed for r in read
    )
    return CONFIDENCE_CAP * complete / max(1, len(read))


def _one_row_per_sum(group: list[BudgetLine], amount_columns: list[str]) -> list[list[BudgetLine]]:
    """A group holding two runs of amounts that each add up is two rows (the second's number
    lost): a row read across has one line of amounts. The lines between go with the first
    up to its text's last finished sentence, else the first half of them, and so do the
    lines going on in lower case right after its amounts' line ("nhân" of "cá nhân")."""
    sums = [k for k, line in enumerate(group) if line[2]]
    if len(sums) < 2 or any(place_by_sums(group[k][2], amount_columns) is None for k in sums):
        return [group]
    rows: list[list[BudgetLine]] = []
    start = 0
    for a, b in itertools.pairwise(sums):
        split = row_end_between(group, a, a, b)  # the amounts' own line may end the text
        rows.append(group[start:split])
        start = split
    rows.append(group[start:])
    return rows


# "1. Tổ chức …": a section numeral "I." read as the digit 1
