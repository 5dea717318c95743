"""``extract/budget_lines``: the lines of a budget table that old OCR read across its
columns — row number, text, amounts, agencies — and the test that a table was read so."""

from __future__ import annotations

from sohoa.extract.budget_lines import (
    budget_amount_run,
    budget_line,
    budget_row_groups,
    is_interleaved_budget,
)
from sohoa.extract.flattened_lines import PAGE_BREAK


def test_a_budget_of_rows_whose_total_is_their_one_year_is_read_across():
    """Rows of two equal amounts ("… hội nghị 60 60 Sở KH&CN": a total and its one year)
    are the rows' amounts the reader groups with, so they tell a table read across too."""
    lines = [
        "To chuc hoi nghi tong ket 60 60 So KH&CN UBND cap xa",
        "Xay dung phong su tuyen truyen 80 80 So Noi vu UBND cap xa",
        "Hoc tap kinh nghiem trong tinh 40 40 So Y te UBND cap xa",
    ]
    assert is_interleaved_budget(lines)
    # a year is no amount of the row ("Năm 2026 2026" is no run)
    assert not is_interleaved_budget([f"Ke hoach nam 2026 2026 dong {k}" for k in range(3)])


def test_rulings_read_as_brackets_and_dashes_read_as_semicolons_are_no_break_in_a_run():
    """ "1.000}", "{1000}": a ruling glued to an amount; "50 ; 20 ; ;" the row's dashes read
    ";" by an English-model OCR, after an amount or a dash only."""
    head, values, tail = budget_amount_run("Xay dung 5.000 | 570 | 1.000} 500 {1000} So Y te")
    assert values == ["5.000", "570", "1.000", "500", "1000"]
    assert (head, tail) == ("Xay dung", "So Y te")
    _, values, tail = budget_amount_run("Day manh 50 ; 20 ; 20 ; ; ; 10 ; So Xay dung")
    assert values == ["50", "-", "20", "-", "20", "-", "-", "-", "10", "-"]
    assert tail == "So Xay dung"
    # a ";" in the text, after a word, stays the text's
    assert budget_amount_run("ngành; UBND cấp xã") is None


def test_a_misread_row_number_on_the_line_of_the_rows_amounts():
    """ "! thirc … 7.000 1.400 …": the 1 read "!" is kept as read (numbering.py puts it
    right from the sequence); "y_ |": a letter on the ruling under the number, lost ("")."""
    number, text, values, _ = budget_line("! thirc ve nang suat. 7.000 1.400 1.400 So KH&CN")
    assert (number, text, values) == ("!", "thirc ve nang suat.", ["7.000", "1.400", "1.400"])
    number, text, _, _ = budget_line("y_| FO chuc thuc hien 200 20 180 UBND cap xa")
    assert (number, text) == ("", "FO chuc thuc hien")
    # without amounts on the line, "l" and "!" are no row number
    assert budget_line("! thirc ve nang suat, chat luong")[0] is None


def test_a_row_number_read_as_a_closing_quote_on_the_line_of_the_rows_amounts():
    """ "” Viwu trot … 200 | 50 …": a 7 whose stroke was lost, read as a closing quote, is
    a row number lost (""), which numbering.py settles from the sequence; it is no text.
    Without amounts on the line, it stays the text's."""
    number, text, values, _ = budget_line("” luu tru (11 co so x 40 trieu 200 | 50 50 50 50 UBND")
    assert (number, text) == ("", "luu tru (11 co so x 40 trieu")
    assert values == ["200", "50", "50", "50", "50"]
    assert budget_line("” luu tru (11 co so x 40 trieu dong)")[0] is None


def test_a_row_number_with_the_ruling_under_it_read_an_underscore():
    """ "3_ |", "4_| Tang cuong …": the ruling under the number read "_", touching the
    column's ruling "|" or not."""
    assert budget_line("3_ | Nang cao hieu qua 1.090 500 230 360 So Noi vu")[0] == "3"
    number, text, values, _ = budget_line("4_| Tang cuong phat trien 250 250 | So Xay dung")
    assert (number, text, values) == ("4", "Tang cuong phat trien", ["250", "250"])


def test_lines_going_on_in_lower_case_after_a_rows_number_line_are_that_rows():
    """ "don vi lien quan" under row 2's line ("… So Xay dung Cac co quan,") goes on with
    row 2's partner cell; row 3's first line starts with a capital. Before, the lines
    between two numbered lines were halved and it began row 3's text."""
    groups = budget_row_groups(
        [
            "2 |Kien toan y te co so tai co so. 150 50 50 50 So Xay dung Cac co quan,",
            "don vi lien quan",
            "3_ | Nang cao hieu qua phat trien 1.090 500 230 360 So Noi vu",
            "doanh nghiep tai co so.",
        ]
    )
    assert [[line[0] for line in group] for group in groups] == [["2", None], ["3", None]]


