"""Agency names wrapped in a narrow cell and read across by old OCR."""

from __future__ import annotations

from sohoa.extract.interleaved_rows import task_rows
from sohoa.extract.wrapped_names import continuation_at, name_left, qualifier_at, qualifier_left


def test_what_is_left_of_a_known_name_begun_on_a_line():
    assert name_left("Sở Văn hóa,") == ("Sở Văn hóa,", ("the", "thao", "va", "du", "lich"))
    # as old OCR read it, with specks after it
    assert name_left("Sd Van héa, os a. x") == ("Sd Van héa,", ("the", "thao", "va", "du", "lich"))
    assert name_left("Sở Giáo dục và") == ("Sở Giáo dục và", ("dao", "tao"))
    assert name_left("Sở Tài chính")[1] == ()  # whole
    assert name_left("Sở Khoa học")[1] == ("va", "cong", "nghe")
    assert name_left("Các sở, ban, ngành")[1] == ()  # no known name


def test_the_continuation_is_the_longest_run_a_lone_word_only_at_an_end():
    line = "Tang cuong pho bien den nam Thé thao va Du xe v Bao cao"
    words = line.split()
    assert continuation_at(words, ("the", "thao", "va", "du", "lich")) == (6, 10)
    # "du lich" inside a task's words is no continuation of a name wanting "lich" alone
    words = ["phat", "trien", "du", "lich", "tai", "co", "so"]
    assert continuation_at(words, ("lich",)) is None
    assert continuation_at(["tai", "co", "so.", "lich"], ("lich",)) == (3, 4)


def test_a_lead_agency_wrapped_over_three_lines_leaves_the_task_text():
    """ "Sở Văn hóa," / "Thể thao và Du" / "lịch": the second and third lines of the lead's
    cell were read among the task's words on the lines below; they go back to the lead."""
    rows, _ = task_rows(
        [
            "Trien khai xay dung nong thon moi tai | So Van hoa, | Hang nam",
            "2.1 cac huyen va thanh pho Thể thao va Du",
            "tren dia ban tinh. lich",
        ]
    )
    cells = rows[0][1]
    assert cells[2] == "So Van hoa, Thể thao va Du lich"
    assert cells[1] == (
        "Trien khai xay dung nong thon moi tai cac huyen va thanh pho tren dia ban tinh."
    )
    assert cells[4] == "Hang nam"


def test_a_name_after_a_lead_whose_comma_is_its_own_is_the_partner():
    """ "Sở Văn hóa," ends in a comma that is its name's own ("Thể thao và Du lịch" is still
    to come, wrapped in the narrow cell): "Các cơ quan, đơn vị" on the line below starts
    the partner, no second lead; the lead's rest then goes back to it from the task."""
    rows, _ = task_rows(
        [
            "Trien khai xay dung nong thon moi tai | So Van hoa, | Hang nam",
            "2.1 cac huyen va thanh pho | Cac co quan, don vi",
            "tren dia ban tinh. Thể thao va Du lien quan",
        ]
    )
    cells = rows[0][1]
    assert cells[2] == "So Van hoa, Thể thao va Du"
    assert cells[3] == "Cac co quan, don vi lien quan"
    assert cells[1] == (
        "Trien khai xay dung nong thon moi tai cac huyen va thanh pho tren dia ban tinh."
    )


def test_a_lead_wrapped_beside_its_partner_goes_on_with_its_own_name():
    rows, _ = task_rows(
        [
            "Trien khai xay dung nong thon moi tai | So Giao duc va | Cac so, ban, nganh, | Hang",
            "2.1 cac huyen va thanh pho Dao tao | UBND cap xa nam",
        ]
    )
    cells = rows[0][1]
    assert cells[1:5] == [
        "Trien khai xay dung nong thon moi tai cac huyen va thanh pho",
        "So Giao duc va Dao tao",
        "Cac so, ban, nganh, UBND cap xa",
        "Hang nam",
    ]


def test_a_known_agency_name_misread_is_spelt_as_the_name_is():
    from sohoa.extract.wrapped_names import known_name, known_names

    assert known_name("Sở Gido duc va Dao tao") == "Sở Giáo dục và Đào tạo"
    assert known_name("Sở Van héa, Thé thao va Du lich") == "Sở Văn hóa, Thể thao và Du lịch"
    assert known_name("Sở Lao dong - Thuong binh va Xa hoi,") == (
        "Sở Lao động - Thương binh và Xã hội,"
    )
    # the cell's own punctuation stays: an en dash, a ";" ending a list
    assert known_name("Sở Lao dong – Thuong binh va Xa hoi;") == (
        "Sở Lao động – Thương binh và Xã hội;"
    )
    # already spelt (the tone on either vowel is the source's own), or no known name
    assert known_name("Sở Văn hoá, Thể thao và Du lịch") is None
    assert known_name("Sở Khoa học công nghệ") is None
    assert known_name("Các sở, ban, ngành") is None
    assert known_names("Sở Tai chinh, Sở Y te") == "Sở Tài chính, Sở Y tế"


