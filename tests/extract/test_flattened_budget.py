"""Budget tables (Phụ lục II) that old OCR read across their columns, rebuilt by
``extract/flattened_budget`` (TXT input, no OCR): sections, the total row and amounts placed
by the arithmetic of the row and of the table's columns."""

from __future__ import annotations

from old_ocr_tables import BUDGET_HEADER as HEADER
from old_ocr_tables import BUDGET_RULED_ACROSS as RULED_ACROSS
from old_ocr_tables import table_of_text


def test_sections_with_a_ruling_read_before_them_are_sections(tmp_path):
    """ "| I. …" right under the header ends the header and is the first section; "| ll. …"
    is a section too, not task text of the row before."""
    table = table_of_text(tmp_path, RULED_ACROSS)
    assert table.kind == "phu_luc_2"
    assert [r.section for r in table.rows if r.section] == [
        "I. Tang cuong chuyen doi so",
        "II. Trien khai cai cach hanh chinh",
    ]


def test_a_misread_total_row_with_rulings_between_its_amounts(tmp_path):
    """ "| Teng [1.100 |500 …": "Tổng" with its ô misread, rulings read "|" and "["."""
    table = table_of_text(tmp_path, RULED_ACROSS)
    rows = [r.cells for r in table.rows if r.cells]
    assert rows[-1][:6] == ["Tổng", "", "1.100", "500", "400", "200"]


def test_a_number_of_the_task_text_before_the_amounts_goes_back_to_the_text(tmp_path):
    """ "(20 sản phẩm x 30 | 600 300 300": 30 600 300 300 does not add up, 600 300 300
    does; the 30 is the text's."""
    table = table_of_text(tmp_path, RULED_ACROSS)
    row = next(r.cells for r in table.rows if r.cells and r.cells[0] == "2")
    assert row[1] == "Ho tro doanh nghiep ap dung cong cu quan ly (20 san pham x 30 trieu dong)."
    assert row[2] == "600"


def test_blank_years_placed_where_the_columns_add_up_to_the_total_row(tmp_path):
    """Rows 2 and 3 state two of three years, their places lost: only 300|300|- and
    100|-|100 make each year column add up to the total row (500, 400, 200)."""
    table = table_of_text(tmp_path, RULED_ACROSS)
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][2:6] == ["300", "100", "100", "100"]
    assert rows["2"][2:6] == ["600", "300", "300", ""]
    assert rows["3"][2:6] == ["200", "100", "", "100"]


def test_a_first_section_read_as_1_dot_before_row_1(tmp_path):
    """ "1. Tang cuong …" then row 1: a numbering never repeats, so the first is the
    section I read as a digit; a "1." followed by "1.1" stays a row (a group heading)."""
    text = RULED_ACROSS.replace("| I. Tang cuong", "1. Tang cuong")
    table = table_of_text(tmp_path, text)
    assert table.rows[0].section == "I. Tang cuong chuyen doi so"  # numbering then repairs it
    grouped = table_of_text(tmp_path, text.replace("1 | chuyen", "1.1 | chuyen"))
    assert grouped.rows[0].section is None and grouped.rows[0].cells[0] == "1."


