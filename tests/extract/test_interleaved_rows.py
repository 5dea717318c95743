"""Rows of a task table read across its columns: numbers, headings, blocks, times."""

from __future__ import annotations

from sohoa.extract.cell_lines import move_junk_lines
from sohoa.extract.interleaved_rows import task_rows
from sohoa.extract.rebuild_edits import gathering_lines
from sohoa.model import Table, TableRow


def test_ruling_specks_are_not_words_of_a_cell():
    rows, complete = task_rows(
        ["Kiem tra cac co so . san xuat | UBND cap xa Hang", "1 tren dia ban tinh. \\ < nam"]
    )
    assert rows[0][1][1] == "Kiem tra cac co so san xuat tren dia ban tinh."
    assert complete == 1


def test_rows_read_one_line_each_split_at_their_times_and_numbers_in_sequence():
    """Old OCR of a table whose rows fit one line: a number may be lost, but each row
    has its own whole time cell; "9 khoa." continuing a sentence is no row number."""
    lines = [
        "1 Kien toan bao ve moi truong So Xay dung Nam 2026",
        "Day manh y te co so Cong an tinh Quy III/2026",
        "3 Tang cuong dao tao cho can bo; 60 trieu/khoa x So Noi vu 2026-2030",
        "9 khoa.",
    ]
    rows, complete = task_rows(lines)
    assert [cells[0] for _, cells in rows] == ["1", "", "3"]
    assert [cells[4] for _, cells in rows] == ["Nam 2026", "Quy III/2026", "2026-2030"]
    assert rows[2][1][1].endswith("x 9 khoa.")
    assert complete == 2  # the unnumbered row is not complete


def test_a_row_number_alone_on_its_line_opens_its_row():
    """Old OCR may put a row's number in a block of its own above the row's text blocks:
    the task (a whole sentence), then the agencies and the time, belong to that number."""
    rows, complete = task_rows(
        [
            "1.1",
            "Sua doi Nghi quyet ve ho tro ap dung",
            "tieu chuan tren dia ban tinh.",
            "So Khoa hoc | Cac so, ban, nganh,",
            "va Cong nghe | cac UBND cap xa 2025",
            "1.2",
            "Tham muu ban hanh Nghi quyet.",
            "So Tai chinh | UBND cap xa 2026",
        ]
    )
    assert [stt for stt, _ in rows] == ["1.1", "1.2"]
    first = rows[0][1]
    assert first[1].startswith("Sua doi Nghi quyet ve ho tro ap dung tieu chuan tren dia ban tinh.")
    assert first[2].startswith("So Khoa hoc") and first[4] == "2025"
    assert rows[1][1][4] == "2026" and complete == 2


def test_the_second_lines_of_both_agency_columns_continue_them():
    """Long agency names wrap ("Sở Khoa học / và Công nghệ"): a line whose last two pieces
    between rulings go on in lower case continues the lead and the partner, not the task."""
    rows, _ = task_rows(
        [
            "7.1 Hop tac voi cac to chuc nang suat | So Khoa hoc | Cac so, ban, nganh, Hang",
            "de tiep thu cac phuong phap moi | va Cong nghe | cac UBND cap xa nam",
        ]
    )
    cells = rows[0][1]
    assert cells[1] == "Hop tac voi cac to chuc nang suat de tiep thu cac phuong phap moi"
    assert cells[2] == "So Khoa hoc va Cong nghe"
    assert cells[3] == "Cac so, ban, nganh, cac UBND cap xa"
    assert cells[4] == "Hang nam"


def test_a_group_heading_is_a_row_of_its_own_and_its_first_sub_row_starts_after_it():
    """ "2 | Công tác …" over rows 2.1, 2.2: the heading holds only its text; the lines after
    it (read before 2.1's number, which sits on its middle line) are 2.1's."""
    rows, _ = task_rows(
        [
            "1.1 Kiem tra co so san xuat. | So Y te | UBND cap xa 2026",
            "2 | Cong tac dao tao can bo",
            "To chuc cac lop boi duong kien thuc",
            "2.1 quan ly cho can bo cap xa | So Noi vu | UBND cap xa Hang",
            "tren dia ban tinh. nam",
            "2.2 Tham quan hoc tap kinh nghiem. | So Noi vu | UBND cap xa 2027",
        ]
    )
    assert [stt for stt, _ in rows] == ["1.1", "2", "2.1", "2.2"]
    assert rows[1][1][1:] == ["Cong tac dao tao can bo", "", "", "", ""]
    assert rows[2][1][1].startswith("To chuc cac lop boi duong kien thuc quan ly cho can bo")
    # a top-level number whose next row is no sub-row of it is an ordinary row
    rows, _ = task_rows(["2 | Cong tac dao tao can bo", "cap xa. | So Noi vu 2026", "3 | Khac"])
    assert rows[0][1][1] == "Cong tac dao tao can bo cap xa."


