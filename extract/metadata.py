"""Stage 4: document metadata (number, type, date, issuer, title, signer, recipients, references).

Vietnamese administrative documents follow the layout of Nghị định 30/2020/NĐ-CP:

    ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM      <- issuer | national motto
    TỈNH BẮC NINH                 Độc lập - Tự do - Hạnh phúc
    Số: 49/KH-UBND             Bắc Ninh, ngày 28 tháng 8 năm 2025     <- number | place, date
                              KẾ HOẠCH                                 <- type
             Nâng cao năng suất và chất lượng ...                      <- title (trích yếu)
    ... body ...
    Nơi nhận:                               TM. ỦY BAN NHÂN DÂN       <- recipients | authority
    - ...;                                  KT. CHỦ TỊCH
                                            PHÓ CHỦ TỊCH               <- role
                                            Đào Quang Khải             <- signer

Text from OCR or from a text layer gives the two columns either one after the other or
interleaved on the same lines, with marks lost or misread; every step below matches
keywords on folded text with a tolerance and cuts interleaved lines apart.

Decisions (see also ``admin_vocab``):
- Issuer: consecutive header lines where the next begins with an administrative level
  ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH") are ONE name; a further line names a body under it
  ("UBND TỈNH BẮC NINH" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ"): the last name is ``ten``, the one
  above it ``cap_tren``. Names made only of known parts are spelled properly ("UY BAN NHAN
  DAN" -> "ỦY BAN NHÂN DÂN"); others are kept as written.
- Number: ``so_hieu`` is null when the number is blank (a draft's "Số: /KH-UBND"); the code
  is kept in ``ky_hieu`` either way. OCR-damaged type codes are fixed ("QD" -> "QĐ").
- Dates are ISO 8601; a blank day gives a month ("2025-08").
- A field not printed where the layout puts it but read elsewhere in the document (the type
  from the code, the issuer or date from an appendix's "(Kèm theo Kế hoạch số ... của UBND
  tỉnh Bắc Ninh)") is listed in ``suy_dien``.
"""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from sohoa.extract.admin_vocab import (
    AUTHORITY_PREFIXES,
    LEVELS,
    canonical_body,
    canonical_code,
    fold,
    match_province,
    match_role,
    match_type,
    similar,
    type_from_code,
)
from sohoa.extract.citations import date_of, find_citations, find_date, references_in
from sohoa.model import Document, Issuer, Metadata, Signer
from sohoa.normalize.unicode import nfc

MOTTO = ["cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc"]
HEADER_LINES = 15  # the header block never runs longer than this
# "Số: 49 /KH-UBND", "So:", OCR "S6:", "Sé :"; the number may be blank.
NUMBER_LINE_RE = regex.compile(
    r"^\s*S\S{0,2}?\s*[:;.]?\s*(?P<num>\d{1,5})?\s*/\s*"
    r"(?P<code>\p{Lu}[\p{L}&]{0,5}(?:\s?[-–—]\s?\p{Lu}[\p{L}&0-9]{0,9}){0,3})"
)
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": a prefix and at least two words in capitals
# (so that a filing mark such as "Lưu: VT, KT.TH." is not one).
AUTHORITY_RE = regex.compile(
    r"(?:^|(?<=[\s;:]))(?P<prefix>TM|KT|TL|TUQ|UQ|Q)\.\s*(?=\p{Lu}+\s+\p{Lu})"
)
RULE_RE = regex.compile(r"^[\s\-–—_=*.…~]{3,}$")
NAME_RE = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$")
ITEM_MARKS = "-+•~–—−"  # recipient list marks, with the ones OCR reads "-" as
BODY_STARTS = ["căn cứ", "thực hiện", "theo đề nghị", "xét đề nghị", "kính gửi", "điều 1"]
SECTION_RE = regex.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2})\s*[.)]\s+\S")


def extract_metadata(doc: Document) -> Document:
    """Fill ``doc.metadata`` from the document's text."""
    doc.metadata = metadata_from_text(doc.text())
    return doc


