"""Words by their boxes: gaps, the channel between two columns, a line cut at it."""

from __future__ import annotations

from sohoa.extract.word_boxes import column_channel, cut_at, gap_pieces, has_letters
from sohoa.model import Line, Page, Word


def line_page(runs: list[tuple[float, str]], rows: int = 1) -> Page:
    """A 1000 px wide page of ``rows`` identical lines, words 40 px wide and 20 px high."""
    page = Page(number=1, width=1000, height=400, dpi=100)
    for row in range(rows):
        line = Line()
        for x, text in runs:
            for offset, token in enumerate(text.split()):
                left = x + offset * 48
                line.words.append(len(page.words))
                page.words.append(Word(token, (left, 20 + 30 * row, left + 40, 40 + 30 * row)))
        page.lines.append(line)
    return page


def test_a_line_is_cut_where_the_gap_is_wider_than_two_word_heights() -> None:
    page = line_page([(10, "ỦY BAN"), (600, "CỘNG HÒA")])
    assert gap_pieces(page, [0, 1, 2, 3]) == [[0, 1], [2, 3]]


def test_the_channel_lies_in_the_widest_run_no_word_crosses() -> None:
    page = line_page([(10, "SỞ Y TẾ"), (600, "CỘNG HÒA")], rows=3)
    split = column_channel(page, list(range(len(page.words))), 150, 650)
    assert 154 < split < 600  # right of "TẾ" (ends at 146), left of "CỘNG"
    left, right = cut_at(page, [0, 1, 2, 3, 4], split)
    assert (left, right) == ([0, 1, 2], [3, 4])


def test_a_speck_goes_with_the_nearest_lettered_word() -> None:
    page = line_page([(10, "Số:"), (58, "ˆ"), (600, "Hà")])
    assert not has_letters("ˆ") and has_letters("Số:")
    assert cut_at(page, [0, 1, 2], 300) == ([0, 1], [2])


def test_the_margin_left_of_every_word_is_no_channel() -> None:
    page = line_page([(300, "SỞ Y"), (460, "CỘNG")], rows=2)
    assert 388 < column_channel(page, list(range(len(page.words))), 100, 460) < 460
