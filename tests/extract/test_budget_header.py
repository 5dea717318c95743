"""The columns a budget's header names: the Kinh phí group and each year's, split by source."""

from __future__ import annotations

from sohoa.extract.budget_header import budget_header_columns


def test_years_split_by_source_named_by_repeated_labels():
    """Each year over "Ngân sách tỉnh | Nguồn khác" (no NSNN named): two columns a year;
    the Kinh phí columns the header names ("Tổng số" and a label once more than the years:
    the total and each source's), more when a row's amounts add up under more (its
    "Tổng số" misread: 500 = 300 + 200, 300 = 100 + 100 + 100, 200 = 100 + 100)."""
    header = (
        "TT Noi dung Kinh phi Nam 2026 Nam 2027 Nam 2028 Don vi chu tri Don vi phoi hop "
        "Tong so Ngan sach tinh Nguon khac Ngan sach tinh Nguon khac Ngan sach tinh "
        "Nguon khac Ngan sach tinh Nguon khac"
    )
    years = ["2026", "2027", "2028"]
    body = ["1 Xay dung mo hinh 500 300 200 100 100 100 - 100 100 So Y te"]
    columns = budget_header_columns([header], years, [])
    assert columns is not None
    assert columns[2:5] == ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    assert columns[5:11] == [f"Năm {y} / {s}" for y in years for s in ("NSNN", "Tổ chức")]
    misread = header.replace("Tong so", "Teqs6")
    assert budget_header_columns([misread], years, [])[2:4] == columns[3:5]
    assert budget_header_columns([misread], years, body)[2:5] == columns[2:5]
    # a row short of a cell (its total lost) does not take one from the header
    assert budget_header_columns([header], years, [body[0].replace("500 ", "")]) == columns
    # the header names one Kinh phí column over years split ("Tổng kinh phí")
    one = header.replace("Tong so Ngan sach tinh Nguon khac ", "").replace("Kinh", "Tong kinh")
    body = ["1 Xay dung mo hinh 500 100 100 100 - 100 100 So Y te"]
    assert budget_header_columns([one], years, body)[2:4] == ["Kinh phí", "Năm 2026 / NSNN"]


def test_a_total_column_whose_label_was_lost_is_told_by_the_total_row():
    """ "Tổng cộng" over Kinh phí read as "16" / "cone" (no label found) and NSNN named once
    more than the years: the header names the sources' Kinh phí only; no row of the body
    fills every cell (its blank sources left empty), but the total row does, its Tổng cộng
    the sum of its NSNN and other source (38.490 = 33.280 + 5.210), some amounts misread
    ("7.-410", "s10"): the Kinh phí has three columns."""
    header = (
        "| Kinh phi | Nam 2026 | Nam 2027 | Nam 2028 | Nam 2029 | Nam 2030 | STT Noi dung 16 "
        "Nguon Nguon Nguon Nguon Nguon Nguon Don vi chu tri Don vi phoi hop Ghi chu cone NSNN "
        "| xahdi | NSNN | xihoi | NSNN | xdhoi | NSNN | xAhoi | NSNN | x&hoi | NSNN | xd hdi"
    )
    years = ["2026", "2027", "2028", "2029", "2030"]
    body = [
        "9 Day manh phong, chong thien tai tren dia ban 2.080 | 2.000 80 500 500 40 1.000 40",
        "| T6ng |38.490 |33.280 |5.210 |6.840 |270 |7.-410 |690 |6.840 | s10 |5.570 |270 "
        "|6.620 |1.670 | | | |",
    ]
    columns = budget_header_columns([header], years, body)
    assert columns is not None and len(columns) == 18
    assert columns[2:5] == ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    # a total row whose Tổng cộng is not its sources' sum tells nothing: two columns
    wrong = [body[0], body[1].replace("38.490", "39.490")]
    assert budget_header_columns([header], years, wrong)[2:4] == columns[3:5]


def test_a_total_label_written_on_two_lines_of_its_cell_heads_a_total_column():
    """ "Tổng cộng" over Kinh phí written "Tổng" / "cộng" in its narrow cell: old OCR reads
    the header line by line, the years' source labels between the two words ("Tong ca: ca:
    … céng xa hdi …"); with no row whose amounts add up to tell, the header's words name the
    total column (without it each row's amounts shift a column left). "Tổng kinh phí", the
    group's own name, names none."""
    header = (
        "| rinmpns | mimaves | namaner | wimanes | nimanea [nam aneo | STT 2 Nguén Nguén Nguén "
        "Nguén Nguén Nguén Don vi chu tri Don vi phdi hop Ghi cha Tong ca: ca: ca: ca: ca: ca: "
        "céng xa hdi xa hdi xa hdi xa hdi xa hdi xa hdi . héa héa héa héa héa héa"
    )
    years = ["2026", "2027", "2028", "2029", "2030"]
    columns = budget_header_columns([header], years, [])
    assert columns is not None and len(columns) == 18
    assert columns[2:5] == ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    group = header.replace("Tong ca:", "Tong kinh phi ca:")
    assert budget_header_columns([group], years, [])[2:4] == columns[3:5]
