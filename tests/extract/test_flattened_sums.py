"""``extract/flattened_sums``: amounts whose columns were lost, placed by arithmetic."""

from __future__ import annotations

from sohoa.extract.flattened_sums import (
    adds_up,
    holds_where_readable,
    layout_by_lost_blanks,
    layout_by_sums,
    placements_by_column_totals,
    total_split_at_its_dot,
    unread_years,
)


def place_by_column_totals(*args, **kwargs) -> list[list[str] | None] | None:
    """The open rows' cells ``placements_by_column_totals`` places, None for all when it
    places none."""
    found = placements_by_column_totals(*args, **kwargs)
    return None if found is None else found.rows


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
    # two unreadable totals: two columns' sums unknown
    assert place_by_column_totals([], [["300"]], ["3O0", "1O0", ""]) is None


def test_rows_every_placement_agrees_on_are_placed_when_others_swap():
    """Two rows of 300 300 may swap their blanks (300|300|- and 300|-|300 both add up),
    but every placement puts the row of 100 50 in the last two years: it is placed, the
    two others stay as read (None)."""
    open_rows = [["300", "300"], ["300", "300"], ["100", "50"]]
    assert place_by_column_totals([], open_rows, ["600", "400", "350"]) == [
        None,
        None,
        ["", "100", "50"],
    ]


def test_one_column_off_by_a_misread_digit_when_a_misread_is_seen():
    """The total's 400 read 410 puts one column out: with a row's own sum seen failing
    (``misread_seen``), the other columns place the row; without, nothing does."""
    fixed, total = [["100", "100", "100"]], ["410", "400", "100"]
    assert place_by_column_totals(fixed, [["300", "300"]], total) is None
    assert place_by_column_totals(fixed, [["300", "300"]], total, misread_seen=True) == [
        ["300", "300", ""]
    ]


def test_two_columns_off_by_misread_digits_of_five_never_of_three():
    """Five years, the fixed row's 2027 and 2028 read 160 and 90 (for 100 and 50): with a
    misread seen, the three other columns place the row (2027 and 2028 blank); of three
    columns, two out would leave one as the evidence: nothing is placed."""
    fixed, total = [["100", "160", "90", "100", "100"]], ["350", "100", "50", "600", "600"]
    open_rows = [["250", "500", "500"]]
    assert place_by_column_totals(fixed, open_rows, total, misread_seen=True) == [
        ["250", "", "", "500", "500"]
    ]
    fixed, total = [["100", "160", "90"]], ["350", "100", "50"]
    assert place_by_column_totals(fixed, [["250"]], total, misread_seen=True) is None


def test_a_column_whose_total_is_unreadable_takes_what_the_others_leave():
    """ "3O0": that column's sum is unknown; the other columns need nothing more, so the
    row's 300 is in the first year."""
    assert place_by_column_totals([], [["300"]], ["3O0", "", ""]) == [["300", "", ""]]


SPLIT = ["Năm 2026 / NSNN", "Năm 2026 / Tổ chức", "Năm 2027 / NSNN", "Năm 2027 / Tổ chức"]


def test_a_total_over_years_split_by_source_is_the_sum_of_every_year_cell():
    """ "Kinh phí" over years split by source is the sum of all of them; "Kinh phí / NSNN"
    of the NSNN cells; before, a total of no year's source was never checked."""
    assert adds_up(["500", "200", "100", "150", "50"], ["Kinh phí", *SPLIT])
    assert not adds_up(["510", "200", "100", "150", "50"], ["Kinh phí", *SPLIT])
    both = ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức", *SPLIT]
    assert adds_up(["500", "350", "150", "200", "100", "150", "50"], both)
    assert not adds_up(["900", "350", "150", "200", "100", "150", "50"], both)


def test_the_layout_of_most_columns_a_run_fills_with_a_total_adding_up():
    """A run of seven amounts whose NSNN total adds up tells the total-and-sources layout
    (its misread grand total "900" aside); a six-amount run fits the sources layout, but
    a row of seven cannot come from six columns."""
    layouts = [
        ["Kinh phí", *SPLIT],
        ["Kinh phí / NSNN", "Kinh phí / Tổ chức", *SPLIT],
        ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức", *SPLIT],
    ]
    seven = ["900", "350", "150", "200", "100", "150", "50"]
    six = ["350", "150", "200", "100", "150", "50"]
    assert layout_by_sums([six, seven], layouts) == layouts[2]
    assert layout_by_sums([six], layouts) == layouts[1]
    assert layout_by_sums([["1", "2", "3"]], layouts) is None


