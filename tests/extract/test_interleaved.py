"""Lines of a task table read across its columns: split into number, task, agency, time."""

from __future__ import annotations

from sohoa.extract.interleaved import is_interleaved, split_line
from sohoa.extract.interleaved_rows import task_rows


def test_line_split_at_the_first_agency_name_and_trailing_time():
    line = "2 kiem tra chat luong hang hoa | Cac So, ban, nganh; S6 Cong Thuong Hang"
    assert split_line(line) == (
        "2",
        "kiem tra chat luong hang hoa",
        "Cac So, ban, nganh; S6 Cong Thuong",
        "Hang",
        "",
    )
    # what follows the time is the notes column; "học" is no time word
    assert split_line("So Khoa hoc 2026 | Chu tich UBND tinh ky")[2:] == (
        "So Khoa hoc",
        "2026",
        "Chu tich UBND tinh ky",
    )


def test_numbers_that_are_not_row_numbers_stay_in_the_text():
    number, task, agency, _time, _ = split_line("2026-2030 va dinh huong den nam 2045.")
    assert number is None and task.startswith("2026-2030") and agency == ""
    # a number is never the head of an agency name, whatever follows it
    assert split_line("31 Xay dung mo hinh")[2] == ""
    assert split_line("cong nghe S6 KH&CN 2027")[1:] == ("cong nghe", "S6 KH&CN", "2027", "")


def test_interleaved_needs_several_lines_with_text_then_agency():
    across = [
        "Kiem tra cac co so san xuat | UBND cap xa Hang",
        "1 tren dia ban tinh ve chat luong So Y te nam",
        "Tap huan cho can bo quan ly Ban Quan ly cac KCN 2027",
    ]
    one_cell_per_line = ["1", "Kiem tra cac co so.", "UBND cap xa", "Hang", "nam"]
    assert is_interleaved(across)
    assert not is_interleaved(one_cell_per_line)


def test_agency_heads_repaired_with_edits():
    from sohoa.extract.interleaved import repair_cells
    from sohoa.model import Table, TableRow

    table = Table(
        columns=["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        rows=[
            TableRow(cells=["1", "Kiểm tra.", "Các Số, ban, ngành", "S& KH&CN", "Hằng năm"]),
            TableRow(cells=["2", "Số liệu 36 tháng.", "S6 Tài chính", "UBND cấp xã", "2027"]),
        ],
    )
    edits = repair_cells(table, [2, 3], table_index=0)
    assert table.rows[0].cells == ["1", "Kiểm tra.", "Các Sở, ban, ngành", "Sở KH&CN", "Hằng năm"]
    assert table.rows[1].cells == ["2", "Số liệu 36 tháng.", "Sở Tài chính", "UBND cấp xã", "2027"]
    assert len(edits) == 3 and all(e.reason == "table-cell-pattern" for e in edits)
    assert edits[1].original == "S& KH&CN" and edits[1].table == 0


def test_a_ruling_touching_the_row_number_and_whole_times():
    assert split_line("4 |Trien khai giam ngheo So Y te Quy 11/2027")[:2] == (
        "4",
        "Trien khai giam ngheo",
    )
    assert split_line("| 8 | To chuc thuc hien So Noi vu 2026")[0] == "8"
    # a quarter is a time; with no agency read, a whole time ending the line still is
    assert split_line("Tang cuong phong chay So Y te Quy 1V/2027")[3] == "Quy 1V/2027"
    assert split_line("Tang cuong phat trien du lich tren dia ban Nam 2026")[1:4] == (
        "Tang cuong phat trien du lich tren dia ban",
        "",
        "Nam 2026",
    )


def test_a_year_the_task_sentence_holds_is_not_the_time_column():
    """With no agency read, a year ending the line is the time column's, unless the task's
    sentence holds it: after "giai đoạn", "đến năm", or followed by a comma."""
    assert split_line("Trien khai de an giai doan 2026-2030")[3] == ""
    assert split_line("hoat dong do luong giai doan 2026-2030,")[1:4] == (
        "hoat dong do luong giai doan 2026-2030,",
        "",
        "",
    )
    assert split_line("Phat trien doanh nghiep den nam 2030")[3] == ""
    assert split_line("Phat trien doanh nghiep tren dia ban 2027")[3] == "2027"


