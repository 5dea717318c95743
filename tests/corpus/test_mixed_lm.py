"""corpus/mixed_lm.py and the build's in-domain LM (build_model's ``domain``)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from sohoa.corpus.build import Counts, build_model
from sohoa.corpus.build import text_units as units
from sohoa.corpus.coded_lm import SEP
from sohoa.corpus.mixed_lm import LMTables, mixed
from sohoa.corpus.model import load_model_file, save_model
from sohoa.corpus.trigram_lm import lm_tables, set_word_bonus

GENERAL = "Báo cáo hàng năm của phần mềm. Bảng tính hàng năm. Bảng tính có hàm phân bố chuẩn.\n"
DOMAIN = "Ủy ban nhân dân cấp xã báo cáo hằng năm. Kinh phí phân bổ hằng năm.\n"


def tables(text: str) -> LMTables:
    counts = Counts("classic")
    counts.add_text(text)
    return lm_tables(counts)


def total_after(lm: LMTables, t: str, u: str) -> float:
    return sum(math.exp(lm.trigram_lp(t, u, w)) for w in lm.unigrams)


def test_the_mixture_is_the_weighted_sum_of_both_lms() -> None:
    general, domain = tables(GENERAL * 3), tables(DOMAIN)
    lm = mixed(general, domain, 0.3)
    for gram in (("báo", "cáo", "hàng"), ("báo", "cáo", "hằng"), ("<s>", "kinh", "phí")):
        expected = 0.7 * math.exp(general.trigram_lp(*gram))
        expected += 0.3 * math.exp(domain.trigram_lp(*gram))
        assert math.exp(lm.trigram_lp(*gram)) == pytest.approx(expected)


def test_each_context_of_the_mixture_still_sums_to_one() -> None:
    lm = mixed(tables(GENERAL * 3), tables(DOMAIN), 0.3)
    # (to within the unknown-word floor each LM gives the words only the other one knows)
    for context in (("báo", "cáo"), ("<s>", "bảng"), ("phân", "bổ"), ("xã", "báo")):
        assert total_after(lm, *context) == pytest.approx(1.0, abs=1e-3)


def test_weight_zero_gives_back_the_general_lm() -> None:
    general = tables(GENERAL)
    lm = mixed(general, tables(DOMAIN), 0.0)
    for key, lp in general.trigrams.items():
        assert lm.trigrams[key] == pytest.approx(lp)
    assert list(lm.trigrams)[: len(general.trigrams)] == list(general.trigrams)  # same order


def test_an_in_domain_lm_lets_the_administrative_spelling_win(tmp_path: Path) -> None:
    # The general text writes "hàng năm" far more often; the administrative text "hằng năm".
    general, domain = tmp_path / "help.txt", tmp_path / "plan.txt"
    general.write_text(GENERAL * 5, encoding="utf-8")
    domain.write_text(DOMAIN * 3, encoding="utf-8")
    alone = build_model([general, domain])
    mixed_in = build_model([general, domain], domain=[domain])
    context = ("báo", "cáo")
    assert alone.logprob(*context, "hàng") > alone.logprob(*context, "hằng")
    assert mixed_in.in_domain().logprob(*context, "hằng") > mixed_in.logprob(*context, "hằng")
    assert mixed_in.in_domain().logprob(*context, "hằng") > mixed_in.in_domain().logprob(
        *context, "hàng"
    )
    assert {"path": "plan.txt", "kind": "domain", "units": mixed_in.sources[-1]["units"]} in (
        mixed_in.sources
    )


def test_a_left_out_file_is_left_out_of_the_in_domain_lm_too(tmp_path: Path) -> None:
    # seed 002 is left out of the model that scores 000: out of the in-domain LM as well
    general, answer = tmp_path / "help.txt", tmp_path / "002.txt"
    general.write_text(GENERAL * 20, encoding="utf-8")
    answer.write_text(DOMAIN * 2, encoding="utf-8")
    without = build_model([general, answer], exclude=[answer])
    asked = build_model([general, answer], exclude=[answer], domain=[answer])
    assert asked.trigrams == without.trigrams and asked.unigrams == without.unigrams
    assert all(source["kind"] != "domain" for source in asked.sources)


def test_keys_join_units_as_the_model_does() -> None:
    lm = tables(DOMAIN)
    assert all(key.count(SEP) == 2 for key in lm.trigrams)


def test_the_model_keeps_the_mixture_beside_the_general_lm(tmp_path: Path) -> None:
    general, domain = tmp_path / "help.txt", tmp_path / "plan.txt"
    general.write_text(GENERAL * 5, encoding="utf-8")
    domain.write_text(DOMAIN * 3, encoding="utf-8")
    words = tmp_path / "words.txt"  # listed pairs the text writes: they get the word bonus
    words.write_text("báo cáo\nhằng năm\nhàng năm\nphân bổ\nbảng tính\n", encoding="utf-8")
    model = build_model([general, domain, words], domain=[domain])
    assert model.word_pairs and model.word_bonus
    context = ("báo", "cáo")
    # the general LM as without a domain; the mixture as the model's in-domain version
    assert model.trigrams == build_model([general, domain, words]).trigrams
    # the mixture gives every word at least ~0.7 of its general probability (λ = 0.3)
    in_domain = model.in_domain()
    assert in_domain is not None
    stream = ["<s>", "<s>", *units(GENERAL + DOMAIN)]
    for gram in zip(stream, stream[1:], stream[2:], strict=False):
        assert in_domain.logprob(*gram) > model.logprob(*gram) + math.log(0.7) - 0.5
    assert model.logprob(*context, "hàng") > model.logprob(*context, "hằng")
    assert in_domain.in_domain() is None
    assert in_domain.logprob(*context, "hằng") > in_domain.logprob(*context, "hàng")
    # saved and loaded, the integer-coded LMs the decoder uses give the same values
    path = tmp_path / "m.pkl"
    save_model(model, path)
    loaded = load_model_file(path).in_domain()
    coded = loaded.coded()
    ids = coded.unit_ids([*context, "hằng"])
    assert coded.fill(coded.row(ids[0], ids[1]), ids[2]) == pytest.approx(
        in_domain.logprob(*context, "hằng")
    )
    # the word bonus moves in both LMs; without it, both are normalised (mixed before it)
    before = in_domain.logprob("<s>", "báo", "cáo")
    set_word_bonus(model, model.word_bonus + 1.0)
    assert model.in_domain().logprob("<s>", "báo", "cáo") == pytest.approx(before + 1.0)
    set_word_bonus(model, 0.0)
    for lm in (model, model.in_domain()):
        for t, u in (("<s>", "báo"), ("<s>", "bảng"), ("kinh", "phí")):
            total = sum(math.exp(lm.logprob(t, u, w)) for w in lm.unigrams)
            assert total == pytest.approx(1.0, abs=1e-3)
