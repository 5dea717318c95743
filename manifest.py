"""The batch manifest: ``OUTDIR/manifest.sqlite``, one row per input file.

It is what makes a batch resumable. A row is marked ``running`` when its input is opened and
``done`` only after every output file has been written (atomically), so after a crash or a
``kill -9`` the rows still ``running`` are simply redone. SQLite commits each change in its
own transaction, so the manifest itself survives the same interruptions.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sohoa.errors import SohoaError

MANIFEST_NAME = "manifest.sqlite"

Status = Literal["running", "done", "failed"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    source      TEXT PRIMARY KEY,  -- absolute path of the input file
    output      TEXT NOT NULL,     -- output stem, relative to OUTDIR (e.g. "2023/kh-523")
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,     -- content hash, known once done
    settings    TEXT NOT NULL,     -- fingerprint of the settings that shape the outputs
    status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    pages       INTEGER,
    started_at  REAL NOT NULL,     -- Unix time
    finished_at REAL,
    seconds     REAL,              -- wall time from opening to outputs written
    ocr_seconds REAL,              -- time spent in page tasks (summed over workers)
    error       TEXT,              -- the one-line error of a failed input
    outputs     TEXT,              -- JSON list of written files, relative to OUTDIR
    catalog     TEXT               -- JSON catalogue row (see output/catalog.py)
)
"""


@dataclass(frozen=True)
class Entry:
    source: str
    output: str
    size: int
    mtime_ns: int
    sha256: str
    settings: str
    status: Status
    pages: int | None
    started_at: float
    finished_at: float | None
    seconds: float | None
    ocr_seconds: float | None
    error: str | None
    outputs: list[str]
    catalog: dict[str, Any] | None


class Manifest:
    """Read and update the manifest of one output folder, locked against a second run."""

    def __init__(self, outdir: Path) -> None:
        self.path = Path(outdir) / MANIFEST_NAME
        self._lock = _lock(self.path.with_name(MANIFEST_NAME + ".lock"))
        self._db = sqlite3.connect(self.path, isolation_level=None)  # autocommit
        self._db.row_factory = sqlite3.Row
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        self._db.close()
        os.close(self._lock)  # releases the lock (as does the process dying, even by kill -9)

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, source: str) -> Entry | None:
        row = self._db.execute("SELECT * FROM inputs WHERE source = ?", (source,)).fetchone()
        return _entry(row) if row else None

    def entries(self, status: Status | None = None) -> list[Entry]:
        if status is None:
            rows = self._db.execute("SELECT * FROM inputs ORDER BY output")
        else:
            rows = self._db.execute(
                "SELECT * FROM inputs WHERE status = ? ORDER BY output", (status,)
            )
        return [_entry(row) for row in rows]

    def start(self, source: str, output: str, size: int, mtime_ns: int, settings: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO inputs (source, output, size, mtime_ns, sha256, settings,"
            " status, started_at) VALUES (?, ?, ?, ?, '', ?, 'running', ?)",
            (source, output, size, mtime_ns, settings, time.time()),
        )

    def finish(
        self,
        source: str,
        sha256: str,
        pages: int,
        seconds: float,
        ocr_seconds: float,
        outputs: list[str],
        catalog: dict[str, Any],
    ) -> None:
        self._db.execute(
            "UPDATE inputs SET status = 'done', sha256 = ?, pages = ?, finished_at = ?,"
            " seconds = ?, ocr_seconds = ?, error = NULL, outputs = ?, catalog = ?"
            " WHERE source = ?",
            (
                sha256,
                pages,
                time.time(),
                round(seconds, 3),
                round(ocr_seconds, 3),
                json.dumps(outputs, ensure_ascii=False),
                json.dumps(catalog, ensure_ascii=False),
                source,
            ),
        )

    def fail(self, source: str, error: str, pages: int | None, seconds: float) -> None:
        self._db.execute(
            "UPDATE inputs SET status = 'failed', pages = ?, finished_at = ?, seconds = ?,"
            " error = ?, outputs = NULL, catalog = NULL WHERE source = ?",
            (pages, time.time(), round(seconds, 3), error, source),
        )


def _lock(path: Path) -> int:
    """Hold an exclusive lock on ``path`` while this run lives: two runs would mix outputs."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise SohoaError(
            path.parent,
            "is being written by another sohoa run",
            "wait for it to finish, or choose another output folder with -o",
        ) from None
    # Forked pool workers must not share the lock, or it would outlive a killed run.
    os.register_at_fork(after_in_child=lambda: _close_quietly(fd))
    return fd


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def _entry(row: sqlite3.Row) -> Entry:
    data = dict(row)
    data["outputs"] = json.loads(data["outputs"]) if data["outputs"] else []
    data["catalog"] = json.loads(data["catalog"]) if data["catalog"] else None
    return Entry(**data)
