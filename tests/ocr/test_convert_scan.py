"""The bundled sample scan through the real command line: text and a loadable model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from metrics import wer

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "sample-scan.pdf"


def test_convert_sample_scan_writes_text_and_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "run_pipeline.py"),
            "convert",
            str(SAMPLE),
            "-o",
            str(tmp_path),
            "--dpi",
            "200",
            "--no-restore",
            "--formats",
            "txt,json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "sample-scan.txt").read_text(encoding="utf-8")
    assert text.startswith("KẾ HOẠCH\n")
    assert "Quyết định số 1703/QĐ-TTg" in text
    model = json.loads((tmp_path / "sample-scan.json").read_text(encoding="utf-8"))
    assert model["schema_version"] and model["input_kind"] == "scanned-pdf"
    (page,) = model["pages"]
    assert page["image"] == {"path": str(SAMPLE), "frame": 0, "dpi": 200}
    assert len(page["words"]) > 300 and all(len(w["bbox"]) == 4 for w in page["words"])


def test_sample_scan_is_small_and_rebuilds_from_the_seed(tmp_path: Path) -> None:
    from sohoa.corpus import scan_simulator as scans

    assert SAMPLE.stat().st_size < 400_000
    rebuilt = scans.build_sample(tmp_path / "sample.pdf")
    assert wer(rebuilt.text, scans.seed_text("001")[: len(rebuilt.text) + 200]) < 0.5
    assert abs(rebuilt.path.stat().st_size - SAMPLE.stat().st_size) < 20_000
