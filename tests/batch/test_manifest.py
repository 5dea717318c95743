import os
import subprocess
import sys
from pathlib import Path

import pytest

from sohoa.batch.manifest import Manifest
from sohoa.errors import SohoaError


def test_rows_survive_reopening_and_record_done_and_failed(tmp_path: Path) -> None:
    with Manifest(tmp_path) as manifest:
        manifest.start("/in/a.pdf", "a", 10, 1, "{}")
        manifest.start("/in/b.pdf", "b", 20, 2, "{}")
        manifest.start("/in/c.pdf", "c", 30, 3, "{}")
        manifest.finish(
            "/in/a.pdf", "ab12", 2, 1.5, 1.2, ["a.txt"], {"output": "a", "so_hieu": "1/KH"}
        )
        manifest.fail("/in/b.pdf", "/in/b.pdf: not a PDF", None, 0.1)
    with Manifest(tmp_path) as manifest:
        done = manifest.get("/in/a.pdf")
        assert done and done.status == "done" and done.pages == 2 and done.outputs == ["a.txt"]
        assert done.catalog == {"output": "a", "so_hieu": "1/KH"} and done.sha256 == "ab12"
        failed = manifest.get("/in/b.pdf")
        assert failed and failed.status == "failed" and failed.error == "/in/b.pdf: not a PDF"
        assert [e.output for e in manifest.entries("running")] == ["c"]


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with Manifest(tmp_path), pytest.raises(SohoaError, match="another sohoa run"):
        Manifest(tmp_path)
    Manifest(tmp_path).close()  # free again once the first run ends


def test_a_closed_manifest_leaves_the_fds_of_later_children_alone(tmp_path: Path) -> None:
    """A forked child closes the lock of an open manifest, never the file that took the
    lock's fd number after the manifest closed (it broke the Chromium fixture's start when
    the batch tests ran first: "Bad file descriptor")."""
    manifest = Manifest(tmp_path)
    number = manifest._lock
    stand_in = os.open(os.devnull, os.O_RDONLY)
    manifest.close()
    os.dup2(stand_in, number)  # another file now holds the number the lock had
    try:
        child = subprocess.Popen(  # a preexec_fn makes Python run its at-fork hooks
            [sys.executable, "-c", f"import os; os.fstat({number})"],
            preexec_fn=lambda: None,
            pass_fds=(number,),
        )
        assert child.wait(timeout=60) == 0
    finally:
        os.close(number)
        os.close(stand_in)


def test_a_forked_child_does_not_hold_the_lock_of_an_open_manifest(tmp_path: Path) -> None:
    """A worker forked while the run holds its lock must not keep it (a killed run's lock
    would outlive it)."""
    with Manifest(tmp_path) as manifest:
        number = manifest._lock
        script = f"import os, sys\ntry:\n    os.fstat({number})\nexcept OSError:\n    sys.exit(3)"
        child = subprocess.Popen([sys.executable, "-c", script], preexec_fn=lambda: None)
        assert child.wait(timeout=60) == 3  # closed in the child (and not passed on)
