"""A line Tesseract cut in two at words it left out is one line again once those words are
read on their own (real Tesseract on a rendered page)."""

from __future__ import annotations

import numpy as np

from sohoa.ocr.gap_lines import join_filled_gap
from sohoa.ocr.reread_lines import Region, word_box
from sohoa.ocr.tesseract import line_key, line_rows, run_tesseract, word_rows
from sohoa.ocr.unread_ink import read_region, splice


def texts(data: dict[str, list], rows: list[int]) -> list[str]:
    return [str(data["text"][i]).strip() for i in rows]


def cut_at_words(
    data: dict[str, list], key: tuple[int, int, int], cut: slice
) -> tuple[dict[str, list], Region]:
    """``data`` as Tesseract reads a blurred photo's line: the words ``cut`` of line ``key``
    left out and the words after them read as a line of a block of their own; and the
    region of the words left out."""
    rows = line_rows(data)[key]
    dropped, after = set(rows[cut]), set(rows[cut.stop :])
    boxes = [word_box(data, i) for i in rows[cut]]
    box = (
        min(b[0] for b in boxes) - 4,
        min(b[1] for b in boxes) - 6,
        max(b[2] for b in boxes) + 4,
        max(b[3] for b in boxes) + 6,
    )
    new_block = max(int(b) for b in data["block_num"]) + 1
    kept = [i for i in range(len(data["text"])) if i not in dropped]
    out = {column: [values[i] for i in kept] for column, values in data.items()}
    for n, i in enumerate(kept):
        if i in after:
            out["block_num"][n], out["par_num"][n], out["line_num"][n] = new_block, 1, 1
    return out, Region(box, 7, False)


def test_words_read_again_in_a_line_s_gap_join_its_two_pieces(
    short_page_image: np.ndarray,
) -> None:
    data = run_tesseract(short_page_image, "vie", 3)
    lines = line_rows(data)
    key = next(k for k, rows in lines.items() if len(rows) >= 7)
    line = texts(data, lines[key])
    broken, gap = cut_at_words(data, key, slice(3, 5))
    again = read_region(short_page_image, gap, "vie")
    spliced = splice(broken, [], again, word_rows(again))
    assert len(line_rows(spliced)) == len(lines) + 2  # two pieces and the words between
    assert texts(spliced, word_rows(spliced)) != texts(data, word_rows(data))  # out of order
    joined = join_filled_gap(spliced, gap.box)
    assert len(line_rows(joined)) == len(lines)
    first = word_rows(joined)[0]
    assert texts(joined, line_rows(joined)[line_key(joined, first)]) == texts(
        data, lines[line_key(data, word_rows(data)[0])]
    )  # the lines above untouched
    assert line in [texts(joined, rows) for rows in line_rows(joined).values()]
    assert texts(joined, word_rows(joined)) == texts(data, word_rows(data))  # reading order


def test_words_read_in_a_gap_without_a_piece_on_both_sides_stay_a_line_of_their_own(
    short_page_image: np.ndarray,
) -> None:
    data = run_tesseract(short_page_image, "vie", 3)
    lines = line_rows(data)
    key = next(k for k, rows in lines.items() if len(rows) >= 7)
    broken, gap = cut_at_words(data, key, slice(0, 2))  # the line's first words: no left piece
    again = read_region(short_page_image, gap, "vie")
    spliced = splice(broken, [], again, word_rows(again))
    assert join_filled_gap(spliced, gap.box) == spliced
