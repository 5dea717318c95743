"""In-process Tesseract gives exactly what the ``tesseract`` command gives."""

from __future__ import annotations

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from sohoa.ocr.tesseract_api import image_to_data, in_process, parse_config

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def text_image(lines: list[str]) -> np.ndarray:
    image = Image.new("L", (900, 60 + 50 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((30, 30 + 50 * index), line, font=ImageFont.truetype(FONT, 30), fill=0)
    return np.asarray(image)


def command(image: np.ndarray, config: str) -> dict[str, list]:
    return pytesseract.image_to_data(
        image, lang="vie", config=config, output_type=pytesseract.Output.DICT
    )


def test_the_installed_binding_runs_the_commands_tesseract() -> None:
    # The point of the module: without this the batch pays a process per page again.
    assert in_process(), (
        "tesserocr is missing or bundles another Tesseract than the command: "
        "pip install --no-binary tesserocr tesserocr (needs libtesseract-dev, see the Makefile)"
    )


@pytest.mark.parametrize(
    ("lines", "config"),
    [
        (["Quyết định số 523/QĐ-UBND", "Ủy ban nhân dân tỉnh Bắc Ninh"], "--psm 3"),
        (["Nguồn kinh phí"], "--psm 7"),
        (["48.259"], "--psm 7 -c tessedit_char_whitelist=0123456789.,"),
        ([], "--psm 6"),  # a blank crop
    ],
)
def test_same_words_boxes_and_confidences_as_the_command(lines: list[str], config: str) -> None:
    image = text_image(lines)
    assert image_to_data(image, "vie", config) == command(image, config)
    # a cropped view (not contiguous) and a second call on the same engine: still the same
    crop = image[5:, 10:]
    assert image_to_data(crop, "vie", config) == command(crop, config)


def test_a_whitelist_does_not_stick_to_later_reads() -> None:
    image = text_image(["Sở Khoa học 2026"])
    image_to_data(image, "vie", "--psm 7 -c tessedit_char_whitelist=0123456789")
    words = [w for w in image_to_data(image, "vie", "--psm 7")["text"] if w.strip()]
    assert words == ["Sở", "Khoa", "học", "2026"]


def test_config_parsing() -> None:
    assert parse_config("--psm 7 -c tessedit_char_whitelist=0123456789.,") == (
        7,
        (("tessedit_char_whitelist", "0123456789.,"),),
    )
    with pytest.raises(ValueError, match="--oem"):
        parse_config("--oem 1")