def test_a_row_opened_by_its_lone_number_closes_at_a_sentence_end_once_its_cells_are_read():
    """A row opened by its number alone reads its text, sentences and all; once its agencies
    and time are read, a finished sentence ends it: the next row's number may be lost."""
    rows, _ = task_rows(
        [
            "1.3",
            "Trien khai chuong trinh quoc gia. Ke hoach",
            "So Khoa hoc | Cac so, ban, nganh, Hang",
            "va Cong nghe | cac UBND cap xa nam",
            "phat trien doanh nghiep den nam 2030.",
            "Nghien cuu danh gia nang suat cac nhan to | So Khoa hoc | Cac so, ban, nganh, Hang",
            "giai doan 2021-2025. | va Cong nghe | cac UBND cap xa nam",
        ]
    )
    assert [stt for stt, _ in rows] == ["1.3", ""]
    assert rows[0][1][1].endswith("Ke hoach phat trien doanh nghiep den nam 2030.")
    assert rows[1][1][1] == "Nghien cuu danh gia nang suat cac nhan to giai doan 2021-2025."


def test_a_dotted_number_before_lower_case_text_is_a_row_number_even_out_of_sequence():
    """ "2.3 | công cụ, …" continues its row's first lines (the number on its middle line):
    a dotted number is no number of the text, even after a misread one ("29" for 2.2); a
    plain one out of sequence before lower case is ("9 khóa.")."""
    rows, _ = task_rows(
        [
            "2.1 Ho tro doanh nghiep. | So Y te | UBND cap xa 2026",
            "29 To chuc truyen thong ve nang suat. | So Y te | UBND cap xa 2026",
            "To chuc dieu tra nhu cau ap dung cac | So Y te | UBND cap xa Hang",
            "2.3 | cong cu quan ly tien tien. | nam",
        ]
    )
    assert [stt for stt, _ in rows] == ["2.1", "29", "2.3"]
    assert rows[2][1][1] == "To chuc dieu tra nhu cau ap dung cac cong cu quan ly tien tien."


def test_a_number_before_specks_out_of_sequence_is_no_row_number():
    """ "4 A A Ao o=": a line of accents read alone starting with a digit opens no row."""
    rows, _ = task_rows(
        [
            "5.1 Duy tri co so du lieu. | So Y te | UBND cap xa 2026",
            "Xay dung mang luoi do luong cua tinh.",
            "4 A A Ao o= , 0/ +A",
            "5.2 dinh, hieu chuan tren dia ban. | So Y te | UBND cap xa 2027",
        ]
    )
    assert [stt for stt, _ in rows] == ["5.1", "5.2"]


def test_columns_read_one_block_after_another_under_a_lone_number():
    """Old OCR may read a row's cells as blocks, one column after another: once the task's
    sentence ended and the lead agency is read, a short lower-case line continues the last
    agency column, time words are the time; a year span wrapped in its cell is joined."""
    rows, complete = task_rows(
        [
            "7.2",
            "Ho tro doanh nghiep tham gia cac du an",
            "hop tac voi cac to chuc quoc te.",
            "So Khoa hoc",
            "va Cong nghe",
            "Cac so, ban, nganh,",
            "cac UBND cap xa",
            "2026-",
            "2030",
        ]
    )
    [(stt, cells)] = rows
    assert stt == "7.2"
    assert cells[1:5] == [
        "Ho tro doanh nghiep tham gia cac du an hop tac voi cac to chuc quoc te.",
        "So Khoa hoc va Cong nghe",
        "Cac so, ban, nganh, cac UBND cap xa",
        "2026-2030",
    ]
    assert complete == 1
    # before the task's sentence ends, a lower-case line is the task's; a span wrapped in
    # the task text is joined too
    rows, _ = task_rows(["7.2", "Ho tro doanh nghiep giai doan 2026-", "So Khoa hoc", "2030."])
    assert rows[0][1][1] == "Ho tro doanh nghiep giai doan 2026-2030."


