"""Which files a batch converts, and where each one's outputs go.

Files named on the command line are always taken. Folders are walked recursively and their
files filtered by ``--include`` / ``--exclude`` globs, matched against the path relative to
that folder (``2023/*.pdf``) and against the bare file name (``*.pdf``). Outputs mirror the
folder layout under OUTDIR, so ``in/2023/kh.pdf`` becomes ``OUTDIR/2023/kh.txt``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

DEFAULT_INCLUDE = (
    "*.pdf",
    "*.png",
    "*.jpg",
    "*.jpeg",
    "*.tif",
    "*.tiff",
    "*.docx",
    "*.txt",
)


@dataclass(frozen=True)
class InputFile:
    path: Path  # as found (relative paths stay relative, for messages)
    output: str  # output stem relative to OUTDIR, "/"-separated, e.g. "2023/kh-523"

    @property
    def key(self) -> str:
        """The manifest key: the absolute path."""
        return str(self.path.resolve())


def find_inputs(
    paths: list[Path],
    outdir: Path,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> list[InputFile]:
    """List the input files in a stable order, each with a unique output stem."""
    include = include or DEFAULT_INCLUDE
    outdir = outdir.resolve()
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for file, relative in _walk(path, outdir):
                if _matches(relative, include) and not _matches(relative, exclude):
                    found.append((file, str(Path(relative).with_suffix(""))))
        else:
            found.append((path, path.stem))
    return _unique(found)


def _walk(folder: Path, outdir: Path) -> list[tuple[Path, str]]:
    """Files under ``folder`` (relative path as posix), skipping hidden entries and OUTDIR."""
    files: list[tuple[Path, str]] = []
    for root, dirnames, filenames in os.walk(folder):
        here = Path(root)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (here / d).resolve() != outdir
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                file = here / name
                files.append((file, file.relative_to(folder).as_posix()))
    return files


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(
        fnmatch(relative.lower(), p.lower()) or fnmatch(name.lower(), p.lower()) for p in patterns
    )


def _unique(found: list[tuple[Path, str]]) -> list[InputFile]:
    """Drop repeated files; give inputs that would share an output stem their full name."""
    seen: set[Path] = set()
    kept: list[tuple[Path, str]] = []
    for path, output in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            kept.append((path, output))
    counts: dict[str, int] = {}
    for _, output in kept:
        counts[output] = counts.get(output, 0) + 1
    return [
        # "a.pdf" and "a.txt" in one folder become "a.pdf.*" and "a.txt.*" outputs.
        InputFile(path, output if counts[output] == 1 else f"{output}{path.suffix}")
        for path, output in kept
    ]