# The header's first cell after a ruling ("| STT |"), its years under "Nam" on the line
# above; sections whose numerals were read as strokes; a row number with the ruling under
# it read "_"; a last section that is itself a row, its total its one year's.
STROKES_AND_SECTION_ROW = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN KE HOACH
Don vi: trieu dong
a: Nam Nam Nam Don vi chu
| STT | Nol dung | Shr | 2026 | 2027 | 2028 | tri | Bon vi phoi hop |
1. Tang cuong chuyen doi so |
1 | To chuc hoi thao ve chuyen doi so. 300 100 100 100 So Noi vu UBND cap xa
|. Trien khai cai cach hanh chinh |
2_ | Ho tro doanh nghiep ap dung. 600 200 200 200 So Tai chinh UBND cap xa
3 | Tap huan can bo cap xa. 90 30 30 30 So Y te UBND cap xa
lll. Hoi nghi tong ket ke hoach 60 60 So Noi vu UBND cap xa
| Tong | 1.050 | 330 | 330 | 390 |
"""


def test_a_header_after_a_ruling_and_stroke_numerals_by_position(tmp_path):
    table = table_of_text(tmp_path, STROKES_AND_SECTION_ROW)
    assert table.kind == "phu_luc_2"
    assert table.columns[2:6] == ["Kinh phí", "Năm 2026", "Năm 2027", "Năm 2028"]
    assert [r.section for r in table.rows if r.section] == [
        "I. Tang cuong chuyen doi so",
        "II. Trien khai cai cach hanh chinh",
    ]
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["2"][1:6] == ["Ho tro doanh nghiep ap dung.", "600", "200", "200", "200"]


def test_a_section_line_with_its_own_amounts_is_a_row(tmp_path):
    """ "lll. Hoi nghi … 60 60 Sở …": its amounts add up (the total is its one year), so it
    is a row numbered by its numeral; which year holds the 60, the year columns' sums
    say (2028: 390 = 100 + 200 + 30 + 60)."""
    table = table_of_text(tmp_path, STROKES_AND_SECTION_ROW)
    row = table.rows[-2].cells
    assert row is not None
    assert row[:6] == ["lll", "Hoi nghi tong ket ke hoach", "60", "", "", "60"]


# Each row's cells centred on its middle line: the partner's list (four lines) is taller
# than the lead "Sở KH&CN" (two lines) and than the task text.
AGENCIES_ACROSS = (
    HEADER
    + """\
I. Cong tac thong tin, tuyen truyen
Cac So, ban,
Xay dung phong su tuyen truyen So nganh; UBND
1 ve ATTP. 300 100 100 100 KH&CN cap xa, To chuc,
ca nhan
Cac So, ban,
To chuc hoi thao ve an toan S& nganh; UBND
2 thuc pham. 600 200 200 200 | KH&CN Icap xa, To chuc,
ca nhan
Hoc tap kinh nghiem cac Cac co quan,
3 mo hinh. 90 30 30 30 So Noi vu don vi lien quan
Tong 990 330 330 330
"""
)


def test_lead_and_partner_agencies_line_by_line(tmp_path):
    """The lead's "Sở" ends a line of task text, its "KH&CN" heads the amounts' line; the
    partner's lines go above and below them; "cá nhân" after a finished task sentence is
    the partner's, not the task's."""
    table = table_of_text(tmp_path, AGENCIES_ACROSS)
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][1] == "Xay dung phong su tuyen truyen ve ATTP."
    assert rows["1"][6:] == ["Sở KH&CN", "Cac Sở, ban, nganh; UBND cap xa, To chuc, ca nhan"]
    assert rows["2"][1] == "To chuc hoi thao ve an toan thuc pham."
    assert rows["2"][6:] == ["Sở KH&CN", "Cac Sở, ban, nganh; UBND Icap xa, To chuc, ca nhan"]
    assert rows["3"][1:6] == ["Hoc tap kinh nghiem cac mo hinh.", "90", "30", "30", "30"]


def test_a_full_row_whose_own_sum_fails_still_counts_in_the_columns(tmp_path):
    """Row 1's total misread (390 for 300): its years are all there, in place, and the
    columns' sums still place the blank years of rows 2 and 3."""
    text = RULED_ACROSS.replace("doanh nghiep 300 100", "doanh nghiep 390 100")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["1"][2:6] == ["390", "100", "100", "100"]
    assert rows["3"][2:6] == ["200", "100", "", "100"]


def test_a_short_row_whose_own_sum_fails_still_lets_the_columns_place_its_years(tmp_path):
    """Row 3 read "290 100 100" (its total 200 misread): its sum fails, but its years
    still count, one column may be off by the misread, and the columns' sums (500, 400,
    200 less row 1's and row 2's) put its blank in 2027; before, the whole table's blank
    years stayed as read from the left (2028 empty)."""
    text = RULED_ACROSS.replace("cai cach 200 100 100", "cai cach 290 100 100")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:6] == ["600", "300", "300", ""]
    assert rows["3"][2:6] == ["290", "100", "", "100"]


