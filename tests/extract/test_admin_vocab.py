"""Folding and the closed vocabularies used to read headers through OCR noise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sohoa.extract.admin_vocab import (
    canonical_body,
    canonical_body_unspaced,
    canonical_code,
    fold,
    match_province,
    match_role,
    match_type,
    spell_known_head,
    type_from_code,
)
from sohoa.normalize.unicode import nfc


@given(st.text())
def test_fold_keeps_offsets(text: str) -> None:
    text = nfc(text)
    assert len(fold(text)) == len(text)


def test_fold_strips_marks_and_d() -> None:
    assert fold("ỦY BAN NHÂN DÂN TỈNH BẮC NINH, Đào") == "uy ban nhan dan tinh bac ninh, dao"


def test_body_names_are_spelled_only_when_every_part_is_known() -> None:
    assert canonical_body("UY BAN NHAN DAN TINH BAC NINH") == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert canonical_body("UBND tỉnh Bắc Giang") == "UBND TỈNH BẮC GIANG"
    assert canonical_body("CÔNG TY TNHH ABC") is None
    assert canonical_body("SỞ KHOA HỌC VÀ CÔNG NGHỆ") == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    # a sector's name after the kind of body, a province right after it; OCR marks repaired
    assert canonical_body("TÔNG CỤC THUÊ") == "TỔNG CỤC THUẾ"
    assert canonical_body("SO Y TE BAC NINH") == "SỞ Y TẾ BẮC NINH"
    assert canonical_body("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") is not None
    # a district after its level, its marks or spaces repaired; a commune's name is unknown
    assert canonical_body("ỦY BAN NHÂN DÂN THỊ XÃ LAGI") == "ỦY BAN NHÂN DÂN THỊ XÃ LA GI"
    assert canonical_body("ỦY BAN NHÂN DÂN XÃ KA LĂNG") is None
    # a long name whose "VÀ" OCR lost
    want = "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"
    assert canonical_body("BỘ NÔNG NGHIỆP PHÁT TRIỂN NÔNG THÔN") == want
    assert canonical_body("CỤC THUẾ TP.HCM") is None  # an abbreviation: kept as written
    assert canonical_body("PHÒNG KHOA HỌC VUI") is None


def test_codes_lose_their_look_alike_letters() -> None:
    assert canonical_code("NÐ-CP") == "NĐ-CP"  # U+00D0 (eth) for U+0110
    assert canonical_code("QĐ-UВND") == "QĐ-UBND"  # Cyrillic В
    assert canonical_code("ТВ-UBND") == "TB-UBND"  # Cyrillic Т
    # one OCR-confused letter from a type code of Phụ lục III, and no code itself
    assert canonical_code("TIr-UBND") == "TTr-UBND"
    assert canonical_code("0Đ-UBND") == "QĐ-UBND"
    assert canonical_code("UBND-VP") == "UBND-VP"
    assert canonical_code("CT-KTT3") == "CT-KTT3"


def test_the_head_of_a_name_is_spelled_when_only_its_marks_differ() -> None:
    assert spell_known_head("ỦY BAN NHÂN DÂN PHƯƠNG 3") == "ỦY BAN NHÂN DÂN PHƯỜNG 3"
    assert spell_known_head("UY BAN NHAN DAN XA Tân Hòa") == "ỦY BAN NHÂN DÂN XÃ Tân Hòa"
    assert spell_known_head("TRƯỜNG THPT LÊ LỢI") == "TRƯỜNG THPT LÊ LỢI"
    assert spell_known_head("HỘI ĐỒNG") == "HỘI ĐỒNG"
    assert spell_known_head("CỤC THUÊ TP.HCM") == "CỤC THUẾ TP.HCM"  # the sector's marks
    assert spell_known_head("BỆNH VIỆN ĐA KHOATỈNH") == "BỆNH VIỆN ĐA KHOA TỈNH"  # a lost space


def test_types_roles_places_and_codes() -> None:
    assert match_type("KE HOACH") == "Kế hoạch"
    assert match_type("QUYẾT ĐỊNH") == "Quyết định"
    assert match_type("Nâng cao năng suất") is None
    assert match_role("PHO CHU TICH") == "PHÓ CHỦ TỊCH"
    assert match_province("Bdc Ninh") == "Bắc Ninh"
    assert match_province("Phòng họp") is None
    assert canonical_code("QD — UBND") == "QĐ-UBND"
    assert type_from_code("KH-UBND") == "Kế hoạch"
    assert type_from_code("UBND-KT") == "Công văn"


def test_a_name_whose_spaces_ocr_lost_is_spelled_when_every_part_is_known() -> None:
    assert canonical_body_unspaced("UBNDTỈNHLAICHÂU") == "UBND TỈNH LAI CHÂU"
    assert canonical_body_unspaced("UBNDTỈNH NGHỆAN") == "UBND TỈNH NGHỆ AN"
    assert canonical_body_unspaced("UBNDHUYỆNĐÔNGANH") is None  # a district: not known


def test_issuer_code_with_a_letter_lost_under_ink() -> None:
    assert canonical_code("LBND-KGVX") == "UBND-KGVX"
    assert canonical_code("HĐNO-TH") == "HĐND-TH"
    assert canonical_code("UBND-VP") == "UBND-VP"
    assert canonical_code("BND-VP") == "BND-VP"  # a letter lost, not misread: left alone
    assert canonical_code("KH-UBND") == "KH-UBND"  # only the first part is the issuer's
