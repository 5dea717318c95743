"""Tables without ruled lines in OCR'd pages: columns from the alignment of the page's words.

Budget tables and financial statements are often printed without rules: a label, then
amounts right-aligned in columns. Nothing in the image marks the cells, but the words the
OCR read carry boxes, and a table's amounts end at the same x line by line. So:

1. a *numeric line* is an OCR line with at least ``MIN_AMOUNTS`` amounts (or dashes);
2. a table is a run of at least ``MIN_ROWS`` numeric lines (a short text line between them
   — a wrapped label, a section heading — may belong to it);
3. its amount columns are the right edges (or the centres) of the amounts that line up in
   at least half of those lines (amounts right-aligned, or centred as in many plans);
   everything left of the first one is the label, split into a row-number column when
   most rows start with one ("1", "1.2", "II"); text right of the last one is one more
   column ("Nguồn kinh phí");
4. the header is the few lines just above whose words sit over the amount columns.

Prose never has two columns of amounts lined up over three lines, so no table is invented
from paragraphs. Tables come out with ``source="words"`` and a confidence: the share of
amounts that fell into a column.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from sohoa.extract.amounts import DASHES, looks_like_amount
from sohoa.extract.headers import fold
from sohoa.model import BBox, Line, Page, Table, TableRow, union_box

MIN_AMOUNTS = 2  # amounts on a line for it to be a row of a table
MIN_ROWS = 3  # numeric lines for a table
MIN_COLUMNS = 2  # aligned amount columns
ALIGN = 0.012  # right edges within this share of the page width line up
HEADER_LINES = 3  # lines above the first row that may hold the header
UNIT_LINE = regex.compile(r"đơn\s*vị(\s*tính)?\s*:", regex.IGNORECASE)
SECTION = regex.compile(r"^([IVXl1|]{1,4}|[A-Z])\.\s+\p{Lu}")  # OCR reads I as 1, l, |
YEAR = regex.compile(r"^(19|20)\d\d$")
ROW_NUMBER = regex.compile(r"^(\d{1,2}(\.\d{1,2})*|[IVX]{1,4})\.?$")


@dataclass
class _Row:
    line: Line
    words: list[tuple[str, BBox]]
    amounts: list[int]  # indices into words


def _words(page: Page, line: Line) -> list[tuple[str, BBox]]:
    found = []
    for index in line.words:
        word = page.words[index]
        if word.bbox is not None and word.text.strip():
            found.append((word.text, word.bbox))
    return found


def _is_amount(text: str) -> bool:
    return text in DASHES or looks_like_amount(text)


def _is_year_heading(words: list[tuple[str, BBox]], k: int) -> bool:
    """ "Năm 2026": a column heading, not the amount 2026."""
    return YEAR.match(words[k][0]) is not None and fold(words[k - 1][0]) == "nam"


def _row(page: Page, line: Line) -> _Row:
    words = _words(page, line)
    # a row number opening the line is not an amount ("1 Khảo sát 200 300")
    amounts = [
        k
        for k, (text, _) in enumerate(words)
        if _is_amount(text) and k > 0 and not _is_year_heading(words, k)
    ]
    return _Row(line, words, amounts)


def _runs(rows: list[_Row]) -> list[list[_Row]]:
    """Runs of numeric lines; one short non-numeric line inside a run is kept in it."""
    runs: list[list[_Row]] = []
    current: list[_Row] = []
    gap: list[_Row] = []
    for row in rows:
        if len(row.amounts) >= MIN_AMOUNTS:
            current.extend(gap)
            current.append(row)
            gap = []
        elif current and not gap and row.words:
            gap = [row]
        else:
            if sum(len(r.amounts) >= MIN_AMOUNTS for r in current) >= MIN_ROWS:
                runs.append(current)
            current, gap = [], []
    if sum(len(r.amounts) >= MIN_AMOUNTS for r in current) >= MIN_ROWS:
        runs.append(current)
    return runs


def _anchor(box: BBox, centred: bool) -> float:
    return (box[0] + box[2]) / 2 if centred else box[2]


def _columns(run: list[_Row], tolerance: float, centred: bool) -> list[float]:
    """Right edges (or centres) shared by the amounts of at least half the numeric lines."""
    edges = sorted(_anchor(row.words[k][1], centred) for row in run for k in row.amounts)
    clusters: list[list[float]] = []
    for edge in edges:
        if clusters and edge - clusters[-1][-1] <= tolerance:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    numeric = sum(len(r.amounts) >= MIN_AMOUNTS for r in run)
    return [sum(c) / len(c) for c in clusters if len(c) >= 0.5 * numeric]


def _column_of(box: BBox, columns: list[float], tolerance: float, centred: bool) -> int | None:
    distances = [abs(_anchor(box, centred) - edge) for edge in columns]
    best = min(range(len(columns)), key=lambda k: distances[k])
    return best if distances[best] <= tolerance else None


@dataclass
class _Grid:
    """The amount columns of a run: where their amounts end (or centre), within tolerance."""

    edges: list[float]
    tolerance: float
    centred: bool  # amounts centred (many plans' tables) rather than right-aligned

    def column_of(self, box: BBox) -> int | None:
        return _column_of(box, self.edges, self.tolerance, self.centred)

    def fits(self, row: _Row) -> bool:
        return any(self.column_of(row.words[k][1]) is not None for k in row.amounts)


def _grid(run: list[_Row], tolerance: float) -> _Grid:
    """Amounts right-aligned (financial statements) or centred: whichever places more."""
    aligned = {centred: _columns(run, tolerance, centred) for centred in (False, True)}

    def fitting(centred: bool) -> int:
        edges = aligned[centred]
        return sum(
            bool(edges) and _column_of(row.words[k][1], edges, tolerance, centred) is not None
            for row in run
            for k in row.amounts
        )

    centred = fitting(True) > fitting(False)
    return _Grid(aligned[centred], tolerance, centred)


# A row of the body: its number, its label, its amount cells and the words right of them.
_BodyRow = tuple[str, str, list[str], list[tuple[str, BBox]]]


@dataclass
class _Body:
    rows: list[_BodyRow]
    placed: int  # amounts that fell into a column
    total: int  # amounts


def _body(run: list[_Row], grid: _Grid, last_right: float) -> _Body:
    """Each line's words sorted into number, label, amount cells and text on the right."""
    body = _Body([], 0, 0)
    columns = grid.edges
    for row in run:
        cells = [""] * len(columns)
        label: list[str] = []
        tail: list[tuple[str, BBox]] = []
        for k, (text, box) in enumerate(row.words):
            column = grid.column_of(box) if k in row.amounts else None
            if k in row.amounts:
                body.total += 1
                body.placed += column is not None
            if column is not None and not cells[column]:
                cells[column] = text
            elif box[0] > last_right:
                tail.append((text, box))  # text columns right of the amounts ("Nguồn …")
            elif not any(cells):
                label.append(text)
            else:  # a stray word among the amounts: kept in the nearest cell, never lost
                middle = (box[0] + box[2]) / 2
                near = min(range(len(columns)), key=lambda c: abs(middle - columns[c]))
                cells[near] = f"{cells[near]} {text}".strip()
        number = label[0] if label and ROW_NUMBER.match(label[0]) and len(label) > 1 else ""
        body.rows.append((number, " ".join(label[1:] if number else label), cells, tail))
    return body


