"""What old OCR read in a budget row that no cell takes (``extract/budget_unplaced``):
amounts beyond the amount columns, a second run, a row number garbled past reading, kept
with the row (``TableRow.unplaced``) and in its record's ``extra``, noted, never dropped;
the cells, the sums and the text stay as they were (TXT input through the pipeline)."""

from __future__ import annotations

from old_ocr_tables import AMOUNTS_BEYOND_THE_COLUMNS, document_of_text, row_index
from old_ocr_tables import BUDGET_RULED_ACROSS as RULED_ACROSS

from sohoa.extract.appendix import UNPLACED as UNPLACED_KEY
from sohoa.extract.rebuild_edits import UNPLACED
from sohoa.model import document_to_dict


def test_amounts_beyond_the_amount_columns_are_kept_with_the_row(tmp_path):
    """ "200 100 100 15 20 12" under four amount columns: the first four fill them as read
    before, "20 12" are kept aside (in the JSON record's extra), one edit notes them."""
    doc = document_of_text(tmp_path, AMOUNTS_BEYOND_THE_COLUMNS)
    k = row_index(doc.tables[0], "3")
    row = doc.tables[0].rows[k]
    assert row.cells[2:6] == ["200", "100", "100", "15"]
    assert row.unplaced == "20 12"
    records = document_to_dict(doc)["tables"][0]["records"]
    assert next(r for r in records if r["stt"] == "3")["extra"] == {UNPLACED_KEY: "20 12"}
    kept = [e for e in doc.edits if e.reason == UNPLACED]
    assert [(e.original, e.result, e.table, e.row) for e in kept] == [("20 12", "", 0, k)]


def test_a_second_run_of_amounts_in_a_row_is_kept_with_the_row(tmp_path):
    """Row 1's lines hold two runs: "300 100 100 100" (its amounts, adding up) and "55 66
    77" on its last line, which adds up nowhere: the cells take the first, the second is
    kept aside, not lost."""
    doc = document_of_text(
        tmp_path, RULED_ACROSS.replace("tai co so. cap xa", "tai co so 55 66 77 cap xa")
    )
    row = doc.tables[0].rows[row_index(doc.tables[0], "1")]
    assert row.cells[2:6] == ["300", "100", "100", "100"]
    assert row.unplaced == "55 66 77"


def test_a_row_whose_amounts_fit_keeps_nothing_aside(tmp_path):
    doc = document_of_text(tmp_path, RULED_ACROSS)
    assert all(r.unplaced is None for r in doc.tables[0].rows)
    assert all(r.extra == {} for r in doc.tables[0].records)
    assert not [e for e in doc.edits if e.reason == UNPLACED]


def test_a_row_number_garbled_past_reading_is_kept_with_the_row(tmp_path):
    """ "q_| chuyen doi so …": row 1's number read as a letter on the ruling under it is
    lost from the STT cell (numbering sets it from the sequence, as before), and kept
    aside as read."""
    doc = document_of_text(tmp_path, RULED_ACROSS.replace("1 | chuyen doi so", "q_| chuyen doi so"))
    k = row_index(doc.tables[0], "1")
    assert doc.tables[0].rows[k].unplaced == "q_"
    assert doc.tables[0].records[k - 1].extra == {UNPLACED_KEY: "q_"}  # section I before it
    assert [(e.original, e.row) for e in doc.edits if e.reason == UNPLACED] == [("q_", k)]
