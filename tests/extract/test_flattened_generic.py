"""A table of its own columns (neither Phụ lục I nor II) that old OCR read across its rulings."""

from __future__ import annotations

from old_ocr_tables import table_of_text, tables_of_text

from sohoa.extract.flattened_generic import generic_columns, generic_rows

# a plan's targets as bare `tesseract -l eng` reads them across the rulings: "TT" read "1",
# the ruling after a row's number lost ("| 1 hy l6 …"), one between two cells lost ("| 80
# yen phong UBND |"), a cell's second line on a line of its own ("nghiép")
TARGETS = """Phu luc Ill
CHi TIEU CHUYEN DOI SO DEN NAM 2030
(Kém theo Ké hoach s6 112/KH-UBND ngay 20 thang 01 nam 2026 cla UBND tinh)
| 1 | Chi tiéu | Bon vitinh | Nam 2025 | Nam 2030 | Co quan theo doi |
| 1 hy l6 hd so trwc tuyén toan trinh | % | 45 | 80 yen phong UBND |
| 2. |S6nguoi dan cé tai khoan dinh danh | Nguoi | 620.000 | 900.000 | céngantinn |
| 4 ocan nghiép céng nghé sé | Doanh | 85 | 150 | S@ Tai chinh |

nghiép
| 5 co sé dé ligu chuyén nganh ge due | 12 | - cae sé, nganh |
"""


def test_a_table_of_its_own_columns_keeps_them(tmp_path):
    table = table_of_text(tmp_path, TARGETS)
    assert table.kind == "table"
    assert table.source == "flattened"
    assert len(table.columns) == 6
    assert table.columns[0] == "STT"
    rows = [row.cells for row in table.rows]
    assert [cells[0] for cells in rows] == ["1", "2.", "4", "5"]
    # the number split from its text, the amount from the agency the lost ruling joined
    assert rows[0][1:] == ["hy l6 hd so trwc tuyén toan trinh", "%", "45", "80", "yen phong UBND"]
    assert rows[1][3:5] == ["620.000", "900.000"]
    assert rows[2][-1] == "S@ Tai chinh nghiép"  # the wrapped word kept, in the row before
    # a row a cell short: its amounts stay in the amount columns
    assert rows[3][3:] == ["12", "-", "cae sé, nganh"]
    assert all(r.confidence is not None for r in table.rows)  # each row rated
    assert 0.5 < table.confidence < 1


def test_every_word_read_stays_in_the_table():
    body = TARGETS.splitlines()[4:]
    rows, _ = generic_rows(body, ["STT", "a", "b", "c", "d", "e"])
    words = sorted(w for row in rows for c in row.cells or [] for w in c.split())
    read = sorted(w for line in body for w in line.replace("|", " ").split())
    assert words == read


def test_a_task_list_or_budget_header_is_no_generic_table():
    assert generic_columns(["| STT | Noi dung | Kinh phi | Nam 2026 | Nam 2027 |"]) is None
    assert generic_columns(["| TT | Nhiém vu | Don vi chu tri | Thoi gian | Ghi chu |"]) is None
    assert generic_columns(["| 1 | Chi tiéu | Bon vitinh | Nam 2025 |"]) is not None


def test_prose_under_a_generic_header_is_no_table(tmp_path):
    """Columns that hold across no rows: no table is invented, the text stays prose."""
    text = [
        *TARGETS.splitlines()[:4],
        "Các chỉ tiêu trên được theo dõi hằng năm và báo cáo UBND tỉnh.",
        "Sở Thông tin và Truyền thông tổng hợp kết quả thực hiện.",
    ]
    assert tables_of_text(tmp_path, "\n".join(text) + "\n") == []
