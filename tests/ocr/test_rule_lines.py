"""Rule lines taken out of the image the text is read from, on a rendered page."""

from __future__ import annotations

import numpy as np

from sohoa.ocr.rule_lines import erase_rule_lines, rule_line_mask
from sohoa.ocr.tesseract import run_tesseract

DPI = 200


def ink_rows(gray: np.ndarray) -> np.ndarray:
    """Row indices holding ink."""
    return np.nonzero((gray < 128).any(axis=1))[0]


def heading_rows(page: np.ndarray) -> tuple[int, int]:
    """The first line of print (the heading "QUYẾT ĐỊNH", its marks above it): its top and
    bottom rows."""
    rows = set(ink_rows(page).tolist())
    top = bottom = min(rows)
    while any(bottom + step in rows for step in range(1, 8)):  # marks stand a few rows above
        bottom += 1
    return top, bottom


def ruled(page: np.ndarray) -> tuple[np.ndarray, int]:
    """The page with a 3-pixel rule drawn through the feet of the heading's letters (as a
    motto's underline touches them), and the rule's first row."""
    top, bottom = heading_rows(page)
    columns = np.nonzero((page[top : bottom + 1] < 128).any(axis=0))[0]
    counts = (page[top : bottom + 1] < 128).sum(axis=1)
    baseline = top + int(np.nonzero(counts > 0.3 * counts.max())[0][-1])
    out = page.copy()
    row = baseline - 2  # over the letters' feet; the dot under Ị stays clear below
    out[row : row + 3, columns[0] - 60 : columns[-1] + 60] = 0
    return out, row


def grid(page: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The page with a 3×3 ruled table drawn in its blank lower part, and the table's box."""
    out = page.copy()
    top, left, size = page.shape[0] - 260, 200, 240
    for k in range(4):
        out[top + k * size // 3 : top + k * size // 3 + 2, left : left + size] = 0
        out[top : top + size, left + k * size // 3 : left + k * size // 3 + 2] = 0
    return out, (left, top, left + size, top + size)


def words(gray: np.ndarray) -> list[str]:
    data = run_tesseract(gray, "vie", 3)
    return [t.strip() for t in data["text"] if t and t.strip()]


def test_a_rule_through_letters_is_erased_and_the_letters_read(
    short_page_image: np.ndarray,
) -> None:
    page, row = ruled(short_page_image)
    mask = rule_line_mask(page, DPI)
    assert mask[row + 1].sum() > 0.8 * (page[row + 1] < 128).sum()
    clean = erase_rule_lines(page, DPI)
    longest_dark_run = max(_runs(clean[row + 1] < 128), default=0)
    assert longest_dark_run < 0.2 * DPI  # no rule left, only letters' strokes
    assert words(clean)[:2] == ["QUYẾT", "ĐỊNH"]
    # letters crossing the rule keep their strokes: the heading's ink above the rule stays
    top, _ = heading_rows(short_page_image)
    before = (short_page_image[top:row] < 128).sum()
    assert (clean[top:row] < 128).sum() > 0.95 * before


def test_a_table_keeps_its_rules(short_page_image: np.ndarray) -> None:
    page, (left, top, right, bottom) = grid(short_page_image)
    mask = rule_line_mask(page, DPI)
    assert not mask[top - 2 : bottom + 2, left - 2 : right + 2].any()
    assert np.array_equal(erase_rule_lines(page, DPI), page)


def test_colour_pages_are_cleaned_in_colour(short_page_image: np.ndarray) -> None:
    page, row = ruled(short_page_image)
    colour = np.dstack([page] * 3)
    clean = erase_rule_lines(colour, DPI)
    assert clean.shape == colour.shape
    assert max(_runs(clean[row + 1, :, 0] < 128), default=0) < 0.2 * DPI


def _runs(values: np.ndarray) -> list[int]:
    """Lengths of the runs of True in ``values``."""
    padded = np.concatenate([[False], values, [False]]).astype(np.int8)
    edges = np.diff(padded)
    return list(np.nonzero(edges == -1)[0] - np.nonzero(edges == 1)[0])


def test_a_shadow_along_the_page_edge_is_left_alone(short_page_image: np.ndarray) -> None:
    page = short_page_image.copy()
    page[:, :4] = 40  # a scanner's shadow down the left edge: painting it over leaves a smear
    assert not rule_line_mask(page, DPI).any()