def test_two_runs_of_amounts_that_each_add_up_are_two_rows(tmp_path):
    """Row 3's number was not read: its lines fall in row 2's group, but each of the two
    runs of amounts adds up on its own, so they are two rows, split after row 2's text's
    finished sentence."""
    text = RULED_ACROSS.replace("3 | To chuc hoi thao", "To chuc hoi thao")
    rows = [r.cells for r in table_of_text(tmp_path, text).rows if r.cells]
    assert [r[0] for r in rows] == ["1", "2", "", "Tổng"]
    assert rows[1][1:3] == [
        "Ho tro doanh nghiep ap dung cong cu quan ly (20 san pham x 30 trieu dong).",
        "600",
    ]
    assert rows[2][1:3] == ["To chuc hoi thao ve cai cach hanh chinh.", "200"]


def test_a_row_of_column_numbers_under_the_header_is_no_row(tmp_path):
    """ "| 1 | 2 | 3 | …" under the header numbers its columns: it holds no words, so the
    header goes on to it and the body starts at the section."""
    text = RULED_ACROSS.replace(
        "| I. Tang cuong", "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n| I. Tang cuong"
    )
    table = table_of_text(tmp_path, text)
    assert table.rows[0].section == "I. Tang cuong chuyen doi so"
    assert [r.cells[0] for r in table.rows if r.cells] == ["1", "2", "3", "Tổng"]


def test_a_budget_whose_year_header_was_read_among_the_rows(tmp_path):
    """The years' header line read after the first row (blocks read out of order): still a
    budget table (Phụ lục II) with its year columns, not a task list."""
    lines = RULED_ACROSS.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("| TT |"))
    lines[at] = "TT Noi dung Don vi chu tri Don vi phoi hop"
    lines.insert(at + 5, "Kinh phi | Nam 2026 Nam 2027 | Nam 2028")
    table = table_of_text(tmp_path, "\n".join(lines) + "\n")
    assert table.kind == "phu_luc_2"
    assert table.columns[2:6] == ["Kinh phí", "Năm 2026", "Năm 2027", "Năm 2028"]


def test_a_total_row_with_a_speck_read_between_its_amounts(tmp_path):
    """ "| Teng [1.100  |500 400 200 ‘| | |": a speck ("‘") is no cell; the line is still the
    total row, not text of the row before."""
    text = RULED_ACROSS.replace(
        "| Teng [1.100 |500 |400 |200 | | |", "| Teng [1.100  |500 400 200 ‘| | |"
    )
    table = table_of_text(tmp_path, text)
    rows = [r.cells for r in table.rows if r.cells]
    assert rows[-1][:6] == ["Tổng", "", "1.100", "500", "400", "200"]


def test_a_section_numeral_read_1_before_a_row_that_cannot_follow_row_1(tmp_path):
    """ "1. Trien khai …" (II read "1.", no amounts) before row 3: a row 1 is followed by 2
    or 1.1, never by 3, so this "1." is a section's numeral (the second: II)."""
    text = RULED_ACROSS.replace("| ll. Trien khai", "1. Trien khai")
    table = table_of_text(tmp_path, text)
    assert [r.section for r in table.rows if r.section] == [
        "I. Tang cuong chuyen doi so",
        "II. Trien khai cai cach hanh chinh",
    ]
    assert [r.cells[0] for r in table.rows if r.cells] == ["1", "2", "3", "Tổng"]


def test_blank_years_of_rows_under_a_subtotal_row_add_up_to_it(tmp_path):
    """Row 1 states its own amounts, the sums of rows 1.1 and 1.2: those count under it,
    not again in the total row. Row 2's blank year is placed where the top rows add up to
    the total row, then 1.1's and 1.2's where they add up to row 1 (only 200|-|300 and
    -|400|- do). Counted twice, no placement added up and both were placed from the left."""
    text = (
        HEADER
        + """\
| I. Tang cuong chuyen doi so |
1 | Ho tro doanh nghiep ap dung cong cu 900 200 400 300 So Noi vu UBND cap xa
1.1 | Xay dung mo hinh diem ve chuyen doi so. 500 200 300 So Y te UBND cap xa
1.2 | To chuc hoi thao ve cai cach hanh chinh. 400 400 So Tai chinh UBND cap xa
2 | Trien khai quan ly chat thai ran tai co so. 200 100 100 So Xay dung UBND cap xa
| Teng [1.100 |300 |500 |300 | | |
"""
    )
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:6] == ["200", "100", "100", ""]
    assert rows["1.1"][2:6] == ["500", "200", "", "300"]
    assert rows["1.2"][2:6] == ["400", "", "400", ""]


