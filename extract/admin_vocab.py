"""Closed vocabularies of Vietnamese administrative documents, and noise-tolerant matching.

Used by the metadata extractor to recognise the fixed parts of a document (its type, the
issuing body's kind, provinces, signer roles, keywords such as "Nơi nhận") in text that may
have lost its diacritics or been misread by OCR. Everything here is general to documents
laid out under Nghị định 30/2020/NĐ-CP; nothing is learned from particular documents.

Matching works on *folded* text: lower case, marks stripped, "đ" -> "d". Folding maps each
character to exactly one character, so offsets in folded text are offsets in the original.
"""

from __future__ import annotations

import unicodedata

import regex
from rapidfuzz import fuzz, process

from sohoa.extract.districts import match_district

# Document types with their codes (Nghị định 30/2020/NĐ-CP, Phụ lục III), plus the legal
# document types that references name (Luật, Nghị định, Thông tư, ...).
DOCUMENT_TYPES: dict[str, str | None] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "GN",
    "Bản thỏa thuận": "TTh",
    "Giấy ủy quyền": "UQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GT",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Kết luận": "KL",
    "Nghị định": "NĐ",
    "Thông tư": "TT",
    "Thông tư liên tịch": "TTLT",
    "Luật": None,
    "Bộ luật": None,
    "Pháp lệnh": None,
    "Hiến pháp": None,
    "Công văn": None,
}
TYPE_BY_CODE = {code: name for name, code in DOCUMENT_TYPES.items() if code}

