"""Stage 3: tables and Phụ lục records.

Raw tables come from ingest (``Page.tables``: ruled grids in scans, pdfplumber tables,
DOCX tables); TXT input has no geometry, so its tables are rebuilt here from the text
(tab-separated rows, or appendices flattened one cell fragment per line; when restoring,
these are also rebuilt from the words as read, and where that rebuild holds as well its
text cells are restored after it, a column at a time). Then, for every table: header and
rows, joining across pages, caption, kind, typed records, arithmetic validation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import regex

from sohoa.extract.appendix import classify, map_columns, read_caption_lines, records_for
from sohoa.extract.borderless import find_borderless_tables
from sohoa.extract.cell_lines import move_junk_lines
from sohoa.extract.cell_noise import Known, remove_cell_noise
from sohoa.extract.cell_types import (
    column_types,
    generic_records,
    repair_caption,
    repair_case,
    repair_doubled_vowels,
    repair_lone_quotes,
    repair_periods,
    repair_quarters,
)
from sohoa.extract.grammar_words import (
    SetWords,
    grammar_words,
    held_words,
    kept_as_set,
    word_at,
)
from sohoa.extract.headers import repair_headers
from sohoa.extract.interleaved import repair_cells
from sohoa.extract.lost_headings import number_lost_headings
from sohoa.extract.numbering import fix_numbering
from sohoa.extract.rebuild_edits import JoinedLines, edits_of, gathering_lines, rebuilding
from sohoa.extract.row_confidence import rate_rows
from sohoa.extract.structure import build_structure, join_continued
from sohoa.extract.table_text import tables_from_text_pages
from sohoa.extract.validate import validate_budget
from sohoa.model import Document, Edit, Page, Table
from sohoa.settings import Settings

AGENCY_FIELDS = (("chu_tri",), ("phoi_hop",))
OCR_SOURCES = ("grid", "flattened", "words")  # tables whose text was read by OCR (or old OCR text)
CAPTION_LOOKBACK = 8  # lines above a table that may hold its caption, title and unit


def _lines_above(page: Page, table: Table) -> list[str]:
    if table.bbox is None:
        return []
    top = table.bbox[1]
    above = [line for line in page.lines if line.bbox is not None and line.bbox[3] <= top + 2]
    return [page.line_text(line) for line in above[-CAPTION_LOOKBACK:]]


MOTTO = regex.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do", regex.IGNORECASE)
HOLDING_SHARE = 0.5  # a column holds when at least this share of the table's rows fill it


def holds_as_table(table: Table) -> bool:
    """Columns that hold across the rows: at least two columns filled in half the rows.

    A page of paragraphs inside a frame (or ruled like a form) comes out of a table finder
    as a "table" whose one column holds the text, row after row; and the national header
    block ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" beside the issuer) is laid out as a table
    in Word. Neither is a table of the document; their text stays in the pages.
    """
    rows = [row.cells or [] for row in table.rows if row.cells]
    if table.columns:
        rows.append(table.columns)
    if len(rows) < 2:
        return False
    width = max(len(cells) for cells in rows)
    holding = [
        sum(1 for cells in rows if k < len(cells) and cells[k].strip()) >= HOLDING_SHARE * len(rows)
        for k in range(width)
    ]
    if sum(holding) < 2:
        return False
    text = " ".join(c for cells in rows[:3] for c in cells)
    return not MOTTO.search(text)


def _page_tables(doc: Document) -> list[Table]:
    tables = []
    for page in doc.pages:
        found = page.tables + find_borderless_tables(page)
        found.sort(key=lambda t: t.bbox[1] if t.bbox is not None else 0.0)
        for table in found:
            for cell in table.cells:
                if cell.page is None:
                    cell.page = page.number
            if not table.pages:
                table.pages = [page.number]
            if table.caption is None:
                found = read_caption_lines(_lines_above(page, table))
                for key, value in found.items():
                    if value and getattr(table, key) is None:
                        setattr(table, key, value)
            table = build_structure(table)
            if table.source in ("grid", "words") or holds_as_table(table):
                tables.append(table)
    return join_continued(tables)


def restore_cells(table: Table, model: Any, table_index: int | None = None) -> list[Edit]:
    """Where cell text of OCR'd grid tables meets the diacritic restorer, a cell at a time
    (the cells of a table rebuilt from old OCR text: ``restore_columns``). Returns the
    restorer's edits, each tagged with the table it belongs to.
    """
    from sohoa.normalize import restore

    if model is None:
        return []
    edits: list[Edit] = []

    def restored(text: str) -> str:
        if not text.strip():
            return text
        new_text, new_edits = restore.restore_text(text, model)
        for edit in new_edits:
            edit.table = table_index
            edit.line = None  # the line/column of a cell text mean nothing in the document
            edit.column = None
        edits.extend(new_edits)
        return new_text

    # numbers are never the restorer's: row numbers, amounts, years and dates stay as read
    words = [kind in ("text", "period") for kind in column_types(table)]
    for row in table.rows:
        if row.section is not None:
            row.section = restored(row.section)
        if row.cells:
            row.cells = [
                restored(text) if k >= len(words) or words[k] else text
                for k, text in enumerate(row.cells)
            ]
    return edits


def _text_places(table: Table) -> list[tuple[int, int]]:
    """The (row, column) of each text cell, a column after another; column -1: a section
    heading (with the first text column)."""
    columns = [k for k, kind in enumerate(column_types(table)) if kind in ("text", "period")]
    places: list[tuple[int, int]] = []
    for k in columns:
        for r, row in enumerate(table.rows):
            if row.section is not None:
                if k == columns[0]:
                    places.append((r, -1))
            elif row.cells and k < len(row.cells) and row.cells[k].strip():
                places.append((r, k))
    return places


def restore_columns(
    tables: dict[int, Table], model: Any, context: str = "", grammar: SetWords | None = None
) -> list[Edit]:
    """The text cells of tables rebuilt from old OCR text (from the words as read; by their
    index in the document) restored as one text, a cell a line, each table a column after
    another (the section headings with the first column), after ``context`` (the document's
    text as read, whose edits are dropped: it is there for the restorer's evidence, the
    OCR's own misreadings and words). So a word's neighbours are its own cell's (or the
    cell above's), never the interleaved cells of other columns. Numbers, years and amounts
    stay as read; each edit names its table and row. A word the agency grammar set
    (``grammar``: "Sở" of "Sở KH&CN", ``grammar_words``) stays as set ("Số" is not taken)."""
    from sohoa.normalize import restore

    place = [(index, r, k) for index, table in tables.items() for r, k in _text_places(table)]
    texts = [_cell(tables[index], r, k).replace("\n", " ") for index, r, k in place]
    if not texts:
        return []
    before = context.count("\n") + 1 if context else 0  # lines of context, then the cells
    text = "\n".join([context, *texts] if context else texts)
    new_text, found = restore.restore_text(text, model)
    lines = new_text.split("\n")[before:]
    kept = [_grammar_set(grammar or {}, place[j], texts[j], lines[j]) for j in range(len(place))]
    for j, ((index, r, k), text) in enumerate(zip(place, lines, strict=True)):
        _set_cell(tables[index], r, k, kept_as_set(texts[j], text, kept[j]))
    cells = [(e, (e.line or 0) - before) for e in found if (e.line or 0) >= before]
    edits = [e for e, j in cells if word_at(texts[j], e.column or 0) not in kept[j]]
    for edit in edits:
        edit.table, edit.row, _ = place[(edit.line or 0) - before]
        edit.line = None  # the line/column of a cell text mean nothing in the document
        edit.column = None
    return edits


def _grammar_set(
    grammar: SetWords, place: tuple[int, int, int], text: str, restored: str
) -> frozenset[int]:
    """The words of a cell the agency grammar set that the restorer gave other marks."""
    return held_words(text, restored, grammar.get((place[0], place[1], text), frozenset()))


def _cell(table: Table, r: int, k: int) -> str:
    row = table.rows[r]
    return (row.section or "") if k < 0 else (row.cells or [])[k]


def _set_cell(table: Table, r: int, k: int, text: str) -> None:
    row = table.rows[r]
    if k < 0:
        row.section = text
    elif row.cells is not None:
        row.cells[k] = text


def pages_as_read(doc: Document) -> list[Page]:
    """The document's pages with each restored word as it was read (its edit keeps the
    original): a flattened appendix is rebuilt from these, so the restorer never sees its
    columns' cells interleaved as one sentence; its text cells are restored afterwards."""
    originals: dict[tuple[int, int], str] = {}
    for edit in doc.edits:
        if edit.reason == "restore" and edit.table is None and edit.word is not None:
            originals.setdefault((edit.page or 0, edit.word), edit.original)
    if not originals:
        return doc.pages
    return [
        replace(
            page,
            words=[
                replace(word, text=originals.get((page.number, i), word.text))
                for i, word in enumerate(page.words)
            ],
        )
        for page in doc.pages
    ]


