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
