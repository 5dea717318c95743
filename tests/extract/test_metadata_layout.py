"""Metadata of layout kinds other than the seeds': rendered pages read by Tesseract, and text.

Each rendered page (tests/metadata_scans.py) is laid out as Nghị định 30/2020 prescribes:
the issuer and "Số" in the left header block, the motto and the date line in the right one,
the signature right of "Nơi nhận". Tesseract reads such a header line by line across both
blocks; the extractor cuts the lines apart by their word boxes.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from metadata_scans import LAYOUT_KINDS, render_admin_page

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata import metadata_from_lines, metadata_from_text
from sohoa.model import Metadata
from sohoa.pipeline import convert_document
from sohoa.settings import Settings


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Metadata]:
    """Each layout kind rendered at 200 dpi, lightly scanned, converted (OCR + restore)."""
    folder = tmp_path_factory.mktemp("layouts")
    settings = Settings(extract_tables=False)
    return {
        name: convert_document(render_admin_page(page, folder / f"{name}.png"), settings).metadata
        for name, page in LAYOUT_KINDS.items()
    }


def test_cong_van_has_its_type_from_the_vv_line_and_a_parent_body(
    read: dict[str, Metadata],
) -> None:
    meta = read["cong_van"]
    assert meta.loai_van_ban == "Công văn" and "loai_van_ban" in meta.suy_dien
    assert meta.so_hieu == "215/TCKH-NS"
    assert meta.co_quan_ban_hanh.cap_tren == "UBND HUYỆN ĐÔNG ANH"
    assert meta.co_quan_ban_hanh.ten == "PHÒNG TÀI CHÍNH - KẾ HOẠCH"
    # the header's date, not the cited decision's 19/6/2015; a district is no province
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2024-03-12", "Đông Anh")
    assert meta.trich_yeu == "V/v rà soát kinh phí hỗ trợ hộ nghèo năm 2024"  # two lines
    assert meta.nguoi_ky.tham_quyen == ["KT. TRƯỞNG PHÒNG"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("PHÓ TRƯỞNG PHÒNG", "Trần Thị Hoa")


def test_a_commune_under_its_district_both_names_wrapped_below_the_motto(
    read: dict[str, Metadata],
) -> None:
    meta = read["bao_cao_xa"]
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN XÃ KA LĂNG"
    assert meta.co_quan_ban_hanh.cap_tren == "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ"
    assert (meta.so_hieu, meta.loai_van_ban) == ("235/BC-UBND", "Báo cáo")
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2019-11-03", "Ka Lăng")
    assert meta.trich_yeu == "Kết quả thực hiện công tác giảm nghèo bền vững"
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("CHỦ TỊCH", "Lò Văn Sơn")


def test_decision_of_a_chairman_names_the_province_not_the_chairman_as_issuer(
    read: dict[str, Metadata],
) -> None:
    meta = read["quyet_dinh_chu_tich"]
    assert (meta.so_hieu, meta.loai_van_ban) == ("1520/QĐ-UBND", "Quyết định")
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"
    assert meta.co_quan_ban_hanh.cap_tren is None
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2022-05-20", "Tam Kỳ")
    assert meta.trich_yeu == "Về việc thành lập Tổ công tác rà soát thủ tục hành chính năm 2022"
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("CHỦ TỊCH", "Lê Văn Dũng")


def test_decree_number_with_year_and_a_signature_on_behalf_of_the_government(
    read: dict[str, Metadata],
) -> None:
    meta = read["nghi_dinh"]
    assert (meta.so_hieu, meta.ky_hieu) == ("45/2021/NĐ-CP", "NĐ-CP")
    assert meta.loai_van_ban == "Nghị định"
    assert meta.co_quan_ban_hanh.ten == "CHÍNH PHỦ"
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2021-03-31", "Hà Nội")
    assert meta.trich_yeu == "Quy định chi tiết thi hành một số điều của Luật Thú y"
    # "TM. CHÍNH PHỦ / THỦ TƯỚNG / (Đã ký) / name"
    assert meta.nguoi_ky.tham_quyen == ["TM. CHÍNH PHỦ"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("THỦ TƯỚNG", "Nguyễn Văn Bình")


def test_report_title_stops_before_its_first_section(read: dict[str, Metadata]) -> None:
    meta = read["bao_cao"]
    assert (meta.so_hieu, meta.loai_van_ban) == ("88/BC-STP", "Báo cáo")
    assert (meta.co_quan_ban_hanh.cap_tren, meta.co_quan_ban_hanh.ten) == (
        "UBND TỈNH BÌNH DƯƠNG",
        "SỞ TƯ PHÁP",
    )
    assert meta.trich_yeu == "Kết quả công tác tư pháp năm 2023 và phương hướng nhiệm vụ năm 2024"
    assert meta.ngay_ban_hanh == "2023-12-05"
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("GIÁM ĐỐC", "Phạm Văn Tâm")


def test_handwritten_number_keeps_the_printed_code_and_is_flagged(
    read: dict[str, Metadata],
) -> None:
    meta = read["so_viet_tay"]
    assert meta.ky_hieu == "UBND-VP"
    # pen strokes are never read as a number; a clean reading of them would also be right
    assert meta.so_hieu in (None, "1113/UBND-VP")
    assert meta.so_viet_tay is (meta.so_hieu is None)
    assert meta.ngay_ban_hanh == "2020-04"  # the day left blank
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN HUYỆN NGA SƠN"
    assert meta.dia_danh == "Nga Sơn"


def test_every_field_says_where_it_was_read(read: dict[str, Metadata]) -> None:
    """Page, box and confidence of each field: the header's from its block on the page."""
    meta = read["quyet_dinh_chu_tich"]
    sources = {source.field: source for source in meta.nguon}
    assert {"so_hieu", "ngay_ban_hanh", "co_quan_ban_hanh.ten", "trich_yeu"} <= set(sources)
    assert {"nguoi_ky.ho_ten", "nguoi_ky.chuc_vu", "loai_van_ban"} <= set(sources)
    number, date = sources["so_hieu"], sources["ngay_ban_hanh"]
    assert number.page == 1 and number.method == "layout" and 0.5 < number.confidence <= 1
    assert number.bbox is not None and date.bbox is not None
    assert number.bbox[2] < date.bbox[0]  # the number's block is left of the date's
    assert sources["nguoi_ky.ho_ten"].bbox[1] > number.bbox[3]  # type: ignore[index]