# OCR and keyboard variants of the codes that contain "Đ" (the letter OCR loses most).
CODE_VARIANTS = {"QD": "QĐ", "QÐ": "QĐ", "QB": "QĐ", "Qb": "QĐ", "ND": "NĐ", "NÐ": "NĐ"}
# Letters that look like the Latin capitals of codes: Ð (U+00D0, Icelandic eth) for Đ, and
# Cyrillic and Greek capitals that fonts and OCR engines give for Latin ones.
LOOK_ALIKES = str.maketrans(
    {
        "Ð": "Đ", "ð": "đ", "Ɖ": "Đ",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh",
    "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ",
    "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng",
    "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
    "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
    "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Hồ Chí Minh", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]  # fmt: skip

# Kinds of issuing body and the administrative levels that follow them in a header.
BODY_KINDS = [
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND", "VĂN PHÒNG", "SỞ", "BỘ", "BAN",
    "CỤC", "CHI CỤC", "TỔNG CỤC", "TRUNG TÂM", "THANH TRA", "PHÒNG", "ĐOÀN ĐẠI BIỂU QUỐC HỘI",
    "BAN QUẢN LÝ", "BAN CHỈ ĐẠO", "HỘI ĐỒNG", "CHÍNH PHỦ", "QUỐC HỘI", "KHO BẠC NHÀ NƯỚC",
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "BỆNH VIỆN", "TRƯỜNG", "CÔNG AN", "VIỆN",
]  # fmt: skip
# What a body under a ministry or province deals with: "SỞ Y TẾ", "TỔNG CỤC THUẾ", "CỤC HẢI
# QUAN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" (the sectors of the state administration).
SECTORS = [
    "THUẾ", "HẢI QUAN", "Y TẾ", "TÀI CHÍNH", "NỘI VỤ", "TƯ PHÁP", "CÔNG THƯƠNG", "XÂY DỰNG",
    "GIÁO DỤC VÀ ĐÀO TẠO", "GIÁO DỤC", "KHOA HỌC VÀ CÔNG NGHỆ", "KẾ HOẠCH VÀ ĐẦU TƯ",
    "TÀI NGUYÊN VÀ MÔI TRƯỜNG", "GIAO THÔNG VẬN TẢI", "NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "VĂN HÓA, THỂ THAO VÀ DU LỊCH", "THÔNG TIN VÀ TRUYỀN THÔNG",
    "NGOẠI VỤ", "QUỐC PHÒNG", "NGOẠI GIAO", "THỐNG KÊ", "DÂN TỘC", "ĐA KHOA",
    # departments formed by the 2025 mergers (Nghị định 45/2025/NĐ-CP on provincial departments)
    "NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "DÂN TỘC VÀ TÔN GIÁO",
]  # fmt: skip
LEVELS = ["THÀNH PHỐ", "TỈNH", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN", "XÃ", "PHƯỜNG"]

# Signer roles, longest first so that "PHÓ CHỦ TỊCH" wins over "CHỦ TỊCH".
ROLES = sorted(
    [
        "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC",
        "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
        "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG",
        "PHÓ THỦ TƯỚNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "CHI CỤC TRƯỞNG", "CHÁNH THANH TRA",
        "PHÓ CHÁNH THANH TRA", "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "BÍ THƯ", "PHÓ BÍ THƯ",
        "TRƯỞNG ĐOÀN", "THỦ TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "TỔNG CỤC TRƯỞNG",
        "PHÓ TỔNG CỤC TRƯỞNG", "CHÁNH ÁN", "PHÓ CHÁNH ÁN", "PHÓ VIỆN TRƯỞNG", "PHÓ HIỆU TRƯỞNG",
        "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "TỔNG THƯ KÝ", "PHÓ CHI CỤC TRƯỞNG", "TỔNG KIỂM TOÁN",
        "PHÓ TỔNG KIỂM TOÁN", "TRƯỞNG KHOA", "ĐỘI TRƯỞNG", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC",
        "PHÓ THỦ TRƯỞNG", "GIÁM ĐỐC SỞ", "KHOA TRƯỞNG",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
AUTHORITY_PREFIXES = ["TM.", "KT.", "TL.", "TUQ.", "Q.", "UQ."]  # and the party's T/M, K/T, T/L

# What a reference's relation to this document is called, as the text states it.
RELATIONS = [
    "căn cứ", "thực hiện", "thay thế", "kèm theo", "bãi bỏ", "sửa đổi", "bổ sung",
    "theo đề nghị",
]  # fmt: skip

_FOLD_EXTRA = {"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "ı": "i"}


def fold_char(char: str) -> str:
    if char in _FOLD_EXTRA:
        return _FOLD_EXTRA[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower()[:1] or char


def fold(text: str) -> str:
    """Lower case without marks, one character for one: offsets stay valid.

    Expects NFC text (``normalize.unicode.nfc``); combining marks left over are kept.
    """
    return "".join(fold_char(c) for c in text)


def similar(a: str, b: str) -> float:
    """0..100 similarity of two folded strings (edit-distance based)."""
    return fuzz.ratio(a, b)


def best_match(folded: str, choices: list[str], cutoff: float) -> str | None:
    """The choice whose folded form is closest to ``folded``, if it is close enough."""
    folded_choices = [fold(c) for c in choices]
    found = process.extractOne(folded, folded_choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return choices[found[2]] if found else None


def match_province(text: str, cutoff: float = 80) -> str | None:
    return best_match(fold(text).strip(" ,.;:"), PROVINCES, cutoff)


def match_type(text: str, cutoff: float = 85) -> str | None:
    """The document type a short text (a heading, the words before "số") names."""
    folded = " ".join(fold(text).replace(":", " ").split())
    if not folded or len(folded) > 24:
        return None
    return best_match(folded, list(DOCUMENT_TYPES), cutoff)


def match_role(text: str) -> str | None:
    """The signer role a line names ("PHO CHU TICH" -> "PHÓ CHỦ TỊCH"); a role with its
    unit ("VỤ TRƯỞNG VỤ PHÁP CHẾ", "CHÁNH VĂN PHÒNG UBND TỈNH") is kept as printed."""
    folded = " ".join(fold(text).split())
    if 4 <= len(folded) <= 24:
        found = best_match(folded, ROLES, 85)
        if found:
            return found
    if len(folded) <= 60 and is_upper(text):
        for role in ROLES:  # longest first
            if folded.startswith(fold(role) + " ") and len(folded) > len(role) + 3:
                return " ".join(text.split())
    return None


# Letters OCR confuses in the capitals of a code ("TIr" for "TTr", "0Đ" for "QĐ")
CODE_CONFUSIONS = {"I": "TL1", "T": "I", "l": "I", "1": "I", "0": "OQ", "O": "Q"}
# The issuer part that opens most công văn codes ("UBND-VP", "HĐND-TH"): a letter of it
# under a pen stroke or a stamp's edge comes out as any other ("LBND").
ISSUER_CODES = ("UBND", "HĐND")


def canonical_code(code: str) -> str:
    """Normalise a document code: look-alike letters made Latin/Vietnamese, plain hyphens,
    no spaces, OCR-damaged type codes fixed ("QD" -> "QĐ"; "TIr", one confusable letter
    from the type code "TTr" and no code itself, -> "TTr"), and an issuer code with one
    letter lost under ink ("LBND" -> "UBND")."""
    code = code.translate(LOOK_ALIKES)
    parts = [p for p in code.replace("—", "-").replace("–", "-").replace(" ", "").split("-") if p]
    if parts:
        parts[0] = CODE_VARIANTS.get(parts[0], parts[0])
        parts[0] = _type_code_misread(parts[0]) or _issuer_code_misread(parts[0]) or parts[0]
    return "-".join(parts)


def _type_code_misread(part: str) -> str | None:
    """The type code (Phụ lục III) ``part`` is with one OCR-confused letter, if it is no code."""
    if part in TYPE_BY_CODE or len(part) < 2:
        return None
    found = set()
    for k, letter in enumerate(part):
        for other in CODE_CONFUSIONS.get(letter, ""):
            candidate = part[:k] + other + part[k + 1 :]
            if candidate in TYPE_BY_CODE:
                found.add(candidate)
    return found.pop() if len(found) == 1 else None


def _issuer_code_misread(part: str) -> str | None:
    """The issuer code (``ISSUER_CODES``) ``part`` is with one letter misread, if it is no
    type code: "LBND" -> "UBND"."""
    if part in TYPE_BY_CODE or part in ISSUER_CODES:
        return None
    near = [
        code
        for code in ISSUER_CODES
        if len(code) == len(part) and sum(a != b for a, b in zip(code, part, strict=True)) == 1
    ]
    return near[0] if len(near) == 1 else None


def body_from_code(code: str) -> str | None:
    """The issuer a document code names, where its issuer part is the initials of a
    department or a ministry ("TB-BKHCN" -> "BỘ KHOA HỌC VÀ CÔNG NGHỆ", "KH-SKHĐT" -> "SỞ KẾ
    HOẠCH VÀ ĐẦU TƯ": Nghị định 30/2020, Phụ lục III); a body whose name needs its place
    (UBND, a hospital) is never named from a code."""
    parts = code.split("-")
    issuer = parts[1] if len(parts) > 1 and parts[0] in TYPE_BY_CODE else parts[0]
    found = {
        f"{kind} {sector}"
        for kind in ("SỞ", "BỘ")
        for sector in SECTORS
        if _initials(f"{kind} {sector}") == issuer
    }
    return found.pop() if len(found) == 1 else None


def _initials(name: str) -> str:
    words = [w for w in regex.split(r"[\s,\-]+", name) if w and w != "VÀ"]
    return "".join(unicodedata.normalize("NFD", w)[0] if w[0] != "Đ" else "Đ" for w in words)


def type_from_code(code: str | None) -> str | None:
    """ "KH-UBND" -> "Kế hoạch"; a code with no type part ("UBND-KT") is a Công văn."""
    if not code:
        return None
    first = code.split("-")[0]
    if first in TYPE_BY_CODE:
        return TYPE_BY_CODE[first]
    if first in ("UBND", "HĐND", "VP", "SKHCN") or first.startswith("S"):
        return "Công văn"
    return None


def _key(text: str) -> str:
    """Folded words of a name, commas and hyphens dropped: "Lao động - Thương binh" ->
    "lao dong thuong binh"."""
    return " ".join(fold(text).replace(".", " ").replace(",", " ").replace("-", " ").split())


def canonical_body(text: str) -> str | None:
    """Spell a header body name properly when every part of it is recognised.

    "UY BAN NHAN DAN TINH BAC NINH" -> "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "TONG CUC THUE" ->
    "TỔNG CỤC THUẾ", "SỞ Y TẾ BẮC NINH" (a province right after the body); anything with
    an unrecognised part returns None (the caller keeps the text as written).
    """
    words = _key(text).split()
    phrases = sorted(BODY_KINDS + LEVELS + SECTORS, key=lambda p: len(_key(p)), reverse=True)
    out: list[str] = []
    i = 0
    while i < len(words):
        if out and out[-1] not in LEVELS:
            province = match_province(" ".join(words[i:]), 90)
            if province is not None:
                return " ".join([*out, province.upper()])
        scored = []
        for phrase in phrases:  # the closest phrase here (NỘI VỤ is not NGOẠI VỤ), then longest
            key = _key(phrase).split()
            first_word = similar(words[i], key[0]) >= 75  # no sliding into the next phrase
            # a long name may have lost its "VÀ" to OCR ("NÔNG NGHIỆP PHÁT TRIỂN NÔNG THÔN")
            sizes = (len(key), len(key) - 1) if "va" in key[1:-1] else (len(key),)
            for size in sizes:
                score = similar(" ".join(words[i : i + size]), " ".join(key))
                if i + size <= len(words) and first_word and score >= 85:
                    scored.append((score, size, phrase))
        if not scored:
            return None
        _, size, phrase = max(scored)
        out.append(phrase)
        i += size
        if out[0] not in BODY_KINDS:
            return None  # "HẢI QUAN" alone is a subject (a law's title), not a body
        if phrase in LEVELS:
            # a province after TỈNH / THÀNH PHỐ, a district after HUYỆN / QUẬN / THỊ XÃ /
            # THÀNH PHỐ (marks and spaces repaired: ``districts``); a commune's name is not
            # in the list, and is kept as written (None). After TỈNH only a province can
            # come, so a closer OCR damage is allowed ("TỈNH BẮC 7 NNH")
            rest = " ".join(words[i:])
            province = match_province(rest, 80 if phrase == "TỈNH" else 88) if rest else None
            place = province.upper() if province else match_district(phrase, rest)
            return " ".join([*out, place]) if place else None
    return " ".join(out) if out else None


def canonical_body_unspaced(text: str) -> str | None:
    """A header name whose spaces OCR lost ("UBNDTỈNHLAICHÂU", "UBNDTỈNH NGHỆAN"), spelled
    when it is a kind of body, a level and a province: "UBND TỈNH LAI CHÂU"."""
    letters = "".join(fold(text).split()).replace("-", "")
    phrases = sorted(BODY_KINDS + LEVELS, key=lambda p: len(_key(p)), reverse=True)
    out: list[str] = []
    at = 0
    while not out or out[-1] not in LEVELS:
        found = next((p for p in phrases if letters.startswith(_key(p).replace(" ", ""), at)), None)
        if found is None:
            return None
        out.append(found)
        at += len(_key(found).replace(" ", ""))
    if out[0] not in BODY_KINDS:
        return None
    rest = letters[at:]
    province = next((p for p in PROVINCES if _key(p).replace(" ", "") == rest), None)
    return " ".join([*out, province.upper()]) if province else None


def spell_known_head(text: str) -> str:
    """A name whose place is not in the vocabulary, with its head -- the kind of body, its
    sector, its level -- spelled from the vocabulary where only the marks differ or OCR lost
    the space before the level: "ỦY BAN NHÂN DÂN PHƯƠNG 3" -> "ỦY BAN NHÂN DÂN PHƯỜNG 3",
    "CỤC THUÊ TP.HCM" -> "CỤC THUẾ TP.HCM", "BỆNH VIỆN ĐA KHOATỈNH" -> "BỆNH VIỆN ĐA KHOA
    TỈNH"; the rest is kept as written."""
    words = [part for word in text.split() for part in _level_glued(word)]
    head: list[str] = []
    used = 0  # words of ``text`` spelled so far
    for vocabulary in (BODY_KINDS, SECTORS, LEVELS):
        for phrase in sorted(vocabulary, key=len, reverse=True):
            size = len(phrase.split())
            rest = words[used:]
            if len(rest) >= size and _key(" ".join(rest[:size])) == _key(phrase):
                head.append(phrase)
                used += size
                break
        else:
            if not head:
                return text  # no kind of body: nothing to spell
    return " ".join([*head, *words[used:]])


def _level_glued(word: str) -> list[str]:
    """ "KHOATỈNH" -> ["KHOA", "TỈNH"]: a level glued to the last word of a known phrase."""
    folded = fold(word)
    ends = {_key(p).split()[-1] for p in BODY_KINDS + SECTORS}
    for level in ("TỈNH", "HUYỆN", "QUẬN", "PHƯỜNG", "XÃ"):
        cut = len(word) - len(level)
        if folded.endswith(_key(level)) and folded[:cut] in ends:
            return [word[:cut], word[cut:]]
    return [word]


# --- what a line of a document is ----------------------------------------------------------

BODY_STARTS = ["căn cứ", "thực hiện", "theo đề nghị", "xét đề nghị", "kính gửi", "điều 1"]
SECTION_RE = regex.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2})\s*[.)]\s+\S")


def is_upper(line: str) -> bool:
    """Mostly capitals: a heading, a body's name, a role."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def starts_body(line: str) -> bool:
    """The line opens the body: "Căn cứ", "Kính gửi", "Điều 1.", "I.", "1." ..."""
    words = fold(line).split()
    for phrase in BODY_STARTS:
        size = len(phrase.split())
        if similar(" ".join(words[:size]).strip(":,"), fold(phrase)) >= 80:
            return True
    return bool(SECTION_RE.match(line))


def is_type_heading(line: str) -> str | None:
    """The document type a heading line names ("QUYẾT ĐỊNH"), if the line is one.

    Up to two short specks before it (a stamp's or pen mark's OCR, "AM 4 QUYẾT ĐỊNH") are
    passed over.
    """
    if line.rstrip().endswith(":") or not is_upper(line):
        return None
    words = line.split()
    for skip in range(3):
        if skip and (len(words) <= skip or len(words[skip - 1]) > 2):
            break
        found = match_type(" ".join(words[skip:]))
        if found:
            return found
    return None