def test_totals_hold_where_readable():
    """The total and the NSNN total misread ("4 s6q", "g90") are no evidence; the other
    source's total must still be its years' sum."""
    columns = [
        "Kinh phí",
        "Kinh phí / NSNN",
        "Kinh phí / Nguồn khác",
        "Năm 2026 / NSNN",
        "Năm 2026 / Nguồn khác",
        "Năm 2027 / NSNN",
        "Năm 2027 / Nguồn khác",
    ]
    cells = ["4 s6q", "g90", "300", "500", "100", "390", "200"]
    assert holds_where_readable(cells, columns)
    assert not holds_where_readable([*cells[:2], "350", *cells[3:]], columns)


SOURCES = ["Kinh phí / Tổng số", "Kinh phí / NSNN", "Kinh phí / Khác"] + [
    f"Năm {y} / {s}" for y in (2026, 2027) for s in ("NSNN", "Khác")
]


def test_every_amount_cell_placed_where_the_rows_own_sums_also_hold():
    """Years split by source: a row's every amount cell is placed (its totals too), where
    its own sums hold (``row_holds``) and every column adds up; rows held by their own sums
    leave two unreadable totals ("41O", "2b0") out of the evidence, one only without."""
    rows = [
        ["300", "200", "100", "200", "100"],
        ["150", "150", "150"],
        ["90", "60", "30", "60", "30"],
    ]
    total = ["540", "41O", "130", "2b0", "130", "150", ""]

    def holds(cells: list[str]) -> bool:
        return bool(cells[0]) and holds_where_readable(cells, SOURCES)

    assert place_by_column_totals([], rows, total, row_holds=holds) == [
        ["300", "200", "100", "200", "100", "", ""],
        ["150", "150", "", "", "", "150", ""],
        ["90", "60", "30", "60", "30", "", ""],
    ]
    assert place_by_column_totals([], rows, total) is None


def test_a_row_whose_own_sums_hold_nowhere_may_be_anywhere_a_misread_seen():
    """Years split by source: the second row read "150 150 160" (its year 150 misread)
    holds its own sums in no placement; it no longer stops the column sums: it may be in
    any placement, one column off by its misread digit, and the columns place both rows
    (the first's 100 under 2026 / Khác, where that column needs it)."""
    rows = [["300", "200", "100", "200", "100"], ["150", "150", "160"]]
    total = ["450", "350", "100", "350", "100", "", ""]

    def holds(cells: list[str]) -> bool:
        return bool(cells[0]) and holds_where_readable(cells, SOURCES)

    assert place_by_column_totals([], rows, total, row_holds=holds) == [
        ["300", "200", "100", "200", "100", "", ""],
        ["150", "150", "", "160", "", "", ""],
    ]


def test_a_total_split_at_its_dot_is_joined_when_the_years_have_its_digits():
    columns = ["Kinh phí", "Năm 2026", "Năm 2027", "Năm 2028"]
    assert total_split_at_its_dot(["3", "250", "1.000", "2.000", "250"], columns) == [
        "3.250",
        "1.000",
        "2.000",
        "250",
    ]
    # misread digits: joined as read, the years placed after it
    assert total_split_at_its_dot(["4", "555", "1.000", "2.000", "250"], columns)[0] == "4 555"
    # a total and a year that add up as read stay two cells
    assert total_split_at_its_dot(["5", "300", "200", "100"], columns[:3]) == [
        "5",
        "300",
        "200",
        "100",
    ]
    # years of three digits under a total of four: no total of theirs
    assert total_split_at_its_dot(["5", "300", "200", "100"], columns) == ["5", "300", "200", "100"]


def test_years_whose_labels_were_misread_are_counted_from_rows_adding_up():
    header = "| srr| Noi dung | Teng kinh phi | Nall | Ned | wal |"
    body = ["| 1 | Xay dung | 300 | 100 | 100 | 100 |", "| 2 | To chuc | 250 | 50 | - | 200 |"]
    assert unread_years(header, body) == ["?1", "?2", "?3"]
    assert unread_years(header, body[:1]) == []  # one row is no evidence
    assert unread_years("| STT | Noi dung | Nall | Ned |", body) == []  # no "Kinh phí"
    assert unread_years(header, [*body[:1], "| 2 | To chuc | 250 | 50 | 10 | 200 |"]) == []


