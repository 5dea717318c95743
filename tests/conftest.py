"""Make this checkout importable as `sohoa` and share fixtures across the suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))  # shared scoring (metrics.py) for accuracy tests
import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)

SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
