"""The lines of an appendix flattened in text: what a line is and the cells it holds.

A row starts with its number (``NUMBERED_LINE``: "1", "1.1", "2.3." and maybe the row's
first text), a section with a Roman numeral (``SECTION``, or ``OCR_SECTION`` as old OCR
reads it); a line of amounts is split into cells by its spacing (one space between cells,
two for an empty cell: ``amount_cells``) or, read across a row by old OCR, found as the
longest run of amounts (``amount_run``); the text lines of a row are joined into cells
(``group_fragments``, ``join_text``). ``extract/flattened.py`` puts these together.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.amounts import DASHES, looks_like_amount
from sohoa.extract.rebuild_edits import note_joined
from sohoa.extract.structure import clean, fold

# "Phụ lục", as old OCR also writes it: "Phu Iuc II", "Phulucl" (the numeral run on)
CAPTION = regex.compile(r"^\s*ph[uụ]\s*[lI|][uụ]c(?:\b|[lI|1]{1,3}\b)", regex.IGNORECASE)
# a line starting with a row number ("1", "1.2", "2.3."), then maybe the row's first text
NUMBERED_LINE = regex.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)(?:\s+(.*))?$")
SECTION = regex.compile(r"^([IVX]{1,4})\.\s+\S")

# a section numeral as old OCR reads it: "IL.", "I1.", "II1.", with a small stroke "Iv.",
# "|i." (numbering.py repairs it)
OCR_SECTION = regex.compile(r"^(?=[IVXLl1|iv]*[IVXl|])[IVXLl1|iv]{1,4}[.,]\s+\p{Lu}")
AGENCY = regex.compile(
    r"^(Sở|Các\s+[Ss]ở|Các\s+cơ|Các\s+tổ|Các\s+đơn|UBND|Ủy\s+ban|Uỷ\s+ban|Ban\s|Thanh\s+tra|"
    r"Bộ\s|Chi\s+cục|Trung\s+tâm|Công\s+an|Văn\s+phòng|Đài|Báo)"
)
TIME = regex.compile(r"^(Hằng|Hàng|Năm|Quý|Tháng|20\d\d|Thường)", regex.IGNORECASE)
CONTINUES = regex.compile(r"(;|,|\bvà|\bcác|\bcó|\bcủa|\bvề|\btheo)$")

# a lone "0" in a run of amounts read as a letter (and marked by the restorer: "ô")
ZERO_LOOKALIKES = ("o", "O", "ô", "Ô")
PAGE_BREAK = "\f"  # marks where a repeated page header was dropped
TOTAL_ROW_LABELS = ("tong", "tongcong")  # "Tổng", "Tổng cộng" folded: a budget's total row


def total_label(read: str) -> str:
    """The label a budget's total row read ``read`` (its label, maybe its amounts) is
    written: "Tổng cộng" when the label folds to it, one slip allowed or each "ô" misread
    ("Téng cong", "T6ng c6ng": both its words kept), else "Tổng" ("Téng", "T6ng")."""
    label = fold(" ".join(t for t in read.split() if not looks_like_amount(t.strip("|[]{}"))))
    whole = regex.fullmatch(r"t[oe60]ngc[oe60]ng", label) is not None
    return "Tổng cộng" if whole or Levenshtein.distance(label, "tongcong") <= 1 else "Tổng"


def add_page_break(lines: list[str]) -> None:
    """A ``PAGE_BREAK`` after ``lines`` unless they end in one already: one break for a new
    page, however many signs of it (a repeated header, a form feed, a blank-line join)."""
    if lines[-1:] != [PAGE_BREAK]:
        lines.append(PAGE_BREAK)


def amount_cells(line: str, n_amounts: int) -> tuple[list[str], list[str]] | None:
    """Split a line of amounts into cells; single spaces separate, "  " is an empty cell."""
    tokens = line.split(" ")
    numeric = [t for t in tokens if t]
    if not numeric or not all(looks_like_amount(t) or t in DASHES for t in numeric[:3]):
        return None
    cells: list[str] = []
    rest: list[str] = []
    for index, token in enumerate(tokens):
        if len(cells) >= n_amounts:
            rest = [t for t in tokens[index:] if t]
            break
        if token and not (looks_like_amount(token) or token in DASHES):
            rest = [t for t in tokens[index:] if t]
            break
        cells.append(token)
    if len([c for c in cells if c]) < 2:
        return None
    cells = (cells + [""] * n_amounts)[:n_amounts]
    return cells, rest


def amount_run(line: str) -> tuple[str, list[str], str] | None:
    """(text before, amounts, text after) of the longest run of three amounts or more in a
    line read across a budget row; dashes count as amounts, a row number does not; rulings
    read as "|" are no part of a cell ("|10" is 10), and "o" inside a run is 0."""
    words = [w.strip("|") for w in line.split() if w.strip("|\\")]
    best: tuple[int, int] = (0, 0)
    k = 0
    while k < len(words):
        j = k
        while j < len(words) and (
            looks_like_amount(words[j])
            or words[j] in DASHES
            or (j > k and words[j] in ZERO_LOOKALIKES)  # a zero read as a letter
        ):
            j += 1
        if j - k > best[1] - best[0]:
            best = (k, j)
        k = max(j, k + 1)
    start, end = best
    values = ["0" if v in ZERO_LOOKALIKES else v for v in words[start:end]]
    if len(values) < 3 or sum(v not in DASHES for v in values) < 1:
        return None
    return " ".join(words[:start]), values, " ".join(words[end:])


_CELL_TOKENS = regex.compile(r"\||[^\s|]+")  # a ruling read "|", or a word between rulings


def with_ruled_blanks(line: str, values: list[str]) -> list[str]:
    """A run of amounts (``values``, as ``amount_run`` read them in ``line``) with the
    blank cells between them that old OCR read as two rulings with nothing between ("| 40 |
    | 20 |": a year left blank) put back, empty, where they stand: the rulings part the
    cells. ``values`` as they are when they are not so read in the line."""
    cells: list[str] = []
    end = -1  # where the last ruling read ends
    for match in _CELL_TOKENS.finditer(line):
        if match.group() != "|":
            cells.append(match.group())
        elif end >= 0 and line[end : match.start()].isspace():
            cells.append("")  # two rulings with a space between: an empty cell
        end = match.end() if match.group() == "|" else -1
    words = [k for k, cell in enumerate(cells) if cell]
    for start in range(len(words) - len(values) + 1 if values else 0):
        run = words[start : start + len(values)]
        if [cells[k] for k in run] == values:
            return cells[run[0] : run[-1] + 1]
    return values


def is_amount_line(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(looks_like_amount(t) or t in DASHES for t in tokens)


def merge_amount_lines(fragments: list[str]) -> list[str]:
    """Old OCR may put a row's amounts one or two cells per line ("640", "160 0", "160 0"):
    a run of two or more such short lines holding only amounts is one line of amounts.
    (A line of three amounts or more is already a whole row's, its spacing meaningful.)"""
    merged: list[str] = []
    run: list[str] = []
    for fragment in [*fragments, ""]:
        if fragment != PAGE_BREAK and is_amount_line(fragment) and len(fragment.split()) <= 2:
            run.append(fragment.strip())
            continue
        if len(run) >= 2:
            merged.append(" ".join(run))
        else:
            merged.extend(run)
        run = []
        merged.append(fragment)
    return merged[:-1]


def join_text(fragments: list[str]) -> str:
    """Join a cell's lines; a line ending in a hyphenated code ("E-" + "HSMT") joins tight.
    The lines joined are noted (``rebuild_edits.note_joined``)."""
    lines = [line for line in (clean(f) for f in fragments if f != PAGE_BREAK) if line]
    note_joined(lines)
    text = ""
    for fragment in lines:
        tight = regex.search(r"[A-ZĐ]-$", text) and fragment[:1].isupper()
        text = text + fragment if tight or not text else text + " " + fragment
    return text


def group_fragments(lines: list[str]) -> list[str]:
    """Join fragments that continue one another into cells (agency names span lines)."""
    cells: list[str] = []
    for line in lines:
        text = clean(line)
        if not text:
            continue
        starts_lower = text[0].islower()
        abbreviation = regex.match(r"^[A-ZĐ&]{2,}[A-ZĐ&,.]*(\s|$)", text) is not None
        abbreviation = abbreviation and not AGENCY.match(text)
        dangling = cells and cells[-1].split()[-1] in ("Sở", "Ban", "Các", "Ủy", "Đơn")
        if (
            cells
            and (CONTINUES.search(cells[-1]) or starts_lower or abbreviation or dangling)
            and not TIME.match(text)
        ) or (cells and fold(cells[-1]) in ("hang", "hangnam") and fold(text).startswith("nam")):
            cells[-1] += " " + text
        else:
            cells.append(text)
    return cells
