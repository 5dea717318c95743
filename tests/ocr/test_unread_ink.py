"""Lines the page's reading missed, and print under a red seal, read again (real Tesseract
on a rendered page)."""

from __future__ import annotations

import cv2
import numpy as np

from sohoa.ocr import unread_ink
from sohoa.ocr.preprocess import letter_height, red_weight, to_gray
from sohoa.ocr.reread_lines import DEFAULT_REREAD, Region
from sohoa.ocr.tesseract import run_tesseract, word_rows
from sohoa.ocr.text_quality import reading_quality
from sohoa.ocr.unread_ink import (
    reading_score,
    reread_regions,
    splice,
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


def one_line(words: list[tuple]) -> dict[str, list]:
    """Tesseract's columns of one line: (line, left, top, height, confidence, text)."""
    return {
        "level": [5] * len(words),
        "block_num": [1] * len(words),
        "par_num": [1] * len(words),
        "line_num": [w[0] for w in words],
        "left": [w[1] for w in words],
        "top": [w[2] for w in words],
        "width": [60] * len(words),
        "height": [w[3] for w in words],
        "conf": [w[4] for w in words],
        "text": [w[5] for w in words],
    }


def test_a_number_line_read_with_its_code_whole_scores_above_a_garbled_one() -> None:
    # beside a handwritten number: the page read the code's end as capitals apart
    garbled = one_line([(1, 100, 0, 30, 95.0, "Số:"),
                               (1, 170, 0, 30, 36.0, "4J¿../QĐ-KNGGI"),
                               (1, 240, 0, 30, 95.0, "VỊ"),
                               (1, 310, 0, 30, 91.0, "T")])  # fmt: skip
    whole = one_line([(1, 100, 0, 30, 90.0, "số:"),
                             (1, 170, 0, 30, 60.0, "4/4../QĐ-KNCGTVPT")])  # fmt: skip
    assert reading_score(whole, [0, 1]) == (75.0, 1.0)
    assert reading_quality(*reading_score(whole, [0, 1])) > reading_quality(
        *reading_score(garbled, [0, 1, 2, 3])
    )


def columns(words: list[tuple]) -> dict[str, list]:
    """All of Tesseract's columns for words on one line: (left, top, confidence, text)."""
    n = len(words)
    return {
        "level": [5] * n, "page_num": [1] * n, "block_num": [1] * n, "par_num": [1] * n,
        "line_num": [1] * n, "word_num": list(range(1, n + 1)),
        "left": [w[0] for w in words], "top": [w[1] for w in words],
        "width": [28] * n, "height": [16] * n,
        "conf": [w[2] for w in words], "text": [w[3] for w in words],
    }  # fmt: skip


def test_a_whole_name_read_with_low_confidence_low_on_the_page_is_kept(monkeypatch) -> None:
    # a ~70-dpi photo: the signer's name found where nothing was read, read at 22/69/84
    # (mean 58, under the 70 asked of a line); every word a name of the lexicon
    name = columns([(412, 720, 22.0, "Hỗ"), (444, 720, 69.0, "Đình"), (481, 720, 84.0, "Tùng.")])
    garbage = columns([(412, 720, 22.0, "Hhị"), (444, 720, 69.0, "đề"), (481, 720, 84.0, "Ai")])
    page = columns([(100, 100, 95.0, "Kính"), (140, 100, 95.0, "gửi:")])
    pixels = np.full((752, 615), 255, np.uint8)
    read = {"crop": name}
    monkeypatch.setattr(unread_ink, "read_region", lambda *_: read["crop"])

    def texts(box: tuple[int, int, int, int], replace: bool = False) -> list[str]:
        data = unread_ink._reread(page, pixels, Region(box, 7, replace), "vie", DEFAULT_REREAD)
        return [str(t) for t in data["text"]]

    assert texts((412, 716, 524, 740)) == ["Kính", "gửi:", "Hỗ", "Đình", "Tùng."]
    read["crop"] = columns(
        [
            (w[0], 150, w[2], w[3])
            for w in zip(name["left"], name["top"], name["conf"], name["text"], strict=True)
        ]
    )
    assert texts((412, 146, 524, 170)) == ["Kính", "gửi:"]  # high on the page: not a signature
    read["crop"] = garbage
    assert texts((412, 716, 524, 740)) == ["Kính", "gửi:"]  # low confidence, not a name
