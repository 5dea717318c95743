"""A photographed page found on its ground and straightened (rendered pages, no OCR)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from sohoa.ocr.photo_page import find_page_corners
from sohoa.ocr.preprocess import measure_skew, prepare_page


def photographed(page: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """``page`` as a phone sees it on a brown desk: its corners at ``corners`` (a larger
    canvas), light falling off to one side."""
    height, width = page.shape
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    warp = cv2.getPerspectiveTransform(source, corners)
    size = (int(width * 1.3), int(height * 1.25))
    photo = cv2.warpPerspective(page, warp, size, borderValue=90)
    light = np.linspace(1.0, 0.75, size[0], dtype=np.float32)[None, :]
    return (photo * light).astype(np.uint8)


def test_a_photographed_page_is_found_straightened_and_its_boxes_map_back(
    short_page_image: np.ndarray,
) -> None:
    height, width = short_page_image.shape
    corners = np.float32(
        [[0.12 * width, 0.08 * height], [1.15 * width, 0.13 * height],
         [1.1 * width, 1.16 * height], [0.16 * width, 1.1 * height]]
    )  # fmt: skip
    photo = photographed(short_page_image, corners)
    found = find_page_corners(photo)
    assert found is not None
    assert np.abs(found - corners).max() < 0.02 * max(photo.shape)
    prepared = prepare_page(photo, 200)
    assert prepared.page_corners is not None and prepared.perspective is not None
    assert abs(prepared.gray.shape[1] / prepared.gray.shape[0] - width / height) < 0.05
    assert measure_skew(prepared.gray) == pytest.approx(0, abs=0.3)
    # the ink found in the straightened page maps back onto the ink in the photo
    ys, xs = np.nonzero(prepared.binary < 128)
    box = prepared.box_to_original((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))
    ink_ys, ink_xs = np.nonzero(photo < 60)
    expected = (ink_xs.min(), ink_ys.min(), ink_xs.max() + 1, ink_ys.max() + 1)
    assert np.allclose(box, expected, atol=0.04 * width)


def test_a_scan_or_a_page_filling_the_picture_is_not_cropped(short_page_image: np.ndarray) -> None:
    assert find_page_corners(short_page_image) is None
    shaded = (short_page_image * np.linspace(1.0, 0.55, short_page_image.shape[1])).astype(
        np.uint8
    )  # light falling across a page that fills the photo: no desk around it
    assert find_page_corners(shaded) is None
    assert prepare_page(short_page_image, 200).perspective is None
