"""Typed Phụ lục records: built by the extractor, written to JSON and read back equal, with
exact amounts (a decimal amount comes back as a ``Decimal``, not a string)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sohoa.model import document_from_dict, document_to_json
from sohoa.pipeline import convert_document
from sohoa.records import Budget, PhuLuc1Record, PhuLuc2Record
from sohoa.settings import Settings

BUDGET_TABLE = [
    "PHỤ LỤC II",
    "TT\tNội dung\tĐơn vị chủ trì\tKinh phí (triệu đồng)",
    "1\tĐào tạo cán bộ\tSở Khoa học và Công nghệ\t12,5",
    "2\tKhảo sát doanh nghiệp\tSở Tài chính\t1.200",
    "Tổng\t\t\t1.212,5",
]


def round_trip(path: Path) -> tuple[object, object]:
    doc = convert_document(path, Settings(restore=False))
    return doc, document_from_dict(json.loads(document_to_json(doc)))


def test_a_converted_seed_reads_back_equal_with_typed_records(seeds_dir: Path) -> None:
    doc, read = round_trip(seeds_dir / "002_16be85fa44299f16.txt")
    kinds = {type(r) for t in doc.tables for r in t.records}
    assert kinds == {PhuLuc1Record, PhuLuc2Record}
    assert read == doc
    assert [t.records for t in read.tables] == [t.records for t in doc.tables]


def test_decimal_amounts_come_back_exact(tmp_path: Path) -> None:
    path = tmp_path / "budget.txt"
    path.write_text("\n".join(BUDGET_TABLE) + "\n", encoding="utf-8")
    doc, read = round_trip(path)
    [table] = read.tables
    assert table.kind == "phu_luc_2"
    assert [r.kinh_phi for r in table.records] == [
        Budget(tong=Decimal("12.5")),
        Budget(tong=1200),
        Budget(tong=Decimal("1212.5")),
    ]
    assert isinstance(table.records[0].kinh_phi.tong, Decimal)
    assert table.records == doc.tables[0].records