def test_the_agencies_second_lines_before_a_notes_cell():
    """ "… | và Công nghệ | các UBND cấp xã năm | thức nhiệm vụ": the agencies' second lines,
    the time, then the notes column after another ruling."""
    assert split_line("cua tinh giai doan | va Cong nghe | cac UBND cap xa nam | thuc nhiem vu")[
        1:
    ] == ("cua tinh giai doan", "va Cong nghe | cac UBND cap xa", "nam", "thuc nhiem vu")
    # with no time before it, a fourth piece is no notes cell
    assert not split_line("a b c | va Cong nghe | cac UBND cap xa | thuc nhiem vu")[2].startswith(
        "va Cong nghe"
    )


def test_a_name_after_a_known_names_own_comma_starts_the_next_agency_cell():
    """ "Sở Văn hóa, Các cơ quan, đơn vị" read on one line: the comma is "Sở Văn hóa,
    Thể thao và Du lịch"'s own (its rest wrapped below), so "Các cơ quan" starts the next
    column's cell; after a list's comma ("Các sở, ban, ngành, UBND …") the name goes on."""
    from sohoa.extract.interleaved import split_agencies

    assert split_agencies("Sở Văn hóa, Các cơ quan, đơn vị") == [
        "Sở Văn hóa,",
        "Các cơ quan, đơn vị",
    ]
    assert split_agencies("Các sở, ban, ngành, UBND cấp xã") == ["Các sở, ban, ngành, UBND cấp xã"]
    assert split_agencies("Sở Nội vụ, Sở Y tế") == ["Sở Nội vụ, Sở Y tế"]


def test_a_lower_case_so_heading_a_known_name_starts_the_agency():
    """ "số Lao động - Thương binh và Xã": "Sở" misread (and restored) in lower case, then
    the words of a known name: the lead agency starts there, not more of the task; a "số"
    before a number ("Kế hoạch số 12/KH-UBND") or a plain word stays the task's."""
    line = "5 tổ chức thực hiện quản lý đất đai tại cơ sở số Lao động - Thương binh và Xã"
    line += " Quý II/2028"
    assert split_line(line)[1:4] == (
        "tổ chức thực hiện quản lý đất đai tại cơ sở",
        "số Lao động - Thương binh và Xã",
        "Quý II/2028",
    )
    assert split_line("Thực hiện theo Kế hoạch số 12/KH-UBND | Sở Y tế")[2] == "Sở Y tế"
    assert split_line("kiểm tra số Liệu thống kê | Sở Y tế")[1] == "kiểm tra số Liệu thống kê"


def test_a_ruling_read_as_a_bracket_before_a_name_starts_the_next_agency_cell():
    """ "Sở Giao thông [Các cơ quan, đơn vị": the partner column's ruling read "[" glued to
    its first word; the name still starts there (the lead's "vận tải" wrapped below)."""
    from sohoa.extract.interleaved import split_agencies

    assert split_agencies("Sở Giao thông [Các cơ quan, đơn vị") == [
        "Sở Giao thông",
        "[Các cơ quan, đơn vị",
    ]


def test_a_capital_so_before_a_known_names_words_in_lower_case_starts_the_agency():
    """ "So van hoa, Thé thao": "Sở" read "So", the name after it in lower case (old OCR
    lost its capitals): the agency starts there; "So sánh" (no known name) stays text."""
    line = "2 Day manh phong chay, chua chay tai So van hoa, The thao 2026-2030"
    assert split_line(line)[1:4] == (
        "Day manh phong chay, chua chay tai",
        "So van hoa, The thao",
        "2026-2030",
    )
    assert split_line("So sanh ket qua thuc hien | So Y te")[1] == "So sanh ket qua thuc hien"
    # "Số hóa hồ sơ": digitising, no "Sở Khoa học" with two slips in short words
    assert split_line("4 Số hóa hồ sơ hộ tịch lưu trữ. | Sở Tư pháp")[2] == "Sở Tư pháp"


