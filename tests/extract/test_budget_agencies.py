"""``extract/budget_agencies``: a budget row's agency text, line by line as old OCR read it
across the columns, shared out between the lead agency's cell and the partner's."""

from __future__ import annotations

from sohoa.extract.budget_agencies import (
    SPECKS,
    agencies_after_the_text,
    lead_and_partner,
)
from sohoa.extract.budget_lines import budget_line
from sohoa.extract.rebuild_edits import reading_rows


def test_the_end_of_a_lead_name_wrapped_onto_the_partners_line():
    """The lead "Sở Tài chính" wraps in its narrow cell: "chinh" starts the line below,
    before the partner's "don vi lien quan". It ends the known name the lead began (Sở +
    a sector), so it is the lead's, not the partner's."""
    fragments = ["So Tai | Cac co quan,", "chinh don vi lien quan"]
    assert lead_and_partner(fragments) == ["So Tai chinh", "Cac co quan, don vi lien quan", ""]


def test_a_lead_wrapped_before_its_level_word_takes_the_level_back():
    """The lead "Van phong UBND tinh" wraps in its narrow cell: "UBND tinh" starts its
    second line, and "tinh" was split off with the partner's words. The lead ends "UBND",
    waiting for its level, so "tinh" is the lead's. When the partner's list also waits
    ("UBND cap" / "tinh x4,"), the lead takes the first level word, the partner the second;
    a level word the lead does not wait for stays the partner's."""
    fragments = ["Van phong Cac co quan,", "UBND tinh don vi lien quan"]
    assert lead_and_partner(fragments) == [
        "Van phong UBND tinh",
        "Cac co quan, don vi lien quan",
        "",
    ]
    fragments = ["Cac So, ban,", "Van phong nganh; UBND cap", "UBND tinh x4, To chuc, ca nhan"]
    assert lead_and_partner(fragments)[:2] == [
        "Van phong UBND tinh",
        "Cac So, ban, nganh; UBND cap x4, To chuc, ca nhan",
    ]
    fragments = ["Van phong | Cac So, ban, nganh; UBND cap", "UBND | x4, To chuc"]
    assert lead_and_partner(fragments)[:2] == [
        "Van phong UBND",
        "Cac So, ban, nganh; UBND cap x4, To chuc",
    ]


def test_the_ruling_between_the_agency_cells_read_as_a_bracket():
    """ "So Y te [Cac doanh" / "nghiep, to chuc": the ruling between the lead's cell and
    the partner's read "[" (or "{") glued to the partner's first word parts them as "|"
    does."""
    fragments = ["So Y te [Cac doanh", "nghiep, to chuc"]
    assert lead_and_partner(fragments)[:2] == ["So Y te", "Cac doanh nghiep, to chuc"]
    assert lead_and_partner(["UBND cap xa {Cac co quan,"])[:2] == ["UBND cap xa", "Cac co quan,"]


def test_a_lead_then_a_collective_partner_on_one_line():
    """ "So Xay dung Cac doanh nghiep, to chuc": the lead's name, then a capital "Các"
    opening the partner's collective name."""
    assert lead_and_partner(["So Xay dung Cac doanh nghiep, to chuc"])[:2] == [
        "So Xay dung",
        "Cac doanh nghiep, to chuc",
    ]


def test_the_ruling_after_the_amounts_parts_the_lead_from_the_partner():
    """ "… 2.810 10 2.800 Sd Xay dung |... Ng": the ruling read "|" between the lead's cell
    and the partner's, on the line of the row's amounts, is kept in the line's agency text
    (``budget_lines.budget_line``), so the lead is the name before it, and the partner's
    first line read above ("CAec se. naanh", a misread "Các sở, ngành") stays the
    partner's; the rulings at the text's ends are dropped as before. Specks with no letter
    before a ruling ("~- — |Ngan sach tinh", a dash misread) make no cell of their own."""
    lines = [
        "To chuc doan hoc tap kinh CAec se. naanh",
        "1.1 |nghiem ve chuyen doi so cho 2.810 10 2.800 Sd Xay dung |... Ng",
    ]
    fragments = [budget_line(line)[3] for line in lines]
    assert fragments[1] == "Sd Xay dung |... Ng"
    assert lead_and_partner(fragments)[:2] == ["Sd Xay dung", "CAec se. naanh ... Ng"]
    assert budget_line("2 |Kien toan y te 150 50 50 50 |So Xay dung |")[3] == "So Xay dung"
    specks = budget_line("| 4 |So hoa ho so | 1.320 | 660 | 660 | ~- — |Ngan sach tinh | |")[3]
    assert lead_and_partner([specks])[:2] == ["~- — Ngan sach tinh", ""]


