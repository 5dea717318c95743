"""The closing: the signature block (TM./KT./Q./TL./TUQ. lines, the position, "(Đã ký)" and
a seal's text passed over, the name as its last line, repaired from the name lexicon) and
the "Nơi nhận" list, with the signature column OCR interleaved into it cut off.
"""

from __future__ import annotations

import regex

from sohoa.extract.admin_vocab import (
    AUTHORITY_PREFIXES,
    ROLES,
    canonical_body,
    fold,
    is_upper,
    match_role,
    match_type,
    similar,
)
from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_header import NUMBER_LINE_RE
from sohoa.extract.metadata_text import SPECKS, note
from sohoa.extract.person_names import is_full_name, repair_name
from sohoa.model import Metadata, Signer

# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": a prefix and at least two words in capitals
# (so that a filing mark such as "Lưu: VT, KT.TH." is not one).
AUTHORITY_RE = regex.compile(
    r"(?:^|(?<=[\s;:]))(?:(?P<prefix>TM|KT|TL|TUQ|UQ|Q)\s?[.:,]|(?P<party>T/M|K/T|T/L)\.?)"
    r"\s*(?=\p{Lu}+\s+\p{Lu})"
)
NAME_RE = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$")
SIGNED_MARKS = ["đã ký", "ký", "ký tên", "ký, ghi rõ họ tên", "đã ký và đóng dấu", "signed"]
ITEM_MARKS = "-+•~–—−"  # recipient list marks, with the ones OCR reads "-" as


def is_recipients_line(line: str) -> bool:
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


def read_signature(lines: list[str], sources: list[SourceLine], start: int, meta: Metadata) -> int:
    """Find the first signature block after the header; return where its zone starts.

    The block: authority lines (TM./KT./Q./TL./TUQ.), the position, marks such as "(Đã ký)"
    or a stamp's text, and the name as its last line (OCR-broken syllables of the name
    repaired from the name lexicon, ``person_names``).
    """
    anchor = next(
        (
            i
            for i in range(start, len(lines))
            if is_recipients_line(lines[i]) or authority_at(lines[i]) is not None
        ),
        None,
    )
    if anchor is None:
        _read_closing_name(lines, sources, start, meta)
        return len(lines)
    zone_end = next(
        (i for i in range(anchor + 1, min(len(lines), anchor + 40)) if _ends_zone(lines[i])),
        min(len(lines), anchor + 40),
    )
    signer = Signer()
    last = _read_authority(lines, sources, range(anchor, zone_end), signer, meta)
    if not signer.tham_quyen:
        last = _read_own_role(lines, sources, range(anchor, zone_end), signer, meta, last)
    elif signer.chuc_vu is None:
        last = _read_deputy(lines, sources, range(last + 1, zone_end), signer, meta, last)
    if signer.tham_quyen or signer.chuc_vu:
        _read_name(lines, sources, range(last + 1, zone_end), signer, meta)
        meta.nguoi_ky = signer
    return anchor


def _read_closing_name(
    lines: list[str], sources: list[SourceLine], start: int, meta: Metadata
) -> None:
    """No signature block found (no authority line, no position, no "Nơi nhận" read: a
    blurred photo's closing): the document's last line is taken for the signer's name when
    it is a whole person name, every word a name of the lexicon
    (``person_names.is_full_name``), with a lower confidence."""
    index = next((i for i in range(len(lines) - 1, start - 1, -1) if lines[i].strip()), None)
    if index is None:
        return
    line = _without_signed_mark(lines[index]).strip(SPECKS)
    if is_full_name(line) and not match_role(line) and not canonical_body(line):
        meta.nguoi_ky.ho_ten, _ = repair_name(line.removesuffix("."))
        note(meta, "nguoi_ky.ho_ten", sources[index], 0.5)
        _read_position_above(lines, sources, index, meta)


def _read_position_above(
    lines: list[str], sources: list[SourceLine], index: int, meta: Metadata
) -> None:
    """The position over a closing name found with no signature block (``_read_closing_name``):
    the line right above the name when it names a position; or, when that line is unreadable
    but ends as the position named on the line above it does ("CHỦ TỊCH" over "…U TỊCH"),
    the deputy's: under Nghị định 30/2020 a head's title printed over another line ending
    alike is "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH", the deputy signing for the head (the
    "KT." lost), so the position is inferred (``suy_dien``)."""
    above = [i for i in range(index - 1, max(-1, index - 3), -1) if lines[i].strip()]
    if not above:
        return
    role = match_role(lines[above[0]])
    if role:
        meta.nguoi_ky.chuc_vu = role
        note(meta, "nguoi_ky.chuc_vu", sources[above[0]], 0.7)
        return
    head = match_role(lines[above[1]]) if len(above) > 1 else None
    deputy = deputy_of(head) if head else None
    if head and deputy and _ends_as(lines[above[0]], head):
        _infer_deputy(meta.nguoi_ky, deputy, sources[above[0]], meta)


