"""Rows of an appendix flattened in text: a task table read across its columns."""

from __future__ import annotations

from old_ocr_tables import table_of_text

from sohoa.extract.flattened_header import TASK_COLUMNS
from sohoa.extract.flattened_rows import interleaved_task_rows
from sohoa.extract.rebuild_edits import SECTION_NUMERAL, reading_rows

ROWS = [
    "| 1 | Kiem tra co so san xuat tren dia ban tinh | So Y te | Hang nam |",
    "| 2 | Tang cuong quan ly chat thai ran cap huyen | So Xay dung | Nam 2026 |",
    "| 3 | Day manh y te co so cap huyen | So Noi vu | Quy II/2027 |",
]


def test_the_first_sections_numeral_misread_before_row_one_is_section_one():
    """ "[i TĂNG CƯỜNG …", "1. Tăng cường … |": the first section's "I." misread, read
    before the table's first row (its own "1" follows): the section "I.", no row of its
    own nor words of row 1's task."""
    for heading in ("[i TANG CUONG PHONG, CHONG THIEN TAI |", "1. Tang cuong phong chay |"):
        rows, _ = interleaved_task_rows([heading, *ROWS], TASK_COLUMNS)
        assert rows[0].section is not None and rows[0].section.upper().startswith("I. TANG")
        assert [r.cells[0] for r in rows[1:]] == ["1", "2", "3"]
        assert rows[1].cells[1] == "Kiem tra co so san xuat tren dia ban tinh"


def test_the_first_sections_numeral_written_other_than_read_is_an_edit():
    """ "1. Hạ tầng số |" written "I. Hạ tầng số": the numeral changed is logged (it was
    written unlogged: the "1" read was nowhere in the table nor its edits)."""
    with reading_rows() as notes:
        rows, _ = interleaved_task_rows(["1. Ha tang so |", *ROWS], TASK_COLUMNS)
    assert rows[0].section == "I. Ha tang so"
    assert [(e.original, e.result, e.reason, e.row) for e in notes] == [
        ("1. Ha tang so", "I. Ha tang so", SECTION_NUMERAL, 0)
    ]


def test_a_group_heading_numbered_one_before_its_sub_rows_stays_a_row():
    """ "1 Tăng cường công tác …" over "1.1": row 1, a group heading, not a section."""
    first = ROWS[0].replace("| 1 |", "| 1.1 |")
    lines = ["1 Tang cuong cong tac van thu, luu tru", first]
    rows, _ = interleaved_task_rows(lines, TASK_COLUMNS)
    assert all(r.section is None for r in rows)
    assert rows[0].cells[0] == "1"


def test_a_rows_first_line_after_a_speck_before_its_centred_number_is_no_section():
    """A row whose number sits on its middle line ("1 lượng; …") has its first line read
    before it; a speck "i" before that line makes it no section heading: it does not end
    at the table's border ("|"), its text goes on with row 1's."""
    lines = [
        "i Kiem tra cac co so san xuat kinh doanh tren dia",
        "| 1 | ban tinh ve chat luong | So Y te | Hang nam |",
        *ROWS[1:],
    ]
    rows, _ = interleaved_task_rows(lines, TASK_COLUMNS)
    assert all(r.section is None for r in rows)


def test_the_first_section_heading_before_row_ones_centred_number_is_section_one():
    """ "1. Hạ tầng số |" then row 1 read across with its number on its middle line (its
    first line before it): the "1." was the section's "I.", the first line is row 1's."""
    lines = [
        "1. Ha tang so |",
        "Nang cap mang dien rong cua tinh ket | So Y te Hang",
        "1 noi cac xa, phuong. nam",
        *ROWS[1:],
    ]
    rows, _ = interleaved_task_rows(lines, TASK_COLUMNS)
    assert rows[0].section == "I. Ha tang so"
    assert [r.cells[0] for r in rows[1:]] == ["1", "2", "3"]
    assert rows[1].cells[1].startswith("Nang cap mang dien rong")


def test_a_later_sections_numeral_read_without_its_dot_is_a_section():
    """ "[Ill Kỹ năng số |": section III's numeral read with a ruling's "[" and no dot, its
    heading ending at the table's right border; not glued to the row above as task text.
    A row whose number is a digit ("| 1 | … |") stays a row."""
    lines = [*ROWS[:2], "[Ill Ky nang so |", ROWS[2]]
    rows, _ = interleaved_task_rows(lines, TASK_COLUMNS)
    assert [r.section for r in rows] == [None, None, "Ill. Ky nang so", None]
    assert rows[1].cells[1] == "Tang cuong quan ly chat thai ran cap huyen"


