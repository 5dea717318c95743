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
    BODY_KINDS,
    LEVELS,
    ROLES,
    canonical_body,
    canonical_body_unspaced,
    canonical_code,
    fold,
    is_type_heading,
    is_upper,
    match_province,
    match_role,
    match_type,
    similar,
    spell_known_head,
    starts_body,
    type_from_code,
)
from sohoa.extract.citations import date_of, find_citations, find_date, iso_date, references_in
from sohoa.extract.ink_reread import InkReading, header_lines, signature_lines
from sohoa.extract.layout_lines import SourceLine, lines_for_metadata
from sohoa.extract.person_names import repair_name
from sohoa.model import Document, FieldSource, Issuer, Metadata, Signer
from sohoa.normalize.unicode import nfc

MOTTO = ["cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc"]
HEADER_LINES = 15  # the header block never runs longer than this
TITLE_CHARS = 400  # a trích yếu longer than this has run into the body
# "Số: 49 /KH-UBND", "So:", OCR "S6:", "Sé :", "Luật số: 54/2014/QH13", "Số: 30/2020/NĐ-CP";
# the number may be blank ("Số:     /KH-UBND", "Số: ..../QĐ") or handwritten (OCR garbage).
NUMBER_LINE_RE = regex.compile(
    r"^\s*(?:(?P<kind>\p{L}+(?:\s\p{L}+){0,2})\s+)?"
    r"(?:[Ss]\S{0,2}?\s*[:;.]|[Ss][^\s\d/:]{1,2}(?=\s))\s*"
    r"(?P<fill>.{0,12}?)\s*(?:/\s*(?P<year>(?:19|20)\d\d)\s*)?/\s*[^\p{L}\d\s/]?"
    r"(?P<code>\p{Lu}[\p{L}&0-9]{0,6}(?:\s?[-–—]\s?\p{Lu}[\p{L}&0-9]{0,9}){0,3})"
)
NUMBER_WORD_RE = regex.compile(r"^\s*S\S{0,2}\s*[:;]")  # "Số:" of a number line OCR broke
PARTY_NUMBER_RE = regex.compile(r"^\d{1,5}-\p{Lu}{1,5}$")
BLANK_FILL_RE = regex.compile(r"^[\s.…_\-–—,:]*$")
# The header's date line, on folded text: "ngày 05 tháng 3 năm 2020", "ngày   tháng   năm 2011",
# "ngày _2 /tháng øJ. năm 2018" (handwritten day and month); "năm 201 1" (a split year).
HEADER_DATE_RE = regex.compile(
    r"(?:^|(?<=[\s,.]))ng\w{0,3}(?P<d>[^\p{L}]{0,8}|.{0,6}?)\s*th\w{1,4}"
    r"(?P<m>[^\p{L}]{0,8}|.{0,6}?)\s*n\w{1,3}\W{0,3}(?P<y>(?:19|20)\d\s?\d)\b"
)
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": a prefix and at least two words in capitals
# (so that a filing mark such as "Lưu: VT, KT.TH." is not one).
AUTHORITY_RE = regex.compile(
    r"(?:^|(?<=[\s;:]))(?:(?P<prefix>TM|KT|TL|TUQ|UQ|Q)\s?[.:,]|(?P<party>T/M|K/T|T/L)\.?)"
    r"\s*(?=\p{Lu}+\s+\p{Lu})"
)
RULE_RE = regex.compile(r"^[\s\-–—_=*.…~]{3,}$")
NAME_RE = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$")
SIGNED_MARKS = ["đã ký", "ký", "ký tên", "ký, ghi rõ họ tên", "đã ký và đóng dấu", "signed"]
SPECKS = " :;,.'\"“”‘’`^ˆ*~_|"  # OCR specks before a name (a stamp's edge, a pen mark)
ITEM_MARKS = "-+•~–—−"  # recipient list marks, with the ones OCR reads "-" as
# "Quý II2025" for "Quý I/2025": OCR reads the thin slash between a quarter (I-IV) and its
# year as one more "I" (or "l", "1", "|"); a quarter has at most three I's
QUARTER_RE = regex.compile(
    r"(?P<quy>\b[Qq]u[ýy]\s+)(?P<quarter>I{1,3}|IV)[Il1|](?P<year>(?:19|20)\d\d)\b"
)
# "đóng *dấu” trên": an opening quote OCR read as "*", before a word its closing quote ends
OPENING_QUOTE_RE = regex.compile(r"(?<!\S)\*(?=[\p{L}\p{N}][^\s“”*]*(?:\s[^\s“”*]+){0,5}”)")
# "lựa chọn `", "du lịch ˆ": OCR specks at a line's end
SPECK_RE = regex.compile(r"(?:\s+(?:[^\p{L}\p{N}\s.)”\"]|\p{Lm}){1,3})+$")