def metadata_from_text(text: str) -> Metadata:
    lines = [line.strip(" *\t") for line in nfc(text).splitlines()]
    lines = [line for line in lines if line]
    meta = Metadata()
    heading = _type_heading(lines)
    header_end = heading if heading is not None else _body_start(lines, 0, HEADER_LINES)
    header = _read_header(lines[:header_end], meta)
    if heading is not None:
        meta.loai_van_ban = match_type(lines[heading])
        title_end = _read_title(lines, heading + 1, meta)
        authority = _authority_line(lines, title_end)
        if authority is not None:
            title_end += 1
            meta.co_quan_ban_hanh.ten = meta.co_quan_ban_hanh.ten or authority
    elif header.get("vv"):
        meta.trich_yeu = header["vv"]
    elif header.get("untitled") and header_end < min(len(lines), HEADER_LINES):
        meta.trich_yeu = header["untitled"]  # a title right above the body
    if not meta.loai_van_ban and meta.ky_hieu:
        meta.loai_van_ban = type_from_code(meta.ky_hieu)
        if meta.loai_van_ban:
            meta.suy_dien.append("loai_van_ban")
    sign_start = _read_signature(lines, max(header_end, 1), meta)
    _read_recipients(lines, sign_start, meta)
    _from_own_citation(lines, meta)
    body = title_end if heading is not None else header_end
    meta.tham_chieu = references_in("\n".join(lines[body:]), meta.so_hieu)
    return meta


# --- header ---------------------------------------------------------------------------------


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _type_heading(lines: list[str]) -> int | None:
    """Index of the type heading ("KẾ HOẠCH", "QUYẾT ĐỊNH") near the top, if there is one."""
    for index, line in enumerate(lines[:25]):
        if not line.endswith(":") and _is_upper(line) and match_type(line):
            return index
    return None


def _starts_body(line: str) -> bool:
    words = fold(line).split()
    for phrase in BODY_STARTS:
        size = len(phrase.split())
        if similar(" ".join(words[:size]).strip(":,"), fold(phrase)) >= 80:
            return True
    return bool(SECTION_RE.match(line))


def _body_start(lines: list[str], start: int, limit: int) -> int:
    for index in range(start, min(len(lines), start + limit)):
        if _starts_body(lines[index]):
            return index
    return min(len(lines), start + limit)


def _strip_motto(line: str) -> str:
    """Cut the national motto out of a header line (it may share the line with the issuer)."""
    folded = fold(line)
    for motto in MOTTO:
        if len(folded) < 0.9 * len(motto):
            if similar(folded, motto) >= 75 or (
                len(folded) >= 8 and fuzz.partial_ratio(folded, motto) >= 90
            ):
                return ""
            continue
        found = fuzz.partial_ratio_alignment(motto, folded)
        if found.score >= 75:
            start = folded.rfind(" ", 0, found.dest_start + 1) + 1
            line = (line[:start] + " " + line[found.dest_end :]).strip()
            folded = fold(line)
    return line


def _read_header(lines: list[str], meta: Metadata) -> dict[str, str]:
    """Issuer, number, place and date from the header block; returns extras (the V/v line)."""
    body_lines: list[str] = []
    extras: dict[str, str] = {}
    seen_number = False
    for raw in lines:
        line = _strip_motto(raw)
        if not line or RULE_RE.match(line):
            continue
        number = NUMBER_LINE_RE.match(line)
        if number:
            seen_number = True
            meta.ky_hieu = canonical_code(number.group("code"))
            if number.group("num"):
                meta.so_hieu = f"{number.group('num')}/{meta.ky_hieu}"
            line = line[number.end() :].strip()
        if fold(line).startswith(("v/v", "v / v", "ve viec")):
            extras["vv"] = " ".join(line.split())
            continue
        if _read_place_date(line, meta):
            continue
        if line and not seen_number:
            body_lines.append(line)
    # Issuer names are printed in capitals; lower-case lines before the body are a title
    # whose type heading is missing (as when OCR dropped the header).
    _set_issuer([line for line in body_lines if _is_upper(line)], meta)
    untitled = [line for line in body_lines if not _is_upper(line)]
    if untitled and not seen_number and len(untitled) <= 4:
        extras["untitled"] = " ".join(" ".join(untitled).split())
    return extras


