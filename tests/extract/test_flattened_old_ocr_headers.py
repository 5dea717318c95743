"""Old-OCR task tables whose header was read badly: a last column whose name was lost, a
header repeated at a page break with its number column misread (``extract/flattened``)."""

from __future__ import annotations

from old_ocr_tables import table_of_text

from sohoa.extract.flattened import ESTIMATE_COLUMNS
from sohoa.extract.flattened_header import UNNAMED_LAST

# a task table read across whose header's last name is garbled ("are asia"): the rows hold
# words after their time, the last column's
OLD_OCR_TASKS_LAST_NAME_LOST = """Phu luc I
DANH MUC NHIEM VU
Thoi
STT Noi dung nhiem vu Co quan chu tri Co quan phoi hop are asia
hien
1 Kien toan cong tac van thu cap tinh. So Noi vu Cong an tinh Hang nam Bao cao
2 Trien khai phong chay tai cap huyen. Cong an tinh So Xay dung 2026-2030 Ke hoach
3 Nang cao hieu qua giam ngheo ben vung. So Tai chinh Ban Dan toc Quy II/2027 Quyet dinh
"""

# the same table with no last column: no words after the times but a speck
OLD_OCR_TASKS_NO_LAST = """Phu luc I
DANH MUC NHIEM VU
Thoi
STT Noi dung nhiem vu Co quan chu tri Co quan phoi hop gian
1 Kien toan cong tac van thu cap tinh. So Noi vu Cong an tinh Hang nam
2 Trien khai phong chay tai cap huyen. Cong an tinh So Xay dung 2026-2030 —-
3 Nang cao hieu qua giam ngheo ben vung. So Tai chinh Ban Dan toc Quy II/2027
"""


def test_a_last_column_whose_name_was_not_read_is_kept_when_the_rows_fill_it(tmp_path):
    """The header names no column after the time (its words garbled), but every row holds
    words after its time: the column was printed and keeps them (unnamed: its cells go to a
    record's ``extra``); a table whose rows hold none (a speck at most) has no such column."""
    table = table_of_text(tmp_path, OLD_OCR_TASKS_LAST_NAME_LOST)
    assert table.columns[-2:] == ["Thời gian", UNNAMED_LAST]
    rows = [r.cells for r in table.rows if r.cells]
    assert [r[-1] for r in rows] == ["Bao cao", "Ke hoach", "Quyet dinh"]
    assert [r[-2] for r in rows] == ["Hang nam", "2026-2030", "Quý II/2027"]
    table = table_of_text(tmp_path, OLD_OCR_TASKS_NO_LAST)
    assert table.columns[-1] == "Thời gian"
    assert all(len(r.cells) == len(table.columns) for r in table.rows if r.cells)


# a task table whose header a page break repeats with its "TT" read "T"
OLD_OCR_TASKS_HEADER_REPEATED = """Phu luc I
DANH MUC NHIEM VU
| TT | Noi dung | Chu tri | Phoi hop | Thoi gian | Ghi chu |
1 Kien toan cong tac van thu cap tinh. So Noi vu Cong an tinh Hang nam Bao cao
2 Trien khai phong chay tai cap huyen. Cong an tinh So Xay dung 2026-2030 Ke hoach

| T | Ndi dung | Cha tri | Phéi hop | Thor | Ghi chu |
gian
3 Nang cao hieu qua giam ngheo ben vung. So Tai chinh Ban Dan toc Quy II/2027 Quyet dinh
4 Day manh y te co so cap huyen. So Y te Cong an tinh Nam 2026 Bao cao
"""


def test_a_header_repeated_at_a_page_break_with_its_number_column_misread_is_no_row_text(
    tmp_path,
):
    """The header read again on the next page, "TT" read "T" and the time's name wrapped
    ("Thor" / "gian"): most of its letters are the first reading's, so it is the header
    repeated, not the next row's first lines."""
    table = table_of_text(tmp_path, OLD_OCR_TASKS_HEADER_REPEATED)
    rows = [r.cells for r in table.rows if r.cells]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert rows[2][1] == "Nang cao hieu qua giam ngheo ben vung."


# a task table whose first row's opening words come above its number, right under the header
OLD_OCR_TASKS_FIRST_WORDS_ABOVE = """Phu luc I
DANH MUC NHIEM VU
(Kem theo Quyet dinh so 523/QD-UBND)
TT | Noi dung nhiem vu Co quan chu tri Co quan phoi hop Thoi gian
thuc hien
Xay dung, trien khai
1 thuc hien cac du an dau tu cho Trung tam So Khoa hoc va Cong nghe UBND cap xa Nam 2026
2 Kien toan cong tac van thu cap tinh. So Noi vu Cong an tinh Hang nam
"""


def test_the_first_rows_words_read_under_the_header_stay_in_the_table(tmp_path):
    """ "Xay dung, trien khai" (a few words, no header's) is the first row's text, not the
    header's last line: its words stay in the table, none is lost with the header."""
    table = table_of_text(tmp_path, OLD_OCR_TASKS_FIRST_WORDS_ABOVE)
    text = " ".join(c for r in table.rows for c in (r.cells or []))
    assert "Xay dung, trien khai" in text
    assert table.columns[-1] == "Thời gian"