def extract_metadata(doc: Document, ink_reader: InkReading | None = None) -> Document:
    """Fill ``doc.metadata`` from the document's lines (cut along the page's blocks); with
    ``ink_reader`` (``pipeline.py`` hands it over), a signer lost under a red seal or a
    number under a blue pen is looked for again with that ink taken out."""
    lines = lines_for_metadata(doc)
    doc.metadata = metadata_from_lines(lines)
    if ink_reader is not None and doc.metadata.nguoi_ky.ho_ten is None:
        _signer_under_the_seal(doc, lines, ink_reader)
    if ink_reader is not None and doc.metadata.ky_hieu is None:
        _number_under_the_pen(doc, ink_reader)
    return doc


def _number_under_the_pen(doc: Document, reader: InkReading) -> None:
    """No "Số: …/…" line was read: read the header's left block again without blue ink
    (``ink_reread``); a number line found there gives the printed code, and the number the
    pen wrote over it is left null and flagged (the README's form for handwritten numbers)."""
    for source in header_lines(doc, reader):
        number = _number_line(nfc(source.text).strip(" *\t").lstrip(SPECKS))
        if number is None:
            continue
        found = Metadata()
        _read_number(number, source, found)
        meta = doc.metadata
        meta.so_hieu, meta.ky_hieu = found.so_hieu, found.ky_hieu
        meta.so_viet_tay = found.so_hieu is None  # blue ink lay over the number's blank
        if meta.so_viet_tay and not any(item.field == "so_hieu" for item in found.nguon):
            _note(found, "so_hieu", source, 0.5)
        for item in found.nguon:
            item.method = "reread"
            item.confidence = round(0.9 * item.confidence, 3)
            meta.nguon.append(item)
        if meta.loai_van_ban is None and meta.ky_hieu:
            meta.loai_van_ban = type_from_code(meta.ky_hieu)
            if meta.loai_van_ban:
                meta.suy_dien.append("loai_van_ban")
                meta.nguon.append(FieldSource("loai_van_ban", 0.6, method="code"))
        return


def _signer_under_the_seal(
    doc: Document, lines: list[SourceLine], reader: InkReading
) -> None:
    """Read the signature block again without its red ink (``ink_reread``), from the
    recipients line of the first signature zone down, and take the signer found there."""
    anchor = next(
        (s for s in lines if s.bbox and _is_recipients_line(nfc(s.text).strip(" *\t"))), None
    )
    if anchor is None:
        return
    again = [s for s in signature_lines(doc, anchor, reader) if nfc(s.text).strip(" *\t")]
    found = Metadata()
    texts = [nfc(s.text).strip(" *\t") for s in again]
    _read_signature(texts, again, 0, found)
    if found.nguoi_ky.ho_ten is None and (
        found.nguoi_ky.chuc_vu is None or doc.metadata.nguoi_ky.chuc_vu is not None
    ):
        return  # nothing more than the first reading had
    doc.metadata.nguoi_ky = found.nguoi_ky
    doc.metadata.nguon = [s for s in doc.metadata.nguon if not s.field.startswith("nguoi_ky.")]
    for source in found.nguon:
        source.method = "reread"
        source.confidence = round(0.9 * source.confidence, 3)
        doc.metadata.nguon.append(source)


def metadata_from_text(text: str) -> Metadata:
    """Metadata of text without layout (TXT, DOCX): one line a line, tabs (columns, as
    "ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA …") cutting a line in two."""
    return metadata_from_lines(
        [SourceLine(part) for line in nfc(text).splitlines() for part in line.split("\t")]
    )


