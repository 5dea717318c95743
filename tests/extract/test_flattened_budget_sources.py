"""Budget tables (Phụ lục II) whose years split by funding source, rebuilt from old OCR read
across their columns by ``extract/flattened_budget``: blank cells placed by the columns'
sums and the rows' own."""

from __future__ import annotations

from old_ocr_tables import BLANKS_UNREAD, BY_SOURCE_HEAD, table_of_text


def test_blank_cells_of_a_row_split_by_source_go_where_all_sums_hold(tmp_path):
    """300 100 200: only NSNN 300 = 100 + 200 in the NSNN years holds by the row's own
    sums and by every column's sum to the total row; the source's blanks stay empty."""
    table = table_of_text(tmp_path, BLANKS_UNREAD)
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][2:8] == ["300", "", "100", "", "200", ""]
    assert rows["2"][2:8] == ["600", "100", "300", "-", "300", "100"]


# The labels repeated under each year; dashes read ";", a ruling read "}" on an amount, the
# first row of section II numbered anew and its 1 read "!", the total's first amount misread.
BY_SOURCE = (
    BY_SOURCE_HEAD
    + """\
1 | chuyen doi so cho doanh 300 ; 100 ; 200 ; So Noi vu UBND cap xa
nghiep.
Ho tro doanh nghiep ap dung
2 | cong cu quan ly. 600 100 300} - 300 100 So Tai chinh UBND cap xa
| II. Trien khai cai cach hanh chinh |
! | To chuc hoi thao ve cai cach 200 - 100 - 100 - So Y te UBND cap xa
hanh chinh.
| Teng |1.190 |100 |500 |- |600 |100 | | |
"""
)


def test_years_split_by_source_read_across(tmp_path):
    """Two columns a year, two Kinh phí columns (the rows add up under those), the rows'
    amounts in place, the "!" row numbered 1 from the sequence."""
    table = table_of_text(tmp_path, BY_SOURCE)
    assert table.columns[2:8] == [
        "Kinh phí / NSNN",
        "Kinh phí / Tổ chức",
        "Năm 2026 / NSNN",
        "Năm 2026 / Tổ chức",
        "Năm 2027 / NSNN",
        "Năm 2027 / Tổ chức",
    ]
    rows = [r.cells for r in table.rows if r.cells]
    assert [r[0] for r in rows] == ["1", "2", "1", "Tổng"]
    assert rows[0][:8] == ["1", "Xay dung mo hinh diem ve chuyen doi so cho doanh nghiep.",
                           "300", "-", "100", "-", "200", "-"]  # fmt: skip
    assert rows[1][2:8] == ["600", "100", "300", "-", "300", "100"]


def test_a_total_row_whose_first_amount_was_misread_keeps_it(tmp_path):
    """ "Tổng 1.190 100 500 - 600 100": the misread 1.190 (1.100) breaks the row's sum, the
    rest would add up without it; a task's text may end in a number read before its
    amounts, the total row has no text: the 1.190 stays its first amount."""
    table = table_of_text(tmp_path, BY_SOURCE)
    total = next(r.cells for r in table.rows if r.cells and r.cells[0] == "Tổng")
    assert total[:8] == ["Tổng", "", "1.190", "100", "500", "-", "600", "100"]


def test_sub_column_labels_read_above_the_tt_line(tmp_path):
    """Old OCR read the two-row header block by block: the years and the sources' labels
    above "TT Noi dung …", the line the header is found by; the years are split by source
    all the same."""
    lines = BY_SOURCE.splitlines()
    at = lines.index("| Kinh phi | Nam 2026 | Nam 2027 |")
    lines[at : at + 4] = [
        "Kinh phi Nam 2026 | Nam 2027",
        "Ngan | Nguon | Ngan | Nguon | Ngan | Nguon",
        "sach khac sach khac sach khac",
        "TT Noi dung Don vi chu tri Don vi phoi hop",
    ]
    table = table_of_text(tmp_path, "\n".join(lines) + "\n")
    assert table.columns[2:5] == ["Kinh phí / NSNN", "Kinh phí / Tổ chức", "Năm 2026 / NSNN"]


