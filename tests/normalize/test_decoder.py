import numpy as np
import pytest

from sohoa.corpus.build import BOS
from sohoa.normalize import decoder
from sohoa.normalize.restore import load_model
from sohoa.normalize.unicode import strip_marks


@pytest.fixture(scope="module")
def model():
    return load_model().model


def path_score(slots, chosen, model, channel_weight):
    """The decoder's objective for one path: trigram LM log-probs less weighted costs."""
    units = [BOS, BOS] + [slots[i][c][1] for i, c in enumerate(chosen)]
    return sum(
        model.logprob(*units[k : k + 3]) - channel_weight * slots[k][chosen[k]][2]
        for k in range(len(slots))
    )


def test_repair_switches_a_slot_to_its_best_option_and_keeps_switches_apart() -> None:
    # Three slots of two options; slots 0 and 1 both prefer their other option, slot 1 more.
    counts = [2, 2, 2]
    starts = np.array([0, 2, 4])
    sums = np.array([0.0, 1.0, 0.0, 5.0, 3.0, 1.0])
    chosen = [0, 0, 0]
    assert decoder._repair([0, 1, 2], counts, starts, sums, chosen) == [1]
    assert chosen == [0, 1, 0]  # slot 0 waits: it is next to the switch just made
    assert decoder._repair([], [], starts[:0], sums[:0], chosen) == []


# Phrases the shipped LM alone (no channel costs) decodes right but a greedy search does
# not; which phrases qualify moves with the LM's sources (with the codes of law in it,
# "hồ sơ dữ liệu về đo lường" and "lắng nghe tâm tư nguyện vọng" no longer do).
@pytest.mark.parametrize("phrase", ["đề xuất đặt hàng nhiệm vụ", "thủ tục hành chính trên địa bàn"])
def test_a_greedy_search_is_mended_by_the_repair(model, monkeypatch, phrase: str) -> None:
    # Beam 1 with a tight option cut is a greedy search: "để xuất", "thư tức".
    slots = [
        [(s, s, 0.0) for s, _ in model.syllables[strip_marks(word)]][:8] for word in phrase.split()
    ]

    def decoded(rounds: int) -> list[int]:
        monkeypatch.setattr(decoder, "MAX_REPAIR_ROUNDS", rounds)
        return [c.index for c in decoder.decode(slots, model, 1.0, beam=1, option_margin=0.5)]

    greedy, mended = decoded(0), decoded(3)
    assert [slots[i][c][0] for i, c in enumerate(greedy)] != phrase.split()
    assert [slots[i][c][0] for i, c in enumerate(mended)] == phrase.split()
    assert path_score(slots, mended, model, 1.0) > path_score(slots, greedy, model, 1.0)


def reference_search(units_of, gains_of, lm, beam, beam_margin, option_margin):
    """The beam search written plainly: one dict of the best extension per state a step."""
    bos = lm.unit_ids([BOS])[0]
    hyps, history = [(0.0, bos, bos, -1, -1)], []
    for units, gains in zip(units_of, gains_of, strict=True):
        live = range(len(units))
        if len(units) > 2:  # options far behind under the best hypothesis are not tried
            score, t, u, _, _ = hyps[0]
            first = [
                score + lm.fill(lm.row(t, u), w) + g for w, g in zip(units, gains, strict=True)
            ]
            live = [k for k in live if first[k] >= max(first) - option_margin]
        best = {}
        for parent, (score, t, u, _, _) in enumerate(hyps):
            for k in live:
                total = score + lm.fill(lm.row(t, u), units[k]) + gains[k]
                held = best.get((u, units[k]))
                if held is None or total > held[0]:
                    best[(u, units[k])] = (total, u, units[k], parent, k)
        ranked = sorted(best.values(), key=lambda h: h[0], reverse=True)[:beam]
        hyps = [h for h in ranked if h[0] >= ranked[0][0] - beam_margin]
        history.append(hyps)
    chosen, position = [0] * len(units_of), 0
    for step in range(len(units_of) - 1, -1, -1):
        _, _, _, position, chosen[step] = history[step][position]
    return chosen


@pytest.mark.parametrize("seed", range(6))
def test_the_search_keeps_the_best_extension_per_state(model, seed: int) -> None:
    # Lattices of real syllables where options repeat a unit (at another cost) and
    # hypotheses often end alike: the search's shortcut past its per-state reduction
    # must choose what a plain per-state beam search chooses.
    rng = np.random.default_rng(seed)
    lm = model.coded()
    pool = sorted(s for options in model.syllables.values() for s, _ in options[:2])[:400]
    units_of, gains_of = [], []
    for step in range(60):
        size = int(rng.choice([1, 1, 2, 3, 5]))  # lone options leave one hypothesis
        units = lm.unit_ids(list(rng.choice(pool, size=size)))
        if step % 2 and size > 1:
            units[-1] = units[0]  # a unit offered twice
        units_of.append(units)
        gains_of.append([-float(c) for c in rng.uniform(0.0, 6.0, size=size)])
    distinct = [len(set(units)) == len(units) for units in units_of]
    assert not all(distinct)
    for beam in (2, 3, 4):
        expected = reference_search(units_of, gains_of, lm, beam, 12.0, 3.0)
        found = decoder._search(units_of, gains_of, distinct, lm, beam, 12.0, 3.0, {})
        assert found == expected


def test_a_unit_offered_twice_takes_one_place_in_the_beam(model) -> None:
    # "thủ tục hạnh chính" vs "thủ tục hành chính": hạnh, offered twice, leads after three
    # words; hành is third but wins with "chính". With a beam of two, hạnh's second offer
    # must not take hành's place (one state, one place), else hành is lost.
    lm = model.coded()
    t, u, good, bad, z = lm.unit_ids(["thủ", "tục", "hành", "hạnh", "chính"])

    def lp(a: int, b: int, c: int) -> float:
        return lm.fill(lm.row(a, b), c)

    ahead = lp(t, u, good) - lp(t, u, bad)  # the LM's lead of hành at the third word
    after = lp(u, good, z) - lp(u, bad, z)  # ... and at the fourth
    assert ahead > 0 and after > 1
    units_of = [[t], [u], [bad, bad, good], [z]]
    gains_of = [[0.0], [0.0], [0.0, -0.01, -(ahead + after / 2)], [0.0]]
    distinct = [True, True, False, True]
    expected = reference_search(units_of, gains_of, lm, 2, 50.0, 50.0)
    assert expected[2] == 2  # hành
    assert decoder._search(units_of, gains_of, distinct, lm, 2, 50.0, 50.0, {}) == expected