def metadata_from_lines(source_lines: list[SourceLine]) -> Metadata:
    sources = [s for s in source_lines if nfc(s.text).strip(" *\t")]
    lines = [nfc(s.text).strip(" *\t") for s in sources]
    meta = Metadata()
    heading = _type_heading(lines)
    header_end = heading if heading is not None else _body_start(lines, 0, HEADER_LINES)
    header = _read_header(lines[:header_end], sources, meta)
    _mark_place_as_dated(meta)
    if heading is not None:
        meta.loai_van_ban = is_type_heading(lines[heading])
        _note(meta, "loai_van_ban", sources[heading], 1.0)
        title_end = _read_title(lines, sources, heading + 1, meta)
        authority = _authority_line(lines, title_end)
        if authority is not None:
            title_end += 1
            if not meta.co_quan_ban_hanh.ten and not _names_a_role(authority):
                meta.co_quan_ban_hanh.ten = authority
                _note(meta, "co_quan_ban_hanh.ten", sources[title_end - 1], 0.8)
    elif header.get("vv"):
        meta.trich_yeu = header["vv"]
        meta.loai_van_ban = "Công văn"  # a công văn prints no type name: its "V/v" line says so
        meta.suy_dien.append("loai_van_ban")
        _note(meta, "loai_van_ban", sources[int(header["vv_line"])], 0.9, "text")
    elif header.get("untitled") and header_end < min(len(lines), HEADER_LINES):
        meta.trich_yeu = header["untitled"]  # a title right above the body
    if not meta.loai_van_ban and header.get("kind"):
        meta.loai_van_ban = header["kind"]  # "Luật số: 54/2014/QH13"
    if not meta.loai_van_ban and meta.ky_hieu:
        meta.loai_van_ban = type_from_code(meta.ky_hieu)
        if meta.loai_van_ban:
            meta.suy_dien.append("loai_van_ban")
            meta.nguon.append(FieldSource("loai_van_ban", 0.7, method="code"))
    sign_start = _read_signature(lines, sources, max(header_end, 1), meta)
    _read_recipients(lines, sign_start, meta)
    _from_own_citation(lines, meta)
    if meta.loai_van_ban is None and heading is None and meta.noi_nhan:
        _untitled_is_cong_van(meta)
    body = title_end if heading is not None else header_end
    meta.tham_chieu = references_in("\n".join(lines[body:]), meta.so_hieu)
    return meta


def _untitled_is_cong_van(meta: Metadata) -> None:
    """A document with a recipients list but no type name anywhere (no heading, no "V/v",
    no code giving one) is a công văn: Nghị định 30/2020 prints every other type's name,
    and OCR that garbled the header still leaves the closing to say it is a letter."""
    meta.loai_van_ban = "Công văn"
    meta.suy_dien.append("loai_van_ban")
    meta.nguon.append(FieldSource("loai_van_ban", 0.5, method="layout"))


def _note(
    meta: Metadata, name: str, source: SourceLine, certainty: float, method: str | None = None
) -> None:
    """Record where a field was read: its line's page and box, and how sure we are (0..1)."""
    meta.nguon = [s for s in meta.nguon if s.field != name]
    method = method or ("layout" if source.layout else "line" if source.bbox else "text")
    confidence = round(max(0.0, min(1.0, certainty * source.confidence)), 3)
    meta.nguon.append(FieldSource(name, confidence, source.page, source.bbox, method))


# --- header ---------------------------------------------------------------------------------


def _type_heading(lines: list[str]) -> int | None:
    """Index of the type heading ("KẾ HOẠCH", "QUYẾT ĐỊNH") near the top, before the body."""
    for index, line in enumerate(lines[:25]):
        if starts_body(line) and index >= 3:
            return None  # a heading under the preamble ("QUYẾT ĐỊNH:") is not the title's
        if is_type_heading(line):
            return index
    return None


def _body_start(lines: list[str], start: int, limit: int) -> int:
    for index in range(start, min(len(lines), start + limit)):
        if starts_body(lines[index]):
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


def _number_line(line: str) -> regex.Match | None:
    """The "Số: …/…" line, if this is one (its fill is a number, blank, or handwriting)."""
    found = NUMBER_LINE_RE.match(line)
    if found is None:
        return None
    if found.group("kind") and not match_type(found.group("kind")):
        return None  # "Sở Tư pháp/..." or a sentence, not "Luật số:"
    if regex.search(r"\p{L}{3}", found.group("fill")):
        return None
    return found