HEADER_FIVE_YEARS = HEADER.replace("| Nam 2028 |", "| Nam 2028 | Nam 2029 | Nam 2030 |")


def _five_years(row_2_amounts: str, total_row: str) -> str:
    """A three-row budget under five years whose row 2 has the amounts given."""
    return (
        HEADER_FIVE_YEARS
        + f"""\
| I. Tang cuong chuyen doi so |
Ho tro doanh nghiep ap dung
1 | cong cu quan ly tai co so. 500 100 100 100 100 100 So Noi vu UBND cap xa
Trien khai quan ly chat thai
2 | ran tai co so. | {row_2_amounts} | So Y te UBND cap xa
To chuc hoi thao ve cai cach
3 | hanh chinh. 250 50 50 50 50 50 So Tai chinh UBND cap xa
| Teng [{total_row} | | |
"""
    )


def test_amounts_misread_at_the_start_of_a_run_keep_their_cells(tmp_path):
    """Row 2's total and first year were misread ("4 s6q | g90" for "2.860 | 890"): the
    four amounts read after them are the last four years, not the total and the first
    three; the misread words stay as read, in the first two cells, out of the text."""
    text = _five_years("4 s6q | g90 | 500 470 500 500", "3.610 |1.040 |650 |620 |650 |650")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][1] == "Trien khai quan ly chat thai ran tai co so."
    assert rows["2"][2:8] == ["4 s6q", "g90", "500", "470", "500", "500"]


def test_a_misread_total_before_years_left_blank_is_no_number_of_the_text(tmp_path):
    """Row 2's total was misread ("64," for 600) and its 2026 left blank: the four years
    read are not "200 = 100 + 100" with a 200 of the task's text, but years whose places
    the columns' sums give (the total row: 150 | 350 | 350 | 250 | 250)."""
    text = _five_years("64, | 200 | 200 | 100 | 100", "1.350 |150 |350 |350 |250 |250")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][1] == "Trien khai quan ly chat thai ran tai co so."
    assert rows["2"][2:8] == ["64,", "", "200", "200", "100", "100"]


def test_a_header_repeated_at_a_page_break_with_its_stt_misread(tmp_path):
    """The header repeated on the next page, read "Teng x x x" / "Nam Nam Nam …" / "sn Noi
    dung | ont | 2026 | 2027 | 2028 | …" (no "STT" to know it by): its row of the table's
    years, and the label lines around it, are a page break, not row 2's task text."""
    text = RULED_ACROSS.replace(
        "Ho tro doanh nghiep ap dung\n",
        "Teng x x x x . op\n"
        "a: . Nam Nam Nam Don vi chu sx:\n"
        "sn Noi dung | ont | 2026 | 2027 | 2028 | tri | Don vi phoi hop |\n"
        "Ho tro doanh nghiep ap dung\n",
    )
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["1"][1] == "Xay dung mo hinh diem ve chuyen doi so cho doanh nghiep tai co so."
    assert rows["2"][1].startswith("Ho tro doanh nghiep ap dung cong cu quan ly")


def test_a_section_row_whose_numeral_lost_its_dot_before_the_ruling(tmp_path):
    """ "Ill |Nang cao …" with its own amounts adding up: section III as a row (its "l"
    read for I), not task text of row 2 above it."""
    text = (
        HEADER
        + """\
| I. Tang cuong chuyen doi so |
1 | Xay dung mo hinh diem ve chuyen doi so. 300 100 100 100 So Noi vu UBND cap xa
2 | Ho tro doanh nghiep ap dung cong cu. 600 300 300 So Tai chinh UBND cap xa
| ll. Trien khai cai cach hanh chinh |
1 | To chuc hoi thao ve cai cach hanh chinh. 200 100 100 So Y te UBND cap xa
2 | Kien toan y te co so tai co so. 150 50 50 50 So Xay dung UBND cap xa
Ill |Nang cao hieu qua y te co so 50 10 20 20 So KH&CN UBND cap xa
| Teng [1.300 |560 |570 |270 | | |
"""
    )
    rows = [r.cells for r in table_of_text(tmp_path, text).rows if r.cells]
    assert rows[3][1] == "Kien toan y te co so tai co so."
    assert rows[4][:6] == ["III", "Nang cao hieu qua y te co so", "50", "10", "20", "20"]