def test_a_lead_read_alone_below_the_partners_collective():
    """ "C4c doanh" above, "Se Y te ee" on the row's middle line, no line holding both
    cells: the first line opens a collective, the partner's shape (a list that wraps, so
    starts higher), the line below one body's name, the lead's. A collective alone is no
    lead taken from below."""
    assert lead_and_partner(["C4c doanh", "Se Y te ee"])[:2] == ["Se Y te ee", "C4c doanh"]
    fragments = ["CAec co quan", "Cong an tinh . q ,", "don vi lien quan"]
    assert lead_and_partner(fragments)[:2] == [
        "Cong an tinh . q ,",
        "CAec co quan don vi lien quan",
    ]
    assert lead_and_partner(["Cac co quan,", "Cac doanh nghiep"])[0] != "Cac doanh nghiep"


def test_the_words_going_on_with_an_agency_name_left_open_above():
    """A row read across (``budget_lines.budget_line`` for each line): the partner's
    "C4c doanh" waits for its noun; the line below the amounts, "a nghiep, to chirc", goes
    on with it after a speck, so those words are the agencies', not the task's, and the
    speck "a" (no word) is noted and left out of the task's; the task's own "nghiep." ends
    a sentence and stays. A word glued to a ruling ("}|nganh;") that goes
    on with the list "Cac SO, ban," above is the partner's too, and a line opening with it
    holds the partner's list alone (the lead's cell is left of it)."""
    lines = [
        "To chuc hoi nghi tong ket ve C4c doanh",
        "3.1 | bao ve moi truong cho doanh 50 10 10 10 10 10 S@ KH&CN Paar",
        "a nghiep, to chirc",
        "nghiep.",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert [line[1] for line in group] == [
        "To chuc hoi nghi tong ket ve",
        "bao ve moi truong cho doanh",
        "",
        "nghiep.",
    ]
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "S@ KH&CN Paar",
        "C4c doanh nghiep, to chirc",
    ]
    lines = [
        "Ho tro hop tac xa ap dung bao Cac SO, ban,",
        "dam an toan thuc pham, phong ~~ }|nganh; UBND",
        "3.3 | Chay, chua chay (48 luot x 80 1.200 600 600 UBND cap xa | cap xa, To",
        "trieu dong). chuc, ca nhan",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1:] == ("dam an toan thuc pham, phong", [], "nganh; UBND")
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "UBND cap xa",
        "Cac SO, ban, nganh; UBND cap xa, To chuc, ca nhan",
    ]


def test_a_lines_last_words_going_on_with_the_lead_and_then_the_partner():
    """ "… ap dung y te co’ xa to chtrc" below "UBND cap Cac doanh nghiep,": the line's last
    words go on with the lead's name ("xa") and then with the partner's ("to chtrc", its
    last word misread past knowing): the agency cells' words, read after the task's on the
    line; the lead takes the words that go on with its name (``agency_names`` grammar).
    A task's words that would go on with one name only ("cho to chuc, ca" after "Cac
    doanh nghiep,") stay the task's: "tổ chức, cá nhân" is a common subject of a task."""
    lines = [
        "3 nghiep cho to chuc; ho 1.200 600 300 300 UBND cap Cac doanh nghiep,",
        "tro nguoi dan ap dung y te co’ xa to chtrc",
        "so, phong chay, chua chay (42 luot x 50 trieu dong)",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "tro nguoi dan ap dung y te co’"
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "UBND cap xa",
        "Cac doanh nghiep, to chtrc",
    ]
    lines = [
        "4 Xay dung hoi thao 5.600 1.400 1.400 1.400 1.400 So Y te Cac doanh nghiep,",
        "ve quan ly chat thai ran cho to chuc, ca",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "ve quan ly chat thai ran cho to chuc, ca"


def test_specks_after_a_whole_lead_name_go_to_the_partner():
    """ "So Xay dung JCA", "So Y te 0": "Sở" and a known sector's name, whole, then specks
    (no syllable, or two letters at most): nothing lengthens a whole name, so they were
    read off the partner's cell beside it and go there, moved, not dropped. "và" after
    "Sở Giáo dục" is the name going on below, no speck."""
    assert lead_and_partner(["So Xay dung JCA | Cac so, nganh", "lien quan"])[:2] == [
        "So Xay dung",
        "Cac so, nganh lien quan JCA",
    ]
    assert lead_and_partner(["So Y te 0 | Cac co quan,"])[:2] == ["So Y te", "Cac co quan, 0"]
    assert lead_and_partner(["So Giao duc va | Cac co quan,"])[0] == "So Giao duc va"


def test_a_qualifier_below_the_amounts_goes_on_with_a_whole_collective_above():
    """ "Các cơ quan" and "Các sở, ngành" are whole names that may go on ("đơn vị liên
    quan", "liên quan"). A line below the row's amounts holding nothing but specks and
    such a qualified end ("or 2 don vi lien quan", "a lien quan") is the partner's cell
    read on its own line, not the task's: it leaves the task text, and so do the specks,
    no words (noted). A short word of the task's before it ("ve") stays."""
    lines = [
        "To chuc doan hoc tap kinh C4c co quan",
        "1.2 |nghiem ve phong chay, chua 40 10 10 10 10 SO Y te 0 quan,",
        "or 2 don vi lien quan",
        "chay cho to chuc, ca nhan.",
    ]
    with reading_rows() as notes:
        group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[2][1:] == ("", [], "don vi lien quan")
    assert [(n.original, n.result) for n in notes if n.reason == SPECKS] == [
        ("or 2 don vi lien quan", "don vi lien quan")
    ]
    lines = [
        "To chuc doan hoc tap kinh Cac so. nganh",
        "1.1 nghiem ve chuyen doi so cho 2.810 10 2.800 So Xay dung",
        "a lien quan",
        "hop tac xa.",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[2][1:] == ("", [], "lien quan")
    assert lead_and_partner([line[3] for line in group if line[3]])[1] == (
        "Cac so. nganh lien quan"
    )
    lines[2] = "ve lien quan"
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[2][1:] == ("ve", [], "lien quan")


def test_a_lines_last_words_ending_a_listed_body_left_open_above():
    """ "… To chuc thuc hien giao don vi lien quan" below the partner's "{Cac co quan,", "…
    To chuc lop tap nghiep, to chuc" below "{C2 doanh": the line's last words (three at
    least) make the open name whole (its last word may be misread past knowing: "to
    chirc"), qualifying the list or ending a body's name begun above: the partner's
    words, read after the task's on the line. The task's own "cho to chuc, ca nhan" under
    "Cac doanh nghiep," only lists more bodies and stays (see
    ``test_a_lines_last_words_going_on_with_the_lead_and_then_the_partner``), and so does
    "cho doanh nghiep, to chuc", whose "doanh" the run would go on from."""
    lines = [
        "Ho tro nguoi dan ap dung quan",
        "3 thon moi (24 luot x 40 trieu 3.380 310 70 2.000 1.000 So Y te {Cac co quan,",
        "dong); To chuc thuc hien giao don vi lien quan",
        "duc nghe nghiep cap huyen, cap xa",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[2][1:] == ("dong); To chuc thuc hien giao", [], "don vi lien quan")
    lines = [
        "3.3 thuc pham (10 san pham x 60 359 919 110 380 100 So Noi vu {C2 doanh",
        "trieu dong); To chuc lop tap nghiep, to chuc",
        "huan ve phat trien du lich cho",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "trieu dong); To chuc lop tap"
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "So Noi vu",
        "C2 doanh nghiep, to chuc",
    ]
    lines[1] = "trieu dong); To chuc lop tap nghiep, to chirc"  # its last word misread
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1:] == ("trieu dong); To chuc lop tap", [], "nghiep, to chirc")
    lines = [
        "3 Ho tro hoi thao 5.600 1.400 1.400 1.400 1.400 So Y te Cac doanh",
        "ve quan ly chat thai ran cho doanh nghiep, to chuc",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "ve quan ly chat thai ran cho doanh nghiep, to chuc"


def test_a_lead_whose_head_was_read_in_lower_case_before_the_partners_collective():
    """ "van phong Cac doanh ," / "UBND tinh nghiep, to chuc": the lead "Văn phòng UBND
    tỉnh", its head read in lower case, beside the partner's "Các doanh nghiệp, tổ chức".
    The words before the collective begin a name of the grammar ("văn phòng"), so the line
    parts there as it would after a capital "Sở Xây dựng"; the lead takes its level."""
    assert lead_and_partner(["van phong Cac doanh ,", "UBND tinh nghiep, to chuc"])[:2] == [
        "van phong UBND tinh",
        "Cac doanh , nghiep, to chuc",
    ]


def test_a_partners_next_name_begun_at_the_end_of_task_lines_below_the_amounts():
    """The partner "Các Sở, ban, ngành; UBND cấp xã; Tổ chức, cá nhân" wraps over four
    lines of its narrow cell; the last two were read after the task's words with no ruling:
    "… vé phat xa; T6 chtrc, ca" ("xa;" ends "UBND cap" above, then the cell's next name
    opens) and "… bao dam nhan" ("nhan" ends the noun "ca" left open). Both go to the
    partner; the task's words stay, its own "cap xa;" (after "cap") too."""
    lines = [
        "thu, luu tru cho hop tac x; mo hinh diem cho Cac So, ban,",
        "3 to chuc, ca nhan ve phat trien doanh nghiep; 70 - 70 - 70 So Tai chinh nganh; UBND cap",
        "phong su tuyen truyen cho hop tac xa ve phat xa; To chuc, ca",
        "trien doanh nghiep cap huyen, cap xa; nham bao dam nhan",
        "an toan thuc pham trong va ngoai tinh.",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert [line[1] for line in group[2:]] == [
        "phong su tuyen truyen cho hop tac xa ve phat",
        "trien doanh nghiep cap huyen, cap xa; nham bao dam",
        "an toan thuc pham trong va ngoai tinh.",
    ]
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "So Tai chinh",
        "Cac So, ban, nganh; UBND cap xa; To chuc, ca nhan",
    ]


def test_task_lines_after_junk_that_seemed_to_end_the_sentence_stay_the_tasks():
    """Junk read on the row's amounts line ("… Sate.") seems to end the task's sentence,
    but the lines below in lower case are the task's going on: eight words or more, or
    ending a sentence ("giao duc phap luat."), no line of a narrow agency cell."""
    lines = [
        "Day manh chuyen doi so cap huyen, cap xa; Cac So, ban,",
        "5 in an NONIEP: . Sate. 900 800 100 - 100 200 SO KH&CN nganh; UBND cap",
        "hien quan ly dat dai trong va ngoai tinh; phong A",
        "giao duc phap luat.",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert [line[1] for line in group[2:]] == [
        "hien quan ly dat dai trong va ngoai tinh; phong A",
        "giao duc phap luat.",
    ]


def test_a_collective_of_cooperatives_wrapped_after_the_task_words():
    """The partner "UBND cấp xã; các hợp tác xã" wraps: "hop tac x4" was read after the
    task's words of the line below the amounts. "Các hợp tác xã" is a collective's whole
    name, so those words end the partner's; the task's own "cho doanh nghiep" stays."""
    lines = [
        "2 quan ly dat dai; mo hinh | 559 | 120 | 100 | 20 Cong an tinh | UBND cap xa; cac",
        "diem cho can bo, cong chuc ve cong tac van hop tac x4",
        "thu, luu tru; khoa dao tao cho doanh nghiep.",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "diem cho can bo, cong chuc ve cong tac van"
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "Cong an tinh",
        "UBND cap xa; cac hop tac x4",
    ]


def test_the_partners_noun_of_two_read_beside_the_lead_stays_whole():
    """ "So Y te to chuc, ca nhan": the lead "Sở Y tế" and the partner's list going on in
    lower case, read on one line without a ruling. The list's first noun is "tổ chức", of
    two words: it parts before "to", not before "chuc,", so "to" is no speck of the lead's
    set at the partner's end."""
    fragments = ["Cac doanh nghiep,", "So Y te to chuc, ca nhan", "tren dia ban tinh"]
    assert lead_and_partner(fragments)[:2] == [
        "So Y te",
        "Cac doanh nghiep, to chuc, ca nhan tren dia ban tinh",
    ]


def test_a_lists_next_item_ending_the_task_words_before_the_lists_next_name():
    """The partner's list "Céc So ban" (its commas lost) goes on a line below with
    "nganh;", read as the task's last word because the agency words on the line begin
    only at "UBND": a word that goes on with the list, ends in ";" as its items do and is
    read just before the list's next name is the partner's. A task word before an agency
    name that ends no list item ("… san pham") stays the task's."""
    lines = [
        "Hb trg doanh nghiép xay dung, ap dung Céc So ban",
        "tiéu chuan quéc gia, tiéu chuan quéc té, nganh; UBND",
        "tiéu chuan khu vuc, quy chuan ky thuat. 1.250 250 250 250 250 250 cap xa, T chuc,",
        "(25 san pham x 50tr). ca nhan",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "tiéu chuan quéc gia, tiéu chuan quéc té,"
    assert group[1][3] == "nganh; UBND"
    lines[1] = "tiéu chuan quéc gia, tiéu chuan san pham UBND"
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1] == "tiéu chuan quéc gia, tiéu chuan san pham"


def test_a_sectors_name_ending_a_line_of_its_own_is_the_leads():
    """The lead "Sở Giáo dục và Đào tạo" read past knowing on the row's line ("[90 lao
    duc"), its end "va Dao tao" opening the line below before the partner's "don vi lien
    quan": the name's end is the lead's, the list's end the partner's."""
    fragments = ["[90 lao duc | Cac co quan,", "va Dao tao don vi lien quan"]
    assert lead_and_partner(fragments)[:2] == [
        "[90 lao duc va Dao tao",
        "Cac co quan, don vi lien quan",
    ]


def test_a_qualifier_below_the_amounts_goes_on_with_a_misread_cac_above():
    """ "CAéc co quan" above, then "x don vi lién quan" below the row's amounts: the
    partner's "Các cơ quan, đơn vị liên quan" going on, the speck before it aside."""
    group = [
        (None, "Xay dung khoa dao tao, boi", [], "CAéc co quan"),
        ("3", "duong vé phat trién du lich cho", ["2.500", "500"], "Céng an tinh"),
        (None, "x don vi lién quan", [], ""),
        (None, "co so san xuat.", [], ""),
    ]
    assert agencies_after_the_text(group)[2] == (None, "", [], "don vi lién quan")


def test_a_collectives_qualifier_alone_ending_a_task_line():
    """ "… Xay" then "lién quan" at the line's end below the partner's "[C&C Sở, ngành"
    (whole, it may go on), and "quan" alone below "Cac so, nganh lien" (it must): the
    qualifier ends the collective, the partner's words read after the task's. The task's
    own "… cac co" / "quan", "… ca nhan" / "lien quan" and "… co" / "lien quan" stay."""
    lines = [
        "1.2 [Dlen, giao duc phap luat (25 san| 4 555 1.000 2.000 250 Cong an tinh [C&C Sở, nganh",
        "pham x 60 trieu dong); Xay lién quan",
        "dung phong su tuyen truyen ve",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1:] == ("pham x 60 trieu dong); Xay", [], "lién quan")
    lines = [
        "3 phat trien du lich, bao dam an 150 50 50 50 So Noi vu |Cac so, nganh lien",
        "toan thuc pham (12 luot x 90 quan",
        "trieu dong).",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[1][1:] == ("toan thuc pham (12 luot x 90", [], "quan")
    for own in ("ho tro cac co quan", "ho tro to chuc, ca nhan lien quan", "ho tro co lien quan"):
        lines[1] = own
        assert agencies_after_the_text([budget_line(line) for line in lines])[1][1] == own


def test_where_the_bodies_are_below_the_amounts_ends_their_list_above():
    """ "Các doanh nghiệp," / "tổ chức, cá nhân" above, then "tren dia ban tinh" on a line
    of its own below the row's amounts, after the task's last words and the specks read
    beside them ("cap xa. A ve bo ao"): where the bodies the partner lists are, its cell's
    last line; it leaves the task text. A task ending its sentence there ends it with a
    stop ("tren dia ban tinh.") and stays, and so does the line below a list of
    departments ("Các Sở, ban, ngành" is never qualified so)."""
    lines = [
        "A vn A axe ant A - Cac doanh nghiep,",
        "1 Nang cao hieu qua quan ly dat dai 300 100 100 100 So Tai chinh | to chuc, ca nhan",
        "cap xa. A ve bo ao",
        "tren dia ban tinh",
    ]
    group = agencies_after_the_text([budget_line(line) for line in lines])
    assert group[3][1:] == ("", [], "tren dia ban tinh")
    assert lead_and_partner([line[3] for line in group if line[3]])[:2] == [
        "So Tai chinh",
        "Cac doanh nghiep, to chuc, ca nhan tren dia ban tinh",
    ]
    lines[3] = "tren dia ban tinh."
    assert agencies_after_the_text([budget_line(line) for line in lines])[3][1] == lines[3]
    whole = [  # the list read whole on one line: it may go on, qualified
        "1 Nang cao hieu qua quan ly dat dai 300 100 100 100 So Tai chinh | Cac to chuc, ca nhan",
        "cap xa. A ve bo ao",
        "a tren dia ban huyen",
    ]
    assert agencies_after_the_text([budget_line(line) for line in whole])[2][1:] == (
        "",
        [],
        "tren dia ban huyen",
    )
    lines[:2] = [
        "A vn A axe ant A - Cac So, ban,",
        "1 Nang cao hieu qua quan ly dat dai 300 100 100 100 So Tai chinh | nganh",
    ]
    lines[3] = "tren dia ban tinh"
    assert agencies_after_the_text([budget_line(line) for line in lines])[3][1] == lines[3]
