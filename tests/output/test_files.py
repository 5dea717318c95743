"""Atomic writes: the whole file or nothing, readable like any file the user makes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sohoa.output.files import write_atomic


def test_written_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", "Việt")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Việt"


def test_failed_write_leaves_no_part_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out.pdf"
    blocker.mkdir()
    (blocker / "keep").write_text("x", encoding="utf-8")  # a folder where the file should go
    with pytest.raises(OSError):
        write_atomic(blocker, b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    assert blocker.is_dir()


def test_a_failed_write_names_the_output_not_its_temporary_file(tmp_path: Path) -> None:
    # "sohoa restore a.txt -o folder" said ".folder._4tp70o_.part: a folder is in the way"
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        write_atomic(folder, "x")
    assert caught.value.filename == str(folder)
    under_a_file = tmp_path / "a.txt" / "b.txt"
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as caught:
        write_atomic(under_a_file, "x")
    assert caught.value.filename == str(under_a_file)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "folder"]
