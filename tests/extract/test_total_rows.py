"""A budget's total row told by its line, and keeping its label in the cell old OCR read it in."""

from __future__ import annotations

from sohoa.extract.total_rows import total_row_amounts, totals_where_read
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


def test_a_total_row_with_amounts_whose_dots_were_misread_is_the_total_row():
    """ "4-940", "7.-410", ".000": a total row's amounts read with a dash for a dot or a
    digit lost are misread amounts (digits and marks, no letter), kept as read; the row is
    still the total row, its three empty agency cells after it no text."""
    line = "| Téng |27.850 |22.910 | 4-940 |4570 |.000 |4-440 [2.770 | 4380 |520 |5.130 | | | |"
    assert total_row_amounts(line) == "27.850 22.910 4-940 4570 .000 4-440 2.770 4380 520 5.130"
    line = "| T6ng |38.490 |33.280 |5.210 |6.840 |270 |7.-410 |690 |6.840 | s10 |5.570 | | |"
    assert total_row_amounts(line) == "38.490 33.280 5.210 6.840 270 7.-410 690 6.840 s10 5.570"
    # words of a text are no misread amounts: a line of text opening with "Tổng" is no row
    assert total_row_amounts("Tổng hợp 1.200 báo cáo của các Sở, ban, ngành") is None
