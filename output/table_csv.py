"""One CSV per table: UTF-8 with a BOM (so Excel opens Vietnamese right), header = columns.

A full-width section row ("II. …") is written in the first column with the rest empty.
What a row read that no cell takes (``TableRow.unplaced``: old OCR's amounts beyond the
amount columns) is written in a last column of its own, "Chưa xếp vào ô", when any row has
some: the CSV holds every value the JSON does.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sohoa.model import Document, Table
from sohoa.output.files import write_atomic
from sohoa.output.layout import with_unplaced_column


def table_to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    width = len(table.columns)
    body = [
        [row.section] + [""] * max(0, width - 1) if row.section is not None else row.cells or []
        for row in table.rows
    ]
    header, body = with_unplaced_column(table, table.columns, body)
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()


def write_csv(doc: Document, outdir: Path, stem: str) -> list[Path]:
    paths = []
    for number, table in enumerate(doc.tables, start=1):
        path = outdir / f"{stem}.table-{number}.csv"
        write_atomic(path, table_to_csv(table), encoding="utf-8-sig")
        paths.append(path)
    return paths
