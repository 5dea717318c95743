"""Best-effort reconstruction of appendices flattened one cell fragment per line.

Text extracted from a PDF (seed 002) or old OCR (000, 003) keeps a table's cells in
reading order but one fragment per line: "1", three lines of task text, "Các Sở, ban,
ngành;", "UBND cấp xã", "Sở KH&CN", "Hằng", "năm". Rows are found by their STT
numbering ("1", "1.1", "2.3."), sections by Roman numerals ("II. …"); the header row gives
the columns; within a row the fragments are assigned by cell patterns: a line of amounts
(single spaces between cells, so two spaces mean an empty cell), agency names (Sở, UBND,
Ban, Các cơ quan …), times (Hằng năm, a year). The page header repeated at each page
break is dropped. Each table carries a confidence: the share of rows whose cells all
found a place.
"""

from __future__ import annotations

from collections import Counter

import regex
from rapidfuzz.distance import Levenshtein

from sohoa.extract.amounts import DASHES, is_blank, looks_like_amount, try_amount
from sohoa.extract.appendix import read_caption_lines
from sohoa.extract.interleaved import (
    CONFIDENCE_CAP,
    BudgetLine,
    agency_starts_at,
    budget_row_groups,
    is_interleaved,
    is_interleaved_budget,
    split_agencies,
    task_rows,
)
from sohoa.extract.structure import clean, fold
from sohoa.model import Amount, Line, Page, Table, TableRow
from sohoa.normalize.unicode import strip_marks

# "Phụ lục", as old OCR also writes it: "Phu Iuc II", "Phulucl" (the numeral run on)
CAPTION = regex.compile(r"^\s*ph[uụ]\s*[lI|][uụ]c(?:\b|[lI|1]{1,3}\b)", regex.IGNORECASE)
STT = regex.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)(?:\s+(.*))?$")
SECTION = regex.compile(r"^([IVX]{1,4})\.\s+\S")
# a section numeral as old OCR reads it: "IL.", "I1.", "II1." (numbering.py repairs it)
OCR_SECTION = regex.compile(r"^(?=[IVXLl1|]*[IVXl|])[IVXLl1|]{1,4}[.,]\s+\p{Lu}")
AGENCY = regex.compile(
    r"^(Sở|Các\s+[Ss]ở|Các\s+cơ|Các\s+tổ|Các\s+đơn|UBND|Ủy\s+ban|Uỷ\s+ban|Ban\s|Thanh\s+tra|"
    r"Bộ\s|Chi\s+cục|Trung\s+tâm|Công\s+an|Văn\s+phòng|Đài|Báo)"
)
TIME = regex.compile(r"^(Hằng|Hàng|Năm|Quý|Tháng|20\d\d|Thường)", regex.IGNORECASE)
CONTINUES = regex.compile(r"(;|,|\bvà|\bcác|\bcó|\bcủa|\bvề|\btheo)$")

# a lone "0" in a run of amounts read as a letter (and marked by the restorer: "ô")
ZERO_LOOKALIKES = ("o", "O", "ô", "Ô")

PAGE_BREAK = "\f"  # marks where a repeated page header was dropped

TASK_COLUMNS = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian",
    "Ghi chú",
]


def _line_text(page: Page, line: Line) -> str:
    """The line in the words the document now holds (restored), with the raw spacing kept:
    two spaces still mark an empty cell between amounts."""
    if line.raw_text is None:
        return page.line_text(line)
    words = iter(page.words[i].text for i in line.words)
    tokens = regex.split(r"(\s+)", line.raw_text.rstrip("\n"))
    if sum(1 for t in tokens if t and not t.isspace()) != len(line.words):
        return line.raw_text.rstrip("\n")
    return "".join(t if not t or t.isspace() else next(words) for t in tokens)


def _lines(pages: list[Page]) -> list[tuple[int, str]]:
    return [(page.number, _line_text(page, line)) for page in pages for line in page.lines]


HEADER_WORDS = {
    *("stt", "tt", "noi", "dung", "nhiem", "vu", "kinh", "phi", "nam", "tong", "cong", "nsnn"),
    *("to", "chuc", "don", "vi", "chu", "tri", "phoi", "hop", "ghi", "co", "quan", "thoi"),
    *("gian", "thuc", "hien"),
}
_YEAR_HEAD = regex.compile(r"\bn\S{0,2}m\s*(20\d\d)\b", regex.IGNORECASE)
_BARE_YEAR = regex.compile(r"(?<![-–/]\s?)\b(20\d\d)\b(?!\s?[-–/]\s?\d)")


