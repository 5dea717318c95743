"""Metadata from real seed documents through the pipeline, and from noisy header variants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from metadata_scans import two_column_decision_scan

from sohoa.extract.metadata import metadata_from_text
from sohoa.model import Metadata
from sohoa.pipeline import convert_document
from sohoa.settings import Settings

SEEDS = Path(__file__).resolve().parents[1].parent / "corpus" / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module", params=[False, True], ids=["unrestored", "restored"])
def converted(request: pytest.FixtureRequest) -> dict[str, Metadata]:
    """Seeds 002-004 as TXT input, with and without the restorer stage."""
    settings = Settings(restore=request.param, extract_tables=False)
    return {p: convert_document(seed(p), settings).metadata for p in ("002", "003", "004")}


def test_004_is_decision_523_signed_by_dao_quang_khai(converted: dict[str, Metadata]) -> None:
    meta = converted["004"]
    assert meta.so_hieu == "523/QĐ-UBND"
    assert meta.loai_van_ban == "Quyết định"
    assert meta.ngay_ban_hanh == "2020-11-03"
    assert meta.dia_danh == "Bắc Ninh"
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert meta.trich_yeu is not None and meta.trich_yeu.startswith("V/v phê duyệt Kế hoạch")
    assert meta.nguoi_ky.ho_ten == "Đào Quang Khải"
    assert meta.nguoi_ky.chuc_vu == "PHÓ CHỦ TỊCH"
    assert meta.nguoi_ky.tham_quyen == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert meta.noi_nhan[0] == "Như Điều 3" and meta.noi_nhan[-1].startswith("Lưu: VT")
    basis = {r.so_hieu: r for r in meta.tham_chieu if r.so_hieu}
    assert basis["996/QĐ-TTg"].quan_he == "căn cứ"
    assert basis["996/QĐ-TTg"].ngay_ban_hanh == "2018-08-10"
    assert basis["996/QĐ-TTg"].co_quan_ban_hanh == "Thủ tướng Chính phủ"
    assert basis["838/TTr-SKH-CN"].loai_van_ban == "Tờ trình"
    laws = [r for r in meta.tham_chieu if r.loai_van_ban == "Luật"]
    assert [r.ngay_ban_hanh for r in laws] == ["2015-06-19", "2013-06-18"]
    # the attached plan cites the decision itself: that is not a reference
    assert "523/QĐ-UBND" not in basis


def test_003_old_ocr_is_plan_49_of_28_august_2025(converted: dict[str, Metadata]) -> None:
    meta = converted["003"]
    assert meta.so_hieu == "49/KH-UBND"
    assert meta.ngay_ban_hanh == "2025-08-28"
    assert meta.loai_van_ban == "Kế hoạch"
    assert meta.dia_danh == "Bắc Ninh"
    # "UY BAN NHAN DAN CONG HOA XA HOI ..." / "TINH BAC NINH Déc 1ap - Tw do ..." interleaved
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert meta.nguoi_ky.tham_quyen == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert meta.nguoi_ky.chuc_vu == "PHÓ CHỦ TỊCH"
    assert len(meta.noi_nhan) == 10
    numbers = [r.so_hieu for r in meta.tham_chieu]
    assert "1322/QĐ-TTg" in numbers and "36/QĐ-TTg" in numbers


def test_002_replaces_plan_409_and_decision_523(converted: dict[str, Metadata]) -> None:
    meta = converted["002"]
    replaced = {r.so_hieu: r for r in meta.tham_chieu if r.quan_he == "thay thế"}
    assert set(replaced) == {"409/KH-UBND", "523/QĐ-UBND"}
    assert replaced["409/KH-UBND"].ngay_ban_hanh == "2021-08-30"
    assert replaced["523/QĐ-UBND"].ngay_ban_hanh == "2020-11-03"
    assert replaced["523/QĐ-UBND"].co_quan_ban_hanh == "UBND tỉnh Bắc Ninh"
    assert "thay thế Kế hoạch số 409/KH-UBND" in (replaced["409/KH-UBND"].trich_dan or "")
    # no header in this text: the draft's blank number stays null, the rest is inferred
    assert meta.so_hieu is None and meta.ky_hieu == "KH-UBND"
    assert meta.loai_van_ban == "Kế hoạch"
    assert meta.trich_yeu == (
        "Tăng cường, đổi mới hoạt động đo lường giai đoạn 2026-2030 "
        "và những năm tiếp theo trên địa bàn tỉnh Bắc Ninh"
    )
    assert meta.ngay_ban_hanh == "2025-08" and "ngay_ban_hanh" in meta.suy_dien
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert meta.nguoi_ky.ho_ten == "Mai Sơn"


def test_001_plan_without_header_still_gives_title_signer_and_basis() -> None:
    meta = convert_document(seed("001"), Settings(restore=False)).metadata
    assert meta.loai_van_ban == "Kế hoạch"
    assert meta.trich_yeu is not None and meta.trich_yeu.startswith("Đẩy mạnh công tác")
    assert meta.nguoi_ky.ho_ten == "Mai Sơn"
    done = {r.so_hieu: r.quan_he for r in meta.tham_chieu}
    assert done["38-CT/TW"] == "thực hiện" and done["1703/QĐ-TTg"] == "thực hiện"


CLEAN_HEADER = """\
UBND TỈNH BẮC NINH
SỞ KHOA HỌC VÀ CÔNG NGHỆ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/SKHCN-TĐC
V/v hướng dẫn kiểm tra đo lường
Bắc Ninh, ngày 5 tháng 3 năm 2024
Kính gửi: Các doanh nghiệp trên địa bàn tỉnh.
Căn cứ Thông tư số 28/2013/TT-BKHCN ngày 17/12/2013 của Bộ Khoa học và Công nghệ;
Sở hướng dẫn như sau.
Nơi nhận:
- Như trên;
- Lưu: VT, TĐC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn An
"""


def test_department_letter_has_parent_body_and_vv_title() -> None:
    meta = metadata_from_text(CLEAN_HEADER)
    assert meta.co_quan_ban_hanh.cap_tren == "UBND TỈNH BẮC NINH"
    assert meta.co_quan_ban_hanh.ten == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert meta.so_hieu == "1234/SKHCN-TĐC"
    assert meta.loai_van_ban == "Công văn" and meta.suy_dien == ["loai_van_ban"]
    assert meta.trich_yeu == "V/v hướng dẫn kiểm tra đo lường"
    assert meta.ngay_ban_hanh == "2024-03-05"
    assert meta.nguoi_ky.tham_quyen == ["KT. GIÁM ĐỐC"]
    assert meta.nguoi_ky.chuc_vu == "PHÓ GIÁM ĐỐC"
    assert meta.nguoi_ky.ho_ten == "Nguyễn Văn An"
    assert meta.noi_nhan == ["Như trên", "Lưu: VT, TĐC"]
    [basis] = meta.tham_chieu
    assert basis.so_hieu == "28/2013/TT-BKHCN" and basis.loai_van_ban == "Thông tư"
    assert basis.co_quan_ban_hanh == "Bộ Khoa học và Công nghệ" and basis.quan_he == "căn cứ"


NOISY_DRAFT = """\
UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH HA NAM Doc lap - Tu do - Hanh phuc
So:    /QD-UBND Ha Nam, ngay    thang 10 nam 2020
QUYET DINH
Ve viec ban hanh Quy che lam viec
Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015;
Noi nhan: TM. UY BAN NHAN DAN
- Nhu Dieu 3; CHU TICH
- Luu: VT.
"""


def test_noisy_interleaved_draft_without_marks() -> None:
    meta = metadata_from_text(NOISY_DRAFT)
    assert meta.so_hieu is None and meta.ky_hieu == "QĐ-UBND"
    assert meta.loai_van_ban == "Quyết định"
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"
    assert meta.dia_danh == "Hà Nam"
    assert meta.ngay_ban_hanh == "2020-10"
    assert meta.trich_yeu == "Ve viec ban hanh Quy che lam viec"
    assert meta.nguoi_ky.tham_quyen == ["TM. ỦY BAN NHÂN DÂN"]
    assert meta.nguoi_ky.chuc_vu == "CHỦ TỊCH"
    assert meta.noi_nhan == ["Nhu Dieu 3", "Luu: VT"]
    assert meta.tham_chieu[0].loai_van_ban == "Luật"


def test_text_without_any_layout_gives_empty_metadata() -> None:
    meta = metadata_from_text("Một đoạn văn bình thường.\nKhông có gì khác.")
    assert meta == Metadata()


# --- a real scan with the two-column header, OCR'd by Tesseract -----------------------------


def test_heavy_scan_with_two_column_header_read_by_tesseract(tmp_path: Path) -> None:
    """Tesseract interleaves the columns ("Nơi nhận: TM. ỦY BAN NHÂN DÂN") and misreads marks."""
    scan = two_column_decision_scan(tmp_path / "decision.png", level="heavy")
    meta = convert_document(scan, Settings(extract_tables=False)).metadata
    assert meta.so_hieu == "523/QĐ-UBND" and meta.loai_van_ban == "Quyết định"
    assert meta.ngay_ban_hanh == "2020-11-03" and meta.dia_danh == "Bắc Ninh"
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert meta.trich_yeu is not None and meta.trich_yeu.startswith("Về việc phê duyệt")
    assert meta.nguoi_ky.tham_quyen == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert meta.nguoi_ky.chuc_vu == "PHÓ CHỦ TỊCH"
    assert meta.nguoi_ky.ho_ten == "Đào Quang Khải"
    assert meta.noi_nhan[:3] == ["Như Điều 3", "Văn phòng Chính phủ", "Bộ Khoa học và Công nghệ"]
    assert meta.noi_nhan[3].startswith("Lưu: VT")
    cited = {r.so_hieu: r.quan_he for r in meta.tham_chieu}
    assert cited == {None: "căn cứ", "996/QĐ-TTg": "căn cứ", "838/TTr-SKH-CN": "theo đề nghị"}


def test_header_read_column_by_column_and_number_without_colon() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Từ Sơn, ngày 12/01/2024\nUBND TỈNH BẮC NINH\nSỞ TƯ PHÁP\n–––––\nSố 12/TB-STP\n"
        "THÔNG BÁO\nKết luận của Giám đốc Sở\nThực hiện Kế hoạch số 7/KH-UBND.\n"
    )
    meta = metadata_from_text(text)
    assert (meta.co_quan_ban_hanh.cap_tren, meta.co_quan_ban_hanh.ten) == (
        "UBND TỈNH BẮC NINH",
        "SỞ TƯ PHÁP",
    )
    assert (meta.so_hieu, meta.loai_van_ban) == ("12/TB-STP", "Thông báo")
    assert (meta.dia_danh, meta.ngay_ban_hanh) == ("Từ Sơn", "2024-01-12")
    assert meta.trich_yeu == "Kết luận của Giám đốc Sở"
    assert [(r.so_hieu, r.quan_he) for r in meta.tham_chieu] == [("7/KH-UBND", "thực hiện")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Số: 5/QĐ-UBND", "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KẾ HOẠCH", "(Kèm "
             "theo Kế hoạch số /KH-UBND)", "Căn cứ Luật", "ngày 31 tháng 2 năm 2020", "Phụ lục"]
        ) | st.text(max_size=40),
        max_size=30,
    )
)  # fmt: skip
def test_any_text_gives_metadata_without_raising(lines: list[str]) -> None:
    meta = metadata_from_text("\n".join(lines))
    assert meta.ngay_ban_hanh is None or meta.ngay_ban_hanh[:4].isdigit()


# --- what survives a garbled header -----------------------------------------------------------

GARBLED_LETTER = (
    """\
)À XÃ HỘI CHÍ NGHĨA VIỆT NAM
tu. mg, thẳng năm 2010
Để triển khai thực hiện chính sách đảm bảo kịp thời, công khai, minh bạch, đúng đối
"""
    + "tượng, không để lợi dụng, trục lợi chính sách, tham nhũng, tiêu cực;\n" * 14
    + """\