def test_a_time_column_read_as_a_block_after_the_rows_gives_them_their_times():
    """Old OCR may read the time column on its own after the others, under its header:
    its cells go, in order, to the rows without a time, when there are as many of each."""
    lines = [
        "1.1 Kiem tra co so san xuat. | So Y te | UBND cap xa",
        "1.2 Tap huan can bo. | So Noi vu | UBND cap xa",
        "1.3 Tong ket. | So Tai chinh | UBND cap xa 2027",
        "Thoi",
        "gian",
        "Quy",
        "11/2027",
        "Hang",
        "nam",
        "Ghi chu",
    ]
    rows, _ = task_rows(lines)
    assert [cells[4] for _, cells in rows] == ["Quy 11/2027", "Hang nam", "2027", ""]
    assert rows[-1][1][1] == "Ghi chu"
    # with more times than rows to take them, nothing moves
    rows, _ = task_rows(lines[:1] + lines[2:])
    assert [cells[4] for _, cells in rows][:2] == ["", "2027"]


def test_a_row_whose_number_sits_on_its_middle_line_gets_its_first_lines_back():
    """Rows read across with their numbers on their middle lines: the lines between two
    numbers are shared. Row 1.1 ends with no full stop, so reading line by line gave row
    1.2's first line ("To chuc tap huan …") to 1.1; each row has about as many lines before
    its number as after it, and a row starts with a capital."""
    rows, _ = task_rows(
        [
            "Kiem tra cac co so san xuat kinh doanh",
            "1.1 tren dia ban tinh va cac huyen | So Y te | UBND cap xa 2026",
            "thuoc linh vuc quan ly nha nuoc",
            "To chuc tap huan cho can bo cap xa",
            "1.2 ve nghiep vu quan ly | So Noi vu | UBND cap xa 2027",
            "thuc hien tai co so",
        ]
    )
    assert [stt for stt, _ in rows] == ["1.1", "1.2"]
    assert rows[0][1][1].endswith("thuoc linh vuc quan ly nha nuoc")
    assert rows[1][1][1].startswith("To chuc tap huan cho can bo cap xa ve nghiep vu")
    assert rows[1][1][2:5] == ["So Noi vu", "UBND cap xa", "2027"]


def test_a_task_of_several_sentences_read_across_stays_whole():
    """Row 2.1's task has two sentences; its number sits on its third line of five, so the
    sentence after the first full stop is still 2.1's (line by line it opened row 2.2)."""
    rows, _ = task_rows(
        [
            "Ra soat quy trinh noi bo cua cac",
            "co quan. Cap nhat du lieu",
            "2.1 ve dan cu cua tinh. | So Tu phap | UBND cap xa 2026",
            "Bao cao ket qua thuc hien",
            "cho lanh dao tinh.",
            "Tham muu ban hanh quy che",
            "2.2 phoi hop lien nganh. | So Noi vu | Cac so, ban, nganh 2027",
        ]
    )
    assert [stt for stt, _ in rows] == ["2.1", "2.2"]
    assert rows[0][1][1].endswith("cua tinh. Bao cao ket qua thuc hien cho lanh dao tinh.")
    assert rows[1][1][1] == "Tham muu ban hanh quy che phoi hop lien nganh."


def test_specks_before_a_rows_first_line_do_not_hide_its_capital():
    """ "i i S ~|S6 Khoa hoc va": accents and a ruling read before the lead agency's first
    line; the row starts there (its first real word is capitalised), not one line later."""
    rows, _ = task_rows(
        [
            "To chuc hoi nghi pho bien kien thuc",
            "2.1 cho doanh nghiep | So Khoa hoc | Cac so, ban, nganh, Hang",
            "tren dia ban tinh. | va Cong nghe | cac UBND cap xa nam",
            "i i S ~|S6 Khoa hoc va",
            "2.2 To chuc truyen thong ve nang suat | Cac so, ban, nganh, | Hang",
            "tren cac phuong tien thong tin | cac UBND cap xa nam",
        ]
    )
    assert [stt for stt, _ in rows] == ["2.1", "2.2"]
    assert rows[0][1][1].endswith("kien thuc cho doanh nghiep tren dia ban tinh.")