def test_a_page_break_between_two_numbered_lines_is_where_their_rows_part():
    """Row 4.1 ends on its page ("xuat.", its partner's "UBND cap xa, To chuc,"); row 4.2
    begins on the next, after the repeated header (a ``PAGE_BREAK``), with the top of its
    partner cell ("Cac So, ban,"). Shared by sentences, 4.1's last line went to 4.2."""
    groups = budget_row_groups(
        [
            "4.1 |chay, chira chay cho co so san 150 50 50 50 Cong an tinh",
            "xuat.",
            "UBND cap xa, To chuc,",
            PAGE_BREAK,
            "Cac So, ban,",
            "4.2 |HO tro hoi nghi tong ket ve giam 150 50 50 50 So Khoa hoc va nganh; UBND",
            "ngheo ben vung cho nguoi dan. Cong nghe",
        ]
    )
    assert [[line[0] for line in group] for group in groups] == [
        ["4.1", None, None],
        [None, "4.2", None],
    ]


def test_lines_going_on_in_lower_case_after_a_page_break_continue_the_row_above():
    """A row split by the page break: its cells go on in lower case at the top of the next
    page ("cap xa, To chuc,"), before the next row's first line (a capital)."""
    groups = budget_row_groups(
        [
            "1 |Ho tro doanh nghiep ap dung 500 250 250 So Y te Cac So, ban,",
            PAGE_BREAK,
            "nganh; UBND cap xa.",
            "To chuc hoi thao ve nang suat,",
            "2 |chat luong. 400 200 200 So KH&CN UBND cap xa",
        ]
    )
    assert [[line[0] for line in group] for group in groups] == [["1", None], [None, "2"]]


def test_a_row_number_whose_dot_was_read_as_a_dash_before_the_ruling():
    """ "2-3 | thu, luu tru …" is row 2.3 (its dot read "-"), not a range of the text;
    "2026-2030" stays text."""
    number, text, values, _ = budget_line("2-3 | thu, luu tru (49 san pham 1.170 200 170 400 400")
    assert (number, text) == ("2.3", "thu, luu tru (49 san pham")
    assert values == ["1.170", "200", "170", "400", "400"]
    assert budget_line("2026-2030 | Tang cuong 100 100")[0] is None


def test_a_section_numeral_whose_ii_was_read_h_on_the_middle_line_of_its_row():
    """Section III is a row with its own amounts, its numeral on the middle line of its
    title, read "HI" (its "II" read "H"), specks after it: that line is numbered III and
    its title's lines around it are its row's. Without amounts, "HI" is text."""
    assert budget_line("HI . ° ° 300 100 100 100 So Y te UBND cap xa") == (
        "III",
        "",
        ["300", "100", "100", "100"],
        "So Y te UBND cap xa",
    )
    lines = [
        "4 | Kien toan cong tac van thu. 200 100 100 So Noi vu UBND cap xa",
        "To chuc thuc hien bao ve moi",
        "HI . ° ° 300 100 100 100 So Y te UBND cap xa",
        "truong",
    ]
    groups = budget_row_groups(lines)
    assert [[line[0] for line in g] for g in groups] == [["4"], [None, "III", None]]
    assert budget_line("HI there")[0] is None


def test_a_capital_cac_inside_a_line_opens_the_partners_collective_name():
    """ "… mô hình điểm về xây Các doanh": a capital "Các" inside the line, no sentence
    ending before it, starts the partner's cell ("Các doanh nghiệp"); after a finished
    sentence it opens the task's next sentence."""
    assert budget_line("Ho tro mo hinh diem ve xay Cac doanh", amounts=False)[1:] == (
        "Ho tro mo hinh diem ve xay",
        [],
        "Cac doanh",
    )
    assert budget_line("tai co so. Cac doanh nghiep ap dung", amounts=False)[3] == ""


def test_a_stray_digit_out_of_sequence_before_an_agency_cell_is_no_row_number():
    """A digit read at the top of a new page before the agency cells of the row above going
    on ("8 S@Gidoducva" for "Sở Giáo dục và", after row 4 of a section numbered 1 to 4)
    starts no row: a row opens with its task; "5" after 4 is still a row."""
    lines = [
        "Xay dung hoi nghi tong ket ve Cac So, ban,",
        "4 |phat trien doanh nghiep cho hop 340 340 nganh; UBND",
        PAGE_BREAK,
        "8 S@Gidoducva| . _ _.",
        "tac xa. Dao tao cap xa, To",
    ]
    groups = budget_row_groups(lines)
    assert [[line[0] for line in group] for group in groups] == [[None, "4", None, None]]
    assert groups[0][2][1].startswith("8 S@Gidoducva")
    in_sequence = budget_row_groups([*lines[:3], "5 So Y te 100 100"])
    assert [[line[0] for line in group] for group in in_sequence] == [[None, "4"], ["5"]]