def test_a_kinh_phi_total_is_the_sum_of_the_sources_totals_it_states():
    """Over years split by source, "Kinh phí / Tổng cộng" is the sum of "Kinh phí / NSNN"
    and "Kinh phí / Tổ chức" when the row states them: a total row whose years were misread
    ("7.-410", "s10") still fills the layout of three Kinh phí columns."""
    kinh_phi = ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    years = [f"Năm {y} / {s}" for y in (2026, 2027) for s in ("NSNN", "Tổ chức")]
    run = ["1.290", "1.000", "290", "5OO", "90", "500", "2.00"]
    assert layout_by_sums([run], [[*kinh_phi[1:], *years], [*kinh_phi, *years]]) is not None
    assert not adds_up(["1.300", "1.000", "290", "500", "90", "500", "200"], [*kinh_phi, *years])
    assert adds_up(["1.290", "1.000", "290", "500", "90", "500", "200"], [*kinh_phi, *years])


def test_a_total_split_at_its_dot_over_a_misread_year_is_joined_by_its_sources_totals():
    """ "3 369" before "3.000 360" and years of which one was misread ("số"): the years
    tell nothing, but the sources' totals stated (3.000 + 360, four digits) do: one
    total, joined as read (its digit misread: no dot written), the run now fills the
    columns."""
    kinh_phi = ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    years = [f"Năm {y} / {s}" for y in (2026, 2027) for s in ("NSNN", "Tổ chức")]
    run = ["3", "369", "3.000", "360", "số", "80", "2.000", "280"]
    assert total_split_at_its_dot(run, [*kinh_phi, *years]) == ["3 369", *run[2:]]


def test_rows_whose_blank_cells_were_lost_tell_their_layout_two_at_least():
    """Rows read across lose their blank cells: "150 100 50 | 50 20 | 50 30" and "200 20
    180 | 10 180 | 10" add up only under a Kinh phí split into total, NSNN and the other
    source, never under one Kinh phí over the years; one row alone tells nothing."""
    years = [f"Năm ?{y} / {s}" for y in (1, 2, 3) for s in ("NSNN", "Tổ chức")]
    one_total = ["Kinh phí", "Năm ?4 / NSNN", "Năm ?4 / Tổ chức", *years]
    split = ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức", *years]
    runs = [["150", "100", "50", "50", "20", "50", "30"], ["200", "20", "180", "10", "180", "10"]]
    assert layout_by_lost_blanks(runs, [one_total, split]) == split
    assert layout_by_lost_blanks(runs[:1], [one_total, split]) is None


def test_a_lost_cell_never_leaves_the_rows_total_empty_too():
    """A row of a budget whose years split by source, its blank cells not written ("3 | Tap
    huan can bo 200 | 200 100 100 So Y te": a total, its NSNN, and NSNN in two years): with
    one cell lost between two values, its total is the first value read; a placement that
    also leaves "Kinh phí / Tổng cộng" and "NSNN" empty ("200" read as Tổ chức's, which
    "100 + 100" happen to make) is two losses at once, and none is taken."""
    from sohoa.extract.budget_lines import budget_amount_run
    from sohoa.extract.flattened_sums import place_by_sums

    columns = ["Kinh phí / Tổng cộng", "Kinh phí / NSNN", "Kinh phí / Tổ chức"]
    columns += [f"Năm {year} / {source}" for year in (2026, 2027, 2028) for source in SIDES]
    run = budget_amount_run("3 | Tap huan can bo 200 | 200 100 100 So Y te")
    assert run is not None and run[1] == ["200", "200", "100", "100"]
    assert place_by_sums(run[1], columns) is None
    assert place_by_sums(run[1], columns, lost_cell=True) is None
    # a row that adds up with one cell lost after its total is still placed
    placed = place_by_sums(["300", "200", "100", "100", "100", "100"], columns, lost_cell=True)
    assert placed == ["300", "200", "100", "100", "", "100", "100", "", ""]


SIDES = ("NSNN", "Tổ chức")


def test_a_ruling_read_between_two_years_settles_rows_whose_blanks_may_swap():
    """Two rows of "300 300" under three years, totals 600 | 300 | 300: the blanks may
    swap, unless a ruling read between the first row's two amounts ("300 | 300") puts
    them in years side by side."""
    rows = [["300", "300"], ["300", "300"]]
    total = ["600", "300", "300"]
    assert place_by_column_totals([], rows, total) is None
    ruled = [frozenset({0}), frozenset()]
    assert place_by_column_totals([], rows, total, neighbours=ruled) == [
        ["300", "300", ""],
        ["300", "", "300"],
    ]
