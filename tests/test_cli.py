"""The command line as a user runs it: a real subprocess, real files."""

import json
import os
import subprocess
from pathlib import Path

import pytest
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
    for outdir, problem in [
        (blocker / "out", f"cannot be made: {blocker} is a file"),
        (blocker, f"{blocker}: is a file, and the output must be a folder"),  # -o a file
    ]:
        result = run_cli("convert", str(source), "-o", str(outdir))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert problem in line and "choose a folder with -o" in line, line
    assert blocker.read_text(encoding="utf-8") == ""  # the file in the way is left alone


def test_a_read_only_outdir_fails_with_one_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("x\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    immutable = os.geteuid() == 0  # root writes into read-only folders: make it immutable
    if immutable and subprocess.run(["chattr", "+i", str(locked)]).returncode != 0:
        pytest.skip("root, and chattr +i is not allowed here")
    try:
        result = run_cli("convert", str(source), "-o", str(locked))
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(locked)], check=True)
        locked.chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "output folder is not writable" in result.stderr, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


def test_converting_a_folder_into_itself_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "kh49.txt").write_text("KE HOACH 49\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    before = snapshot(folder)
    result = run_cli("convert", str(folder), "-o", str(folder))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "holds the input" in line and "-o " in line  # the fix: another output folder
    assert snapshot(folder) == before
    result = run_cli("convert", "scan.pdf", "-o", ".", cwd=folder)
    assert result.returncode == 2 and "choose an output folder" in result.stderr
    assert snapshot(folder) == before


def test_an_output_folder_inside_the_input_folder_is_never_read_as_input(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "kh49.txt").write_text("KE HOACH 49\n", encoding="utf-8")
    first = run_cli("convert", str(folder), "-o", str(folder / "out"), "--formats", "txt,json")
    assert first.returncode == 0, first.stderr
    again = run_cli("convert", str(folder), "-o", str(folder / "out2"), "--formats", "txt", "-v")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (folder / "out2").glob("*.txt")) == ["kh49.txt"]
    assert f"skip {folder / 'out'} (an earlier sohoa output folder)" in again.stdout
    assert "skipped: 0 unreadable, 0 unsupported, 1 earlier sohoa output folder" in again.stdout


def test_usage_and_setup_errors_exit_2_with_the_fix(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("x\n", encoding="utf-8")
    missing = run_cli("convert", str(tmp_path / "typo.pdf"), "-o", str(tmp_path / "out"))
    assert missing.returncode == 2 and "typo.pdf: input not found — check the path" in (
        missing.stderr
    )
    bad_lang = run_cli("convert", str(source), "--lang", "vie,eng", "-o", str(tmp_path / "out"))
    assert bad_lang.returncode == 2 and "vie+eng" in bad_lang.stderr
    scan = tmp_path / "page.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n")
    absent = run_cli("convert", str(scan), "--lang", "xyz", "-o", str(tmp_path / "out"))
    assert absent.returncode == 2 and "apt-get install tesseract-ocr-xyz" in absent.stderr
    assert not (tmp_path / "out" / "page.txt").exists()
    for result in (missing, bad_lang, absent):
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_convert_reads_stdin_and_writes_one_format_to_stdout(tmp_path: Path) -> None:
    text = "KE HOACH\nThuc hien Quyet dinh so 996/QD-TTg\n"
    piped = run_cli("convert", "-", "-o", "-", "--no-restore", input=text)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == text
    assert "summary:" in piped.stderr  # messages go to stderr, stdout is the document
    source = tmp_path / "kh.txt"
    source.write_text(text, encoding="utf-8")
    as_json = run_cli("convert", str(source), "-o", "-", "--formats", "json", "--no-restore")
    assert json.loads(as_json.stdout)["input_kind"] == "txt"
    into_folder = run_cli("convert", "-", "-o", str(tmp_path / "out"), "--formats", "txt",
                          input=text)  # fmt: skip
    assert into_folder.returncode == 0, into_folder.stderr
    assert (tmp_path / "out" / "stdin.txt").read_text(encoding="utf-8").startswith("KẾ HOẠCH")
    two_formats = run_cli("convert", str(source), "-o", "-", "--formats", "txt,json")
    assert two_formats.returncode == 2 and "one format" in two_formats.stderr