def deputy_of(role: str) -> str | None:
    """The deputy's title of a head's (``ROLES``): "CHỦ TỊCH" -> "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG"
    -> "THỨ TRƯỞNG"; None for a deputy's own title or one with no deputy listed."""
    if role == "BỘ TRƯỞNG":
        return "THỨ TRƯỞNG"
    deputy = f"PHÓ {role}"
    return deputy if not role.startswith("PHÓ ") and deputy in ROLES else None


def _read_authority(
    lines: list[str], sources: list[SourceLine], zone: range, signer: Signer, meta: Metadata
) -> int:
    """The authority lines (TM./KT./…) and the position under them; return the last
    line read (before the zone when none)."""
    last = zone.start - 1
    for index in zone:
        line = lines[index]
        position = authority_at(line)
        if position is not None:
            if signer.chuc_vu is None:
                authority, role = _split_authority(line[position:])
                signer.tham_quyen.append(authority)
                if role:  # "TM. CHÍNH PHỦ THỦ TƯỚNG" on one line
                    signer.chuc_vu = role
                    note(meta, "nguoi_ky.chuc_vu", sources[index], 0.9)
                note(meta, "nguoi_ky.tham_quyen", sources[index], 1.0)
            last = index
            continue
        if signer.tham_quyen and signer.chuc_vu is None:
            role = match_role(line) or match_role(_trailing_caps(line))
            if role:
                signer.chuc_vu = role
                note(meta, "nguoi_ky.chuc_vu", sources[index], 1.0)
                last = index
    return last


def _read_own_role(
    lines: list[str],
    sources: list[SourceLine],
    zone: range,
    signer: Signer,
    meta: Metadata,
    last: int,
) -> int:
    """A head signing in person: no authority line, the position, then the name."""
    for index in zone:
        role = match_role(lines[index])
        if role:
            signer.chuc_vu = role
            note(meta, "nguoi_ky.chuc_vu", sources[index], 0.9)
            return index
    return last


def _read_deputy(
    lines: list[str],
    sources: list[SourceLine],
    zone: range,
    signer: Signer,
    meta: Metadata,
    last: int,
) -> int:
    """ "KT. CHỦ TỊCH" read, the position under it not: when the first line under the
    authority ends as the head's title does ("…U TỊCH"), it is the deputy's title ("PHÓ CHỦ
    TỊCH", Nghị định 30/2020: the deputy signs for the head), inferred (``suy_dien``)."""
    authority = signer.tham_quyen[-1]
    head = match_role(authority.removeprefix("KT.")) if authority.startswith("KT.") else None
    deputy = deputy_of(head) if head else None
    index = next((i for i in zone if lines[i].strip()), None)
    if deputy is None or head is None or index is None:
        return last
    if _ends_as(lines[index], head):
        _infer_deputy(signer, deputy, sources[index], meta)
        return index
    return last


def _ends_as(line: str, title: str) -> bool:
    """Does ``line`` end with ``title``'s last word, marks and case folded ("…U TỊCH" and
    "CHỦ TỊCH")?"""
    return fold(line).split()[-1:] == fold(title).split()[-1:]


def _infer_deputy(signer: Signer, deputy: str, source: SourceLine, meta: Metadata) -> None:
    """The deputy's title set as inferred, not read: confidence 0.5, listed in ``suy_dien``."""
    signer.chuc_vu = deputy
    note(meta, "nguoi_ky.chuc_vu", source, 0.5)
    meta.suy_dien.append("nguoi_ky.chuc_vu")


def _read_name(
    lines: list[str], sources: list[SourceLine], zone: range, signer: Signer, meta: Metadata
) -> None:
    """The signer's name: the first line below the position that reads as a name."""
    for index in zone:
        line = _without_signed_mark(lines[index]).strip(SPECKS)
        if NAME_RE.match(line) and not match_role(line) and not canonical_body(line):
            signer.ho_ten, repaired = repair_name(line)
            note(meta, "nguoi_ky.ho_ten", sources[index], 0.8 if repaired else 1.0)
            return


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


def authority_at(line: str) -> int | None:
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


def read_recipients(lines: list[str], start: int, meta: Metadata) -> None:
    index = next(
        (i for i in range(start, min(len(lines), start + 40)) if is_recipients_line(lines[i])),
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
    position = authority_at(line)
    if position is not None:
        line = line[:position]
    tail = _trailing_caps(line)
    if tail and match_role(tail):
        line = line[: len(line.rstrip()) - len(tail)]
    elif match_role(line) or (NAME_RE.match(line.strip()) and not line.startswith("-")):
        return ""
    return line.strip()
