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


def test_paragraphs_in_a_frame_are_not_a_table_but_a_real_table_is():
    from sohoa.extract.tables import holds_as_table

    prose = Table(
        columns=["Ngày 1 tháng 4 năm 2026, Chủ tịch UBND tỉnh chủ trì buổi làm việc.", ""],
        rows=[
            TableRow(cells=[f"Đoạn văn thứ {k} của thông báo, một câu dài.", ""]) for k in range(18)
        ],
        source="text-layer",
    )
    assert not holds_as_table(prose)
    table = Table(
        columns=["STT", "Nội dung", "Ghi chú"],
        rows=[TableRow(cells=[str(k), f"Việc {k}", ""]) for k in range(1, 5)],
        source="text-layer",
    )
    assert holds_as_table(table)
    header_block = Table(
        columns=["ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        rows=[TableRow(cells=["Số: 12/TB-UBND", "Bắc Ninh, ngày 3 tháng 4 năm 2026"])],
        source="docx",
    )
    assert not holds_as_table(header_block)


def test_numbers_in_cells_are_not_the_restorers():
    table = Table(
        columns=["STT", "Nội dung", "Kinh phí"],
        rows=[
            TableRow(cells=["1", "Hoạt động khảo sat, thống kê.", "1.740"]),
            TableRow(cells=["2", "Hằng nắm", "20"]),
            TableRow(cells=["3", "Tập huấn", "-"]),
        ],
        source="grid",
    )
    restore_cells(table, load_model(), table_index=0)
    assert [r.cells[0] for r in table.rows] == ["1", "2", "3"]
    assert [r.cells[2] for r in table.rows] == ["1.740", "20", "-"]
    assert table.rows[0].cells[1] == "Hoạt động khảo sát, thống kê."
