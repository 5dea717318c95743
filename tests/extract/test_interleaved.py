"""Lines of a task table read across its columns: split into number, task, agency, time."""

from __future__ import annotations

from sohoa.extract.interleaved import is_interleaved, split_line, task_rows


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


def test_ruling_specks_are_not_words_of_a_cell():
    from sohoa.extract.interleaved import task_rows

    rows, complete = task_rows(
        ["Kiem tra cac co so . san xuat | UBND cap xa Hang", "1 tren dia ban tinh. \\ < nam"]
    )
    assert rows[0][1][1] == "Kiem tra cac co so san xuat tren dia ban tinh."
    assert complete == 1


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
    from sohoa.extract.interleaved import task_rows

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
    from sohoa.extract.interleaved import task_rows

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
