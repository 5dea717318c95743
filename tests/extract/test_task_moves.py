"""Words a task table's reader (Phụ lục I read across) moves from one cell to another are
Edits of their rows, each with a reason of its own (``extract/task_moves``)."""

from __future__ import annotations

from pathlib import Path

from old_ocr_tables import OLD_OCR_TASKS

from sohoa.extract.interleaved_rows import task_rows
from sohoa.extract.rebuild_edits import reading_rows
from sohoa.extract.task_moves import (
    CAC,
    NOTES_RIGHT,
    PARTNER_FIRST,
    QUALIFIER,
    ROW_NUMBER,
    STRAY_PIECE,
    TIME_WORD,
    WRAPPED_NAME,
    YEARS_JOINED,
)
from sohoa.pipeline import convert_document
from sohoa.settings import Settings


def _moves(lines: list[str], reason: str, previous: str | None = None) -> list[tuple]:
    with reading_rows() as notes:
        task_rows(lines, previous)
    return [(e.original, e.result, e.row) for e in notes if e.reason == reason]


def test_a_collective_names_qualifier_going_back_is_an_edit_of_the_task_and_the_cell():
    """ "Các cơ quan, đơn vị" / "liên quan": the task's text as read with the line's words
    and without the qualifier, and the partner's fragment with it after."""
    lines = [
        "Trien khai giam ngheo ben vung tren dia ban tinh. | So Y te | Cac co quan, don vi",
        "1.1 Tang cuong bao ve moi truong den nam 2030. lién quan Quy II/2027",
    ]
    assert _moves(lines, QUALIFIER) == [
        (
            "Trien khai giam ngheo ben vung tren dia ban tinh. Tang cuong bao ve moi truong"
            " den nam 2030. lién quan",
            "Trien khai giam ngheo ben vung tren dia ban tinh. Tang cuong bao ve moi truong"
            " den nam 2030.",
            0,
        ),
        ("Cac co quan, don vi", "Cac co quan, don vi lién quan", 0),
    ]


def test_a_wrapped_names_words_and_a_time_word_going_back_are_edits_of_their_row():
    lines = [
        "Trien khai xay dung nong thon moi tai | So Van hoa, | Hang",
        "2.1 cac huyen va thanh pho Thể thao va Du nam",
    ]
    wrapped = _moves(lines, WRAPPED_NAME)
    assert ("So Van hoa,", "So Van hoa, Thể thao va Du", 0) in wrapped
    assert _moves(lines, TIME_WORD) == [
        (
            "Trien khai xay dung nong thon moi tai cac huyen va thanh pho nam",
            "Trien khai xay dung nong thon moi tai cac huyen va thanh pho",
            0,
        ),
        ("Hang", "Hang nam", 0),
    ]


def test_cac_leaving_the_task_for_the_agency_and_a_garbled_row_number_are_edits():
    cac = [
        "Kiem tra co so san xuat | So Y te | Cac so, ban, nganh, Hang",
        "1.1 tren dia ban tinh. cac UBND cap xa nam",
    ]
    assert _moves(cac, CAC) == [
        ("tren dia ban tinh. cac", "tren dia ban tinh.", 0),
        ("UBND cap xa", "cac UBND cap xa", 0),
    ]
    numbered = [
        "1.1 Kien toan giao duc nghe nghiep cap huyen. | Ban Quan ly | Hang nam",
        "Tang cuong phat trien doanh nghiep tai co so gop",
        "1.2). ce ae cae ban nhan dan Cac so, ban, nganh, | Hang",
        "Day manh phat trien doanh nghiep. UBND cac huyen nam",
    ]
    assert _moves(numbered, ROW_NUMBER, "1") == [
        ("", "1.2", 1),
        ("1.2). ce ae cae ban nhan dan", "ce ae cae ban nhan dan", 1),
    ]


def test_a_partner_read_first_a_joined_span_and_a_stray_piece_are_edits():
    first = [
        "Kien toan cai cach hanh chinh tren dia ban tinh. To | Cac co quan, don vi | Quy",
        "1.1 chuc thuc hien phat trien doanh nghiep | So Noi vu lien quan II/2027",
    ]
    assert _moves(first, PARTNER_FIRST) == [
        ("Cac co quan, don vi", "So Noi vu", 0),
        ("So Noi vu lien quan", "Cac co quan, don vi lien quan", 0),
    ]
    span = [
        "Ra soat thu tuc hanh chinh cap huyen. Tang Sở Tu phap Cac so, ban, nganh; | 2028-2",
        "1.1 cuong kiem tra cong vu cap xa. UBND cap xa 030",
    ]
    assert _moves(span, YEARS_JOINED) == [("2028-2 030", "2028-2030", 0)]
    stray = ["Ra soat thu tuc hanh chinh. | Sở Tu phap | UBND cac huyen, 2028-2 | Hang nam"]
    assert _moves(stray, STRAY_PIECE) == [
        ("2028-2 Hang nam", "Hang nam", 0),
        ("UBND cac huyen,", "UBND cac huyen, 2028-2", 0),
    ]


