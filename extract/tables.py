"""Stage 3: tables and Phụ lục records.

Raw tables come from ingest (``Page.tables``: ruled grids in scans, pdfplumber tables,
DOCX tables); TXT input has no geometry, so its tables are rebuilt here from the text
(tab-separated rows, or appendices flattened one cell fragment per line). Then, for every
table: header and rows, joining across pages, caption, kind, typed records, arithmetic
validation.
"""

from __future__ import annotations

from typing import Any

import regex

from sohoa.extract.appendix import classify, map_columns, read_caption_lines, records_for
from sohoa.extract.borderless import find_borderless_tables
from sohoa.extract.cell_noise import remove_cell_noise
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
from sohoa.extract.headers import repair_headers
from sohoa.extract.interleaved import repair_cells
from sohoa.extract.numbering import fix_numbering
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
    """The single place where cell text of OCR'd tables meets the diacritic restorer.

    Uses ``normalize.restore.restore_text(text, model) -> (text, edits)`` when the restorer
    provides it (until then the text stays as read). Returns the restorer's edits, each
    tagged with the table it belongs to.
    """
    from sohoa.normalize import restore

    restore_text = getattr(restore, "restore_text", None)
    if restore_text is None or model is None:
        return []
    edits: list[Edit] = []

    def restored(text: str) -> str:
        if not text.strip():
            return text
        result = restore_text(text, model)
        new_text, new_edits = result if isinstance(result, tuple) else (result, [])
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


def finish_table(table: Table) -> Table:
    """Kind, records and validation of a table whose columns and rows are known."""
    if table.kind == "table":
        table.kind = classify(table)  # type: ignore[assignment]
    table.column_types = column_types(table)
    table.records = records_for(table) if table.kind != "table" else generic_records(table)
    if table.kind == "phu_luc_2":
        table.validation = validate_budget(table)
    return table


def extract_tables(doc: Document, settings: Settings, model: Any = None) -> Document:
    """The document's tables: found, typed, repaired; ``model`` is the loaded restorer
    (``pipeline.py`` passes its one): OCR'd grid cells are restored with it when given."""
    text_input = doc.input_kind == "txt"
    if text_input:
        tables = [t for t in tables_from_text_pages(doc.pages) if holds_as_table(t)]
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
        if table.source == "flattened" and table.confidence is not None and table.confidence < 1:
            fields = map_columns(table.columns)
            agencies = [i for i, f in fields.items() if f in AGENCY_FIELDS]
            doc.edits.extend(repair_cells(table, agencies, index, settings.restore))
    # then the restorer (after the numbering, so it sees "II." rather than "1I.")
    if settings.restore and model is not None and any(t.source == "grid" for t in tables):
        # (borderless tables are made of the page's words, which the restorer has seen)
        for index, table in enumerate(tables):
            if table.source == "grid":
                doc.edits.extend(restore_cells(table, model, index))
    for index, table in enumerate(tables):
        if table.source in OCR_SOURCES:  # after the restorer, which may not know them
            doc.edits.extend(repair_quarters(table, index))
            doc.edits.extend(repair_case(table, index))
            doc.edits.extend(repair_lone_quotes(table, index))
            doc.edits.extend(repair_periods(table, index))
            doc.edits.extend(repair_doubled_vowels(table, index))
        if table.source == "flattened":  # old OCR text: specks read as letters in task text
            doc.edits.extend(remove_cell_noise(table, index))
    doc.tables = [finish_table(table) for table in tables]
    return doc
