"""The title block: the type heading ("QUYẾT ĐỊNH", "KẾ HOẠCH"), the trích yếu under it up to
the body (bounded, centred under the heading on a page with boxes), and the authority a
decision names in capitals before "Căn cứ". A heading OCR damaged past the vocabulary's
tolerant match (a word lost: "QUYẾT") is found at its place on the page: after the header,
centred, part of one type's name only.
"""

from __future__ import annotations

import regex

from sohoa.extract.admin_vocab import (
    DOCUMENT_TYPES,
    ROLES,
    canonical_body,
    fold,
    is_type_heading,
    is_upper,
    match_type,
    similar,
    starts_body,
)
from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_header import HEADER_DATE_RE, number_line
from sohoa.extract.metadata_signature import authority_at, is_recipients_line
from sohoa.extract.metadata_text import RULE_RE, SPECKS, clean_title, note
from sohoa.model import Metadata

# A type heading OCR damaged ("QUYẾT" with its "ĐỊNH" lost, "HOẠCH" with its "KẾ"): each word
# read is this alike to the type's word at its place, and the words hold this many letters
DAMAGED_WORD_SIMILARITY = 80
DAMAGED_MIN_LETTERS = 4
# a heading is centred on the page's text: its centre at most this share of its width off
DAMAGED_CENTRE_SHARE = 0.25


def type_heading(lines: list[str]) -> int | None:
    """Index of the type heading ("KẾ HOẠCH", "QUYẾT ĐỊNH") near the top, before the body."""
    for index, line in enumerate(lines[:25]):
        if starts_body(line) and index >= 3:
            return None  # a heading under the preamble ("QUYẾT ĐỊNH:") is not the title's
        if is_type_heading(line):
            return index
    return None


def damaged_type_heading(lines: list[str], sources: list[SourceLine]) -> tuple[int, str] | None:
    """A type heading OCR damaged past ``is_type_heading``, found at a heading's place: after
    the header's number or date line and before the body, a short line in capitals whose
    words are part of a type's name ("QUYẾT" of "QUYẾT ĐỊNH" or of "NGHỊ QUYẾT") and which,
    with the rest of that name, would stand centred on the page's text: one type only. The
    type is the vocabulary's name."""
    after_header = False
    for index, line in enumerate(lines[:25]):
        if starts_body(line):
            return None
        if not after_header:
            folded = fold(line)
            after_header = bool(number_line(line.lstrip(SPECKS)) or HEADER_DATE_RE.search(folded))
            continue
        found = _centred_type(line, sources, index)
        if found:
            return index, found
    return None


def type_parts(line: str) -> list[tuple[str, int]]:
    """The document types whose name holds the line's words in order, some of its words
    lost ("QUYẾT"), and where in the name they start."""
    if line.rstrip().endswith(":") or not is_upper(line):
        return []
    words = regex.findall(r"\p{L}+", fold(line))
    if not 0 < len(words) <= 3 or sum(len(w) for w in words) < DAMAGED_MIN_LETTERS:
        return []
    found = []
    for name in DOCUMENT_TYPES:
        parts = fold(name).split()
        for start in range(len(parts) - len(words) + 1 if len(words) < len(parts) else 0):
            pairs = zip(words, parts[start : start + len(words)], strict=True)
            if all(similar(w, n) >= DAMAGED_WORD_SIMILARITY for w, n in pairs):
                found.append((name, start))
    return found


def _centred_type(line: str, sources: list[SourceLine], index: int) -> str | None:
    """The one type of ``type_parts`` whose whole name, the words lost put back on their
    side at the size of the words read, would stand centred on the page's text."""
    box, page = sources[index].bbox, sources[index].page
    boxes = [s.bbox for s in sources if s.bbox is not None and s.page == page]
    parts = type_parts(line)
    if box is None or not parts:
        return None
    centre = (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2
    read = " ".join(regex.findall(r"\p{L}+", fold(line)))
    centred = set()
    for name, start in parts:
        width = (box[2] - box[0]) * len(name) / len(read)  # the whole name's
        if start > 0 and start + len(read.split()) == len(name.split()):
            middle = box[2] - width / 2  # the words lost stood on the left
        else:
            middle = box[0] + width / 2 if start == 0 else (box[0] + box[2]) / 2
        if abs(middle - centre) <= DAMAGED_CENTRE_SHARE * width:
            centred.add(name)
    return centred.pop() if len(centred) == 1 else None


def body_start(lines: list[str], start: int, limit: int) -> int:
    for index in range(start, min(len(lines), start + limit)):
        if starts_body(lines[index]):
            return index
    return min(len(lines), start + limit)


def read_title(
    lines: list[str],
    sources: list[SourceLine],
    start: int,
    meta: Metadata,
    centred_on: SourceLine | None = None,
) -> int:
    """Trích yếu: the lines under the type heading up to the rule line or the body.

    A title is in lower case ("Về việc …"), or in capitals right under the heading of a law
    ("LUẬT / HẢI QUAN"); a body's or a role's name in capitals there is the authority line.
    Its lines are centred on the heading's, or on ``centred_on`` (its own first line, under
    a heading that lost a word and with it its centre).
    """
    anchor = centred_on or sources[start - 1]
    parts: list[str] = []
    index = start
    while index < len(lines) and len(parts) < 6:
        line = lines[index]
        if RULE_RE.match(line) or starts_body(line) or line.startswith("("):
            break
        if _off_centre(anchor, sources[index]):
            break  # the body's first line (indented) or a line set flush left
        if is_recipients_line(line) or authority_at(line) is not None:
            break
        if parts and line.rstrip().endswith((".", ":")) and not parts[-1].endswith(","):
            break  # a sentence: the body's first paragraph (a trích yếu has no full stop)
        # "I/2018", "IIII2018" (a quarter) ending a title are no heading in capitals
        if is_upper(line) and not regex.fullmatch(r"[IVXl|\d/\s.,-]+", line):
            capital_title = index == start or (parts and all(is_upper(p) for p in parts))
            if not capital_title or canonical_body(line) or names_a_role(line):
                break
        parts.append(line)
        index += 1
    if parts:
        meta.trich_yeu = clean_title(" ".join(parts))
        used = sources[start:index]
        note(meta, "trich_yeu", min(used, key=lambda s: s.confidence), 1.0)
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


def names_a_role(line: str) -> bool:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN": a person's office, not the issuing body."""
    folded = " ".join(fold(line).split())
    return any(folded.startswith(fold(role)) for role in ROLES)


def authority_line(lines: list[str], start: int) -> str | None:
    """A decision names its issuing authority in capitals between the title and "Căn cứ"."""
    for line in lines[start : start + 3]:
        if starts_body(line):
            return None
        if is_upper(line) and not match_type(line):
            return canonical_body(line) or " ".join(line.split())
    return None
