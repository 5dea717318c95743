"""The batch manifest: ``OUTDIR/manifest.sqlite``, one row per input file.

It is what makes a batch resumable. A row is marked ``running`` when its input is opened and
``done`` only after every output file has been written (atomically), so after a crash or a
``kill -9`` the rows still ``running`` are simply redone. SQLite commits each change in its
own transaction, so the manifest itself survives the same interruptions.

An input whose document was made but some output formats failed is ``partial``: its row
names the formats that failed (``failed_formats``), and a re-run retries it.

The manifest heals: a corrupt file is set aside as ``manifest.sqlite.corrupt-<time>`` and a
new one is rebuilt from the document JSON outputs present (those rows are listed in the
catalogue; their settings are unknown, so a re-run redoes them). A read-only manifest is a
``SetupError`` naming the fix.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import glob
import json
import os
import sqlite3
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sohoa.errors import SetupError, SohoaError
from sohoa.model import document_from_dict
from sohoa.output.catalog import catalog_row

MANIFEST_NAME = "manifest.sqlite"
REBUILT = "rebuilt"  # the settings of a row rebuilt from outputs: unknown, so redone on re-run

Status = Literal["running", "done", "partial", "failed"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    source      TEXT PRIMARY KEY,  -- absolute path of the input file
    output      TEXT NOT NULL,     -- output stem, relative to OUTDIR (e.g. "2023/kh-523")
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,     -- content hash, known once done
    settings    TEXT NOT NULL,     -- fingerprint of the settings that shape the outputs
    status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed')),
    pages       INTEGER,
    started_at  REAL NOT NULL,     -- Unix time
    finished_at REAL,
    seconds     REAL,              -- wall time from opening to outputs written
    ocr_seconds REAL,              -- time spent in page tasks (summed over workers)
    error       TEXT,              -- the one-line error of a failed input
    outputs     TEXT,              -- JSON list of written files, relative to OUTDIR
    catalog     TEXT,              -- JSON catalogue row (see output/catalog.py)
    failed_formats TEXT            -- JSON list of the formats not written (status partial)
)
"""
_COLUMNS = (
    "source, output, size, mtime_ns, sha256, settings, status, pages, started_at, finished_at,"
    " seconds, ocr_seconds, error, outputs, catalog"
)


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
    failed_formats: list[str]


