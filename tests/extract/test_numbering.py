"""OCR'd row numbers repaired from their sequence, and only then."""

from __future__ import annotations

from sohoa.extract.numbering import (
    LOST_NUMBER_CONFIDENCE,
    SETTLED_CONFIDENCE,
    fix_numbering,
)
from sohoa.model import Table, TableRow


def table(rows):
    return Table(
        rows=[TableRow(section=r) if isinstance(r, str) else TableRow(cells=r) for r in rows]
    )


def test_roman_sections_and_dotted_numbers():
    t = table(
        [
            "1. Đề xuất",
            ["1", "a"],
            "1I. Nâng cao",
            ["1", "b"],
            ["11", "c"],
            ["1:2", "d"],
            ["13.", "e"],
            "1H. Hỗ trợ",
            "IV. Khoán chi",
            ["10", "f"],
            ["11", "g"],
        ]
    )
    edits = fix_numbering(t, 0, table_index=3)
    sections = [r.section for r in t.rows if r.section]
    assert sections == ["I. Đề xuất", "II. Nâng cao", "III. Hỗ trợ", "IV. Khoán chi"]
    stt = [r.cells[0] for r in t.rows if r.cells]
    assert stt == ["1", "1", "1.1", "1.2", "1.3.", "10", "11"]
    assert {(e.original, e.result) for e in edits} >= {("11", "1.1"), ("1H. Hỗ trợ", "III. Hỗ trợ")}
    assert all(e.table == 3 and e.reason == "table-numbering" for e in edits)


def test_misread_row_numbers_fit_the_sequence():
    """Blurred small numbers: lookalike letters, a lost dot, a dot read as a digit, and
    cells that are no number at all, settled by the row after them."""
    t = table(
        ["II. Nâng cao", ["i", "a"], ["11", "b"], ["t2", "c"], ["l3", "d"], ["z", "e"],
         ["z1", "f"], ["242", "g"], ["+13.", "h"], ["3", "i"], ["ai", "j"], ["3.2", "k"]]
    )  # fmt: skip
    edits = fix_numbering(t, 0)
    stt = [r.cells[0] for r in t.rows if r.cells]
    assert stt == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3.", "3", "3.1", "3.2"]
    guessed = {e.original for e in edits if e.confidence == SETTLED_CONFIDENCE}
    assert guessed == {"+13.", "ai"}


def test_numbers_that_fit_nothing_are_kept():
    """A skipped number in the source, or garbage the neighbours cannot settle, stays."""
    t = table([["1", "a"], ["3", "b"], ["4", "c"], ["xy", "d"], ["q", "e"]])
    assert fix_numbering(t, 0) == []
    assert [r.cells[0] for r in t.rows] == ["1", "3", "4", "xy", "q"]


def test_lower_case_strokes_of_a_heavy_scan_are_roman_too():
    t = table(["1. Hạ tầng số", ["1", "a"], "li. Dữ liệu số", ["2", "b"], "Itl. Kỹ năng số"])
    fix_numbering(t, 0)
    assert [r.section for r in t.rows if r.section] == [
        "I. Hạ tầng số",
        "II. Dữ liệu số",
        "III. Kỹ năng số",
    ]


def test_a_number_one_digit_short_of_the_sequence_is_completed():
    """Old OCR drops a digit of a two-digit row number: "1" after 10 is 11 (a guess: the
    confidence of guesses, as measured); "1" after 1 is not taken for 1.1, and a skipped
    number stays."""
    t = table([["9", "a"], ["10", "b"], ["1", "c"], "II. Hai", ["1", "d"], ["1", "e"], ["3", "f"]])
    edits = fix_numbering(t, 0)
    assert [r.cells[0] for r in t.rows if r.cells] == ["9", "10", "11", "1", "1", "3"]
    assert [(e.original, e.result, e.confidence) for e in edits] == [
        ("1", "11", SETTLED_CONFIDENCE)
    ]


def test_a_number_after_one_the_sequence_did_not_allow_is_not_completed():
    """An amount read into the number column ("40") is kept, as a skipped number is; it
    is no evidence that the "1" and "2" after it lost a digit (41, 42)."""
    t = table([["40", "a"], ["1", "b"], ["2", "c"]])
    assert fix_numbering(t, 0) == []
    assert [r.cells[0] for r in t.rows] == ["40", "1", "2"]