# --- text without boxes -------------------------------------------------------------------


def test_number_with_spaces_in_a_digital_notice() -> None:
    text = (
        "UBND HUYỆN GIA LÂM\nPHÒNG NỘI VỤ\nSố: 11 /TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nGia Lâm, ngày 02 tháng 02 năm 2023\nTHÔNG BÁO\n"
        "Lịch tiếp công dân tháng 02 năm 2023\nCăn cứ Luật Tiếp công dân ngày 25/11/2013;\n"
    )
    meta = metadata_from_text(text)
    assert (meta.so_hieu, meta.loai_van_ban) == ("11/TB-UBND", "Thông báo")
    assert meta.ngay_ban_hanh == "2023-02-02"
    assert meta.trich_yeu == "Lịch tiếp công dân tháng 02 năm 2023"


def test_law_number_and_its_title_in_capitals() -> None:
    text = (
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số: 54/2014/QH13\nLUẬT\nHẢI QUAN\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "Quốc hội ban hành Luật hải quan.\nĐiều 1. Phạm vi điều chỉnh\n"
    )
    meta = metadata_from_text(text)
    assert (meta.so_hieu, meta.loai_van_ban) == ("54/2014/QH13", "Luật")
    assert meta.co_quan_ban_hanh.ten == "QUỐC HỘI"
    assert meta.trich_yeu == "HẢI QUAN"
    assert meta.ngay_ban_hanh is None  # no date line in the header


def test_header_merged_line_by_line_and_a_cited_date_is_not_the_issue_date() -> None:
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH NINH BÌNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 7/KH-UBND\n"  # the place and date line missing (cut off)
        "KẾ HOẠCH\nTriển khai công tác cải cách hành chính\n"
        "Căn cứ Quyết định số 45/QĐ-UBND ngày 19/6/2015 của UBND tỉnh;\n"
    )
    meta = metadata_from_text(text)
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert (meta.so_hieu, meta.loai_van_ban) == ("7/KH-UBND", "Kế hoạch")
    assert meta.ngay_ban_hanh is None
    assert meta.trich_yeu == "Triển khai công tác cải cách hành chính"


