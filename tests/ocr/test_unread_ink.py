"""Lines the page's reading missed, and print under a red seal, read again (real Tesseract
on a rendered page)."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from sohoa.ocr.preprocess import letter_height, red_weight, to_gray
from sohoa.ocr.tesseract import run_tesseract, word_rows
from sohoa.ocr.text_quality import reading_quality
from sohoa.ocr.unread_ink import (
    DEFAULT_REREAD,
    Region,
    doubtful_lines,
    framed_too,
    misread_lines,
    reading_score,
    reread_regions,
    splice,
    split_lines,
)

DPI = 200


def read(gray: np.ndarray) -> dict[str, list]:
    return run_tesseract(gray, "vie", 3)


def words(data: dict[str, list]) -> list[str]:
    return [str(data["text"][i]).strip() for i in word_rows(data)]


def line_keys(data: dict[str, list]) -> list[tuple[int, int, int]]:
    keys: list[tuple[int, int, int]] = []
    for i in word_rows(data):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key not in keys:
            keys.append(key)
    return keys


def without_line(data: dict[str, list], key: tuple[int, int, int]) -> dict[str, list]:
    """``data`` as if Tesseract had dropped the line ``key`` (its rows taken out)."""
    rows = [
        i
        for i in range(len(data["text"]))
        if (data["block_num"][i], data["par_num"][i], data["line_num"][i]) != key
        or data["level"][i] < 4
    ]
    return {column: [values[i] for i in rows] for column, values in data.items()}


def test_a_dropped_line_is_read_again_in_its_place(short_page_image: np.ndarray) -> None:
    data = read(short_page_image)
    keys = line_keys(data)
    dropped = keys[2]  # a line of the first paragraph
    missing = without_line(data, dropped)
    assert len(words(missing)) < len(words(data))
    letter = letter_height(short_page_image)
    assert letter is not None
    again = reread_regions(missing, short_page_image, None, letter, "vie")
    assert words(again) == words(data)  # every word back, in reading order


def test_a_page_read_in_full_is_left_alone(short_page_image: np.ndarray) -> None:
    data = read(short_page_image)
    letter = letter_height(short_page_image)
    assert letter is not None
    again = reread_regions(data, short_page_image, None, letter, "vie")
    assert words(again) == words(data)


def sealed(gray: np.ndarray, centre: tuple[int, int]) -> np.ndarray:
    """The page in RGB with a red seal (two rings, a filled star, a red bar) pressed over
    ``centre``, drawn over the print as ink is (darkening, never lightening)."""
    seal = np.zeros(gray.shape, np.uint8)
    radius = round(0.7 * DPI)
    cv2.circle(seal, centre, radius, 255, 5)
    cv2.circle(seal, centre, round(radius * 0.72), 255, 3)
    star = [
        (
            centre[0] + radius * (0.3 if k % 2 == 0 else 0.12) * np.sin(np.pi * k / 5),
            centre[1] - radius * (0.3 if k % 2 == 0 else 0.12) * np.cos(np.pi * k / 5),
        )
        for k in range(10)
    ]
    cv2.fillPoly(seal, [np.array(star, np.int32)], 255)
    left, right = (centre[0] - radius, centre[1] - 6), (centre[0] + radius, centre[1] + 6)
    cv2.rectangle(seal, left, right, 255, -1)
    rgb = np.dstack([gray] * 3).astype(np.float32)
    red = np.array([205, 30, 40], np.float32)
    weight = (seal.astype(np.float32) / 255 * 0.85)[:, :, None]
    inked = rgb * (1 - weight) + np.minimum(rgb, red) * weight
    return inked.astype(np.uint8)


def test_print_under_a_red_seal_is_read_without_it(short_page_image: np.ndarray) -> None:
    clean = words(read(short_page_image))
    rows = np.nonzero((short_page_image < 128).any(axis=1))[0]
    centre = (short_page_image.shape[1] // 2, int(rows[len(rows) // 2]))
    page = sealed(short_page_image, centre)
    gray = to_gray(page)
    data = read(gray)
    red = red_weight(page)
    letter = letter_height(short_page_image)
    assert red is not None and letter is not None
    again = reread_regions(data, gray, red, letter, "vie")
    right_before = sum(w in clean for w in words(data)) / len(words(data))
    right_after = sum(w in clean for w in words(again)) / len(words(again))
    assert right_after >= 0.97
    assert right_after > right_before or words(data) == words(again)
    assert len(set(clean) - set(words(again))) <= 2


def test_splice_places_new_words_before_the_first_word_below_them() -> None:
    def columns(rows: list[tuple[int, int, int, str]]) -> dict[str, list]:
        return {
            "level": [5] * len(rows),
            "page_num": [1] * len(rows),
            "block_num": [r[0] for r in rows],
            "par_num": [1] * len(rows),
            "line_num": [1] * len(rows),
            "word_num": list(range(len(rows))),
            "left": [r[1] for r in rows],
            "top": [r[2] for r in rows],
            "width": [10] * len(rows),
            "height": [10] * len(rows),
            "conf": [95.0] * len(rows),
            "text": [r[3] for r in rows],
        }

    data = columns([(1, 0, 0, "a"), (2, 0, 100, "c")])
    again = columns([(1, 0, 50, "b")])
    out = splice(data, [], again, [0])
    assert out["text"] == ["a", "b", "c"]
    # a line of its own in the block of the word it comes before
    assert out["block_num"] == [1, 2, 2]
    assert out["line_num"][1] not in (out["line_num"][0], out["line_num"][2])
    at_the_end = splice(data, [1], again, [0])
    assert at_the_end["text"] == ["a", "b"]
    assert at_the_end["block_num"] == [1, 4]  # a new block after every block of the page


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


def test_a_word_read_with_a_misread_tone_is_read_right_again(short_page_image: np.ndarray) -> None:
    data = read(short_page_image)
    long_line = max(line_keys(data), key=lambda key: len(_rows_of(data, key)))
    target = next(i for i in _rows_of(data, long_line) if str(data["text"][i]).isalpha())
    truth = str(data["text"][target])
    broken = {column: list(values) for column, values in data.items()}
    broken["text"][target] = "cầt"  # the word's marks misread into a tone it cannot carry
    broken["conf"][target] = 95.0  # ... surely: no other pass looks at it
    letter = letter_height(short_page_image)
    assert letter is not None
    again = reread_regions(broken, short_page_image, None, letter, "vie")
    assert "cầt" not in words(again)
    assert truth in words(again)


def _rows_of(data: dict[str, list], key: tuple[int, int, int]) -> list[int]:
    return [
        i
        for i in word_rows(data)
        if (data["block_num"][i], data["par_num"][i], data["line_num"][i]) == key
    ]


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


def test_a_number_line_read_with_its_code_whole_scores_above_a_garbled_one() -> None:
    # beside a handwritten number: the page read the code's end as capitals apart
    garbled = tesseract_words([(1, 100, 0, 30, 95.0, "Số:"),
                               (1, 170, 0, 30, 36.0, "4J¿../QĐ-KNGGI"),
                               (1, 240, 0, 30, 95.0, "VỊ"),
                               (1, 310, 0, 30, 91.0, "T")])  # fmt: skip
    whole = tesseract_words([(1, 100, 0, 30, 90.0, "số:"),
                             (1, 170, 0, 30, 60.0, "4/4../QĐ-KNCGTVPT")])  # fmt: skip
    assert reading_score(whole, [0, 1]) == (75.0, 1.0)
    assert reading_quality(*reading_score(whole, [0, 1])) > reading_quality(
        *reading_score(garbled, [0, 1, 2, 3])
    )
