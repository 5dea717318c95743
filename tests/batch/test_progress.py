"""What the user sees: plain log lines when piped, a progress bar on a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from batch_helpers import ROOT, TXT_JSON, make_archive, run_cli

STATUS = r"\[\d+/\d+ docs, \d+/\d+ pages, [\d.]+ pages/min, ETA (\d+:\d\d:\d\d|\?)\]"


def test_log_lines_when_not_a_terminal(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    result = run_cli("convert", str(archive), *TXT_JSON, "-o", str(tmp_path / "out"), "--jobs", "1")
    lines = result.stdout.splitlines()
    assert len(lines) == 5, result.stdout
    for line in lines[:3]:
        assert re.fullmatch(
            STATUS + r" \S+\.txt -> \S+\.txt, \S+\.json \(\d+ pages?, [\d.]+ s\)", line
        )
    assert lines[2].startswith("[3/3 docs, 4/4 pages")
    assert lines[3].startswith("summary: 3 converted, 0 skipped")
    assert lines[4].startswith("catalogue: ") and "\r" not in result.stdout + result.stderr


def test_quiet_prints_nothing_and_verbose_adds_skipped_inputs(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    quiet = run_cli("convert", str(archive), *TXT_JSON, "-o", str(tmp_path / "q"), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run_cli("convert", str(archive), *TXT_JSON, "-o", str(tmp_path / "v"), "--verbose")
    assert verbose.stdout.count(" -> ") == 3  # page lines are for OCR'd pages: see test_runner
    again = run_cli("convert", str(archive), *TXT_JSON, "-o", str(tmp_path / "v"), "--verbose")
    assert again.stdout.count("skip ") == 3


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", corrupt=False)
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(archive), "-o",
         str(tmp_path / "out"), *TXT_JSON],
        stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True,
    )  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=120) == 0
    os.close(controller)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "\r" in screen and "3/3 docs" in screen
    assert re.search(r"4/4 \[[\d:]+<[\d:]+, +[\d.]+ ?(page/s|s/page)\]", screen), screen
    assert "summary: 3 converted" in screen
    assert not re.search(r"^\[\d+/\d+ docs", screen, re.MULTILINE)  # no log lines on a terminal