def test_a_sections_first_row_numbered_on_from_the_section_before_keeps_its_number():
    """ "| 7 tập huấn kỹ năng số …" after section III's heading: old OCR lost the ruling
    after the number and the task's capital ("rap huan" for "Tập huấn") and the lead
    agency is unreadable, but 7 goes on from row 6 of the section before; the number is the
    row's, not a word of the next row's text (a section's first row may also start anew
    at 1)."""
    lines = [
        "| 5 | Xay dung co so du lieu gia dat. | So Tai chinh | Quy II/2026 |",
        "| 6 | Chuan hoa danh muc dung chung. | Van phong UBND tinh | Quy III/2026 |",
        "[Ill Ky nang so |",
        "| 7 rap huan ky nang so cho nguoi dan. | meee duc va | Tinh doan | Quy IV/2026 |",
        "| 8 | Boi duong an toan thong tin cho can bo. | Cong an tinh | Quy II/2026 |",
    ]
    rows, _ = interleaved_task_rows(lines, TASK_COLUMNS)
    numbered = [r.cells for r in rows if r.cells]
    assert [cells[0] for cells in numbered] == ["5", "6", "7", "8"]
    assert numbered[2][1].startswith("rap huan ky nang so cho nguoi dan.")
    assert numbered[3][1] == "Boi duong an toan thong tin cho can bo."
    # numbered anew in each section: the section's first row is 1
    anew = [*lines[:3], lines[3].replace("| 7 ", "| 1 "), lines[4].replace("| 8 |", "| 2 |")]
    rows, _ = interleaved_task_rows(anew, TASK_COLUMNS)
    assert [r.cells[0] for r in rows if r.cells] == ["5", "6", "1", "2"]


# a ruled budget read across by old OCR: the left border and the ruling after each row
# number read "[", a row's first capital misread as a small letter ("[2 [rien khai …")
RULED_BUDGET = """Phu luc II
DU TOAN KINH PHI THUC HIEN
(Kem theo Ke hoach so 12/KH-UBND)
Don vi: Trieu dong
| STT | Noi dung | Tong kinh phi | Nam 2026 | Nam 2027 |
I. Xay dung nong thon moi
[1 [Day manh pho bien, giao duc phap luat | 10.306 | 9.400 | 906 |
[2 [rien khai cai cach hanh chinh | 4.628 | 4.100 | 528 |
[3 [Nang cao hieu qua bao ve moi truong | 2.700 | - | 2.700 |
"""

# the same kind of budget whose header and amounts old OCR garbled (no amount read): its
# rows are read one per numbered line
RULED_BUDGET_GARBLED = """Phu luc II
DU’ TOAN KINH PHI THU’C HIEN
(Kém theo Ké hoach s6 12/KH-UBND)
Don vi: Triéu déng
fel Nuno Kini |Nama0a6 | Nm2o27_—|
[1 [Nangcao hieu qua giam ngheo TCC CC C*d
[2 [rien khai cai cach hanh chinh «Tatoo SC
[3 [ang cuong y te co so SCSC~<“~*~s
"""


def test_a_row_number_between_rulings_read_as_brackets_starts_its_row(tmp_path):
    """ "[2 [rien khai …": the number in a cell of its own, between the table's left border
    and the next ruling (both read "["), starts row 2 even though the task's capital was
    misread small; read across (amounts in each row: the "[" after the number stays with the
    text, as "| 5 [Xây dựng …" keeps it) or one numbered line a row."""
    table = table_of_text(tmp_path, RULED_BUDGET)
    rows = [r.cells for r in table.rows if r.cells]
    assert [r[:3] for r in rows] == [
        ["1", "[Day manh pho bien, giao duc phap luat", "10.306"],
        ["2", "[rien khai cai cach hanh chinh", "4.628"],
        ["3", "[Nang cao hieu qua bao ve moi truong", "2.700"],
    ]
    garbled = table_of_text(tmp_path, RULED_BUDGET_GARBLED)
    numbered = [r.cells for r in garbled.rows if r.cells and r.cells[0]]
    assert [r[0] for r in numbered] == ["1", "2", "3"]
    assert numbered[1][1].endswith("rien khai cai cach hanh chinh «Tatoo SC")
