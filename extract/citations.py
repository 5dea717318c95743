"""Citations of other documents: "Quyết định số 523/QĐ-UBND ngày 03/11/2020 của UBND tỉnh ...".

Finds every cited document number in running text with its type, date and issuer, and
the relation the sentence states (căn cứ, thực hiện, thay thế, kèm theo, ...). Tolerates
OCR noise: missing marks, "s6"/"sb" for "số", "QD"/"Qb" for "QĐ", spaces around "/".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from sohoa.extract.admin_vocab import (
    RELATIONS,
    TYPE_BY_CODE,
    canonical_code,
    fold,
    match_type,
    similar,
)
from sohoa.model import Reference

# 523/QĐ-UBND, 49 /KH-UBND, 30/2020/NĐ-CP, 838/TTr-SKH-CN; party style 38-CT/TW.
# The number may be blank in a draft ("số    /KH-UBND"); callers decide what that means.
_CODE = r"\p{Lu}[\p{L}&]{0,5}(?:\s?[-–—]\s?\p{Lu}[\p{L}&0-9.]{0,9}){0,3}"
NUMBER_RE = regex.compile(
    rf"(?<![\p{{L}}\d/])(?P<num>\d{{1,5}})?\s{{0,8}}(?:/\s?(?P<year>(?:19|20)\d\d)\s?)?"
    rf"/\s?(?P<code>{_CODE})"
    rf"|(?<![\p{{L}}\d/])(?P<pnum>\d{{1,5}})\s?-\s?(?P<pcode>\p{{Lu}}{{1,5}}/\p{{Lu}}{{1,5}})"
)
# Dates in folded text: "ngay 03/11/2020", "ngay 03 thang 11 nam 2020", blanks allowed.
DATE_NUMERIC_RE = regex.compile(
    r"ng\w{0,3}\s*(?P<d>\d{1,2})?\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d\d)\b"
)
DATE_WORDS_RE = regex.compile(
    r"ng\w{0,3}\s*(?P<d>\d{1,2})?\s*th\w{1,4}\s*(?P<m>\d{1,2})?\s*n\w{1,3}\s*(?P<y>(?:19|20)\d\d)\b"
)
_OF_RE = regex.compile(r"^\s*[,;]?\s*c\w{0,2}a\s+")  # "của" and its OCR forms (cua, ciia, cta)
# Sentences end at a full stop; a ";" separates the clauses of one (the items of a
# "Căn cứ ...; Căn cứ ...;" or "Thực hiện A; B; ..." list share the sentence's relation).
_SENTENCE_END_RE = regex.compile(r"(?<=[.!?:])\s+(?=[\p{Lu}(“\"+•-]|[a-zđ]\)|\d{1,2}[.)]\s)")
_CLAUSE_END_RE = regex.compile(r"(?<=;)\s+")
# Words that end an issuer's name: "của Thủ tướng Chính phủ về ...", "... phê duyệt ..."
_ISSUER_STOP_WORDS = {"ve", "tai", "theo", "sau", "nham", "de"}
_ISSUER_STOP_PAIRS = {"ban hanh", "phe duyet", "quy dinh", "trien khai", "huong dan"}


@dataclass
class Citation:
    """One citation as found in a sentence; ``start`` is its offset in that sentence."""

    start: int
    so_hieu: str | None
    code: str
    loai_van_ban: str | None
    ngay_ban_hanh: str | None
    co_quan_ban_hanh: str | None


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO 8601, with reduced precision where the document leaves the day (or month) blank."""
    if not year:
        return None
    try:
        if month and day:
            return datetime.date(int(year), int(month), int(day)).isoformat()
        if month and 1 <= int(month) <= 12:
            return f"{int(year):04d}-{int(month):02d}"
    except ValueError:
        return None
    return f"{int(year):04d}"


def find_date(folded: str, start: int = 0, within: int | None = None) -> regex.Match | None:
    """The first date in ``folded[start:]`` (starting within ``within`` characters)."""
    found = [
        m for m in (DATE_NUMERIC_RE.search(folded, start), DATE_WORDS_RE.search(folded, start)) if m
    ]
    found = [m for m in found if within is None or m.start() - start <= within]
    return min(found, key=lambda m: m.start()) if found else None


