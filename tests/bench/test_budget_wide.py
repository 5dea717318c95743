"""bench/budget_wide.py: the 'wide' set's budgets have all of a real Phụ lục II's hard parts."""

from __future__ import annotations

import random

from budget_wide import budget_table_wide  # bench/ is on the path (conftest)

from sohoa.extract.amounts import try_amount


def _value(cell: str) -> int:
    return try_amount(cell) or 0


def test_a_wide_budget_has_eighteen_columns_rows_numbered_anew_and_sums_that_hold() -> None:
    table = budget_table_wide(random.Random(1301), "12/KH-UBND")
    assert len(table["columns"]) == 18 and table["header_once"]
    assert 30 <= len(table["rows"]) <= 45
    numbers = [r["cells"][0] for r in table["rows"] if "cells" in r][:-1]
    assert numbers.count("1") == sum("section" in r for r in table["rows"]) >= 3
    body = [r["cells"] for r in table["rows"] if "cells" in r]
    for cells in body:
        amounts = [_value(c) for c in cells[2:15]]
        assert amounts[0] == amounts[1] + amounts[2]  # Tổng cộng = NSNN + the other source
        assert amounts[1] == sum(amounts[3::2]) and amounts[2] == sum(amounts[4::2])
    total = body[-1]
    assert total[0] == "Tổng"
    for k in range(2, 15):
        assert _value(total[k]) == sum(_value(cells[k]) for cells in body[:-1])


def test_the_same_seed_draws_the_same_table() -> None:
    one = budget_table_wide(random.Random(7), "12/KH-UBND")
    assert one == budget_table_wide(random.Random(7), "12/KH-UBND")
