"""Old-OCR texts (flattened appendices) read through the pipeline as TXT inputs, restoring
off, shared by the tests of extract/'s readers of such text."""

from __future__ import annotations

from pathlib import Path

from sohoa.model import Document, Table
from sohoa.pipeline import convert_document
from sohoa.settings import Settings

# A task list of one section read across its columns (a row's cells on two or three lines),
# as an old OCR engine writes a ruled Phụ lục I: tests add sections or specks to it.
OLD_OCR_TASKS = """\
Phu luc I
CAC NHIEM VU TRONG TAM
TT Noi dung nhiem vu Co quan chu tri Co quan phoi hop Thoi gian Ghi chu
I. Cong tac quan ly
Kiem tra cac co so san xuat tren dia
1 ban tinh ve chat luong hang hoa | Cac So, ban, nganh; S6 Tai chinh Hang
dong goi san. UBND cap xa nam
2 Xay dung phan mem quan ly du lieu chung. So Xay dung 2027
"""


# A budget (Phụ lục II) by years, old OCR read across its columns (tests/extract/
# test_flattened_budget, test_rebuild_edits): its total row's "Tổng" misread "Teng".
BUDGET_HEADER = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
| TT | Noi dung | Kinh phi | Nam 2026 | Nam 2027 | Nam 2028 | Don vi chu tri | Don vi phoi hop |
"""

# Old OCR with the table's horizontal rules dropped: every page line crosses the columns,
# the vertical rulings read "|"; blank years are not read at all.
BUDGET_RULED_ACROSS = (
    BUDGET_HEADER
    + """\
| I. Tang cuong chuyen doi so |
Xay dung mo hinh diem ve Cac So, ban,
1 | chuyen doi so cho doanh nghiep 300 100 100 100 So Noi vu nganh; UBND
tai co so. cap xa
Ho tro doanh nghiep ap dung
2 | cong cu quan ly (20 san pham x 30 600 300 300 So Tai chinh UBND cap xa
trieu dong).
| ll. Trien khai cai cach hanh chinh |
3 | To chuc hoi thao ve cai cach 200 100 100 So Y te UBND cap xa
hanh chinh.
| Teng [1.100 |500 |400 |200 | | |
"""
)


# A plan's task list with one amount column and its funding source, as old OCR reads it: the
# header's "Nhu cầu" above its "TT" line, "(triệu đồng)" below; row 1's number and amount on
# its middle line, the source cell's words after the amount ("Nguồn" on the line above).
ONE_AMOUNT_HEAD = """\
Phu luc
DANH MUC NHIEM VU
(Kem theo Quyet dinh so 12/QD-UBND)
Nhu cau
TT | Noi dung nhiem vu Du kien ket qua dat Don vi chu tri Don vi phoi hop kinh phi Nguon kinh phi
duoc (trieu
dong)
Nang cap phong thu nghiem 12 thiet bi do
cua Trung tam Ky thuat; - luong duoc trang bi Nguon su
1 | Mua sam thiet bi do luong moi So Khoa hoc va Cac so, nganh co lien 3.200 nghiep
cho phong thu nghiem hoa Cong nghe quan KH&CN tinh
chat va vat ly.
"""


# A budget whose years (and its Kinh phí) split into two sources ("Ngân sách tỉnh | Nguồn
# khác"), its header and first lines as old OCR reads them across the columns.
BY_SOURCE_HEAD = """\
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
"""

# Row 1 states NSNN only: its blank cells ("-" not read) leave 300 100 200 without places.
BLANKS_UNREAD = (
    BY_SOURCE_HEAD
    + """\
1 | chuyen doi so cho doanh 300 100 200 So Noi vu UBND cap xa
nghiep.
Ho tro doanh nghiep ap dung
2 | cong cu quan ly. 600 100 300 - 300 100 So Tai chinh UBND cap xa
3 | To chuc hoi thao ve cai cach 200 - 100 - 100 - So Y te UBND cap xa
hanh chinh.
| Tong |1.100 |100 |500 |- |600 |100 | | |
"""
)


# Row 3 of BUDGET_RULED_ACROSS read with "15 20 12" after its amounts: "20 12" lie beyond
# the four amount columns
BUDGET_ROW_3 = "3 | To chuc hoi thao ve cai cach 200 100 100 So Y te UBND cap xa"
AMOUNTS_BEYOND_THE_COLUMNS = BUDGET_RULED_ACROSS.replace(
    BUDGET_ROW_3, BUDGET_ROW_3.replace("100 So", "100 15 20 12 So")
)


def document_of_text(tmp_path: Path, text: str) -> Document:
    """The pipeline's document of ``text`` written to a TXT file in ``tmp_path`` (not
    restored)."""
    path = tmp_path / "old-ocr.txt"
    path.write_text(text, encoding="utf-8")
    return convert_document(path, Settings(restore=False))


def tables_of_text(tmp_path: Path, text: str) -> list[Table]:
    """The tables the pipeline finds in ``text`` written to a TXT file in ``tmp_path``."""
    return document_of_text(tmp_path, text).tables


def row_index(table: Table, number: str) -> int:
    """The index in ``table.rows`` of the row numbered ``number``."""
    return next(k for k, r in enumerate(table.rows) if r.cells and r.cells[0] == number)


def table_of_text(tmp_path: Path, text: str) -> Table:
    """The one table the pipeline finds in ``text`` (fails unless there is exactly one)."""
    [table] = tables_of_text(tmp_path, text)
    return table
