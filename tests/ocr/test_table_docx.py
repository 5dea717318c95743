"""A DOCX table with merged cells (gridSpan, vMerge) round-trips through python-docx."""

from __future__ import annotations

import docx

from sohoa.extract.structure import build_structure
from sohoa.extract.tables import finish_table
from sohoa.ocr.table_docx import find_tables_in_docx
from sohoa.records import YearBySource


def make_docx(path):
    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    header = [["STT", "Nội dung", "Năm 2026", "", "Ghi chú"], ["", "", "NSNN", "Tổ chức", ""]]
    body = [
        ["1", "Đào tạo nghiệp vụ", "180", "0", ""],
        ["2", "Khảo sát", "1.200", "-", "Hằng năm"],
        ["Tổng", "", "1.380", "0", ""],
    ]
    for r, row in enumerate(header + body):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3))  # "Năm 2026" over NSNN / Tổ chức
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))  # vertical merges
    table.cell(4, 0).merge(table.cell(4, 1))
    for c in (0, 1, 4):  # merge() keeps both texts; a real document has only the top one
        table.cell(0, c).paragraphs[-1]._p.getparent().remove(table.cell(0, c).paragraphs[-1]._p)
    document.save(path)
    return path


def test_merged_cells_round_trip(tmp_path):
    path = make_docx(tmp_path / "bang.docx")
    tables = find_tables_in_docx(docx.Document(str(path)))
    assert len(tables) == 1
    table = tables[0]
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells}
    assert spans[(0, 0)] == (2, 1, "STT")
    assert spans[(0, 2)] == (1, 2, "Năm 2026")
    assert spans[(0, 4)] == (2, 1, "Ghi chú")
    assert spans[(1, 2)] == (1, 1, "NSNN")
    assert spans[(4, 0)][1] == 2
    assert (1, 0) not in spans  # covered by the vertical merge
    build_structure(table)
    assert table.columns == ["STT", "Nội dung", "Năm 2026 / NSNN", "Năm 2026 / Tổ chức", "Ghi chú"]
    assert [r.cells for r in table.rows][1] == ["2", "Khảo sát", "1.200", "-", "Hằng năm"]
    finish_table(table)
    assert table.kind == "phu_luc_2"  # content + per-year amounts: a budget table
    assert table.records[1].theo_nam["2026"] == YearBySource(nsnn=1200, to_chuc=None)
    assert table.validation.ok and table.validation.checked == 2


def test_a_line_break_inside_a_cell_becomes_a_space(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "STT"
    run = table.cell(0, 1).paragraphs[0].add_run("Kiểu")
    run.add_break()
    run.add_text("dữ liệu")
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Số"
    document.save(tmp_path / "bang.docx")
    found = find_tables_in_docx(docx.Document(str(tmp_path / "bang.docx")))
    assert [c.text for c in found[0].cells if c.row == 0] == ["STT", "Kiểu dữ liệu"]
