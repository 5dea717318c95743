"""Phụ lục records: which table is which, header cells -> fields, rows -> typed records.

Header cells are matched to fields by fuzzy comparison of their folded names (no marks,
no spaces, so OCR's "NSN N" or a missing tone still matches), never by position alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from sohoa.extract.amounts import try_amount
from sohoa.extract.headers import HEADER_NAMES, similarity
from sohoa.extract.structure import fold
from sohoa.model import Table, TableRow
from sohoa.records import (
    Amount,
    Budget,
    BudgetBySource,
    PhuLuc1Record,
    PhuLuc2Record,
    YearBySource,
)

# field -> header names seen in provincial plans (folded before comparison): the text
# fields of Phụ lục I/II records, then the budget columns' names (extract/headers.py)
RECORD_TEXT_FIELDS = ("stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_gian", "ghi_chu")
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    field: HEADER_NAMES[field] for field in (*RECORD_TEXT_FIELDS, "ket_qua", "nguon")
}
BUDGET_NAMES = HEADER_NAMES["kinh_phi"]
TOTAL_NAMES = HEADER_NAMES["tong"] + BUDGET_NAMES
NSNN_NAMES = HEADER_NAMES["nsnn"]
TO_CHUC_NAMES = HEADER_NAMES["to_chuc"]
THRESHOLD = 82
_YEAR = re.compile(r"(?:nam)?(20\d\d)")


def _best(name: str, aliases: tuple[str, ...], prefix: bool = False) -> float:
    """Best similarity (0..100) of a header name to any alias; with ``prefix``, a header
    that starts with a whole alias ("Nội dung công việc …") also counts as a match."""
    folded = fold(name)
    if not folded:
        return 0.0
    scores = [similarity(name, alias) for alias in aliases]
    if prefix:
        scores += [95.0 for a in aliases if len(fold(a)) >= 6 and folded.startswith(fold(a))]
    return max(scores)


def _source(part: str) -> str | None:
    """'nsnn' / 'to_chuc' / 'tong' for the last level of a budget header."""
    scores = {
        "nsnn": _best(part, NSNN_NAMES),
        "to_chuc": _best(part, TO_CHUC_NAMES),
        "tong": _best(part, TOTAL_NAMES),
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= THRESHOLD else None


def map_columns(columns: list[str]) -> dict[int, tuple[str, ...]]:
    """Column index -> field key: ("stt",), ("kinh_phi", "nsnn"), ("nam", "2026", "nsnn")…"""
    mapping: dict[int, tuple[str, ...]] = {}
    for index, column in enumerate(columns):
        parts = [p for p in (s.strip() for s in column.split(" / ")) if p]
        if not parts:
            continue
        # "Năm 2026 / NSNN", or under a group heading: "Chia theo năm / Năm 2026"
        at = next((k for k, part in enumerate(parts) if _YEAR.fullmatch(fold(part))), None)
        if at is not None:
            year = _YEAR.fullmatch(fold(parts[at]))
            assert year is not None
            source = _source(parts[-1]) if len(parts) > at + 1 else "tong"
            mapping[index] = ("nam", year.group(1), source or "tong")
            continue
        if _best(parts[0], BUDGET_NAMES) >= THRESHOLD or (
            len(parts) == 1 and _best(parts[0], TOTAL_NAMES) >= THRESHOLD
        ):
            source = _source(parts[-1]) if len(parts) > 1 else "tong"
            mapping[index] = ("kinh_phi", source or "tong")
            continue
        scores = {f: _best(parts[-1], names, prefix=True) for f, names in TEXT_FIELDS.items()}
        best = max(scores, key=lambda k: scores[k])
        if scores[best] >= THRESHOLD and (best,) not in mapping.values():
            mapping[index] = (best,)
    return mapping


def classify(table: Table) -> str:
    """``phu_luc_2`` for a budget table, ``phu_luc_1`` for a task list, else ``table``."""
    fields = set(map_columns(table.columns).values())
    has_years = any(f[0] == "nam" for f in fields)
    has_budget = any(f[0] == "kinh_phi" for f in fields)
    if ("noi_dung",) in fields and (has_years or (has_budget and ("chu_tri",) in fields)):
        return "phu_luc_2"
    if ("noi_dung",) in fields and ("chu_tri",) in fields and ("thoi_gian",) in fields:
        return "phu_luc_1"
    return "table"


def is_total_row(cells: list[str]) -> bool:
    head = " ".join(c for c in cells[:2] if c)
    return bool(head) and _best(head, ("Tổng", "Tổng cộng", "Cộng")) >= 90


def _text(
    cells: list[str], mapping: dict[int, tuple[str, ...]], key: tuple[str, ...]
) -> str | None:
    for index, field in mapping.items():
        if field == key and index < len(cells):
            return cells[index] or None
    return None


def _subheading(cells: list[str], mapping: dict[int, tuple[str, ...]]) -> bool:
    """'1 | Hoạt động đào tạo…' with every other column empty: a group, not an item."""
    filled = {i for i, text in enumerate(cells) if text}
    stt_cols = {i for i, f in mapping.items() if f == ("stt",)}
    content_cols = {i for i, f in mapping.items() if f == ("noi_dung",)}
    return bool(filled) and filled <= (stt_cols | content_cols) and bool(filled & content_cols)


def extra_columns(columns: list[str], used: set[int]) -> dict[int, str]:
    """Columns no record field takes, by index -> a unique name: kept in ``extra``."""
    names: dict[int, str] = {}
    for index, column in enumerate(columns):
        if index in used:
            continue
        name = column or f"Cột {index + 1}"
        if name in names.values():
            name = f"{name} ({index + 1})"
        names[index] = name
    return names


def _extra(cells: list[str], names: dict[int, str]) -> dict[str, str | None]:
    return {name: (cells[i] or None) if i < len(cells) else None for i, name in names.items()}


PHU_LUC_1_FIELDS = {
    ("stt",),
    ("noi_dung",),
    ("chu_tri",),
    ("phoi_hop",),
    ("thoi_gian",),
    ("ghi_chu",),
}


def body_rows(table: Table) -> Iterator[tuple[str | None, TableRow]]:
    """Each body row with the section heading above it (``None`` before the first): the
    one walk over a table's rows that every kind of record makes."""
    section = None
    for row in table.rows:
        if row.section is not None:
            section = row.section
            continue
        yield section, row