# a budget whose first section's "I." was read "ip", right under the header
OLD_OCR_BUDGET_FIRST_SECTION_MISREAD = """Phu luc II
DU TOAN KINH PHI THUC HIEN
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: Trieu dong
| STT | Noi dung | Tong kinh phi | Nam 2026 | Nam 2027 |
ip Chuyen doi so |
| 1 | Nang cao hieu qua giam ngheo ben vung | 1.400 | 1.400 | - |
| 2. |Trien khai cai cach hanh chinh | 2.400 | 1.000 | 1.400 |
"""


def test_a_budgets_first_section_read_under_the_header_is_its_first_section(tmp_path):
    """ "ip Chuyen doi so |": the first section (its "I." misread), neither a header line
    nor text of row 1; the title above the caption's lines stays the title."""
    table = table_of_text(tmp_path, OLD_OCR_BUDGET_FIRST_SECTION_MISREAD)
    assert table.kind == "phu_luc_2"
    assert table.rows[0].section == "I. Chuyen doi so"
    assert [r.cells[0] for r in table.rows[1:] if r.cells] == ["1", "2."]
    assert table.title == "DU TOAN KINH PHI THUC HIEN"


# A budget read by an old engine that lost its header's amount columns in the rulings (only
# "Đơn vị chủ trì | Đơn vị phối hợp" read): the title names amounts ("DỰ TOÁN KINH PHÍ");
# the rows' amounts add up (a total, two years).
OLD_OCR_BUDGET_HEADER_LOST = """Phu luc II
DU TOAN KINH PHI THUC HIEN KE HOACH CHUYEN DOI SO
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: trieu dong
Don vi chu tri Don vi phoi hop
I. Day manh cong tac van thu, luu tru
1 To chuc doan hoc tap kinh nghiem 2.810 10 2.800 So Noi vu UBND cap xa
ve chuyen doi so cho hop tac xa.
2 Ho tro nguoi dan ap dung bao dam 20 10 10 Cong an tinh UBND cap xa
an toan thuc pham.
3 Kien toan xay dung nong thon moi 6.000 2.000 4.000 UBND tinh So Tai chinh
"""


def test_a_budget_whose_header_was_lost_is_told_by_its_title_and_sums(tmp_path):
    """No amount column named, no year: the title names "Kinh phí" and three rows add up
    (2.810 = 10 + 2.800), so the table is a budget of two years named by place, none
    guessed."""
    table = table_of_text(tmp_path, OLD_OCR_BUDGET_HEADER_LOST)
    assert table.kind == "phu_luc_2"
    assert table.columns[2:5] == ["Kinh phí", "Năm ?1", "Năm ?2"]
    rows = {r.cells[0]: r.cells for r in table.rows if r.cells}
    assert rows["1"][2:5] == ["2.810", "10", "2.800"]


# a ruled budget read across whose header old OCR garbled: no year, no "STT", no column name
# read, amounts misread so that no row adds up; its title says what it is
OLD_OCR_BUDGET_HEADER_GARBLED = """Phu luc II
DU’ TOAN KINH PHI THU’C HIEN
(Kém theo Ké hoach s6 12/KH-UBND)
Don vi: Triéu déng
srr] aung | ron | ise | Ssor | tase |
I. Xay dung nong thon moi
1 Day manh pho bien, giao duc phap luat | t0aos | 9400] | os | - | - |
2 Tang cuong bao dam an toan thuc pham | 7098 | 500 | 2800 | 220] | 1596 |
"""


def test_a_budget_whose_header_names_no_year_is_a_budget_by_its_title(tmp_path):
    """No year and no column name of the header was read, but the title names the estimate
    of a cost ("DỰ TOÁN KINH PHÍ"): the table is a budget (Phụ lục II), not a task list, with
    the columns every budget has; no year is guessed, the row's words all stay in it."""
    table = table_of_text(tmp_path, OLD_OCR_BUDGET_HEADER_GARBLED)
    assert table.kind == "phu_luc_2"
    assert table.columns == ESTIMATE_COLUMNS
    rows = [r for r in table.rows if r.cells and r.cells[0]]
    assert [r.cells[0] for r in rows] == ["1", "2"]
    for row, line in zip(rows, OLD_OCR_BUDGET_HEADER_GARBLED.splitlines()[-2:], strict=True):
        kept = {w.strip("|[]") for w in " ".join([*row.cells, *(row.unplaced or [])]).split()}
        assert {w.strip("|[]") for w in line.split()} - {""} <= kept


# its rows read across, a garbled amount read after the others ("20n2")
OLD_OCR_BUDGET_WORD_AFTER_AMOUNTS = """Phu luc II
DU’ TOAN KINH PHI THU’C HIEN
(Kém theo Ké hoach s6 12/KH-UBND)
Don vi: Triéu déng
srr] aung | ron | ise | Ssor | tase |
[4 [rang cudng bao dim anioantiwepham ‘| 7098 | 500 | 2800 | 220] — | 1596 |
6 [menoanyeooss SSSS*d Saas | —| 200 | 3.285 | 000 | 20n2 |
[7 [rien nai phonachay. cra chay ———=«dt_ata00 ‘| 8.00 | 900 | 900 | - | 2200 |
"""


def test_a_budget_known_by_its_title_keeps_the_words_read_after_a_rows_amounts(tmp_path):
    """A row's words after its amounts go to the agencies' columns such a budget has too:
    none is lost ("20n2", a garbled amount read last)."""
    table = table_of_text(tmp_path, OLD_OCR_BUDGET_WORD_AFTER_AMOUNTS)
    words = {
        w for r in table.rows for c in [*(r.cells or []), *(r.unplaced or [])] for w in c.split()
    }
    assert "20n2" in words