class Manifest:
    """Read and update the manifest of one output folder, locked against a second run."""

    def __init__(self, outdir: Path) -> None:
        self.path = Path(outdir) / MANIFEST_NAME
        self.set_aside: Path | None = None  # where a corrupt manifest was moved to
        self._lock = _lock(self.path.with_name(MANIFEST_NAME + ".lock"))
        # Forked pool workers must not share the lock, or it would outlive a killed run. The
        # hook (it cannot be unregistered) holds this manifest weakly and closes only a lock
        # still held: once closed, the fd's number belongs to whatever file opens next.
        os.register_at_fork(after_in_child=functools.partial(_unlock_in_child, weakref.ref(self)))
        if self.path.exists() and not os.access(self.path, os.W_OK):
            self._unlock()
            raise SetupError(
                self.path,
                "the manifest is read-only, so this run could not record its progress",
                f"make it writable (chmod u+w {self.path}) or choose another output folder",
            )
        try:
            self._db = _open_checked(self.path)
        except sqlite3.DatabaseError:
            self.set_aside = _set_aside(self.path)
            self._db = _open_checked(self.path)
            self._rebuild_from_outputs()

    def close(self) -> None:
        self._db.close()
        self._unlock()

    def _unlock(self) -> None:
        """Release the lock (as the process dying does, even by kill -9), once."""
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1

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
        """Mark ``source`` running; the outputs of its last run stay listed until replaced."""
        self._db.execute(
            "INSERT INTO inputs (source, output, size, mtime_ns, sha256, settings, status,"
            " started_at) VALUES (?, ?, ?, ?, '', ?, 'running', ?) ON CONFLICT(source) DO UPDATE"
            " SET output = excluded.output, size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " sha256 = '', settings = excluded.settings, status = 'running', pages = NULL,"
            " started_at = excluded.started_at, finished_at = NULL, seconds = NULL,"
            " ocr_seconds = NULL, error = NULL, catalog = NULL, failed_formats = NULL",
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
            " seconds = ?, ocr_seconds = ?, error = NULL, outputs = ?, catalog = ?,"
            " failed_formats = NULL"
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

    def partial(self, source: str, failed_formats: list[str], error: str) -> None:
        """After ``finish``: some formats could not be written (``error``: their lines)."""
        self._db.execute(
            "UPDATE inputs SET status = 'partial', failed_formats = ?, error = ? WHERE source = ?",
            (json.dumps(failed_formats), error, source),
        )

    def fail(self, source: str, error: str, pages: int | None, seconds: float) -> None:
        """The input could not be converted; the outputs of an earlier run stay listed."""
        self._db.execute(
            "UPDATE inputs SET status = 'failed', pages = ?, finished_at = ?, seconds = ?,"
            " error = ?, catalog = NULL WHERE source = ?",
            (pages, time.time(), round(seconds, 3), error, source),
        )

    def release_output(self, output: str, source: str) -> list[Entry]:
        """Forget (and return) other inputs' rows for ``output``: ``source`` now writes it."""
        rows = self._db.execute(
            "SELECT * FROM inputs WHERE output = ? COLLATE NOCASE AND source != ?",
            (output, source),
        ).fetchall()
        self._db.execute(
            "DELETE FROM inputs WHERE output = ? COLLATE NOCASE AND source != ?", (output, source)
        )
        return [_entry(row) for row in rows]

    def _rebuild_from_outputs(self) -> None:
        """One ``done`` row per document JSON found under the output folder."""
        outdir = self.path.parent
        for path, doc in _document_jsons(outdir):
            output = path.relative_to(outdir).with_suffix("").as_posix()
            source = Path(doc.source)
            try:
                info = source.stat()
                size, mtime_ns, key = info.st_size, info.st_mtime_ns, str(source.resolve())
            except OSError:
                size, mtime_ns, key = 0, 0, str(source)
            stem = path.name[: -len(".json")]
            outputs = sorted(
                p.relative_to(outdir).as_posix()
                for p in path.parent.glob(f"{glob.escape(stem)}.*")
                if p.is_file() and _is_output_name(p.name[len(stem) :])
            )
            self._db.execute(
                f"INSERT OR REPLACE INTO inputs ({_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?, ?, NULL, NULL, NULL, ?, ?)",
                (
                    key, output, size, mtime_ns, doc.sha256, REBUILT, len(doc.pages),
                    time.time(), time.time(), json.dumps(outputs, ensure_ascii=False),
                    json.dumps(catalog_row(doc, output), ensure_ascii=False),
                ),
            )  # fmt: skip


def claimed_outputs(outdir: Path) -> dict[str, str]:
    """Output stems (casefolded) -> manifest key, for rows whose input still exists.

    Read before a run to keep a new input from taking an output another input owns; an
    absent or unreadable manifest claims nothing.
    """
    path = Path(outdir) / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            rows = db.execute(
                "SELECT output, source FROM inputs WHERE status != 'running'"
            ).fetchall()
    except sqlite3.Error:
        return {}
    return {output.casefold(): source for output, source in rows if Path(source).exists()}


def _open_checked(path: Path) -> sqlite3.Connection:
    """Open (creating) the manifest; raise sqlite3.DatabaseError if it is corrupt."""
    db = sqlite3.connect(path, isolation_level=None)  # autocommit
    try:
        db.row_factory = sqlite3.Row
        (verdict,) = db.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)
        db.execute(_SCHEMA)
        _upgrade(db)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _upgrade(db: sqlite3.Connection) -> None:
    """Bring a manifest of an older sohoa up to this schema (it lacked partial rows)."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'inputs'").fetchone()
    if "'partial'" in sql:
        return
    db.execute("ALTER TABLE inputs RENAME TO inputs_old")
    db.execute(_SCHEMA)
    db.execute(f"INSERT INTO inputs ({_COLUMNS}) SELECT {_COLUMNS} FROM inputs_old")
    db.execute("DROP TABLE inputs_old")


def _set_aside(path: Path) -> Path:
    """Move a corrupt manifest (and its journal) out of the way; return its new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, aside)
    for suffix in ("-journal", "-wal", "-shm"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + suffix))
    return aside


def _document_jsons(outdir: Path) -> Iterator[tuple[Path, Any]]:
    for path in sorted(outdir.rglob("*.json")):
        if path.name == "catalog.json" or path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "source" in data and "pages" in data:
                yield path, document_from_dict(data)
        except (OSError, ValueError, TypeError, KeyError):
            continue  # not a document JSON of ours


_OUTPUT_ENDINGS = (".txt", ".md", ".json", ".docx", ".pdf", ".html")


def _is_output_name(ending: str) -> bool:
    """``ending`` is what follows a stem in one of its output names (``.txt``, ``.table-2.csv``)."""
    if ending in _OUTPUT_ENDINGS:
        return True
    number = ending.removeprefix(".table-").removesuffix(".csv")
    return ending.startswith(".table-") and ending.endswith(".csv") and number.isdigit()


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
    return fd


def _unlock_in_child(manifest: weakref.ref[Manifest]) -> None:
    """In a forked child: close the lock of the manifest if it is still open and held."""
    held = manifest()
    if held is not None and held._lock >= 0:
        with contextlib.suppress(OSError):
            os.close(held._lock)
        held._lock = -1


def _entry(row: sqlite3.Row) -> Entry:
    data = dict(row)
    data["outputs"] = json.loads(data["outputs"]) if data["outputs"] else []
    data["catalog"] = json.loads(data["catalog"]) if data["catalog"] else None
    data["failed_formats"] = json.loads(data["failed_formats"]) if data["failed_formats"] else []
    return Entry(**data)
