"""normalize/glued: a token the OCR glued to the next word never loses that word."""

import pytest

from sohoa.normalize.glued import glued_tail, letters
from sohoa.normalize.restore import load_model, restore_text


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_an_option_leaving_out_a_glued_syllable_is_a_glued_tail(restorer) -> None:
    def is_syllable(tail: str) -> bool:
        return tail in restorer.model.syllables

    assert glued_tail("duongve", "dưỡng", is_syllable)  # "dưỡng về": về lost
    # letters an option leaves out as misread glyphs are no glued word
    assert not glued_tail("ctia", "của", is_syllable)  # t + i for ủ
    assert not glued_tail("bij", "bị", is_syllable)  # j: the dot below, read as a letter
    assert not glued_tail("chtrc", "chức", is_syllable)
    assert not glued_tail("veé", "về", is_syllable)  # ê read as e and é
    assert not glued_tail("duong", "dưỡng", is_syllable)  # nothing left out


def test_a_word_glued_to_the_next_is_never_restored_without_it(restorer) -> None:
    # an old OCR of a flattened table's cell: "bồi dưỡng về" with the last two run together
    line = "To chirc cac khoa dao tao, bdi duongve nang suat, chat luong"
    text, _ = restore_text(line, restorer, "eng")
    assert "năng suất" in text  # the rest restored
    assert letters(text.split()[7]) == "duongve"  # dưỡng alone was offered, về lost
