"""Amounts in Vietnamese notation -> exact numbers (int or Decimal, never float).

Vietnamese writes "." between thousands and "," before decimals: "1.200" = 1200,
"24.688,5" = Decimal("24688.5"). A dash (any of - – —) or an empty cell means "no amount".
"""

from __future__ import annotations

import re
from decimal import Decimal

from sohoa.model import Amount

DASHES = {"-", "–", "—", "−", "_"}
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.200   24.688,5
_PLAIN = re.compile(r"^\d+(,\d+)?$")  # 24688   540,5


class NotAnAmount(ValueError):
    pass


def is_blank(text: str | None) -> bool:
    """Empty or a dash: the cell says there is no amount."""
    return text is None or text.strip() in DASHES or not text.strip()


def parse_amount(text: str | None) -> Amount | None:
    """``None`` for blank or dash; ``NotAnAmount`` for anything that is not a number."""
    if is_blank(text):
        return None
    assert text is not None
    value = text.strip().replace(" ", "")
    if _GROUPED.match(value):
        value = value.replace(".", "")
    elif not _PLAIN.match(value):
        raise NotAnAmount(text)
    if "," in value:
        return Decimal(value.replace(",", "."))
    return int(value)


def try_amount(text: str | None) -> Amount | None:
    try:
        return parse_amount(text)
    except NotAnAmount:
        return None


def looks_like_amount(text: str) -> bool:
    try:
        parse_amount(text)
    except NotAnAmount:
        return False
    return True