def rebuilt_as_read(restored: list[Table], read: list[Table]) -> set[int]:
    """The flattened tables (by index) to take as rebuilt from the words as read: those
    whose rows hold at least as well (``Table.confidence``, the share of rows whose cells
    all found a place) as the same table rebuilt from the restored words. Their cells are
    then restored a column at a time (``restore_columns``); where the restorer's words made
    the better rebuild, that one is kept."""
    if len(restored) != len(read):
        return set()
    return {
        index
        for index, (a, b) in enumerate(zip(restored, read, strict=True))
        if a.source == b.source == "flattened"
        and len(a.columns) == len(b.columns)
        and (b.confidence or 0.0) >= (a.confidence or 0.0)
    }


def _text_tables(pages: list[Page], read: list[Page] | None) -> tuple[list[Table], set[int]]:
    """A text's tables, rebuilt from its restored words and, given ``read`` (the pages'
    words as read), its flattened ones also from those: the tables (by index) taken as
    read (``rebuilt_as_read``) replace the others."""
    tables = [t for t in tables_from_text_pages(pages) if holds_as_table(t)]
    if read is None or not any(t.source == "flattened" for t in tables):
        return tables, set()
    tables_read = [t for t in tables_from_text_pages(pages, read) if holds_as_table(t)]
    as_read = rebuilt_as_read(tables, tables_read)
    return [tables_read[i] if i in as_read else t for i, t in enumerate(tables)], as_read


