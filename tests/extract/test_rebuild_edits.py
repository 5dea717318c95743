"""The cells the readers of old OCR text write other than as read are logged
(``extract/rebuild_edits``): each an Edit of the document naming its table and row, through
the real rebuild of a TXT input."""

from __future__ import annotations

from pathlib import Path

from old_ocr_tables import BUDGET_RULED_ACROSS, ONE_AMOUNT_HEAD

from sohoa.extract.rebuild_edits import (
    AMOUNT_DOT,
    LINE_MOVED,
    SECTION_NUMERAL,
    TOTAL_LABEL,
    note,
    reading_rows,
)
from sohoa.model import Document, Edit
from sohoa.pipeline import convert_document
from sohoa.settings import Settings

BY_YEARS = BUDGET_RULED_ACROSS  # "Tổng" misread "Teng"

# A budget with one amount column: a total read "Téng", another whose "Tổng cộng" old OCR
# broke over three lines around its amount ("Tồn" / "g có 3.350" / "nợ").
ONE_AMOUNT = (
    ONE_AMOUNT_HEAD
    + """\
| Téng | | | 3.200 | |
Tuyen truyen ve do luong tren
2 | bao, dai cua tinh va cac 4 chuyen muc So Khoa hoc va Cac so, nganh 150 Nguon su
trang thong tin dien tu. Cong nghe nghiep KH&CN
Tồn
g có 3.350
nợ
"""
)


