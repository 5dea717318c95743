"""`convert` writes every registered format by default, and only the chosen ones if asked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber

from sohoa.output.writers import WRITERS

ROOT = Path(__file__).resolve().parents[2]
OLD_OCR = "KE HOACH\nTang cuong hoat dong do luong\n\nThuc hien Quyet dinh so 523/QD-UBND\n"


def convert(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_default_formats_are_all_writers(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(OLD_OCR, encoding="utf-8")
    result = convert(str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert {"txt", "json", "docx", "pdf", "html"} <= set(WRITERS)
    for fmt in ("txt", "json", "docx", "pdf", "html"):
        assert (out / f"plan.{fmt}").stat().st_size > 0, fmt
    assert json.loads((out / "plan.json").read_text(encoding="utf-8"))["input_kind"] == "txt"
    assert any("523/QĐ-UBND" in p.text for p in docx.Document(str(out / "plan.docx")).paragraphs)
    with pdfplumber.open(out / "plan.pdf") as pdf:
        assert "Quyết định số 523/QĐ-UBND" in pdf.pages[0].extract_text()  # restored
    report = (out / "plan.html").read_text(encoding="utf-8")
    assert "Tăng cường hoạt động đo lường" in report and "http://" not in report  # restored
    assert not list(out.glob(".*.part"))


def test_formats_option_writes_only_those(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(OLD_OCR, encoding="utf-8")
    result = convert(str(source), "-o", str(tmp_path / "out"), "--formats", "docx,html")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").glob("plan.*"))
    assert written == ["plan.docx", "plan.html"]