UNPLACED = "Chưa xếp vào ô"  # the key in ``extra`` of what a row read that no cell takes


def _extra_of(row: TableRow, names: dict[int, str]) -> dict[str, str | None]:
    """The row's cells of the columns no field takes (``extra_columns``), and what was read
    in the row that no cell takes (``TableRow.unplaced``), when there is some."""
    kept = {UNPLACED: row.unplaced} if row.unplaced else {}
    return _extra(row.cells or [], names) | kept


def records_phu_luc_1(table: Table) -> list[PhuLuc1Record]:
    mapping = map_columns(table.columns)
    used = {i for i, f in mapping.items() if f in PHU_LUC_1_FIELDS}
    extra = extra_columns(table.columns, used)
    return [
        PhuLuc1Record(
            section=section,
            stt=_text(cells, mapping, ("stt",)),
            noi_dung=_text(cells, mapping, ("noi_dung",)),
            co_quan_chu_tri=_text(cells, mapping, ("chu_tri",)),
            co_quan_phoi_hop=_text(cells, mapping, ("phoi_hop",)),
            thoi_gian=_text(cells, mapping, ("thoi_gian",)),
            ghi_chu=_text(cells, mapping, ("ghi_chu",)),
            extra=_extra_of(row, extra),
            confidence=row.confidence,
        )
        for section, row in body_rows(table)
        for cells in [row.cells or []]
    ]


def _amount(cells: list[str], index: int | None) -> Amount | None:
    if index is None or index >= len(cells):
        return None
    return try_amount(cells[index])