def _read_place_date(line: str, meta: Metadata) -> bool:
    folded = fold(line)
    date = find_date(folded)
    if date is None or meta.ngay_ban_hanh is not None:
        return False
    meta.ngay_ban_hanh = date_of(date)
    place = line[: date.start()].strip(" ,.;")
    if place and len(place.split()) <= 5:
        meta.dia_danh = match_province(place) or place
    return True


def _is_level_line(line: str) -> bool:
    words = fold(line).split()
    return any(
        similar(" ".join(words[: len(level.split())]), fold(level)) >= 85 for level in LEVELS
    )


def _set_issuer(lines: list[str], meta: Metadata) -> None:
    names: list[str] = []
    for line in lines:
        if names and (_is_level_line(line) or names[-1].rstrip().endswith(("VÀ", "và", "&"))):
            names[-1] = f"{names[-1]} {line}"
        else:
            names.append(line)
    names = [canonical_body(name) or " ".join(name.split()) for name in names]
    if names:
        meta.co_quan_ban_hanh = Issuer(
            ten=names[-1], cap_tren=names[-2] if len(names) > 1 else None
        )


def _read_title(lines: list[str], start: int, meta: Metadata) -> int:
    """Trích yếu: the lines under the type heading up to the rule line or the body."""
    parts: list[str] = []
    index = start
    while index < len(lines) and len(parts) < 6:
        line = lines[index]
        if RULE_RE.match(line) or _starts_body(line) or line.startswith("(") or _is_upper(line):
            break
        parts.append(line)
        index += 1
    if parts:
        meta.trich_yeu = " ".join(" ".join(parts).split())
    while index < len(lines) and RULE_RE.match(lines[index]):
        index += 1
    return index


def _authority_line(lines: list[str], start: int) -> str | None:
    """A decision names its issuing authority in capitals between the title and "Căn cứ"."""
    for line in lines[start : start + 3]:
        if _starts_body(line):
            return None
        if _is_upper(line) and not match_type(line):
            return canonical_body(line) or " ".join(line.split())
    return None


# --- signature and recipients ------------------------------------------------------------------


def _is_recipients_line(line: str) -> bool:
    head = fold(line).split(":")[0]
    return ":" in line and similar(" ".join(head.split()[:2]), "noi nhan") >= 75


def _ends_zone(line: str) -> bool:
    """An appendix or a second document starts: the signature block is over."""
    folded = fold(line)
    return (
        similar(" ".join(folded.split()[:2]), "phu luc") >= 85
        or bool(NUMBER_LINE_RE.match(line))
        or (_is_upper(line) and match_type(line) is not None)
    )


def _read_signature(lines: list[str], start: int, meta: Metadata) -> int:
    """Find the first signature block after the header; return where its zone starts."""
    anchor = next(
        (
            i
            for i in range(start, len(lines))
            if _is_recipients_line(lines[i]) or _authority_at(lines[i]) is not None
        ),
        None,
    )
    if anchor is None:
        return len(lines)
    zone_end = next(
        (i for i in range(anchor + 1, min(len(lines), anchor + 40)) if _ends_zone(lines[i])),
        min(len(lines), anchor + 40),
    )
    signer = Signer()
    last = anchor - 1
    for index in range(anchor, zone_end):
        line = lines[index]
        position = _authority_at(line)
        if position is not None:
            if signer.chuc_vu is None:
                signer.tham_quyen.append(_canonical_authority(line[position:]))
            last = index
            continue
        if signer.tham_quyen and signer.chuc_vu is None:
            role = match_role(line) or match_role(_trailing_caps(line))
            if role:
                signer.chuc_vu = role
                last = index
    if not signer.tham_quyen:
        for index in range(anchor, zone_end):  # a head signing in person: role, then name
            role = match_role(lines[index])
            if role:
                signer.chuc_vu, last = role, index
                break
    if signer.tham_quyen or signer.chuc_vu:
        for line in lines[last + 1 : zone_end]:
            if NAME_RE.match(line) and not match_role(line) and not canonical_body(line):
                signer.ho_ten = line
                break
        meta.nguoi_ky = signer
    return anchor


def _authority_at(line: str) -> int | None:
    found = AUTHORITY_RE.search(line)
    if found is None or f"{found.group('prefix').upper()}." not in AUTHORITY_PREFIXES:
        return None
    return found.start()


