"""A reading's words weighed by the restorer's lexicon: misread words are less likely, at
any size the page was read at."""

from __future__ import annotations

import cv2
import numpy as np

from sohoa.ocr.lexicon_score import lexicon_scores, measure_words, syllable_logprobs
from sohoa.ocr.page_ocr import read_variant
from sohoa.settings import Settings

FAST = Settings(dpi=200, restore=False, extract_tables=False)


def test_a_page_misread_is_less_plausible_than_the_page_read_right(
    short_page_image: np.ndarray,
) -> None:
    logprobs = syllable_logprobs(None)
    clean = read_variant(short_page_image, 200, "prepared", FAST)
    blurred = cv2.GaussianBlur(short_page_image, (0, 0), 2.2)  # marks melt into blobs
    misread = read_variant(blurred, 200, "prepared", FAST)
    right, wrong = measure_words(clean.data, logprobs), measure_words(misread.data, logprobs)
    assert misread.text != clean.text
    assert right.plausibility > wrong.plausibility
    assert right.known_words >= wrong.known_words


def test_a_reading_that_lost_words_scores_lower_for_it(short_page_image: np.ndarray) -> None:
    logprobs = syllable_logprobs(None)
    whole = read_variant(short_page_image, 200, "prepared", FAST)
    half = read_variant(short_page_image[: short_page_image.shape[0] // 2], 200, "prepared", FAST)
    measures = [measure_words(whole.data, logprobs), measure_words(half.data, logprobs)]
    assert measures[1].known_words < 0.8 * measures[0].known_words
    whole_score, half_score = lexicon_scores(measures)
    assert whole_score - measures[0].plausibility == 0.0  # the most words: no loss
    assert half_score < measures[1].plausibility - 0.1  # its loss weighed
