"""Choosing how to clean a page by what the reading itself shows; small text upscaled;
a Word file that is only a picture is OCR'd; a page without text is reported."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from cli_runner import run_cli
from PIL import Image

from sohoa.corpus import scan_simulator as scans
from sohoa.ocr.ingest import ingest
from sohoa.ocr.page_ocr import (
    DEFAULT_CHOICE,
    UPSCALED,
    Reading,
    best_reading,
    better_size,
    choice_score,
    choose_reading,
    read_variant,
)
from sohoa.ocr.preprocess import letter_height, prepare_page, small_text_scale
from sohoa.settings import Settings

from .conftest import SHORT_TEXT

FAST = Settings(dpi=200, restore=False, extract_tables=False)


def short_words() -> list[str]:
    return " ".join(p if isinstance(p, str) else p.text for p in SHORT_TEXT).split()


def test_small_text_is_upscaled_and_print_size_text_is_not(short_page_image: np.ndarray) -> None:
    assert small_text_scale(short_page_image) == 1.0  # 200 dpi print: big enough
    small = cv2.resize(short_page_image, None, fx=0.35, fy=0.35, interpolation=cv2.INTER_AREA)
    height = letter_height(small)
    assert height is not None and height < 12
    assert 2.5 < small_text_scale(small) <= 4.0


def test_a_screenshot_sized_page_is_read_after_upscaling(
    tmp_path: Path, short_page_image: np.ndarray
) -> None:
    small = cv2.resize(short_page_image, None, fx=0.35, fy=0.35, interpolation=cv2.INTER_AREA)
    path = tmp_path / "screenshot.png"
    Image.fromarray(small).save(path)  # no dpi recorded, like a screenshot
    (page,) = ingest(path, FAST).pages
    tried = [reading["variant"] for reading in page.provenance["readings"]]
    assert tried[:2] == ["prepared", "prepared, upscaled"]
    expected = short_words()
    found = page.text().split()
    assert sum(w in found for w in expected) >= 0.9 * len(expected)
    right, bottom = small.shape[1], small.shape[0]
    assert all(0 <= w.bbox[0] <= w.bbox[2] <= right + 1 for w in page.words if w.bbox)
    assert all(0 <= w.bbox[1] <= w.bbox[3] <= bottom + 1 for w in page.words if w.bbox)


def test_a_clean_page_is_read_once_and_the_choice_recorded(short_page_image: np.ndarray) -> None:
    chosen, readings = choose_reading(short_page_image, 200, FAST)
    assert [r.variant for r in readings] == ["prepared"]
    assert chosen.variant == "prepared" and not chosen.doubtful


def test_a_doubtful_page_is_compared_with_the_other_variants(
    short_page_image: np.ndarray,
) -> None:
    noisy = short_page_image.astype(np.float32)
    noisy = cv2.GaussianBlur(noisy, (0, 0), 1.6)
    noisy += np.random.default_rng(1).normal(0, 40, noisy.shape)
    noisy = np.clip(noisy, 0, 255).astype(np.uint8)
    first = read_variant(noisy, 200, "prepared", FAST)
    chosen, readings = choose_reading(noisy, 200, FAST)
    if first.doubtful:
        assert [r.variant for r in readings] == ["prepared", "as-read", "binarised"]
        best = max(choice_score(r, readings, DEFAULT_CHOICE) for r in readings)
        assert choice_score(chosen, readings, DEFAULT_CHOICE) >= best - DEFAULT_CHOICE.prefer_first
    else:
        pytest.skip("this noise did not make the first reading doubtful")


def reading(
    variant: str, confidence: float, valid_share: float, confident_words: int, page: np.ndarray
) -> Reading:
    """A reading with the given measures (the choice looks at nothing else)."""
    prepared = prepare_page(page, 200)
    data: dict[str, list] = {"text": [], "conf": []}
    return Reading(variant, prepared, data, confidence, valid_share, confident_words, 1.0,
                   confident_words=confident_words)  # fmt: skip


def test_a_reading_that_loses_lines_does_not_win_on_confidence(
    short_page_image: np.ndarray,
) -> None:
    # an upscaled "as read" reading of a curled photo: confident about the lines it kept
    first = reading("prepared", 88.0, 0.95, 118, short_page_image)
    lossy = reading("as-read, upscaled", 93.0, 0.97, 40, short_page_image)
    assert lossy.score > first.score
    assert best_reading([first, lossy], first) is first


def test_a_near_tie_goes_to_the_prepared_reading_and_a_clear_win_does_not(
    short_page_image: np.ndarray,
) -> None:
    first = reading("prepared", 93.7, 0.966, 300, short_page_image)
    close = reading("binarised", 93.5, 0.972, 302, short_page_image)  # 1.421 against 1.420
    assert close.score > first.score and best_reading([first, close], first) is first
    better = reading("binarised", 96.0, 0.98, 305, short_page_image)
    assert best_reading([first, better], first) is better


def test_a_docx_holding_only_a_scan_is_ocred(tmp_path: Path, short_page_image) -> None:
    import docx

    picture = io.BytesIO()
    Image.fromarray(short_page_image).save(picture, format="PNG", dpi=(200, 200))
    picture.seek(0)
    document = docx.Document()
    document.add_picture(picture)
    path = tmp_path / "scan-in-word.docx"
    document.save(str(path))
    (page,) = ingest(path, FAST).pages
    assert page.provenance == {"text": "ocr of the pictures", "pictures": 1}
    found = page.text().split()
    assert sum(w in found for w in short_words()) >= 0.9 * len(short_words())


def test_a_blank_page_is_reported_in_one_warning_line(tmp_path: Path) -> None:
    blank = np.full((1100, 850), 255, np.uint8)
    path = scans.images_to_pdf([blank], tmp_path / "in" / "blank.pdf", 100)
    result = run_cli("convert", str(path), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "gave no text" in line]
    assert len(warnings) == 1 and "blank.pdf" in warnings[0]


def test_the_lexicon_vetoes_an_upscaling_chosen_on_confidence_alone(
    short_page_image: np.ndarray,
) -> None:
    # a phone photo's page: 0.36 of its size, blurred, JPEG. Upscaled, Tesseract is more sure
    # of its letters and reads no better: the lexicon finds the words read at the page's own
    # size likelier and keeps that size
    small = cv2.resize(short_page_image, None, fx=0.36, fy=0.36, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 0.7)
    ok, jpeg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    photo = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    first = read_variant(photo, 96, "prepared", FAST)
    upscaled = read_variant(photo, 96, "prepared" + UPSCALED, FAST)
    assert upscaled.prepared.scale > 2 and upscaled.confidence > first.confidence
    by_score = replace(DEFAULT_CHOICE, size_veto=None)
    assert better_size(first, upscaled, FAST, by_score) is upscaled
    assert better_size(first, upscaled, FAST) is first
    truth = short_words()
    right = [sum(w in r.text.split() for w in truth) for r in (first, upscaled)]
    assert right[0] >= right[1]


def test_the_lexicon_never_makes_a_page_read_bigger(short_page_image: np.ndarray) -> None:
    # the same photo with the readings swapped: the score prefers the page's own size, and
    # the lexicon, whatever it finds, is not asked
    small = cv2.resize(short_page_image, None, fx=0.36, fy=0.36, interpolation=cv2.INTER_AREA)
    first = read_variant(small, 96, "prepared", FAST)
    upscaled = read_variant(small, 96, "prepared" + UPSCALED, FAST)
    worse = replace(upscaled, confidence=first.confidence - 20)
    assert best_reading([first, worse], None) is first
    assert better_size(first, worse, FAST) is first


def test_without_a_restorer_model_the_score_alone_chooses_the_size(
    short_page_image: np.ndarray, tmp_path: Path
) -> None:
    # OCR needs no restorer model: with none at the settings' path the veto is not asked
    small = cv2.resize(short_page_image, None, fx=0.36, fy=0.36, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 0.7)
    first = read_variant(small, 96, "prepared", FAST)
    upscaled = read_variant(small, 96, "prepared" + UPSCALED, FAST)
    better = replace(upscaled, confidence=first.confidence + 20)
    no_model = replace(FAST, model_path=tmp_path / "absent.pkl")
    assert better_size(first, better, no_model) is better
