from decimal import Decimal

import pytest

from sohoa.extract.amounts import NotAnAmount, is_blank, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.200", 1200),
        ("24688", 24688),
        ("48.259", 48259),
        ("0", 0),
        (" 540 ", 540),
        ("1.234.567", 1234567),
        ("24.688,5", Decimal("24688.5")),
        ("2,75", Decimal("2.75")),
    ],
)
def test_vietnamese_notation_gives_exact_numbers(text, value):
    parsed = parse_amount(text)
    assert parsed == value
    assert type(parsed) is type(value)  # int or Decimal, never float


@pytest.mark.parametrize("text", ["-", "–", "", "  ", None])
def test_dash_and_empty_mean_no_amount(text):
    assert parse_amount(text) is None
    assert is_blank(text)


@pytest.mark.parametrize("text", ["Sở KH&CN", "12.34", "1.2.3", "5O0"])
def test_text_is_not_an_amount(text):
    with pytest.raises(NotAnAmount):
        parse_amount(text)