def test_lost_row_numbers_of_old_ocr_are_put_back_from_both_sides():
    t = table(
        [
            "I. Một",
            ["1", "a", "Sở Y tế"],
            ["", "b", "Sở Y tế"],
            ["3", "c", "Sở Y tế"],
            ["", "d", "Sở Y tế"],
            ["", "tiếp theo", ""],  # a row with nothing but text is no row of its own
            "II. Hai",
            ["", "e", "2026"],
            ["7", "f", "2027"],
            ["9", "g", "2027"],
            ["", "h", "2027"],  # after the last number read, nothing read after it
            ["", "Tổng cộng", "2027"],  # a total row has no number
        ]
    )
    assert fix_numbering(t, 0) == []  # without fill_lost nothing is put in
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "", "3", "", "", "", "7", "9", "", ""]
    edits = fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == [
        *("1", "2", "3", "4", "", "6", "7", "9", "", "")
    ]
    assert {e.confidence for e in edits} == {LOST_NUMBER_CONFIDENCE} and {
        e.original for e in edits
    } == {""}


def test_a_section_numeral_of_two_merged_strokes_in_third_place():
    t = table(["I. Một", ["1", "a"], "1I. Hai", ["1", "b"], "HH. Ba", ["1", "c"]])
    fix_numbering(t, 0)
    assert [r.section for r in t.rows if r.section] == ["I. Một", "II. Hai", "III. Ba"]


def test_a_section_numeral_whose_dot_was_read_as_a_comma_keeps_its_place():
    """A photographed table: "I." read "L," must still count as the first section, or the
    sections after it are numbered one short."""
    t = table(["L, Bảo đảm", ["1", "a"], "HH. Phát triển", ["2", "b"], "HH. Phòng, chống"])
    fix_numbering(t, 0)
    assert [r.section for r in t.rows if r.section] == [
        "I. Bảo đảm", "II. Phát triển", "III. Phòng, chống",
    ]  # fmt: skip


def test_a_section_that_would_repeat_the_one_before_lost_a_stroke():
    t = table(["1. Quản lý", ["1", "a"], "HH. Giảm nghèo", ["2", "b"], "II. Cải cách"])
    fix_numbering(t, 0)
    assert [r.section.split()[0] for r in t.rows if r.section] == ["I.", "II.", "III."]


def test_a_section_numeral_of_strokes_that_goes_back_lost_strokes():
    """Old OCR reads each numeral after "I." as "|." (a ruling's mark): I, |, | is I, II, III,
    since a numbering never goes back; that confirms the numbering by position, so a fourth
    "l." one stroke from "IV" is IV, while "A." (no Roman shape) is left alone."""
    t = table(["I. Một", ["1", "a"], "|. Hai", ["2", "b"], "|. Ba", "l. Bốn", "A. Năm"])
    fix_numbering(t, 0)
    assert [r.section.split()[0] for r in t.rows if r.section] == [
        "I.", "II.", "III.", "IV.", "A.",
    ]  # fmt: skip


def test_a_section_numeral_whose_space_after_the_dot_was_lost():
    """ "IL.TĂNG" (the dot's space lost, a stroke read "L") still counts as the first section:
    the sections after it, which went back to I and II, confirm the numbering by position."""
    t = table(["IL.TĂNG CƯỜNG", ["1", "a"], "I. KIỆN TOÀN", ["2", "b"], "II. Nâng cao"])
    fix_numbering(t, 0)
    assert [r.section for r in t.rows if r.section] == [
        "I. TĂNG CƯỜNG", "II. KIỆN TOÀN", "III. Nâng cao",
    ]  # fmt: skip