@dataclass
class _Header:
    cells: list[str]  # over the amount columns
    left: list[str]  # words left of the amounts (over the number and label)
    tail: list[tuple[str, BBox]]  # words right of the amounts


def _header(above: list[_Row], grid: _Grid, first_left: float, last_right: float) -> _Header:
    """The header lines' words, each over its column; a cell's lines joined."""
    columns, tolerance = grid.edges, grid.tolerance
    header = _Header([""] * len(columns), [], [])
    for row in above:
        line_parts = [""] * len(columns)
        for text, box in row.words:
            if text in DASHES:
                continue  # a piece of a rule, not a word
            if box[2] < first_left - tolerance:
                header.left.append(text)
                continue
            if box[0] > last_right:
                header.tail.append((text, box))
                continue
            middle = (box[0] + box[2]) / 2
            column = min(range(len(columns)), key=lambda k: abs(middle - columns[k]))
            if abs(middle - columns[column]) < 6 * tolerance:
                line_parts[column] = f"{line_parts[column]} {text}".strip()
        for column, part in enumerate(line_parts):
            # a new line of a header cell continues it ("Tổng kinh" / "phí"); a capital
            # starts a heading below a group heading ("Chia theo năm" / "Năm 2026")
            if part and header.cells[column]:
                joint = " / " if part[:1].isupper() or part[:1].isdigit() else " "
                header.cells[column] += joint + part
            elif part:
                header.cells[column] = part
    return header