def test_government_signature_on_one_line_and_with_signed_mark() -> None:
    text = (
        "CHÍNH PHỦ\nSố: 30/2020/NÐ-CP\nHà Nội, ngày 05 tháng 3 năm 2020\nNGHỊ ĐỊNH\n"
        "Về công tác văn thư\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\n- Lưu: VT.\n"
        "TM. CHÍNH PHỦ THỦ TƯỚNG\n(Đã ký)\nNguyễn Xuân Phúc\n"
    )
    meta = metadata_from_text(text)
    assert meta.so_hieu == "30/2020/NĐ-CP"  # the eth (U+00D0) read as Đ
    assert meta.nguoi_ky.tham_quyen == ["TM. CHÍNH PHỦ"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("THỦ TƯỚNG", "Nguyễn Xuân Phúc")


def test_title_never_runs_into_the_body() -> None:
    long_line = "về việc " + " ".join(["triển khai nhiệm vụ"] * 60)
    text = f"UBND TỈNH HÀ NAM\nSố: 5/QĐ-UBND\nQUYẾT ĐỊNH\n{long_line}\nĐiều 1. Nội dung.\n"
    meta = metadata_from_text(text)
    assert meta.trich_yeu is not None and len(meta.trich_yeu) <= 400


def test_docx_with_the_header_in_a_table(tmp_path: Path) -> None:
    """A Word file's header is a borderless 2x2 table: each row comes as one line."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "UBND TỈNH BẮC GIANG\nSỞ Y TẾ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 1234/SYT-NVY\nV/v tăng cường phòng chống dịch bệnh mùa hè"
    table.cell(1, 1).text = "Bắc Giang, ngày 14 tháng 6 năm 2024"
    document.add_paragraph("Kính gửi: Các bệnh viện trong tỉnh.")
    document.add_paragraph("Sở Y tế đề nghị các đơn vị triển khai các biện pháp sau.")
    path = tmp_path / "cong_van.docx"
    document.save(str(path))
    meta = convert_document(path, Settings(extract_tables=False)).metadata
    assert meta.so_hieu == "1234/SYT-NVY"
    assert meta.loai_van_ban == "Công văn"
    assert meta.ngay_ban_hanh == "2024-06-14"
    assert meta.co_quan_ban_hanh.ten == "SỞ Y TẾ"
    assert meta.co_quan_ban_hanh.cap_tren == "UBND TỈNH BẮC GIANG"
    assert meta.trich_yeu == "V/v tăng cường phòng chống dịch bệnh mùa hè"


def test_party_style_directive_and_a_paragraph_after_the_title() -> None:
    text = (
        "TỈNH ỦY BẮC NINH\n*\nSố 38-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Bắc Ninh, ngày 15 tháng 3 năm 2022\nCHỈ THỊ\n"
        "của Ban Thường vụ Tỉnh ủy về tăng cường công tác phòng chống tham nhũng\n"
        "Thời gian qua, công tác phòng chống tham nhũng đạt nhiều kết quả.\n"
        "Nơi nhận:\n- Các huyện ủy;\n- Lưu: VPTU.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Anh Tuấn\n"
    )
    meta = metadata_from_text(text)
    assert (meta.so_hieu, meta.loai_van_ban) == ("38-CT/TU", "Chỉ thị")
    assert meta.trich_yeu == (
        "của Ban Thường vụ Tỉnh ủy về tăng cường công tác phòng chống tham nhũng"
    )
    assert meta.nguoi_ky.tham_quyen == ["T/M BAN THƯỜNG VỤ"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("BÍ THƯ", "Nguyễn Anh Tuấn")


def test_tab_separated_header_columns_and_close_sector_names() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "THÀNH PHỐ HÀ NỘI\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 2345/QĐ-UBND\tHà Nội, ngày 14 tháng 5 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy chế phối hợp\n"
    )
    meta = metadata_from_text(text)
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2024-05-14", "Hà Nội")
    meta = metadata_from_text("UBND TỈNH BẮC NINH\nSỞ NỘI VỤ\nSố: 102/GM-SNV\nGIẤY MỜI\n")
    assert meta.co_quan_ban_hanh.ten == "SỞ NỘI VỤ"  # not the close "SỞ NGOẠI VỤ"
    assert meta.loai_van_ban == "Giấy mời"


def test_parent_body_and_body_in_one_line_are_cut_apart() -> None:
    """A DOCX header cell's paragraphs come joined: "UBND HUYỆN … PHÒNG …"."""
    meta = metadata_from_text(
        "UBND QUẬN HOÀN KIẾM PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 77/PGDĐT\nV/v kế hoạch thi\n"
        "Kính gửi: Các trường.\n"
    )
    assert (meta.co_quan_ban_hanh.cap_tren, meta.co_quan_ban_hanh.ten) == (
        "UBND QUẬN HOÀN KIẾM",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    )
    meta = metadata_from_text("ỦY BAN NHÂN DÂN HUYỆN NGA SƠN\nSố: 5/UBND-VP\nV/v họp\n")
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN HUYỆN NGA SƠN"


def test_recipient_whose_mark_the_ocr_lost_is_kept() -> None:
    meta = metadata_from_text(
        "UBND TỈNH BẮC NINH\nSố: 5/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc khen thưởng\nCăn cứ Luật;\n"
        "Nơi nhận:\n~ Như Điều 3;\nVăn phòng Chính phủ;\n- Bộ Tài chính;\n~Lưu: VT.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
    )
    assert meta.noi_nhan == ["Như Điều 3", "Văn phòng Chính phủ", "Bộ Tài chính", "Lưu: VT"]


def test_wrapped_header_names_and_a_wrapped_date_line() -> None:
    """Names wrapped in the narrow header column (a level's word, a place's last word), a
    date line's year on the next line, and the place's marks taken from the date line."""
    meta = metadata_from_text(
        "ỦY BAN NHÂN DÂN HUYỆN\nMƯỜNG CHÀ\nỦY BAN NHÂN DÂN THỊ\nTRẤN MƯỜNG KHANH\n"
        "Số: 2283/UBND-NC\nV/v tổ chức thực hiện công tác bảo\nđảm an toàn thực phẩm\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Mường Khánh, ngày 04 tháng 7 năm\n2023\nKính gửi: Sở Y tế.\n"
    )
    assert meta.co_quan_ban_hanh.cap_tren == "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG CHÀ"
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN THỊ TRẤN MƯỜNG KHÁNH"
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2023-07-04", "Mường Khánh")
    assert meta.trich_yeu == "V/v tổ chức thực hiện công tác bảo đảm an toàn thực phẩm"
    meta = metadata_from_text("ỦY BAN NHÂN DÂN TỈNH THANH\nHÓA\nSố: 5/KH-UBND\nKẾ HOẠCH\nVề x\n")
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN TỈNH THANH HÓA"


def test_title_ends_where_the_body_leaves_the_centre() -> None:
    """A notice's body follows its title with no rule and no "Căn cứ": its first line is
    indented (off the heading's centre), which ends the trích yếu."""
    rows = [
        ("ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC", (100, 100, 500, 130)),
        ("Số: 1785/TB-UBND", (180, 140, 420, 170)),
        ("THÔNG BÁO", (560, 336, 770, 372)),
        ("Kết luận của lãnh đạo về công tác", (400, 380, 930, 415)),
        ("cải cách hành chính", (520, 420, 810, 455)),
        ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp", (263, 470, 1122, 505)),
        ("thời phản ánh về Sở Nội vụ để tổng hợp, báo cáo.", (204, 510, 1121, 545)),
    ]
    lines = [SourceLine(text, 1, box, 0.9) for text, box in rows]
    meta = metadata_from_lines(lines)
    assert meta.loai_van_ban == "Thông báo"
    assert meta.trich_yeu == "Kết luận của lãnh đạo về công tác cải cách hành chính"


def test_docx_header_and_signature_in_one_row_tables(tmp_path: Path) -> None:
    """Word files lay the header and the signature block out as one-row, two-cell tables,
    each cell holding several paragraphs: each paragraph is a line of its block."""
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "UBND TỈNH BẠC LIÊU\nỦY BAN NHÂN DÂN HUYỆN VĨNH LỢI\nSố: 909/UBND-VP"
    header.cell(0, 0).add_paragraph("V/v tổ chức thực hiện công tác phòng, chống thiên tai")
    header.cell(0, 1).text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Vĩnh Lợi, ngày 07 tháng 11 năm 2023"
    )
    document.add_paragraph("Kính gửi: Sở Nội vụ")
    document.add_paragraph("Ủy ban nhân dân huyện đề nghị các đơn vị phối hợp thực hiện.")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, VX."
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nBùi Đức Chiến"
    path = tmp_path / "cong_van.docx"
    document.save(str(path))
    meta = convert_document(path, Settings(extract_tables=False)).metadata
    assert (meta.so_hieu, meta.loai_van_ban, meta.ngay_ban_hanh) == (
        "909/UBND-VP", "Công văn", "2023-11-07"
    )  # fmt: skip
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN HUYỆN VĨNH LỢI"
    assert meta.co_quan_ban_hanh.cap_tren == "UBND TỈNH BẠC LIÊU"
    assert meta.trich_yeu == "V/v tổ chức thực hiện công tác phòng, chống thiên tai"
    assert meta.nguoi_ky.tham_quyen == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("PHÓ CHỦ TỊCH", "Bùi Đức Chiến")
    assert meta.noi_nhan == ["Như trên", "Lưu: VT, VX"]


