"""Budgets with one amount column and no years (``extract/one_amount``), rebuilt from old OCR
read across their columns: the header's columns in its order, rows anchored on their middle
line (number and amount), a second line of a task and a total kept as rows."""

from __future__ import annotations

from old_ocr_tables import ONE_AMOUNT_HEAD, table_of_text

from sohoa.extract.one_amount import one_amount_columns

# The task list with one amount column (ONE_AMOUNT_HEAD: header, row 1 anchored on its
# middle line); row 1 has a second task line with no number nor amount, then a subtotal.
ONE_AMOUNT = (
    ONE_AMOUNT_HEAD
    + """\
Dao tao can bo van hanh
thiet bi do luong cua Trung
tam Ky thuat va phong
thu nghiem cap huyen.
| Tong | | | 3.200 | |
Tuyen truyen ve do luong tren
2 | bao, dai cua tinh va cac 4 chuyen muc So Khoa hoc va Cac so, nganh 150 Nguon su
trang thong tin dien tu. Cong nghe nghiep KH&CN
| Tong | | | 3.350 | |
"""
)


def test_a_header_naming_one_amount_and_no_year_gives_its_columns_in_order():
    """ "Nhu cầu kinh phí" is the amount, "Nguồn kinh phí" the source, "Dự kiến kết quả"
    the results: in the order the header names them."""
    header = (
        "TT | N6i dung cac nhiém vu Dy kién ket qua dat Don vi chu tri Don vi phdi hop"
        " kinh phi Nguon kinh phi duoc (triéu d6ng)"
    )
    assert one_amount_columns(header) == [
        "STT",
        "Nội dung",
        "Dự kiến kết quả",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Kinh phí",
        "Nguồn kinh phí",
    ]
    # a task list's header names no amount; "Nguồn kinh phí" alone is no amount column
    assert one_amount_columns("STT Noi dung nhiem vu Co quan chu tri Thoi gian") is None
    assert one_amount_columns("TT Noi dung Don vi chu tri Nguon kinh phi Ghi chu") is None


def test_a_one_amount_budget_read_across_is_a_budget_with_its_rows(tmp_path):
    """The table is a budget (phu_luc_2); rows 1 and 2 hold their number and amount, the
    task's second line with no number nor amount is a row of its own, the totals are rows."""
    table = table_of_text(tmp_path, ONE_AMOUNT)
    assert table.kind == "phu_luc_2"
    assert table.columns[5] == "Kinh phí"
    cells = [r.cells for r in table.rows]
    assert [c[0] for c in cells] == ["1", "", "Tổng", "2", "Tổng"]
    assert [c[5] for c in cells] == ["3.200", "", "3.200", "150", "3.350"]
    assert cells[1][1].startswith("Dao tao can bo van hanh")
    assert cells[2][1:5] == ["", "", "", ""]


def test_the_source_words_after_the_amount_go_to_the_source_column(tmp_path):
    """ "Nguồn sự" above the middle line, "nghiệp", "KH&CN tỉnh" after the amount: the
    source cell; the lead agency's cell starts at its name, not at "Trung tâm" the task
    names after "của"."""
    table = table_of_text(tmp_path, ONE_AMOUNT)
    row = table.rows[0].cells
    assert row[6] == "Nguon su nghiep KH&CN tinh"
    assert row[3] == "Sở Khoa hoc va Cong nghe"  # "So" repaired (interleaved.repair_cells)
    assert "3.200" not in row[1]


def test_no_word_of_the_rows_is_lost(tmp_path):
    """Every word of the rows' lines is in a cell (words move between cells only)."""
    table = table_of_text(tmp_path, ONE_AMOUNT)
    words = " ".join(c for r in table.rows for c in r.cells or []).replace("Sở", "So").split()
    body = ONE_AMOUNT.split("dong)\n", 1)[1]
    expected = [w for w in body.replace("|", " ").split() if w != "Tong"]
    assert sorted(w for w in words if w != "Tổng") == sorted(expected)


