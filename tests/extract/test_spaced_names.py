"""``extract/spaced_names``: a lead's name read without its spaces gets them back."""

from __future__ import annotations

from sohoa.extract.budget_agencies import lead_and_partner
from sohoa.extract.spaced_names import spaced_known_name


def test_a_lead_name_read_without_its_spaces_gets_them_back():
    """ "seyte" / "s@Noivu" / "Sở Taichinn": "Sở" and a known sector's name, one character
    for one (a slip or two), its spaces lost: they go back where the name has them, no
    letter changed (the agency repair spells the name later, logged); a name read whole,
    or no known one, stays as read."""
    assert lead_and_partner(["seyte [Cac doanh", "nghiep, to chuc"])[0] == "Se Y te"
    assert spaced_known_name("s@Noivu") == "S@ Noi vu"
    assert spaced_known_name("Sở Taichinn") == "Sở Tai chinn"
    for cell in ["Sở Tài chính", "UBND cấp xã", "Sở KH&CN", "soytex"]:
        assert spaced_known_name(cell) == cell
