"""Where a budget row's lead agency name ends, wrapped in its narrow cell (old OCR)."""

from sohoa.extract.budget_agencies import lead_and_partner
from sohoa.extract.budget_leads import (
    lead_begun_above,
    lead_name_going_on,
    levels_to_the_lead,
    specks_after_the_name,
)


def test_a_known_name_wrapped_ends_on_the_line_below():
    # "Sở Tài" / "chính Các cơ quan,": "chính" ends the name, the rest is the partner's
    assert lead_name_going_on("Sở Tài", "chinh Cac co quan,") == (["chinh"], ["Cac co quan,"])
    # a whole name takes nothing from below
    assert lead_name_going_on("Sở Y tế", "UBND cap xa") == ([], ["UBND cap xa"])


def test_a_name_of_the_grammar_goes_on_below():
    assert lead_name_going_on("UBND cap", "xa to chtrc") == (["xa"], ["to chtrc"])


def test_specks_after_a_whole_known_name_are_the_partners():
    assert specks_after_the_name("Sở Y tế 0") == ("Sở Y tế", "0")
    assert specks_after_the_name("Sở Giáo dục và") == ("Sở Giáo dục và", "")


def test_a_level_word_split_off_goes_back_to_the_lead():
    parts = [["Van phong", "Cac co quan,"], ["UBND", "tinh don vi lien quan"]]
    assert levels_to_the_lead(parts)[1] == ["UBND tinh", "don vi lien quan"]


def test_a_lead_begun_on_the_line_above_the_cells_is_the_leads():
    """The lead's narrow cell wrapped: its first line read alone above the row's middle
    line, where the lead's part makes the name whole ("Đào tạo", "Và Công nghệ"). It goes
    to the lead, not to the partner (the taller cell); specks after it ("wm") were read
    off the partner's cell beside it."""
    cells = lead_and_partner(["Sở Giáo dục và", "Đào tạo ° UBND cấp xã"])
    assert cells[:2] == ["Sở Giáo dục và Đào tạo", "° UBND cấp xã"]
    cells = lead_and_partner(["Sở Khoa học wm", "Và Công nghệ | VBND cấp xã"])
    assert cells[:2] == ["Sở Khoa học Và Công nghệ", "wm VBND cấp xã"]
    # a partner's list above, whole names below: the partner's, as before
    cells = lead_and_partner(["Cac Se, ban,", "So Y te | nganh; UBND cap xa"])
    assert cells[:2] == ["So Y te", "Cac Se, ban, nganh; UBND cap xa"]
    assert lead_begun_above("Sở Y tế", "UBND cấp xã") is None


def test_specks_before_the_leads_name_end_below_stay_with_the_rest():
    """ "Sở Giáo dục và" / "ả Đào tạo": a speck read before the name's end on the line
    below (the restorer made it "ả") is no word of it; the name ends, the speck stays
    with the partner's words, as read."""
    assert lead_name_going_on("Sở Giáo dục và", "ả Đào tạo À à") == (["Đào", "tạo"], ["ả À à"])
    fragments = ["Sở Giáo dục và Các doanh nghiệp,", "x ° tổ chức, cá nhân", "ả Đào tạo"]
    assert lead_and_partner(fragments)[0] == "Sở Giáo dục và Đào tạo"
    # a word of the task's, no speck, before the name's words: nothing taken
    assert lead_name_going_on("Sở Tài", "cho chính") == ([], ["cho chính"])