Yêu cầu Ủy ban nhân dân các xã nghiêm túc thực hiện.
Nơi nhận.
- Như trên;
- Lưu: VT.
"""
)


def test_letter_whose_header_ocr_lost_is_a_cong_van_by_its_closing() -> None:
    meta = metadata_from_text(GARBLED_LETTER)
    assert meta.noi_nhan == ["Như trên", "Lưu: VT"]  # "Nơi nhận." with a stop for the colon
    assert meta.loai_van_ban == "Công văn"
    assert "loai_van_ban" in meta.suy_dien


def test_letter_whose_header_ocr_lost_is_a_cong_van_by_its_salutation() -> None:
    bare = "\n".join(GARBLED_LETTER.splitlines()[:-3])
    meta = metadata_from_text("Kinh gửi: Chủ tịch UBND các xã, thị trấn.\n" + bare)
    assert meta.loai_van_ban == "Công văn" and "loai_van_ban" in meta.suy_dien


def test_a_titled_document_or_bare_text_is_no_cong_van() -> None:
    titled = GARBLED_LETTER.replace("tu. mg,", "KẾ HOẠCH\nVề việc rà soát\n")
    assert metadata_from_text(titled).loai_van_ban == "Kế hoạch"
    bare = "\n".join(GARBLED_LETTER.splitlines()[:-3])
    assert metadata_from_text(bare).loai_van_ban is None


def test_number_written_over_the_type_code_keeps_the_code_from_the_heading() -> None:
    text = """\
SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số: 14Øốr-SKHCN
TỜ TRÌNH
Về việc phê duyệt Đề án bảo đảm an toàn thực phẩm
Kính gửi: Ủy ban nhân dân tỉnh
"""
    meta = metadata_from_text(text)
    assert (meta.so_hieu, meta.ky_hieu, meta.so_viet_tay) == (None, "TTr-SKHCN", True)
    assert "ky_hieu" in meta.suy_dien
    untitled = metadata_from_text(text.replace("TỜ TRÌNH\n", ""))
    assert untitled.ky_hieu is None  # no type printed: nothing to rebuild the code from


def test_a_type_code_one_letter_from_the_printed_type_s_is_that_type_s() -> None:
    text = """\
UBND TỈNH HÀ NAM
SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số: 1218/TTi-SKHCN
TỜ TRÌNH
Về việc phê duyệt Đề án
"""
    meta = metadata_from_text(text)
    assert (meta.so_hieu, meta.ky_hieu) == ("1218/TTr-SKHCN", "TTr-SKHCN")
    # a code of another type is the source's own: kept as printed
    other = metadata_from_text(text.replace("TTi-", "KH-"))
    assert other.ky_hieu == "KH-SKHCN"


def test_an_issuer_lost_to_ocr_is_named_by_the_code_s_initials() -> None:
    text = "Số: 339/TB-BKHCN\nTHÔNG BÁO\nKết luận của lãnh đạo\n"
    meta = metadata_from_text(text)
    assert meta.co_quan_ban_hanh.ten == "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    assert "co_quan_ban_hanh" in meta.suy_dien
    # a body whose name needs its place is never named from a code
    assert metadata_from_text(text.replace("TB-BKHCN", "UBND-VP")).co_quan_ban_hanh.ten is None
