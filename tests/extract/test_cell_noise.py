"""Specks read as letters taken out of the task text of old-OCR tables (extract/cell_noise)."""

from __future__ import annotations

import pytest
from old_ocr_tables import OLD_OCR_TASKS, tables_of_text

from sohoa.corpus.model import RestorerModel
from sohoa.extract.cell_noise import (
    CONFIDENCE_NAME,
    CONFIDENCE_NO_WORD,
    CONFIDENCE_TAIL,
    CONTENT,
    REASON,
    STRONG,
    WEAK,
    remove_cell_noise,
    token_kind,
    without_noise,
)
from sohoa.model import Table, TableRow


def kept(text: str) -> str:
    return without_noise(text)[0]


def test_a_lone_consonant_between_words_that_read_on_goes():
    assert kept("tuyên truyền cho x cán bộ, công chức") == "tuyên truyền cho cán bộ, công chức"
    assert kept("Tổ q chức thực hiện") == "Tổ chức thực hiện"
    # ... and at the cell's end after a word
    assert kept("cho hợp tác xã q") == "cho hợp tác xã"


def test_a_lone_letter_with_no_word_to_read_on_with_stays():
    assert kept("(23 sản phẩm x 90 triệu đồng)") == "(23 sản phẩm x 90 triệu đồng)"  # times
    assert kept("(35 sản phẩm x 40 A m - triệu đồng)") == "(35 sản phẩm x 40 triệu đồng)"
    assert kept("Nghị quyết s 43/2022/NQ-HĐND") == "Nghị quyết s 43/2022/NQ-HĐND"  # "số"
    assert kept("tiêu chuẩn cơ s, tiêu chuẩn quốc gia") == "tiêu chuẩn cơ s, tiêu chuẩn quốc gia"
    assert kept("UBND cấp xã, T chức, cá nhân") == "UBND cấp xã, T chức, cá nhân"  # capital
    assert kept("cho x Cán bộ") == "cho x Cán bộ"  # the next word opens something else


def test_a_run_with_two_strong_tokens_goes():
    text = "quản lý đất đai (23 sản phẩm x 90 triệu R 2 x ọe đồng); Hỗ trợ"
    assert kept(text) == "quản lý đất đai (23 sản phẩm x 90 triệu đồng); Hỗ trợ"
    assert kept("x s ae 5 và tăng cường bảo vệ") == "và tăng cường bảo vệ"


def test_a_run_of_three_with_one_strong_token_goes_and_shorter_ones_stay():
    assert kept("Tăng cường chuyển đổi số - - - Ju.") == "Tăng cường chuyển đổi số"
    assert kept("mô hình về L í A áp dụng") == "mô hình về áp dụng"  # L: no section numeral
    assert kept("Tăng cường chuyển đổi số - Ju.") == "Tăng cường chuyển đổi số - Ju."
    assert kept("chuyên môn à À các doanh nghiệp") == "chuyên môn à À các doanh nghiệp"


def test_a_strong_token_with_a_lone_sign_or_digit_beside_it_goes():
    assert kept("Tăng cường Lỗ 5 P cải cách") == "Tăng cường Lỗ cải cách"
    assert kept("tại 5 điểm P cải cách") == "tại 5 điểm P cải cách"  # alone: stays
    assert kept("bệnh viện ENENC ở s khám bệnh") == "bệnh viện ENENC ở s khám bệnh"  # letters
    assert kept("co tru s¢ A - tane cuone") == "co tru s¢ A - tane cuone"  # garbled words


def test_codes_acronyms_and_foreign_words_stay():
    text = "HACCP, ISO 22000, 5S-Kaizen, KPls, TPM, Lean, work layout Triển khai áp dụng"
    assert kept(text) == text
    text = "hệ thống quản lý tiên tiến (5S, ISO 18091, KPL...) vào hoạt động"
    assert kept(text) == text
    assert kept("Sở Lao động - Thương binh và Xã hội") == "Sở Lao động - Thương binh và Xã hội"
    assert kept("đường dài 20 m x rộng 5 m") == "đường dài 20 m x rộng 5 m"  # a unit
    assert kept("lắp 2 x 5 bóng đèn") == "lắp 2 x 5 bóng đèn"  # a times sign
    assert kept("gồm các việc sau: - b) Kiểm tra") == "gồm các việc sau: - b) Kiểm tra"
    assert kept("theo điểm a, b, c khoản 2 Điều 5") == "theo điểm a, b, c khoản 2 Điều 5"
    assert kept("nội dung Chương V - X của Luật") == "nội dung Chương V - X của Luật"


def test_a_run_beside_an_amount_stays_whole():
    text = "Đẩy mạnh phổ biến | 10.306 | 9400] 96 | - | - | - | | 2 [Tổ chức thực hiện"
    assert kept(text) == text


