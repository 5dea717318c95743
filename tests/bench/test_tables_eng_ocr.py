"""bench/tables_eng_ocr.py: truth tables paired with the tables rebuilt, in document order."""

from __future__ import annotations

from pathlib import Path
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


def test_readings_of_a_set_with_another_number_of_tables_are_cached_apart(
    tmp_path: Path,
) -> None:
    from tables_eng_ocr import cache_key, old_ocr_text

    one = {"tables": [_truth("phu_luc_1", TASKS)]}
    two = {"tables": [_truth("phu_luc_1", TASKS), _truth("phu_luc_2", BUDGET)]}
    # a reading cached by the older naming (set and mode only) is taken over, and kept there
    (tmp_path / "eng-ocr-long-lstm3.txt").write_text("read of two", encoding="utf-8")
    (tmp_path / "eng-ocr-long-lstm3.key").write_text(cache_key(two, "lstm3"))
    taken = old_ocr_text("long", two, "lstm3", tmp_path)
    assert taken.name == "eng-ocr-long-2-lstm3.txt"
    assert taken.read_text(encoding="utf-8") == "read of two"
    assert (tmp_path / "eng-ocr-long-lstm3.txt").exists()
    # another --long has files of its own: neither run overwrites the other's
    (tmp_path / "eng-ocr-long-1-lstm3.txt").write_text("read of one", encoding="utf-8")
    (tmp_path / "eng-ocr-long-1-lstm3.key").write_text(cache_key(one, "lstm3"))
    assert old_ocr_text("long", one, "lstm3", tmp_path).read_text(encoding="utf-8") == "read of one"
    assert old_ocr_text("long", two, "lstm3", tmp_path).read_text(encoding="utf-8") == "read of two"