def test_a_row_read_across_whose_number_was_lost_stays_a_row_between_numbered_ones():
    """Between rows 5 and 7 (numbers on their middle lines, each with its time), a line
    with its own task text, agency and whole time is row 6's middle line, its number lost:
    a row of its own, not lines shared by 5 and 7."""
    rows, _ = task_rows(
        [
            "Nang cao hieu qua phat trien doanh",
            "5 nghiep cap huyen | So Tai chinh | So Xay dung Quy I/2027",
            "theo ke hoach",
            "To chuc thuc hien giam ngheo ben | So Noi vu | Cong an tinh Nam 2026",
            "vung cap huyen",
            "To chuc pho bien, giao duc phap luat",
            "7 cap huyen | So Tu phap | So Giao thong van tai Quy III/2027",
        ]
    )
    assert [(stt, cells[4]) for stt, cells in rows] == [
        ("5", "Quy I/2027"),
        ("", "Nam 2026"),
        ("7", "Quy III/2027"),
    ]
    assert rows[1][1][1] == "To chuc thuc hien giam ngheo ben vung cap huyen"


def test_a_time_wrapped_in_its_column_ends_on_a_line_with_no_agency():
    """ "Hằng" / "năm", "Quý" / "II/2027": the time's second line, read at the end of a line
    holding task text and the agencies' second lines but no agency name, ends the time."""
    rows, _ = task_rows(
        [
            "Kiem tra co so san xuat | So Y te | UBND cap xa Hang",
            "1.1 tren dia ban tinh thuoc linh vuc y te nam",
        ]
    )
    assert rows[0][1][1] == "Kiem tra co so san xuat tren dia ban tinh thuoc linh vuc y te"
    assert rows[0][1][4] == "Hang nam"
    rows, _ = task_rows(
        [
            "Kiem tra co so san xuat | So Y te | UBND cap xa Quy",
            "1.1 tren dia ban tinh thuoc linh vuc y te II/2027",
        ]
    )
    assert rows[0][1][4] == "Quy II/2027"


def test_a_new_agency_name_after_a_finished_lead_is_the_partner_even_on_the_number_line():
    """The lead ("Sở Y tế", not ending in "," or "và") was read on the line above; "UBND cấp
    xã" on the number's line starts another name: the partner's, not more of the lead's."""
    rows, _ = task_rows(
        [
            "Kiem tra co so san xuat | So Y te",
            "1.1 tren dia ban tinh. | UBND cap xa | Hang nam",
        ]
    )
    assert rows[0][1][2:5] == ["So Y te", "UBND cap xa", "Hang nam"]


def test_cac_before_ubnd_is_the_agency_lists_not_the_tasks():
    """ "các UBND cấp xã", a partner list's second line read across: its "các" comes before
    the agency name's first word and is no word of the task."""
    rows, _ = task_rows(
        [
            "Kiem tra co so san xuat | So Y te | Cac so, ban, nganh, Hang",
            "1.1 tren dia ban tinh. cac UBND cap xa nam",
        ]
    )
    assert rows[0][1][1] == "Kiem tra co so san xuat tren dia ban tinh."
    assert rows[0][1][3] == "Cac so, ban, nganh, cac UBND cap xa"


def test_a_sub_rows_number_whose_dot_was_read_as_a_digit_starts_its_row():
    """ "241 luat tren dia ban …" after group 2's heading: row 2.1's number on its middle
    line with its dot read as a "4" (three digits, no row number on their own); the
    sequence says it is the next sub-row's, so the lines around it are row 2.1, not more of
    the heading's text. The number stays as read (``numbering`` repairs it)."""
    rows, _ = task_rows(
        [
            "| 2 | Day manh chuyen doi so | | | | |",
            "To chuc thuc hien phat trien du lich theo Ke hoach so",
            "12/KH-UBND. Kien toan pho bien, giao duc phap Ban Quan ly",
            "241 luat tren dia ban tinh nham trien khai phong, chong cac khu cong | 2027-2030",
            "thien tai den nam 2030. nghiep",
            "2.2 | Day manh quan ly chat thai ran. | So Y te | Hang nam",
        ]
    )
    assert [stt for stt, _ in rows] == ["2", "241", "2.2"]
    assert rows[0][1][1] == "Day manh chuyen doi so"
    assert rows[1][1][1].startswith("To chuc thuc hien phat trien du lich")


