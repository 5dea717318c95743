"""Folding and the closed vocabularies used to read headers through OCR noise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sohoa.extract.admin_vocab import (
    canonical_body,
    canonical_code,
    fold,
    match_province,
    match_role,
    match_type,
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
    assert canonical_body("SỞ KHOA HỌC VÀ CÔNG NGHỆ") is None  # kept as written by callers


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
