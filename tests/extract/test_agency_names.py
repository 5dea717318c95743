from __future__ import annotations

from sohoa.extract.agency_names import (
    begins_name,
    heads_collective,
    name_nodes,
    open_name,
    reads_cac,
    sector_tail_size,
)


def test_a_name_going_on_a_list_is_capitalised_or_opened_by_cac():
    assert open_name("Sở Tài chính, Đơn vị") is not None
    assert open_name("Sở Tài chính, đơn vị") is None
    assert open_name("Sở Tài chính, các đơn vị") is not None


def test_a_whole_name_or_no_name_is_not_open():
    assert open_name("Sở Tài chính") is None
    assert open_name("Công an tỉnh") is None
    assert open_name("Báo cáo kết quả") is None


def test_a_name_waiting_for_more_must_have_it():
    assert open_name("UBND").required
    assert open_name("Sở Khoa học và").required
    assert not open_name("Các sở, ngành").required  # whole, may take "liên quan"


def test_a_names_first_words_in_any_case_and_a_misread_cac():
    assert begins_name("sở Yté")
    assert begins_name("Các Sở, ban")
    assert not begins_name("Hỗ trợ doanh nghiệp")
    assert heads_collective(["C8°", "cơ", "quan,"], 0)
    assert not heads_collective(["C8°", "doanh", "thu"], 0)


def test_words_read_on_from_a_name_with_one_slip_or_run_together():
    assert any(node.whole for node in name_nodes(["Sở", "Khoa", "hocva", "Công", "nghệ"]))
    assert any(node.whole for node in name_nodes(["C6ng", "an", "tinh"]))
    assert not name_nodes(["Hỗ", "trợ", "doanh", "nghiệp"])


def _tail(line: str, k: int, agencies: bool = False) -> int:
    return sector_tail_size(line.split(), k, agencies)


def test_the_end_of_a_sectors_name_wrapped_onto_a_line_of_its_own():
    """ "Sở Giáo" / "dục và Đào tạo": a lead's second line, read across among the task's
    words; its item after "và" capitalised, as an agency's name writes it."""
    assert _tail("a va Dao tao don vi lien quan", 1) == 3
    assert _tail("duc va Dao tao", 0) == 4
    assert _tail("cho to chuc, ca nhan ve y te co so; doan hoc Dao tao hop tac xa", 12) == 2
    assert _tail("ve bao vien thao va Du lich hop tac xa", 3) == 4
    assert _tail("Le yn va Céng nghé |lién quan", 2) == 3  # "Céng": no syllable, one slip


def test_a_sectors_words_in_the_tasks_text_are_no_end_of_a_name():
    """The task's own words: in lower case ("khóa đào tạo"), the name read whole ("Sở Giáo
    dục và Đào tạo": told by its "Sở"), after a sentence's end or ending one, or opening
    the line without its "và" ("Đào tạo nghề …" may begin a task)."""
    assert _tail("Xay dung khoa dao tao, boi duong", 3) == 0
    assert _tail("phoi hop So Giao duc va Dao tao", 6) == 0
    assert _tail("cho hop tac xa. Dao tao hop tac xa", 4) == 0
    assert _tail("Dao tao nghe cho lao dong", 0) == 0
    assert _tail("Cong nghe.", 0) == 0  # "… Sở Khoa học và" / "Công nghệ.": the task's end
    assert _tail("Dao tao hop tac xa", 0, agencies=True) == 2


def test_cac_read_with_other_letters_opens_a_collective_that_may_go_on():
    """ "Céc co quan", "CAéc co quan": "Các" with its "á" misread; the collective is whole
    and may go on below ("đơn vị liên quan"). "Cục" is a head of its own, never "Các"."""
    assert reads_cac("Céc") and reads_cac("CAéc") and reads_cac("C4éc,") and reads_cac("C8°")
    assert not reads_cac("Cục") and not reads_cac("Cuc") and not reads_cac("cac")
    for head in ("Céc", "CAéc"):
        name = open_name(f"{head} co quan")
        assert name is not None and not name.required


def test_so_read_with_a_sign_for_its_o_in_a_collective():
    """ "[C&C S°, nganh", "C&C S% nganh lien": "Sở" read with a sign for its "ở"; the list
    "Các sở, ngành" is whole and may go on, or waits for its qualifier's "quan". A plain
    "S" ("S nganh") or a word of letters ("Se") is no such "Sở"."""
    name = open_name("C&C S°, nganh")
    assert name is not None and not name.required
    name = open_name("C&C S% nganh lien")
    assert name is not None and name.required
    assert open_name("C&C S nganh lien") is None
