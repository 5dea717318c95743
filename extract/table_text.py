"""Tables in plain text: tab-separated rows (seed 004) and flattened appendices.

Text has no geometry, so a table is recognised by its shape: a run of lines with the same
number of tab-separated fields (a section heading written without tabs, "I. …", before a
numbered row stays in the table as a section row); or, for appendices flattened one cell
fragment per line (seeds 000/002/003), a "Phụ lục" caption followed by a "STT …" header
(see ``flattened``). Cell texts are taken from ``Page.words`` (which the restorer may have
corrected; or, for flattened appendices, the words as read when given); the raw line only
tells where each tab-separated field starts.
"""

from __future__ import annotations

import regex

from sohoa.extract.appendix import read_caption_lines
from sohoa.extract.flattened import tables_from_flattened
from sohoa.model import Line, Page, Table, TableRow

MIN_FIELDS = 3
# a section heading inside a table, written without tabs: "I. Đẩy mạnh …", "B) Chi …"
SECTION_HEADING = regex.compile(r"(?:[IVXLC]+|\p{Lu})[.)]\s+\S")


def _fields(page: Page, line: Line) -> list[str]:
    """The line's tab-separated fields, in the words the document now holds."""
    words = [page.words[i].text for i in line.words]
    raw = line.raw_text if line.raw_text is not None else " ".join(words)
    fields, used = [], 0
    for part in raw.split("\t"):
        count = len(part.split())
        fields.append(" ".join(words[used : used + count]))
        used += count
    return fields


def _page_lines(pages: list[Page]) -> list[tuple[Page, Line]]:
    return [(page, line) for page in pages for line in page.lines]


def tsv_tables(pages: list[Page]) -> list[Table]:
    lines = _page_lines(pages)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        page, line = lines[i]
        header = _fields(page, line)
        if len(header) < MIN_FIELDS or not all(header):
            i += 1
            continue
        rows: list[TableRow] = []
        j = i + 1
        while j < len(lines):
            fields = _fields(*lines[j])
            if _is_section_row(fields, lines[j + 1 : j + 2]):
                rows.append(TableRow(section=fields[0]))
                j += 1
                continue
            if len(fields) < 2:
                break
            cells = (fields + [""] * len(header))[: len(header)]
            if len(fields) > len(header):  # stray tabs: keep the text in the last cell
                cells[-1] = " ".join(f for f in fields[len(header) - 1 :] if f)
            rows.append(TableRow(cells=cells))
            j += 1
        if rows:
            before = [p.line_text(ln) for p, ln in lines[max(0, i - 10) : i]]
            found = read_caption_lines(before)
            table = Table(
                columns=header,
                rows=rows,
                pages=sorted({p.number for p, _ in lines[i:j]}),
                source="tsv",
                confidence=1.0,
                caption=found["caption"],
                title=found["title"],
                attached_to=found["attached_to"],
                unit=found["unit"],
            )
            tables.append(table)
        i = max(j, i + 1)
    return tables


def _is_section_row(fields: list[str], following: list[tuple[Page, Line]]) -> bool:
    """A line of one field shaped like a section heading ("II. Cải cách hành chính")
    with a numbered row after it ("1<TAB>…"): the table goes on under that heading. (One
    followed by a header row, "TT<TAB>Nội dung …", heads the next table instead.)"""
    if len(fields) != 1 or SECTION_HEADING.match(fields[0]) is None or not following:
        return False
    after = _fields(*following[0])
    return len(after) >= 2 and after[0][:1].isdigit()


def tables_from_text_pages(pages: list[Page], read: list[Page] | None = None) -> list[Table]:
    """The tables of a text's pages; flattened appendices are rebuilt from ``read`` when
    given (the pages' words as read, before the restorer), so their cells can be restored
    one by one, each with its column's type in mind (``tables.restore_cells``)."""
    tables = tsv_tables(pages)
    if not tables:
        tables = tables_from_flattened(read if read is not None else pages)
    return tables