def _is_header_start(text: str) -> bool:
    """ "STT …" or "TT …" (old OCR loses the S); marks and case do not matter."""
    first = strip_marks(text).split()
    return bool(first) and fold(first[0]) in ("stt", "tt")


def _is_header_line(text: str, share: float = 0.7, least: int = 1) -> bool:
    """A line made of header words ("Nam 2026", "NSNN | To chuc", "Pon vi cha tri"): part of
    a header block, the first one or one repeated at a page break. Words are compared
    without marks and with one OCR slip allowed ("chic" = "chuc", "Pon" = "Don"); at least
    ``least`` of them and a ``share`` of the line must be header words."""
    words = [fold(w) for w in strip_marks(text).split()]
    words = [w for w in words if w and not (len(w) <= 2 and not w.isalpha())]
    words = [w for w in words if not regex.fullmatch(r"20\d\d", w)]
    if not words:
        return bool(_BARE_YEAR.search(text)) and not regex.search(r"[^\W\d_]", text)
    known = sum(
        w in HEADER_WORDS
        or (
            len(w) >= 4
            and any(Levenshtein.distance(w, h) <= 1 for h in HEADER_WORDS if len(h) >= 4)
        )
        for w in words
    )
    return known >= max(least, share * len(words))


def _is_body_start(text: str) -> bool:
    return bool(OCR_SECTION.match(text.strip()) or STT.match(text.strip()))


def _header_span(lines: list[tuple[int, str]], start: int) -> tuple[int, int] | None:
    """Index range of the header block that starts with "STT" at or after ``start``; old
    OCR may lose the narrow "STT" cell, so a line made mostly of header words ("Nội dung
    nhiệm vụ Cơ quan chủ trì …") starts it too; with no header read at all, the table
    starts at its first section heading (an empty header)."""
    window = range(start, min(len(lines), start + 16))
    first = next((i for i in window if _is_header_start(lines[i][1])), None)
    if first is None:
        first = next((i for i in window if _is_header_line(lines[i][1], 0.5, 3)), None)
    if first is None:
        body = next((i for i in window if OCR_SECTION.match(lines[i][1].strip())), None)
        return None if body is None else (body, body)
    j = first + 1
    while j < len(lines) and not _is_body_start(lines[j][1]):
        j += 1
    return first, j


def _task_columns(header: str) -> list[str]:
    """The columns of a task table its header names: STT, the task, the lead agency and
    the time always; the partner agency and a last column (Ghi chú, Sản phẩm …) when the
    header holds them (words compared without marks, one OCR slip allowed); all six when
    no header was read."""
    words = [fold(w) for w in strip_marks(header).split()]
    words = [w for w in words if w]
    if not words:
        return TASK_COLUMNS

    def has(*names: str) -> bool:
        """A word is the name, or the name with one slip — unless it is another header
        word ("thoi" is no "phoi")."""
        return any(
            w == name
            or (len(name) >= 4 and w not in HEADER_WORDS and Levenshtein.distance(w, name) <= 1)
            for w in words
            for name in names
        )

    columns = TASK_COLUMNS[:3]
    if has("phoi"):
        columns.append(TASK_COLUMNS[3])
    columns.append(TASK_COLUMNS[4])  # a task list always says when (its header word may be lost)
    last = [w for w in words[-3:] if w not in ("thuc", "hien", "gian", "thoi")]
    if has("ghi", "chu") and any(w in ("ghi", "chu") for w in last):
        columns.append("Ghi chú")
    elif has("pham") and any(Levenshtein.distance(w, "pham") <= 1 for w in last):
        columns.append("Sản phẩm")
    return columns


def _columns_in_use(rows: list[TableRow], columns: list[str]) -> list[str]:
    """With no header read, a task table keeps the optional columns (partner, last) only
    if a row fills them: a column empty in every row was never printed."""
    keep = []
    for k, column in enumerate(columns):
        optional = column in (TASK_COLUMNS[3], TASK_COLUMNS[5])
        if not optional or any(len(r.cells or []) > k and (r.cells or [])[k] for r in rows):
            keep.append(k)
    for row in rows:
        if row.cells:
            row.cells = [row.cells[k] for k in keep if k < len(row.cells)]
    return [columns[k] for k in keep]