def _document(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "old-ocr.txt"
    path.write_text(text, encoding="utf-8")
    return convert_document(path, Settings(restore=False))


def _labels(doc: Document) -> list[Edit]:
    return [e for e in doc.edits if e.reason == TOTAL_LABEL]


def test_a_misread_total_label_of_a_budget_by_years_is_an_edit_of_its_row(tmp_path):
    """ "| Teng [1.100 …": the total row's label is written "Tổng", and the document logs it
    with the table and the row it is in."""
    doc = _document(tmp_path, BY_YEARS)
    [edit] = _labels(doc)
    assert (edit.original, edit.result, edit.table) == ("Teng", "Tổng", 0)
    assert doc.tables[0].rows[edit.row or 0].cells[:3] == ["Tổng", "", "1.100"]  # type: ignore[index]
    assert edit.row == len(doc.tables[0].rows) - 1


def test_the_total_labels_of_a_one_amount_budget_are_edits_of_their_rows(tmp_path):
    """ "Téng" is written "Tổng"; "Tồn" / "g có" / "nợ" around the amount "Tổng cộng": two
    edits, each naming the total row it wrote."""
    doc = _document(tmp_path, ONE_AMOUNT)
    rows = doc.tables[0].rows
    edits = _labels(doc)
    assert [(e.original, e.result) for e in edits] == [
        ("Téng", "Tổng"),
        ("Tồn g có nợ", "Tổng cộng"),
    ]
    assert [rows[e.row or 0].cells[0] for e in edits] == ["Tổng", "Tổng cộng"]  # type: ignore[index]
    assert [rows[e.row or 0].cells[5] for e in edits] == ["3.200", "3.350"]  # type: ignore[index]


def test_a_total_label_read_right_is_no_edit(tmp_path):
    """ "Tổng" read as written is no change: no edit."""
    doc = _document(tmp_path, BY_YEARS.replace("| Teng [", "| Tổng ["))
    assert doc.tables[0].rows[-1].cells[0] == "Tổng"  # type: ignore[index]
    assert _labels(doc) == []


def test_a_note_outside_a_rebuild_is_dropped():
    """A reader tried on its own (no table's rows being read) logs nothing; within
    ``reading_rows`` its notes are gathered."""
    note("Teng", "Tổng", 0.9, TOTAL_LABEL)
    with reading_rows() as notes:
        note("Teng", "Tổng", 0.9, TOTAL_LABEL)
        note("Tổng", "Tổng", 0.9, TOTAL_LABEL)
    assert [(e.original, e.result) for e in notes] == [("Teng", "Tổng")]


def _moved(doc: Document) -> list[tuple[str, str, int | None]]:
    return [(e.original, e.result, e.row) for e in doc.edits if e.reason == LINE_MOVED]


def test_a_number_of_the_text_read_before_the_amounts_moving_back_is_an_edit(tmp_path):
    """ "(20 san pham x 30 | 600 300 300": the 30 goes back to the task's text; the line's
    text and its amounts as read and as written are logged, on row 2's edits."""
    doc = _document(tmp_path, BY_YEARS)
    assert doc.tables[0].rows[2].cells[0] == "2"  # type: ignore[index]
    assert _moved(doc) == [
        ("cong cu quan ly (20 san pham x", "cong cu quan ly (20 san pham x 30", 2),
        ("30 600 300 300", "600 300 300", 2),
    ]


def test_a_section_numeral_read_as_strokes_is_an_edit_of_its_row(tmp_path):
    """ "| ll. Trien khai …" is the second section: written "II.", logged on its row (by the
    budget reader, or by numbering's repair of section numerals when the reader was given
    the rows after section I alone)."""
    doc = _document(tmp_path, BY_YEARS)
    [edit] = [e for e in doc.edits if e.reason in (SECTION_NUMERAL, "table-numbering")]
    assert edit.original == "ll. Trien khai cai cach hanh chinh"
    assert edit.result == doc.tables[0].rows[3].section == "II. Trien khai cai cach hanh chinh"
    assert (edit.table, edit.row) == (0, 3)


def test_an_agency_name_read_among_the_task_words_moving_is_an_edit(tmp_path):
    """ "Sở Khoa học và" / "… hoa Cong nghe quan": the lead's name goes on among the task's
    words of the line below; those words and the partner's after them leave the task's
    cell for the agencies', logged on row 0."""
    doc = _document(tmp_path, ONE_AMOUNT)
    assert doc.tables[0].rows[0].cells[3] == "Sở Khoa hoc va Cong nghe"  # type: ignore[index]
    assert ("cho phong thu nghiem hoa Cong nghe quan", "cho phong thu nghiem hoa", 0) in _moved(doc)
    assert ("", "Cong nghe quan", 0) in _moved(doc)


# Row 1's total read "3 300" (its thousands dot a space); a section that is a row of its own,
# its numeral "II" read "Il" before the TT column's ruling.
DOT_AND_NUMERAL = BY_YEARS.replace(
    "doanh nghiep 300 100 100 100", "doanh nghiep 3 300 1.100 1.100 1.100"
).replace(
    "| ll. Trien khai cai cach hanh chinh |\n",
    "Il |Nang cao hieu qua y te co so 50 10 10 30 So Y te UBND cap xa\n",
)


def test_a_total_dot_read_as_a_space_and_a_ruled_numeral_are_edits_of_their_rows(tmp_path):
    """ "3 300" over years of 1.100 is written "3.300"; "Il |Nang cao …" opens row "II":
    both logged on the rows they wrote."""
    doc = _document(tmp_path, DOT_AND_NUMERAL)
    rows = doc.tables[0].rows
    [dot] = [e for e in doc.edits if e.reason == AMOUNT_DOT]
    assert (dot.original, dot.result, rows[dot.row or 0].cells[2]) == ("3 300", "3.300", "3.300")  # type: ignore[index]
    [numeral] = [e for e in doc.edits if e.reason == SECTION_NUMERAL]
    assert (numeral.original, numeral.result) == ("Il", "II")
    assert rows[numeral.row or 0].cells[:2] == ["II", "Nang cao hieu qua y te co so"]  # type: ignore[index]


def test_a_first_section_read_as_letters_is_an_edit_and_the_rows_after_keep_theirs(tmp_path):
    """ "ip Tang cuong …|": section I's numeral misread, written "I." (logged on row 0);
    the rows read after it keep their own edits' rows (row 2's moved "30")."""
    doc = _document(tmp_path, BY_YEARS.replace("| I. Tang cuong", "ip Tang cuong"))
    rows = doc.tables[0].rows
    assert rows[0].section == "I. Tang cuong chuyen doi so"
    [edit] = [e for e in doc.edits if e.reason == SECTION_NUMERAL and e.row == 0]
    assert (edit.original, edit.table) == ("ip Tang cuong chuyen doi so", 0)
    assert rows[2].cells[0] == "2"  # type: ignore[index]
    assert {e.row for e in doc.edits if e.reason == LINE_MOVED} == {2}


def test_a_section_row_numeral_whose_ii_was_read_h_is_an_edit_of_its_row(tmp_path):
    """ "HI . ° ° 60 20 20 20 …": a section that is a row, its numeral's "II" read "H",
    is written "III" (``budget_lines._numeral_read``): logged on the row it opens."""
    section_row = "HI . ° ° 60 20 20 20 So Y te UBND cap xa\nTo chuc hoi nghi tong ket.\n"
    total = "| Teng [1.100 |500 |400 |200 | | |\n"
    text = BY_YEARS.replace(
        total, section_row + total.replace("1.100 |500 |400 |200", "1.160 |520 |420 |220")
    )
    doc = _document(tmp_path, text)
    [edit] = [e for e in doc.edits if e.reason == SECTION_NUMERAL]
    assert (edit.original, edit.result) == ("HI", "III")
    assert doc.tables[0].rows[edit.row or 0].cells[:2] == ["III", "To chuc hoi nghi tong ket."]  # type: ignore[index]
