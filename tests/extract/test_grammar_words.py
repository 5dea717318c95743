"""extract/grammar_words.py: the words the agency grammar set stay as set after the restorer."""

from __future__ import annotations

from sohoa.extract.grammar_words import grammar_words, held_words, kept_as_set, word_at
from sohoa.extract.lead_names import SPELT
from sohoa.model import Edit


def test_the_words_the_grammar_set_in_a_cell_are_known_through_the_edits_that_set_them() -> None:
    edits = [
        # interleaved's "Sở" at the head of a name, then lead_names' whole name
        Edit("S@ KHacn", "Sở KHacn", 0.95, table=2, row=11, reason="table-cell-pattern"),
        Edit("Sở KHacn", "Sở KH&CN", 0.95, table=2, row=11, reason=SPELT),
        Edit("So Y te", "Sở Y te", 0.95, table=2, row=4, reason="table-cell-pattern"),
        Edit("Phong chay", "Phòng cháy", 0.9, table=2, row=4),  # the restorer's: none
        Edit("Céngantinh", "Công an tỉnh", 0.95, table=0, row=3, reason=SPELT),
    ]
    assert grammar_words(edits) == {
        (2, 11, "Sở KHacn"): {0},
        (2, 11, "Sở KH&CN"): {0, 1},  # the first edit's "Sở" is kept too
        (2, 4, "Sở Y te"): {0},  # "te" is the restorer's to restore
        (0, 3, "Công an tỉnh"): {0, 1, 2},
    }


def test_a_word_the_grammar_set_is_put_back_where_the_restorer_gave_it_other_marks() -> None:
    # the restorer's best guess for "So" alone is "Số": no agency name starts with it
    held = held_words("Sở KH&CN", "Số KH&CN", frozenset({0, 1}))
    assert held == {0}
    assert kept_as_set("Sở KH&CN", "Số KH&CN", held) == "Sở KH&CN"
    held = held_words("Sở Y te", "Số Y tế", frozenset({0}))
    assert kept_as_set("Sở Y te", "Số Y tế", held) == "Sở Y tế"  # "tế" restored
    # a sign the restorer took off a word the grammar set is the restorer's to take
    assert not held_words("Sở Khoa học và Công nghệ¢", "Sở Khoa học và Công nghệ", frozenset({5}))
    # a cell whose count of words the restorer changed is its own
    assert not held_words("Sở Y te", "Số Y tế x", frozenset({0}))
    assert [word_at("Sở Y te", column) for column in (0, 3, 5)] == [0, 1, 2]


def test_the_restorer_of_rebuilt_cells_leaves_a_word_the_grammar_set_and_logs_no_edit_of_it():
    from sohoa.extract.tables import restore_columns
    from sohoa.model import Table, TableRow
    from sohoa.normalize.restore import load_model

    def table() -> Table:
        return Table(
            columns=["STT", "Nội dung", "Cơ quan chủ trì", "Kinh phí"],
            rows=[TableRow(cells=["1", "Tap huan can bo quan ly", "So Y te", "20"])],
            source="flattened",
        )

    plain = table()
    restore_columns({0: plain}, load_model())
    assert plain.rows[0].cells[2] == "Sở Y tế"  # the restorer's own choice for each word
    # the same cell whose first word a grammar's edit had set as it is
    kept = table()
    edits = restore_columns({0: kept}, load_model(), grammar={(0, 0, "So Y te"): frozenset({0})})
    assert kept.rows[0].cells[1:3] == ["Tập huấn cán bộ quản lý", "So Y tế"]
    assert {e.original for e in edits if e.row == 0} >= {"Tap", "te"}
    assert "So" not in {e.original for e in edits}
