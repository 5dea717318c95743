"""Amounts whose columns old OCR lost, placed where the row's sums hold.

A budget row states totals ("Kinh phí / NSNN") and the years that make them up ("Năm 2026 /
NSNN", …): when a row's amounts were read without their positions, the one placement where
every total is the sum of its years is taken (``place_by_sums``; rows the arithmetic cannot
place follow the table's other rows of as many values: ``row_placements``). When rows
left some years blank, their year cells go where every year column adds up to the total row
(``placements_by_column_totals``). Amounts misread at the start of a run: ``garbled_amounts``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import regex

from sohoa.extract.amounts import is_blank, try_amount
from sohoa.extract.budget_lines import budget_amount_run
from sohoa.extract.rebuild_edits import AMOUNT_DOT, AMOUNT_DOT_CONFIDENCE, note
from sohoa.extract.ruled_neighbours import keeps_neighbours
from sohoa.model import Amount
from sohoa.normalize.unicode import strip_marks


def _source_of(column: str) -> str:
    return column.split(" / ")[-1] if " / " in column else "Tổng"


def _amount(cell: str) -> Amount | None:
    return try_amount(cell) if not is_blank(cell) else None


def _totals_with_parts(cells: list[str], columns: list[str]) -> list[tuple[str, list[str]]]:
    """Each stated total's cell with the cells that make it up: a source's ("Kinh phí /
    NSNN") its years' cells; a total of no year's source ("Kinh phí", "Kinh phí / Tổng
    cộng" over years split by source) every year cell, and the sources' totals too when
    the row states them. No parts when no column is a year's."""
    totals: dict[str, str] = {}
    years: dict[str, list[str]] = {}
    for column, cell in zip(columns, cells, strict=True):
        if column.startswith("Kinh phí"):
            totals[_source_of(column)] = cell
        else:
            years.setdefault(_source_of(column), []).append(cell)
    every_year = [cell for parts in years.values() for cell in parts]
    sources = [cell for source, cell in totals.items() if source in years]  # NSNN, Tổ chức
    grand = [(t, sources) for s, t in totals.items() if s not in years and len(sources) > 1]
    return [(total, years.get(source, every_year)) for source, total in totals.items()] + grand


def _sums_stated(cells: list[str], columns: list[str]) -> list[bool]:
    """Whether each stated total holds: it is the sum of its parts (``_totals_with_parts``),
    a part misread as no amount counted as 0."""
    stated: list[bool] = []
    for total, parts in _totals_with_parts(cells, columns):
        value = _amount(total)
        if parts and value:
            stated.append(value == sum(_amount(p) or 0 for p in parts))
    return stated


def adds_up(cells: list[str], columns: list[str]) -> bool:
    """Every total the row states equals the sum of its parts (see ``_sums_stated``)."""
    stated = _sums_stated(cells, columns)
    return bool(stated) and all(stated)


def holds_where_readable(cells: list[str], columns: list[str]) -> bool:
    """Every total the row states that can be checked is the sum of its parts: a total or
    a part misread as no amount ("s6q") is no evidence either way (``_totals_with_parts``)."""
    for total, parts in _totals_with_parts(cells, columns):
        value = _amount(total)
        readable = [try_amount(p) for p in parts if not is_blank(p)]
        if value is None or None in readable:
            continue
        if value != sum(v or 0 for v in readable):
            return False
    return True


def layout_by_sums(runs: list[list[str]], layouts: list[list[str]]) -> list[str] | None:
    """The amount columns (one of ``layouts``) that runs of amounts, a row's every cell read
    ("500 200 - 100 …"), fill with a total of theirs adding up, the one of most columns (a
    run one cell short is read from a longer layout when a cell was lost). None if none."""
    fitting = [
        layout
        for layout in layouts
        if any(len(run) == len(layout) and any(_sums_stated(run, layout)) for run in runs)
    ]
    return max(fitting, key=len, default=None)


ROWS_ADDING_UP_MIN = 2  # rows whose amounts add up that tell how many years a header has
BLANKS_LOST_MIN = 4  # amounts of a run whose blank cells were lost that can tell a layout


def _adds_up_blanks_lost(run: list[str], layout: list[str]) -> bool:
    """Whether a run of amounts shorter than ``layout`` adds up in it with its blank cells
    lost (as old OCR reading a row across loses them): its first amount the first column's,
    the others in their order in some of the columns after."""
    if not BLANKS_LOST_MIN <= len(run) < len(layout):
        return False
    for places in combinations(range(1, len(layout)), len(run) - 1):
        cells = [run[0], *([""] * (len(layout) - 1))]
        for place, amount in zip(places, run[1:], strict=True):
            cells[place] = amount
        if adds_up(cells, layout):
            return True
    return False


def layout_by_lost_blanks(runs: list[list[str]], layouts: list[list[str]]) -> list[str] | None:
    """The layout (one of ``layouts``) more runs add up in with their blank cells lost than in any
    other, two runs at least (``ROWS_ADDING_UP_MIN``): when no run was read whole. None if
    none or a tie."""
    fits = Counter(
        k for k, layout in enumerate(layouts) for run in runs if _adds_up_blanks_lost(run, layout)
    )
    ranked = fits.most_common(2)
    if not ranked or ranked[0][1] < ROWS_ADDING_UP_MIN:
        return None
    alone = len(ranked) == 1 or ranked[1][1] < ranked[0][1]
    return layouts[ranked[0][0]] if alone else None


def place_by_sums(
    values: list[str], columns: list[str], lost_cell: bool = False
) -> list[str] | None:
    """Cells for amounts whose columns old OCR lost: the one contiguous placement where the
    row adds up — "Kinh phí / NSNN" is the sum of the years' NSNN, and so on; ``None``
    when no placement (or more than one) adds up. With ``lost_cell``, one cell between two
    values may have been lost (a faint "-" or "0"): it stays empty, never filled in; a
    total of every source ("Kinh phí / Tổng cộng") then takes the first value read, never
    left empty besides (two losses at once: ``_first_cells``)."""
    n = len(columns)
    fits: list[list[str]] = []
    gaps = range(1, len(values)) if lost_cell else [len(values)]
    for gap in gaps:
        placed = values[:gap] + ([""] if lost_cell else []) + values[gap:]
        for offset in _first_cells(columns, len(placed), lost_cell):
            cells = [""] * offset + placed + [""] * (n - offset - len(placed))
            if cells not in fits and adds_up(cells, columns):
                fits.append(cells)
    return fits[0] if len(fits) == 1 else None


def _first_cells(columns: list[str], width: int, lost_cell: bool) -> range:
    """Where a run of ``width`` cells may start among ``columns``: anywhere it fits, but at
    the first column when a cell was lost (``lost_cell``) and that column is the row's
    total of every source ("Kinh phí / Tổng cộng" over years split by source)."""
    starts = len(columns) - width + 1
    if lost_cell and _source_of(columns[0]) not in {_source_of(c) for c in columns[1:]}:
        return range(min(1, starts))
    return range(starts)


SEARCH_LIMIT = 200_000  # placements tried before the column sums are given up as evidence


def _still_needed(fixed: list[list[str]], total: list[str]) -> list[Decimal | None]:
    """Each year column's total less the cells placed already; None for a column where a
    cell is unreadable (a misread amount: that column's sum is unknown)."""
    need: list[Decimal | None] = []
    for j, cell in enumerate(total):
        cells = [cell, *(row[j] for row in fixed)]
        values = [try_amount(c) if not is_blank(c) else 0 for c in cells]
        if None in values:
            need.append(None)
            continue
        need.append(Decimal(values[0] or 0) - sum(Decimal(v or 0) for v in values[1:]))
    return need


PLACEMENTS_MAX = 64  # placements adding up kept to find the rows they agree on


def _placements_adding_up(
    need: list[Decimal | None], rows: list[list[Decimal]], options: list[list[tuple[int, ...]]]
) -> list[list[tuple[int, ...]]] | None:
    """The ways (``PLACEMENTS_MAX`` at most) of putting each row's values (in order) into
    year columns so that they use up ``need`` exactly, a column whose need is unknown
    (None) taking any, each row's columns one of its ``options``; None when there are
    more, or the search grows past ``SEARCH_LIMIT``."""
    unknown = sum(sum(row) for row in rows) + 1  # more than the rows can use up
    start = [unknown if n is None else n for n in need]
    known = [j for j, n in enumerate(need) if n is not None]
    found: list[list[tuple[int, ...]]] = []
    tried = 0
    stack: list[tuple[int, list[Decimal], list[tuple[int, ...]]]] = [(0, start, [])]
    while stack:
        k, left, chosen = stack.pop()
        if k == len(rows):
            if not any(left[j] for j in known):
                found.append(chosen)
            if len(found) > PLACEMENTS_MAX:
                return None
            continue
        for option in options[k]:
            tried += 1
            rest = list(left)
            for column, value in zip(option, rows[k], strict=True):
                rest[column] -= value
            if all(r >= 0 for r in rest):  # amounts are never negative
                stack.append((k + 1, rest, [*chosen, option]))
        if tried > SEARCH_LIMIT:
            return None
    return found


OFF_MAX = 2  # columns misread digits may put out, the columns of unknown sums counted


def _placements_off_by_misreads(
    need: list[Decimal | None], values: list[list[Decimal]], options: list[list[tuple[int, ...]]]
) -> list[list[tuple[int, ...]]] | None:
    """The placements where every column adds up but one, else but two (each put out by a
    misread digit: "19" read for 10, "90" for 50); those and the unknown ones left out are
    one, or fewer than half the columns. None when too many add up (``_placements_adding_up``)."""
    known = [j for j, n in enumerate(need) if n is not None]
    unknown = len(need) - len(known)
    for count in range(1, min(OFF_MAX, max(1, (len(need) - 1) // 2)) - unknown + 1):
        found: list[list[tuple[int, ...]]] = []
        for off in combinations(known, count):
            loose = [None if j in off else n for j, n in enumerate(need)]
            more = _placements_adding_up(loose, values, options)
            if more is None:
                return None
            found += more
        if found:
            return found
    return []


def _agreed_placements(
    need: list[Decimal | None],
    values: list[list[Decimal]],
    options: list[list[tuple[int, ...]]],
    misread_seen: bool,
    unknown_max: int = 1,
) -> list[tuple[int, ...] | None]:
    """Each row's columns where every placement of ``values`` using up ``need``
    (``_placements_adding_up``) puts it, None where they differ (rows of the same amounts
    may swap their blanks: the others are still settled). When none uses it up and
    ``misread_seen``, the placements where every column but one or two adds up
    (``_placements_off_by_misreads``). All None when there is no placement, or too many,
    or more than ``unknown_max`` columns' sums are unknown."""
    unsettled: list[tuple[int, ...] | None] = [None] * len(values)
    if sum(n is None for n in need) > unknown_max:
        return unsettled
    found = _placements_adding_up(need, values, options)
    if found == [] and misread_seen:
        found = _placements_off_by_misreads(need, values, options)
    if not found or len(found) > PLACEMENTS_MAX:
        return unsettled
    return [
        found[0][k] if all(f[k] == found[0][k] for f in found) else None for k in range(len(values))
    ]


def _cells(option: tuple[int, ...], row: list[str], width: int) -> list[str]:
    cells = [""] * width
    for column, value in zip(option, row, strict=True):
        cells[column] = value
    return cells


def _row_options(
    open_rows: list[list[str]],
    width: int,
    row_holds: Callable[[list[str]], bool] | None,
    neighbours: list[frozenset[int]],
) -> tuple[list[list[tuple[int, ...]]], bool]:
    """Each row's placements: its values, in order, in ``width`` columns, where its cells
    hold by ``row_holds`` when given; and whether a row holds in none. Such a row holds a
    misread digit of its own: it may be anywhere (its sums are no evidence), and a column
    may be off by it."""
    options, none_held = [], False
    for row, ruled in zip(open_rows, neighbours, strict=True):
        every = list(combinations(range(width), len(row)))
        every = [o for o in every if keeps_neighbours(o, ruled)] or every
        held = [o for o in every if row_holds is None or row_holds(_cells(o, row, width))]
        none_held = none_held or not held
        options.append(held or every)
    return options, none_held


@dataclass
class ColumnPlacements:
    """What ``placements_by_column_totals`` placed: each open row's cells (None for a row
    left as read) and whether it was placed first, its own sums holding in one placement
    only."""

    rows: list[list[str] | None]
    by_own_sums: list[bool]


def placements_by_column_totals(
    fixed: list[list[str]],
    open_rows: list[list[str]],
    total: list[str],
    misread_seen: bool = False,
    row_holds: Callable[[list[str]], bool] | None = None,
    neighbours: list[frozenset[int]] | None = None,
) -> ColumnPlacements | None:
    """Year cells for rows whose amounts were read without positions and with years left
    blank ("1.200 300 300 300 300" under five years: which year is empty?), placed where
    every year column adds up to the total row. ``fixed`` holds the year cells of the rows
    whose places are known, ``open_rows`` the year values of the others in their order,
    ``total`` the total row's year cells. Each row gets the cells every placement adding
    up gives it, None where they differ (values that may swap); None for all when no
    placement or too many add up (a misread digit, a subtotal row counted twice, a lost
    row). One column whose sum is unknown (a cell read as no amount) or, when
    ``misread_seen`` (a row whose own sum fails), off by a misread digit is left out of
    the evidence; the other columns place the rows. With ``row_holds``, a row is placed
    only where its cells hold by it (a row's own sums, when the columns include totals),
    and two columns may be unknown; a row it holds in one placement only is placed there
    first, whatever the columns' sums (a misread digit in another row stops them); a row
    it holds in none (a misread digit of its own) may be in any, a misread seen."""
    width = len(total)
    ruled = neighbours or [frozenset()] * len(open_rows)
    options, none_held = _row_options(open_rows, width, row_holds, ruled)
    misread_seen = misread_seen or none_held
    placed: list[list[str] | None] = [
        _cells(option[0], row, width) if len(option) == 1 else None
        for option, row in zip(options, open_rows, strict=True)
    ]
    rest = [k for k, cells in enumerate(placed) if cells is None]
    need = _still_needed([*fixed, *(cells for cells in placed if cells)], total)
    values = [[Decimal(try_amount(v) or 0) for v in open_rows[k]] for k in rest]
    # rows held by their own sums need less of the columns: two may be unknown
    unknown_max = 1 if row_holds is None else 2
    agreed = _agreed_placements(need, values, [options[k] for k in rest], misread_seen, unknown_max)
    for k, option in zip(rest, agreed, strict=True):
        if option is not None:  # else its placements differ: its cells stay as read
            placed[k] = _cells(option, open_rows[k], width)
    if all(cells is None for cells in placed):
        return None
    return ColumnPlacements(placed, [len(option) == 1 for option in options])


_HEAD_DIGITS = regex.compile(r"\d{1,2}")  # a grouped amount's first group ("3" of 3.250)
_GROUP_DIGITS = regex.compile(r"\d{3}")  # a group of three digits read apart from it


def _digits(value: Decimal) -> int:
    return len(str(int(value)))


def _readable_parts_sum(cells: list[str], columns: list[str]) -> Decimal | None:
    """The sum of the first total's parts (``_totals_with_parts``): its years, else, when a
    year was misread ("số"), the sources' totals the row states (NSNN and Tổ chức under
    "Kinh phí / Tổng cộng"); None when no such parts are all readable."""
    for total, parts in _totals_with_parts(cells, columns):
        readable = [try_amount(p) for p in parts if not is_blank(p)]
        if total == cells[0] and readable and None not in readable:
            return sum((Decimal(v or 0) for v in readable), Decimal(0))
    return None


def total_split_at_its_dot(values: list[str], amount_columns: list[str]) -> list[str]:
    """The run with its first two values joined when they are one total whose thousands
    dot was read as a space ("4 555 1.000 2.000 250" for "3.250 …"): the run as read does
    not add up anywhere, the first value is a group of one or two digits and the second
    of three, the run joined fits the columns, and the years after them (or the sources'
    totals, a year misread: ``_readable_parts_sum``) add up to a number of as many digits
    as the two read together. The total is written with its dot when they add up to it
    exactly ("9 190" over years of 9.190), else as read: no digit is guessed, only the
    space read for the dot."""
    if len(values) < 3 or len(values) - 1 > len(amount_columns):
        return values
    head, group = values[0], values[1]
    if not (_HEAD_DIGITS.fullmatch(head) and _GROUP_DIGITS.fullmatch(group)):
        return values
    if place_by_sums(values, amount_columns) is not None:
        return values  # the run adds up as read: "5 300" is a total and a year
    cells = [f"{head} {group}", *values[2:]]
    cells += [""] * (len(amount_columns) - len(cells))
    years = _readable_parts_sum(cells, amount_columns)
    if years is None:
        return values
    joined = Decimal(head + group)
    if years == 0 or _digits(years) != _digits(joined):
        return values
    if years == joined:
        note(f"{head} {group}", f"{head}.{group}", AMOUNT_DOT_CONFIDENCE, AMOUNT_DOT)
    return [f"{head}.{group}" if years == joined else f"{head} {group}", *values[2:]]


UNREAD_YEAR = "?"  # a year column whose year was misread: "Năm ?1", "Năm ?2" … by place
_NAMES_KINH_PHI = regex.compile(r"\bkinh\s*ph", regex.IGNORECASE)


def unread_years(header: str, body: list[str]) -> list[str]:
    """Years of a budget header naming "Kinh phí" whose year labels were all misread ("|
    Téng kinh phi | Nall | Ned | wal |"): as many as the amounts after the total in the
    body's rows whose total is the sum of the rest (the commonest such count, in two rows
    at least), each named by its place ("?1", "?2" …: no year is guessed). [] when the
    header names no "Kinh phí" or too few rows add up."""
    if not _NAMES_KINH_PHI.search(strip_marks(header)):
        return []
    lengths: Counter[int] = Counter()
    for line in body:
        run = budget_amount_run(line)
        values = run[1] if run else []
        columns = ["Kinh phí", *(f"Năm {UNREAD_YEAR}{k}" for k in range(1, len(values)))]
        if len(values) >= 3 and adds_up(values, columns):
            lengths[len(values)] += 1
    if not lengths:
        return []
    length, count = lengths.most_common(1)[0]
    if count < ROWS_ADDING_UP_MIN:
        return []
    return [f"{UNREAD_YEAR}{k}" for k in range(1, length)]
