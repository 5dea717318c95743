"""The typed records of a table: one per body row, as ``Table.records`` holds them.

A Phụ lục I table (the task list) gives ``PhuLuc1Record``s, a Phụ lục II table (the budget
estimate) ``PhuLuc2Record``s, any other table ``TableRecord``s. They are frozen dataclasses
built by ``extract/appendix.py`` (and ``extract/cell_types.py`` for other tables); their
JSON schemas (``output/schemas/phu_luc_*.schema.json``) are generated from them by
``output/schema.py``.

One naming rule for fields: the Vietnamese name of the column, folded to ASCII snake case
(``co_quan_chu_tri`` is the column "Cơ quan chủ trì", ``kinh_phi`` "Kinh phí"); a field is
``None`` where its cell is empty. Amounts are exact (``int`` or ``Decimal``, never a float):
in JSON an integral amount is a number and any other a decimal string ("12.5"), which
``model.document_from_dict`` reads back as a ``Decimal``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Amount = int | Decimal


@dataclass(frozen=True)
class Budget:
    """A budget with its total only (the table does not split it by source)."""

    tong: Amount | None  # the total, in the table's unit


@dataclass(frozen=True)
class BudgetBySource:
    """A budget split by source: the state budget (NSNN) and the organisation's own funds."""

    tong: Amount | None  # the total, in the table's unit
    nsnn: Amount | None  # from the state budget ("Ngân sách nhà nước")
    to_chuc: Amount | None  # from the organisation ("Tổ chức, cá nhân", "Nguồn khác")


@dataclass(frozen=True)
class YearBySource:
    """One year's amount split by source (tables with "Năm 2026 / NSNN" columns)."""

    nsnn: Amount | None
    to_chuc: Amount | None


@dataclass(frozen=True)
class PhuLuc1Record:
    """Phụ lục I task (one row of the task list)"""

    section: str | None  # The section row above the task, e.g. 'I. Hoàn thiện …'
    stt: str | None
    noi_dung: str | None
    co_quan_chu_tri: str | None  # The lead agency ('Cơ quan chủ trì' or 'Đơn vị chủ trì')
    co_quan_phoi_hop: str | None  # The agencies that take part ('Cơ quan/Đơn vị phối hợp')
    thoi_gian: str | None  # As written: 'Hằng năm', '2026', 'Quý IV/2026'
    ghi_chu: str | None
    # Every column of the table that no field above takes, by its header name (e.g. 'Dự
    # kiến kết quả đạt được', 'Nguồn kinh phí'): no column is lost
    extra: dict[str, str | None] = field(default_factory=dict)
    # How sure the rebuild of old OCR text is of the row, 0..1 (schema 1.3); None for a
    # table read cell by cell (a ruled grid, a text layer)
    confidence: float | None = None


@dataclass(frozen=True)
class PhuLuc2Record:
    """Phụ lục II budget item (one row of the budget estimate)"""

    section: str | None
    nhom: str | None  # Group heading row above the item, e.g. '1 Hoạt động đào tạo …'
    stt: str | None
    noi_dung: str | None
    kinh_phi: Budget | BudgetBySource  # The budget, split by source where the table is
    theo_nam: dict[str, Amount | YearBySource | None]  # By year ('2026'): total or by source
    # The lead agency (header 'Cơ quan chủ trì' or 'Đơn vị chủ trì'); one name in Phụ lục I
    # and II (was 'don_vi_chu_tri' here before schema 1.1)
    co_quan_chu_tri: str | None
    # The agencies that take part ('Cơ quan/Đơn vị phối hợp'; was 'don_vi_phoi_hop' here
    # before schema 1.1)
    co_quan_phoi_hop: str | None
    ghi_chu: str | None
    tong_cong: bool  # The 'Tổng' row of the table
    # Every column of the table that no field above takes, by its header name (e.g. 'Dự
    # kiến kết quả đạt được', 'Nguồn kinh phí'): no column is lost
    extra: dict[str, str | None] = field(default_factory=dict)
    # How sure the rebuild of old OCR text is of the row, 0..1 (schema 1.3); None for a
    # table read cell by cell (a ruled grid, a text layer)
    confidence: float | None = None


@dataclass(frozen=True)
class TableRecord:
    """A row of a table of no known kind: every column, keyed by its header name"""

    section: str | None
    cells: dict[str, Any]  # Column name -> value as its column type reads it (column_types)
    # How sure the rebuild of old OCR text is of the row, 0..1 (schema 1.3); None for a
    # table read cell by cell
    confidence: float | None = None


Record = PhuLuc1Record | PhuLuc2Record | TableRecord
