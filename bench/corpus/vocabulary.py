"""The words the generated documents are made of: people's names, ministries and departments,
agencies, topics, the laws and documents a "Căn cứ" line cites, and the two held-out sources
(``data/sentences.txt``: running sentences; ``data/places.json``: provinces, districts and
communes). ``documents.py`` and ``appendices.py`` draw from them; ``archive.py`` too.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Trịnh", "Mai", "Lương"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Ngọc", "Xuân", "Hồng", "Thế",
          "Công", "Đình", "Kim", "Bá", "Quốc"]  # fmt: skip
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Hương", "Khải", "Lan", "Long",
         "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Yến", "Hạnh",
         "Thắng", "Lực", "Nghĩa", "Phúc", "Thủy", "Hoà", "Tùng", "Chiến"]  # fmt: skip

MINISTRIES = [  # name, code, minister's title
    ("BỘ TÀI CHÍNH", "BTC"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BGDĐT"),
    ("BỘ Y TẾ", "BYT"),
    ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "BNNPTNT"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "BKHCN"),
    ("BỘ NỘI VỤ", "BNV"),
    ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "BTNMT"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "BLĐTBXH"),
]
BODY_NAMES = {  # how the body text names a ministry or department
    "BỘ TÀI CHÍNH": "Bộ Tài chính", "BỘ GIÁO DỤC VÀ ĐÀO TẠO": "Bộ Giáo dục và Đào tạo",
    "BỘ Y TẾ": "Bộ Y tế", "BỘ NỘI VỤ": "Bộ Nội vụ",
    "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BỘ KHOA HỌC VÀ CÔNG NGHỆ": "Bộ Khoa học và Công nghệ",
    "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": "Bộ Tài nguyên và Môi trường",
    "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI": "Bộ Lao động - Thương binh và Xã hội",
    "SỞ TÀI CHÍNH": "Sở Tài chính", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ": "Sở Kế hoạch và Đầu tư",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO": "Sở Giáo dục và Đào tạo", "SỞ Y TẾ": "Sở Y tế",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG": "Sở Tài nguyên và Môi trường", "SỞ NỘI VỤ": "Sở Nội vụ",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ": "Sở Khoa học và Công nghệ",
    "SỞ GIAO THÔNG VẬN TẢI": "Sở Giao thông vận tải",
}  # fmt: skip
DEPARTMENTS = [
    ("SỞ TÀI CHÍNH", "STC"),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"),
    ("SỞ Y TẾ", "SYT"),
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT"),
    ("SỞ NỘI VỤ", "SNV"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN"),
    ("SỞ GIAO THÔNG VẬN TẢI", "SGTVT"),
]
TYPE_CODE = {"Quyết định": "QĐ", "Kế hoạch": "KH", "Báo cáo": "BC", "Thông báo": "TB",
             "Tờ trình": "TTr", "Nghị định": "NĐ"}  # fmt: skip
AGENCIES = ["Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nội vụ", "Sở Giáo dục và Đào tạo",
            "Sở Y tế", "Sở Tài nguyên và Môi trường", "Sở Xây dựng", "Sở Giao thông vận tải",
            "Công an tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Thông tin và Truyền thông",
            "Sở Lao động - Thương binh và Xã hội", "Ban Quản lý các khu công nghiệp",
            "Sở Văn hóa, Thể thao và Du lịch"]  # fmt: skip
TOPICS = ["chuyển đổi số", "cải cách hành chính", "phòng, chống thiên tai",
          "xây dựng nông thôn mới", "bảo vệ môi trường", "phát triển du lịch",
          "bảo đảm an toàn thực phẩm", "giảm nghèo bền vững", "phòng cháy, chữa cháy",
          "quản lý đất đai", "giáo dục nghề nghiệp", "y tế cơ sở", "công tác văn thư, lưu trữ",
          "phổ biến, giáo dục pháp luật", "quản lý chất thải rắn",
          "phát triển doanh nghiệp"]  # fmt: skip
ACTIONS = ["tăng cường", "triển khai", "nâng cao hiệu quả", "đẩy mạnh", "kiện toàn",
           "tổ chức thực hiện"]  # fmt: skip
CITED = [  # (type, code template, issuer) for "Căn cứ" lines; {n} number, {y} year
    ("Nghị định", "{n}/{y}/NĐ-CP", "của Chính phủ"),
    ("Quyết định", "{n}/QĐ-TTg", "của Thủ tướng Chính phủ"),
    ("Thông tư", "{n}/{y}/TT-BTC", "của Bộ Tài chính"),
    ("Thông tư", "{n}/{y}/TT-BGDĐT", "của Bộ Giáo dục và Đào tạo"),
    ("Nghị quyết", "{n}/NQ-HĐND", "của Hội đồng nhân dân tỉnh"),
    ("Kế hoạch", "{n}/KH-UBND", "của Ủy ban nhân dân tỉnh"),
    ("Chỉ thị", "{n}/CT-TTg", "của Thủ tướng Chính phủ"),
    ("Hướng dẫn", "{n}/HD-SGD&ĐT", "của Sở Giáo dục và Đào tạo"),
]
LAWS = ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015",
        "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015",
        "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015",
        "Luật Giáo dục ngày 14 tháng 6 năm 2019"]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@cache
def sentences() -> tuple[str, ...]:
    return tuple((DATA / "sentences.txt").read_text(encoding="utf-8").split("\n")[:-1])


@cache
def places() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads((DATA / "places.json").read_text(encoding="utf-8")))


def place_name(entry: dict[str, Any], kind: str) -> str:
    prefix = {"tinh": "TỈNH", "thanh-pho": "THÀNH PHỐ", "huyen": "HUYỆN", "quan": "QUẬN",
              "thi-xa": "THỊ XÃ", "xa": "XÃ", "phuong": "PHƯỜNG",
              "thi-tran": "THỊ TRẤN"}  # fmt: skip
    return f"{prefix.get(entry['type'], kind)} {entry['name'].upper()}"


def named_place(entry: dict[str, Any], kind: str) -> str:
    """ "tỉnh Bắc Ninh", "thành phố Hà Nội", "phường Trúc Bạch": as the body text names it."""
    words = place_name(entry, kind).split()
    prefix = " ".join(words[: len(words) - len(entry["name"].split())]).lower()
    return f"{prefix} {entry['name']}"
