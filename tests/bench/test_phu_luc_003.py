"""bench/data/phu_luc_003.json, the truth of seed 003's appendices read by hand from its old
OCR, is well formed; bench/tables_text.py scores 003 against it."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from tables_text import TRUTHS, wrong_cells  # bench/ is on the path (conftest)

TRUTH = json.loads(TRUTHS["003"].read_text(encoding="utf-8"))
TASKS, BUDGET = TRUTH["tables"]
YEARS = slice(3, 8)  # Năm 2026 … Năm 2030; column 2 is Kinh phí


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _amount(cell: str) -> int:
    """ "1.200" -> 1200, "" -> 0 (a year nothing is spent in)."""
    return int(cell.replace(".", "")) if cell else 0


def _budget_rows() -> list[list[str]]:
    return [r["cells"] for r in BUDGET["rows"] if "cells" in r]


def test_every_text_is_nfc_and_the_tables_are_the_two_appendices() -> None:
    assert all(unicodedata.is_normalized("NFC", s) for s in _strings(TRUTH))
    assert [t["kind"] for t in TRUTH["tables"]] == ["phu_luc_1", "phu_luc_2"]
    assert "003" in TRUTH["source"] and "doubtful" in TRUTH["source"]


def test_every_row_has_a_cell_per_column_and_the_header_spans_the_columns() -> None:
    for table in TRUTH["tables"]:
        n = len(table["columns"])
        assert all(len(r["cells"]) == n for r in table["rows"] if "cells" in r)
        for header_row in table["header"]:
            assert sum(c.get("col_span", 1) for c in header_row) == n


def test_sections_are_roman_headings_and_task_numbers_go_on_in_order() -> None:
    sections = [r["section"] for r in BUDGET["rows"] if "section" in r]
    assert sections and all(re.match(r"^[IVX]+\. \S", s) for s in sections)
    assert not any("section" in r for r in TASKS["rows"])  # "2 | Công tác …": rows
    group = item = 0
    for row in TASKS["rows"]:
        number = row["cells"][0].rstrip(".")  # "7." is printed with its dot
        if "." not in number:
            assert int(number) == group + 1, number  # a group heading: the next group
            group, item = int(number), 0
            continue
        head, sub = map(int, number.split("."))
        assert (head, sub) == (group, item + 1), number
        item = sub


def test_each_budget_row_is_the_sum_of_its_years_and_the_total_of_the_rows() -> None:
    *rows, total = _budget_rows()
    assert total[0] == "Tổng"
    for cells in rows:
        assert _amount(cells[2]) == sum(_amount(c) for c in cells[YEARS]), cells[0]
    for k in range(2, 8):
        assert _amount(total[k]) == sum(_amount(cells[k]) for cells in rows), BUDGET["columns"][k]


def test_each_doubtful_reading_names_a_row_and_a_column_of_its_table() -> None:
    for table in TRUTH["tables"]:
        assert table["doubtful"]
        for doubt in table["doubtful"]:
            assert doubt["reading"] and doubt["ocr"]
            if doubt["row"] is None:
                continue  # the caption, header or attached_to
            assert 0 <= doubt["row"] < len(table["rows"])
            assert doubt["column"] in table["columns"]


def test_a_wrong_cell_is_shown_beside_its_truth_and_a_lost_row_as_not_found() -> None:
    khcn = "Sở Khoa học và Công nghệ"
    truth = {
        "columns": ["TT", "Nội dung", "Chủ trì", "Phối hợp"],
        "rows": [
            {"cells": ["1.1", "Tôn vinh, khen thưởng tập thể", khcn, "Sở Nội vụ"]},
            {"cells": ["1.2", "Tổ chức truyền thông", khcn, "Các sở, ban, ngành"]},
        ],
    }
    # Old OCR read 1.1's agencies one column to the left; 1.2 was not rebuilt.
    found = [["1.1", "Ton vinh, khen thuong tap the", "Sở Nội vụ", ""]]
    assert wrong_cells(truth, found) == [
        "1.1 Chủ trì: 'Sở Khoa học và Công nghệ' | 'Sở Nội vụ'",
        "1.1 Phối hợp: 'Sở Nội vụ' | ''",
        "1.2: row not found",
    ]