def test_a_name_begun_goes_on_though_its_next_word_heads_names_too():
    """ "Van phong" / "Uy ban": one name ("Văn phòng Ủy ban nhân dân tỉnh"), not the lead's
    "Văn phòng" and a partner "Ủy ban …"; a lower-case head read at the end of the task's
    words ("| van phong Uy ban …") is the name's too."""
    from sohoa.extract.interleaved import split_agencies

    line = "1 Ra soat thu tuc hanh chinh Van phong Uy ban So Tu phap 2026-2030"
    agencies = split_line(line)[2]
    assert split_agencies(agencies) == ["Van phong Uy ban", "So Tu phap"]
    line = "| 9 |Tong hop bao céo dinh ky | van phong Uy ban nhan dan tinh | Nam 2026 |"
    assert split_line(line)[1:4] == (
        "Tong hop bao céo dinh ky",
        "van phong Uy ban nhan dan tinh",
        "Nam 2026",
    )
    # "các" before "Sở Y tế" makes a shorter name than "Sở Y tế": the task's own word
    line = "To chuc dieu tra nhu cau ap dung cac | So Y te | UBND cap xa Hang"
    assert split_line(line)[1] == "To chuc dieu tra nhu cau ap dung cac"


def test_an_agency_head_read_in_lower_case_before_a_known_name():
    """ "se van hoa, The thao" ("Sở" in lower case), "be Lao dong - Thuong binh" (its "S"
    read "b"); never the "sở" of "cơ sở", nor "cán bộ"."""
    from sohoa.extract.interleaved import split_agencies

    line = "| 5 Ho tro viéc lam tai co so be Lao dong - Thuong binh va Xa | Quy 11/2028 |"
    assert split_line(line)[1:3] == (
        "Ho tro viéc lam tai co so",
        "be Lao dong - Thuong binh va Xa",
    )
    line = "6 Bao ton di tich ben se van hoa, The thao Van phong Uy ban nhan dan tinh Nam 2026"
    _, task, agencies, time, _ = split_line(line)
    assert (task, time) == ("Bao ton di tich ben", "Nam 2026")
    assert split_agencies(agencies) == ["se van hoa, The thao", "Van phong Uy ban nhan dan tinh"]
    assert split_line("Xay dung co so van hoa, the thao tai xa")[2] == ""
    assert split_line("Dao tao can bo Tai chinh cap xa nam 2026")[2] == ""


def test_a_lower_case_head_before_a_known_name_is_spelt_so():
    from sohoa.extract.interleaved import repair_cells
    from sohoa.model import Table, TableRow

    table = Table(
        columns=["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        rows=[
            TableRow(cells=["5", "Quản lý đất đai", "be Lao dong - Thuong binh va Xa", "", "2028"]),
            TableRow(cells=["6", "Giảm nghèo", "se van hoa, The thao va Du lich", "", "2026"]),
        ],
    )
    repair_cells(table, [2, 3], table_index=0)
    assert table.rows[0].cells[2] == "Sở Lao dong - Thuong binh va Xa"
    assert table.rows[1].cells[2] == "Sở van hoa, The thao va Du lich"


def test_a_year_span_cut_where_its_cell_wraps_is_the_time_not_the_agencys():
    """ "2027-2" / "030": "2027-2030" in a narrow time column, cut in two, each piece read on
    its line after the agencies (and before the notes)."""
    line = "bao dam tang cuong cong tac | Ban Quan ly Cac co quan, don vi | 2027-2 theo hinh"
    assert split_line(line)[2:] == ("Ban Quan ly Cac co quan, don vi", "2027-2", "theo hinh")
    assert split_line("cai cach hanh chinh cap huyen. UBND cap xa 030")[2:4] == (
        "UBND cap xa",
        "030",
    )


def test_a_national_committee_the_task_names_stays_in_the_task_text():
    """ "Ủy ban Tiêu chuẩn Đo lường …" is a body the task works with, no committee of the
    grammar ("Ủy ban nhân dân …"): the line is split at the agency after it."""
    line = "Phoi hop v6i Bo Khoa hoc va Cong nghé, Uy ban Tiéu Céc s6. bar. nearh"
    _, task, agency, _, _ = split_line(line)
    assert task == "Phoi hop v6i Bo Khoa hoc va Cong nghé, Uy ban Tiéu"
    assert agency == "Céc s6. bar. nearh"
    _, task, agency, _, _ = split_line("Tổ chức hội nghị tổng kết | Uy ban nhan dan tinh")
    assert (task, agency) == ("Tổ chức hội nghị tổng kết", "Uy ban nhan dan tinh")