def _read_number(found: regex.Match, source: SourceLine, meta: Metadata) -> None:
    meta.ky_hieu = canonical_code(found.group("code"))
    fill = found.group("fill").replace(" ", "").rstrip(".")
    year = f"{found.group('year')}/" if found.group("year") else ""
    if fill.isdigit() and len(fill) <= 5:
        meta.so_hieu = f"{int(fill)}/{year}{meta.ky_hieu}"
        _note(meta, "so_hieu", source, 1.0)
    elif PARTY_NUMBER_RE.match(fill):  # "Số 38-CT/TW": the party's style
        meta.ky_hieu = f"{fill.split('-', 1)[1]}/{meta.ky_hieu}"
        meta.so_hieu = f"{fill}/{found.group('code')}"
        _note(meta, "so_hieu", source, 1.0)
    elif not BLANK_FILL_RE.match(fill):
        meta.so_viet_tay = True  # something written in the number space that is no number
        _note(meta, "so_hieu", source, 0.5)
    _note(meta, "ky_hieu", source, 1.0)


def _read_header(lines: list[str], sources: list[SourceLine], meta: Metadata) -> dict[str, str]:
    """Issuer, number, place and date from the header block; returns extras (the V/v line)."""
    body_lines: list[tuple[str, int]] = []
    extras: dict[str, str] = {}
    seen_number = False
    subject: list[str] | None = None  # the V/v lines of a công văn
    wrapped: set[int] = set()  # a date line's end wrapped onto the next line
    right_block = False  # past the quốc hiệu of a header cut along its blocks: no names there
    motto_wrapped = False  # "… CHỦ NGHĨA VIỆT" ended a line: its "NAM" opens the next
    for index, raw in enumerate(lines):
        line = _strip_motto(raw)
        if motto_wrapped and not sources[index].layout:
            line = regex.sub(r"(?:^|\s)NAM(?=\s|$)", " ", line).strip()
        motto_wrapped = fold(raw).rstrip(" .,:;").endswith("chu nghia viet")
        if line != raw.strip() and sources[index].layout:
            right_block = True
        if not line or RULE_RE.match(line) or index in wrapped:
            continue
        number = _number_line(line.lstrip(SPECKS))  # ": Số: 1429/…": a speck before it
        if number:
            line = line.lstrip(SPECKS)
            seen_number = True
            _read_number(number, sources[index], meta)
            if number.group("kind"):
                extras["kind"] = str(match_type(number.group("kind")))
            line = line[number.end() :].strip(" .,;")
        if fold(line).startswith(("v/v", "v / v", "ve viec", "v/y", "v/")) and subject is None:
            line, place_date = _split_date_off(line)  # "V/v … Bắc Giang, ngày 14 tháng 6 …"
            if place_date:
                _read_place_date(place_date, sources[index], meta)
            subject = [line]
            extras["vv_line"] = str(index)
            continue
        if _read_place_date(line, sources[index], meta):
            continue
        # "Quốc Khánh, ngày 15 tháng 11 năm" / "2019": a date line wrapped in a narrow column
        wraps = index + 1 < len(lines) and "ngay" in fold(line) and not meta.ngay_ban_hanh
        if wraps and _read_place_date(f"{line} {lines[index + 1]}", sources[index], meta):
            wrapped.add(index + 1)
            continue
        if subject is not None and line and not is_upper(line) and len(subject) < 5:
            if regex.search(r"[\p{L}\p{N}]", line):
                subject.append(line)  # a subject runs over several lines under "Số"
            continue
        if line and not seen_number and not right_block:
            body_lines.append((line, index))
    if subject:
        extras["vv"] = _clean_title(" ".join(subject))
    # Issuer names are printed in capitals; lower-case lines before the body are a title
    # whose type heading is missing (as when OCR dropped the header).
    names = [
        (line, i)
        for line, i in body_lines
        if is_upper(line) and _letters(line) >= 2 and not NUMBER_WORD_RE.match(line)
    ]
    _set_issuer(names, sources, meta)
    untitled = [line for line, _ in body_lines if not is_upper(line)]
    if untitled and not seen_number and len(untitled) <= 4:
        extras["untitled"] = _clean_title(" ".join(untitled))
    return extras


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _clean_title(text: str) -> str:
    """One line, OCR specks at the end removed, a quarter's slash read as "I" put back, an
    opening quote read as "*" put back, bounded (a title never runs on for pages)."""
    text = SPECK_RE.sub("", " ".join(text.split()))
    if text.count("“") < text.count("”"):
        text = OPENING_QUOTE_RE.sub("“", text)
    text = QUARTER_RE.sub(lambda m: f"{m['quy']}{m['quarter']}/{m['year']}", text)
    if len(text) > TITLE_CHARS:
        text = text[: text.rfind(" ", 0, TITLE_CHARS)]
    return text


