"""Header cells: OCR misreadings of appendix header names are mapped and repaired, logged."""

from __future__ import annotations

import pytest

from sohoa.extract.appendix import map_columns
from sohoa.extract.headers import repair_headers, repaired_name
from sohoa.model import Cell, Table


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("SII", "STT"),
        ("SLT", "STT"),
        ("SITI", "STT"),
        ("Nôi dụng", "Nội dung"),
        ("Thởi gian thưc hiên", "Thời gian thực hiện"),
        ("GHI CHỦ", "GHI CHÚ"),
        ("Kinh phi (triệu đồng)", "Kinh phí (triệu đồng)"),
    ],
)
def test_misread_header_names_are_repaired_to_the_vocabulary(read, name):
    assert repaired_name(read)[0] == name


@pytest.mark.parametrize(
    "text", ["STT", "TT", "Stt", "Nội dung", "Cơ quan, đơn vị chủ trì", "Năm 2026", "Tổng số"]
)
def test_right_names_and_other_wordings_are_left_alone(text):
    assert repaired_name(text) is None


def test_tt_is_not_taken_for_stt_nor_a_lone_letter_for_tt():
    assert repaired_name("T") is None
    assert map_columns(["TT", "Nội dung"])[0] == ("stt",)


def test_a_misread_stt_header_maps_its_column_and_the_repair_is_an_edit():
    table = Table(
        columns=["SII", "Nôi dụng", "Cơ quan chủ trì", "Thời gian"],
        cells=[Cell(text="SII", row=0, col=0), Cell(text="Nôi dụng", row=0, col=1)],
        pages=[3],
        source="grid",
    )
    edits = repair_headers(table, table_index=1)
    assert table.columns[:2] == ["STT", "Nội dung"]
    assert [c.text for c in table.cells] == ["STT", "Nội dung"]
    assert {(e.original, e.result) for e in edits} == {("SII", "STT"), ("Nôi dụng", "Nội dung")}
    assert all(e.reason == "table-header" and e.table == 1 and e.page == 3 for e in edits)
    assert all(0 < e.confidence < 1 for e in edits)
    assert map_columns(table.columns)[0] == ("stt",)


def test_an_unreadable_short_header_over_row_numbers_is_the_stt():
    from sohoa.model import TableRow

    table = Table(
        columns=["ĐỊT", "Nhiệm vụ", "Đơn vị chủ trì"],
        rows=[
            TableRow(section="I. Hạ tầng"),
            *(TableRow(cells=[str(k), f"Việc {k}", "Sở Tài chính"]) for k in range(1, 5)),
        ],
        source="grid",
    )
    edits = repair_headers(table, 0)
    assert table.columns[0] == "STT"
    assert [(e.original, e.result, e.confidence) for e in edits] == [("ĐỊT", "STT", 0.7)]
    kept = Table(columns=["Mã", "Tên"], rows=[TableRow(cells=[str(k), "x"]) for k in range(5)])
    assert repair_headers(kept) == [] and kept.columns[0] == "Mã"


def test_a_short_header_garbled_into_a_digit_and_small_letters_over_row_numbers_is_the_stt():
    """A photographed table's "STT" read "5i": a header name holds no digit, so its small
    letters are no sign of a real name (as "Mã" is)."""
    from sohoa.model import TableRow

    rows = [TableRow(cells=[str(k), f"Việc {k}", "1.200"]) for k in range(1, 5)]
    table = Table(columns=["5i", "Nội dung", "Tổng kinh phí"], rows=rows, source="grid")
    from sohoa.extract.appendix import map_columns

    assert map_columns(table.columns).get(0) != ("stt",)
    repair_headers(table, 0)
    assert map_columns(table.columns)[0] == ("stt",)  # named TT: two letters were read
