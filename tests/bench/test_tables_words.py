"""bench/tables_words.py: a rebuilt table's words against the lines it was rebuilt from."""

from __future__ import annotations

from tables_words import check_table  # bench/ is on the path (conftest)

from sohoa.model import Edit, Table, TableRow

BODY = [
    "| 1 | Rà soát văn bản giai đoạn 2026 — 2030 | Sở Taichinn | Hằng năm |",
    "| | Téng cong | x R 2 |",
]


def _table(task: str, total: list[str]) -> Table:
    return Table(
        rows=[
            TableRow(cells=["1", task, "Sở Tai chinn", "Hằng năm"]),  # spaces put back
            TableRow(cells=total),
        ]
    )


def test_a_word_the_table_dropped_is_lost_and_what_the_rebuild_may_do_is_not() -> None:
    table = _table("Rà soát văn bản giai đoạn 2026 2030", ["Tổng", "", "", ""])
    table.rows[0].cells[2] = "Sở Tài chính"  # then spelled
    edits = [
        Edit("Sở Tai chinn", "Sở Tài chính", 0.9, reason="table-cell-pattern"),
        Edit("Téng", "Tổng", 0.95, reason="table-total-label"),  # a rewrite, logged
        Edit("Téng cong x R 2", "Téng cong", 0.95, reason="table-cell-noise"),  # specks
    ]
    check = check_table(BODY, table, edits)
    assert check.rulings == 9
    assert check.lost == {"—": 1, "cong": 1}  # "Taichinn" spaced and spelled: not lost
    assert check.noise == {"x": 1, "r": 1, "2": 1}
    assert not check.added
    assert "Téng cong" in check.lines["cong"]


def test_a_rewrite_that_drops_a_word_loses_it() -> None:
    table = _table("Rà soát văn bản giai đoạn 2026 — 2030", ["Tổng", "", "", ""])
    table.rows[0].cells[2] = "Sở Taichinn"
    edits = [
        Edit("Téng cong", "Tổng", 0.95, reason="table-total-label"),  # "cong" dropped
        Edit("x R 2", "", 0.95, reason="table-cell-noise"),
    ]
    assert check_table(BODY, table, edits).lost == {"cong": 1}


def test_words_kept_where_they_were_read_lose_nothing() -> None:
    table = _table("Rà soát văn bản giai đoạn 2026 — 2030", ["", "Téng cong x R 2", "", ""])
    assert not check_table(BODY, table, []).lost
    # a word the cells hold that the lines never read is added
    table.rows[1].cells = ["", "Téng cong x R 2 mới", "", ""]
    assert check_table(BODY, table, []).added == {"moi": 1}


def test_each_word_is_matched_as_restored_or_as_read_whichever_the_cells_hold() -> None:
    # a table rebuilt from the words as read, then its cells restored: "sa" kept as read
    # where the page's restorer wrote "sự", junk "nae" of a task line restored on the page as
    # "nào" but kept as read in the cells, while another "nae" stayed on the page too
    body = ["| 1 | Phát triển sự nghiệp y tế | Sở Y tế |", "| | về sự nào nae | |"]
    as_read = ["| 1 | Phat trien sa nghiep y te | So Y te |", "| | vee sự nae nae | |"]
    table = Table(
        rows=[
            TableRow(cells=["1", "Phát triển sa nghiệp y tế", "Sở Y tế"]),
            TableRow(cells=["", "về sự nào nae", ""]),
        ]
    )
    # matched all restored first, "sa" is lost ("sự" twice); all as read first, "nae" is lost
    check = check_table(body, table, [], as_read)
    assert not check.lost
    assert not check.added


def test_a_line_whose_restored_text_lost_a_sign_still_pairs_its_other_words() -> None:
    # the page's restorer took the "’" of "co’" out: the line's words are one fewer
    body = ["| 2 | Hỗ trợ cơ sở | Công an tỉnh |"]
    as_read = ["| 2 | H6 tro co’ sd | Céng an tinh |"]
    table = Table(rows=[TableRow(cells=["2", "H6 tro cơ sd", "Công an tỉnh"])])
    check = check_table(body, table, [], as_read)
    assert not check.lost