def _canonical_authority(text: str) -> str:
    """ "TM. UY BAN NHAN DAN" -> "TM. ỦY BAN NHÂN DÂN"; unknown bodies are kept as written."""
    prefix, _, rest = text.partition(".")
    rest = " ".join(rest.split())
    return f"{prefix.upper()}. {match_role(rest) or canonical_body(rest) or rest}"


def _trailing_caps(line: str) -> str:
    """The capitals ending a line: "- TT Tỉnh ủy (b/c); PHÓ CHỦ TỊCH" -> "PHÓ CHỦ TỊCH"."""
    words = line.split()
    tail: list[str] = []
    while words and words[-1].isalpha() and words[-1].isupper():
        tail.insert(0, words.pop())
    return " ".join(tail)


def _read_recipients(lines: list[str], start: int, meta: Metadata) -> None:
    index = next(
        (i for i in range(start, min(len(lines), start + 40)) if _is_recipients_line(lines[i])),
        None,
    )
    if index is None:
        return
    items: list[str] = []
    first = lines[index].split(":", 1)[1]
    for line in [first, *lines[index + 1 : index + 60]]:
        line = _without_signature(line)
        if not line:
            continue
        if line.startswith(tuple(ITEM_MARKS)):
            items.append(line.lstrip(ITEM_MARKS + " ").strip())
        elif items and not items[-1].endswith((";", ".")) and not _ends_zone(line):
            items[-1] = f"{items[-1]} {line}"
        elif items:
            break
        if items and fold(items[-1]).startswith("luu") and items[-1].endswith("."):
            break
    meta.noi_nhan = [item.rstrip(" ;.,") for item in items if item.rstrip(" ;.,")]


def _without_signature(line: str) -> str:
    """A recipients line with the signature column (interleaved by OCR) cut off."""
    position = _authority_at(line)
    if position is not None:
        line = line[:position]
    tail = _trailing_caps(line)
    if tail and match_role(tail):
        line = line[: len(line.rstrip()) - len(tail)]
    elif match_role(line) or (NAME_RE.match(line.strip()) and not line.startswith("-")):
        return ""
    return line.strip()


# --- the document's own citation -------------------------------------------------------------


def _from_own_citation(lines: list[str], meta: Metadata) -> None:
    """Fill gaps from an appendix's "(Kèm theo Kế hoạch số .../KH-UBND ngày ... của ...)".

    That line cites the document itself; a draft leaves the number blank there too.
    """
    if meta.co_quan_ban_hanh.ten and meta.ngay_ban_hanh and meta.so_hieu:
        return
    for line in lines:
        folded = fold(line)
        if not line.startswith("(") or fuzz.partial_ratio("kem theo", folded[:30]) < 80:
            continue
        for citation in find_citations(line):
            own = citation.so_hieu in (None, meta.so_hieu) and (
                meta.loai_van_ban in (None, citation.loai_van_ban)
            )
            if not own:
                continue
            if not meta.loai_van_ban and citation.loai_van_ban:
                meta.loai_van_ban = citation.loai_van_ban
                meta.suy_dien.append("loai_van_ban")
            if not meta.ngay_ban_hanh and citation.ngay_ban_hanh:
                meta.ngay_ban_hanh = citation.ngay_ban_hanh
                meta.suy_dien.append("ngay_ban_hanh")
            if not meta.co_quan_ban_hanh.ten and citation.co_quan_ban_hanh:
                meta.co_quan_ban_hanh.ten = _full_body_name(citation.co_quan_ban_hanh)
                meta.suy_dien.append("co_quan_ban_hanh")
            if not meta.ky_hieu:
                meta.ky_hieu = citation.code
            return


def _full_body_name(name: str) -> str:
    """ "UBND tỉnh Bắc Ninh" -> "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" (the header's spelling)."""
    spelled = canonical_body(name)
    if spelled is None:
        return name
    for short, full in (("UBND", "ỦY BAN NHÂN DÂN"), ("HĐND", "HỘI ĐỒNG NHÂN DÂN")):
        if spelled.startswith(short + " "):
            spelled = full + spelled[len(short) :]
    return spelled
