"""kill -9 in the middle of a batch, then the same command again: as if never interrupted."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import ROOT, make_scanned_archive, output_files, run_cli


@pytest.fixture(scope="module")
def scanned_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scanned_archive(tmp_path_factory.mktemp("scans") / "archive")


def done_count(outdir: Path) -> int:
    try:
        with sqlite3.connect(outdir / "manifest.sqlite", timeout=5) as db:
            return db.execute("SELECT count(*) FROM inputs WHERE status = 'done'").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


@pytest.fixture(scope="module")
def longer_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six scans: seconds of work for Ctrl-C to cut short, even on a loaded machine where
    the last of three could finish before the signal."""
    return make_scanned_archive(tmp_path_factory.mktemp("scans") / "longer", count=6)


def test_kill_9_mid_batch_then_rerun_gives_the_outputs_of_an_uninterrupted_run(
    scanned_archive: Path, tmp_path: Path
) -> None:
    args = [
        "convert",
        str(scanned_archive),
        "--dpi",
        "200",
        "--no-restore",
        "--formats",
        "txt,json",
    ]
    reference = run_cli(*args, "-o", str(tmp_path / "ref"), "--jobs", "1", "--verbose")
    assert reference.returncode == 0, reference.stderr
    pages = [line for line in reference.stdout.splitlines() if line.startswith("  page ")]
    assert len(pages) == 3 and re.fullmatch(r"  page 1 of \S+scan-\d\.pdf \([\d.]+ s\)", pages[0])

    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, str(ROOT / "run_pipeline.py"), *args, "-o", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while done_count(out) == 0 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    assert run.wait() == -signal.SIGKILL, "the run finished before it could be killed"
    finished_before = done_count(out)
    assert 1 <= finished_before < 3

    again = run_cli(*args, "-o", str(out), "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert f"{3 - finished_before} converted, {finished_before} skipped" in again.stdout
    assert output_files(out) == output_files(tmp_path / "ref")
    assert not list(out.rglob("*.part"))
    shutil.rmtree(out)


def test_ctrl_c_stops_at_once_with_exit_130_and_a_rerun_finishes(
    longer_archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = [
        "convert", str(longer_archive), "--dpi", "200", "--no-restore", "--formats", "txt,json",
        "-o", str(out),
    ]  # fmt: skip
    run = subprocess.Popen(
        [sys.executable, str(ROOT / "run_pipeline.py"), *args, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a foreground job
        # ... and Ctrl-C's default action, as a terminal gives it: a suite started in the
        # background (`make test &`) passes SIGINT ignored on to its children
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Ctrl-C once a scan is done: six scans leave seconds of OCR to cut short
    deadline = time.monotonic() + 300
    while done_count(out) == 0 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    assert "sohoa: interrupted:" in stderr and "Traceback" not in stderr
    finished_before = done_count(out)
    again = run_cli(*args)
    assert again.returncode == 0 and f"{finished_before} skipped" in again.stdout
