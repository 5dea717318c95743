"""A table of its own columns that old OCR read across its rulings: neither a task list
(Phụ lục I) nor a budget (Phụ lục II), e.g. a plan's targets ("TT | Chỉ tiêu | Đơn vị tính |
Năm 2025 | Năm 2030 | Cơ quan theo dõi").

Its header is one line of cells between rulings read "|" naming no task and no budget
column; its columns are those cells, as read. Each row is a line of cells between rulings,
starting with the row's number (the ruling after the number may be lost: "| 1 Tỷ lệ hồ sơ
… | % | 45 |"); the lines between rows (a cell's wrapped words) join the row before them.
A table is kept only when its columns hold across its rows (``GENERIC_ROWS_SHARE``): prose
under a caption stays prose.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from sohoa.extract.amounts import DASHES, looks_like_amount
from sohoa.extract.flattened_lines import NUMBERED_LINE, PAGE_BREAK
from sohoa.extract.structure import clean, fold
from sohoa.model import TableRow
from sohoa.normalize.unicode import strip_marks

GENERIC_MIN_COLUMNS = 4
# the words of a task list's or a budget's columns (folded): "Nội dung", "Nhiệm vụ", "Công
# việc", "Kinh phí", "Chủ trì", "Phối hợp"; a header naming one is no generic table's
_KNOWN_TABLE_WORDS = ("dung", "nhiem", "viec", "kinh", "tri", "phoi")
GENERIC_ROWS_SHARE = 0.5  # of the rows: this share hold as many cells as the header


def _ruled_cells(text: str) -> list[str]:
    """The cells of a line read across its rulings ("| 1 | Chỉ tiêu | % |"): the texts
    between the "|", the rulings at its ends no cells."""
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _names_known_column(text: str) -> bool:
    """Does ``text`` name a task list's or a budget's column (one slip allowed)?"""
    words = [fold(w) for w in strip_marks(text).split()]
    return any(
        w == known or (len(known) >= 4 and Levenshtein.distance(w, known) <= 1)
        for w in words
        for known in _KNOWN_TABLE_WORDS
    )


def generic_columns(header_lines: list[str]) -> list[str] | None:
    """The columns of a header of one line read across its rulings that names no task and
    no budget column: its cells as read, the first (the row numbers') "STT" whatever OCR
    read there ("1", "TT", "srr"); ``None`` for any other header."""
    if len(header_lines) != 1 or header_lines[0].count("|") < GENERIC_MIN_COLUMNS:
        return None
    cells = _ruled_cells(header_lines[0])
    if len(cells) < GENERIC_MIN_COLUMNS or not all(cells) or _names_known_column(header_lines[0]):
        return None
    return ["STT", *cells[1:]]


def _row_cells(text: str) -> list[str] | None:
    """The cells of a row's line, its number first ("| 1 Tỷ lệ … | % |": the number split
    from the text the lost ruling joined it to); ``None`` if the line starts no row."""
    cells = _ruled_cells(text)
    match = NUMBERED_LINE.match(cells[0])
    if match is None or "|" not in text:
        return None
    head = [match.group(1), match.group(2)] if match.group(2) else [match.group(1)]
    return [*head, *cells[1:]]


def _is_amount(word: str) -> bool:
    return looks_like_amount(word) or word in DASHES


def _split_amount_cells(cells: list[str], n: int) -> list[str]:
    """A row of fewer cells than the header with an amount joined to the text after it (a
    ruling lost: "80 Văn phòng UBND tỉnh"): the amount and the text are two cells."""
    split: list[str] = []
    for k, cell in enumerate(cells):
        first, _, rest = cell.partition(" ")
        short = len(split) + len(cells) - k < n
        if k > 0 and short and rest and _is_amount(first) and not _is_amount(rest.split()[0]):
            split += [first, rest]
        else:
            split.append(cell)
    return split


def _first_amount_column(rows: list[list[str]], n: int) -> int | None:
    """The first column whose cells are amounts in most of the rows read whole."""
    whole = [cells for cells in rows if len(cells) == n]
    amounts = [sum(_is_amount(cells[k]) for cells in whole) for k in range(1, n)]
    return next((k + 1 for k, m in enumerate(amounts) if 2 * m > len(whole)), None)


def _fitted(cells: list[str], n: int, amount_column: int | None) -> list[str]:
    """A row's cells fitted to the ``n`` columns. A short row (a ruling lost) has its
    first amount in the first amount column (``amount_column``: the text before it took
    a cell's place) and empty cells after; a long row's extra cells (a speck read as a
    ruling) join its last, their words kept."""
    if len(cells) > n:
        return [*cells[: n - 1], " ".join(c for c in cells[n - 1 :] if c)]
    at = next((k for k, cell in enumerate(cells) if k > 0 and _is_amount(cell)), None)
    if at is not None and amount_column is not None and at < amount_column:
        cells = [*cells[:at], *[""] * min(amount_column - at, n - len(cells)), *cells[at:]]
    return cells + [""] * (n - len(cells))


def generic_rows(body: list[str], columns: list[str]) -> tuple[list[TableRow], float] | None:
    """The rows of a generic table (``generic_columns``) and the share of them read with a
    cell for each column; ``None`` unless two rows or more and ``GENERIC_ROWS_SHARE`` of
    them are (the columns hold across the rows). A line that starts no row joins the last
    cell of the row before it (its words kept), or the first row's text before any row."""
    n = len(columns)
    rows: list[list[str]] = []
    before: list[str] = []  # lines before the first row
    for text in body:
        words = clean(text.strip(" |")) if text != PAGE_BREAK else ""
        cells = _row_cells(text) if words else None
        if cells is not None:
            rows.append(_split_amount_cells(cells, n))
        elif words and rows:
            rows[-1][-1] = f"{rows[-1][-1]} {words}".strip()
        elif words:
            before.append(words)
    whole = sum(len(cells) == n for cells in rows)
    if len(rows) < 2 or whole < GENERIC_ROWS_SHARE * len(rows):
        return None
    if before:  # the first row's text, its first lines read above its number
        rows[0][1:2] = [" ".join([*before, *rows[0][1:2]])]
    amount_column = _first_amount_column(rows, n)
    fitted = [_fitted(cells, n, amount_column) for cells in rows]
    table_rows = [TableRow(cells=[clean(c) for c in cells]) for cells in fitted]
    return table_rows, whole / len(rows)