def _fit_task_row(cells: list[str], columns: list[str]) -> list[str]:
    """A row of the six task cells fitted to ``columns``: with no partner column a second
    agency continues the lead's; with no last column the notes join the time."""
    stt, task, lead, partner, time, notes = cells
    has_partner = TASK_COLUMNS[3] in columns
    if not has_partner and partner:
        lead = f"{lead} {partner}".strip()
    row = [stt, task, lead] + ([partner] if has_partner else [])
    if TASK_COLUMNS[4] in columns:
        row.append(time)
    elif notes or time:
        notes = f"{time} {notes}".strip()
    if len(columns) > len(row):
        row.append(notes)
    return row


def _header_run(lines: list[tuple[int, str]], i: int, end: int) -> int:
    """End of a header block repeated at a page break that starts at line ``i`` (or ``i``):
    it starts with "STT" or a line of two header words or more, and runs on while the
    lines are header words; a lone "Tổng cộng" before amounts is the total row, not a header.
    """
    text = lines[i][1]
    plain = fold(text)
    strong = _is_header_start(text) or _YEAR_HEAD.search(strip_marks(text)) is not None
    strong = strong or plain.startswith(("kinhphi", "nsnn"))
    if not (strong and _is_header_line(text)):
        return i
    following = next((t for _, t in lines[i + 1 : end] if t.strip()), "")
    if fold(text) in ("tong", "tongcong") and _amount_cells(" " + following.strip(), 2):
        return i
    j = i + 1
    while j < end and (not lines[j][1].strip() or _is_header_line(lines[j][1])):
        if fold(lines[j][1]) in ("tong", "tongcong") and not _is_header_line(lines[j - 1][1]):
            break
        j += 1
    return j


def _header_years(lines: list[str]) -> list[str]:
    """Years that head columns: "Năm 2026" (any marks), or a bare year in the header row;
    never the date of the caption ("tháng 8 năm 2025 của UBND tỉnh") nor a range."""
    years: set[str] = set()
    for text in lines:
        plain = strip_marks(text)
        if regex.search(r"ubnd|thang|kh-|giai\s+doan", plain, regex.IGNORECASE):
            continue
        years.update(_YEAR_HEAD.findall(plain))
        if _is_header_line(text) or _is_header_start(text):
            years.update(_BARE_YEAR.findall(plain))
    return sorted(years)


def _budget_columns(readings: list[str], years: list[str]) -> list[str] | None:
    """Leaf columns of a budget header: 'Kinh phí' and 'Năm 20xx' groups with sub-columns.

    ``readings`` are the texts of the header, once per page it is repeated on: old OCR
    garbles each reading differently, so the one naming most NSNN sub-columns is taken.
    """
    if not years:
        return None
    plain = [strip_marks(" ".join(r.split())).upper() for r in readings]
    n_nsnn = max(len(regex.findall(r"N\s?S\s?N\s?N", r)) for r in plain)
    has_total = any(regex.search(r"T[O0]NG\s+C[O0]NG", r) for r in plain)
    columns = ["STT", "Nội dung"]
    if n_nsnn >= len(years):
        if n_nsnn > len(years):
            columns += [f"Kinh phí / {n}" for n in ["Tổng cộng"] * has_total + ["NSNN", "Tổ chức"]]
        else:
            columns.append("Kinh phí / Tổng cộng" if has_total else "Kinh phí")
        for year in years:
            columns += [f"Năm {year} / NSNN", f"Năm {year} / Tổ chức"]
    else:
        columns.append("Kinh phí")
        columns += [f"Năm {year}" for year in years]
    columns += ["Đơn vị chủ trì", "Đơn vị phối hợp"]
    if any(regex.search(r"GHI\s+CH", r) for r in plain):
        columns.append("Ghi chú")
    return columns


def _amount_cells(line: str, n_amounts: int) -> tuple[list[str], list[str]] | None:
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


def _join_text(fragments: list[str]) -> str:
    """Join a cell's lines; a line ending in a hyphenated code ("E-" + "HSMT") joins tight."""
    text = ""
    for fragment in (clean(f) for f in fragments if f != PAGE_BREAK):
        if not fragment:
            continue
        tight = regex.search(r"[A-ZĐ]-$", text) and fragment[:1].isupper()
        text = text + fragment if tight or not text else text + " " + fragment
    return text


