"""The header's fields: the number line ("Số: 49/KH-UBND", blank or handwritten), the place
and date line, a công văn's "V/v …" subject, and the walk over the header block that hands
its capitals to the issuer reader (``metadata_issuer``).

Nghị định 30/2020 puts "Số: …/…" under the issuer on the left, and "<địa danh>, ngày … tháng
… năm …" under the national motto on the right; OCR may read both columns on one line, so
the motto is cut out and a subject line is cut where the date of the other column begins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz

from sohoa.extract.admin_vocab import (
    BODY_KINDS,
    canonical_code,
    fold,
    is_upper,
    match_province,
    match_type,
    similar,
    starts_body,
)
from sohoa.extract.citations import date_of, find_date, iso_date
from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_issuer import set_issuer
from sohoa.extract.metadata_text import RULE_RE, SPECKS, clean_title, letters, note
from sohoa.model import BBox, Metadata

# "Số: 49 /KH-UBND", "So:", OCR "S6:", "Sé :", "Luật số: 54/2014/QH13", "Số: 30/2020/NĐ-CP";
# the number may be blank ("Số:     /KH-UBND", "Số: ..../QĐ") or handwritten (OCR garbage).
NUMBER_LINE_RE = regex.compile(
    r"^\s*(?:(?P<kind>\p{L}+(?:\s\p{L}+){0,2})\s+)?"
    r"(?:[Ss]\S{0,2}?\s*[:;.]|[Ss][^\s\d/:]{1,2}(?=\s))\s*"
    r"(?P<fill>.{0,12}?)\s*(?:/\s*(?P<year>(?:19|20)\d\d)\s*)?/\s*[^\p{L}\d\s/]?"
    r"(?P<code>\p{Lu}[\p{L}&0-9]{0,6}(?:\s?[-–—]\s?\p{Lu}[\p{L}&0-9]{0,9}){0,3})"
)
# "VÑ triển khai …", "V1v đẩy mạnh …": a "V/v" whose slash and "v" OCR garbled, before a
# lower-case subject (no word of Vietnamese is a V with a capital or a sign after it)
GARBLED_VV_RE = regex.compile(
    r"^[VW](?:[^\p{L}\s.]{1,2}[vyV]?|\p{Lu}|[^\p{L}\s]?[vy])\s+(?=\p{Ll})"
)
NUMBER_WORD_RE = regex.compile(r"^\s*S\S{0,2}\s*[:;]")  # "Số:" of a number line OCR broke
# "Số: 14Øốr-SKHCN": a number written over the type code ("14/TTr"), no slash left, and the
# issuer's part of the code after the hyphen still legible
PEN_OVER_CODE_RE = regex.compile(
    r"^\s*S\S{0,2}\s*[:;]\s*(?P<fill>[^\s/\-]{1,10})-(?P<issuer>\p{Lu}[\p{Lu}\p{N}&]{1,9})\s*$"
)
PARTY_NUMBER_RE = regex.compile(r"^\d{1,5}-\p{Lu}{1,5}$")
BLANK_FILL_RE = regex.compile(r"^[\s.…_\-–—,:]*$")

MOTTO = ["cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc"]
# The header's date line, on folded text: "ngày 05 tháng 3 năm 2020", "ngày   tháng   năm 2011",
# "ngày _2 /tháng øJ. năm 2018" (handwritten day and month); "năm 201 1" (a split year);
# "ngày ~24Hháng" (the t of "tháng" misread beside a handwritten day).
HEADER_DATE_RE = regex.compile(
    r"(?:^|(?<=[\s,.]))ng\w{0,3}(?P<d>[^\p{L}]{0,8}|.{0,6}?)\s*\wh\w{1,4}"
    r"(?P<m>[^\p{L}]{0,8}|.{0,6}?)\s*n\w{1,3}\W{0,3}(?P<y>(?:19|20)\d\s?\d)\b"
)


def number_line(line: str) -> regex.Match | None:
    """The "Số: …/…" line, if this is one (its fill is a number, blank, or handwriting)."""
    found = NUMBER_LINE_RE.match(line)
    if found is None:
        return None
    if found.group("kind") and not match_type(found.group("kind")):
        return None  # "Sở Tư pháp/..." or a sentence, not "Luật số:"
    if regex.search(r"\p{L}{3}", found.group("fill")):
        return None
    return found


def read_number(found: regex.Match, source: SourceLine, meta: Metadata) -> None:
    meta.ky_hieu = canonical_code(found.group("code"))
    fill = found.group("fill").replace(" ", "").rstrip(".")
    year = f"{found.group('year')}/" if found.group("year") else ""
    if fill.isdigit() and len(fill) <= 5:
        meta.so_hieu = f"{int(fill)}/{year}{meta.ky_hieu}"
        note(meta, "so_hieu", source, 1.0)
    elif PARTY_NUMBER_RE.match(fill):  # "Số 38-CT/TW": the party's style
        meta.ky_hieu = f"{fill.split('-', 1)[1]}/{meta.ky_hieu}"
        meta.so_hieu = f"{fill}/{found.group('code')}"
        note(meta, "so_hieu", source, 1.0)
    elif not BLANK_FILL_RE.match(fill):
        meta.so_viet_tay = True  # something written in the number space that is no number
        note(meta, "so_hieu", source, 0.5)
    note(meta, "ky_hieu", source, 1.0)


@dataclass
class _HeaderWalk:
    """What the walk over the header block has seen so far."""

    names: list[tuple[str, int]] = field(default_factory=list)  # lines left for the issuer
    extras: dict[str, str] = field(default_factory=dict)  # "vv", "vv_line", "kind", "untitled"
    seen_number: bool = False
    subject: list[str] | None = None  # the V/v lines of a công văn
    wrapped: set[int] = field(default_factory=set)  # a date line's end wrapped onto this line
    right_block: bool = False  # past the quốc hiệu of a header cut along its blocks
    motto_wrapped: bool = False  # "… CHỦ NGHĨA VIỆT" ended a line: its "NAM" opens the next
    subject_box: BBox | None = None  # where the "V/v" line was read


def read_header(lines: list[str], sources: list[SourceLine], meta: Metadata) -> dict[str, str]:
    """Issuer, number, place and date from the header block; returns extras (the V/v line)."""
    walk = _HeaderWalk()
    for index, raw in enumerate(lines):
        line = _without_motto(raw, sources[index], walk)
        if not line or RULE_RE.match(line) or index in walk.wrapped:
            continue
        line = _take_number(line, index, sources, meta, walk)
        if _take_subject_or_date(line, index, lines, sources, meta, walk):
            continue
        if line and not walk.seen_number and not walk.right_block:
            walk.names.append((line, index))
    return _issuer_and_extras(walk, sources, meta)


def _without_motto(raw: str, source: SourceLine, walk: _HeaderWalk) -> str:
    """The line with the national motto cut out; a line that held it starts the right block
    (of a header cut along its blocks), where no names are."""
    line = _strip_motto(raw)
    if walk.motto_wrapped and not source.layout:
        line = regex.sub(r"(?:^|\s)NAM(?=\s|$)", " ", line).strip()
    walk.motto_wrapped = fold(raw).rstrip(" .,:;").endswith("chu nghia viet")
    if line != raw.strip() and source.layout:
        walk.right_block = True
    return line


def _take_number(
    line: str, index: int, sources: list[SourceLine], meta: Metadata, walk: _HeaderWalk
) -> str:
    """Read a "Số: …/…" line's number; return what follows it on the line. A number line
    whose type code a pen wrote over leaves the issuer's part in the extras ("pen_code")."""
    number = number_line(line.lstrip(SPECKS))  # ": Số: 1429/…": a speck before it
    if not number:
        pen = PEN_OVER_CODE_RE.match(line.lstrip(SPECKS))
        if pen and not pen.group("fill").isdigit() and not walk.seen_number:
            walk.seen_number = True
            walk.extras.update(pen_code=pen.group("issuer"), pen_line=str(index))
            return ""
        return line
    line = line.lstrip(SPECKS)
    walk.seen_number = True
    read_number(number, sources[index], meta)
    if number.group("kind"):
        walk.extras["kind"] = str(match_type(number.group("kind")))
    return line[number.end() :].strip(" .,;")