@pytest.mark.parametrize(
    ("token", "after", "before", "kind"),
    [
        ("q", None, None, STRONG),
        ("Az", None, None, STRONG),
        ("|", None, None, STRONG),
        ("-", None, None, WEAK),
        ("ọe", None, None, WEAK),
        ("5", None, None, WEAK),
        ("OR", None, None, WEAK),
        ("wee", None, None, CONTENT),  # three letters or more: a garbled word may look so
        ("s¢", None, None, CONTENT),  # "sở" as old OCR reads it: a sign for a letter
        ("x", "90", "phẩm", CONTENT),
        ("m", None, "300", CONTENT),
        ("lượt", None, None, CONTENT),
        ("22000", None, None, CONTENT),
        ("Ho1", None, None, CONTENT),
        ("layout", None, None, CONTENT),
    ],
)
def test_token_kinds(token, after, before, kind):
    assert token_kind(token, after, before) == kind


def test_the_task_text_and_agency_columns_change_and_each_cell_is_logged():
    """The task text and the agency cells, where old OCR read across the page puts the
    specks of the columns beside them ("Công an tỉnh . q ,"), are cleaned; other columns
    (a note, "a q b") are left as read."""
    table = Table(
        kind="phu_luc_1",
        columns=["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Ghi chú"],
        rows=[TableRow(cells=["1", "Tổ chức cho x cán bộ", "Công an tỉnh . q ,", "a q b"])],
        source="flattened",
        pages=[3],
    )
    edits = remove_cell_noise(table, 2)
    assert table.rows[0].cells == ["1", "Tổ chức cho cán bộ", "Công an tỉnh", "a q b"]
    task, agency = edits
    assert (task.original, task.result) == ("Tổ chức cho x cán bộ", "Tổ chức cho cán bộ")
    assert (agency.original, agency.result) == ("Công an tỉnh . q ,", "Công an tỉnh")
    assert (task.reason, task.table, task.page) == (REASON, 2, 3)
    assert 0 < task.confidence < 1


def test_specks_within_an_agency_name_go_and_the_same_in_the_task_text_stay():
    """ "ngành; UBND x OR cấp xã": "UBND" must go on with its level, and "cấp xã" does;
    the run between, with a token no word ("x"), is noise in an agency cell. Signs there
    ("Các $% ngành") may be a word of the name misread, and stay; so does the same run in
    the task text, whose words are no name."""
    table = Table(
        kind="phu_luc_2",
        columns=["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"],
        rows=[
            TableRow(cells=["1", "Hỗ trợ UBND x OR cấp xã", "Sở Y tế", "ngành; UBND x OR cấp xã"]),
            TableRow(cells=["2", "Tổ chức hội thảo", "Sở Y tế", "Các $% ngành liên quan"]),
        ],
        source="flattened",
    )
    [edit] = remove_cell_noise(table)
    assert table.rows[0].cells[1:] == ["Hỗ trợ UBND x OR cấp xã", "Sở Y tế", "ngành; UBND cấp xã"]
    assert table.rows[1].cells[3] == "Các $% ngành liên quan"
    assert (edit.original, edit.confidence) == ("ngành; UBND x OR cấp xã", CONFIDENCE_NAME)


OLD_OCR_TASKS_WITH_A_SPECK = OLD_OCR_TASKS.replace("quan ly du lieu", "quan ly x du lieu")


def test_old_ocr_text_through_the_pipeline(tmp_path):
    (table,) = tables_of_text(tmp_path, OLD_OCR_TASKS_WITH_A_SPECK)
    rows = [r.cells for r in table.rows if r.cells]
    assert rows[1][1] == "Xay dung phan mem quan ly du lieu chung."


def test_as_read_a_run_holding_a_misread_word_waits_for_the_restorer():
    """Before the restorer, "cơ sở" may still read "co’ 2 x sd": "sd" is "sở" misread, so
    the run stays whole as read (the restorer reads "sở", the specks go after it); a run of
    specks alone goes as read too."""
    line = "cho co’ 2 x sd san xuat"
    assert without_noise(line)[0] == "cho co’ san xuat"
    assert without_noise(line, as_read=True) == (line, None)
    assert without_noise("UBND x Os cap xa", as_read=True)[0] == "UBND cap xa"


# syllables of a lexicon, keyed as the restorer's are (marks away, lower case), and the
# readings its learned OCR channel has for some tokens as read
SYLLABLES = """to chuc hoi nghi tong ket ve phong chay cho co so san xuat a an chuyen doi tac
noi moi tai cac xa luu van thu cap"""
READINGS = {"ndi": [("nội", 0.4), ("nối", 1.9)], "trg": [("trợ", 0.0)], "lwu": [("lưu", 0.0)]}
LEXICON = RestorerModel(
    syllables={key: [(key, -5.0)] for key in SYLLABLES.split()},
    channels={"eng": {"readings": READINGS}},
).reads_as_word