def test_a_dash_between_two_years_stays_in_the_task_text():
    """ "giai đoạn 2026 — 2030": old OCR reads the long dash as it was printed; it is a
    word of the task's sentence, as "-" and "–" are, not a speck (it was dropped)."""
    rows, _ = task_rows(
        [
            "1 Kien toan bao ve moi truong giai doan 2026 — 2030 So Xay dung Nam 2026",
            "2 Day manh y te co so Cong an tinh Quy III/2026",
        ]
    )
    assert rows[0][1][1] == "Kien toan bao ve moi truong giai doan 2026 — 2030"
    assert rows[1][1][1] == "Day manh y te co so"


def test_an_ellipsis_ending_a_list_is_the_texts_own_not_a_speck():
    """ "… Quốc gia ..." and "work layout ...)." end the task's list: kept in the text, where
    a lone "." or "|" (a speck, a ruling) is dropped."""
    assert split_line("thuong chat lugng Qudc gia ...")[1] == "thuong chat lugng Qudc gia ..."
    assert split_line("HACCP, TPM, Lean, work layout ...). | .")[1] == (
        "HACCP, TPM, Lean, work layout ...)."
    )


def test_a_body_named_whole_by_the_grammar_starts_the_agency():
    """ "Tỉnh đoàn", "Liên đoàn lao động tỉnh": a capitalised body the agency grammar names
    whole, read as a cell of its own (a ruling, the time or the line's end after it), starts
    the agency columns; named inside the task's sentence it stays the task's."""
    line = "| 7 Tap huan ky nang so cho nguoi dan. | Tinh doan | Quy IV/2026 5.000 luot nguoi |"
    assert split_line(line) == (
        "7",
        "Tap huan ky nang so cho nguoi dan.",
        "Tinh doan",
        "Quy IV/2026",
        "5.000 luot nguoi",
    )
    line = "3 Tang cuong tuyen truyen Lien doan lao dong tinh, Cong an tinh Hang nam"
    assert split_line(line)[1:3] == (
        "Tang cuong tuyen truyen",
        "Lien doan lao dong tinh, Cong an tinh",
    )
    line = "3 Phoi hop voi Hoi Nong dan tinh trien khai Cong an tinh Hang nam"
    assert split_line(line)[1:3] == ("Phoi hop voi Hoi Nong dan tinh trien khai", "Cong an tinh")
    # "Cé6ng an tinh": a mark read as a digit, the grammar's slip; a council is the task's
    line = "| 5 | Tang cuong quan ly chat thai ran cap huyen | Cé6ng an tinh | Hang nam |"
    assert split_line(line)[1:4] == (
        "Tang cuong quan ly chat thai ran cap huyen",
        "Cé6ng an tinh",
        "Hang nam",
    )
    assert split_line("0/12/2022 cua HDND tinh Bac Giang quy dinh ho tro")[2] == ""


def test_a_short_piece_between_rulings_after_the_tasks_sentence_is_the_leads():
    """The task's sentence ended, a short piece between two rulings, an agency name after a
    ruling: the rulings are the columns', so the piece (a lead misread past knowing) is the
    lead's and the name the partner's, not the task's."""
    line = "| 7 Tap huan ky nang so cho nguoi dan. | meee duc va | Tinh doan | Quy IV/2026 |"
    assert split_line(line) == (
        "7",
        "Tap huan ky nang so cho nguoi dan.",
        "meee duc va | Tinh doan",
        "Quy IV/2026",
        "",
    )
    rows, _ = task_rows([line])
    assert rows[0][1][2:4] == ["meee duc va", "Tinh doan"]
    # a sentence going on: the piece is the task's
    line = "| 7 Tap huan ky nang so cho | nguoi dan | Tinh doan | Quy IV/2026 |"
    assert split_line(line)[1:3] == ("Tap huan ky nang so cho nguoi dan", "Tinh doan")
