"""The lead agency's name of a budget row (Phụ lục II) wrapped in its narrow cell.

Read across by old OCR, the lead's cell takes a line or more of a row's agency text beside
the partner's (``budget_agencies.lead_and_partner`` shares the lines out). Its name may go
on on the line below ("Sở Tài" / "chính"), wait for its level ("Văn phòng" / "UBND" |
"tỉnh"), or be followed by specks read off the partner's cell ("Sở Y tế 0"): this module
tells where the lead's name ends in each case.
"""

from __future__ import annotations

import regex

from sohoa.extract.agency_heads import words_going_on
from sohoa.extract.agency_names import misread
from sohoa.extract.interleaved import is_so_lookalike
from sohoa.extract.structure import fold
from sohoa.extract.wrapped_names import known_name, known_name_size
from sohoa.normalize.unicode import strip_marks


def _speck(word: str) -> bool:
    """A speck read beside a name: two letters at most, never the name's own "và"."""
    return len(fold(word)) <= 2 and fold(word) != "va"


def specks_after_the_name(lead: str) -> tuple[str, str]:
    """(the lead's name, the specks read after it) of a lead that is "Sở" and a known
    sector's name, whole, then specks that are no word of it ("Sở Y tế 0", "S@ KH&CN Paar",
    "Sở Xây dựng JCA": no syllable, or two letters at most, never "và"): nothing lengthens
    a whole name, so they were read off the partner's cell beside it, where they go."""
    words = lead.split()
    size = known_name_size(words) if len(words) > 2 else 0
    if not size or not is_so_lookalike(strip_marks(words[0]), words[1]):
        return lead, ""
    tail = words[size:]
    speck = [_speck(w) or (misread(w) and fold(w) != "va") for w in tail]
    if not tail or not all(speck):  # "Sở Giáo dục và": the name goes on below
        return lead, ""
    return " ".join(words[:size]), " ".join(tail)


def _is_known_name(words: list[str]) -> bool:
    """Whether ``words`` after a "Sở" (as OCR read it) are a known name, whole."""
    return known_name(" ".join(["So", *(strip_marks(w) for w in words)])) is not None


SPECKS_BEFORE = 2  # specks read before a name's end on the line below ("ả Đào tạo")


def lead_name_going_on(lead: str, fragment: str) -> tuple[list[str], list[str]]:
    """([the lead's words], [the rest]) of a line below the lead's: when the lead so far
    is "Sở" and the beginning of a known name ("Sở Tài", "Sở Khoa học và":
    ``wrapped_names.known_name``), the words that start the line and make it whole
    ("chính", "Công nghệ") end the lead's name, wrapped in its narrow cell; the rest is
    the partner's. Specks read before them (``SPECKS_BEFORE`` at most, two letters each:
    "ả Đào tạo") are no word of the name: they stay with the rest, as read."""
    words = lead.split()
    line = fragment.split()
    if len(words) < 2 or not is_so_lookalike(strip_marks(words[0]), words[1]):
        return _grammar_going_on(lead, line)
    if _is_known_name(words[1:]):
        return [], [fragment]
    for skip in range(min(SPECKS_BEFORE, len(line) - 1) + 1):
        if not all(map(_speck, line[:skip])):
            break
        for size in range(len(line) - skip, 0, -1):
            end = skip + size
            if _is_known_name([*words[1:], *line[skip:end]]):
                return line[skip:end], [" ".join(line[:skip] + line[end:])]
    return [], [fragment]


def lead_begun_above(line: str, below: str) -> tuple[str, str] | None:
    """(the lead's words, the specks after them) of a line of one part read right above
    the row's first line holding both cells, when it begins a "Sở" name that the lead's
    part below makes a known name whole ("Sở Giáo dục và" / "Đào tạo | UBND cấp xã";
    "Sở Khoa học wm" / "Và Công nghệ | UBND cấp xã"): the lead's narrow cell wrapped, its
    first line read alone. The specks after the name begun ("wm": two letters at most)
    were read off the partner's cell beside it. ``None`` when the line begins no such
    name (a partner's list, "Các Sở, ban,", starts higher: the taller cell)."""
    words = line.split()
    end = len(words)
    while end > 2 and _speck(words[end - 1]):
        end -= 1
    if end < 2 or not is_so_lookalike(strip_marks(words[0]), words[1]):
        return None
    name_end, _ = lead_name_going_on(" ".join(words[:end]), below)
    return (" ".join(words[:end]), " ".join(words[end:])) if name_end else None


def _grammar_going_on(lead: str, line: list[str]) -> tuple[list[str], list[str]]:
    """([the lead's words], [the rest]) of a line below when the lead is no "Sở" but
    another name that must go on ("UBND cấp" / "xã to chtrc"): the line's first words
    that go on with it by the grammar of ``agency_names`` (``words_going_on``)."""
    size = words_going_on(lead, line)
    return line[:size], [" ".join(line[size:])]


# "UBND" or "cấp" waiting for its level ("tỉnh", "huyện", "xã": "x4", "x&" as OCR reads "ã").
_NEEDS_LEVEL = regex.compile(r"(?:ubnd|cap)")
_LEVEL = regex.compile(r"(?:tinh|huyen|x[a4&8])[,;.]?")


def _needs_level(text: str) -> bool:
    words = text.split()
    return bool(words) and _NEEDS_LEVEL.fullmatch(strip_marks(words[-1]).lower()) is not None


def levels_to_the_lead(parts: list[list[str]]) -> list[list[str]]:
    """A lead wrapped in its narrow cell ("Văn phòng" / "UBND tỉnh") whose level word was
    split off with the partner's part of the line ("UBND" | "tỉnh đơn vị liên quan"): a
    lower-case level word that starts the partner's part goes back to the lead when the
    lead so far ends "UBND"/"cấp" waiting for it. When the partner's list so far also
    waits ("… UBND cấp" / "tỉnh xã, Tổ chức"), the lead (the left cell) takes the first of
    two level words and the partner the second; with one, the partner keeps it, unless
    "cấp" and its own level follow ("tỉnh cấp xã")."""
    out: list[list[str]] = []
    lead: list[str] = []
    partner: list[str] = []
    for p in parts:
        if len(p) >= 2 and _needs_level(" ".join([*lead, p[0]])):
            words = p[1].split()
            levels = 0
            while levels < len(words) and _LEVEL.fullmatch(strip_marks(words[levels])):
                levels += 1
            tiered = _needs_level(" ".join(words[levels : levels + 1]))  # "tỉnh cấp xã"
            own = levels == 1 and (tiered or not _needs_level(" ".join(partner)))
            take = 1 if levels >= 2 or own else 0
            p = [f"{p[0]} {' '.join(words[:take])}".strip(), " ".join(words[take:]), *p[2:]]
        if len(p) >= 2:
            lead.append(p[0])
            partner.append(p[1])
        out.append(p)
    return out
