"""Stage 3 on OCR'd tables: cell text goes through the restorer, every change logged."""

from __future__ import annotations

from old_ocr_tables import OLD_OCR_TASKS

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


# --- flattened appendices of old OCR text: rebuilt from the words as read ------------------


def test_pages_as_read_put_back_each_restored_words_original():
    from sohoa.extract.tables import pages_as_read
    from sohoa.model import Document, Edit, Line, Page, Word

    page = Page(number=1, width=0, height=0, origin="txt")
    page.words = [Word("Tập", origin="txt"), Word("huấn", origin="txt"), Word("Sở", origin="txt")]
    page.lines = [Line(words=[0, 1, 2])]
    doc = Document(source="x.txt", input_kind="txt", pages=[page])
    doc.edits = [
        Edit("Tap", "Tập", 0.9, page=1, word=0),
        Edit("huan", "huấn", 0.9, page=1, word=1),
        Edit("So", "Sở", 1.0, page=1, word=2, reason="reviewer"),  # not the restorer's
    ]
    (read,) = pages_as_read(doc)
    assert [w.text for w in read.words] == ["Tap", "huan", "Sở"]
    assert [w.text for w in page.words] == ["Tập", "huấn", "Sở"]  # the document's own stay


def test_a_flattened_table_is_taken_as_read_only_where_its_rows_hold_as_well():
    from sohoa.extract.tables import rebuilt_as_read

    def flattened(confidence):
        return Table(columns=["TT", "Nội dung"], source="flattened", confidence=confidence)

    restored = [flattened(0.5), flattened(0.5), Table(columns=["TT", "Nội dung"], source="tsv")]
    read = [flattened(0.5), flattened(0.4), Table(columns=["TT", "Nội dung"], source="tsv")]
    assert rebuilt_as_read(restored, read) == {0}
    assert rebuilt_as_read(restored, read[:2]) == set()  # not the same tables: none


def test_text_cells_restored_a_column_at_a_time_each_edit_with_its_row():
    from sohoa.extract.tables import restore_columns

    table = Table(
        columns=["STT", "Nội dung", "Cơ quan chủ trì", "Kinh phí"],
        rows=[
            TableRow(section="I. Cong tac dao tao"),
            TableRow(cells=["1", "Tap huan can bo quan ly.", "So Tai chinh", "1.740"]),
            TableRow(cells=["2", "Kiem tra chat luong hang hoa.", "So Y te", "20"]),
        ],
        source="flattened",
    )
    context = "Ke hoach trien khai cong tac dao tao can bo nam 2026"
    before = [table.rows[0].section or "", *(" ".join(r.cells or []) for r in table.rows[1:])]
    edits = restore_columns({1: table}, load_model(), context=context)
    assert table.rows[0].section == "I. Công tác đào tạo"
    assert table.rows[1].cells == ["1", "Tập huấn cán bộ quản lý.", "Sở Tài chính", "1.740"]
    assert table.rows[2].cells[::3] == ["2", "20"]  # numbers are never the restorer's
    # the context's words are evidence only: every edit is a cell's, with its table and row
    assert {(e.original, e.result, e.row) for e in edits} >= {("Tap", "Tập", 1), ("te", "tế", 2)}
    assert all(e.table == 1 and e.line is None for e in edits)
    after = [table.rows[0].section or "", *(" ".join(r.cells or []) for r in table.rows[1:])]
    words = sum(
        a != b
        for was, now in zip(before, after, strict=True)
        for a, b in zip(was.split(), now.split(), strict=True)
    )
    assert len(edits) == words  # none of the context's words


def test_old_ocr_tables_cells_are_restored_after_the_rebuild_from_the_words_as_read(tmp_path):
    from sohoa.pipeline import convert_document
    from sohoa.settings import Settings

    path = tmp_path / "old-ocr.txt"
    path.write_text(OLD_OCR_TASKS, encoding="utf-8")
    doc = convert_document(path, Settings(restore=True))
    (table,) = doc.tables
    rows = [r.cells for r in table.rows if r.cells]
    assert rows[0][:4] == [
        "1",
        "Kiểm tra các cơ sở sản xuất trên địa bàn tỉnh về chất lượng hàng hóa đóng gói sẵn.",
        "Các Sở, ban, ngành; UBND cấp xã",
        "Sở Tài chính",
    ]
    assert rows[1] == [
        "2",
        "Xây dựng phần mềm quản lý dữ liệu chung.",
        "Sở Xây dựng",
        "",
        "2027",
        "",
    ]
    # the table's restorer edits are its cells', each with its table and row
    in_cells = [e for e in doc.edits if e.table == 0 and e.reason == "restore"]
    assert ("Kiem", "Kiểm", 1) in {(e.original, e.result, e.row) for e in in_cells}
    assert all(e.row is not None and e.word is None for e in in_cells)
    # the body text is restored as before: the page keeps its restored words
    assert "Kiểm tra các cơ sở" in doc.text()


