"""``extract/spaced_names``: a lead's name read without its spaces gets them back."""

from __future__ import annotations

from sohoa.extract.budget_agencies import lead_and_partner
from sohoa.extract.rebuild_edits import reading_rows
from sohoa.extract.spaced_names import SPACED, spaced_known_name


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


def test_the_spaces_given_back_are_noted_as_an_edit():
    """The spacing changes the cell as read ("seyte" -> "Se Y te", two capitals too): the
    rebuild notes it, like every other change it makes; a cell left as read is not noted."""
    with reading_rows() as notes:
        assert spaced_known_name("seyte") == "Se Y te"
        assert spaced_known_name("Sở Tài chính") == "Sở Tài chính"
    assert [(n.original, n.result, n.reason) for n in notes] == [("seyte", "Se Y te", SPACED)]
