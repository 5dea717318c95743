"""How sure the rebuild is of each row of a table rebuilt from flattened old OCR text.

A reviewer of a rebuilt table should check first the rows the rebuild is least sure of.
Each row gets a confidence (``TableRow.confidence``, 0..1) from the evidence the rebuild
already has, one small function per evidence below (each 0..1):

- its number read (an "1", "2.3", a numeral) and whether the numbering had to repair it;
- its amounts adding up (no failed check of ``Table.validation`` names it) or not, and
  amounts placed by the arithmetic (their Edits); a task row's check (no amounts): its
  text read as Vietnamese with no speck;
- what it read that no cell takes (``TableRow.unplaced``);
- the doubt of the Edits logged for it (one minus each one's confidence), words a reader
  moved between the parts of one of its lines apart (``words_moved``): a reader of lines
  read across moves them to read the row, on clean text as on old OCR;
- its text cells (a total row has none by nature) and amount cells left empty;
- its agency cells left open, a name cut short, and its time cell holding no whole time;
- its task text opening in lower case (the text above's last words: a row begun too early);
- the share of its text's words that read as no Vietnamese syllable, and of its text cells'
  tokens with neither letter nor digit (old OCR's misreadings and specks: a clean text
  layer has few).

They are combined by a logistic (``WEIGHTS``, ``BIAS``) whose weights are fitted by
``bench/tables_row_confidence.py --fit`` on half the table development sets and checked on
the other half (the bench prints the calibration). The table's confidence is then the mean
of its rows' (``rate_rows``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property

import regex

from sohoa.extract.agency_names import open_name
from sohoa.extract.amounts import is_blank
from sohoa.extract.appendix import budget_columns, is_total_row, map_columns
from sohoa.extract.interleaved import is_whole_time
from sohoa.extract.placement_edits import BY_COLUMN_TOTALS, BY_OWN_SUMS, BY_ROW_SUMS, LOST_CELL
from sohoa.extract.rebuild_edits import LINE_MOVED, UNPLACED
from sohoa.extract.section_numerals import NUMBERING
from sohoa.extract.task_moves import ROW_NUMBER
from sohoa.model import Edit, Table, TableRow
from sohoa.normalize.language import Verdict, judge

REPAIRED_NUMBER = (NUMBERING, ROW_NUMBER)  # a row number the numbering set or moved
# amounts the arithmetic placed: the row's own sums, the table's column totals
BY_SUMS = (BY_OWN_SUMS, BY_COLUMN_TOTALS, BY_ROW_SUMS, LOST_CELL)
_NUMBER = regex.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.?)\s*$")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\d]")


@dataclass(frozen=True)
class TableFacts:
    """What holds for the whole table, found once for all its rows: its amount columns (a
    budget's by their header, any other's by their type), row-number column, text columns
    (the others), agency and time columns, the rows a failed check of the sums names, and
    its body (the rows that are no section): how many, and the words of its median row."""

    amounts: set[int]
    stt: int | None
    texts: list[int]
    agencies: list[int]
    times: list[int]
    failed: set[int]
    body_rows: int
    median_words: int


def table_facts(table: Table) -> TableFacts:
    """The facts of ``table`` its rows' evidence reads (``TableFacts``)."""
    mapping = map_columns(table.columns)
    amounts, stt = _amount_and_stt_columns(table, mapping)
    body = sorted(_words(r.cells or []) for r in table.rows if r.section is None)
    return TableFacts(
        amounts=amounts,
        stt=stt,
        texts=[k for k in range(len(table.columns)) if k not in amounts and k != stt],
        agencies=[k for k, f in mapping.items() if f in (("chu_tri",), ("phoi_hop",))],
        times=[k for k, t in enumerate(table.column_types) if t == "period"],
        failed={m.row for m in table.validation.mismatches} if table.validation else set(),
        body_rows=len(body),
        median_words=body[len(body) // 2] if body else 0,
    )


def _amount_and_stt_columns(
    table: Table, mapping: dict[int, tuple[str, ...]]
) -> tuple[set[int], int | None]:
    """The table's amount columns (a budget's by their header, any other's by their type)
    and its row-number column."""
    amounts = set(budget_columns(mapping).values())
    types = table.column_types
    amounts = amounts or {k for k, t in enumerate(types) if t == "amount"}
    stt = [k for k, f in mapping.items() if f == ("stt",)] or [
        k for k, t in enumerate(types) if t == "stt"
    ]
    return amounts, (stt[0] if stt else None)


def _words(cells: list[str]) -> int:
    return sum(len(c.split()) for c in cells)


class RowEvidence:
    """What the rebuild knows of row ``index`` of a table: its cells, the table's facts
    (``TableFacts``: its amount and text columns …), whether a failed check of the sums
    names it, and the Edits logged for it (``edits``: the row's own)."""

    def __init__(self, table: TableFacts, row: TableRow, index: int, edits: list[Edit]) -> None:
        self.table = table
        self.row = row
        self.cells = row.cells or []
        self.sums_fail = index in table.failed
        self.edits = edits

    def cell(self, k: int | None) -> str:
        return self.cells[k] if k is not None and k < len(self.cells) else ""

    @cached_property
    def text_verdict(self) -> Verdict:
        """How the row's text cells (a section: its heading) read as Vietnamese, judged
        once: ``not_vietnamese`` and ``task_reads`` both weigh it."""
        return judge(" ".join(self.cell(k) for k in self.table.texts) or (self.row.section or ""))


def is_section(e: RowEvidence) -> float:
    return float(e.row.section is not None)


def number_read(e: RowEvidence) -> float:
    """The row's number cell holds a row number ("1", "2.3.", "IV"), or the row is the total
    row, its label ("Tổng cộng") standing for its number."""
    numbered = bool(_NUMBER.match(e.cell(e.table.stt))) or is_total_row(e.cells)
    return float(e.row.section is None and numbered)


def number_repaired(e: RowEvidence) -> float:
    return float(any(edit.reason in REPAIRED_NUMBER for edit in e.edits))


def sums_hold(e: RowEvidence) -> float:
    """The row's own check holds: it states amounts and no failed check of the sums names
    it, or, a numbered row of a task table (no amount column, no sums to check), its task
    text and agencies read as Vietnamese with no specks (``task_reads``)."""
    stated = any(not is_blank(e.cell(k)) for k in e.table.amounts)
    return float((stated and not e.sums_fail) or task_reads(e))


def task_reads(e: RowEvidence) -> bool:
    """A numbered row of a table with no amount column whose text cells read as Vietnamese
    with no speck: a task row's check, as the sums are a budget row's (on the development
    sets such rows read from clean text are nearly all right)."""
    if e.table.amounts or not number_read(e):
        return False
    return not_vietnamese(e) == 0 and specks(e) == 0


def sums_fail(e: RowEvidence) -> float:
    return float(e.sums_fail)


def placed_by_sums(e: RowEvidence) -> float:
    return float(any(edit.reason in BY_SUMS for edit in e.edits))


def unplaced(e: RowEvidence) -> float:
    return float(bool(e.row.unplaced))


def edit_doubt(e: RowEvidence) -> float:
    """The doubt of the row's Edits (one minus each one's confidence), capped at 1; its
    unplaced values count in ``unplaced``, words moved within its lines in ``words_moved``."""
    doubt = sum(1 - edit.confidence for edit in e.edits if edit.reason not in _APART)
    return min(1.0, doubt)


_APART = (UNPLACED, LINE_MOVED)  # the Edits edit_doubt leaves to an evidence of their own


def words_moved(e: RowEvidence) -> float:
    """A reader moved words between the parts of one of the row's lines (a line read
    across: an agency's words out of the task's text). Two notes a move (the part it left,
    the part it joined), each doubtful: on clean text as on old OCR, about half of the rows
    read so are right, so the moves weigh apart from the other Edits' doubt."""
    return float(any(edit.reason == LINE_MOVED for edit in e.edits))


def text_empty(e: RowEvidence) -> float:
    """The share of the row's text cells left empty (a section, a total row: none; a total
    row has no text by nature, its label alone)."""
    if e.row.section is not None or not e.table.texts or is_total_row(e.cells):
        return 0.0
    return sum(not e.cell(k).strip() for k in e.table.texts) / len(e.table.texts)


def amounts_empty(e: RowEvidence) -> float:
    """The share of the row's amount cells left empty (a section: none)."""
    if e.row.section is not None or not e.table.amounts:
        return 0.0
    return sum(is_blank(e.cell(k)) for k in e.table.amounts) / len(e.table.amounts)


def words_over_median(e: RowEvidence) -> float:
    """How far the row's words exceed those of the table's median row (0 up to it, 1 at
    three times as many): a row that took in the next one's lines holds too many."""
    if e.row.section is not None or not e.table.body_rows:
        return 0.0
    return min(1.0, max(0.0, _words(e.cells) / max(1, e.table.median_words) - 1) / 2)


def text_lower(e: RowEvidence) -> float:
    """The row's task text (its first text cell) opens in lower case ("pháp luật cấp huyện
    …", "giai đoạn 2026-2030 …"): a task opens with a capital, so the row began with the
    last words of the text above it, a wrapped line taken for the start of a row."""
    text = e.cell(e.table.texts[0]).strip() if e.table.texts else ""
    return float(e.row.section is None and text[:1].islower())


def few_rows(e: RowEvidence) -> float:
    """The table holds at most two rows with cells: a table read from text that is none
    (text read column by column, one row of mixed cells) is found so."""
    return float(e.table.body_rows <= 2)


def not_vietnamese(e: RowEvidence) -> float:
    """The share of the words of the row's text cells that are no Vietnamese syllable."""
    verdict = e.text_verdict
    return 1 - verdict.vietnamese_share if verdict.words else 0.0


def agency_open(e: RowEvidence) -> float:
    """The share of the row's agency cells whose name is left open, more of it to come
    ("Sở Giáo dục và", "Ban Quản lý các khu", "Các cơ quan, đơn"): a cell cut short."""
    cells = [e.cell(k) for k in e.table.agencies if e.cell(k).strip()]
    cut = sum(bool((name := open_name(c)) and name.required) for c in cells)
    return cut / len(cells) if cells else 0.0


def time_odd(e: RowEvidence) -> float:
    """The row's time cells (a ``period`` column) hold something that is no whole time
    ("Hàng", "1/2027 Báo cáo")."""
    cells = [e.cell(k) for k in e.table.times if e.cell(k).strip()]
    return float(any(not is_whole_time(c) for c in cells))


def specks(e: RowEvidence) -> float:
    """The share of the row's text cells' tokens with neither a letter nor a digit ("|",
    "—", "~"), capped at 1 for a fifth or more."""
    tokens = [t for k in e.table.texts for t in e.cell(k).split()]
    odd = sum(not _LETTER_OR_DIGIT.search(t) for t in tokens)
    return min(1.0, 5 * odd / len(tokens)) if tokens else 0.0


EVIDENCE: dict[str, Callable[[RowEvidence], float]] = {
    f.__name__: f
    for f in (
        is_section,
        number_read,
        number_repaired,
        sums_hold,
        sums_fail,
        placed_by_sums,
        unplaced,
        edit_doubt,
        text_empty,
        amounts_empty,
        words_over_median,
        few_rows,
        words_moved,
        not_vietnamese,
        specks,
        agency_open,
        time_odd,
        text_lower,
    )
}

# Fitted by bench/tables_row_confidence.py --fit (a logistic, L2-regularised) on the sets
# 004, gen, budget, restart, in the five OCR modes restored and clean (their text layer
# exported, two ways): 1535 rows; the other four sets held out (1058 rows, 674 of them old
# OCR). With the weights as rounded here the calibration gap is 4.8% on the fitting sets,
# 5.7% on the held-out (7.6% their old OCR alone), 5.9% on the clean tables, 8.1% on the
# held-out clean, held-out log-loss 0.474 (session 22, a task text opening in lower case,
# ``text_lower``; before, on the same rows: 3.8%, 5.7%, 7.8%, 6.1%, 8.2%, 0.478). A
# numbered row read clean (its sums holding or, in a task table, its text Vietnamese with
# no speck; no Edit logged) gets about 0.83, a section 0.93; an old OCR row loses for words
# that read as no Vietnamese, specks, an agency cut short, a time that is none, a text
# opening in lower case.
BIAS = -1.17
WEIGHTS: dict[str, float] = {
    "is_section": 3.75,
    "number_read": 2.07,
    "number_repaired": -0.02,
    "sums_hold": 0.70,
    "sums_fail": 0.09,
    "placed_by_sums": 1.27,
    "unplaced": -2.09,
    "edit_doubt": -1.89,
    "text_empty": -1.21,
    "amounts_empty": 0.42,
    "words_over_median": -2.79,
    "few_rows": -0.92,
    "words_moved": -0.25,
    "not_vietnamese": -0.78,
    "specks": -0.27,
    "agency_open": -3.21,
    "time_odd": -1.72,
    "text_lower": -0.82,
}


def evidence(table: Table, index: int, edits: Sequence[Edit]) -> dict[str, float]:
    """Each evidence of the row ``index`` of ``table``, by name (``edits``: the table's)."""
    own = [e for e in edits if e.row == index]
    return _measured(RowEvidence(table_facts(table), table.rows[index], index, own))


def _measured(row: RowEvidence) -> dict[str, float]:
    return {name: measure(row) for name, measure in EVIDENCE.items()}


def combine(values: dict[str, float]) -> float:
    """The logistic of the weighted evidence: the chance the row is right."""
    z = BIAS + sum(weight * values.get(name, 0.0) for name, weight in WEIGHTS.items())
    return 1 / (1 + math.exp(-z))


# the tables rated while a benchmark watches (``watching``), each with its rows' evidence
_WATCHED: ContextVar[list[tuple[Table, list[dict[str, float]]]] | None] = ContextVar(
    "rated_rows", default=None
)


@contextmanager
def watching() -> Iterator[list[tuple[Table, list[dict[str, float]]]]]:
    """The tables rated while the block runs, each with its rows' evidence (for
    bench/tables_row_confidence.py, which fits the weights on it)."""
    seen: list[tuple[Table, list[dict[str, float]]]] = []
    token = _WATCHED.set(seen)
    try:
        yield seen
    finally:
        _WATCHED.reset(token)


def rate_rows(table: Table, edits: Sequence[Edit]) -> None:
    """Give each row of ``table`` its confidence (``edits``: the Edits logged for the
    table), and the table the mean of its rows'."""
    facts = table_facts(table)
    by_row: dict[int | None, list[Edit]] = defaultdict(list)
    for edit in edits:
        by_row[edit.row].append(edit)
    found = [
        _measured(RowEvidence(facts, row, index, by_row[index]))
        for index, row in enumerate(table.rows)
    ]
    for row, values in zip(table.rows, found, strict=True):
        row.confidence = round(combine(values), 2)
    seen = _WATCHED.get()
    if seen is not None:
        seen.append((table, found))
    if table.rows:
        table.confidence = round(sum(r.confidence or 0 for r in table.rows) / len(table.rows), 2)