OLD_OCR_TASKS_TO_REPAIR = """Phu luc I
DANH MUC NHIEM VU
(Kem theo Ke hoach so 12/KH-UBND)

TT Noi dung nhiem vu Co quan chu tri Co quan phoi hop Thoi gian
I. Tang cuong chuyen doi so
1 Kien toan bao ve moi truong tren dia ban So Xay dung Cac So, ban, Nam 2026
nganh
Day manh y te co so x tai co so Cong an tinh UBND cap xa Quy III/2026
3 Xay dung lop tap huan cho doanh So Giao duc So Noi vu Quy 1V/2027
va Dao tao nghiep
ll. Trien khai bao dam an toan thuc pham
4 |Nang cao hieu qua phat trien doanh nghiep So Tai chinh So Cong Thuong 2026-2030
"""


def test_each_repair_of_a_table_rebuilt_from_old_ocr_names_its_row(tmp_path):
    """Numbers, agency words moved, "Sở", quarters, specks: each Edit names the row of
    ``table.rows`` it changed, so a reviewer (and bench/tables_edits.py) finds the cell."""
    from sohoa.pipeline import convert_document
    from sohoa.settings import Settings

    path = tmp_path / "old-ocr.txt"
    path.write_text(OLD_OCR_TASKS_TO_REPAIR, encoding="utf-8")
    doc = convert_document(path, Settings(restore=False))
    (table,) = doc.tables
    assert table.rows[2].cells == [
        "2",
        "Day manh y te co so tai co so",
        "Cong an tinh",
        "UBND cap xa",
        "Quý III/2026",
    ]
    assert {(e.reason, e.row, e.result) for e in doc.edits if e.table == 0} == {
        ("table-numbering", 4, "II. Trien khai bao dam an toan thuc pham"),
        ("table-numbering", 2, "2"),
        ("table-cell-moved", 1, "Cac So, ban, nganh"),
        ("table-cell-moved", 1, "Kien toan bao ve moi truong tren dia ban"),
        ("table-cell-pattern", 1, "Sở Xay dung"),
        ("table-cell-pattern", 1, "Cac Sở, ban, nganh"),
        ("table-cell-pattern", 3, "Sở Giao duc va Dao tao"),
        ("table-wrapped-name-back", 3, "So Giao duc va Dao tao"),
        ("table-wrapped-name-back", 3, "Xay dung lop tap huan cho doanh nghiep"),
        ("table-cell-pattern", 3, "Sở Noi vu"),
        ("table-cell-pattern", 5, "Sở Tai chinh"),
        ("table-cell-pattern", 5, "Sở Cong Thuong"),
        ("table-cell-type", 2, "Quý III"),
        ("table-cell-type", 3, "Quý IV"),
        ("table-cell-noise", 2, "Day manh y te co so tai co so"),
    }


def test_specks_of_a_table_rebuilt_as_read_go_before_the_restorer_dresses_them(tmp_path):
    """ "san x Os xuat": as read, "x Os" is two specks (no Vietnamese word is one consonant,
    nor "Os"); restored first, "Os" would read "Ở", a word, and the speck stay."""
    from sohoa.pipeline import convert_document
    from sohoa.settings import Settings

    path = tmp_path / "old-ocr.txt"
    path.write_text(OLD_OCR_TASKS.replace("co so san xuat", "co so san x Os xuat"), "utf-8")
    doc = convert_document(path, Settings(restore=True))
    (table,) = doc.tables
    task = next(r.cells for r in table.rows if r.cells)[1]
    assert task.startswith("Kiểm tra các cơ sở sản xuất trên địa bàn")
    (noise,) = [e for e in doc.edits if e.reason == "table-cell-noise"]
    assert "san x Os xuat" in noise.original and noise.table == 0