def date_of(match: regex.Match) -> str | None:
    return iso_date(match.group("d"), match.group("m"), match.group("y"))


def split_sentences(text: str) -> list[str]:
    """Sentences of running text; a line in capitals (a heading) stands alone."""
    sentences: list[str] = []
    chunk: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip() and not _is_heading(line):
            chunk.append(line)
            continue
        joined = " ".join(" ".join(chunk).split())
        sentences.extend(s.strip() for s in _SENTENCE_END_RE.split(joined) if s.strip())
        chunk = []
        if line.strip():
            sentences.append(" ".join(line.split()))
    return sentences


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_so(token: str) -> bool:
    """ "số" and its OCR forms: so, s6, sb, sé, s0, s."""
    folded = fold(token).strip(".:")
    return folded.startswith("s") and len(folded) <= 2


def _type_before(sentence: str, start: int) -> str | None:
    """The document type named just before a number ("Kế hoạch số 409/...")."""
    words = sentence[:start].split()
    if words and _is_so(words[-1]):
        words = words[:-1]
    for size in (3, 2, 1):
        if len(words) >= size:
            found = match_type(" ".join(words[-size:]))
            if found:
                return found
    return None


def _issuer_after(sentence: str, folded: str, start: int) -> str | None:
    """ "của UBND tỉnh Bắc Giang (cũ) và ..." -> "UBND tỉnh Bắc Giang"."""
    of = _OF_RE.match(folded[start:])
    if not of:
        return None
    words: list[str] = []
    tokens = sentence[start + of.end() :].split()[:10]
    for index, token in enumerate(tokens):
        bare = fold(token).strip(",;.()")
        pair = f"{bare} {fold(tokens[index + 1]) if index + 1 < len(tokens) else ''}".strip()
        if token.startswith(("(", "“", '"')) or not bare:
            break
        if bare in _ISSUER_STOP_WORDS or pair in _ISSUER_STOP_PAIRS:
            break
        if bare == "va" and _names_type(sentence[start + of.end() :], len(words) + 1):
            break  # "... Bắc Giang và Quyết định số ..." ends here; "Khoa học và Công nghệ" not
        words.append(token.rstrip(",;."))
        if token.endswith((",", ";", ".", ")")):
            break
    while words and fold(words[-1]) in ("va", "cua"):
        words.pop()
    return " ".join(words) or None


def _names_type(text: str, index: int) -> bool:
    words = text.split()[index : index + 3]
    return any(match_type(" ".join(words[:size])) for size in (3, 2, 1))


def find_citations(sentence: str) -> list[Citation]:
    """Every document number cited in one sentence, with its type, date and issuer."""
    folded = fold(sentence)
    citations: list[Citation] = []
    for match in NUMBER_RE.finditer(sentence):
        if _is_alias(folded, match.start()):
            continue
        if match.group("pcode"):
            number, code = match.group("pnum"), match.group("pcode")
            so_hieu = f"{number}-{code}"
            type_code = code.split("/")[0]
        else:
            number, code = match.group("num"), canonical_code(match.group("code").rstrip("."))
            before = sentence[: match.start()].split()
            if not number and not (before and _is_so(before[-1])):
                continue  # "/KH-UBND" without "số" before it is no citation
            year = match.group("year")
            so_hieu = (
                f"{number}/{year}/{code}"
                if year and number
                else (f"{number}/{code}" if number else None)
            )
            type_code = code.split("-")[0]
        end = match.end()
        date = find_date(folded, end, within=6)
        if date:
            end = date.end()
        citations.append(
            Citation(
                start=match.start(),
                so_hieu=so_hieu,
                code=code,
                loai_van_ban=_type_before(sentence, match.start()) or TYPE_BY_CODE.get(type_code),
                ngay_ban_hanh=date_of(date) if date else None,
                co_quan_ban_hanh=_issuer_after(sentence, folded, end),
            )
        )
    return citations


def _is_alias(folded: str, position: int) -> bool:
    """Inside "(sau đây viết tắt là Quyết định số 1322/QĐ-TTg)": a repeat, not a citation."""
    opening = folded.rfind("(", 0, position)
    return (
        opening >= 0
        and ")" not in folded[opening:position]
        and ("viet tat" in folded[opening:position] or "sau day" in folded[opening:position])
    )


