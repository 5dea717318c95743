"""CSV per table: UTF-8 with BOM, Vietnamese intact, sections in the first column."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from sohoa.model import Table, TableRow
from sohoa.output.table_csv import table_to_csv

ROOT = Path(__file__).resolve().parents[2]


def test_convert_writes_one_csv_per_table(tmp_path, seeds_dir):
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "run_pipeline.py"),
            "convert",
            str(seeds_dir / "004_270c43c183b8e566.txt"),
            "-o",
            str(out),
            "--no-restore",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    paths = sorted(out.glob("004_270c43c183b8e566.table-*.csv"))
    assert [p.name.split(".")[-2] for p in paths] == ["table-1", "table-2"]
    raw = paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    with open(paths[0], encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["TT", "Nội dung các nhiệm vụ"]
    assert rows[1][3] == "Sở Khoa học và Công nghệ"
    assert rows[1][5] == "48.259"  # cells as written; typed amounts are in the JSON records


def test_what_a_row_read_that_no_cell_takes_has_a_column_of_its_own():
    """Old OCR's amounts beyond the amount columns (``TableRow.unplaced``) are written in a
    last column "Chưa xếp vào ô", so the CSV holds every value the JSON holds; a section row
    and a row with nothing aside leave it empty, and a table with none has no such column."""
    columns = ["TT", "Nội dung", "Kinh phí", "Năm 2026"]
    table = Table(
        kind="phu_luc_2",
        columns=columns,
        rows=[
            TableRow(section="I. Tăng cường chuyển đổi số"),
            TableRow(cells=["1", "Xây dựng mô hình điểm", "300", "300"], unplaced="20 12"),
            TableRow(cells=["2", "Hỗ trợ doanh nghiệp", "200", "200"]),
        ],
    )
    rows = list(csv.reader(io.StringIO(table_to_csv(table))))
    assert rows[0] == [*columns, "Chưa xếp vào ô"]
    assert rows[1] == ["I. Tăng cường chuyển đổi số", "", "", "", ""]
    assert rows[2] == ["1", "Xây dựng mô hình điểm", "300", "300", "20 12"]
    assert rows[3] == ["2", "Hỗ trợ doanh nghiệp", "200", "200", ""]
    table.rows[1].unplaced = None
    header = next(csv.reader(io.StringIO(table_to_csv(table))))
    assert header == columns
