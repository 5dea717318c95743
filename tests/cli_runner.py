"""Run the command line as a user does: a real subprocess of this checkout's run_pipeline.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``python run_pipeline.py ARGS``; extra keyword arguments go to ``subprocess.run``."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )
