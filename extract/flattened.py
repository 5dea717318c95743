"""Best-effort reconstruction of appendices flattened one cell fragment per line.

Text extracted from a PDF (seed 002) or old OCR (000, 003) keeps a table's cells in
reading order but one fragment per line: "1", three lines of task text, "Các Sở, ban,
ngành;", "UBND cấp xã", "Sở KH&CN", "Hằng", "năm". Rows are found by their
numbers ("1", "1.1", "2.3."), sections by Roman numerals ("II. …"); the header row gives
the columns; within a row the fragments are assigned by cell patterns: a line of amounts
(single spaces between cells, so two spaces mean an empty cell), agency names (Sở, UBND,
Ban, Các cơ quan …), times (Hằng năm, a year). The page header repeated at each page
break is dropped. Each table carries a confidence: the share of rows whose cells all
found a place.

Read in this order: this module (captions, header, body, rows), then ``flattened_lines``
(what a line holds), ``flattened_header`` (the columns), ``flattened_rows`` (rows from the
lines), ``flattened_budget`` (a budget table read across, its lines read in ``budget_lines``)
and ``flattened_sums`` (amounts placed by the arithmetic).
"""

from __future__ import annotations

import regex

from sohoa.extract.appendix import read_caption_lines
from sohoa.extract.block_years import years_in_blocks
from sohoa.extract.budget_header import budget_header_columns
from sohoa.extract.budget_lines import is_interleaved_budget
from sohoa.extract.flattened_budget import interleaved_budget_rows
from sohoa.extract.flattened_generic import generic_columns, generic_rows
from sohoa.extract.flattened_header import (
    TASK_COLUMNS,
    UNNAMED_LAST,
    column_years,
    columns_in_use,
    header_run,
    header_span,
    header_top,
    labels_above,
    last_column_read,
    repeated_header_run,
    task_columns,
    years_read_in_body,
)
from sohoa.extract.flattened_lines import CAPTION, PAGE_BREAK, add_page_break
from sohoa.extract.flattened_rows import first_section, interleaved_task_rows, numbered_rows
from sohoa.extract.flattened_sums import unread_years
from sohoa.extract.interleaved import is_interleaved
from sohoa.extract.label_years import years_by_labels
from sohoa.extract.one_amount import is_one_amount, one_amount_columns, one_amount_rows
from sohoa.extract.rebuild_edits import (
    NUMERAL_CONFIDENCE,
    SECTION_NUMERAL,
    keep_for,
    note,
    reading_rows,
    rows_after,
)
from sohoa.extract.structure import fold
from sohoa.extract.total_rows import totals_where_read
from sohoa.model import JOINED_PAGES_AT, Line, Page, Table, TableRow
from sohoa.normalize.unicode import strip_marks


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


def _new_pages(pages: list[Page]) -> set[int]:
    """The lines (indices into ``_lines``) that start a page of the source: each page's
    first after the first page, and each a text export joined to the page before it with
    blank lines (``JOINED_PAGES_AT``, ocr/text_reader.py)."""
    starts: set[int] = set()
    offset = 0
    for page in pages:
        if offset:
            starts.add(offset)
        starts |= {offset + k for k in page.provenance.get(JOINED_PAGES_AT, [])}
        offset += len(page.lines)
    return starts


