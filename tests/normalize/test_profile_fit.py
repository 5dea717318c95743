"""Choosing between two kinds of old OCR by how well each explains the text
(normalize/profile_fit.py)."""

import dataclasses

import pytest

from sohoa.normalize.decoder import decode
from sohoa.normalize.options import token_slots
from sohoa.normalize.profile_fit import fit_score, likeliest_profile, path_score
from sohoa.normalize.restore import load_model
from sohoa.normalize.tokens import tokenize

# Tesseract's legacy engine without its apostrophe horns: é for â, ă and ê (ném = năm).
LEGACY = "Thuc hién Chi thi do luong, chat luong qu6c gia dén ném 2030. Cong téc kiém tra, giém sét"
# Today's English-model OCR: the marks lost, the letters whole.
LSTM = "Tang cuong cong tac do luong, chat luong san pham hang hoa tren dia ban tinh"


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_each_text_gets_the_profile_that_explains_it_better(restorer) -> None:
    eng, legacy = restorer.profiles["eng"], restorer.profiles["eng-legacy"]
    assert fit_score(LEGACY, restorer, legacy) > fit_score(LEGACY, restorer, eng)
    assert likeliest_profile(LEGACY, restorer, eng) is legacy
    assert likeliest_profile(LSTM, restorer, eng) is eng
    assert likeliest_profile(LSTM, restorer, legacy) is eng


def test_only_old_ocr_is_refitted(restorer) -> None:
    vie = restorer.profiles["vie"]
    assert likeliest_profile(LEGACY, restorer, vie) is vie
    off = dataclasses.replace(restorer.params, fit_profiles=())
    held, restorer.params = restorer.params, off
    try:
        assert likeliest_profile(LEGACY, restorer, restorer.profiles["eng"]).name == "eng"
    finally:
        restorer.params = held


def test_the_path_score_is_the_decoders_objective(restorer) -> None:
    # The decoder's choice scores at least as well as keeping every first option.
    slots = [s.options for s in token_slots(tokenize(LSTM), restorer, restorer.profiles["eng"])]
    chosen = [c.index for c in decode(slots, restorer.model, 1.3, 6, alternatives=False)]
    best = path_score(slots, chosen, restorer, 1.3)
    assert best >= path_score(slots, [0] * len(slots), restorer, 1.3)
    assert chosen != [0] * len(slots)