def test_as_read_three_letters_of_no_word_of_the_lexicon_are_specks():
    """A speck read "a nee Az" between two lines of a task ("…tổng kết về" / "phòng
    cháy…"): "nee" has three letters but is no syllable, so with "Az" the run goes before
    the restorer makes "a neo A" of it; logged at its own confidence. Without the lexicon,
    three letters are a word and the run stays."""
    line = "T6 chtrc hGi nghi tong két vé a nee Az phong chay, chtra chay cho co’ so san xuat."
    cleaned = "T6 chtrc hGi nghi tong két vé phong chay, chtra chay cho co’ so san xuat."
    assert without_noise(line, as_read=True, known=LEXICON) == (cleaned, CONFIDENCE_NO_WORD)
    assert without_noise(line, as_read=True) == (line, None)
    speck = "chuyén déi x awe s6, bao vé"  # "x" and "awe": no word; "déi" bears a mark
    assert without_noise(speck, as_read=True, known=LEXICON)[0] == "chuyén déi s6, bao vé"


def test_as_read_a_misread_word_of_three_letters_is_no_speck():
    """Three letters its OCR channel reads as a word ("ndi" nối, "trg" trợ, "lwu" lưu), or
    that bear a mark ("déi" đổi), are misread words: never specks."""
    for line in (
        "két ndi Az cac xa",
        "Hb trg doanh nghiep",
        "chuyén déi Az s6",
        "van thu, lwu Az cap",
    ):
        assert without_noise(line, as_read=True, known=LEXICON) == (line, None)
    assert token_kind("nee", known=LEXICON) == STRONG
    assert token_kind("ndi", known=LEXICON) == CONTENT
    assert token_kind("déi", known=LEXICON) == CONTENT
    assert token_kind("UBT", known=LEXICON) == CONTENT  # an acronym's capitals


def test_restored_three_letters_the_restorer_left_as_no_word_are_specks():
    """Restored, a speck's letters the restorer could not read stay unmarked ("arr ane
    ek" between "tuyển" and "truyền" of a table rebuilt from restored text): given the
    lexicon, they weigh as specks there too; its words, marked or not, never do."""
    line = "Xây dựng phóng sự tuyển arr ane ek truyền về cải cách hành chính cho cán bộ"
    cleaned = "Xây dựng phóng sự tuyển truyền về cải cách hành chính cho cán bộ"
    assert without_noise(line, known=LEXICON) == (cleaned, CONFIDENCE_NO_WORD)
    assert without_noise(line) == (line, None)
    word = "hỗ trợ tổ chức, cá nhân áp dụng chuyển đổi số"
    assert without_noise(word, known=LEXICON) == (word, None)


def test_a_lone_consonant_after_a_number_before_a_word_goes():
    """ "(7 sản phẩm x 70 q triệu đồng)": a lone consonant between a number and a lower-case
    word is a speck; a unit's symbol after a number is not ("5 m đường")."""
    assert kept("(7 sản phẩm x 70 q triệu đồng)") == "(7 sản phẩm x 70 triệu đồng)"
    assert kept("làm 5 m đường giao thông") == "làm 5 m đường giao thông"


def test_letters_of_no_word_after_the_cell_s_last_sentence_go():
    """ "… đến năm 2030. P", "… tổ chức. T i": a run ending the cell after a full stop,
    with a strong token of letters in it, goes (beside a year too: the full stop ends the
    text); a footnote's mark, a vowel, a tail with no full stop before it stay."""
    assert without_noise("Kiện toàn chuyển đổi số đến năm 2030. P") == (
        "Kiện toàn chuyển đổi số đến năm 2030.",
        CONFIDENCE_TAIL,
    )
    assert kept("cho cán bộ của các sở, ngành, doanh nghiệp, tổ chức. T i") == (
        "cho cán bộ của các sở, ngành, doanh nghiệp, tổ chức."
    )
    assert kept("(8 sản phẩm x 40 triệu đồng). P") == "(8 sản phẩm x 40 triệu đồng)."
    assert kept("trên địa bàn tỉnh. (*)") == "trên địa bàn tỉnh. (*)"
    assert kept("trên địa bàn tỉnh. A") == "trên địa bàn tỉnh. A"
    assert kept("theo Chương 5. V") == "theo Chương 5. V"
    assert kept("Tổ chức, cá nhân, UBND cấp xã, T") == "Tổ chức, cá nhân, UBND cấp xã, T"