def test_a_line_going_on_after_the_amounts_stays_with_its_row_when_the_next_lost_its_number(
    tmp_path,
):
    """Row 3 lost its number, so rows 2 and 3 are one group parted at its two runs of
    amounts. "nhan" goes on in lower case right after row 2's amounts' line: the end of
    row 2's partner ("… To chuc, ca" / "nhan"), not the start of row 3's task."""
    text = RULED_ACROSS.replace(
        "Ho tro doanh nghiep ap dung\n"
        "2 | cong cu quan ly (20 san pham x 30 600 300 300 So Tai chinh UBND cap xa\n"
        "trieu dong).",
        "Ho tro doanh nghiep ap dung Cac So, ban,\n"
        "2 | cong cu quan ly. 600 300 300 So Tai chinh nganh; To chuc, ca\n"
        "nhan\n"
        "Trien khai quan ly dat dai tai\n"
        "co so. 300 100 100 100 So Y te UBND cap xa",
    ).replace("| Teng [1.100 |500 |400 |200 | | |", "| Teng [1.400 |600 |500 |300 | | |")
    rows = [r.cells for r in table_of_text(tmp_path, text).rows if r.cells]
    assert rows[1][6:] == ["Sở Tai chinh", "Cac Sở, ban, nganh; To chuc, ca nhan"]
    assert rows[2][1] == "Trien khai quan ly dat dai tai co so."


def test_a_full_row_with_a_misread_digit_leaves_the_other_columns_as_evidence(tmp_path):
    """Row 1 read "300 100 160 100" (its sum fails: a misread digit) puts the 2027 column
    out; the other two columns still place row 3's blank year."""
    table = table_of_text(tmp_path, RULED_ACROSS.replace("300 100 100 100", "300 100 160 100"))
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["3"][2:6] == ["200", "100", "", "100"]


def test_a_total_whose_thousands_dot_was_read_as_a_space_is_one_cell(tmp_path):
    """Row 2's total 1.250 read "1 250" before three years is one total, not a total and a
    year: the years go where the columns add up to the total row (2026 and 2027 blank),
    and it is written 1.250, the years adding up to it. Misread "4 559" before its five
    years, it stays as read, and the years keep their own columns."""
    text = _five_years("1 250 | 250 | 500 | 500", "2.000 |400 |150 |150 |650 |650")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:8] == ["1.250", "250", "", "", "500", "500"]
    text = _five_years("4 559 | 250 | 100 | 100 | 100 | 700", "2.000 |400 |250 |250 |250 |850")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:8] == ["4 559", "250", "100", "100", "100", "700"]


def test_a_budget_whose_year_labels_were_all_misread(tmp_path):
    """ "| Teng kinh phi | Nall | Ned | wal |": no year read, but the header names "Kinh phí"
    and two rows (and the total) state a total and three amounts adding up to it: the
    table is a budget of three year columns, named by their place, no year guessed."""
    text = """\
Phu luc ll
DU TOAN KINH PHI THUC HIEN
Don vi: trieu dong
| srr| Noi dung | Teng kinh phi | Nall | Ned | wal |
| 1 | Xay dung mo hinh diem ve chuyen doi so | 300 | 100 | 100 | 100 |
| 2 | To chuc hoi thao ve cai cach hanh chinh | 250 | 50 | - | 200 |
| | Teng cong | 550 | 150 | 100 | 300 |
"""
    table = table_of_text(tmp_path, text)
    assert table.kind == "phu_luc_2"
    assert table.columns[2:6] == ["Kinh phí", "Năm ?1", "Năm ?2", "Năm ?3"]
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["2"][2:6] == ["250", "50", "-", "200"]


def test_a_total_read_in_two_pieces_leaves_the_years_to_the_column_sums(tmp_path):
    """Row 2's total misread "4 559" (for 1.250) is unknown, not a failed sum: its three
    years still go where every year column adds up to the total row."""
    text = _five_years("4 559 | 250 | 500 | 500", "2.000 |400 |150 |150 |650 |650")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:8] == ["4 559", "250", "", "", "500", "500"]