def test_signer_under_a_red_seal_is_read_again_without_it(tmp_path: Path) -> None:
    """A red seal pressed over the position and the name: Tesseract loses them under it; the
    page's OCR reads the seal's box again without the red (ocr/unread_ink), and where it still
    misses them the metadata reads the signature block again from the red channel (marked as
    read again)."""
    page = render_admin_page(LAYOUT_KINDS["quyet_dinh_chu_tich"], tmp_path / "seal.png", seal=True)
    meta = convert_document(page, Settings(extract_tables=False)).metadata
    assert (meta.nguoi_ky.chuc_vu, meta.nguoi_ky.ho_ten) == ("CHỦ TỊCH", "Lê Văn Dũng")
    sources = {s.field: s for s in meta.nguon}
    assert sources["nguoi_ky.ho_ten"].method in ("layout", "reread")
    assert sources["nguoi_ky.ho_ten"].page == 1 and sources["nguoi_ky.ho_ten"].bbox is not None
    assert meta.so_hieu == LAYOUT_KINDS["quyet_dinh_chu_tich"].number.removeprefix("Số: ")


def test_a_quarter_whose_slash_was_read_as_i_and_a_title_ending_in_it() -> None:
    meta = metadata_from_text(
        "BỘ Y TẾ\nSố: 12/BC-BYT\nBÁO CÁO\nKết quả thực hiện công tác y tế cơ sở Quý\n"
        "IIII2018\nThực hiện Kế hoạch số 5/KH-BYT, Bộ Y tế báo cáo như sau:\n"
    )
    assert meta.trich_yeu == "Kết quả thực hiện công tác y tế cơ sở Quý III/2018"


