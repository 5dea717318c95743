"""The channel's profiles (normalize/channel_profile.py)."""

from sohoa.normalize.channel_profile import ENG, VIE, choose_profile, mark_cost


def test_profile_follows_the_marks_only_vietnamese_ocr_produces() -> None:
    assert choose_profile(["Thực", "hiện", "Quyết", "định", "của", "Thủ", "tướng"]).name == "vie"
    assert choose_profile(["Thuc", "hién", "Quyét", "dinh", "cua", "Thu", "tuong"]).name == "eng"


def test_vie_profile_trusts_kept_marks_more_than_eng() -> None:
    assert mark_cost("tố", "tổ", VIE) > mark_cost("tố", "tổ", ENG)
    assert mark_cost("tố", "tố", VIE) == 0
    # hook read as acute is the cheap vie confusion, cheaper than any other tone change
    assert mark_cost("tố", "tổ", VIE) < mark_cost("tố", "tồ", VIE)


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