def _split_date_off(line: str) -> tuple[str, str]:
    """A subject line with the place and date of the other column after it, cut in two:
    the place is the capitalised words right before "ngày" ("mùa hè | Bắc Giang, ngày …")."""
    found = _header_date(fold(line))
    if found is None or found[1] == 0:
        return line, ""
    words = line[: found[1]].rstrip(" ,").split()
    place = 0
    while place < min(4, len(words) - 1) and words[-1 - place][:1].isupper():
        place += 1
    return " ".join(words[: len(words) - place]), line[len(" ".join(words[: len(words) - place])) :]


def _header_date(folded: str) -> tuple[str | None, int] | None:
    """ISO date of a header date line and where it starts; unreadable day or month (pen
    marks) and blank ones reduce the precision, never guess."""
    found = HEADER_DATE_RE.search(folded)
    if found is None:
        numeric = find_date(folded)
        return (date_of(numeric), numeric.start()) if numeric else None

    def part(text: str) -> str | None:
        text = text.replace(" ", "").rstrip("/,.")
        return text if text.isdigit() and len(text) <= 2 else None

    day, month = part(found.group("d")), part(found.group("m"))
    year = found.group("y").replace(" ", "")
    if month is None:
        day = None
    return iso_date(day, month, year), found.start()


def _read_place_date(line: str, source: SourceLine, meta: Metadata) -> bool:
    if meta.ngay_ban_hanh is not None or starts_body(line):
        return False
    folded = fold(line)
    found = _header_date(folded)
    if found is None or found[0] is None:
        return False
    meta.ngay_ban_hanh, start = found
    _note(meta, "ngay_ban_hanh", source, 1.0 if len(meta.ngay_ban_hanh) == 10 else 0.6)
    place = line[:start].strip(" ,.;")
    # the place is the words right before the date, never a number or header text before them
    words = place.split()
    while words and regex.search(r"[/:\d§]", " ".join(words)):
        cut = max(i for i, w in enumerate(words) if regex.search(r"[/:\d§]", w))
        words = words[cut + 1 :]
    place = " ".join(words)
    if place and len(words) <= 5:
        meta.dia_danh = _place_name(place)
        _note(meta, "dia_danh", source, 1.0)
    return True


def _place_name(place: str) -> str:
    """A province spelled properly when OCR damaged a letter ("Bdc Ninh" -> "Bắc Ninh"); a
    district or town ("Đông Anh", "Nga Sơn") is kept as written, not made the province two
    letters away ("Long An", "Lạng Sơn")."""
    name = regex.sub(r"^(?:TP\.?|T\.P\.?|Tp\.?|Thành phố)\s*", "", place)
    return match_province(name, 85) or place


def _mark_place_as_dated(meta: Metadata) -> None:
    """The issuer's locality spelled as the date line spells its place, where the two differ
    only in marks: "ỦY BAN NHÂN DÂN XÃ QUỐC KHANH" with "Quốc Khánh, ngày …" (Nghị định
    30/2020: the địa danh is the name of the unit where the body sits; OCR loses marks on
    capitals more often than on small letters)."""
    name, place = meta.co_quan_ban_hanh.ten, meta.dia_danh
    if not name or not place:
        return
    words, size = name.split(), len(place.split())
    tail = " ".join(words[-size:])
    level = fold(" ".join(words[:-size])).split()[-1:]
    if level and level[0] in LEVEL_ENDS and tail != place.upper() and fold(tail) == fold(place):
        meta.co_quan_ban_hanh.ten = " ".join([*words[:-size], place.upper()])


def _is_level_line(line: str) -> bool:
    """ "TỈNH BẮC NINH" under "ỦY BAN NHÂN DÂN" (but "PHÒNG …" is a body, not "PHƯỜNG")."""
    words = fold(line).split()
    if any(" ".join(words[: len(kind.split())]) == fold(kind) for kind in BODY_KINDS):
        return False
    return any(
        similar(" ".join(words[: len(level.split())]), fold(level)) >= 85 for level in LEVELS
    )


