"""normalize/options: the options each OCR token is offered."""

import pytest

from sohoa.normalize.options import token_slots
from sohoa.normalize.restore import load_model, restore_text
from sohoa.normalize.tokens import tokenize


@pytest.fixture(scope="module")
def restorer():
    return load_model()


def test_a_known_code_read_apart_from_its_number_is_kept(restorer) -> None:
    # "QĐ - TTg": the tokenizer sees TTg as a word; a known code with a capital inside is
    # offered only as written, never as a syllable ("Tự", "Trở" on English-model OCR).
    source = "Quyet dinh so 212 / 2004 / QD - TTg phe duyet; CTrTT va Tu"
    tokens = tokenize(source)
    slots = token_slots(tokens, restorer, restorer.profiles["eng"])
    options = {tokens[s.token].text: s.options for s in slots if s.token >= 0}
    assert options["TTg"] == [("TTg", "<unk>", 0.0)]  # as the model's build counted it
    assert options["CTrTT"] == [("CTrTT", "<unk>", 0.0)]
    assert len(options["Tu"]) > 1  # a plain word still gets its syllables
    text, edits = restore_text(source, restorer, "eng")
    assert "QĐ - TTg" in text and not {"TTg", "CTrTT"} & {e.original for e in edits}