def test_a_sub_rows_number_with_its_last_digit_read_as_a_letter_is_settled_by_the_sequence():
    """ "3.g [thu pham …" with amounts after it is row 3.3 after 3.2 (its last digit read
    "g", the ruling "["), a row of its own, not 3.2's; a lettered item "1.a" is no such
    misreading and stays text."""
    groups = budget_row_groups(
        [
            "3.2 |pham x 70 trieu dong); Ho tro 2.000 500 500 500 500 |Nganh; UBND",
            "nhan.",
            "Ho tro hop tac xa Ap dung phat",
            "3.g [thu pham (10 san pham x 60 | 350 | 110 | 110 | 130 | So Noi vu",
            "4 |dam an toan thuc pham 4.620 | 2.800 | 1.400 | 300 | 120 So Khoa hoc",
        ]
    )
    numbers = [[line[0] for line in group] for group in groups]
    assert numbers == [["3.2", None], [None, "3.3"], ["4"]]
    assert groups[1][1][1] == "thu pham (10 san pham x"
    assert budget_line("1.a | thu pham 60 | 350 | 110 | 110 | 130")[0] is None


def test_two_equal_amounts_with_the_empty_cells_rulings_between_are_a_run():
    """ "| 100 | | | 100 |": a total and its one year, the empty years' rulings between
    them; the agencies after keep their ruling."""
    read = budget_amount_run("Nang cao hieu qua, | 100 | | | 100 | So KH&CN | UBND cap xa |")
    assert read == ("Nang cao hieu qua, |", ["100", "", "", "100"], "| So KH&CN | UBND cap xa |")
    assert budget_amount_run("Nang cao hieu qua, | 100 | | | 200 | So KH&CN") is None


def test_two_equal_amounts_one_read_without_its_thousands_dot_are_a_run():
    """ "| 1.400 | 1400 | . |": the total and its one year, the second read without its
    dot (the blank year's dash read "."): equal amounts, both kept as read."""
    read = budget_amount_run("| 2. |Trien khai cai cach hanh chinh | 1.400 | 1400 | . |")
    assert read is not None
    assert read[1] == ["1.400", "1400"]
    assert budget_amount_run("| 2. |Trien khai cai cach | 1.400 | 1500 | . |") is None


def test_a_lone_consonant_before_the_tt_columns_ruling_is_a_lost_row_number():
    """ "g [thon moi … 3.380 310 …": a row number read as a consonant before the ruling read
    "[" is lost (""), left to the numbering; "a [" (a Vietnamese word) is no number."""
    number, text, values, _ = budget_line("g [thon moi (24 luot 3.380 | 310 | 70 | 2.000 So Y te")
    assert (number, text, values) == ("", "thon moi (24 luot", ["3.380", "310", "70", "2.000"])
    assert budget_line("a [thon moi 3.380 | 310 | 70 | 2.000 So Y te")[0] is None


def test_a_speck_read_as_a_dot_after_an_amount_between_amounts():
    """ "3.380 | 310 | 70. | 2.000 1.000": the dot after 70 is a speck, the run goes on; a
    dot after the run's last amount is left as read."""
    _, _, values, _ = budget_line("Ho tro 3.380 | 310 | 70. | 2.000 1.000 So Y te")
    assert values == ["3.380", "310", "70", "2.000", "1.000"]
    assert budget_line("Ho tro 1.000 2.000. So Y")[2] == []


def test_an_amount_misread_as_letters_between_rulings_stays_in_the_run():
    """Rulings part the cells: "aso." (for 11.101) and "ao" (for 400), each between two
    rulings among the amounts, are cells of the run, kept as read, so the others keep
    their columns; a word ending the text before amounts that add up stays the text's, and
    a misread cell never ends a run."""
    line = "| 3 [To chuc giao duc nghe nghiep | aso. | 132 | - | 7800 | 3169 |"
    assert budget_amount_run(line)[1] == ["aso.", "132", "-", "7800", "3169"]
    line = "| 10 [To chuc phong chay, chua chay | 400 } - | ao | - | - |"
    assert budget_amount_run(line)[1] == ["400", "-", "ao", "-", "-"]
    line = "| 2 [Tang cuong bao dam an toan | tinh. | 300 | 100 | 100 | 100 |"
    assert budget_amount_run(line)[1] == ["300", "100", "100", "100"]
    assert budget_amount_run("| 2 [Tang cuong | 300 | 100 | 100 | 10o | ab |")[1][-1] != "ab"


def test_a_sectors_name_ending_among_the_tasks_words_starts_the_agencies():
    """A lead "Sở Giáo dục và Đào tạo" wrapped in its narrow cell, its end read across on
    a line of the task's ("… doan hoc" then "Dao tao" then the partner's "hop tac xa"), or
    on a line of its own between two of the task's after a speck ("a va Dao tao …"): the
    agencies start there; the task's "khoa dao tao" in lower case stays the task's."""
    line = "cho to chuc, ca nhan ve y te co so; doan hoc Dao tao hop tac xa"
    assert budget_line(line)[1:] == (
        "cho to chuc, ca nhan ve y te co so; doan hoc",
        [],
        "Dao tao hop tac xa",
    )
    assert budget_line("a va Dao tao don vi lien quan")[1:] == (
        "a",
        [],
        "va Dao tao don vi lien quan",
    )
    assert budget_line("Xay dung khoa dao tao, boi duong")[1:] == (
        "Xay dung khoa dao tao, boi duong",
        [],
        "",
    )
