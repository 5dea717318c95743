"""The issuing body and its parent from the header's lines in capitals: names wrapped in the
narrow column joined ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH"), two names on one line cut apart,
known names spelled properly (``admin_vocab``), the locality spelled as the date line spells
its place.
"""

from __future__ import annotations

import regex

from sohoa.extract.admin_vocab import (
    BODY_KINDS,
    LEVELS,
    canonical_body,
    canonical_body_unspaced,
    fold,
    is_upper,
    similar,
    spell_known_head,
)
from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_text import SPECK_RE, SPECKS, letters, note
from sohoa.model import Issuer, Metadata

RULE_BEFORE_RE = regex.compile(r"^(?:[—–_]+|-{2,})\s*")  # a lone "- " may join a wrapped name
LEVEL_ENDS = {"tinh", "huyen", "quan", "xa", "phuong", "thi", "thanh", "pho", "tran"}


def set_issuer(lines: list[tuple[str, int]], sources: list[SourceLine], meta: Metadata) -> None:
    names: list[tuple[str, int]] = []
    split = [(part, i) for text, i in lines for part in _two_names(_name_text(text))]
    for line, index in split:
        if names and _continues_name(names[-1][0], line):
            names[-1] = (f"{names[-1][0]} {line}", names[-1][1])
        elif letters(line) >= 4:  # shorter: a speck, unless it ends a wrapped name ("HÓA")
            if names:  # "… QUẢNG NAM -": the rule line under a name, read as a dash
                names[-1] = (names[-1][0].rstrip(" -–—"), names[-1][1])
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
        note(meta, "co_quan_ban_hanh.ten", sources[spelled[-1][1]], known)
        if len(spelled) > 1:
            note(meta, "co_quan_ban_hanh.cap_tren", sources[spelled[-2][1]], known)


def _continues_name(previous: str, line: str) -> bool:
    """A header name wrapped onto the next line: "ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH" (a
    level), "ỦY BAN NHÂN DÂN THỊ" / "TRẤN MƯỜNG CHÀ" (a name never ends on its level),
    "SỞ VĂN HÓA, THỂ THAO" / "VÀ DU LỊCH", or two halves of one known name."""
    if _is_level_line(line):
        return True
    if previous.rstrip().endswith(("VÀ", "và", "&", "-", ",")):
        # "SỞ LAO ĐỘNG -" / "THƯƠNG BINH VÀ XÃ HỘI"; but a line that names a new body
        # ("… QUẢNG NAM -" / "SỞ TÀI CHÍNH") follows a dash OCR read from the rule line
        return not (previous.rstrip().endswith(("-", "–", "—")) and _starts_body_kind(line))
    if fold(line).startswith(("va ", "& ", "- ")):
        return True
    if fold(previous).split()[-1:] and fold(previous).split()[-1] in LEVEL_ENDS:
        return True
    if len(line.split()) <= 2 and not _starts_body_kind(line) and _starts_body_kind(previous):
        return True  # "ỦY BAN NHÂN DÂN PHƯỜNG TÂN" / "THIỆN": the tail of a place's name
    return canonical_body(previous) is None and canonical_body(f"{previous} {line}") is not None


def _name_text(line: str) -> str:
    """A header name line without OCR specks around it: ': "NƯỚC. -' -> "NƯỚC" (a name
    ends with no full stop; a "-" or "VÀ" at its end says it goes on), nor the rule line
    under the name above, read as dashes before it ("———— SỞ TÀI CHÍNH", a curled page)."""
    line = RULE_BEFORE_RE.sub("", line.strip().lstrip(SPECKS))
    line = regex.sub(r"\.[^\p{L}\p{N}]*$", "", line.lstrip(SPECKS))
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


def _is_level_line(line: str) -> bool:
    """ "TỈNH BẮC NINH" under "ỦY BAN NHÂN DÂN" (but "PHÒNG …" is a body, not "PHƯỜNG")."""
    words = fold(line).split()
    if any(" ".join(words[: len(kind.split())]) == fold(kind) for kind in BODY_KINDS):
        return False
    return any(
        similar(" ".join(words[: len(level.split())]), fold(level)) >= 85 for level in LEVELS
    )


def mark_place_as_dated(meta: Metadata) -> None:
    """The issuer's locality spelled as the date line spells its place, where the two differ
    only in marks: "ỦY BAN NHÂN DÂN XÃ QUỐC KHANH" with "Quốc Khánh, ngày …" (Nghị định
    30/2020: the địa danh is the name of the unit where the body sits; OCR loses marks on
    capitals more often than on small letters), or where the name stops short of the
    place's last words: "ỦY BAN NHÂN DÂN TỈNH SƠN" with "Sơn La, ngày …" (a wrapped word
    the layout put into the other column)."""
    name, place = meta.co_quan_ban_hanh.ten, meta.dia_danh
    if not name or not place:
        return
    words, place_words = name.split(), place.split()
    for size in range(len(place_words), 0, -1):
        tail = " ".join(words[-size:])
        level = fold(" ".join(words[:-size])).split()[-1:]
        same = fold(tail) == fold(" ".join(place_words[:size]))
        if level and level[0] in LEVEL_ENDS and same:
            if size < len(place_words) or tail != place.upper():
                meta.co_quan_ban_hanh.ten = " ".join([*words[:-size], place.upper()])
            return


def full_body_name(name: str) -> str:
    """ "UBND tỉnh Bắc Ninh" -> "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" (the header's spelling)."""
    spelled = canonical_body(name)
    if spelled is None:
        return name
    for short, full in (("UBND", "ỦY BAN NHÂN DÂN"), ("HĐND", "HỘI ĐỒNG NHÂN DÂN")):
        if spelled.startswith(short + " "):
            spelled = full + spelled[len(short) :]
    return spelled
