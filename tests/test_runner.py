"""Batch conversion as an archivist runs it: a folder, a broken file, a re-run, a kill -9."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

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
