"""Amounts of a budget row that the sums place in other cells than they were read in are
logged (``extract/placement_edits``): each cell filled otherwise an Edit of the document,
naming its table and row and the placement's reason, through the real rebuild of a TXT
input read across its columns by old OCR (blank cells not read at all)."""

from __future__ import annotations

import json
from pathlib import Path

from old_ocr_tables import BLANKS_UNREAD, BUDGET_RULED_ACROSS

from sohoa.extract.placement_edits import BY_COLUMN_TOTALS, BY_OWN_SUMS
from sohoa.model import Document, Edit, document_to_json
from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def _placed(tmp_path: Path, text: str) -> tuple[Document, list[Edit]]:
    path = tmp_path / "old-ocr.txt"
    path.write_text(text, encoding="utf-8")
    doc = convert_document(path, Settings(restore=False))
    return doc, [e for e in doc.edits if e.reason in (BY_COLUMN_TOTALS, BY_OWN_SUMS)]


def test_a_year_left_blank_placed_by_the_column_totals_is_an_edit_of_its_row(tmp_path):
    """Row 3 "200 100 100" under Kinh phí and three years: read from the left, 2028 is
    blank; the columns' sums to the total row put its second 100 in 2028 (2027 blank).
    The cell filled otherwise is logged with its table and row; row 2's "600 300 300",
    placed as read from the left, is no edit."""
    doc, edits = _placed(tmp_path, BUDGET_RULED_ACROSS)
    [edit] = edits
    assert (edit.original, edit.result, edit.reason, edit.table) == ("", "100", BY_COLUMN_TOTALS, 0)
    row = doc.tables[0].rows[edit.row or 0].cells or []
    assert row[:6] == ["3", "To chuc hoi thao ve cai cach hanh chinh.", "200", "100", "", "100"]
    written = json.loads(document_to_json(doc))["edits"]  # the JSON output holds it
    assert {
        "original": "",
        "result": "100",
        "reason": BY_COLUMN_TOTALS,
        "row": edit.row,
    }.items() <= next(e for e in written if e["reason"] == BY_COLUMN_TOTALS).items()


def test_amounts_placed_by_the_rows_own_sums_are_edits_of_its_row(tmp_path):
    """Row 1 "300 100 200": only NSNN 300 = 100 + 200 in the NSNN years holds by its own
    sums, placed there first. Read from the left, 100 and 200 filled the Kinh phí's other
    source and the first year's NSNN: each cell filled otherwise is an edit of row 1, the
    value read there before and the value placed."""
    doc, edits = _placed(tmp_path, BLANKS_UNREAD)
    assert [(e.original, e.result, e.reason) for e in edits] == [
        ("200", "100", BY_OWN_SUMS),
        ("", "200", BY_OWN_SUMS),
    ]
    assert {e.row for e in edits} == {1} and {e.table for e in edits} == {0}
    assert (doc.tables[0].rows[1].cells or [])[:8] == [
        "1",
        "Xay dung mo hinh diem ve chuyen doi so cho doanh nghiep.",
        "300",
        "",
        "100",
        "",
        "200",
        "",
    ]
