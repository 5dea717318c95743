"""CSV per table: UTF-8 with BOM, Vietnamese intact, sections in the first column."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

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
