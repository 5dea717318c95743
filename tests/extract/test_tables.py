"""Stage 3 on OCR'd tables: cell text goes through the restorer, every change logged."""

from __future__ import annotations

from sohoa.extract.tables import restore_cells
from sohoa.model import Table, TableRow
from sohoa.normalize.restore import load_model


def test_cells_are_restored_with_edits_tagged_by_table():
    table = Table(
        columns=["STT", "Nội dung", "Thời gian", "Kinh phí"],
        rows=[TableRow(cells=["1", "Hoạt động khảo sat, thống kê.", "Hằng nắm", "1.740"])],
        source="grid",
    )
    edits = restore_cells(table, load_model(), table_index=2)
    assert table.rows[0].cells == ["1", "Hoạt động khảo sát, thống kê.", "Hằng năm", "1.740"]
    assert {(e.original, e.result) for e in edits} >= {("nắm", "năm")}
    assert all(e.table == 2 for e in edits)
