"""``extract/ruled_neighbours``: amounts a ruling read between them puts side by side."""

from __future__ import annotations

from sohoa.extract.ruled_neighbours import keeps_neighbours, ruled_neighbours


def test_a_ruling_read_between_two_amounts_makes_them_neighbours():
    # a budget row read across, its blank cells lost: "200 100" stood on either side of a
    # blank year (no ruling read), "100 | 200" in cells side by side
    line = "4 | To chtrc mo hinh diem 1.000 | 800 | 200 100 | 200 200 | 100 | 200 200 So Tai chinh"
    values = ["1.000", "800", "200", "100", "200", "200", "100", "200", "200"]
    assert ruled_neighbours(line, values) == {0, 1, 3, 5, 6}


def test_the_run_is_found_after_the_rows_text_and_as_its_values_now_stand():
    # the task's own "60" before the run is no amount of it; a total split at its dot
    # ("4 479") is one value of two words; brackets read for rulings count as rulings
    line = "3 | nong thon moi (26 luot x 60 | 4 479 | 4000 [170 | 400 10 Ban Quan ly"
    assert ruled_neighbours(line, ["4 479", "4000", "170", "400", "10"]) == {0, 1, 2}
    assert ruled_neighbours(line, ["60", "4", "479"]) == {0}


def test_no_evidence_when_the_run_is_not_so_read():
    line = "2 | Ho tro lop tap huan 2.250 | 1.800 450 300 So Y te"
    assert ruled_neighbours(line, ["2.250", "1.800", "450", "310"]) == frozenset()
    assert ruled_neighbours(line, ["2.250", "", "450"]) == frozenset()  # a blank cell
    assert ruled_neighbours(line, []) == frozenset()


def test_a_placement_keeps_the_neighbours_side_by_side():
    assert keeps_neighbours((0, 1, 3, 4), frozenset({0, 2}))
    assert not keeps_neighbours((0, 2, 3, 4), frozenset({0, 2}))
    assert keeps_neighbours((0, 2, 4), frozenset())


def test_a_run_ruled_between_every_two_amounts_tells_nothing():
    # every ruling read: a blank cell's two may have been read as one
    line = "2 | ran tai co so. | 1.250 | 250 | 500 | 500 | So Y te UBND cap xa"
    assert ruled_neighbours(line, ["1.250", "250", "500", "500"]) == frozenset()
