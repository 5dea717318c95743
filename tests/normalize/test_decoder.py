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