def _column_names(
    header: _Header, starts: list[float], tolerance: float, numbered: bool
) -> list[str]:
    names = header.cells + _split_tail(header.tail, starts, tolerance)
    left = header.left
    if numbered:
        stt = left[:1] if left and len(left[0]) <= 4 else []
        return [stt[0] if stt else "STT", " ".join(left[len(stt) :]), *names]
    return [" ".join(left), *names]


def _table_rows(
    body: list[_BodyRow], starts: list[float], tolerance: float, numbered: bool
) -> list[TableRow]:
    """The body's rows: a line with no amounts is a section heading or continues the row
    above it."""
    rows: list[TableRow] = []
    for number, label, cells, tail in body:
        tail_cells = _split_tail(tail, starts, tolerance)
        if not any(cells):
            section = SECTION.match(" ".join(filter(None, [number, label])))
            if section or not rows or rows[-1].cells is None:
                words = [number, label, *tail_cells]
                rows.append(TableRow(section=" ".join(filter(None, words))))
                continue
            # a wrapped line of the row above: its texts continue that row's cells
            previous = rows[-1].cells
            at = 1 if numbered else 0
            if label:
                previous[at] = f"{previous[at]} {label}".strip()
            for k, text in enumerate(tail_cells, start=len(previous) - len(starts)):
                previous[k] = f"{previous[k]} {text}".strip()
            continue
        texts = [number, label] if numbered else [" ".join(filter(None, [number, label]))]
        rows.append(TableRow(cells=texts + cells + tail_cells))
    return rows


def _table(page: Page, rows_: list[_Row], run: list[_Row], tolerance: float) -> Table | None:
    grid = _grid(run, tolerance)
    if len(grid.edges) < MIN_COLUMNS:
        return None
    # a line of text with numbers in it ("ngày 20 tháng 01") at either end is not a row
    while run and run[-1].amounts and not grid.fits(run[-1]):
        run = run[:-1]
    while run and not grid.fits(run[0]) and not _is_section(run[0]):
        run = run[1:]  # leading text lines belong to the header
    if sum(grid.fits(row) for row in run) < MIN_ROWS:
        return None
    above = _header_lines(rows_, rows_.index(run[0]))
    placed_boxes = [row.words[k][1] for row in run for k in row.amounts]
    placed_boxes = [box for box in placed_boxes if grid.column_of(box) is not None]
    first_left = min(box[0] for box in placed_boxes)
    last_right = max(box[2] for box in placed_boxes) + tolerance
    body = _body(run, grid, last_right)
    numbered = sum(bool(n) for n, _, _, _ in body.rows) >= 0.5 * len(body.rows)
    starts = _tail_columns([t for _, _, _, t in body.rows], tolerance)
    header = _header(above, grid, first_left, last_right)
    bbox = union_box(r.line.bbox for r in run)
    return Table(
        columns=_column_names(header, starts, tolerance, numbered),
        rows=_table_rows(body.rows, starts, tolerance, numbered),
        pages=[page.number],
        source="words",
        confidence=round(body.placed / max(1, body.total), 2),
        bbox=bbox,
    )


def _tail_columns(tails: list[list[tuple[str, BBox]]], tolerance: float) -> list[float]:
    """Where the text columns right of the amounts start: the left edges, shared by two rows
    or more, of the word groups that a wide gap separates ("Ngân sách tỉnh" | "-")."""
    lefts: list[float] = []
    for words in tails:
        previous_right = None
        for _, box in sorted(words, key=lambda w: w[1][0]):
            if previous_right is None or box[0] - previous_right > 1.5 * tolerance:
                lefts.append(box[0])
            previous_right = box[2]
    clusters: list[list[float]] = []
    for left in sorted(lefts):
        if clusters and left - clusters[-1][-1] <= 2 * tolerance:
            clusters[-1].append(left)
        else:
            clusters.append([left])
    starts = [min(c) for c in clusters if len(c) >= 2]
    if lefts and not starts:
        starts = [min(lefts)]  # one text column, however sparse
    return starts


