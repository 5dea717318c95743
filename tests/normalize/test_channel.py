"""The channel's candidates and their prices (normalize/channel.py)."""

import pytest

from sohoa.normalize.channel_profile import ENG, choose_profile
from sohoa.normalize.restore import load_model


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_the_learned_english_channel_keeps_p_for_d_stroke(restorer) -> None:
    # Today's Tesseract never prints P for Đ, so the learned rules lack it; older engines do.
    eng = restorer.profiles["eng"]
    assert "đến" in dict(restorer.candidates("pen", eng)[0])
    assert "đánh" in dict(restorer.candidates("panh", eng)[0])
    assert "đến" not in dict(restorer.candidates("pen", restorer.profiles["vie"])[0])


def test_candidates_cover_lost_marks_and_letter_confusions(restorer) -> None:
    assert "đường" in dict(restorer.candidates("duong", ENG)[0])
    assert "cường" in dict(restorer.candidates("cuwng", ENG)[0])
    assert "nghiệp" in dict(restorer.candidates("nghi¢p", ENG)[0])
    # cached: the same list object comes back
    assert restorer.candidates("duong", ENG) is restorer.candidates("duong", ENG)


def test_a_symbol_glyph_stands_for_a_marked_vowel(restorer) -> None:
    assert "sở" in dict(restorer.candidates("s&", ENG)[0])
    assert "điện" in dict(restorer.candidates("di¢n", ENG)[0])
    found = dict(restorer.candidates("nhi€ém", ENG)[0])  # the glyph swallowed ê
    assert "nhiệm" in found
    # the glyph hides a marked vowel: the unmarked spelling costs more
    sa = dict(restorer.candidates("s&", ENG)[0])
    assert sa.get("so", 99.0) > sa["sở"]
    assert "người" in dict(restorer.candidates("ngu@i", ENG)[0])  # @ for ơ
    assert "nước" in dict(restorer.candidates("nu@c", ENG)[0])
    # ? for ứ, with the letter before it (t?) or not
    for token in ("cht?c", "chi?c"):
        assert "chức" in dict(restorer.candidates(token, ENG)[0])
    assert "thứ" in dict(restorer.candidates("thi?", ENG)[0])  # a ? closing the word


def test_a_token_that_is_no_syllable_gets_a_wider_search(restorer) -> None:
    eng = restorer.profiles["eng"]  # the learned English-model channel
    assert "nước" in dict(restorer.candidates("nudce", eng)[0])  # d for o, and a stray e
    kept, reserve = restorer.candidates("kmh", eng)
    assert "kinh" in dict(kept + reserve)  # two edits in three letters
    assert "chức" in dict(restorer.candidates("chure", eng)[0])
    # "timg" is no syllable: searched two edits away; "tim" is one: it is not
    assert "từng" in dict(restorer.candidates("timg", eng)[0])
    assert "từng" not in dict(restorer.candidates("tim", eng)[0])


def test_a_letter_confusion_is_priced_by_the_marked_letter_it_hides(restorer) -> None:
    eng = restorer.profiles["eng"]
    assert eng.letters  # learned with the shipped model's channel
    found = dict(restorer.candidates("16i", eng)[0])
    # English-model OCR prints 6 for ô far more often than for ơ
    assert found["lỗi"] < found["lợi"]


def test_the_character_channel_prices_letters_with_their_tones(restorer) -> None:
    eng = restorer.profiles["eng"]
    assert eng.chars  # learned with the shipped model's channel
    found = dict(restorer.candidates("d6", eng)[0])
    # English-model OCR prints 6 for ổ more often than for ố, and d for đ always
    assert found["đổ"] < found["đố"]


def test_plain_unmarked_text_gets_no_ocr_letter_tables(restorer) -> None:
    profiles = restorer.profiles
    plain = choose_profile(["KE", "HOACH", "MOI", "UBND"], profiles)
    assert plain.name == "plain" and plain.chars is None and plain.letters is None
    # a glyph, a digit in a word or an OCR's é is English-model OCR: its tables apply
    for words in (["Ke", "hoach", "s6"], ["nghi¢p", "moi"], ["hién", "nay"]):
        assert choose_profile(words, profiles).name == "eng"
    # in plain text o stands for ớ as readily as for ọ: the LM decides
    found = dict(restorer.candidates("moi", plain)[0])
    assert found["mới"] == found["mọi"]
