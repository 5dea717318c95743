"""Agency cells shifted one column left: the lead's name read among the task's words."""

from __future__ import annotations

from sohoa.extract.interleaved import repair_cells
from sohoa.extract.shifted_agencies import (
    is_collective,
    lead_in_text,
    open_lead_tail,
    shift_row,
    split_lead,
)
from sohoa.model import Table, TableRow

COLUMNS = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


def _row(text: str, lead: str, partner: str) -> Table:
    cells = ["6.1", text, lead, partner, "Hang nam"]
    return Table(columns=COLUMNS, rows=[TableRow(cells=cells)], source="flattened", confidence=0.3)


def test_the_partners_collective_leaves_the_lead_and_the_lead_comes_back_from_the_text():
    """Old OCR read "S¢ Khoa hoc" as "g4 Khoa hoc": no agency known on the line, the lead's
    lines stayed in the task text and the partner's collective was taken for the lead."""
    table = _row(
        "Trien khai cac nhiem vu 8181 g4 Khoa hoc phap khoa hoc va cong nghe, doi moi"
        " sang tao ho tro Lo a o a va Cong ngh¢ doanh nghiep nang cao nang suat.",
        "Cac s0, ban, nganh, cac UBND cap xa",
        "",
    )
    edits = repair_cells(table, [2, 3], 0)
    cells = table.rows[0].cells
    assert cells[2] == "Sở Khoa hoc va Cong ngh¢"
    assert cells[3] == "Cac s0, ban, nganh, cac UBND cap xa"
    assert cells[1] == (
        "Trien khai cac nhiem vu 8181 phap khoa hoc va cong nghe, doi moi"
        " sang tao ho tro Lo a o a doanh nghiep nang cao nang suat."
    )
    shifted = [e for e in edits if e.reason == "table-agency-shifted"]
    assert [e.result for e in shifted][:2] == ["Sở Khoa hoc", "Cac s0, ban, nganh, cac UBND cap xa"]
    assert all(e.table == 0 and e.row == 0 and 0 < e.confidence < 1 for e in shifted)


def test_a_lead_read_whole_with_its_partner_is_left_alone():
    text = "Tham quan hoc tap g4 Khoa hoc va Cong nghe cac dia phuong"
    assert shift_row("Sở Khoa học và Công nghệ", "Các sở, ngành", text) is None
    assert shift_row("Cac so, ban, nganh", "UBND cap xa", text) is None  # a partner read


def _lead_in(text: str) -> tuple[int, int] | None:
    return lead_in_text(text.split())


def test_a_department_the_task_names_is_the_tasks_own():
    """ "phối hợp với Sở …", "Bộ Khoa học …": the task's words, no lead read among them."""
    assert _lead_in("Phoi hop voi So Khoa hoc va Cong nghe to chuc") is None
    assert _lead_in("Phoi hop Bo Khoa hoc va Cong nghe to chuc") is None
    assert _lead_in("Tổ chức hội thảo Sở Xây dựng") == (4, 7)


def test_a_collective_is_told_by_its_bodies_whatever_its_cac():
    assert is_collective("CE}C S0, ban, nganh, cac UBND cap xa")
    assert is_collective("Các cơ quan, đơn vị liên quan")
    assert not is_collective("Cục Thống kê tỉnh")
    assert not is_collective("Sở Tài chính")


def test_a_department_after_the_partners_list_leads_and_the_list_is_the_partners():
    """The partner's column, taller, began above the lead's: its list was read first and
    taken for the lead's, then the department that leads ("S¢ Khoa hoc", its rest "va Cong
    nghé" among the task's words) and the partner's next line ("che co so gido duc")."""
    table = _row(
        "To chirc cac khoa dao tao cho can bd, chuyén giao, d6i va Cong nghé che moi cong"
        " nghé cho doanh nghiép.",
        "Cac s0, ban, nganh, UBND cap xa, S¢ Khoa hoc che co so gido duc",
        "",
    )
    repair_cells(table, [2, 3], 0)
    cells = table.rows[0].cells
    assert cells[2] == "Sở Khoa hoc va Cong nghé"
    assert cells[3] == "Cac s0, ban, nganh, UBND cap xa, che co so gido duc"
    assert "va Cong" not in cells[1]


