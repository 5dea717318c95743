"""The title block: the type heading ("QUYẾT ĐỊNH", "KẾ HOẠCH"), the trích yếu under it up to
the body (bounded, centred under the heading on a page with boxes), and the authority a
decision names in capitals before "Căn cứ".
"""

from __future__ import annotations

import regex

from sohoa.extract.admin_vocab import (
    ROLES,
    canonical_body,
    fold,
    is_type_heading,
    is_upper,
    match_type,
    starts_body,
)
from sohoa.extract.layout_lines import SourceLine
from sohoa.extract.metadata_signature import authority_at, is_recipients_line
from sohoa.extract.metadata_text import RULE_RE, clean_title, note
from sohoa.model import Metadata


def type_heading(lines: list[str]) -> int | None:
    """Index of the type heading ("KẾ HOẠCH", "QUYẾT ĐỊNH") near the top, before the body."""
    for index, line in enumerate(lines[:25]):
        if starts_body(line) and index >= 3:
            return None  # a heading under the preamble ("QUYẾT ĐỊNH:") is not the title's
        if is_type_heading(line):
            return index
    return None


def body_start(lines: list[str], start: int, limit: int) -> int:
    for index in range(start, min(len(lines), start + limit)):
        if starts_body(lines[index]):
            return index
    return min(len(lines), start + limit)


def read_title(lines: list[str], sources: list[SourceLine], start: int, meta: Metadata) -> int:
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