def _set_issuer(lines: list[tuple[str, int]], sources: list[SourceLine], meta: Metadata) -> None:
    names: list[tuple[str, int]] = []
    split = [(part, i) for text, i in lines for part in _two_names(_name_text(text))]
    for line, index in split:
        if names and _continues_name(names[-1][0], line):
            names[-1] = (f"{names[-1][0]} {line}", names[-1][1])
        elif _letters(line) >= 4:  # shorter: a speck, unless it ends a wrapped name ("HÓA")
            names.append((line, index))
    spelled = [
        (
            canonical_body(name)
            or canonical_body_unspaced(name)
            or spell_known_head(SPECK_RE.sub("", " ".join(name.split()))),
            index,
        )
        for name, index in names
    ]
    if spelled:
        meta.co_quan_ban_hanh = Issuer(
            ten=spelled[-1][0], cap_tren=spelled[-2][0] if len(spelled) > 1 else None
        )
        known = 1.0 if canonical_body(names[-1][0]) else 0.8
        _note(meta, "co_quan_ban_hanh.ten", sources[spelled[-1][1]], known)
        if len(spelled) > 1:
            _note(meta, "co_quan_ban_hanh.cap_tren", sources[spelled[-2][1]], known)


LEVEL_ENDS = {"tinh", "huyen", "quan", "xa", "phuong", "thi", "thanh", "pho", "tran"}


def _continues_name(previous: str, line: str) -> bool:
    """A header name wrapped onto the next line: "ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH" (a
    level), "ỦY BAN NHÂN DÂN THỊ" / "TRẤN MƯỜNG CHÀ" (a name never ends on its level),
    "SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH", or two halves of one known name."""
    if _is_level_line(line) or previous.rstrip().endswith(("VÀ", "và", "&", "-", ",")):
        return True
    if fold(line).startswith(("va ", "& ", "- ")):
        return True
    if fold(previous).split()[-1:] and fold(previous).split()[-1] in LEVEL_ENDS:
        return True
    if len(line.split()) <= 2 and not _starts_body_kind(line) and _starts_body_kind(previous):
        return True  # "ỦY BAN NHÂN DÂN PHƯỜNG TÂN" / "THIỆN": the tail of a place's name
    return canonical_body(previous) is None and canonical_body(f"{previous} {line}") is not None


def _name_text(line: str) -> str:
    """A header name line without OCR specks around it: ': "NƯỚC. -' -> "NƯỚC" (a name
    ends with no full stop; a "-" or "VÀ" at its end says it goes on)."""
    line = regex.sub(r"\.[^\p{L}\p{N}]*$", "", line.strip().lstrip(SPECKS))
    return line.rstrip(SPECKS)


def _starts_body_kind(line: str) -> bool:
    """The line begins with a kind of body ("ỦY BAN NHÂN DÂN", "SỞ"); a short kind must be
    the word itself ("BÀNG" is not "BAN")."""
    words = fold(line).split()
    for kind in BODY_KINDS:
        head, want = " ".join(words[: len(kind.split())]), fold(kind)
        if head == want or (len(want) >= 6 and similar(head, want) >= 85):
            return True
    return False


def _two_names(line: str) -> list[str]:
    """ "UBND TỈNH BẮC GIANG SỞ Y TẾ" (a header table's cell read as one line) -> the parent
    body and the body, when the line is no name as a whole but both halves are."""
    words = line.split()
    if canonical_body(line) is not None:
        return [line]
    for cut in range(2, len(words) - 1):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if canonical_body(first) and canonical_body(second):
            return [first, second]
    # "UBND HUYỆN ĐÔNG ANH PHÒNG TÀI CHÍNH - KẾ HOẠCH": a locality's name is not in the
    # vocabulary, so cut before a kind of body that follows "<kind> <level> <name>"
    folded = fold(line).split()
    kinds = [fold(kind).split() for kind in BODY_KINDS]
    lead = max((len(kind) for kind in kinds if folded[: len(kind)] == kind), default=0)
    if not lead or not is_upper(line) or not _is_level_line(" ".join(words[lead:])):
        return [line]
    for cut in range(lead + 2, len(words) - 1):
        if any(folded[cut : cut + len(kind)] == kind for kind in kinds):
            return [" ".join(words[:cut]), " ".join(words[cut:])]
    return [line]


