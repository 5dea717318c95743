"""Budget tables (Phụ lục II) whose years split by funding source, rebuilt from old OCR read
across their columns by ``extract/flattened_budget``: blank cells placed by the columns'
sums and the rows' own."""

from __future__ import annotations

from sohoa.pipeline import convert_document
from sohoa.settings import Settings

# Row 1 states NSNN only: its blank cells ("-" not read) leave 300 100 200 without places.
BLANKS_UNREAD = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
| Kinh phi | Nam 2026 | Nam 2027 |
ne Ngan | Nguon | Ngan | Nguon | Ngan | Nguon
T Noi dung sach | khac | sach | khac | sach | khac | Don vi chu tri Don vi phoi hop
tinh tinh tinh
| I. Tang cuong chuyen doi so |
Xay dung mo hinh diem ve
1 | chuyen doi so cho doanh 300 100 200 So Noi vu UBND cap xa
nghiep.
Ho tro doanh nghiep ap dung
2 | cong cu quan ly. 600 100 300 - 300 100 So Tai chinh UBND cap xa
3 | To chuc hoi thao ve cai cach 200 - 100 - 100 - So Y te UBND cap xa
hanh chinh.
| Tong |1.100 |100 |500 |- |600 |100 | | |
"""


def test_blank_cells_of_a_row_split_by_source_go_where_all_sums_hold(tmp_path):
    """300 100 200: only NSNN 300 = 100 + 200 in the NSNN years holds by the row's own
    sums and by every column's sum to the total row; the source's blanks stay empty."""
    path = tmp_path / "old-ocr.txt"
    path.write_text(BLANKS_UNREAD, encoding="utf-8")
    [table] = convert_document(path, Settings(restore=False)).tables
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][2:8] == ["300", "", "100", "", "200", ""]
    assert rows["2"][2:8] == ["600", "100", "300", "-", "300", "100"]