def test_a_row_number_with_a_ruling_read_as_a_bracket_after_it_starts_its_row():
    """ "1.2). ce ae cae ban nhan dan": row 1.2's number on its middle line, the column's
    ruling read as ")" after it; the sequence (after 1.1) says it is the row's number, so
    row 1.2 is a row of its own, not more of 1.1's text."""
    rows, _ = task_rows(
        [
            "1.1 Kien toan giao duc nghe nghiep cap huyen. | Ban Quan ly | Hang nam",
            "Tang cuong phat trien doanh nghiep tai co so gop",
            "1.2). ce ae cae ban nhan dan Cac so, ban, nganh, | Hang",
            "Day manh phat trien doanh nghiep. UBND cac huyen nam",
        ],
        "1",
    )
    assert [stt for stt, _ in rows] == ["1.1", "1.2"]
    assert rows[1][1][1].startswith("Tang cuong phat trien doanh nghiep")


def test_a_year_span_cut_in_two_is_joined_again_in_the_time_cell():
    rows, _ = task_rows(
        [
            "Ra soat thu tuc hanh chinh cap huyen. Tang Sở Tu phap Cac so, ban, nganh; | 2028-2",
            "1.1 cuong kiem tra cong vu cap xa. UBND cap xa 030",
        ]
    )
    assert rows[0][1][2:5] == ["Sở Tu phap", "Cac so, ban, nganh; UBND cap xa", "2028-2030"]


def test_a_lead_wrapped_over_three_lines_takes_its_rest_back_line_by_line():
    rows, _ = task_rows(
        [
            "Ra soat thu tuc hanh chinh ve dau tu | Ban Quan ly Cac co quan, don vi | 2027-2",
            "1.1 | va dat dai cap huyen. Tang cuong cong tac | cac khu c6ng lian quan 030",
            "kiem tra sau dau tu tai dia phuong |nghiép",
        ]
    )
    _, task, lead, partner, time, _ = rows[0][1]
    assert (lead, partner, time) == (
        "Ban Quan ly cac khu c6ng nghiép",
        "Cac co quan, don vi lian quan",
        "2027-2030",
    )
    assert task == (
        "Ra soat thu tuc hanh chinh ve dau tu va dat dai cap huyen. Tang cuong cong tac"
        " kiem tra sau dau tu tai dia phuong"
    )


def test_a_names_rest_is_looked_for_only_on_the_line_after_the_cell_grew():
    """The lead's next line is read on the line after it: two lines on, "các khu công
    nghiệp" is the task's own."""
    rows, _ = task_rows(
        [
            "Thu hut dau tu | Ban Quan ly | UBND cap xa | 2027",
            "1.1 | vao tinh, phat trien ha tang",
            "giao thong ket noi cac khu cong nghiep.",
        ]
    )
    _, task, lead, _, _, _ = rows[0][1]
    assert lead == "Ban Quan ly"
    assert task.endswith("ket noi cac khu cong nghiep.")


def test_a_span_piece_beside_a_whole_time_stays_with_the_agencies():
    """ "2028-2" read on a row whose time is "Hằng năm": another row's piece, read among this
    row's agencies (a line read across with its columns shifted); it stays with them."""
    rows, _ = task_rows(
        [
            "Ra soat thu tuc hanh chinh. | Sở Tu phap | UBND cac huyen, 2028-2 | Hang nam",
        ]
    )
    assert rows[0][1][3:5] == ["UBND cac huyen, 2028-2", "Hang nam"]


def test_the_lines_of_a_task_cell_are_noted_for_cell_lines():
    """A speck's line "mn ge" between two lines of a row's task, read across the columns:
    the task's lines are noted (``rebuild_edits.gathering_lines``) as other readers' are,
    so ``cell_lines`` moves the line out of the cell to its noise record."""
    with gathering_lines() as lines:
        rows, _ = task_rows(
            ["1 Kiem tra cac co so san xuat | UBND cap xa Hang", "mn ge", "tren dia ban tinh. nam"]
        )
    cells = rows[0][1]
    assert cells[1] == "Kiem tra cac co so san xuat mn ge tren dia ban tinh."
    assert ("mn", "ge") in lines
    table = Table(columns=["TT", "Nội dung", "Đơn vị chủ trì"], rows=[TableRow(cells=cells[:3])])
    (edit,) = move_junk_lines(table, 0, lines, None)
    assert table.rows[0].cells[1] == "Kiem tra cac co so san xuat tren dia ban tinh."
    assert edit.original == cells[1]
