"""One CSV per table: UTF-8 with a BOM (so Excel opens Vietnamese right), header = columns.

A full-width section row ("II. …") is written in the first column with the rest empty.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sohoa.model import Document, Table
from sohoa.output.files import write_atomic


def table_to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    width = len(table.columns)
    writer.writerow(table.columns)
    for row in table.rows:
        if row.section is not None:
            writer.writerow([row.section] + [""] * max(0, width - 1))
        else:
            writer.writerow(row.cells or [])
    return buffer.getvalue()


def write_csv(doc: Document, outdir: Path, stem: str) -> list[Path]:
    paths = []
    for number, table in enumerate(doc.tables, start=1):
        path = outdir / f"{stem}.table-{number}.csv"
        write_atomic(path, table_to_csv(table), encoding="utf-8-sig")
        paths.append(path)
    return paths
