"""Loading a model file: plain data only, never code (a --model file may come from anyone)."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from sohoa.corpus.model import DEFAULT_MODEL, FORMAT, VERSION, load_model_file
from sohoa.errors import SohoaError


class _RunsCode:
    """A pickle that calls os.system while loading, as a hostile model file would."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_that_runs_code_is_refused_with_a_one_line_error(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = tmp_path / "model.pkl"
    payload = {"format": FORMAT, "version": VERSION, "style": _RunsCode(marker)}
    hostile.write_bytes(pickle.dumps(payload))
    with pytest.raises(SohoaError) as caught:
        load_model_file(hostile)
    assert not marker.exists()
    message = str(caught.value)
    assert "\n" not in message and "refused" in message and str(hostile) in message


def test_the_shipped_model_loads_safely_in_under_a_second(tmp_path: Path) -> None:
    copy = tmp_path / "model.pkl"  # a new path: not in the loader's cache
    copy.write_bytes(DEFAULT_MODEL.read_bytes())
    started = time.process_time()
    model = load_model_file(copy)
    assert time.process_time() - started < 1.0
    assert model.syllables and model.trigrams


def test_restoring_never_builds_the_string_keyed_n_gram_tables(tmp_path: Path) -> None:
    # Making ~600k string keys took half of every load: a loaded model makes them only
    # when something asks for them, and the decoder never does.
    from sohoa.normalize.restore import load_model, restore_text

    copy = tmp_path / "model.pkl"
    copy.write_bytes(DEFAULT_MODEL.read_bytes())
    restorer = load_model(copy)
    text, _ = restore_text("Thuc hien Quyet dinh so 996/QD-TTg cua Thu tuong", restorer, "eng")
    assert text == "Thực hiện Quyết định số 996/QĐ-TTg của Thủ tướng"
    model = restorer.model
    assert not model.bigrams.built and not model.trigrams.built
    assert len(model.trigrams) > 1000 and model.trigrams.built  # made when asked for


def test_the_integer_coded_lm_gives_the_same_log_probs_bit_for_bit() -> None:
    import numpy as np

    from sohoa.corpus.model import SEP

    model = load_model_file(None)
    lm = model.coded()
    units = sorted(model.unigrams)
    seen = [tuple(key.split(SEP)) for key in list(model.trigrams)[::997]]  # trigram hits
    seen += [("<s>", *key.split(SEP)) for key in list(model.bigrams)[::991]]  # bigram backoffs
    unseen = [(units[i], units[i * 7 % len(units)], units[i * 13 % len(units)]) for i in range(300)]
    never = [("của", "tỉnh", "xyzzy"), ("xyzzy", "đo", "lường"), ("<unk>", "plugh", ",")]
    triples = seen + unseen + never
    assert len(seen) > 200
    expected = [model.logprob(t, u, w) for t, u, w in triples]
    ids = [lm.unit_ids(list(triple)) for triple in triples]
    one_by_one = [lm.fill(lm.row(t, u), w) for t, u, w in ids]
    batch = lm.log_probs(*(np.array(column, dtype=np.int64) for column in zip(*ids, strict=True)))
    assert one_by_one == expected
    assert batch.tolist() == expected
    # windows t u w x y: log P(w | t u), log P(x | u w), log P(y | w x), w repeated per window
    windows = [("<s>", "của", "tỉnh", "bắc", "ninh"), ("đo", "lường", "xyzzy", ",", "và")]
    options = [["tỉnh", "tính", "xyzzy"], ["xyzzy", "chất"]]
    coded = [lm.unit_ids(list(window)) for window in windows]
    t, u, _, x, y = (np.array(column, dtype=np.int64) for column in zip(*coded, strict=True))
    w = np.array([i for choices in options for i in lm.unit_ids(choices)], dtype=np.int64)
    found = lm.window_log_probs(t, u, w, x, y, [len(choices) for choices in options])
    flat = [
        (window, choice)
        for window, choices in zip(windows, options, strict=True)
        for choice in choices
    ]
    assert [list(column) for column in found] == [
        [model.logprob(a, b, c) for (a, b, _, _, _), c in flat],
        [model.logprob(b, c, d) for (_, b, _, d, _), c in flat],
        [model.logprob(c, d, e) for (_, _, _, d, e), c in flat],
    ]
    # units the LM never saw keep ids of their own: the decoder must tell them apart
    assert len(set(lm.unit_ids(["xyzzy", "plugh", "xyzzy"]))) == 2


def test_the_saved_integer_codes_give_the_lm_the_n_grams_would() -> None:
    import dataclasses

    from sohoa.corpus.coded_lm import CodedLM

    model = load_model_file(None)
    assert model.lm_codes  # the shipped model keeps them: loading splits no key
    from_codes = CodedLM(model)
    from_strings = CodedLM(dataclasses.replace(model, lm_codes={}))
    assert from_codes.ids == from_strings.ids
    assert from_codes.trigram == from_strings.trigram
    assert from_codes.bigram == from_strings.bigram


def test_forget_lookups_makes_the_lm_read_n_grams_changed_in_place() -> None:
    from sohoa.corpus.model import SEP, RestorerModel

    model = RestorerModel(
        unigrams={"<s>": (-9.0, -0.5), "đề": (-3.0, -0.2), "án": (-4.0, -0.1)},
        bigrams={"đề" + SEP + "án": (-1.0, -0.3)},
        trigrams={"<s>" + SEP + "đề" + SEP + "án": -0.5},
    )
    coded = model.coded()
    assert model.logprob("<s>", "đề", "án") == -0.5
    assert model.row("<s>", "đề")[0] == {} and model.lm_codes == {}
    model.trigrams["<s>" + SEP + "đề" + SEP + "án"] = -0.25  # changed in place
    model.lm_codes = {"stale": True}
    assert model.logprob("<s>", "đề", "án") == -0.5  # memoised: still the old value
    model.forget_lookups()
    assert model.logprob("<s>", "đề", "án") == -0.25
    assert model.lm_codes == {} and model.coded() is not coded
    ids = model.coded().unit_ids(["<s>", "đề", "án"])
    assert model.coded().fill(model.coded().row(ids[0], ids[1]), ids[2]) == -0.25
