"""Where an agency name read across begins when its head is no plain capital one."""

from __future__ import annotations

from sohoa.extract.agency_heads import goes_on_with, lower_head, opened_in_text


def read(line: str) -> list[str]:
    """A line's words as old OCR read them."""
    return line.split()


def test_a_name_begun_goes_on_with_a_word_that_heads_names_too():
    assert goes_on_with("Van phong", "Uy")  # "Văn phòng Ủy ban nhân dân tỉnh"
    assert goes_on_with("Van phong", "UBND")
    assert not goes_on_with("Van phong UBND tinh", "Sở")  # whole: nothing more
    assert not goes_on_with("Sở Tài chính", "UBND")
    assert not goes_on_with("Các sở, ban, ngành", "UBND")  # whole, may only be qualified
    assert not goes_on_with("Ban Quan ly", "Cac")  # "Các cơ quan …": a collective of its own
    assert goes_on_with("Ban Quan ly", "cac")  # "… các khu công nghiệp"


def test_a_lower_case_head_read_with_the_tasks_words_opens_the_name_after_it():
    assert opened_in_text(read("van phong"), read("Uy ban nhan dan tinh"))
    assert opened_in_text(read("Văn phòng"), read("UBND tỉnh"))
    assert not opened_in_text(read("ky van phong"), read("Uy ban nhan dan tinh"))
    # "Các sở" is a shorter name than "Sở Y tế" read alone: "các" is the task's
    assert not opened_in_text(read("ap dung cac"), read("So Y te"))
    assert not opened_in_text(read("tai co so"), read("UBND cap xa"))


def test_a_so_read_in_lower_case_heads_a_known_name_not_the_tasks_co_so():
    words = read("ben se van hoa, The thao")
    assert lower_head(words, 1)
    words = read("tai co so be Lao dong - Thuong binh va Xa")
    assert lower_head(words, 3)
    assert not lower_head(read("Xay dung co so van hoa, the thao"), 3)
    assert not lower_head(read("Dao tao can bo Tai chinh cap xa"), 3)
    assert not lower_head(read("bo sung kinh phi"), 0)  # no known name after it


def test_a_wrapped_names_next_line_is_found_among_the_tasks_words():
    """ "Ban Quan ly" / "cac khu c6ng" / "nghiép": a name of the grammar wrapped over three
    lines of its narrow cell, each line read among the task's words."""
    from sohoa.extract.agency_heads import rest_in_line

    line = read("va dat dai cap huyen. Tang cuong cong tac cac khu c6ng lian quan 030")
    assert rest_in_line("Ban Quan ly", line) == (9, 12)
    line = read("kiem tra sau dau tu cong |nghiép vu")
    assert rest_in_line("Ban Quan ly cac khu c6ng", line) == (6, 7)
    # one word alone only after a ruling; never the line's first word; a list going on
    # after its "," or a whole name take nothing
    assert rest_in_line("Ban Quan ly cac khu c6ng", read("kiem tra doanh nghiép")) is None
    assert rest_in_line("Ban Quan ly", read("cac khu cong tac")) is None
    assert rest_in_line("Cac co quan,", read("ho tro doanh nghiep don vi")) is None
    assert rest_in_line("Sở Tài chính", read("ho tro cac khu cong nghiep")) is None
