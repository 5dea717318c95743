import math
from pathlib import Path

import pytest

from sohoa.corpus import trigram_lm
from sohoa.corpus.build import (
    build_model,
    code_parts,
    expand_sources,
    likely_misreadings,
    read_code_list,
    shift_held,
    syllable_shaped,
    text_units,
)
from sohoa.corpus.model import SEP, load_model_file, save_model
from sohoa.errors import SohoaError

HUNSPELL = Path(__file__).resolve().parents[2] / "corpus" / "sources" / "hunspell-vi.txt"


@pytest.fixture(scope="module")
def small_model(seeds_dir: Path):
    return build_model([seeds_dir / "001_b2bd4cc6c0423af8.txt", HUNSPELL])


def test_text_units_normalise_syllables_and_classes() -> None:
    units = list(text_units("Quyết định số 523/QĐ-UBND của UBND tỉnh, về hoá chất 2020."))
    assert units == [
        "quyết", "định", "số", "<code>", "của", "<abbr>", "tỉnh", ",", "về", "hóa", "chất",
        "<num>", ".",
    ]  # fmt: skip


def test_syllable_shape() -> None:
    assert syllable_shaped("nghiêng") and syllable_shaped("quyết")
    assert not syllable_shaped("ubnd") and not syllable_shaped("python")


def test_model_holds_syllables_acronyms_and_a_normalised_trigram(small_model) -> None:
    keys = dict(small_model.syllables["luong"])
    assert "lường" in keys and "lượng" in keys
    assert small_model.acronyms["QD"] == "QĐ"
    # probabilities of the words after a context sum to at most 1
    total = sum(math.exp(small_model.logprob("đo", "lường", w)) for w in small_model.unigrams)
    assert 0.9 < total <= 1.0001
    assert small_model.logprob("<s>", "đo", "lường") > small_model.logprob("<s>", "đo", "lượng")
    assert any(k.count(SEP) == 2 for k in small_model.trigrams)


def test_exclude_leaves_a_file_out(seeds_dir: Path) -> None:
    files = expand_sources([seeds_dir], exclude=[seeds_dir / "002_16be85fa44299f16.txt"])
    assert all(not f.name.startswith("002") for f in files)
    with pytest.raises(SohoaError):
        expand_sources([seeds_dir / "missing.txt"])


def test_saved_model_loads_fast_and_equal(small_model, tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    save_model(small_model, path)
    loaded = load_model_file(path)
    assert loaded.trigrams == small_model.trigrams
    assert loaded.acronyms == small_model.acronyms


def test_a_file_that_is_not_a_model_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a pickle")
    with pytest.raises(SohoaError, match="not a sohoa restorer model"):
        load_model_file(bad)


def test_listed_words_that_text_writes_get_the_word_bonus(tmp_path: Path) -> None:
    text = tmp_path / "text.txt"
    text.write_text(
        "Đề án này để làm rõ. Để án được duyệt, đề án phải rõ. "
        * trigram_lm.WORD_PAIR_MIN_TEXT_COUNT
        + "Thí điểm.\n",
        encoding="utf-8",
    )
    words = tmp_path / "words.txt"
    words.write_text("đề án\nthí điểm\nđề xuất\nlàm rõ\n", encoding="utf-8")
    model = build_model([text, words])
    assert "đề" + SEP + "án" in model.word_pairs  # listed, and written often enough
    assert "để" + SEP + "án" not in model.word_pairs  # written, not listed
    assert "đề" + SEP + "xuất" not in model.word_pairs  # listed, never written
    assert model.word_bonus == trigram_lm.WORD_BONUS
    contexts = [("<s>", "đề", "án"), (",", "đề", "án"), (".", "để", "án"), ("rõ", ".", "để")]
    before = {context: model.logprob(*context) for context in contexts}
    trigram_lm.set_word_bonus(model, model.word_bonus + 2.0)
    coded = model.coded()  # the decoder's integer-coded LM sees the new bonus too
    for (t, u, w), lp in before.items():
        listed = u + SEP + w in model.word_pairs
        assert model.logprob(t, u, w) == pytest.approx(lp + (2.0 if listed else 0.0))
        t_id, u_id, w_id = coded.unit_ids([t, u, w])
        assert coded.fill(coded.row(t_id, u_id), w_id) == model.logprob(t, u, w)
    trigram_lm.set_word_bonus(model, 0.0)
    trigram_lm.set_word_bonus(model, 0.0)  # idempotent
    # without the bonus the LM is normalised again
    total = sum(math.exp(model.logprob("<s>", "đề", w)) for w in model.unigrams)
    assert 0.9 < total <= 1.0001


def test_likely_misreadings_rewrite_one_letter_group_by_a_confusion() -> None:
    rules = [("ir", "u", 1.0), ("^p", "d", 1.2), ("6", "o", 9.0)]
    assert likely_misreadings(["thuc"], rules) == {"thirc"}
    assert likely_misreadings(["to"], rules) == {"t6"}
    assert likely_misreadings(["dad"], rules) == {"pad"}  # "^": the first letter only
    assert likely_misreadings(["tuu"], rules) == {"tiru", "tuir"}  # each place on its own


def test_the_code_vocabulary_is_learned_and_listed(small_model) -> None:
    assert list(code_parts("Theo 30/2020/NĐ-CP, Sở GD&ĐT, 12/QĐ-TTg, KẾ HOẠCH UBND")) == [
        "NĐ", "CP", "GD", "ĐT", "QĐ", "TTg", "UBND",
    ]  # fmt: skip
    listed = read_code_list()
    assert {"NĐ", "CP", "TTg", "BTC", "GD", "ĐT"} <= set(listed)
    assert {"CP", "TTg", "UBND"} <= set(small_model.codes)
    assert small_model.codes == sorted(small_model.codes)


def test_a_word_typed_with_shift_held_is_no_code() -> None:
    # source typos (LibreOffice help "BIểu_thức1", "NNăm.Th.Ng"; "GNU/LInux") are words with
    # one capital too many; abbreviations keep their consonant clusters (TTg, TTr, TTh, CTrTT)
    text = "BIểu_thức1, định dạng NNăm.Th.Ng, GNU/LInux, 12/QĐ-TTg, 5/TTr-UBND, 3/CTrTT-TTh"
    assert list(code_parts(text)) == ["GNU", "QĐ", "TTg", "TTr", "UBND", "CTrTT", "TTh"]
    assert not any(shift_held(code) for code in read_code_list())  # the listed QyĐ, CTr stay
