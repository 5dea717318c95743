"""The printed marks of ND30's layout, shared by the layout reader and the text-only one."""

from __future__ import annotations

from sohoa.extract.layout_marks import (
    AUTHORITY,
    DATE,
    MOTTO,
    NATIONAL_TITLE,
    NUMBER,
    SUMMARY,
    opens_recipients,
    phrase_at,
)


def test_national_title_and_motto_are_found_where_they_start_with_ocr_slips() -> None:
    line = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert phrase_at(line, NATIONAL_TITLE) == line.index("CỘNG")
    assert phrase_at("CÔNG HOÀ XA HÔI CHU NGHĨA", NATIONAL_TITLE) == 0
    assert phrase_at("HUYỆN TĨNH GIA Đôc lâp - Tư do - Hanh phúc", MOTTO) == 15
    assert phrase_at("Ủy ban nhân dân huyện Tĩnh Gia", NATIONAL_TITLE) is None
    assert phrase_at("VỤ CỘNG", NATIONAL_TITLE) is None  # too short to be the title


def test_number_summary_date_and_authority_lines() -> None:
    assert NUMBER.match("Số: 1113/UBND-LĐTBXH") and NUMBER.match("Số 38-CT/TW")
    assert not NUMBER.match("Sở Tư pháp tỉnh Bắc Ninh")
    assert SUMMARY.match("V/v triển khai") and not SUMMARY.match("Về nội dung")
    assert DATE.search("Tĩnh Gia, ngày 16 tháng 4 năm 2020")
    assert DATE.search("Quốc Khánh, ngày 15 tháng 11")  # "năm" wrapped onto the next line
    assert AUTHORITY.match("KT. CHỦ TỊCH") and AUTHORITY.match("T/M. ỦY BAN NHÂN DÂN")
    assert not AUTHORITY.match("TL. số liệu")  # a prefix and capitals, not a sentence


def test_recipients_line() -> None:
    assert opens_recipients("Nơi nhận:") and opens_recipients("- Nơi nhân:")
    assert not opens_recipients("Nơi ở hiện tại: Số 40")
