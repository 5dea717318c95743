"""The header's fields: the number line, the place and date line, a công văn's V/v."""

from __future__ import annotations

from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_header import number_line, read_header, read_number
from sohoa.model import Metadata


def header(lines: list[str]) -> tuple[Metadata, dict[str, str]]:
    meta = Metadata()
    extras = read_header(lines, [SourceLine(line) for line in lines], meta)
    return meta, extras


def test_printed_blank_and_handwritten_numbers() -> None:
    for line, so_hieu, ky_hieu, handwritten in [
        ("Số: 49/KH-UBND", "49/KH-UBND", "KH-UBND", False),
        ("Số:     /QĐ-UBND", None, "QĐ-UBND", False),
        ("S6: ./4../QĐ-KNCGTVPT", None, "QĐ-KNCGTVPT", True),
        ("Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP", "NĐ-CP", False),
    ]:
        found = number_line(line)
        assert found is not None, line
        meta = Metadata()
        read_number(found, SourceLine(line), meta)
        assert (meta.so_hieu, meta.ky_hieu, meta.so_viet_tay) == (so_hieu, ky_hieu, handwritten)
    assert number_line("Sở Tư pháp/Phòng Hành chính") is None


def test_interleaved_header_gives_issuer_number_place_date_and_subject() -> None:
    meta, extras = header(
        [
            "SỞ Y TẾ BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "BỆNH VIỆN ĐA KHOA TỈNH Độc lập - Tự do - Hạnh phúc",
            "Số: 6191/BVT-TCKT",
            "V/v Đăng tải thông tin lựa chọn Bắc Ninh, ngày 27 tháng 9 năm 2021",
            "Đơn vị thực hiện tổ chức đấu giá",
        ]
    )
    assert meta.so_hieu == "6191/BVT-TCKT"
    assert (meta.ngay_ban_hanh, meta.dia_danh) == ("2021-09-27", "Bắc Ninh")
    assert meta.co_quan_ban_hanh.ten == "BỆNH VIỆN ĐA KHOA TỈNH"
    assert meta.co_quan_ban_hanh.cap_tren == "SỞ Y TẾ BẮC NINH"
    assert extras["vv"] == "V/v Đăng tải thông tin lựa chọn Đơn vị thực hiện tổ chức đấu giá"


def test_date_line_wrapped_in_the_narrow_column_and_handwritten_day() -> None:
    meta, _ = header(["Quốc Khánh, ngày 15 tháng 11 năm", "2019"])
    assert meta.ngay_ban_hanh == "2019-11-15"
    meta, _ = header(["Ninh Kiều, ngày _2 /tháng øJ. năm 2018"])
    assert meta.ngay_ban_hanh == "2018" and meta.dia_danh == "Ninh Kiều"


def test_a_date_line_whose_thang_lost_its_t_beside_a_handwritten_day() -> None:
    meta, _ = header(["Ninh Kiều, ngày ~24Hháng ø{. năm 2018"])
    assert meta.ngay_ban_hanh == "2018" and meta.dia_danh == "Ninh Kiều"
    meta, _ = header(["Hà Nội, ngày 24 Hháng 01 năm 2018"])
    assert meta.ngay_ban_hanh == "2018-01-24"


def test_a_garbled_v_v_under_the_number_opens_the_subject_of_a_header_cut_in_columns() -> None:
    lines = [
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ", (160, 141, 542, 178)),
        ("PLEIKU", (309, 182, 396, 204)),
        ("ỦY BAN Ì35321£00i2tri ng) DIÊN", (141, 201, 564, 274)),  # a stamp over the name
        ("Số: 1052/UBND-VX", (246, 284, 464, 311)),
        ("VÑ triển khai công tác phòng cháy, chữa", (148, 311, 564, 342)),
        ("cháy", (334, 345, 382, 370)),
        ("pin trồng,", (641, 210, 762, 237)),  # the other column's place, cut off its line
    ]
    meta = Metadata()
    sources = [SourceLine(text, 1, box, layout=True) for text, box in lines]
    extras = read_header([text for text, _ in lines], sources, meta)
    assert extras["vv"] == "V/v triển khai công tác phòng cháy, chữa cháy"
    assert meta.co_quan_ban_hanh.cap_tren == "ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU"
    assert meta.co_quan_ban_hanh.ten == "ỦY BAN Ì35321£00i2tri ng) DIÊN"  # as read
    # without the columns' evidence (text lines) a "VÑ" line is not taken for "V/v"
    _, plain = header([text for text, _ in lines])
    assert "vv" not in plain