def relation_at(sentence: str, position: int) -> str | None:
    """The relation stated for the citation at ``position``.

    A keyword heading the sentence ("Căn cứ ...", "Thực hiện A; B; ...") covers every
    citation in it; one further in must stand close before the citation, in its clause
    ("Kế hoạch này thay thế Kế hoạch số 409/... và Quyết định số 523/...").
    """
    clause_start = sentence.rfind(";", 0, position) + 1
    tokens = [
        (m.start(), fold(m.group()).strip(',.;:()“”"')) for m in regex.finditer(r"\S+", sentence)
    ]
    # the first word after any list marker ("a)", "1.", "-")
    first_word = next((i for i, (_, t) in enumerate(tokens) if t.isalpha() and len(t) > 1), 0)
    found: tuple[int, str] | None = None
    for relation in RELATIONS:
        target = fold(relation)
        size = len(target.split())
        for i in range(len(tokens) - size + 1):
            if tokens[i][0] >= position:
                break
            window = " ".join(t for _, t in tokens[i : i + size])
            close = similar(window, target) >= 80 if len(target) >= 8 else window == target
            heads = i == first_word
            near = (
                tokens[i][0] >= clause_start
                and len(sentence[tokens[i][0] : position].split()) <= 30
            )
            if close and (heads or near) and (found is None or tokens[i][0] > found[0]):
                found = (tokens[i][0], relation)
    return found[1] if found else None


def _starts_with(sentence: str, phrase: str) -> bool:
    words = fold(sentence).split()
    target = fold(phrase)
    return similar(" ".join(words[: len(target.split())]), target) >= 80


def references_in(text: str, own_number: str | None) -> list[Reference]:
    """Every other document the text cites, once each, with the relation where stated.

    Citations of the document itself (its own number, or a blank draft number) are left
    out. A "Căn cứ" clause citing a law without a number still gives a reference.
    """
    references: dict[str, Reference] = {}
    for sentence in split_sentences(text):
        citations = [c for c in find_citations(sentence) if c.so_hieu]
        for citation in citations:
            if citation.so_hieu == own_number:
                continue
            relation = relation_at(sentence, citation.start)
            known = references.get(citation.so_hieu)
            if known is not None:
                known.quan_he = known.quan_he or relation
                known.ngay_ban_hanh = known.ngay_ban_hanh or citation.ngay_ban_hanh
                known.co_quan_ban_hanh = known.co_quan_ban_hanh or citation.co_quan_ban_hanh
                continue
            references[citation.so_hieu] = Reference(
                so_hieu=citation.so_hieu,
                loai_van_ban=citation.loai_van_ban,
                ngay_ban_hanh=citation.ngay_ban_hanh,
                co_quan_ban_hanh=citation.co_quan_ban_hanh,
                quan_he=relation,
                trich_dan=_clause_at(sentence, citation.start)[:500],
            )
        for clause in _CLAUSE_END_RE.split(sentence):
            if _starts_with(clause, "căn cứ") and not any(
                c.so_hieu for c in find_citations(clause)
            ):
                unnumbered = _unnumbered_basis(clause)
                if unnumbered is not None:
                    references.setdefault(f"\0{clause}", unnumbered)
    return list(references.values())


def _clause_at(sentence: str, position: int) -> str:
    """The ";"-clause of ``sentence`` holding ``position``: the citation's own words."""
    start = sentence.rfind(";", 0, position) + 1
    end = sentence.find(";", position)
    return sentence[start : end + 1 if end >= 0 else len(sentence)].strip()


def _unnumbered_basis(sentence: str) -> Reference | None:
    """ "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;".

    "Căn cứ Kế hoạch này ..." speaks of the document itself and gives nothing.
    """
    words = sentence.split()[2:6]
    size, kind = next(
        ((size, found) for size in (3, 2, 1) if (found := match_type(" ".join(words[:size])))),
        (0, None),
    )
    if kind is None or fold(" ".join(words[size : size + 1])).strip(",.;") == "nay":
        return None
    folded = fold(sentence)
    date = find_date(folded)
    return Reference(
        loai_van_ban=kind,
        ngay_ban_hanh=date_of(date) if date else None,
        co_quan_ban_hanh=_issuer_after(sentence, folded, date.end()) if date else None,
        quan_he="căn cứ",
        trich_dan=sentence[:500],
    )
