"""Which lines of a page's reading are read again, and how (no Tesseract: its columns)."""

from __future__ import annotations

from dataclasses import replace

from sohoa.ocr.reread_lines import (
    DEFAULT_REREAD,
    Region,
    doubtful_lines,
    framed_too,
    misread_lines,
    split_lines,
)


def tesseract_words(words: list[tuple]) -> dict[str, list]:
    """Tesseract's word columns for ``words``: (line, left, top), all 30 high, sure and
    reading "chữ", or (line, left, top, height, confidence, text); 60 wide, one block."""
    full = [w if len(w) == 6 else (*w, 30, 90.0, "chữ") for w in words]
    return {
        "level": [5] * len(full),
        "block_num": [1] * len(full),
        "par_num": [1] * len(full),
        "line_num": [w[0] for w in full],
        "left": [w[1] for w in full],
        "top": [w[2] for w in full],
        "width": [60] * len(full),
        "height": [w[3] for w in full],
        "conf": [w[4] for w in full],
        "text": [w[5] for w in full],
    }


def test_a_line_joined_across_two_columns_out_of_level_is_split() -> None:
    # line 1: "Số: …" at the left, the motto 12 pixels lower far to the right: two pieces
    # line 2: one column's words level with each other: left alone
    data = tesseract_words([(1, 100, 200, ), (1, 170, 200), (1, 900, 212), (1, 970, 212),
                    (2, 100, 300), (2, 900, 300)])  # fmt: skip
    regions = split_lines(data, 20.0, DEFAULT_REREAD)
    assert [r.box[0] < 500 for r in regions] == [True, False]
    assert all(r.replace and r.psm == 7 for r in regions)


def test_a_level_line_across_two_columns_gives_its_doubtful_pieces() -> None:
    # line 1: an issuer read with an unsure word, a rule's remnant "_" (taller than a line),
    # the national title read surely, all level: only the issuer is read again, as a line
    # line 2: the issuer's two lines read as one (boxes three lines tall): read as a block
    data = tesseract_words([(1, 100, 200, 30, 95.0, "ỦY"), (1, 170, 200, 30, 60.0, "BAN"),
                    (1, 260, 180, 70, 20.0, "_"),
                    (1, 360, 200, 30, 95.0, "CỘNG"), (1, 430, 200, 30, 95.0, "HÒA"),
                    (2, 100, 300, 80, 10.0, "Ì35321"), (2, 170, 300, 30, 95.0, "DIÊN"),
                    (2, 900, 325, 30, 95.0, "ngày")])  # fmt: skip
    regions = split_lines(data, 20.0, DEFAULT_REREAD)
    # least confident first
    assert [(r.box[0], r.box[2], r.psm) for r in regions] == [(88, 242, 6), (88, 242, 7)]
    assert regions[1].box[1] == 200 - 10  # half a letter above the boxes: a capital's marks


def test_only_short_lines_with_an_unsure_word_are_doubtful() -> None:
    data = {
        "level": [5] * 12,
        "block_num": [1] * 12,
        "par_num": [1] * 12,
        "line_num": [1, 1, 1, 2, 2, 2] + [3] * 6,
        "left": [100, 200, 300] * 2 + [100 * k for k in range(1, 7)],
        "top": [100] * 3 + [200] * 3 + [300] * 6,
        "width": [80] * 12,
        "height": [30] * 12,
        "conf": [95.0, 40.0, 95.0] + [95.0] * 3 + [95.0] * 5 + [30.0],
        "text": ["Đột", "lập", "do"] * 2 + ["chữ"] * 6,
    }
    short = replace(DEFAULT_REREAD, short_line=4)
    regions = doubtful_lines(data, 20.0, short)
    assert [r.box[1] < 150 for r in regions] == [True]  # line 2 sure, line 3 too long


def test_lines_holding_a_misread_tone_are_read_again_however_long() -> None:
    # line 1: ten sure words, one of them "cầt" (a stop final under a huyền): read again,
    # gray and black and white, with paper around; line 2: sure and well formed: left alone
    line = [(1, 100 + 70 * k, 200) for k in range(10)]
    line[3] = (1, 310, 200, 30, 95.0, "cầt")
    data = tesseract_words([*line, (2, 100, 300), (2, 170, 300)])
    regions = misread_lines(data, 20.0, DEFAULT_REREAD)
    assert [(r.box[1] < 250, r.binarise) for r in regions] == [(True, False), (True, True)]
    assert all(r.psm == 7 and r.replace and r.margin == 10 for r in regions)


def test_a_piece_holding_a_code_is_read_again_black_and_white_with_paper_around() -> None:
    # the number's piece (a code inside) is read as cut, then framed; the issuer's only as cut
    data = tesseract_words([(1, 10, 5, 20, 90.0, "Số:"), (1, 40, 5, 20, 40.0, "4J../QĐ-KN"),
                            (2, 10, 55, 20, 90.0, "ỦY"), (2, 40, 55, 20, 90.0, "BAN")])  # fmt: skip
    pieces = [Region((0, 0, 100, 30), 7, True), Region((0, 50, 100, 80), 6, True)]
    regions = framed_too(pieces, data, 20.0, DEFAULT_REREAD)
    assert [(r.box, r.psm, r.binarise, r.margin) for r in regions] == [
        ((0, 0, 100, 30), 7, False, 0),
        ((0, 0, 100, 30), 7, True, 10),
        ((0, 50, 100, 80), 6, False, 0),
    ]
