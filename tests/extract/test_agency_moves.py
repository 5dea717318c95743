"""Agency cells completed from the row's task text, where a wrapped name's rest was read."""

from __future__ import annotations

from sohoa.extract.agency_moves import complete_cell, lead_tail, partner_words_at
from sohoa.extract.agency_names import open_name
from sohoa.extract.budget_agencies import lead_and_partner
from sohoa.extract.interleaved import repair_cells
from sohoa.model import Table, TableRow

COLUMNS = ["TT", "Nội dung", "Kinh phí", "Đơn vị chủ trì", "Đơn vị phối hợp"]


def test_the_rests_of_both_agencies_leave_the_task_text_and_the_moves_are_logged():
    """ "cho doanh a" / "và Đào tạo" / "đơn vị liên quan" / "nghiệp": the second lines of the
    lead's and the partner's cells, read across among the task's words."""
    table = Table(
        columns=COLUMNS,
        rows=[
            TableRow(
                cells=[
                    "5",
                    "Xây dựng lớp tập huấn cho doanh a và Đào tạo đơn vị liên quan nghiệp",
                    "300",
                    "Sở Giáo dục",
                    "Các cơ quan,",
                ]
            )
        ],
        source="flattened",
        confidence=0.3,
    )
    edits = repair_cells(table, [3, 4], 0)
    cells = table.rows[0].cells
    assert cells[3] == "Sở Giáo dục và Đào tạo"
    assert cells[4] == "Các cơ quan, đơn vị liên quan"
    assert cells[1] == "Xây dựng lớp tập huấn cho doanh a nghiệp"  # the speck is not ours
    moved = [e for e in edits if e.reason == "table-cell-moved"]
    assert [e.result for e in moved] == [
        "Sở Giáo dục và Đào tạo",
        "Xây dựng lớp tập huấn cho doanh a đơn vị liên quan nghiệp",
        "Các cơ quan, đơn vị liên quan",
        "Xây dựng lớp tập huấn cho doanh a nghiệp",
    ]
    assert all(e.table == 0 and 0 < e.confidence < 1 for e in moved)


def test_a_committee_waiting_for_its_level_takes_it_not_from_the_texts_own_clause():
    text = "Kiện toàn cấp huyện, cấp xã; hỗ trợ người dân (42 lượt cấp xã x 60 triệu đồng)."
    done = complete_cell("Các Sở, ban, ngành; UBND", text)
    assert done == (
        "Các Sở, ban, ngành; UBND cấp xã",
        "Kiện toàn cấp huyện, cấp xã; hỗ trợ người dân (42 lượt x 60 triệu đồng).",
    )


def test_never_the_texts_first_words_nor_a_sentence_it_opens():
    assert complete_cell("Các doanh nghiệp,", "Tổ chức thực hiện chuyển đổi số") is None
    text = "Kiện toàn y tế tại cơ sở. Tổ chức hội nghị tổng kết"
    assert complete_cell("Các doanh nghiệp,", text) is None
    # inside a sentence, a capital is a name's
    assert complete_cell("Các doanh nghiệp,", "Kiện toàn y tế Tổ chức tại cơ sở") is not None
    # nor a clause after ";" in lower case; after a stop, a run ending the text is a name's
    text = "Kiện toàn y tế đến năm 2030; tổ chức thực hiện bảo vệ môi trường"
    assert complete_cell("Các doanh nghiệp,", text) is None
    assert complete_cell("Sở Khoa học và", "Kiện toàn y tế tại cơ sở. Công nghệ") == (
        "Sở Khoa học và Công nghệ",
        "Kiện toàn y tế tại cơ sở.",
    )


def test_a_stop_after_a_speck_ends_no_sentence():
    """The lead's second line read among the task's words after specks of its ruling
    ("A Lo L."): the stop after one letter ends no sentence, and the run is the name's."""
    text = "tham gia Giai A Lo L. va Cong ngh¢ thuong chat lugng Qudc gia"
    assert complete_cell("Sở Khoa hoc", text) == (
        "Sở Khoa hoc va Cong ngh¢",
        "tham gia Giai A Lo L. thuong chat lugng Qudc gia",
    )
    # after a word's stop the text's own sentence opens, as before
    assert complete_cell("Sở Khoa hoc", "tham gia Giai tai co so. va Cong nghe thuong") is None