def test_the_rest_of_a_leads_name_read_without_its_spaces_goes_back_to_the_lead():
    """Old OCR lost the spaces of the lead's second line ("vaCongnghe" for "và Công nghệ")
    and read it after the partner's "cac": the one word is the name's three words run
    together, each as the name spells them, so it makes "Sở Khoa hoc" whole."""
    table = _row(
        "Ho tro cac doanh nghiép ap dung hé thong, cong cu quan ly tién tién.",
        "Cac s0, ban, nganh, S¢ Khoa hoc cac vaCongnghe",
        "UBND cap xa, cac co so gido duc",
    )
    repair_cells(table, [2, 3], 0)
    cells = table.rows[0].cells
    assert cells[2] == "Sở Khoa hoc vaCongnghe"
    assert cells[3] == "Cac s0, ban, nganh, cac UBND cap xa, cac co so gido duc"


def test_a_list_of_departments_alone_stays_the_leads():
    assert split_lead("Các sở, ban, ngành, UBND cấp xã", "") is None
    assert split_lead("Sở Y tế, Sở Tài chính", "UBND cấp xã") is None


def test_a_word_misread_past_a_slip_inside_the_leads_name_is_passed_over():
    """ "S,U KAhoa hQCA va Cong ngh¢": "hQCA" is "học" read past one slip, the words after
    it go on with the name."""
    table = _row(
        "Xay dung mo hinh ve ap dung cong cu quan 1y tién S,U KAhoa hQCA va Cong ngh¢ tién"
        " dé cai tién ning suit",
        "CE}C S0, ban, nﬂgant}, cac UBND cap xa",
        "",
    )
    repair_cells(table, [2, 3], 0)
    cells = table.rows[0].cells
    assert cells[2] == "Sở KAhoa hQCA va Cong ngh¢"
    assert cells[3] == "CE}C S0, ban, nﬂgant}, cac UBND cap xa"
    assert cells[1] == "Xay dung mo hinh ve ap dung cong cu quan 1y tién tién dé cai tién ning suit"


def test_the_partners_words_after_a_lead_begun_go_to_the_partner():
    """ "Sé Khoa hoc cac UBITID.cEap xa,": the lead's first line and the partner's, read on
    one line; the lead's rest ("va Cone nohe") among the task's words."""
    table = _row(
        "Tham quan hoc tap kinh nghiém trong hoat dong néng cao va Cone nohe nang sut va"
        " chat luong san pham, hang hoa.",
        "Sé Khoa hoc cac UBITID.cEap xa,",
        "",
    )
    repair_cells(table, [2, 3], 0)
    cells = table.rows[0].cells
    assert cells[2] == "Sở Khoa hoc va Cone nohe"
    assert cells[3] == "cac UBITID.cEap xa,"
    assert open_lead_tail("Sở Khoa học và Công nghệ các UBND") is None  # whole: lead_tail's
    assert open_lead_tail("Sở Khoa học và") is None


def test_a_collective_misread_in_its_list_is_still_a_collective_a_shifted_lead_leaves():
    """The lead cell holds the partner's collective with its list misread ("Chc s&, ban,"),
    the partner cell is empty and the lead's "o Khoa hoc" ("Sở" lost its S) was read among
    the task's words: read as collective_names spells it ("Các sở, ban,"), it is a
    collective, and the lead's words leave the task text for the lead's cell."""
    text = (
        "To chuc dieu tra, khao sat nhu cau ho tro ap dung CaC o Khoa hoc cong cy, "
        "h¢ thong quan ly tién tién, tham gia Giai thuong chat lugng Qudc gia"
    )
    lead = "Chc s&, ban, nganh, cac UBND cap xa"
    assert is_collective(lead)
    assert shift_row(lead, "", text) == (
        "Sở Khoa hoc",
        lead,
        "To chuc dieu tra, khao sat nhu cau ho tro ap dung CaC cong cy, "
        "h¢ thong quan ly tién tién, tham gia Giai thuong chat lugng Qudc gia",
    )


def test_a_collective_read_as_the_lead_gives_way_to_the_department_the_partner_begins_with():
    """The partner's column, taller, began two lines above the lead's: its collective ("Céc
    s6. bar. nearh") was taken for the lead, and the lead's "S& Khoa hoc", read later, opens
    the partner cell before the partner's next line. The department leads (its rest "va
    Cong nghé" comes back from the text); the collective and the words after the name go
    to the partner."""
    table = _row(
        "c6 lién quan ho tro doanh nghiép tham gia cac khoa dao tao hang va Cong nghé e o"
        " nam cua cac to chuc tieu chuan hoa quoc té, khu vuc, quéc gia.",
        "Céc s6. bar. nearh",
        "S& Khoa hoc che O & iéopduc",
    )
    repair_cells(table, [2, 3], 0)
    cells = table.rows[0].cells
    assert cells[2] == "Sở Khoa hoc va Cong nghé"
    assert cells[3] == "Céc s6. bar. nearh che O & iéopduc"
    assert "va Cong nghé" not in cells[1]