def _take_subject_or_date(
    line: str,
    index: int,
    lines: list[str],
    sources: list[SourceLine],
    meta: Metadata,
    walk: _HeaderWalk,
) -> bool:
    """A "V/v" line, a place and date line (or one wrapped onto the next line), or a
    subject's next line: read it and say so."""
    if walk.subject is None and _opens_subject(line, sources[index], walk):
        line = GARBLED_VV_RE.sub("V/v ", line)
        line, place_date = _split_date_off(line)  # "V/v … Bắc Giang, ngày 14 tháng 6 …"
        if place_date:
            _read_place_date(place_date, sources[index], meta)
        walk.subject = [line]
        walk.extras["vv_line"] = str(index)
        walk.subject_box = sources[index].bbox
        return True
    if _read_place_date(line, sources[index], meta):
        return True
    # "Quốc Khánh, ngày 15 tháng 11 năm" / "2019": a date line wrapped in a narrow column
    wraps = index + 1 < len(lines) and "ngay" in fold(line) and not meta.ngay_ban_hanh
    if wraps and _read_place_date(f"{line} {lines[index + 1]}", sources[index], meta):
        walk.wrapped.add(index + 1)
        return True
    subject = walk.subject
    beside = _right_of(sources[index].bbox, walk.subject_box)  # the other column's piece
    if subject is not None and line and not is_upper(line) and len(subject) < 5 and not beside:
        if regex.search(r"[\p{L}\p{N}]", line):
            subject.append(line)  # a subject runs over several lines under "Số"
        return True
    return False