def test_a_run_that_ends_the_texts_sentence_or_clause_is_the_texts():
    assert complete_cell("Công an", "Tăng cường phòng cháy trong và ngoài tỉnh.") is None
    text = "Đào tạo cho tổ chức, cá nhân; hỗ trợ người dân"
    assert complete_cell("Các doanh nghiệp,", text) is None  # nor "tổ chức," alone
    assert complete_cell("Công an", "Tăng cường phòng cháy tỉnh trong và ngoài") is not None
    # a stop inside the run: the name cannot go on over the text's sentence end
    text = "Phát triển thể thao. và Du lịch tại cơ sở"
    assert complete_cell("Sở Văn hóa, Thể", text) is None


def test_a_whole_name_takes_only_its_qualifier_not_after_a_noun_it_would_qualify():
    text = "Tổ chức lớp tập huấn cho Lẽ yn |liên quan người dân."
    assert complete_cell("Các sở, ngành", text) == (
        "Các sở, ngành liên quan",
        "Tổ chức lớp tập huấn cho Lẽ yn người dân.",
    )
    assert complete_cell("Các sở, ngành", "Hỗ trợ cho doanh nghiệp tại cơ sở") is None
    assert complete_cell("Các sở, ngành", "Hỗ trợ các xã cho địa phương tại cơ sở") is None
    text = "Phối hợp với các cơ quan liên quan để triển khai"
    assert complete_cell("Các cơ quan, đơn vị", text) is None
    # the comma lost: the list's rest and its qualifier
    text = "Xây dựng khóa đào tạo cho x đơn vị liên quan cơ sở sản xuất."
    assert complete_cell("Các cơ quan", text) == (
        "Các cơ quan đơn vị liên quan",
        "Xây dựng khóa đào tạo cho x cơ sở sản xuất.",
    )


def test_a_list_names_bodies_of_one_kind():
    """ "Các Sở, ban," goes on with "ngành", never with the text's "doanh nghiệp"."""
    text = "Xây dựng phóng sự về chuyển đổi số cho doanh nghiệp áp dụng"
    assert complete_cell("Các Sở, ban,", text) is None
    assert complete_cell("Các doanh nghiệp,", "Hỗ trợ đoàn học tập có a tổ chức cho") == (
        "Các doanh nghiệp, tổ chức",
        "Hỗ trợ đoàn học tập có a cho",
    )


def test_one_slip_only_in_a_long_word():
    """ "kinh" is no "tỉnh" misread: a four-letter word must be read right."""
    assert complete_cell("UBND", "Hỗ trợ đoàn học tập kinh nghiệm") is None
    assert complete_cell("Các sở, ngành", "Tổ chức lớp tập huấn cho Lẽ lien quam người") is None
    text = "Tổ chức khóa đào tạo cho có 2 x Đào tao về phòng cháy"
    assert complete_cell("Sở Giáo dục và", text) == (
        "Sở Giáo dục và Đào tao",
        "Tổ chức khóa đào tạo cho có 2 x về phòng cháy",
    )


def test_a_short_word_misread_as_no_syllable_may_have_one_slip():
    """ "Céng" (no Vietnamese word: "c" before "e"), "M6i", "xd": a short word of the name's
    rest read with one slip; a short word that is a syllable must still be read right."""
    text = "Hỗ trợ hội thảo cho doanh nghiệp. Céng nghé |xa"
    assert complete_cell("Sở Khoa học và", text) == (
        "Sở Khoa học và Céng nghé",
        "Hỗ trợ hội thảo cho doanh nghiệp. |xa",
    )
    text = "Tổ chức công tác văn thư trên địa bàn tỉnh. As x M6i trwong |xa"
    assert complete_cell("Sở Nông nghiệp và", text) == (
        "Sở Nông nghiệp và M6i trwong",
        "Tổ chức công tác văn thư trên địa bàn tỉnh. As x |xa",
    )
    text = "Hỗ trợ hợp tác xã áp dụng an toàn thực phẩm, cap xd (48 lượt x 80 triệu đồng)."
    assert complete_cell("UBND", text) == (
        "UBND cap xd",
        "Hỗ trợ hợp tác xã áp dụng an toàn thực phẩm, (48 lượt x 80 triệu đồng).",
    )
    assert complete_cell("Sở Khoa học và", "Hỗ trợ hội thảo cho doanh nghiệp Cáng nghé") is None
    assert complete_cell("UBND", "Hỗ trợ hợp tác xã áp dụng cấp xe mới") is None


