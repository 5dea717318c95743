"""Batch conversion as an archivist runs it: a folder, a broken file, a re-run, a kill -9."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import TXT_JSON, make_archive, run_cli


def manifest_rows(outdir: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(outdir / "manifest.sqlite") as db:
        rows = db.execute("SELECT output, status, error FROM inputs").fetchall()
    return {output: (status, error) for output, status, error in rows}


def test_folder_with_a_corrupt_pdf_converts_the_rest_records_it_and_exits_1(
    tmp_path: Path,
) -> None:
    archive = make_archive(tmp_path / "archive")
    out = tmp_path / "out"
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out), "--jobs", "2")

    assert result.returncode == 1, result.stderr
    # the restorer runs on TXT input: old unmarked OCR comes out with its marks
    assert (out / "ke-hoach.txt").read_text(encoding="utf-8").startswith("KẾ HOẠCH")
    assert (out / "2023" / "quyet-dinh.json").exists() and (out / "2023" / "cong-van.txt").exists()
    assert not list(out.rglob("hong.*"))
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "hong.pdf" in errors[0] and "Traceback" not in result.stderr
    rows = manifest_rows(out)
    assert rows["2023/hong"][0] == "failed" and "hong.pdf" in (rows["2023/hong"][1] or "")
    assert sorted(k for k, (status, _) in rows.items() if status == "done") == [
        "2023/cong-van",
        "2023/quyet-dinh",
        "ke-hoach",
    ]
    assert "3 converted" in result.stdout and "1 failed" in result.stdout
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [row["output"] for row in catalog["documents"]] == [
        "2023/cong-van",
        "2023/quyet-dinh",
        "ke-hoach",
    ]
    assert catalog["documents"][1]["pages"] == 2


def test_second_run_skips_everything_done_and_redoes_changed_or_forced(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    assert run_cli("convert", str(archive), *TXT_JSON, "-o", str(out)).returncode == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.txt")}

    again = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "0 converted, 3 skipped" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.txt")} == stamps

    touched = archive / "2023" / "cong-van.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    assert (
        "0 converted, 3 skipped"
        in run_cli("convert", str(archive), *TXT_JSON, "-o", str(out)).stdout
    )

    (archive / "ke-hoach.txt").write_text("KE HOACH MOI\n", encoding="utf-8")
    changed = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))
    assert "1 converted, 2 skipped" in changed.stdout
    assert (out / "ke-hoach.txt").read_text(encoding="utf-8") == "KẾ HOẠCH MỚI\n"

    forced = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out), "--force")
    assert "3 converted, 0 skipped" in forced.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    result = run_cli("convert", str(empty), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "no input files" in result.stderr
    result = run_cli("convert", str(empty), "--executor", "dask")
    assert result.returncode == 2 and "--scheduler" in result.stderr
    result = run_cli("convert", str(empty), "--jobs", "0")
    assert result.returncode == 2


def test_include_and_exclude_globs_choose_the_files(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive")
    out = tmp_path / "out"
    result = run_cli(
        "convert",
        str(archive),
        *TXT_JSON,
        "-o",
        str(out),
        "--include",
        "*.txt",
        "--exclude",
        "2023/cong*",
    )
    assert result.returncode == 0, result.stderr
    assert sorted(manifest_rows(out)) == ["2023/quyet-dinh", "ke-hoach"]


def test_english_document_converts_unrestored_with_a_warning(tmp_path: Path) -> None:
    memo = "The quick brown fox jumps over the lazy dog. This is an English memo about it."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "memo.txt").write_text(memo + "\n", encoding="utf-8")
    result = run_cli("convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "sohoa: warning: " in result.stderr and "do not look like Vietnamese" in result.stderr
    assert (tmp_path / "out" / "memo.txt").read_text(encoding="utf-8").strip() == memo
    doc = json.loads((tmp_path / "out" / "memo.json").read_text(encoding="utf-8"))
    assert doc["edits"] == []
    assert doc["provenance"]["pages_not_vietnamese"] == [1]


def test_two_roots_with_the_same_file_name_give_two_outputs_and_catalogue_rows(
    tmp_path: Path,
) -> None:
    for year in ("2023", "2024"):
        (tmp_path / "c" / year).mkdir(parents=True)
        (tmp_path / "c" / year / "QD-01.txt").write_text(f"QUYET DINH {year}\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run_cli("convert", str(tmp_path / "c" / "2023"), *TXT_JSON, "-o", str(out))
    assert first.returncode == 0 and (out / "QD-01.txt").exists()

    both = [str(tmp_path / "c" / "2023"), str(tmp_path / "c" / "2024")]
    result = run_cli("convert", *both, *TXT_JSON, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 converted" in result.stdout
    assert (out / "2023" / "QD-01.txt").read_text(encoding="utf-8") == "QUYẾT ĐỊNH 2023\n"
    assert (out / "2024" / "QD-01.txt").read_text(encoding="utf-8") == "QUYẾT ĐỊNH 2024\n"
    assert not (out / "QD-01.txt").exists()  # the first run's outputs, now under 2023/
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [row["output"] for row in catalog["documents"]] == ["2023/QD-01", "2024/QD-01"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("QD-01.txt")) == [
        "2023/QD-01.txt",
        "2024/QD-01.txt",
    ]


def test_a_later_run_never_overwrites_an_output_another_input_owns(tmp_path: Path) -> None:
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "QD-01.txt").write_text(f"QUYET DINH {year}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("convert", str(tmp_path / "2023"), *TXT_JSON, "-o", str(out)).returncode == 0
    result = run_cli("convert", str(tmp_path / "2024"), *TXT_JSON, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "QD-01.txt").read_text(encoding="utf-8") == "QUYẾT ĐỊNH 2023\n"
    assert (out / "2024" / "QD-01.txt").read_text(encoding="utf-8") == "QUYẾT ĐỊNH 2024\n"
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [row["output"] for row in catalog["documents"]] == ["2024/QD-01", "QD-01"]


def test_a_failing_writer_leaves_the_other_formats_and_a_partial_row(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    (out / "ke-hoach.json").mkdir(parents=True)  # a folder where the JSON must go
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))

    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "ke-hoach.txt: json output not written" in line and "folder is in the way" in line
    assert (out / "ke-hoach.txt").read_text(encoding="utf-8").startswith("KẾ HOẠCH")
    assert (out / "2023" / "cong-van.json").exists()
    assert "2 converted" in result.stdout and "1 partial" in result.stdout
    with sqlite3.connect(out / "manifest.sqlite") as db:
        status, formats, outputs = db.execute(
            "SELECT status, failed_formats, outputs FROM inputs WHERE output = 'ke-hoach'"
        ).fetchone()
    assert status == "partial" and json.loads(formats) == ["json"]
    assert json.loads(outputs) == ["ke-hoach.txt"]
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert len(catalog["documents"]) == 3  # the document itself was made

    (out / "ke-hoach.json").rmdir()
    again = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))
    assert again.returncode == 0 and "1 converted, 2 skipped" in again.stdout
    assert manifest_rows(out)["ke-hoach"][0] == "done"


def test_outputs_an_input_no_longer_has_are_removed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "a.txt"
    table = "STT\tNoi dung\tKinh phi\n1\tXay dung\t100\n2\tSua chua\t200\n"
    source.write_text(f"PHU LUC I\n{table}\nPHU LUC II\n{table}", encoding="utf-8")
    out = tmp_path / "out"
    args = ("convert", str(tmp_path / "in"), "--formats", "txt,csv", "--no-restore", "-o", str(out))
    assert run_cli(*args).returncode == 0
    assert sorted(p.name for p in out.glob("a.*")) == ["a.table-1.csv", "a.table-2.csv", "a.txt"]
    source.write_text(f"PHU LUC I\n{table}", encoding="utf-8")
    assert run_cli(*args).returncode == 0
    assert sorted(p.name for p in out.glob("a.*")) == ["a.table-1.csv", "a.txt"]
    # a format not asked for this time is not "changed": its file stays, and stays listed
    source.write_text(f"PHU LUC I\n{table}\n", encoding="utf-8")
    text_only = [a if a != "txt,csv" else "txt" for a in args]
    assert "1 converted" in run_cli(*text_only).stdout
    assert sorted(p.name for p in out.glob("a.*")) == ["a.table-1.csv", "a.txt"]
    with sqlite3.connect(out / "manifest.sqlite") as db:
        (outputs,) = db.execute("SELECT outputs FROM inputs").fetchone()
    assert sorted(json.loads(outputs)) == ["a.table-1.csv", "a.txt"]


def test_a_corrupt_manifest_is_set_aside_and_rebuilt_from_the_outputs(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    assert run_cli("convert", str(archive), *TXT_JSON, "-o", str(out)).returncode == 0
    (out / "manifest.sqlite").write_bytes(b"this is not a database" * 100)
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "manifest was corrupt" in result.stderr and "Traceback" not in result.stderr
    (aside,) = out.glob("manifest.sqlite.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert sorted(k for k, (status, _) in manifest_rows(out).items() if status == "done") == [
        "2023/cong-van",
        "2023/quyet-dinh",
        "ke-hoach",
    ]
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert len(catalog["documents"]) == 3


def test_a_manifest_rebuilt_from_outputs_lists_them_before_any_conversion(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    assert run_cli("convert", str(archive), *TXT_JSON, "-o", str(out)).returncode == 0
    (out / "manifest.sqlite").write_bytes(b"\0" * 4096)
    from sohoa.batch.manifest import Manifest

    with Manifest(out) as manifest:
        assert manifest.set_aside is not None
        rows = {e.output: e for e in manifest.entries("done")}
    assert sorted(rows) == ["2023/cong-van", "2023/quyet-dinh", "ke-hoach"]
    assert rows["ke-hoach"].outputs == ["ke-hoach.json", "ke-hoach.txt"]
    assert rows["2023/quyet-dinh"].catalog and rows["2023/quyet-dinh"].catalog["pages"] == 2


def test_a_read_only_manifest_is_a_setup_error(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    assert run_cli("convert", str(archive), *TXT_JSON, "-o", str(out)).returncode == 0
    manifest = out / "manifest.sqlite"
    manifest.chmod(0o444)
    immutable = os.geteuid() == 0  # root writes read-only files: make it immutable instead
    if immutable and subprocess.run(["chattr", "+i", str(manifest)]).returncode != 0:
        pytest.skip("root, and chattr +i is not allowed here")
    try:
        result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out), "--force")
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(manifest)], check=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "manifest is read-only" in line and f"chmod u+w {manifest}" in line


def test_walk_problems_are_counted_in_the_summary_and_listed_with_verbose(
    tmp_path: Path,
) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    (archive / "loop").symlink_to(".")
    os.mkfifo(archive / "2023" / "pipe.pdf")
    (archive / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (archive / "photo.webp").write_bytes(b"RIFF")
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "3 converted" in result.stdout
    assert "skipped: 1 unreadable, 3 unsupported (-v lists them)" in result.stdout
    verbose = run_cli("convert", str(archive), *TXT_JSON, "-o", str(tmp_path / "out"), "-v")
    for name, reason in [
        ("loop", "symlink loop"),
        ("2023/pipe.pdf", "FIFO"),
        ("old.doc", "unsupported file type (.doc)"),
        ("photo.webp", "unsupported file type (.webp)"),
    ]:
        assert f"skip {archive / name} (" in verbose.stdout and reason in verbose.stdout


def test_a_name_too_long_for_one_format_is_its_own_line_not_a_bug_report(
    tmp_path: Path,
) -> None:
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / ("a" * 251 + ".txt")  # 255 bytes: NAME.json would be 256
    source.write_text("KE HOACH\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("convert", str(tmp_path / "in"), *TXT_JSON, "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "json output not written" in line and "file name too long" in line
    assert "please report" not in line and "shorten" in line
    assert (out / source.name).read_text(encoding="utf-8") == "KẾ HOẠCH\n"
    assert manifest_rows(out)["a" * 251][0] == "partial"


def test_an_output_subfolder_linked_to_the_inputs_is_not_written_through(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "2023").symlink_to(archive / "2023")  # out/2023/cong-van.txt IS an input
    before = (archive / "2023" / "cong-van.txt").read_bytes()
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))
    assert result.returncode == 1 and "a link out of the output folder" in result.stderr
    assert (archive / "2023" / "cong-van.txt").read_bytes() == before
    assert sorted(p.name for p in (archive / "2023").iterdir()) == [
        "cong-van.txt",
        "quyet-dinh.txt",
    ]
    assert (out / "ke-hoach.txt").exists()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 96 KiB filesystem (tmpfs), to fill up; skipped where mounting is not allowed."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield mount_point
    finally:  # the run's worker processes may take a moment to exit: retry, then detach
        for _ in range(20):
            if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode == 0:
                break
            time.sleep(0.25)
        else:
            subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def test_a_full_disk_is_its_own_line_with_the_fix(tmp_path: Path, tiny_disk: Path) -> None:
    (tmp_path / "in").mkdir()
    line = "Ke hoach thuc hien quyet dinh so 523 nam 2024 ve cong tac van thu luu tru\n"
    (tmp_path / "in" / "big.txt").write_text(line * 2500, encoding="utf-8")  # ~190 KB
    (tmp_path / "in" / "small.txt").write_text("KE HOACH\n", encoding="utf-8")
    out = tiny_disk / "out"
    result = run_cli("convert", str(tmp_path / "in"), *TXT_JSON, "--no-restore", "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (error,) = result.stderr.strip().splitlines()
    assert "big.txt: txt output not written: no space left on the device" in error
    assert "please report" not in error and "free some space" in error
    assert (out / "small.txt").read_text(encoding="utf-8") == "KE HOACH\n"
    assert not list(out.glob("big.*")) and not list(out.glob(".*.part"))
    assert manifest_rows(out)["big"][0] == "failed"


def test_a_read_only_output_subfolder_is_its_own_line_with_the_fix(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    out = tmp_path / "out"
    (out / "2023").mkdir(parents=True)
    (out / "2023").chmod(0o555)
    immutable = os.geteuid() == 0  # root writes into read-only folders: make it immutable
    if immutable and subprocess.run(["chattr", "+i", str(out / "2023")]).returncode != 0:
        pytest.skip("root, and chattr +i is not allowed here")
    try:
        result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out))
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(out / "2023")], check=True)
        (out / "2023").chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all("check the permissions" in e for e in errors), errors
    assert not any("please report" in e for e in errors)
    assert (out / "ke-hoach.txt").exists()


def test_a_file_name_that_is_not_utf8_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    # An old Windows archive names "tênlà.txt" in Windows-1258 bytes: the manifest, the JSON
    # and the catalogue cannot hold such a name, and it stopped the whole batch as a bug.
    archive = make_archive(tmp_path / "archive", corrupt=False)
    os.makedirs(os.fsencode(archive) + b"/t\xeanl\xe0")  # a folder of such a name, too
    for name in (b"/2023/qd-t\xeanl\xe0.txt", b"/t\xeanl\xe0/cv.txt", b"/t\xeanl\xe0/old.doc"):
        with open(os.fsencode(archive) + name, "wb") as handle:
            handle.write(b"KE HOACH\n")
    out = tmp_path / "out"
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(out), "-v")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all("not UTF-8" in e and "convmv" in e for e in errors), errors
    assert f"{archive}/2023/qd-t\\xeanl\\xe0.txt: " in errors[0]
    assert f"skip {archive}/t\\xeanl\\xe0/old.doc (unsupported" in result.stdout
    assert "3 converted" in result.stdout and "2 failed" in result.stdout
    assert (out / "ke-hoach.txt").exists() and (out / "catalog.csv").exists()
    rows = manifest_rows(out)
    assert [status for status, _ in rows.values()].count("failed") == 2
