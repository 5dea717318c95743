"""A budget table's header repeated at a page break, read with its "STT" misread."""

from __future__ import annotations

from sohoa.extract.budget_page_breaks import header_repeats_as_breaks
from sohoa.extract.flattened_lines import PAGE_BREAK

YEARS = ["Năm 2026", "Năm 2027", "Năm 2028"]


def test_a_repeated_header_is_one_page_break():
    lines = ["1 Tổ chức hội thảo 300 100 100 100", "sn Nol dung | ‘ont | 2026 | 2027 | 2028 |",
             "2 Hỗ trợ doanh nghiệp 60 20 20 20"]  # fmt: skip
    assert header_repeats_as_breaks(lines, YEARS) == [lines[0], PAGE_BREAK, lines[2]]


def test_a_header_repeated_on_a_new_page_already_marked_is_no_second_break():
    """The new page is a break already (a page join, flattened._body): the header on it
    adds none, so the rows around it part once."""
    lines = [
        "1 Tổ chức hội thảo 300 100 100 100",
        PAGE_BREAK,
        "sn Nol dung | ‘ont | 2026 | 2027 | 2028 |",
        "2 Hỗ trợ doanh nghiệp 60 20 20 20",
    ]
    assert header_repeats_as_breaks(lines, YEARS) == [lines[0], PAGE_BREAK, lines[3]]
