"""Preprocessing steps on real rendered pages (no OCR needed)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from sohoa.ocr.preprocess import (
    RAW_OPTIONS,
    binarise,
    clean_border,
    drop_red,
    flatten_background,
    measure_skew,
    prepare_page,
    to_gray,
)


def turned(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255)


@pytest.mark.parametrize("degrees", [-2.0, -0.6, 0.0, 0.8, 1.7])
def test_measure_skew_finds_the_angle_a_page_was_turned_by(
    short_page_image: np.ndarray, degrees: float
) -> None:
    assert measure_skew(turned(short_page_image, degrees)) == pytest.approx(degrees, abs=0.1)


def test_prepared_page_is_level_and_maps_boxes_back(short_page_image: np.ndarray) -> None:
    page = turned(short_page_image, 1.5)
    prepared = prepare_page(page, 200)
    assert prepared.deskew_angle == pytest.approx(1.5, abs=0.1)
    assert prepared.scale == 1.0  # upscaling did not pay off (bench/ocr.py)
    assert measure_skew(prepared.gray) == pytest.approx(0, abs=0.1)
    # The ink's bounding box in the prepared image maps back onto the ink in the original.
    ys, xs = np.nonzero(prepared.binary[:, :] < 128)
    box = prepared.box_to_original((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))
    oys, oxs = np.nonzero(page < 128)
    expected = (oxs.min(), oys.min(), oxs.max() + 1, oys.max() + 1)
    assert np.allclose(box, expected, atol=25)


def test_quarter_turns_map_boxes_back_exactly() -> None:
    image = np.full((100, 200), 255, np.uint8)
    image[10:20, 30:50] = 0
    for rotation in (0, 90, 180, 270):
        prepared = prepare_page(image, 300, RAW_OPTIONS, rotation=rotation)
        ys, xs = np.nonzero(prepared.gray < 128)
        box = (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
        assert prepared.box_to_original(box) == (30, 10, 50, 20)


def test_flatten_background_whitens_shading_and_keeps_text(
    short_page_image: np.ndarray,
) -> None:
    width = short_page_image.shape[1]
    shade = np.linspace(0.6, 1.0, width, dtype=np.float32)[None, :]
    shaded = (short_page_image * shade).astype(np.uint8)
    flat = flatten_background(shaded)
    paper = short_page_image > 250
    assert shaded[paper].min() < 160 and np.percentile(flat[paper], 5) > 235
    ink = short_page_image < 60
    assert np.median(flat[ink]) < 100


def test_clean_border_removes_a_dark_scanner_edge(short_page_image: np.ndarray) -> None:
    page = short_page_image.copy()
    page[:, :25] = 40  # the scanner lid's shadow along the left edge
    gray, binary = clean_border(page, binarise(page))
    assert gray[:, :25].min() == 255 and binary[:, :25].min() == 255
    text = short_page_image < 128
    assert np.array_equal(binary[text] < 128, np.ones(text.sum(), bool)) or (
        (binary[text] < 128).mean() > 0.95
    )


def test_a_red_seal_drops_out_and_the_print_under_it_stays(short_page_image: np.ndarray) -> None:
    page = cv2.cvtColor(short_page_image, cv2.COLOR_GRAY2RGB).astype(np.float32)
    seal = np.zeros(short_page_image.shape, np.uint8)
    cv2.circle(seal, (400, 350), 150, 255, 12)
    cv2.circle(seal, (400, 350), 60, 255, -1)
    red = np.array([205, 35, 40], np.float32) / 255  # seal ink multiplies the paper and print
    inked = seal[:, :, None] > 0
    page = np.where(inked, page * red, page).astype(np.uint8)
    blue = page.copy()
    blue[100:140, 900:1000] = (30, 50, 150)  # a pen's blue stroke is kept
    dropped = to_gray(drop_red(blue))
    paper, ink = short_page_image > 200, short_page_image < 80
    seal_on_paper = (seal > 0) & paper
    assert to_gray(page)[seal_on_paper].mean() < 120  # the seal is dark in plain gray ...
    assert dropped[seal_on_paper].mean() > 190  # ... and gone after the dropout
    assert dropped[(seal > 0) & ink].mean() < 60  # black print under the seal stays black
    assert dropped[100:140, 900:1000].max() < 90