def _group_fragments(lines: list[str]) -> list[str]:
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


def _split_agencies(cell: str) -> list[str]:
    """'Sở KH&CN Ban Quản lý các KCN tỉnh' holds two cells; 'Sở KH&CN  2026' a time."""
    parts = regex.split(r"(?<=KH&CN)\s+(?=[A-ZĐÂƯỦ])", cell)
    return [p.strip() for p in parts if p.strip()]


def _task_row(stt: str, fragments: list[str]) -> tuple[list[str], bool]:
    """Cells of a Phụ lục I row and whether every fragment found a place."""
    content: list[str] = []
    k = 0
    while k < len(fragments) and not AGENCY.match(clean(fragments[k])):
        content.append(fragments[k])
        k += 1
    cells = []
    for group in _group_fragments([f for f in fragments[k:] if f != PAGE_BREAK]):
        cells.extend(_split_agencies(group))
    agencies: list[str] = []
    time = ""
    notes: list[str] = []
    for cell in cells:
        years = regex.match(r"^(.*?)\s+(20\d\d)$", cell)
        if years and AGENCY.match(years.group(1)) and not time:
            agencies.append(years.group(1))
            time = years.group(2)
        elif not time and TIME.match(cell):
            time = cell
        elif not time and AGENCY.match(cell):
            agencies.append(cell)
        else:
            notes.append(cell)
    chu_tri = agencies[0] if agencies else ""
    phoi_hop = "; ".join(agencies[1:])
    complete = bool(content) and bool(agencies) and bool(time) and len(agencies) <= 2
    row = [stt, _join_text(content), chu_tri, phoi_hop, time, " ".join(notes)]
    return row, complete


def _is_agency(cell: str) -> bool:
    words = cell.split()
    return bool(AGENCY.match(cell)) or (bool(words) and agency_starts_at(words, 0))


def _amount_run(line: str) -> tuple[str, list[str], str] | None:
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


def _source_of(column: str) -> str:
    return column.split(" / ")[-1] if " / " in column else "Tổng"


def _adds_up(cells: list[str], columns: list[str]) -> bool:
    """Each stated total ("Kinh phí / NSNN") equals the sum of its years' cells."""
    totals: dict[str, Amount | None] = {}
    years: dict[str, list[Amount]] = {}
    for column, cell in zip(columns, cells, strict=True):
        value = try_amount(cell) if not is_blank(cell) else None
        if column.startswith("Kinh phí"):
            totals[_source_of(column)] = value
        else:
            years.setdefault(_source_of(column), []).append(value or 0)
    checked = [source for source, total in totals.items() if total and source in years]
    return bool(checked) and all(totals[s] == sum(years[s]) for s in checked)


def place_by_sums(
    values: list[str], columns: list[str], lost_cell: bool = False
) -> list[str] | None:
    """Cells for amounts whose columns old OCR lost: the one contiguous placement where the
    row adds up — "Kinh phí / NSNN" is the sum of the years' NSNN, and so on; ``None``
    when no placement (or more than one) adds up. With ``lost_cell``, one cell between two
    values may have been lost (a faint "-" or "0"): it stays empty, never filled in."""
    n = len(columns)
    fits: list[list[str]] = []
    gaps = range(1, len(values)) if lost_cell else [len(values)]
    for gap in gaps:
        placed = values[:gap] + ([""] if lost_cell else []) + values[gap:]
        for offset in range(n - len(placed) + 1):
            cells = [""] * offset + placed + [""] * (n - offset - len(placed))
            if cells not in fits and _adds_up(cells, columns):
                fits.append(cells)
    return fits[0] if len(fits) == 1 else None


