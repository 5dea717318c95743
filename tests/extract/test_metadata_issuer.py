"""The issuing body and its parent from the header's lines in capitals."""

from __future__ import annotations

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_issuer import full_body_name, mark_place_as_dated, set_issuer
from sohoa.model import Issuer, Metadata


def issuer(lines: list[str]) -> Issuer:
    meta = Metadata()
    set_issuer([(line, i) for i, line in enumerate(lines)], [SourceLine(t) for t in lines], meta)
    return meta.co_quan_ban_hanh


def test_wrapped_names_are_one_and_the_one_above_is_the_parent() -> None:
    assert (
        issuer(["ỦY BAN NHÂN DÂN THỊ", "TRẤN MƯỜNG CHÀ"]).ten
        == "ỦY BAN NHÂN DÂN THỊ TRẤN MƯỜNG CHÀ"
    )
    found = issuer(["UBND TỈNH BẮC NINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"])
    assert (found.ten, found.cap_tren) == ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "UBND TỈNH BẮC NINH")
    assert issuer(["UY BAN NHAN DAN", "TINH BAC NINH"]).ten == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"


def test_two_names_on_one_line_are_cut_apart() -> None:
    found = issuer(["UBND TỈNH BẮC GIANG SỞ Y TẾ"])
    assert (found.ten, found.cap_tren) == ("SỞ Y TẾ", "UBND TỈNH BẮC GIANG")


def test_locality_takes_the_date_line_s_marks_and_citation_names_are_spelled_out() -> None:
    meta = Metadata(co_quan_ban_hanh=Issuer("ỦY BAN NHÂN DÂN XÃ QUỐC KHANH"), dia_danh="Quốc Khánh")
    mark_place_as_dated(meta)
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN XÃ QUỐC KHÁNH"
    assert full_body_name("UBND tỉnh Bắc Ninh") == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"


def test_name_stopping_short_of_the_place_is_completed_from_the_date_line() -> None:
    meta = Metadata(co_quan_ban_hanh=Issuer("ỦY BAN NHÂN DÂN TỈNH SƠN"), dia_danh="Sơn La")
    mark_place_as_dated(meta)
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH SƠN LA"
    other = Metadata(co_quan_ban_hanh=Issuer("SỞ Y TẾ"), dia_danh="Sơn La")  # no level: kept
    mark_place_as_dated(other)
    assert other.co_quan_ban_hanh.ten == "SỞ Y TẾ"


def test_a_dash_read_from_the_rule_line_does_not_join_the_next_body_s_name() -> None:
    found = issuer(["ỦY BAN NHÂN DÂN TỈNH QUẢNG", "NAM -", "SỞ TÀI CHÍNH"])
    assert (found.ten, found.cap_tren) == ("SỞ TÀI CHÍNH", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM")
    joined = issuer(["SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"])
    assert (joined.ten, joined.cap_tren) == ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", None)


def test_the_rule_line_read_as_dashes_before_a_name_is_no_part_of_it() -> None:
    found = issuer(["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ", "CHÍ MINH", "———— SỞ TÀI CHÍNH"])
    assert (found.ten, found.cap_tren) == ("SỞ TÀI CHÍNH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    wrapped = issuer(["BỘ NÔNG NGHIỆP VÀ PHÁT", "— TRIỂN NÔNG THÔN"])
    assert (wrapped.ten, wrapped.cap_tren) == ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", None)
