"""bench/photo_lowres.py: pages made what a phone sends (shrunk by their page, faded, JPEG)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from photo_lowres import FADED, Shrink, page_width, shrink_of, write_shrunk  # bench/ on the path
from PIL import Image


def printed_page(width: int = 1600, height: int = 2200) -> np.ndarray:
    """A white page (RGB) of black lines of print."""
    page = np.full((height, width, 3), 255, np.uint8)
    for y in range(200, height - 200, 60):
        cv2.putText(page, "Cong hoa xa hoi chu nghia", (150, y), cv2.FONT_HERSHEY_SIMPLEX,
                    1.4, (0, 0, 0), 3)  # fmt: skip
    return page


def test_pages_take_the_widths_in_turn_every_other_one_faded() -> None:
    shrinks = [shrink_of(i, [600, 700, 800]) for i in range(6)]
    assert [s.width for s in shrinks] == [600, 700, 800, 600, 700, 800]
    assert [(s.ink, s.paper) == FADED for s in shrinks] == [True, False] * 3
    assert {s.blur for s in shrinks} == {0.4, 0.7}


def test_a_photographed_page_is_measured_by_the_page_not_the_picture() -> None:
    desk = np.full((1400, 1200, 3), 70, np.uint8)
    desk[150:1250, 250:1000] = 235  # the page, 750 px across
    assert abs(page_width(desk) - 750) < 40
    assert page_width(printed_page()) == 1600  # a scan: the page fills the picture


def test_a_page_is_shrunk_faded_and_saved_as_a_jpeg(tmp_path: Path) -> None:
    target = tmp_path / "page.jpg"
    shrink = shrink_of(0, [600])
    write_shrunk_rgb(printed_page(), shrink, target, tmp_path)
    with Image.open(target) as picture:
        assert picture.format == "JPEG" and picture.size[0] == 600
        assert "dpi" not in picture.info or shrink.dpi
        gray = np.asarray(picture.convert("L"))
    assert np.percentile(gray, 0.5) >= FADED[0] - 15  # no ink darker than the faded ink
    assert np.percentile(gray, 50) <= FADED[1] + 10  # the paper gray, not white


def write_shrunk_rgb(page: np.ndarray, shrink: Shrink, target: Path, folder: Path) -> None:
    source = folder / "source.png"
    cv2.imwrite(str(source), cv2.cvtColor(page, cv2.COLOR_RGB2BGR))
    write_shrunk(source, shrink, target)