def budget_columns(mapping: dict[int, tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    return {field: index for index, field in mapping.items() if field[0] in ("kinh_phi", "nam")}


@dataclass(frozen=True)
class BudgetColumns:
    """Where a Phụ lục II table keeps its amounts: column index by field key."""

    amounts: dict[tuple[str, ...], int]
    years: list[str]  # "2026", … in order
    split: bool  # the years are split by source (NSNN / tổ chức)

    @classmethod
    def of(cls, mapping: dict[int, tuple[str, ...]]) -> BudgetColumns:
        amounts = budget_columns(mapping)
        years = sorted({f[1] for f in amounts if f[0] == "nam"})
        split = any(f[0] == "nam" and f[2] != "tong" for f in amounts)
        return cls(amounts, years, split)

    def read(self) -> set[tuple[str, ...]]:
        """The amount fields a record takes."""
        read = {("kinh_phi", "tong"), ("kinh_phi", "nsnn"), ("kinh_phi", "to_chuc")}
        sources = ("nsnn", "to_chuc") if self.split else ("tong",)
        return read | {("nam", y, s) for y in self.years for s in sources}

    def budget(self, cells: list[str]) -> Budget | BudgetBySource:
        total = _amount(cells, self.amounts.get(("kinh_phi", "tong")))
        if ("kinh_phi", "nsnn") not in self.amounts and ("kinh_phi", "to_chuc") not in self.amounts:
            return Budget(tong=total)
        return BudgetBySource(
            tong=total,
            nsnn=_amount(cells, self.amounts.get(("kinh_phi", "nsnn"))),
            to_chuc=_amount(cells, self.amounts.get(("kinh_phi", "to_chuc"))),
        )

    def by_year(self, cells: list[str]) -> dict[str, Amount | YearBySource | None]:
        if not self.split:
            return {y: _amount(cells, self.amounts.get(("nam", y, "tong"))) for y in self.years}
        return {
            year: YearBySource(
                nsnn=_amount(cells, self.amounts.get(("nam", year, "nsnn"))),
                to_chuc=_amount(cells, self.amounts.get(("nam", year, "to_chuc"))),
            )
            for year in self.years
        }


PHU_LUC_2_TEXT_FIELDS = {("stt",), ("noi_dung",), ("chu_tri",), ("phoi_hop",), ("ghi_chu",)}


def records_phu_luc_2(table: Table) -> list[PhuLuc2Record]:
    mapping = map_columns(table.columns)
    columns = BudgetColumns.of(mapping)
    used = {i for f, i in columns.amounts.items() if f in columns.read()}
    used |= {i for i, f in mapping.items() if f in PHU_LUC_2_TEXT_FIELDS}
    extra = extra_columns(table.columns, used)
    records: list[PhuLuc2Record] = []
    group: str | None = None
    group_section: str | None = None
    for section, row in body_rows(table):
        cells = row.cells or []
        if section != group_section:
            group, group_section = None, section  # a group ends with its section
        if _subheading(cells, mapping):
            group = " ".join(c for c in cells if c)
            continue
        total = is_total_row(cells)
        records.append(
            PhuLuc2Record(
                section=section,
                nhom=group,
                stt=None if total else _text(cells, mapping, ("stt",)),
                noi_dung=_text(cells, mapping, ("noi_dung",)),
                kinh_phi=columns.budget(cells),
                theo_nam=columns.by_year(cells),
                co_quan_chu_tri=_text(cells, mapping, ("chu_tri",)),
                co_quan_phoi_hop=_text(cells, mapping, ("phoi_hop",)),
                ghi_chu=_text(cells, mapping, ("ghi_chu",)),
                tong_cong=total,
                extra=_extra_of(row, extra),
                confidence=row.confidence,
            )
        )
    return records


def records_for(table: Table) -> list[PhuLuc1Record] | list[PhuLuc2Record]:
    if table.kind == "phu_luc_1":
        return records_phu_luc_1(table)
    if table.kind == "phu_luc_2":
        return records_phu_luc_2(table)
    return []


# --- captions around a table ------------------------------------------------------------

CAPTION = regex.compile(r"^\s*ph[uụ]\s*l[uụ]c\s*([IVX]+|\d+)?\s*\)?\s*$", regex.IGNORECASE)
ATTACHED = regex.compile(r"^\s*\(\s*k[eè]m\s+theo\b.*", regex.IGNORECASE)
UNIT = regex.compile(r"đơn\s*vị(?:\s*tính)?\s*:\s*(.+)$", regex.IGNORECASE)


def read_caption_lines(lines: list[str]) -> dict[str, str | None]:
    """Caption, title, "(Kèm theo …)" and unit from the few lines above a table."""
    found: dict[str, str | None] = {
        "caption": None,
        "title": None,
        "attached_to": None,
        "unit": None,
    }
    for line in lines:
        text = " ".join(line.split())
        if not text:
            continue
        match = CAPTION.match(text)
        if match and found["caption"] is None:
            found["caption"] = f"Phụ lục {match.group(1)}".strip() if match.group(1) else "Phụ lục"
            continue
        if ATTACHED.match(text) and found["attached_to"] is None:
            found["attached_to"] = text
            continue
        unit = UNIT.search(text)
        if unit and found["unit"] is None:
            found["unit"] = unit.group(1).strip()
            continue
        letters = [ch for ch in text if ch.isalpha()]
        if (
            found["caption"]
            and found["title"] is None
            and len(letters) > 10
            and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
        ):
            found["title"] = text
    return found