def _read_title(lines: list[str], sources: list[SourceLine], start: int, meta: Metadata) -> int:
    """Trích yếu: the lines under the type heading up to the rule line or the body.

    A title is in lower case ("Về việc …"), or in capitals right under the heading of a law
    ("LUẬT / HẢI QUAN"); a body's or a role's name in capitals there is the authority line.
    """
    parts: list[str] = []
    index = start
    while index < len(lines) and len(parts) < 6:
        line = lines[index]
        if RULE_RE.match(line) or starts_body(line) or line.startswith("("):
            break
        if _off_centre(sources[start - 1], sources[index]):
            break  # the body's first line (indented) or a line set flush left
        if _is_recipients_line(line) or _authority_at(line) is not None:
            break
        if parts and line.rstrip().endswith((".", ":")) and not parts[-1].endswith(","):
            break  # a sentence: the body's first paragraph (a trích yếu has no full stop)
        # "I/2018", "IIII2018" (a quarter) ending a title are no heading in capitals
        if is_upper(line) and not regex.fullmatch(r"[IVXl|\d/\s.,-]+", line):
            capital_title = index == start or (parts and all(is_upper(p) for p in parts))
            if not capital_title or canonical_body(line) or _names_a_role(line):
                break
        parts.append(line)
        index += 1
    if parts:
        meta.trich_yeu = _clean_title(" ".join(parts))
        used = sources[start:index]
        _note(meta, "trich_yeu", min(used, key=lambda s: s.confidence), 1.0)
    while index < len(lines) and RULE_RE.match(lines[index]):
        index += 1
    return index


def _off_centre(heading: SourceLine, line: SourceLine) -> bool:
    """Nghị định 30/2020 centres the trích yếu under the type heading; the body is justified
    with its first line indented. On a page with boxes, a line whose centre lies off the
    heading's by more than 0.4 of the heading's height is not the title's."""
    if heading.bbox is None or line.bbox is None or heading.page != line.page:
        return False
    centre = (heading.bbox[0] + heading.bbox[2]) / 2
    height = heading.bbox[3] - heading.bbox[1]
    return abs((line.bbox[0] + line.bbox[2]) / 2 - centre) > 0.4 * height


def _names_a_role(line: str) -> bool:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN": a person's office, not the issuing body."""
    folded = " ".join(fold(line).split())
    return any(folded.startswith(fold(role)) for role in ROLES)


def _authority_line(lines: list[str], start: int) -> str | None:
    """A decision names its issuing authority in capitals between the title and "Căn cứ"."""
    for line in lines[start : start + 3]:
        if starts_body(line):
            return None
        if is_upper(line) and not match_type(line):
            return canonical_body(line) or " ".join(line.split())
    return None


# --- signature and recipients ------------------------------------------------------------------


def _is_recipients_line(line: str) -> bool:
    """ "Nơi nhận:" (a list may follow on the line), or the two words alone with a stop OCR
    read for the colon ("Nơi nhận.", "Ai nhận.")."""
    head = fold(line).split(":")[0]
    if ":" not in line:
        words = fold(line).rstrip(" .;,").split()
        if len(words) != 2 or not line.rstrip().endswith((".", ";", ",")):
            return False
    return similar(" ".join(head.split()[:2]), "noi nhan") >= 75


def _ends_zone(line: str) -> bool:
    """An appendix or a second document starts: the signature block is over."""
    folded = fold(line)
    return (
        similar(" ".join(folded.split()[:2]), "phu luc") >= 85
        or bool(NUMBER_LINE_RE.match(line))
        or (is_upper(line) and match_type(line) is not None)
    )


def _read_signature(lines: list[str], sources: list[SourceLine], start: int, meta: Metadata) -> int:
    """Find the first signature block after the header; return where its zone starts.

    The block: authority lines (TM./KT./Q./TL./TUQ.), the position, marks such as "(Đã ký)"
    or a stamp's text, and the name as its last line (OCR-broken syllables of the name
    repaired from the name lexicon, ``person_names``).
    """
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
                authority, role = _split_authority(line[position:])
                signer.tham_quyen.append(authority)
                if role:  # "TM. CHÍNH PHỦ THỦ TƯỚNG" on one line
                    signer.chuc_vu = role
                    _note(meta, "nguoi_ky.chuc_vu", sources[index], 0.9)
                _note(meta, "nguoi_ky.tham_quyen", sources[index], 1.0)
            last = index
            continue
        if signer.tham_quyen and signer.chuc_vu is None:
            role = match_role(line) or match_role(_trailing_caps(line))
            if role:
                signer.chuc_vu = role
                _note(meta, "nguoi_ky.chuc_vu", sources[index], 1.0)
                last = index
    if not signer.tham_quyen:
        for index in range(anchor, zone_end):  # a head signing in person: role, then name
            role = match_role(lines[index])
            if role:
                signer.chuc_vu, last = role, index
                _note(meta, "nguoi_ky.chuc_vu", sources[index], 0.9)
                break
    if signer.tham_quyen or signer.chuc_vu:
        for index in range(last + 1, zone_end):
            line = _without_signed_mark(lines[index]).strip(SPECKS)
            if NAME_RE.match(line) and not match_role(line) and not canonical_body(line):
                signer.ho_ten, repaired = repair_name(line)
                _note(meta, "nguoi_ky.ho_ten", sources[index], 0.8 if repaired else 1.0)
                break
        meta.nguoi_ky = signer
    return anchor


