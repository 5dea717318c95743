"""The command line as a user runs it: a real subprocess, real files."""

import json
from pathlib import Path

from cli_runner import run_cli


def test_convert_text_writes_txt_and_json(tmp_path: Path) -> None:
    source = tmp_path / "old-ocr.txt"
    source.write_text("KE HOACH\nThuc hien Quyet dinh so 996/QD-TTg\n\nDong 2\n", encoding="utf-8")
    result = run_cli("convert", str(source), "-o", str(tmp_path / "out"), "--no-restore")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "old-ocr.txt").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["KE HOACH", "Thuc hien Quyet dinh so 996/QD-TTg"]
    model = json.loads((tmp_path / "out" / "old-ocr.json").read_text(encoding="utf-8"))
    assert model["input_kind"] == "txt"
    assert [w["text"] for w in model["pages"][0]["words"]][:2] == ["KE", "HOACH"]


def test_one_bad_file_is_reported_in_one_line_and_others_still_convert(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Ba muoi\n", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = run_cli("convert", str(empty), str(good), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert (tmp_path / "out" / "good.txt").exists()
    assert not (tmp_path / "out" / "empty.txt").exists()
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "empty.pdf" in errors[0] and "Traceback" not in result.stderr


def test_unwritable_outdir_fails_with_one_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("x\n", encoding="utf-8")
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    result = run_cli("convert", str(source), "-o", str(blocker / "out"))
    assert result.returncode != 0
    assert "not writable" in result.stderr and "Traceback" not in result.stderr