def test_departments_of_the_2025_mergers_and_their_short_forms():
    text = "Hỗ trợ hợp tác xã áp dụng Môi trường giảm nghèo bền vững"
    assert complete_cell("Sở Nông nghiệp và", text) == (
        "Sở Nông nghiệp và Môi trường",
        "Hỗ trợ hợp tác xã áp dụng giảm nghèo bền vững",
    )
    assert complete_cell("Sở Nông nghiệp", "Kiện toàn y tế và PTNT tại cơ sở") == (
        "Sở Nông nghiệp và PTNT",
        "Kiện toàn y tế tại cơ sở",
    )


def test_a_whole_cell_or_no_name_is_left_as_it_is():
    assert complete_cell("Sở Y tế", "Tăng cường y tế cơ sở tại cơ sở") is None


def test_the_words_after_a_leads_whole_name_go_to_the_front_of_the_partner():
    """ "Sở Nội vụ ngành;": the partner's list ("Các Sở, ban," / "ngành; UBND" / "cấp xã")
    wraps over more lines than the lead's name, and its line was read on the lead's."""
    table = Table(
        columns=COLUMNS,
        rows=[
            TableRow(cells=["1", "Tổ chức hội nghị", "60", "Sở Nội vụ ngành;", "UBND cấp xã"]),
            TableRow(cells=["2", "Kiện toàn y tế", "50", "Sở KH&CN cấp xã, Tổ chức, cá nhân", ""]),
            TableRow(cells=["3", "Kiện toàn y tế", "50", "Sở Tài chính C8° cơ quan,", ""]),
        ],
        source="flattened",
        confidence=0.3,
    )
    edits = repair_cells(table, [3, 4], 0)
    assert table.rows[0].cells[3:] == ["Sở Nội vụ", "ngành; UBND cấp xã"]
    assert table.rows[1].cells[3:] == ["Sở KH&CN", "cấp xã, Tổ chức, cá nhân"]
    assert table.rows[2].cells[3:] == ["Sở Tài chính", "Các cơ quan,"]  # then spelt
    assert [e.original for e in edits[:2]] == ["Sở Nội vụ ngành;", "UBND cấp xã"]


def test_a_lead_followed_by_specks_its_own_list_or_its_own_name_keeps_them():
    assert lead_tail("Sở Xây dựng ở") is None  # a speck
    assert lead_tail("Sở Y tế và UBND cấp xã") is None
    assert lead_tail("Sở Tài chính, Sở Nội vụ") is None
    assert lead_tail("Sở Giáo dục và Đào tạo") is None
    assert lead_tail("Sở Khoa học wm Và Công nghệ") is None  # no whole name before "wm"
    # a name that may go on ("đơn vị" read "donvi"): its own words, or the rest of it
    assert lead_tail("Các cơ quan, donvi Ouy") is None
    assert lead_tail("Sở Giáo dục wm Đào tạo") is None


def test_a_word_read_without_its_spaces_is_read_as_the_names_words():
    assert open_name("Sở Khoa hocva") is not None  # "học và"
    assert lead_tail("Sở Taichinn liên quan") == ("Sở Taichinn", "liên quan")


def test_one_word_alone_is_taken_only_as_the_name_spells_it():
    """ "tuyên" is one slip from "huyện": alone, it is no level of "Văn phòng UBND"."""
    assert complete_cell("Văn phòng UBND", "Hỗ trợ phóng sự tuyên truyền về y tế") is None
    assert complete_cell("Văn phòng UBND", "Hỗ trợ phóng sự tỉnh truyền về y tế") is not None


def test_the_partners_words_on_the_leads_part_of_a_line_go_back_to_it():
    """ "Sở Khoa | Các Sở, ban," then "hocva ngành; UBND cấp": "học và" goes on with the
    lead, "ngành;" with the partner's list; a part the lead takes whole stays."""
    cells = lead_and_partner(["Sở Khoa | Các Sở, ban,", "hocva ngành; UBND cấp", "xã"])
    assert cells[:2] == ["Sở Khoa hocva", "Các Sở, ban, ngành; UBND cấp xã"]
    assert partner_words_at("Văn phòng", "Các Sở, ban, ngành; UBND cấp", ["UBND", "tỉnh"]) is None
    assert partner_words_at("Sở Khoa", "Các Sở, ban,", ["hocva", "ngành;"]) == 1


def test_a_lone_so_takes_only_a_capitalised_sector():
    """ "…, Sở" then the group heading "Tăng cường xây dựng nông thôn mới": the task's own
    "xây dựng"; the sector after a lone "Sở" is written with its capital."""
    assert complete_cell("Sở Văn hóa, Thể thao và Du lịch, Sở", "Tăng cường xây dựng nông") is None
    text = "Tăng cường Xây dựng nông thôn mới"
    assert complete_cell("Sở Y tế, Sở", text) == (
        "Sở Y tế, Sở Xây dựng",
        "Tăng cường nông thôn mới",
    )


