"""How a restored word is written (normalize/spelling.py)."""

from sohoa.normalize.spelling import apply_case, dominant_style, restyled


def test_apply_case() -> None:
    assert apply_case("KE", "kế") == "KẾ"
    assert apply_case("Ke", "kế") == "Kế"
    assert apply_case("ke", "kế") == "kế"
    assert apply_case("Iy", "lý") == "lý"  # OCR's capital I for l


def test_the_dominant_style_needs_enough_words_showing_it() -> None:
    assert dominant_style(["hoà", "thuỷ", "uỷ", "hòa"]) == "modern"
    assert dominant_style(["hòa", "thủy", "ủy", "hoà"]) == "classic"
    assert dominant_style(["hoà", "thuỷ"], default="classic") == "classic"  # too few


def test_restyled_moves_only_the_tone_of_styled_syllables() -> None:
    assert restyled("hòa", "modern") == "hoà"
    assert restyled("Thủy", "modern") == "Thuỷ"
    assert restyled("hoàng", "modern") == "hoàng"  # a final: one placement only