class Placements:
    """Where a table's rows of lost-position amounts went. A row the arithmetic places
    tells where a row of as many values starts; a row whose arithmetic fails (a misread
    digit) is placed where the table's other rows of that many values were, else from
    the left — the table's own evidence, never another document's."""

    def __init__(self, amount_columns: list[str]) -> None:
        self.amount_columns = amount_columns
        self.starts: dict[int, Counter[int]] = {}
        self.unsettled: list[tuple[list[str], int, list[str]]] = []  # cells, first, values

    def place(self, values: list[str]) -> tuple[list[str], bool]:
        """The amount cells of ``values`` and whether the row's sums placed them."""
        n = len(self.amount_columns)
        by_sums = place_by_sums(values, self.amount_columns)
        if by_sums is not None:
            start = next(k for k, cell in enumerate(by_sums) if cell)
            self.starts.setdefault(len(values), Counter())[start] += 1
            return by_sums, True
        lost = None
        if len(values) < n:
            lost = place_by_sums(values, self.amount_columns, lost_cell=True)
        return lost or (values + [""] * n)[:n], False

    def defer(self, cells: list[str], first: int, values: list[str]) -> None:
        """Row ``cells`` holds ``values`` from column ``first`` on, placed from the left."""
        self.unsettled.append((cells, first, values))

    def settle(self) -> None:
        n = len(self.amount_columns)
        for cells, first, values in self.unsettled:
            starts = self.starts.get(len(values))
            if not starts:
                continue
            start = starts.most_common(1)[0][0]
            if start + len(values) <= n:
                placed = [""] * start + values + [""] * (n - start - len(values))
                cells[first : first + n] = placed