def test_agency_cells_are_spelt_as_known_names_only_when_restoring():
    from sohoa.extract.interleaved import repair_cells
    from sohoa.model import Table, TableRow

    def table() -> Table:
        return Table(
            columns=["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"],
            rows=[TableRow(cells=["1", "Kiểm tra.", "S6 Khoa hoc va Cong nghé", "2026"])],
        )

    kept = table()
    repair_cells(kept, [2], table_index=0)
    assert kept.rows[0].cells[2] == "Sở Khoa hoc va Cong nghé"
    spelt = table()
    [edit] = repair_cells(spelt, [2], table_index=0, spell_known=True)
    assert spelt.rows[0].cells[2] == "Sở Khoa học và Công nghệ"
    assert edit.original == "S6 Khoa hoc va Cong nghé" and edit.reason == "table-cell-pattern"


def test_a_collective_partners_qualifier_wrapped_in_its_cell_goes_back_to_it():
    """ "Các cơ quan, đơn vị" / "liên quan": the partner cell's second line was read among
    the task's words on the next line; it goes back to the collective name."""
    rows, _ = task_rows(
        [
            "Trien khai giam ngheo ben vung tren dia ban tinh. | So Y te | Cac co quan, don vi",
            "1.1 Tang cuong bao ve moi truong den nam 2030. lién quan Quy II/2027",
            "Kien toan quan ly chat thai ran den nam 2030.",
        ]
    )
    cells = rows[0][1]
    assert cells[3] == "Cac co quan, don vi lién quan"
    assert "quan Kien" not in cells[1] and "lién" not in cells[1]
    assert cells[4] == "Quy II/2027"


def test_a_collective_name_already_qualified_or_going_on_with_a_list_takes_no_qualifier():
    assert qualifier_left("Các cơ quan, đơn vị") == ("co", "lien", "quan")
    assert qualifier_left("Các cơ quan, đơn vị liên quan") == ()
    assert qualifier_left("Các sở, ban, ngành,") == ()  # another name comes
    assert qualifier_left("Các sở, ban, ngành; UBND cấp xã") == ()
    assert qualifier_left("Sở Y tế") == ()
    assert qualifier_at(["tai", "co", "so.", "co", "lien", "quan"]) == (3, 6)
    assert qualifier_at(["tai", "co", "so.", "li€n", "quan"]) == (3, 5)
    assert qualifier_at(["tai", "co", "so."]) is None


def test_a_tasks_own_lien_quan_inside_its_sentence_is_no_qualifier():
    # "… các cơ quan có liên quan hỗ trợ …": lower-case words on both sides
    assert qualifier_at(["cac", "co", "quan", "c6", "lién", "quan", "ho", "tro"]) is None
    # after a finished sentence, or before the next one, it is a wrapped cell's
    assert qualifier_at(["2026-2030.", "lién", "quan", "Kien"]) == (1, 3)
    assert qualifier_at(["tai", "co", "so", "lién", "quan"]) == (3, 5)


def test_a_collective_partner_read_a_line_before_the_lead_goes_to_the_partner():
    """The partner "Các cơ quan, đơn vị" / "liên quan" wraps over two lines beside a lead
    of one line, so its first line is read a line above the lead's: the row's first agency
    fragment is the partner's, and the lead comes with the partner's end after it."""
    rows, _ = task_rows(
        [
            "Kien toan cai cach hanh chinh tren dia ban tinh. To | Cac co quan, don vi | Quy",
            "1.1 chuc thuc hien phat trien doanh nghiep | So Noi vu lien quan II/2027",
            "theo Ke hoach so 12/KH-UBND.",
            "Trien khai quan ly dat dai tai co so. | UBND cac huyen, | Hang",
            "1.2 To chuc thuc hien cong tac van thu. | So Y te thanh pho nam",
            "Tang cuong chuyen doi so tai co so. | Cac so, ban, nganh, | Hang",
            "1.3 To chuc thuc hien cai cach hanh chinh. | So Noi vu UBND cac huyen nam",
        ]
    )
    assert [cells[2:4] for _, cells in rows] == [
        ["So Noi vu", "Cac co quan, don vi lien quan"],
        ["So Y te", "UBND cac huyen, thanh pho"],
        ["So Noi vu", "Cac so, ban, nganh, UBND cac huyen"],
    ]


def test_a_lien_quan_opening_a_line_inside_the_tasks_sentence_is_no_qualifier():
    # "… và các cơ quan" / "có liên quan hỗ trợ doanh nghiệp …": the sentence goes on
    # from the line above, whose last word is given
    words = ["có", "liên", "quan", "hỗ", "trợ", "doanh", "nghiệp"]
    assert qualifier_at(words, before="quan") is None
    assert qualifier_at(words, before="2030.") == (0, 3)
