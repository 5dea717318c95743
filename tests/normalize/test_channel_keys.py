"""The syllable keys an OCR token may stand for (normalize/channel_keys.py)."""

import pytest
import regex

from sohoa.normalize.channel_keys import WIDE_EDIT_COST, confusion_keys, learned_edit_cost
from sohoa.normalize.restore import load_model


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_english_model_confusions_reach_the_right_key() -> None:
    assert "cuong" in confusion_keys("cuwng")  # w for ư
    assert "so" in confusion_keys("s6")  # 6 for ố
    assert "de" in confusion_keys("pe")  # P for Đ
    assert "cd" not in confusion_keys("cp")  # ... only where Đ stands: a word's first letter


def test_glyph_runs_match_the_keys_a_pattern_would(restorer) -> None:
    # keys_with_vowel_runs replaced a regex per token: same keys, same order.
    keys = "\n".join(sorted(restorer.model.syllables))
    for parts in (["ng", ""], ["h", "u"], ["t", "n"], ["", "ng"], ["ch", "c"], ["ng", "", "n"]):
        pattern = "[aeiouy]{1,3}".join(parts)
        expected = regex.findall(f"(?m)^{pattern}$", keys)
        assert expected and restorer.index.keys_with_vowel_runs(parts) == expected, parts


def test_wide_search_edits_seen_in_the_channel_data_cost_less(restorer) -> None:
    costs = restorer.index.edit_costs(restorer.profiles["eng"])
    assert costs[("d", "o")] < WIDE_EDIT_COST  # English-model OCR reads ơ/ô as d
    assert ("q", "z") not in costs  # never seen: the full cost
    assert learned_edit_cost("nudce", "nuoc", costs) < 2 * WIDE_EDIT_COST
    assert learned_edit_cost("abc", "abz", costs) == WIDE_EDIT_COST