def test_a_lost_number_after_a_sub_row_counts_on_at_its_level():
    """Row 1.3, a row whose number old OCR lost, then heading 2: the lost one is 1.4 (not
    "1", counted back from 2); with a next number that cannot follow, nothing is put in."""
    t = table([["1.3", "a", "Sở Y tế"], ["", "b", "Sở Y tế"], ["2", "c", ""], ["2.1", "d", "x"]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows] == ["1.3", "1.4", "2", "2.1"]
    t = table([["1.3", "a", "Sở Y tế"], ["", "b", "Sở Y tế"], ["4.2", "c", "x"]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows] == ["1.3", "", "4.2"]


def test_a_misread_digit_of_old_ocr_settled_by_both_sides():
    """Old OCR text: "5" between 1 and 3 is 2, "1.5" between 1.1 and 1.3 is 1.2 (the next
    row's number confirms it: the confidence of guesses); "3" between 1 and 4 is a skipped number
    and stays; in a scan's table (no ``fill_lost``) a well-formed number is never changed."""
    rows = [["1", "a"], ["5", "b"], ["3", "c"], ["3.1", "d"], ["3.5", "e"], ["3.3", "f"]]
    t = table([*rows, "II. Hai", ["1", "g"], ["3", "h"], ["4", "i"]])
    edits = fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == [
        *("1", "2", "3", "3.1", "3.2", "3.3", "1", "3", "4")
    ]
    assert [(e.original, e.result, e.confidence) for e in edits] == [
        ("5", "2", SETTLED_CONFIDENCE),
        ("3.5", "3.2", SETTLED_CONFIDENCE),
    ]
    t = table(rows)
    assert fix_numbering(t, 0) == []


def test_a_section_that_is_a_row_starts_the_numbering_anew():
    """A section with amounts of its own has its Roman numeral in the number column; after
    a section's only row "1" it is no "1.1", and the rows after it count from 1 again."""
    t = table(
        [
            "I. Một",
            ["1", "a", "500"],
            ["2", "b", "400"],
            "II. Hai",
            ["1", "c", "700"],
            ["III", "Tổ chức hội nghị", "60"],
            ["1", "d", "100"],
        ]
    )
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "2", "1", "III", "1"]


def test_a_lone_numeral_is_a_section_only_when_the_sequence_says_so():
    """A first row read "I" with no II anywhere is a misread 1; a numeral a later heading
    has ("II" before "II. Hai") is no section of its own: the sequence fixes it (1.1)."""
    t = table([["I", "a", "5"], ["2", "b", "6"]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows] == ["1", "2"]
    t = table(["I. Một", ["1", "a", "5"], ["II", "b", "6"], "II. Hai", ["1", "c", "7"]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "1.1", "1"]


def test_lost_numbers_count_within_the_section_a_numeral_row_opens():
    t = table(
        [
            "I. Một",
            ["1", "a", "5"],
            ["II", "Hai", "60"],
            ["", "b", "6"],
            ["2", "c", "7"],
        ]
    )
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "II", "1", "2"]


def test_a_section_numeral_with_a_small_stroke_is_repaired():
    t = table(["I. Một", ["1", "a"], "|i. Hai", ["1", "b"], "III. Ba", "Iv. Bốn", ["1", "c"]])
    fix_numbering(t, 0)
    assert [r.section for r in t.rows if r.section] == ["I. Một", "II. Hai", "III. Ba", "IV. Bốn"]


def test_a_small_v_is_v_with_no_other_numeral_read_right():
    t = table(["l. Một", ["1", "a"], "|i. Hai", ["1", "b"], "Iv. Ba", ["1", "c"]])
    fix_numbering(t, 0)
    assert [r.section.split()[0] for r in t.rows if r.section] == ["I.", "II.", "Iv."]
    t = table(["l. Một", "|i. Hai", "|ll. Ba", "Iv. Bốn"])
    fix_numbering(t, 0)
    assert [r.section.split()[0] for r in t.rows] == ["I.", "II.", "III.", "IV."]


def test_lost_numbers_count_only_rows_that_may_be_numbered():
    """A row of text alone (the row above going on) and the total row are not counted:
    the row after "1" and a line going on is 2, not 3 (section II's 3 brackets it)."""
    rows = ["I. Một", ["1", "a", "5"], ["", "tiếp", ""], ["", "b", "6"], ["Tổng", "", "11"]]
    t = table([*rows[:4], "II. Hai", ["3", "c", "7"], rows[4]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "", "2", "3", "Tổng"]


def test_a_misread_first_number_of_a_section_in_a_table_numbered_straight_on():
    """Old OCR read "5" for row 2, the first of section II in a table numbered straight on
    across its sections: the next rows (3, 4) settle it to 2; "1" after a section stays."""
    t = table(["I. Một", ["1", "a"], "II. Hai", ["5", "b"], ["3", "c"], ["4", "d"]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "2", "3", "4"]
    anew = table(["I. Một", ["1", "a"], ["2", "b"], "II. Hai", ["1", "c"], ["2", "d"]])
    fix_numbering(anew, 0, fill_lost=True)
    assert [r.cells[0] for r in anew.rows if r.cells] == ["1", "2", "1", "2"]


def test_a_lost_number_alone_in_its_section_goes_on_from_the_sections_before():
    """ "g [Đẩy mạnh giáo dục nghề nghiệp …": the one row of section III lost its number
    ("6" read "g"); the table's numbering goes on across sections (II starts at 2 after
    I's 1), so the row is 6, after II's last row 5, when section IV's 7 brackets it. A
    table numbered anew in each section says nothing of it: the cell stays empty."""
    rows = [
        "I. Một",
        ["1", "Kiện toàn quản lý đất đai", ""],
        ["1.1", "a", "300"],
        "II. Hai",
        ["2", "b", "500"],
        ["5", "c", "300"],
        "III. Ba",
        ["", "Đẩy mạnh giáo dục nghề nghiệp", "60"],
        "IV. Bốn",
        ["7", "d", "40"],
    ]
    t = table([list(r) if isinstance(r, list) else r for r in rows])
    edits = fix_numbering(t, 0, fill_lost=True)
    assert t.rows[-3].cells[0] == "6"
    assert [(e.original, e.result, e.confidence) for e in edits] == [
        ("", "6", LOST_NUMBER_CONFIDENCE)
    ]
    anew = table([*rows[:4], ["1", "b", "500"], ["2", "c", "300"], *rows[6:8]])
    fix_numbering(anew, 0, fill_lost=True)
    assert anew.rows[-1].cells[0] == ""


def test_a_sub_number_misread_as_a_whole_one_is_settled_by_its_next_sibling():
    """Old OCR: "14" for 1.1 (its dot lost, a digit misread) and "2" for 2.1 (its ".1"
    lost, repeating group 2's number) between their group's heading and the next
    sub-row (1.2, 2.2): the sequence on both sides settles them. With no sub-row after
    them to say so ("2" then "3"), a number keeps its level."""
    t = table(
        [
            ["1", "Nâng cao hiệu quả", ""],
            ["14", "a", "Sở Y tế"],
            ["1.2", "b", "Sở Y tế"],
            ["2", "Đẩy mạnh", ""],
            ["2", "c", "Sở Y tế"],
            ["2.2", "d", "Sở Y tế"],
        ]
    )
    assert fix_numbering(t, 0) == []  # a table read from cells: well-formed numbers kept
    edits = fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert [(e.original, e.result, e.confidence) for e in edits] == [
        ("14", "1.1", SETTLED_CONFIDENCE), ("2", "2.1", SETTLED_CONFIDENCE),
    ]  # fmt: skip
    t = table([["1", "a", "50"], ["2", "b", "50"], ["2", "c", "50"], ["3", "d", "50"]])
    fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows] == ["1", "2", "2", "3"]


def test_the_first_sections_lost_numbers_count_from_one_when_the_next_section_agrees():
    """Old OCR read no number of section I's rows (the narrow STT column lost) but read
    row 9 of section II after a row of its own: section I's rows are 1, 2 …, the table's
    first. With a dotted number in the table (sub-rows to count) or a next section that
    disagrees (II starting at 2 after three rows), nothing is put in."""
    rows = [
        "I. Một",
        ["", "a", "Sở Y tế"],
        ["", "b", "Sở Y tế"],
        ["", "c", "Sở Y tế"],
        "II. Hai",
        ["", "d", "Sở Y tế"],
        ["9", "e", "Sở Y tế"],
    ]

    def filled(rows):
        t = table([list(r) if isinstance(r, list) else r for r in rows])
        fix_numbering(t, 0, fill_lost=True)
        return [r.cells[0] for r in t.rows if r.cells]

    assert filled(rows) == ["1", "2", "3", "8", "9"]
    assert filled([*rows[:6], ["1.2", "e", "Sở Y tế"]])[:3] == ["", "", ""]
    assert filled([*rows[:6], ["3", "e", "Sở Y tế"]])[:3] == ["", "", ""]


def test_a_sub_number_read_with_its_dot_keeps_its_level():
    """Old OCR read "11" for 1.1 (its dot lost), then "1.2" and "1.3" with their dots: they
    are not taken for 12 and 13 because "11" would allow them; the sequence after them
    (1.3, 2) follows the sub-numbers as read."""
    for fill_lost in (False, True):
        t = table(
            [["11", "a", "Sở Y tế"], ["1.2", "b", "Sở Y tế"], ["1.3", "c", "x"], ["2", "d", "x"]]
        )
        assert fix_numbering(t, 0, fill_lost=fill_lost) == []
        assert [r.cells[0] for r in t.rows] == ["11", "1.2", "1.3", "2"]


def filled(rows):
    t = table([list(r) if isinstance(r, list) else r for r in rows])
    fix_numbering(t, 0, fill_lost=True)
    return [r.cells[0] for r in t.rows if r.cells]


def test_a_lost_number_counted_from_one_side_must_fit_its_sections_start():
    """Counted from one side, a lost number says where its section starts: the table's
    first row is 1 ("7" read for 2 makes the first row 6: left empty); a table numbered on
    across sections (II reads 8 after I's 5) never counts back to 1 in section III (from
    "5", 15 with a digit lost); one numbered anew (II starts at 1) never starts a section
    at 4 (after "5", 2 misread)."""
    assert filled(["I. Một", ["", "a", "5"], ["7", "b", "6"], ["", "c", "7"]]) == ["", "7", ""]
    lost = [["", w, "x"] for w in "abcd"]
    on = ["I. Một", ["1", "a", "x"], ["2", "b", "x"], "II. Hai", ["8", "c", "x"], ["10", "d", "x"]]
    assert filled([*on, "III. Ba", *lost, ["5", "e", "x"]])[4:] == ["", "", "", "", "5"]
    anew = ["I. Một", ["1", "a", "x"], ["2", "b", "x"], "II. Hai", ["1", "c", "x"]]
    assert filled([*anew, ["5", "d", "x"], ["", "e", "x"]])[2:] == ["1", "5", ""]
    assert filled([*anew, ["2", "d", "x"], ["", "e", "x"], "III. Ba", ["1", "f", "x"]])[2:] == [
        *("1", "2", "", "1")  # 3 is counted on past the last number read: the OCR read none
    ]


def test_a_lost_number_before_a_sub_number_that_cannot_follow_it_stays_empty():
    """ "1", a row whose number was lost, "1.1": counted on from 1 it would be 2, which 1.1
    cannot follow."""
    assert filled([["1", "a", "x"], ["", "b", "x"], ["1.1", "c", "x"]]) == ["1", "", "1.1"]
    assert filled([["1", "a", "x"], ["", "b", "x"], ["2.1", "c", "x"]]) == ["1", "2", "2.1"]


def test_a_section_after_one_whose_rows_lost_their_numbers_is_not_the_tables_first():
    """Section I's one row is a line of text (no number, nothing else filled); section II's
    first row, counted back from 3, is 2: not the table's first row, which would be 1."""
    rows = ["I. Một", ["", "trong và ngoài tỉnh.", ""], "II. Hai", ["", "a", "2.800"]]
    assert filled([*rows, ["3", "b", "650"], ["4", "c", "4.200"]]) == ["", "2", "3", "4"]


def test_a_section_whose_every_number_was_lost_counts_from_one_when_each_starts_anew():
    """A budget whose sections each number their rows from 1 (I: 1, 2; II: 1): old OCR lost
    both numbers of section III (specks), so its rows are 1 and 2; a row numbered "III"
    with amounts of its own starts the next section."""
    t = table(
        [
            "I. Công tác thông tin",
            ["1", "Xây dựng phóng sự", "500"],
            ["2", "Tổ chức hội thảo", "400"],
            "II. Đào tạo nguồn nhân lực",
            ["1", "Tổ chức khóa đào tạo", "7.000"],
            "III. Nâng cao năng lực",
            ["", "Hỗ trợ các doanh nghiệp", "10.000"],
            ["", "Hỗ trợ doanh nghiệp xây dựng", "1.250"],
            ["IV", "Tổ chức hội nghị tổng kết", "60"],
        ]
    )
    edits = fix_numbering(t, 0, fill_lost=True)
    assert [r.cells[0] for r in t.rows if r.cells] == ["1", "2", "1", "1", "2", "IV"]
    assert [(e.original, e.result, e.confidence) for e in edits] == [
        ("", "1", LOST_NUMBER_CONFIDENCE),
        ("", "2", LOST_NUMBER_CONFIDENCE),
    ]


def test_rows_after_the_last_number_read_are_numbered_only_when_a_later_number_brackets_them():
    """Set 004's shape: the total line was lost, so after the table's last number read (4)
    come a row whose number was lost and the total's amounts read as a row; counted on they
    would be 5 and 6, numbers the OCR did not read with nothing read after them to say so:
    they stay empty. Before a section whose first row reads 7 they are 5 and 6."""
    rows = [
        "I. Một",
        ["1", "Xây dựng cơ sở dữ liệu chuyên ngành", "200"],
        ["2", "Tập huấn cán bộ quản lý", "150"],
        ["3", "Hỗ trợ doanh nghiệp chuyển đổi số", "300"],
        ["4", "Kiểm tra, đánh giá kết quả", "50"],
        ["", "Tổ chức hội thảo tổng kết", "100"],
        ["", "ee 5.870 a", "800"],
    ]
    assert filled(rows) == ["1", "2", "3", "4", "", ""]
    assert filled([*rows, "II. Hai", ["7", "Truyền thông", "40"]])[4:] == ["5", "6", "7"]
