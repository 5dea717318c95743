"""bench/tables_eng_ocr.py: truth tables paired with the tables rebuilt, in document order."""

from __future__ import annotations

from typing import Any

from tables_eng_ocr import match_in_order  # bench/ is on the path (conftest)

from sohoa.model import Table, TableRow


def _truth(kind: str, rows: list[list[str]]) -> dict[str, Any]:
    return {"kind": kind, "columns": ["STT", "Nội dung"], "rows": [{"cells": r} for r in rows]}


def _rebuilt(kind: str, rows: list[list[str]]) -> Table:
    return Table(kind=kind, rows=[TableRow(cells=r) for r in rows])  # type: ignore[arg-type]


TASKS = [["1", "Rà soát văn bản"], ["2", "Tổ chức tập huấn"]]
BUDGET = [["1", "Hội thảo khoa học"], ["2", "Phóng sự tuyên truyền"], ["3", "Khảo sát"]]


def test_tables_are_paired_in_order_and_by_kind() -> None:
    truths = [_truth("phu_luc_1", TASKS), _truth("phu_luc_2", BUDGET)]
    in_order = [_rebuilt("phu_luc_1", TASKS), _rebuilt("phu_luc_2", BUDGET)]
    assert match_in_order(truths, in_order) == {0: 0, 1: 1}
    # Read in the other order, only one pairing keeps the document's order: the one with
    # more cells right (the budget's); a best-first pairing per table would take both.
    swapped = in_order[::-1]
    assert match_in_order(truths, swapped) == {1: 0}
    # A table of another kind is no match, however alike its cells.
    assert match_in_order(truths[:1], [_rebuilt("phu_luc_2", TASKS)]) == {}