# a second section whose row takes back its partner's qualifier and its time's "năm"
TWO_SECTIONS = (
    OLD_OCR_TASKS
    + """\
II. Cong tac kiem tra
Kiem tra co so san xuat | So Y te | Cac co quan, don vi Hang
3 tren dia ban tinh thuoc linh vuc y te. lien quan nam
"""
)


def test_the_moves_of_a_rebuilt_table_name_their_row_after_the_rows_before(tmp_path: Path):
    """Through the real rebuild of a TXT input: row 3 of section II (row 4 of the table,
    after two sections and two rows) takes "liên quan" and "năm" back from its task's
    last line; the Edits name table 0, row 4."""
    path = tmp_path / "old-ocr.txt"
    path.write_text(TWO_SECTIONS, encoding="utf-8")
    doc = convert_document(path, Settings(restore=False))
    assert doc.tables[0].rows[4].cells[3:5] == ["Cac co quan, don vi lien quan", "Hang nam"]  # type: ignore[index]
    moved = [(e.result, e.table, e.row) for e in doc.edits if e.reason in (QUALIFIER, TIME_WORD)]
    text = "Kiem tra co so san xuat tren dia ban tinh thuoc linh vuc y te."
    assert moved == [
        (f"{text} nam", 0, 4),
        ("Cac co quan, don vi lien quan", 0, 4),
        (text, 0, 4),
        ("Hang nam", 0, 4),
    ]


def test_words_right_of_an_agencys_next_line_are_the_notes_next_line():
    """ "… tai co so va Du lich dinh": the lead's next line ("va Du lich") goes back to it;
    "dinh", read right of it, is no word of the task (the leftmost column) but the notes'
    next line, the row's notes ("Quyet") begun on the line above. With no notes begun
    above, it stays where it was read."""
    first = "2 Day manh phong chay, chua chay tai So Van hoa, The thao So Tai chinh 2026-2030"
    rows, _ = task_rows([f"{first} Quyet", "co so va Du lich dinh"])
    assert rows[0][1][1:] == [
        "Day manh phong chay, chua chay tai co so",
        "So Van hoa, The thao va Du lich",
        "So Tai chinh",
        "2026-2030",
        "Quyet dinh",
    ]
    rows, _ = task_rows([first, "co so va Du lich dinh"])
    assert rows[0][1][1] == "Day manh phong chay, chua chay tai co so dinh"


def test_the_time_ends_first_and_the_notes_take_the_rest_as_edits_of_the_row():
    """Right of the lead's next line ("cac khu cong") and the partner's qualifier ("lien
    quan"): the time's end ("2027-2" / "030") and the notes' next line ("theo hinh" /
    "thuc nhiem"), each move an Edit of the row."""
    lines = [
        "Nang cao hieu qua cai cach hanh chinh. Trien khai | Ban Quan ly Cac co quan, don vi"
        " | 2027-2 theo hinh",
        "1.1 | cong tac van thu cap huyen. | cac khu cong lien quan 030 thuc nhiem",
    ]
    rows, _ = task_rows(lines)
    assert (
        rows[0][1][1]
        == "Nang cao hieu qua cai cach hanh chinh. Trien khai cong tac van thu cap huyen."
    )
    assert rows[0][1][4:] == ["2027-2030", "theo hinh thuc nhiem"]
    moved = [(original, result) for original, result, _ in _moves(lines, NOTES_RIGHT)]
    assert ("2027-2", "2027-2 030") in moved
    assert ("theo hinh", "theo hinh thuc nhiem") in moved


def test_specks_right_of_an_agencys_next_line_are_no_notes_line():
    """ "… va Moi truong y gg": the lead's next line goes back to it; "y gg", no word of
    three letters, are a ruling's specks: they stay where they were read, the notes cell
    ("Bang gia dat so") keeps its own words."""
    rows, _ = task_rows(
        [
            "5 |Xay dung co so du lieu So Nong nghiep So Tai chinh | Quy II/2026 |Bang gia dat so",
            "gia dat. va Moi truong y gg",
        ]
    )
    assert rows[0][1][2] == "So Nong nghiep va Moi truong"
    assert rows[0][1][5] == "Bang gia dat so"
    assert rows[0][1][1].endswith("y gg")
