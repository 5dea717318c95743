"""bench/restore_folds.py: the validation folds' settings are the shipped ones."""

from __future__ import annotations

from restore_folds import current_settings, params_of  # bench/ is on the path (conftest)

from sohoa.corpus.trigram_lm import WORD_BONUS
from sohoa.normalize.params import RestorerParams


def test_the_shipped_settings_are_read_and_give_back_the_shipped_params() -> None:
    settings = current_settings()
    assert settings["word_bonus"] == WORD_BONUS
    assert params_of(settings) == RestorerParams()
