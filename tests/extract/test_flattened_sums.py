"""``extract/flattened_sums``: amounts whose columns were lost, placed by arithmetic."""

from __future__ import annotations

from sohoa.extract.flattened_sums import place_by_column_totals


def test_blank_years_go_where_every_column_adds_up_to_the_total():
    fixed = [["100", "100", "100"]]
    total = ["500", "400", "200"]
    assert place_by_column_totals(fixed, [["300", "300"], ["100", "100"]], total) == [
        ["300", "300", ""],
        ["100", "", "100"],
    ]


def test_no_placement_when_the_columns_allow_two_or_none():
    # two rows of 300 300 under three years, totals 600 | 300 | 300: their blanks may swap
    assert (
        place_by_column_totals([], [["300", "300"], ["300", "300"]], ["600", "300", "300"]) is None
    )
    # a misread digit: nothing adds up
    assert (
        place_by_column_totals([["100", "100", "100"]], [["300", "300"]], ["410", "400", "100"])
        is None
    )
    # an unreadable total
    assert place_by_column_totals([], [["300"]], ["3O0", "", ""]) is None