def _split_authority(text: str) -> tuple[str, str | None]:
    """ "TM. CHÍNH PHỦ THỦ TƯỚNG" -> ("TM. CHÍNH PHỦ", "THỦ TƯỚNG"); "KT. CHỦ TỊCH" alone
    -> ("KT. CHỦ TỊCH", None); "KT: …" (OCR read the full stop as a colon) as "KT. …"."""
    text = regex.sub(r"^(TM|KT|TL|TUQ|UQ|Q)\s?[:,]", r"\1.", text)
    prefix, *words = text.replace(".", ". ", 1).split()
    for cut in range(1, len(words)):
        role = match_role(" ".join(words[cut:]))
        if role and (match_role(" ".join(words[:cut])) or canonical_body(" ".join(words[:cut]))):
            return _canonical_authority(f"{prefix} {' '.join(words[:cut])}"), role
    return _canonical_authority(text), None


def _without_signed_mark(line: str) -> str:
    """A name line without "(Đã ký)" / "[daky]" beside it; the mark alone gives ""."""
    line = regex.sub(r"[(\[][^)\]]{0,30}[)\]]", "", line).strip()
    if " ".join(fold(line).split()) in [fold(mark) for mark in SIGNED_MARKS]:
        return ""
    return line


def _authority_at(line: str) -> int | None:
    found = AUTHORITY_RE.search(line)
    if found is None:
        return None
    prefix = found.group("prefix") or found.group("party").replace("/", "")  # T/M: TM.
    return found.start() if f"{prefix.upper()}." in AUTHORITY_PREFIXES else None


def _canonical_authority(text: str) -> str:
    """ "TM. UY BAN NHAN DAN" -> "TM. ỦY BAN NHÂN DÂN"; unknown bodies are kept as written."""
    party = regex.match(r"(T/M|K/T|T/L)\.?\s*", text)  # the party's style, kept as printed
    if party:
        prefix, rest = party.group(1), text[party.end() :]
    else:
        prefix, _, rest = text.partition(".")
        prefix = f"{prefix.upper()}."
    rest = " ".join(rest.split())
    return f"{prefix} {match_role(rest) or canonical_body(rest) or rest}"


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
    first = lines[index].split(":", 1)[1] if ":" in lines[index] else ""
    for line in [first, *lines[index + 1 : index + 60]]:
        line = _without_signature(line)
        if not line:
            continue
        if line.startswith(tuple(ITEM_MARKS)):
            items.append(line.lstrip(ITEM_MARKS + " ").strip())
        elif items and not items[-1].endswith((";", ".")) and not _ends_zone(line):
            items[-1] = f"{items[-1]} {line}"
        elif items and items[-1].endswith(";") and line.endswith((";", ".")) and len(line) < 80:
            items.append(line)  # an item whose "-" the OCR lost, between two items
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
                meta.nguon.append(FieldSource("loai_van_ban", 0.6, method="citation"))
            if not meta.ngay_ban_hanh and citation.ngay_ban_hanh:
                meta.ngay_ban_hanh = citation.ngay_ban_hanh
                meta.suy_dien.append("ngay_ban_hanh")
                meta.nguon.append(FieldSource("ngay_ban_hanh", 0.6, method="citation"))
            if not meta.co_quan_ban_hanh.ten and citation.co_quan_ban_hanh:
                meta.co_quan_ban_hanh.ten = _full_body_name(citation.co_quan_ban_hanh)
                meta.suy_dien.append("co_quan_ban_hanh")
                meta.nguon.append(FieldSource("co_quan_ban_hanh.ten", 0.6, method="citation"))
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