def test_a_total_row_with_an_amount_misread_as_letters(tmp_path):
    """ "| Teng |1.190 |100 |5oo |- …": the total row still, its misread amount a cell as read
    (no digit guessed), not words of the row above."""
    text = BY_SOURCE.replace("|100 |500 |- |600", "|100 |5oo |- |600")
    table = table_of_text(tmp_path, text)
    rows = [r.cells for r in table.rows if r.cells]
    assert rows[-1][:8] == ["Tổng", "", "1.190", "100", "5oo", "-", "600", "100"]
    assert rows[-2][1] == "To chuc hoi thao ve cai cach hanh chinh."


def test_a_row_its_own_sums_place_one_way_is_placed_when_the_columns_cannot(tmp_path):
    """Row 3's NSNN 200 read 250 (its years read 100 100): no placement of its amounts
    holds by its own sums, so no placement of the rows adds up to the total row. Row 1's
    300 100 200 holds one way only (NSNN 300 = 100 + 200, in the NSNN years): placed
    there all the same. Row 3, its sums no evidence, may be anywhere, a misread seen: the
    columns place it with its NSNN total's column off by the misread digit."""
    text = BLANKS_UNREAD.replace("200 - 100 - 100 -", "250 100 100")
    table = table_of_text(tmp_path, text)
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][2:8] == ["300", "", "100", "", "200", ""]
    assert rows["3"][2:8] == ["250", "", "100", "", "100", ""]


# Kinh phí in three (Tổng cộng, NSNN, Nguồn xã hội hóa), each year split by source.
KINH_PHI_IN_THREE = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
| Kinh phi | Nam 2026 | Nam 2027 | Nam 2028 |
STT Noi dung Tong Nguon Nguon Nguon Nguon Don vi chu tri Don vi phoi hop
cong | NSNN | xa hoi | NSNN | xa hoi | NSNN | xa hoi | NSNN | xa hoi
hoa hoa hoa hoa
| I. Tang cuong chuyen doi so |
1 | Xay dung mo hinh diem ve chuyen doi so. 300 300 - 100 - 100 - 100 - So Noi vu UBND cap xa
2 | Ho tro doanh nghiep ap dung cong cu. 700 600 100 300 - 200 100 100 - So Tai chinh UBND cap xa
3 | To chuc lop tap huan cho can bo tai co so 210 210 70 70 70 So Y te UBND cap xa
4 | To chuc hoi thao ve cai cach hanh chinh. 200 200 - 100 - 100 - - - So Y te UBND cap xa
"""


def test_a_total_stated_first_and_again_for_its_source_is_no_number_of_the_text(tmp_path):
    """Row 3 "210 210 70 70 70", its blank cells not read: no placement adds up, and
    without "210 210" the rest would ("70 | 70 70"), but 210 is the sum of the rest's
    half (210 + 70 + 70 + 70 = 2 x 210): the row's total and its NSNN, not the task's."""
    table = table_of_text(tmp_path, KINH_PHI_IN_THREE)
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["3"][1] == "To chuc lop tap huan cho can bo tai co so"
    assert rows["3"][2:4] == ["210", "210"]


# Rows 2 and 3 state a year's NSNN and a later year's Nguồn xã hội hóa, their blank cells
# not read: the columns add up to the total row with either row's NSNN in 2026. A ruling
# read "|" between row 3's Kinh phí and its first year stands between two cells side by side.
SWAPPING_ROWS = KINH_PHI_IN_THREE.split("2 | Ho")[0] + (
    "2 | Ho tro doanh nghiep ap dung cong cu. 150 100 50 100 50 So Tai chinh UBND cap xa\n"
    "3 | To chuc lop tap huan cho can bo. 130 100 30 | 100 30 So Y te UBND cap xa\n"
    "| Tong |580 |500 |80 |200 |- |200 |30 |100 |50 | | |\n"
)


def test_a_ruling_read_between_two_amounts_settles_rows_whose_years_may_swap(tmp_path):
    """Row 3's "30 | 100": its NSNN 100 is in the cell right after its Kinh phí, 2026's;
    the columns' sums then put row 2's in 2027 (its 50 in 2028, row 3's 30 in 2027)."""
    table = table_of_text(tmp_path, SWAPPING_ROWS)
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["3"][2:11] == ["130", "100", "30", "100", "", "", "30", "", ""]
    assert rows["2"][2:11] == ["150", "100", "50", "", "", "100", "", "", "50"]
