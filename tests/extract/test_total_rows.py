"""A budget's total row keeps its label in the cell old OCR read it in."""

from __future__ import annotations

from sohoa.extract.total_rows import totals_where_read
from sohoa.model import TableRow

BODY = [
    "| 1 | To chuc hoi thao | 250 | 50 | 200 | So Y te | UBND cap xa |",
    "| | Tổng cộng | 250 | 50 | 200 | | |",
]


def _rows() -> list[TableRow]:
    return [
        TableRow(cells=["1", "To chuc hoi thao", "250", "50", "200", "So Y te", "UBND cap xa"]),
        TableRow(cells=["Tổng cộng", "", "250", "50", "200", "", ""]),
    ]


def test_a_total_read_after_an_empty_stt_cell_keeps_its_label_in_the_text_cell() -> None:
    rows = _rows()
    totals_where_read(rows, BODY)
    assert rows[1].cells == ["", "Tổng cộng", "250", "50", "200", "", ""]
    assert rows[0].cells is not None and rows[0].cells[0] == "1"


def test_a_total_read_in_the_stt_cell_stays_there() -> None:
    rows = _rows()
    rows[1].cells = ["Tổng", "", "250", "50", "200", "", ""]
    totals_where_read(rows, [BODY[0], "| Téng | 250 | 50 | 200 | | |"])
    assert rows[1].cells[:2] == ["Tổng", ""]