def test_a_cac_misread_heading_a_collective_is_read_and_spelt_as_cac():
    """ "C8° cơ quan," / "C&C doanh nghiệp,": an English-model OCR's "Các" (a capital C, no
    letter after it) before a collective's bodies; the name then goes on from the text."""
    table = Table(
        columns=COLUMNS,
        rows=[
            TableRow(
                cells=[
                    "1",
                    "Xây dựng khóa đào tạo, bồi đơn vị liên quan dưỡng",
                    "20",
                    "Sở Y tế",
                    "C8° cơ quan,",
                ]
            ),
            TableRow(cells=["2", "Kiện toàn y tế", "20", "Cục Thuế tỉnh", "C&C 90ann"]),
        ],
        source="flattened",
        confidence=0.3,
    )
    edits = repair_cells(table, [3, 4], 0)
    assert table.rows[0].cells[4] == "Các cơ quan, đơn vị liên quan"
    assert table.rows[0].cells[1] == "Xây dựng khóa đào tạo, bồi dưỡng"
    assert {e.reason for e in edits} == {"table-cell-moved", "table-cell-pattern"}
    assert table.rows[1].cells[3:] == ["Cục Thuế tỉnh", "C&C 90ann"]  # no collective follows


def test_a_collective_above_a_lead_read_in_lower_case_is_the_partners():
    """ "Các Sở, ban," above the row's middle line, where the lead's "Sở" was read "sở": a
    name begins there, so the line above does not go on with the lead, it opens the
    partner's list (the taller cell)."""
    cells = lead_and_partner(["Các Sở, ban,", "sở Yté — |ngành; UBND", "cấp xã"])
    assert cells[:2] == ["sở Yté —", "Các Sở, ban, ngành; UBND cấp xã"]
    # a lead going on in lower case ("và Công nghệ") still takes the line above
    cells = lead_and_partner(["Sở Khoa học", "và Công nghệ | UBND cấp xã"])
    assert cells[:2] == ["Sở Khoa học và Công nghệ", "UBND cấp xã"]


def test_the_leads_tail_goes_where_the_partners_list_goes_on_with_it():
    table = Table(
        columns=COLUMNS,
        rows=[
            TableRow(
                cells=["1", "Kiện toàn y tế", "5", "Sở Y tế ngành;", "Các Sở, ban, UBND cấp xã"]
            )
        ],
        source="flattened",
        confidence=0.3,
    )
    repair_cells(table, [3, 4], 0)
    assert table.rows[0].cells[3:] == ["Sở Y tế", "Các Sở, ban, ngành; UBND cấp xã"]


def test_a_cells_words_read_as_no_syllable_may_have_one_slip_a_digit_for_an_o():
    """ "Sở Lao d6éng - Thuong", "Sở Van hda, Thé": the cell's name, read with slips, still
    waits for its rest ("binh va Xa hoi", "thao va Du lich"), read among the task's words."""
    text = "Ho tro nguoi c6 céng tai dia phuong binh va Xa hoi thao va Du lich"
    assert complete_cell("Sở Lao d6éng - Thuong", text) == (
        "Sở Lao d6éng - Thuong binh va Xa hoi",
        "Ho tro nguoi c6 céng tai dia phuong thao va Du lich",
    )
    assert complete_cell("C6ng an tinh, Sở Van hda, Thé", text) == (
        "C6ng an tinh, Sở Van hda, Thé thao va Du lich",
        "Ho tro nguoi c6 céng tai dia phuong binh va Xa hoi",
    )
    assert open_name("Sở Lao dang - Thuong") is None  # a syllable: no slip in a short word


def test_a_qualifier_read_with_a_sign_amid_its_letters_still_qualifies_the_collective():
    """ "li@n quan": "liên quan" with a sign for its "ê" (no syllable: one slip allowed),
    read among the task's words, goes back to the collective it qualifies."""
    text = "Day manh cai cach hanh chinh gop phan tang li@n quan cuong kiem tra cong vu"
    assert complete_cell("Cac co quan, don vi", text) == (
        "Cac co quan, don vi li@n quan",
        "Day manh cai cach hanh chinh gop phan tang cuong kiem tra cong vu",
    )
    # a list's next body is no qualifier, however it is read
    assert complete_cell("Cac co quan, don vi", "gop phan tang cac co quan cuong") is None