def _is_amount_line(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(looks_like_amount(t) or t in DASHES for t in tokens)


def _merge_amount_lines(fragments: list[str]) -> list[str]:
    """Old OCR may put a row's amounts one or two cells per line ("640", "160 0", "160 0"):
    a run of two or more such short lines holding only amounts is one line of amounts.
    (A line of three amounts or more is already a whole row's, its spacing meaningful.)"""
    merged: list[str] = []
    run: list[str] = []
    for fragment in [*fragments, ""]:
        if fragment != PAGE_BREAK and _is_amount_line(fragment) and len(fragment.split()) <= 2:
            run.append(fragment.strip())
            continue
        if len(run) >= 2:
            merged.append(" ".join(run))
        else:
            merged.extend(run)
        run = []
        merged.append(fragment)
    return merged[:-1]


def _budget_row(
    stt: str, fragments: list[str], columns: list[str], placements: Placements
) -> tuple[list[str], bool]:
    amount_columns = [c for c in columns if c.startswith(("Kinh phí", "Năm "))]
    n_amounts = len(amount_columns)
    merged = _merge_amount_lines(fragments)
    guessed = len(merged) != len(fragments)  # cells read one per line: positions lost
    fragments = merged
    content: list[str] = []
    amounts: list[str] | None = None
    after: list[str] = []
    page_break = False
    for fragment in fragments:
        if fragment == PAGE_BREAK:
            page_break = True
            continue
        if (
            page_break
            and amounts is not None
            and (fragment.strip()[:1].islower() or fragment.strip()[:1].isdigit())
        ):
            content.append(fragment)  # the task text continues after the page header
            continue
        page_break = False
        if amounts is None:
            split = _amount_cells(fragment, n_amounts)
            if split is not None:
                amounts, rest = split
                after.extend(rest and [" ".join(rest)])
                continue
            # 'Hoạt động tư  100 0 50 …': content and amounts on one line
            head, sep, tail = fragment.partition("  ")
            split = _amount_cells(" " + tail, n_amounts) if sep else None
            if split is not None and head.strip():
                content.append(head)
                amounts, rest = split
                after.extend(rest and [" ".join(rest)])
                continue
            # '2.1 phóng sự và 300 0 50 0 50 0 … Sở KH&CN': old OCR read the row across
            run = _amount_run(fragment)
            if run is not None:
                head, values, tail = run
                content.extend([head] if head else [])
                amounts = values
                after.extend([tail] if tail else [])
                guessed = True
                continue
            content.append(fragment)
        else:
            after.append(fragment)
    placed = True
    values: list[str] = []
    if amounts is not None and guessed:
        # positions lost: place the values where the row's sums hold (see Placements)
        values = [a for a in amounts if a]
        amounts, placed = placements.place(values)  # with a lost cell not complete
    cells = _group_fragments([f for f in after if f != PAGE_BREAK])
    agencies = [c for c in cells if _is_agency(c)]
    notes = [c for c in cells if not _is_agency(c)]
    text = _join_text(content)
    row = [stt, text] + (amounts or [""] * n_amounts)
    tail = [agencies[0] if agencies else "", "; ".join(agencies[1:]), " ".join(notes)]
    row += tail[: len(columns) - len(row)]
    if not placed and values and amounts == (values + [""] * n_amounts)[:n_amounts]:
        placements.defer(row, 2, values)
    return row, amounts is not None and len(agencies) <= 2 and placed


def _rows(body: list[str], columns: list[str], budget: bool) -> tuple[list[TableRow], float]:
    n_amounts = sum(c.startswith(("Kinh phí", "Năm ")) for c in columns)
    placements = Placements([c for c in columns if c.startswith(("Kinh phí", "Năm "))])
    rows: list[TableRow] = []
    pending: tuple[str, list[str]] | None = None
    complete = total = 0

    def flush() -> None:
        nonlocal complete, total, pending
        if pending is None:
            return
        stt, fragments = pending
        pending = None
        if (
            budget
            and fragments
            and not any(_amount_cells(f, n_amounts) for f in fragments)
            and len(fragments) == 1
            and not STT.match(fragments[0])
        ):
            rows.append(TableRow(cells=[stt, clean(fragments[0])] + [""] * (len(columns) - 2)))
            complete += 1
            total += 1
            return
        if budget:
            cells, ok = _budget_row(stt, fragments, columns, placements)
        else:
            cells, ok = _task_row(stt, fragments)
            cells = _fit_task_row(cells, columns)
        rows.append(TableRow(cells=cells))
        complete += ok
        total += 1

    for raw in body:
        line = raw.strip()
        if raw == PAGE_BREAK:
            if pending is not None:
                pending[1].append(raw)
            continue
        if not line:
            continue
        if SECTION.match(line):
            flush()
            rows.append(TableRow(section=clean(line)))
            continue
        total_row = regex.match(r"^Tổng(?:\s+cộng)?\s{2,}(.*)$", raw.strip(" "))
        if budget and total_row:
            flush()
            split = _amount_cells(total_row.group(1), n_amounts)
            amounts = split[0] if split else [""] * n_amounts
            cells = ["Tổng", "", *amounts]
            rows.append(TableRow(cells=cells + [""] * (len(columns) - len(cells))))
            total += 1
            complete += split is not None
            continue
        match = STT.match(line)
        if match and budget and _amount_cells(raw, n_amounts) is not None:
            match = None  # " 8 0 8  0 …" is a line of amounts, not row 8
        if match and match.group(2) and match.group(2)[:1].islower():
            match = None  # "9 khóa." continues a sentence
        if match and (pending is None or pending[1] or budget):
            flush()
            pending = (match.group(1), [match.group(2)] if match.group(2) else [])
            continue
        if pending is None:
            pending = ("", [])  # a row without a number (e.g. under "IV. …")
        pending[1].append(raw)
    flush()
    placements.settle()
    return rows, complete / max(1, total)


def _interleaved_rows(body: list[str], columns: list[str]) -> tuple[list[TableRow], float]:
    """Rows of a task table read across its columns (see ``interleaved``); the confidence
    is capped: which agency column a fragment belongs to is a guess."""
    rows: list[TableRow] = []
    segment: list[str] = []
    complete = total = 0

    def flush() -> None:
        nonlocal complete, total
        found, ok = task_rows(segment)
        rows.extend(TableRow(cells=_fit_task_row(cells, columns)) for _, cells in found)
        complete += ok
        total += len(found)
        segment.clear()

    for line in body:
        if line == PAGE_BREAK:
            continue
        if OCR_SECTION.match(line.strip()):
            flush()
            rows.append(TableRow(section=clean(line)))
            continue
        segment.append(line)
    flush()
    return rows, CONFIDENCE_CAP * complete / max(1, total)


def _interleaved_budget_rows(body: list[str], columns: list[str]) -> tuple[list[TableRow], float]:
    """Rows of a budget table read across its columns (see ``interleaved``): amounts placed
    where the row adds up; the confidence is capped, the text columns being guessed."""
    amount_columns = [c for c in columns if c.startswith(("Kinh phí", "Năm "))]
    n_tail = len(columns) - 2 - len(amount_columns)
    placements = Placements(amount_columns)
    rows: list[TableRow] = []
    segment: list[str] = []
    complete = total = 0

    def row_of(group: list[BudgetLine]) -> None:
        nonlocal complete, total
        stt = next((g[0] for g in group if g[0]), "")
        text = _join_text([g[1] for g in group if g[1]])
        if not stt and fold(text) in ("tong", "tongcong"):
            stt, text = "Tổng", ""
        runs = [g[2] for g in group if g[2]]
        values = list(max(runs, key=len)) if runs else []
        agencies = split_agencies(" ".join(g[3] for g in group if g[3]))
        lead, partner = [*agencies, "", ""][:2]
        tail = [lead, partner, " ".join(agencies[2:])]
        fallback = (values + [""] * len(amount_columns))[: len(amount_columns)]
        amounts, placed = placements.place(values) if values else (fallback, False)
        cells = [stt, text, *amounts, *(tail + [""] * n_tail)[:n_tail]]
        if values and not placed and amounts == fallback:
            placements.defer(cells, 2, values)
        rows.append(TableRow(cells=cells))
        total += 1
        complete += bool(text and lead) and placed

    def flush() -> None:
        for group in budget_row_groups(_merge_amount_lines(segment), _amount_run):
            row_of(group)
        segment.clear()

    for line in body:
        if line == PAGE_BREAK or not line.strip():
            continue
        if OCR_SECTION.match(line.strip()):
            flush()
            rows.append(TableRow(section=clean(line)))
            continue
        total_row = regex.match(r"^\s*(T\S{2,3}g(?:\s+c\S{2,3}g)?)\b\s*(.*)$", line)
        if total_row and fold(total_row.group(1)) in ("tong", "tongcong"):
            rest = total_row.group(2)
            if not rest.strip() or _is_amount_line(rest):
                flush()  # the total row: "Tổng" alone, or with its amounts
                segment.extend(["Tổng", rest] if rest.strip() else ["Tổng"])
                continue
        segment.append(line)
    flush()
    placements.settle()
    return rows, CONFIDENCE_CAP * complete / max(1, total)


def tables_from_flattened(pages: list[Page]) -> list[Table]:
    lines = _lines(pages)
    captions = [i for i, (_, text) in enumerate(lines) if CAPTION.match(text.strip())]
    tables = []
    for n, start in enumerate(captions):
        end = captions[n + 1] if n + 1 < len(captions) else len(lines)
        span = _header_span(lines, start)
        if span is None or span[0] >= end:
            continue
        head_start, head_end = span
        header_lines = [text for _, text in lines[head_start:head_end]]
        header_text = " ".join(" ".join(header_lines).split())
        header_key = fold(header_text)
        readings = [header_text]
        body: list[str] = []
        i = head_end
        while i < end:
            text = lines[i][1]
            if fold(text).startswith("stt"):
                # a repeated page header: skip as many lines as the header has
                block = fold(" ".join(t for _, t in lines[i : i + len(header_lines)]))
                if block[: len(header_key) // 2] == header_key[: len(header_key) // 2]:
                    i += len(header_lines)
                    body.append(PAGE_BREAK)
                    continue
            run = _header_run(lines, i, end)
            if run > i:
                readings.append(" ".join(t for _, t in lines[i:run]))
                i = run
                body.append(PAGE_BREAK)
                continue
            body.append(text)
            i += 1
        years = _header_years([t for _, t in lines[start:head_end]])
        budget_columns = _budget_columns(readings, years)
        columns = budget_columns or _task_columns(header_text)
        text_lines = [t for t in body if t != PAGE_BREAK]
        if budget_columns is None and is_interleaved(text_lines):
            rows, confidence = _interleaved_rows(body, columns)
        elif budget_columns and is_interleaved_budget(text_lines, _amount_run):
            rows, confidence = _interleaved_budget_rows(body, columns)
        else:
            rows, confidence = _rows(body, columns, budget_columns is not None)
        if budget_columns is None and not header_text:
            columns = _columns_in_use(rows, columns)
        found = read_caption_lines([t for _, t in lines[start:head_start]])
        tables.append(
            Table(
                kind="phu_luc_2" if budget_columns else "phu_luc_1",
                caption=found["caption"],
                title=found["title"],
                attached_to=found["attached_to"],
                unit=found["unit"],
                pages=sorted({p for p, _ in lines[start:end]}),
                columns=columns,
                rows=rows,
                source="flattened",
                confidence=round(confidence, 2),
            )
        )
    return tables