def _right_of(box: BBox | None, column: BBox | None) -> bool:
    """The box lies wholly right of the column's box (both read on one page)."""
    return box is not None and column is not None and box[0] > column[2]


def _opens_subject(line: str, source: SourceLine, walk: _HeaderWalk) -> bool:
    """ "V/v …" (or "Về việc …") opens a công văn's subject; in the left block cut along the
    page's columns, the line right under the number that opens with a "V/v" OCR garbled
    ("VÑ triển khai …") does too: ND30 prints nothing else there."""
    if fold(line).startswith(("v/v", "v / v", "ve viec", "v/y", "v/")):
        return True
    return walk.seen_number and source.layout and GARBLED_VV_RE.match(line) is not None


def _issuer_and_extras(
    walk: _HeaderWalk, sources: list[SourceLine], meta: Metadata
) -> dict[str, str]:
    """The issuer from the lines in capitals; the subject, and a title whose type heading is
    missing (lower-case lines before the body, as when OCR dropped the header), as extras."""
    extras = walk.extras
    if walk.subject:
        extras["vv"] = clean_title(" ".join(walk.subject))
    names = [
        (line, i)
        for line, i in walk.names
        if (is_upper(line) and letters(line) >= 2 and not NUMBER_WORD_RE.match(line))
        or _garbled_name(line)
    ]
    set_issuer(names, sources, meta)
    untitled = [line for line, _ in walk.names if not is_upper(line)]
    if untitled and not walk.seen_number and len(untitled) <= 4:
        extras["untitled"] = clean_title(" ".join(untitled))
    return extras


def _garbled_name(line: str) -> bool:
    """ "ỦY BAN Ì35321£00i2tri ng) DIÊN": a body's name opens in capitals and a stamp or a
    pen over the rest left OCR garbage. It still says a body stands there (under its parent
    above it), as read."""
    words = line.split()
    heads = {" ".join(fold(kind).split()[:2]) for kind in BODY_KINDS}
    head = next((n for n in (2, 1) if " ".join(fold(line).split()[:n]) in heads), 0)
    return (
        len(words) > head > 0
        and is_upper(" ".join(words[:head]))
        and regex.search(r"[^\p{L}\s,.\-–]", line) is not None
    )


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
    note(meta, "ngay_ban_hanh", source, 1.0 if len(meta.ngay_ban_hanh) == 10 else 0.6)
    place = line[:start].strip(" ,.;")
    # the place is the words right before the date, never a number or header text before them
    words = place.split()
    while words and regex.search(r"[/:\d§]", " ".join(words)):
        cut = max(i for i, w in enumerate(words) if regex.search(r"[/:\d§]", w))
        words = words[cut + 1 :]
    place = " ".join(words)
    if place and len(words) <= 5:
        meta.dia_danh = _place_name(place)
        note(meta, "dia_danh", source, 1.0)
    return True


def _place_name(place: str) -> str:
    """A province spelled properly when OCR damaged a letter ("Bdc Ninh" -> "Bắc Ninh"); a
    district or town ("Đông Anh", "Nga Sơn") is kept as written, not made the province two
    letters away ("Long An", "Lạng Sơn")."""
    name = regex.sub(r"^(?:TP\.?|T\.P\.?|Tp\.?|Thành phố)\s*", "", place)
    return match_province(name, 85) or place
