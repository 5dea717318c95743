"""Batched Tesseract reads give exactly the readings of one call per image."""

from __future__ import annotations

import numpy as np
import pytesseract
from PIL import Image, ImageDraw, ImageFont

from sohoa.ocr.tesseract_batch import image_to_data, images_to_data, read_in_rounds, read_many

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
WORDS = ["Nguồn kinh phí", "48.259", "Sở Khoa học", "2026"]


def word_image(text: str) -> np.ndarray:
    image = Image.new("L", (40 + 22 * len(text), 70), 255)
    ImageDraw.Draw(image).text((20, 18), text, font=ImageFont.truetype(FONT, 32), fill=0)
    return np.asarray(image)


def one_call(image: np.ndarray, config: str) -> dict[str, list]:
    return pytesseract.image_to_data(
        image, lang="vie", config=config, output_type=pytesseract.Output.DICT
    )


def test_one_run_over_many_images_reads_each_as_its_own_call() -> None:
    images = [word_image(text) for text in WORDS]
    batched = read_many(images, "vie", "--psm 7")
    assert [" ".join(w for w in d["text"] if w.strip()) for d in batched] == WORDS
    for image, data in zip(images, batched, strict=True):
        assert data == one_call(image, "--psm 7")


def test_rounds_serve_dependent_reads_and_give_the_direct_results() -> None:
    images = [word_image(text) for text in WORDS]
    calls = []

    def reader(image: np.ndarray) -> tuple[str, list[str]]:
        calls.append(1)
        first = image_to_data(image, "vie", "--psm 7")  # round 1
        text = " ".join(w for w in first["text"] if w.strip())
        if not text[0].isdigit():
            return text, []
        # a second, dependent look (as a number cell gets): round 2, both variants together
        variants = [image, 255 - (255 - image) // 2]
        config = "--psm 7 -c tessedit_char_whitelist=0123456789.,"
        again = images_to_data(variants, "vie", config)
        return text, ["".join(w for w in d["text"] if w.strip()) for d in again]

    batched = read_in_rounds([lambda image=image: reader(image) for image in images])
    calls.clear()
    direct = [reader(image) for image in images]
    assert batched == direct
    assert batched[1] == ("48.259", ["48.259", "48.259"])
    assert len(calls) == len(images)  # outside read_in_rounds: no re-runs


def test_without_the_binding_one_command_run_reads_them_all(monkeypatch) -> None:
    from sohoa.ocr import tesseract_api

    images = [word_image(text) for text in WORDS]
    in_process = read_many(images, "vie", "--psm 7")
    monkeypatch.setattr(tesseract_api, "in_process", lambda: False)
    assert read_many(images, "vie", "--psm 7") == in_process