def _rebuilt_text_tables(
    doc: Document, read: list[Page] | None
) -> tuple[list[Table], set[int], JoinedLines]:
    """``_text_tables`` of the document, the cells its readers wrote other than as read
    logged (``rebuild_edits``: a total row's label put right, words moved between cells),
    and the lines they joined into cells (``cell_lines`` weighs them)."""
    with rebuilding() as kept, gathering_lines() as lines:
        tables, as_read = _text_tables(doc.pages, read)
    doc.edits.extend(edits_of(tables, kept))
    return tables, as_read, lines


def finish_table(table: Table, edits: list[Edit] | None = None) -> Table:
    """Kind, validation, rows' confidence and records of a table whose columns and rows are
    known; a table rebuilt from flattened text has its rows rated (``row_confidence``) when
    its ``edits`` are given."""
    if table.kind == "table":
        table.kind = classify(table)  # type: ignore[assignment]
    table.column_types = column_types(table)
    if table.kind == "phu_luc_2":
        table.validation = validate_budget(table)
    if edits is not None and table.source == "flattened":
        rate_rows(table, edits)
    table.records = records_for(table) if table.kind != "table" else generic_records(table)
    return table


def _without_specks(
    table: Table, index: int, lines: JoinedLines, known: Known | None, as_read: bool = False
) -> list[Edit]:
    """The specks read as letters taken out of a rebuilt table's task text: whole lines of
    them first (``cell_lines``), then runs within the text (``cell_noise``)."""
    edits = move_junk_lines(table, index, lines, known)
    return edits + remove_cell_noise(table, index, as_read, known)