# Row 1's task says "mỗi năm triển khai ở 10 cơ sở": its "10" ends a line below the row's
# middle line, an amount's place; the total row shows it is the text's.
NUMBER_IN_THE_TEXT = """\
Phu luc
DANH MUC NHIEM VU
Nhu cau
TT | Noi dung nhiem vu Du kien ket qua dat Don vi chu tri Don vi phoi hop kinh phi Nguon kinh phi
duoc (trieu
dong)
Huong dan doanh nghiep ap dung
chuong trinh do luong, moi nam
1 | trien khai 50 doanh nghiep So Khoa hoc va Cac so, nganh 2.500 Nguon su
trien khai o 10
co so san xuat.
2 | Tuyen truyen ve do luong. Nang cao nhan thuc So Khoa hoc va Cac so, nganh 295 Nguon su
| Tong | | | 2.795 | |
"""


def test_a_number_of_the_text_the_total_does_not_hold_goes_back_to_the_text(tmp_path):
    """2.500 + 10 + 295 is no 2.795; without the 10 it is: "10" is the task's, not an
    amount of a row of its own."""
    table = table_of_text(tmp_path, NUMBER_IN_THE_TEXT)
    cells = [r.cells for r in table.rows]
    assert [c[0] for c in cells] == ["1", "2", "Tổng"]
    assert [c[5] for c in cells] == ["2.500", "295", "2.795"]
    assert cells[0][1].endswith("trien khai o 10 co so san xuat.")


# The lead's name wraps in its narrow cell: "Sở Khoa học và" on the row's middle line, its
# "Công nghệ" on the next line after the results' words, with nothing to mark it an agency's,
# and the partner's list going on after it ("và các viện nghiên cứu").
LEAD_WRAPPED = """\
Phu luc
DANH MUC NHIEM VU
TT | Noi dung nhiem vu Ket qua Don vi chu tri Don vi phoi hop Kinh phi (trieu dong) Nguon kinh phi
Nghien cuu ung dung ve do
1 | luong trong san xuat Thuc hien 01 nhiem vu So Khoa hoc va Cac so, nganh, don vi Nguon su
cong nghiep. khoa hoc (de tai) Cong nghe va cac vien nghien cuu nghiep KH&CN
| Tong | | | | |
"""


def test_the_lead_name_wrapped_below_among_the_task_words_goes_back_to_it(tmp_path):
    """ "Công nghệ" ends "Sở Khoa học và"; the partner's "và các viện …" after it on the
    line goes to the agencies too (their columns are right of the task's)."""
    table = table_of_text(tmp_path, LEAD_WRAPPED)
    row = table.rows[0].cells
    assert table.columns[3:5] == ["Đơn vị chủ trì", "Đơn vị phối hợp"]
    assert row[1].endswith("cong nghiep. khoa hoc (de tai)")
    assert row[3] == "Sở Khoa hoc va Cong nghe"
    assert row[4] == "Cac so, nganh, don vi va cac vien nghien cuu"


# The lead's cell opens with a ruling read "|" glued to its first word ("|So"), and its last
# word "nghe" is read below after another ruling, in the middle of the line.
LEAD_AFTER_RULING = """\
Phu luc
DANH MUC NHIEM VU
TT | Noi dung nhiem vu Ket qua Don vi chu tri Don vi phoi hop Kinh phi (trieu dong) Nguon kinh phi
Nghien cuu ung dung ve do luong
trong san xuat Thuc hien 01 |So Khoa hoc va Cong | Cac so, nganh; don Nguon su
1 | cong nghiep. nhiem vu (de tai) |nghe vi; cac vien nghien cuu nghiep KH&CN
| Tong | | | | |
"""


def test_the_lead_name_goes_on_after_a_ruling_in_the_middle_of_a_line(tmp_path):
    """ "|nghe" ends "Sở Khoa học và Công": the ruling opens the lead's column there."""
    row = table_of_text(tmp_path, LEAD_AFTER_RULING).rows[0].cells
    assert row[3] == "Sở Khoa hoc va Cong nghe"
    assert row[1].endswith("nhiem vu (de tai)")


# Rulings read "|" glued to the first word of a cell ("|Khoang", "|So"): the lead's name
# must still be seen to start there.
RULINGS_GLUED = """\
Phu luc
DANH MUC NHIEM VU
TT | Noi dung nhiem vu Ket qua Don vi chu tri Don vi phoi hop Kinh phi (trieu dong) Nguon kinh phi
Boi duong chuyen mon cho can bo
1 | (tu nam 2026) |Khoang 300 nguoi |So Tai chinh | Cac so, nganh 1.500 Nguon su
| Tong | | | 1.500 | |
"""