def test_specks_before_the_number_and_a_place_word_like_a_kind_of_body() -> None:
    meta = metadata_from_text(
        "__ UBNDTỈNH NGHỆAN\nỦY BAN NHÂN DÂN THỊ XÃ TRẢNG_\nBÀNG\n: Số: 1429/UBND-TCKT\n"
        "V/v kiện toàn công tác giảm nghèo\nKính gửi: Sở Y tế.\n"
    )
    assert meta.so_hieu == "1429/UBND-TCKT"
    assert meta.co_quan_ban_hanh.cap_tren == "UBND TỈNH NGHỆ AN"
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN NHÂN DÂN THỊ XÃ TRẢNG BÀNG"  # BÀNG is no BAN


def test_a_number_written_in_blue_over_the_code_is_read_without_the_pen(tmp_path: Path) -> None:
    """A clerk's blue pen fills the number's blank and strikes into the code ("Số: 1112
    BND-VP" read): the header's left block read again with the blue painted over gives the
    printed code; the number is left null and flagged, as for any handwritten number."""
    page = render_admin_page(
        LAYOUT_KINDS["so_viet_tay"], tmp_path / "pen.png", pen_colour=(35, 60, 175)
    )
    meta = convert_document(page, Settings(extract_tables=False)).metadata
    assert (meta.so_hieu, meta.ky_hieu, meta.so_viet_tay) == (None, "UBND-VP", True)
    assert meta.loai_van_ban == "Công văn"
    sources = {s.field: s for s in meta.nguon}
    assert sources["ky_hieu"].method == "reread" and sources["ky_hieu"].page == 1