def _body(
    lines: list[tuple[int, str]], header_lines: list[str], start: int, end: int, new_pages: set[int]
) -> tuple[list[str], list[str]]:
    """The table's lines from ``start`` to ``end`` with each header a page break repeats
    dropped (a ``PAGE_BREAK`` in its place, as at each new page that repeats none), and
    every reading of the header: the first one, then each repeat that is not read as the
    first."""
    header_text = " ".join(" ".join(header_lines).split())
    header_key = fold(header_text)
    readings = [header_text]
    body: list[str] = []
    i = start
    while i < end:
        text = lines[i][1]
        if i > start and i in new_pages:
            add_page_break(body)  # a new page, its header not repeated
        if fold(text).startswith("stt"):
            # a repeated page header: skip as many lines as the header has
            block = fold(" ".join(t for _, t in lines[i : i + len(header_lines)]))
            if block[: len(header_key) // 2] == header_key[: len(header_key) // 2]:
                i += len(header_lines)
                add_page_break(body)
                continue
        run = header_run(lines, i, end)
        if run == i and header_lines:
            run = repeated_header_run(lines, i, end, header_lines[0])  # its "STT" misread
        if run > i:
            readings.append(" ".join(t for _, t in lines[i:run]))
            i = run
            add_page_break(body)
            continue
        body.append(text)
        i += 1
    return body, readings


def _rows(body: list[str], columns: list[str], budget: bool) -> tuple[list[TableRow], float]:
    """The rows under the header and their confidence, read the way the table was written:
    across its columns (old OCR) or one cell fragment per line from each row number; a
    first section heading whose "I." was misread a letter ("ip Chuyển đổi số |") before
    them (one read "1." the readers read, and numbering repairs)."""
    letter = bool(body) and not body[0].lstrip(" |[{(")[:1].isdigit()
    section = first_section(body, 0) if letter else None
    if section is not None:
        read = body[0].strip(" |")  # the rulings of its cell are no part of it
        note(read, section, NUMERAL_CONFIDENCE, SECTION_NUMERAL, row=0)  # "ip …" -> "I. …"
        with rows_after(1):
            rows, confidence = _rows(body[1:], columns, budget)
        return [TableRow(section=section), *rows], confidence
    text_lines = [t for t in body if t != PAGE_BREAK]
    if budget and is_one_amount(columns):
        return one_amount_rows(body, columns)
    if not budget and is_interleaved(text_lines):
        return interleaved_task_rows(body, columns)
    if budget and is_interleaved_budget(text_lines):
        return interleaved_budget_rows(body, columns)
    return numbered_rows(body, columns, budget)


# "DỰ TOÁN KINH PHÍ …", a budget's title, its marks lost or misread ("DU’ TOAN KINH PHI")
_ESTIMATE_TITLE = regex.compile(r"\bto\S{0,2}n\s+kinh\s*ph", regex.IGNORECASE)
# a budget's columns when its header named no year: those every budget has (the agencies'
# keep the words a row reads after its amounts)
ESTIMATE_COLUMNS = ["STT", "Nội dung", "Kinh phí", "Đơn vị chủ trì", "Đơn vị phối hợp"]


def _estimate_columns(above_body: list[str]) -> list[str] | None:
    """The columns of a budget whose header old OCR garbled so that no year is read ("srr] aung
    | ron | ise …"): a table whose title above its rows names the estimate of its cost
    ("DỰ TOÁN KINH PHÍ THỰC HIỆN") is a budget, not a task list; it has a row number, a text,
    an amount and the agencies (``ESTIMATE_COLUMNS``); the other amounts its rows read stay
    in their rows, unplaced (no year is guessed). None for any other title."""
    text = strip_marks(" ".join(above_body))
    return list(ESTIMATE_COLUMNS) if _ESTIMATE_TITLE.search(text) else None


def _table(lines: list[tuple[int, str]], start: int, end: int, new_pages: set[int]) -> Table | None:
    """The table whose caption is line ``start`` (up to ``end``), if a header follows."""
    span = header_span(lines, start)
    if span is None or span[0] >= end:
        return None
    head_start, head_end = span
    header_lines = [text for _, text in lines[head_start:head_end]]
    header_text = " ".join(" ".join(header_lines).split())
    body, readings = _body(lines, header_lines, head_end, end, new_pages)
    generic = generic_columns(header_lines)
    if generic is not None:  # a table of its own columns, neither Phụ lục I nor II
        found = generic_rows(body, generic)  # None: its columns hold across no rows
        return (
            None if found is None else _new_table(lines, (start, head_start, end), generic, found)
        )
    title = [t for _, t in lines[start:head_start]]  # caption, title ("DỰ TOÁN KINH PHÍ …")
    years = column_years(title, header_lines)
    years = years or years_read_in_body([*readings[1:], *body])
    years = years or years_in_blocks([*header_lines, *body])
    years = years or unread_years(" ".join([*title, *readings]), body)
    years = years or years_by_labels([t for _, t in lines[start:head_end]], body)
    above = labels_above([text for _, text in lines[start:head_start]])
    budget_columns = budget_header_columns([f"{above} {readings[0]}", *readings[1:]], years, body)
    if budget_columns is None and not years:
        budget_columns = one_amount_columns(header_text)  # one amount column, no year
    if budget_columns is None and not years:
        budget_columns = _estimate_columns([t for _, t in lines[start:head_end]])
    top = header_top([text for _, text in lines[start:head_start]])
    columns = budget_columns or task_columns(header_text, top)
    if budget_columns is None and header_text and columns[-1] == TASK_COLUMNS[4]:
        columns = [*columns, UNNAMED_LAST]  # kept if the rows fill it (a name misread)
    with reading_rows() as notes:  # the cells written other than as read
        rows, confidence = _rows(body, columns, budget_columns is not None)
    if budget_columns is not None:
        totals_where_read(rows, body)  # "| | Tổng cộng |": its label in the text cell
    if columns[-1] == UNNAMED_LAST and not last_column_read(rows):
        columns = columns[:-1]
        for row in rows:
            row.cells = row.cells[: len(columns)] if row.cells else row.cells
    if budget_columns is None and not header_text:
        columns = columns_in_use(rows, columns)
    table = _new_table(lines, (start, head_start, end), columns, (rows, confidence))
    table.kind = "phu_luc_2" if budget_columns else "phu_luc_1"
    keep_for(table, notes)
    return table


def _new_table(
    lines: list[tuple[int, str]],
    span: tuple[int, int, int],
    columns: list[str],
    found: tuple[list[TableRow], float],
) -> Table:
    """The table (of no kind yet: "table") captioned at ``span``'s start, its header from
    the second index, its end the third, with ``columns`` and the rows ``found`` and their
    confidence."""
    start, head_start, end = span
    rows, confidence = found
    caption = read_caption_lines([t for _, t in lines[start:head_start]])
    return Table(
        caption=caption["caption"],
        title=caption["title"],
        attached_to=caption["attached_to"],
        unit=caption["unit"],
        pages=sorted({p for p, _ in lines[start:end]}),
        columns=columns,
        rows=rows,
        source="flattened",
        confidence=round(confidence, 2),
    )


def tables_from_flattened(pages: list[Page]) -> list[Table]:
    """Every appendix table in the pages' text: one per "Phụ lục" caption with a header."""
    lines = _lines(pages)
    captions = [i for i, (_, text) in enumerate(lines) if CAPTION.match(text.strip())]
    ends = [*captions[1:], len(lines)] if captions else []
    new_pages = _new_pages(pages)
    tables = [
        _table(lines, start, end, new_pages) for start, end in zip(captions, ends, strict=True)
    ]
    return [table for table in tables if table is not None]


def table_body_lines(pages: list[Page]) -> list[list[str]]:
    """The body lines a table was rebuilt from, for each caption followed by a header, in
    the order of the text: the lines under its header up to the next caption, without the
    headers a page break repeats (the words its rows and sections are made of; a check of
    the rebuild, bench/tables_words.py, compares them)."""
    lines = _lines(pages)
    captions = [i for i, (_, text) in enumerate(lines) if CAPTION.match(text.strip())]
    new_pages = _new_pages(pages)
    bodies = []
    for start, end in zip(captions, [*captions[1:], len(lines)], strict=True):
        span = header_span(lines, start)
        if span is not None and span[0] < end:
            header_lines = [text for _, text in lines[span[0] : span[1]]]
            body, _ = _body(lines, header_lines, span[1], end, new_pages)
            bodies.append([text for text in body if text != PAGE_BREAK])
    return bodies
