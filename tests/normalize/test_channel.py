import pytest
import regex

from sohoa.normalize.channel import ENG, VIE, choose_profile, confusion_keys, mark_cost
from sohoa.normalize.restore import load_model


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_english_model_confusions_reach_the_right_key() -> None:
    assert "cuong" in confusion_keys("cuwng")  # w for ư
    assert "so" in confusion_keys("s6")  # 6 for ố
    assert "de" in confusion_keys("pe")  # P for Đ
    assert "cd" not in confusion_keys("cp")  # ... only where Đ stands: a word's first letter


def test_the_learned_english_channel_keeps_p_for_d_stroke(restorer) -> None:
    # Today's Tesseract never prints P for Đ, so the learned rules lack it; older engines do.
    eng = restorer.profiles["eng"]
    assert "đến" in dict(restorer.candidates("pen", eng)[0])
    assert "đánh" in dict(restorer.candidates("panh", eng)[0])
    assert "đến" not in dict(restorer.candidates("pen", restorer.profiles["vie"])[0])


def test_profile_follows_the_marks_only_vietnamese_ocr_produces() -> None:
    assert choose_profile(["Thực", "hiện", "Quyết", "định", "của", "Thủ", "tướng"]).name == "vie"
    assert choose_profile(["Thuc", "hién", "Quyét", "dinh", "cua", "Thu", "tuong"]).name == "eng"


def test_vie_profile_trusts_kept_marks_more_than_eng() -> None:
    assert mark_cost("tố", "tổ", VIE) > mark_cost("tố", "tổ", ENG)
    assert mark_cost("tố", "tố", VIE) == 0
    # hook read as acute is the cheap vie confusion, cheaper than any other tone change
    assert mark_cost("tố", "tổ", VIE) < mark_cost("tố", "tồ", VIE)


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


def test_glyph_runs_match_the_keys_a_pattern_would(restorer) -> None:
    # keys_with_vowel_runs replaced a regex per token: same keys, same order.
    keys = "\n".join(sorted(restorer.model.syllables))
    for parts in (["ng", ""], ["h", "u"], ["t", "n"], ["", "ng"], ["ch", "c"], ["ng", "", "n"]):
        pattern = "[aeiouy]{1,3}".join(parts)
        expected = regex.findall(f"(?m)^{pattern}$", keys)
        assert expected and restorer.index.keys_with_vowel_runs(parts) == expected, parts


def test_a_token_that_is_no_syllable_gets_a_wider_search(restorer) -> None:
    eng = restorer.profiles["eng"]  # the learned English-model channel
    assert "nước" in dict(restorer.candidates("nudce", eng)[0])  # d for o, and a stray e
    kept, reserve = restorer.candidates("kmh", eng)
    assert "kinh" in dict(kept + reserve)  # two edits in three letters
    assert "chức" in dict(restorer.candidates("chure", eng)[0])
    # "timg" is no syllable: searched two edits away; "tim" is one: it is not
    assert "từng" in dict(restorer.candidates("timg", eng)[0])
    assert "từng" not in dict(restorer.candidates("tim", eng)[0])


def test_wide_search_edits_seen_in_the_channel_data_cost_less(restorer) -> None:
    from sohoa.normalize.channel import WIDE_EDIT_COST, learned_edit_cost

    costs = restorer.index.edit_costs(restorer.profiles["eng"])
    assert costs[("d", "o")] < WIDE_EDIT_COST  # English-model OCR reads ơ/ô as d
    assert ("q", "z") not in costs  # never seen: the full cost
    assert learned_edit_cost("nudce", "nuoc", costs) < 2 * WIDE_EDIT_COST
    assert learned_edit_cost("abc", "abz", costs) == WIDE_EDIT_COST


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


def test_the_legacy_engines_text_gets_its_own_profile_when_the_model_has_one() -> None:
    """Apostrophes between letters are the legacy engine's horns (lu’o’ng = lường)."""
    import dataclasses

    legacy = dataclasses.replace(ENG, name="eng-legacy")
    profiles = {"eng": ENG, "vie": VIE, "eng-legacy": legacy}
    legacy_text = "Thu’c hién Chi thi do lu’o’ng chat lu’o’ng qu6c gia dén ném".split()  # noqa: SIM905
    lstm_text = "Thuc hién Chi thi do luong chat lugng quéc gia dén nam".split()  # noqa: SIM905
    assert choose_profile(legacy_text, profiles).name == "eng-legacy"
    assert choose_profile(lstm_text, profiles).name == "eng"
    assert choose_profile(legacy_text, {"eng": ENG, "vie": VIE}).name == "eng"  # none: eng
