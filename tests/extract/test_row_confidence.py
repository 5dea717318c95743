"""Each row of a table rebuilt from flattened old OCR text gets a confidence
(``extract/row_confidence``) from the rebuild's evidence: a row whose amounts add up is
surer than one whose amounts stay unplaced; the table's confidence is the mean of its
rows'; the JSON records carry it (TXT input through the pipeline)."""

from __future__ import annotations

from old_ocr_tables import AMOUNTS_BEYOND_THE_COLUMNS, document_of_text, row_index
from old_ocr_tables import BUDGET_RULED_ACROSS as RULED_ACROSS

from sohoa.model import document_to_dict
from sohoa.output.schema import validate_document


def test_a_row_whose_sums_hold_is_surer_than_one_with_amounts_unplaced(tmp_path):
    """Row 1 reads "300 100 100 100" (the total and its years add up); row 3 reads
    "200 100 100 15 20 12", "20 12" beyond the amount columns, kept aside."""
    table = document_of_text(tmp_path, AMOUNTS_BEYOND_THE_COLUMNS).tables[0]
    holds, unplaced = table.rows[row_index(table, "1")], table.rows[row_index(table, "3")]
    assert unplaced.unplaced == "20 12"
    assert holds.confidence is not None and unplaced.confidence is not None
    assert holds.confidence > unplaced.confidence
    assert holds.confidence >= 0.5 > unplaced.confidence


def test_the_table_confidence_is_the_mean_of_its_rows(tmp_path):
    doc = document_of_text(tmp_path, RULED_ACROSS)
    table = doc.tables[0]
    mean = sum(r.confidence or 0 for r in table.rows) / len(table.rows)
    assert all(r.confidence is not None for r in table.rows)
    assert table.confidence == round(mean, 2)


def test_each_record_of_a_rebuilt_table_carries_its_rows_confidence(tmp_path):
    doc = document_of_text(tmp_path, RULED_ACROSS)
    data = document_to_dict(doc)
    validate_document(data)  # schema 1.3 knows the field
    assert data["schema_version"] == "1.3"
    records = data["tables"][0]["records"]
    row = doc.tables[0].rows[row_index(doc.tables[0], "2")]
    assert next(r for r in records if r["stt"] == "2")["confidence"] == row.confidence
    assert all(0 <= r["confidence"] <= 1 for r in records)