def test_the_number_after_a_multiplication_sign_is_the_texts(tmp_path):
    """ "(10 san phamx 60 | 359 | 919 | …": seven values for six columns, the first after
    the text's "x" (glued: no Vietnamese word ends in x) is its unit price; the six after
    it are the row's amounts, though misread digits keep them from adding up."""
    text = _five_years("(10 san phamx 60 | 359 | 919 | 110 | 380 | 100 | 10", "1.560 |…")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][1].endswith("(10 san phamx 60")
    assert rows["2"][2:8] == ["359", "919", "110", "380", "100", "10"]


def test_a_total_row_whose_empty_number_cell_was_read_as_rulings(tmp_path):
    """ "| | Teng cong | 550 | …": the STT cell is empty, two rulings before the label; it
    is the total row, not a line of the last row's text taking its amounts, its label
    written "Tổng cộng" as read (its ô put right), not "Tổng" with "cộng" dropped, in the
    text cell it was read in."""
    text = HEADER + (
        "| 1 | Xay dung mo hinh diem | 300 | 100 | 100 | 100 | So Noi vu | UBND cap xa |\n"
        "| 2 | To chuc hoi thao | 250 | 50 | ao | 200 | So Y te | UBND cap xa |\n"
        "| | Teng cong | 550 | 150 | 100 | 300 | | |\n"
    )
    rows = [r.cells for r in table_of_text(tmp_path, text).rows if r.cells]
    assert rows[-1][:6] == ["", "Tổng cộng", "550", "150", "100", "300"]
    assert rows[-2][:6] == ["2", "To chuc hoi thao", "250", "50", "ao", "200"]


def test_a_value_read_as_no_amount_lets_one_column_be_off(tmp_path):
    """Row 2's total read "T1250" shows the scan's digits misread, so the total row's
    2030 read 680 for 650 may be one too: the other columns place row 2's years (2027 and
    2028 blank), 2030 left out of the evidence."""
    text = _five_years("T1250 | 250 | 500 | 500", "2.000 |400 |150 |150 |650 |680")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:8] == ["T1250", "250", "", "", "500", "500"]


def test_a_total_read_as_three_letters_of_digits_shapes(tmp_path):
    """Row 2's total 1.250 read "& ggg" ("ggg" for its 000: no word of the text) is a
    misread total before its years, not a total of 250 whose sum fails: the years go
    where the columns add up."""
    text = _five_years("& ggg | 250 | 500 | 500", "2.000 |400 |150 |150 |650 |650")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:8] == ["ggg", "250", "", "", "500", "500"]


def test_two_full_rows_with_misread_digits_in_two_columns_leave_three_as_evidence(tmp_path):
    """Row 1 read 160 for a 100 of 2027 and row 3 read 90 for a 50 of 2028 (their own
    sums fail): those two columns are out, the other three of five still place row 2's
    years (2027 and 2028 blank)."""
    text = _five_years("1.250 | 250 | 500 | 500", "2.000 |400 |150 |150 |650 |650")
    text = text.replace("500 100 100 100 100 100", "500 100 160 100 100 100")
    text = text.replace("250 50 50 50 50 50", "250 50 50 90 50 50")
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:8] == ["1.250", "250", "", "", "500", "500"]
    assert rows["3"][2:8] == ["250", "50", "50", "90", "50", "50"]


def test_a_year_left_blank_read_as_two_rulings_keeps_its_cell(tmp_path):
    """ "| 250 | 50 | | 200 |": row 2's 2027 is blank, read as two rulings with nothing
    between; with no total row to place it by, the rulings do: 200 is the 2028 amount."""
    text = HEADER + (
        "| 1 | Xay dung mo hinh diem | 300 | 100 | 100 | 100 | So Noi vu | UBND cap xa |\n"
        "| 2 | To chuc hoi thao | 250 | 50 | | 200 | So Y te | UBND cap xa |\n"
        "| 3 | Ho tro doanh nghiep | 90 | 30 | 30 | 30 | So Tai chinh | UBND cap xa |\n"
    )
    rows = {r.cells[0]: r.cells for r in table_of_text(tmp_path, text).rows if r.cells}
    assert rows["2"][2:6] == ["250", "50", "", "200"]
    assert rows["2"][6:8] == ["Sở Y te", "UBND cap xa"]