def _split_tail(words: list[tuple[str, BBox]], starts: list[float], tolerance: float) -> list[str]:
    """The words right of the amounts, one text per tail column: each group of words (a
    wide gap separates groups) goes to the column whose start is nearest its left edge."""
    cells = [""] * len(starts)
    if not starts:
        return cells
    group_left, previous_right = 0.0, None
    for text, box in sorted(words, key=lambda w: w[1][0]):
        if previous_right is None or box[0] - previous_right > 1.5 * tolerance:
            group_left = box[0]
        previous_right = box[2]
        k = min(range(len(starts)), key=lambda i: abs(starts[i] - group_left))
        cells[k] = f"{cells[k]} {text}".strip()
    return cells


def _inside(bbox: BBox | None, tables: list[Table]) -> bool:
    if bbox is None:
        return False
    for table in tables:
        if table.bbox is None:
            continue
        x0, y0, x1, y1 = table.bbox
        if bbox[1] >= y0 - 2 and bbox[3] <= y1 + 2 and bbox[0] >= x0 - 2 and bbox[2] <= x1 + 2:
            return True
    return False


def _is_section(row: _Row) -> bool:
    """ "I. Hạ tầng số" (or as OCR reads the numeral: "1.", "Il.") over the rows: a section."""
    texts = [t for t, _ in row.words]
    return (
        not row.amounts
        and len(texts) > 1
        and regex.match(r"^[IVXl1|]{1,4}\.$", texts[0]) is not None
        and texts[1][:1].isupper()
    )


def _header_lines(rows: list[_Row], start: int) -> list[_Row]:
    """The short lines just above a run (no amounts, no sentence), each close to the next:
    its header, top down. A title above, set apart by a wider gap, is not."""
    above: list[_Row] = []
    below = rows[start].line.bbox
    for row in reversed(rows[max(0, start - HEADER_LINES) : start]):
        box = row.line.bbox
        if box is None or below is None or below[1] - box[3] > 1.5 * (box[3] - box[1]):
            break
        below = box
        texts = [t for t, _ in row.words]
        if UNIT_LINE.search(" ".join(texts)):
            break  # "Đơn vị: triệu đồng" is the table's unit, read with its caption
        numbers = [k for k in row.amounts if row.words[k][0] not in DASHES]  # rules read "—"
        if numbers or not texts or len(texts) > 14 or texts[-1].endswith((".", ":", ";")):
            break
        above.insert(0, row)
    return above


def visual_lines(page: Page) -> list[Line]:
    """The page's words regrouped into lines across the whole width, top to bottom.

    The OCR's own layout analysis cuts a borderless table into column blocks (a "line" is
    then one cell); a table's row is what lies side by side. Each word is chained to the
    nearest word on its right whose height overlaps it by half (this follows a slightly
    skewed row); the chains are the lines. Words inside ruled tables are left out.
    """
    words = [
        (index, word.bbox)
        for index, word in enumerate(page.words)
        if word.bbox is not None and word.text.strip() and not _inside(word.bbox, page.tables)
    ]
    words.sort(key=lambda item: item[1][0])
    parent = {index: index for index, _ in words}

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    reach = 0.35 * page.width
    for k, (index, box) in enumerate(words):
        height = box[3] - box[1]
        for other, other_box in words[k + 1 :]:
            if other_box[0] - box[2] > reach:
                break
            overlap = min(box[3], other_box[3]) - max(box[1], other_box[1])
            if other_box[0] >= box[0] and overlap >= 0.5 * min(height, other_box[3] - other_box[1]):
                parent[root(other)] = root(index)
                break
    groups: dict[int, list[tuple[int, BBox]]] = {}
    for index, box in words:
        groups.setdefault(root(index), []).append((index, box))
    lines = []
    for members in groups.values():
        members.sort(key=lambda item: item[1][0])
        bbox = union_box(box for _, box in members)
        lines.append(Line(words=[index for index, _ in members], bbox=bbox))
    lines.sort(key=lambda line: (line.bbox[1] + line.bbox[3]) / 2 if line.bbox else 0.0)
    return lines


def find_borderless_tables(page: Page) -> list[Table]:
    """Tables of aligned amounts among an OCR'd page's lines outside its ruled tables."""
    if page.origin != "ocr" or not page.lines or not page.words:
        return []
    tolerance = ALIGN * page.width
    rows = [_row(page, line) for line in visual_lines(page)]
    tables = []
    for run in _runs(rows):
        start = rows.index(run[0])
        if start and _is_section(rows[start - 1]):
            run.insert(0, rows[start - 1])  # "I. Hạ tầng số" just above the first row
        table = _table(page, rows, run, tolerance)
        if table is not None:
            tables.append(table)
    return tables