def test_a_ruling_glued_to_a_word_opens_its_cell(tmp_path):
    """ "|So Tai chinh" is the lead's cell, no task words; the rulings are no words of it."""
    row = table_of_text(tmp_path, RULINGS_GLUED).rows[0].cells
    assert row[3:6] == ["Sở Tai chinh", "Cac so, nganh", "1.500"]
    assert "|" not in row[1]


# Page 2 repeats the header, but old OCR read its ruled line naming the columns as nothing:
# only the header's other words are left ("Nhu cau" / "duoc (trieu" / "dong)"), between the
# last line of row 1 and the first of row 2, whose number sits on its middle line.
HEADER_LINE_LOST = (
    ONE_AMOUNT_HEAD
    + """\
Nhu cau
duoc (trieu
dong)
Tuyen truyen ve do luong tren
bao, dai cua tinh va cac
2 | trang thong tin dien tu 4 chuyen muc So Khoa hoc va Cac so, nganh 150 Nguon su
cua cac so, nganh. Cong nghe nghiep KH&CN
hang nam.
| Tong | | | 3.350 | |
"""
)


def test_a_header_repeat_whose_naming_line_was_lost_starts_a_page(tmp_path):
    """The header's other words alone, its unit among them, are a repeated header: row 2
    starts below them with its own first line; no cell holds the header's words."""
    cells = [r.cells for r in table_of_text(tmp_path, HEADER_LINE_LOST).rows]
    assert [c[0] for c in cells] == ["1", "2", "Tổng"]
    assert cells[1][1].startswith("Tuyen truyen ve do luong tren bao, dai")
    assert cells[0][1].endswith("hoa chat va vat ly.")
    assert not any("trieu" in c for row in cells for c in row)


# Row 1's middle line is read with dirt in the source column ("° j z" after the amount);
# the partner list wraps "thi xa," (a town, no "xã hội hóa" source) before the amount; the
# task's last line, below the source cell, ends in "trong" (one slip from "trung").
SOURCE_DIRT = """\
Phu luc
DANH MUC NHIEM VU
TT | Noi dung nhiem vu Ket qua Don vi chu tri Don vi phoi hop Kinh phi (trieu dong) Nguon kinh phi
Tuyen truyen ve do luong tren Nguon su
bao, dai cua tinh, to chuc 4 chuyen muc So Khoa hoc va Cac so, UBND cac huyen nghiep °
1 | hoi nghi va cac lop dao tao Cong nghe thi xa, 295 j z
cho can bo cua cac so, nganh. KH&CN hang
va cac don vi = nam cua tinh
duoc dao tao trong
| Tong | | | 295 | |
"""


def test_the_source_cell_takes_its_words_only(tmp_path):
    """The specks among the source's words go to the text (the noise remover judges them
    there), "xa," of "thi xa," is the partner's, "trong" below the source's last line the
    task's: the source cell reads its own words, no word is lost."""
    row = table_of_text(tmp_path, SOURCE_DIRT).rows[0].cells
    assert row[6] == "Nguon su nghiep KH&CN hang nam cua tinh"
    assert row[4].endswith("thi xa,")
    assert row[1].endswith("dao tao trong")
    words = " ".join(row).split()
    for word in ("°", "j", "z", "="):  # moved to the text, or taken out as noise (logged)
        assert word not in row[6].split()
    assert "trong" in words


# The partner's list ends "va doanh nghiep" on the line where the source cell goes on
# ("Nguon su" / "nghiep" / "KH&CN hang"): its "nghiep" sits right before the source's words.
PARTNER_NGHIEP = """\
Phu luc
DANH MUC NHIEM VU
TT | Noi dung nhiem vu Ket qua Don vi chu tri Don vi phoi hop Kinh phi (trieu dong) Nguon kinh phi
Nghien cuu ung dung ve do Cac so, nganh, don vi Nguon su
1 | luong trong san xuat cong So Khoa hoc va Cong nghe va cac doanh 120 nghiep
nghiep cua tinh. nghiep KH&CN hang nam
"""


def test_nghiep_is_the_sources_only_after_su(tmp_path):
    """ "nghiệp" after "doanh" is the partner's (the source's "nghiệp" follows "sự")."""
    row = table_of_text(tmp_path, PARTNER_NGHIEP).rows[0].cells
    assert row[6] == "Nguon su nghiep KH&CN hang nam"
    assert "doanh nghiep" in f"{row[3]} {row[4]}"  # the agencies' words