def repair_after_restoring(
    table: Table, index: int, known: Known | None = None, lines: JoinedLines | None = None
) -> list[Edit]:
    """The cell repairs that come after the restorer, which may not know what they repair:
    quarters, case, quotes, periods, doubled vowels; and in old OCR text's task text, specks
    read as letters (given ``lines``, the lines its rebuild joined, whole lines of them too).
    Each repair is logged."""
    edits: list[Edit] = []
    if table.source in OCR_SOURCES:
        edits.extend(repair_quarters(table, index))
        edits.extend(repair_case(table, index))
        edits.extend(repair_lone_quotes(table, index))
        edits.extend(repair_periods(table, index))
        edits.extend(repair_doubled_vowels(table, index))
    if table.source == "flattened":
        edits.extend(_without_specks(table, index, lines or set(), known))
    return edits


def _restored_as_read(
    tables: list[Table],
    as_read: set[int],
    read: list[Page],
    model: Any,
    lines: JoinedLines,
    known: Known,
    grammar: SetWords,
) -> list[Edit]:
    """The tables rebuilt from the words as read restored (``restore_columns``, the
    document's text as read its evidence), their specks taken out first, while still as
    read (``known``: the restorer's lexicon): the restorer would dress "Az" as "A", "nee"
    as "neo" (``cell_noise``); a word the agency grammar set (``grammar``) stays as set."""
    edits = [e for i in sorted(as_read) for e in _without_specks(tables[i], i, lines, known, True)]
    context = "\n".join(page.text() for page in read)  # the document's evidence
    return edits + restore_columns({i: tables[i] for i in sorted(as_read)}, model, context, grammar)


def extract_tables(doc: Document, settings: Settings, model: Any = None) -> Document:
    """The document's tables: found, typed, repaired; ``model`` is the loaded restorer
    (``pipeline.py`` passes its one): OCR'd grid cells are restored with it when given."""
    text_input = doc.input_kind == "txt"
    read = pages_as_read(doc) if settings.restore and text_input else None
    as_read: set[int] = set()  # flattened tables rebuilt from the words as read
    lines: JoinedLines = set()  # the lines their rebuild joined into cells
    # the restorer's lexicon and OCR channels: weighs specks in the task text
    known = model.model.reads_as_word if model is not None else None
    if text_input:
        tables, as_read, lines = _rebuilt_text_tables(doc, read)
    else:
        tables = _page_tables(doc)
    for index, table in enumerate(tables):
        if table.source in OCR_SOURCES:  # header names and captions read by OCR
            doc.edits.extend(repair_headers(table, index))
            doc.edits.extend(repair_caption(table, len(tables), index))
        if table.source in (
            "grid",
            "flattened",
            "words",
        ):  # OCR'd numbering: repaired from its sequence, logged
            stt = [i for i, f in map_columns(table.columns).items() if f == ("stt",)]
            lost = table.source == "flattened"  # old OCR text: lost numbers put back
            doc.edits.extend(fix_numbering(table, stt[0] if stt else None, index, lost))
            if lost:  # a group heading's lost number, from the rows around it
                doc.edits.extend(number_lost_headings(table, stt[0] if stt else None, index))
        if table.source == "flattened" and table.confidence is not None and table.confidence < 1:
            fields = map_columns(table.columns)
            agencies = [i for i, f in fields.items() if f in AGENCY_FIELDS]
            doc.edits.extend(repair_cells(table, agencies, index, settings.restore))
    if as_read and read is not None and known is not None:  # rebuilt from the words as read
        grammar = grammar_words(doc.edits)
        doc.edits.extend(_restored_as_read(tables, as_read, read, model, lines, known, grammar))
    # then the restorer (after the numbering, so it sees "II." rather than "1I.")
    if settings.restore and model is not None and any(t.source == "grid" for t in tables):
        # (borderless tables are made of the page's words, which the restorer has seen)
        for index, table in enumerate(tables):
            if table.source == "grid":
                doc.edits.extend(restore_cells(table, model, index))
    for index, table in enumerate(tables):
        doc.edits.extend(repair_after_restoring(table, index, known, lines))
    doc.tables = [
        finish_table(table, [e for e in doc.edits if e.table == index])
        for index, table in enumerate(tables)
    ]
    return doc
