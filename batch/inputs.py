"""Which files a batch converts, and where each one's outputs go.

Files named on the command line are always taken. Folders are walked recursively and their
files filtered by ``--include`` / ``--exclude`` globs, matched against the path relative to
that folder (``2023/*.pdf``) and against the bare file name (``*.pdf``). Outputs mirror the
folder layout under OUTDIR, so ``in/2023/kh.pdf`` becomes ``OUTDIR/2023/kh.txt``.

The walk never stops or hangs: symbolic-link loops, broken links, unreadable folders,
FIFOs, sockets and devices, unsupported file types and old sohoa output folders (they hold a
``manifest.sqlite``) are each recorded as a ``Skipped`` entry, and the batch goes on.
Hidden entries (``.name``) and OUTDIR itself are passed over silently.

Safety rules (see README, "Output safety"):

- inputs are never overwritten: an input inside OUTDIR (``sohoa convert d -o d``,
  ``cd d && sohoa convert scan.pdf -o .``) is refused with a ``SetupError`` before anything
  is written;
- two inputs never share an output stem: inputs from different roots that would collide get
  their root folder's name in front (``2023/QD-01``, ``2024/QD-01``); inputs of one folder
  that differ only by extension keep it (``a.pdf.*``, ``a.txt.*``); stems claimed in the
  manifest by another input that still exists count as taken.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Literal

from sohoa.errors import SetupError

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

OUTPUT_FOLDER_MARK = "manifest.sqlite"  # a folder holding one was written by sohoa

SkipKind = Literal["unreadable", "unsupported", "sohoa output"]


@dataclass(frozen=True)
class InputFile:
    path: Path  # as found (relative paths stay relative, for messages)
    output: str  # output stem relative to OUTDIR, "/"-separated, e.g. "2023/kh-523"

    @property
    def key(self) -> str:
        """The manifest key: the absolute path (as ``shown``)."""
        return shown(self.path.resolve())


def shown(path: Path | str) -> str:
    """``path`` as text that can be printed and stored: the bytes of a name that is not UTF-8
    (an old Windows archive's "tênlà.txt" in Windows-1258) as backslash escapes
    (``t\\xeanl\\xe0.txt``); any other path as it is."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def name_problem(path: Path) -> str | None:
    """One error line when ``path`` is no UTF-8 text (its outputs, the JSON and the catalogue
    could not name it); None when it is."""
    if shown(path) == str(path):
        return None
    return (
        f"{shown(path)}: its name is not UTF-8 text — rename it in UTF-8, e.g. "
        "convmv -r -f cp1258 -t utf8 --notest FOLDER (Windows-1258 names; -f cp1252 for others)"
    )


@dataclass(frozen=True)
class Skipped:
    """Something in an input folder that is not converted, and why (one line with -v)."""

    path: Path
    reason: str
    kind: SkipKind

    def line(self) -> str:
        return f"skip {shown(self.path)} ({self.reason})"


@dataclass
class Found:
    files: list[InputFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    path: Path
    relative: str  # path inside its root, "/"-separated, with the extension
    root: str  # the root folder's name (a named file: its folder's name)


def find_inputs(
    paths: list[Path],
    outdir: Path,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    taken: Mapping[str, str] | None = None,
) -> Found:
    """List the input files in a stable order, each with a unique output stem.

    ``taken`` maps output stems (casefolded) to the manifest key of the input that owns them
    from an earlier run. Raises ``SetupError`` for a missing input path or an input inside
    ``outdir``.
    """
    outdir = outdir.resolve()
    found = Found()
    candidates: list[_Candidate] = []
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            problem = "symlink loop" if error.errno == errno.ELOOP else "input not found"
            raise SetupError(path, problem, "check the path (a typo?)") from None
        if stat.S_ISDIR(mode):
            walk = _Walk(path, outdir, include, exclude, found.skipped)
            candidates.extend(walk.files())
        elif stat.S_ISREG(mode):
            candidates.append(_Candidate(path, path.name, _folder_name(path.parent)))
        else:
            found.skipped.append(Skipped(path, _special_file(mode), "unsupported"))
    kept = _drop_repeats(candidates)
    _refuse_inputs_inside(kept, outdir)
    found.files = _assign_outputs(kept, taken or {})
    return found


class _Walk:
    """One folder tree, walked depth-first in name order; links followed, loops refused."""

    def __init__(
        self,
        root: Path,
        outdir: Path,
        include: tuple[str, ...],
        exclude: tuple[str, ...],
        skipped: list[Skipped],
    ) -> None:
        self.root = root
        self.outdir = outdir
        self.include = include or DEFAULT_INCLUDE
        self.chosen_by_user = bool(include)
        self.exclude = exclude
        self.skipped = skipped
        self.visited: set[tuple[int, int]] = set()
        self.found: list[_Candidate] = []

    def files(self) -> list[_Candidate]:
        self._visit(self.root)
        return self.found

    def _skip(self, path: Path, reason: str, kind: SkipKind) -> None:
        self.skipped.append(Skipped(path, reason, kind))

    def _visit(self, folder: Path) -> None:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in self.visited:
            self._skip(folder, "symlink loop: this folder is already being walked", "unreadable")
            return
        self.visited.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            self._skip(folder, f"folder cannot be read: {error.strerror}", "unreadable")
            return
        for entry in entries:
            if not entry.name.startswith("."):
                self._entry(Path(entry.path), entry.is_symlink())

    def _entry(self, path: Path, is_link: bool) -> None:
        try:
            mode = os.stat(path).st_mode  # follows links
        except OSError as error:
            if error.errno == errno.ELOOP:
                reason = "symlink loop"
            elif is_link and error.errno == errno.ENOENT:
                reason = "broken symbolic link"
            else:
                reason = f"cannot be read: {error.strerror}"
            self._skip(path, reason, "unreadable")
            return
        if stat.S_ISDIR(mode):
            if path.resolve() == self.outdir:
                return  # this run's own output folder
            if (path / OUTPUT_FOLDER_MARK).exists():
                self._skip(path, "an earlier sohoa output folder", "sohoa output")
                return
            self._visit(path)
            return
        relative = path.relative_to(self.root).as_posix()
        if not _matches(relative, self.include):
            if not self.chosen_by_user:
                suffix = path.suffix.lower() or "no extension"
                self._skip(path, f"unsupported file type ({suffix})", "unsupported")
            return
        if _matches(relative, self.exclude):
            return
        if not stat.S_ISREG(mode):
            self._skip(path, _special_file(mode), "unsupported")
        elif not os.access(path, os.R_OK):
            self._skip(path, "cannot be read: permission denied", "unreadable")
        else:
            self.found.append(_Candidate(path, relative, _folder_name(self.root)))


def _special_file(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        kind = "a FIFO (named pipe)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "a device"
    return f"not a regular file: {kind}"


def _folder_name(folder: Path) -> str:
    return folder.resolve().name or "root"


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(
        fnmatch(relative.lower(), p.lower()) or fnmatch(name.lower(), p.lower()) for p in patterns
    )


def _drop_repeats(candidates: list[_Candidate]) -> list[_Candidate]:
    """The same file named twice (or reached through links) is converted once, under the
    first name that is not a link (else the first name)."""
    chosen: dict[Path, _Candidate] = {}
    for candidate in candidates:
        real = candidate.path.resolve()
        if real not in chosen or (
            chosen[real].path.is_symlink() and not candidate.path.is_symlink()
        ):
            chosen[real] = candidate
    kept = set(map(id, chosen.values()))
    return [c for c in candidates if id(c) in kept]


def _refuse_inputs_inside(candidates: list[_Candidate], outdir: Path) -> None:
    """Outputs could overwrite an input that lives in the output folder: refuse up front."""
    for candidate in candidates:
        if candidate.path.resolve().is_relative_to(outdir):
            raise SetupError(
                outdir,
                f"the output folder holds the input {candidate.path}, whose outputs could "
                "overwrite it",
                "choose an output folder that holds no input, e.g. -o "
                f"{outdir.parent / (outdir.name + '-sohoa')}",
            )


def _assign_outputs(candidates: list[_Candidate], taken: Mapping[str, str]) -> list[InputFile]:
    """Give each input a unique output stem (compared without case, for Windows/macOS disks).

    In order, until no two share one: the path inside its root without extension; with the
    root folder's name in front when the colliding inputs come from different roots; with the
    extension kept; with ``-2``, ``-3``, ... added.
    """
    stems = [shown(Path(c.relative).with_suffix("")) for c in candidates]
    keys = [shown(c.path.resolve()) for c in candidates]

    def colliding() -> list[list[int]]:
        groups: dict[str, list[int]] = {}
        for index, stem in enumerate(stems):
            groups.setdefault(stem.casefold(), []).append(index)
        return [
            group
            for stem, group in groups.items()
            if len(group) > 1 or taken.get(stem, keys[group[0]]) != keys[group[0]]
        ]

    for group in colliding():
        if len({candidates[i].root for i in group}) > 1 or len(group) == 1:
            for i in group:
                stems[i] = f"{candidates[i].root}/{stems[i]}"
    for group in colliding():
        if len({candidates[i].path.suffix.casefold() for i in group}) == len(group):
            for i in group:
                stems[i] = f"{stems[i]}{candidates[i].path.suffix}"
    while groups := colliding():
        for group in groups:
            owner = taken.get(stems[group[0]].casefold(), keys[group[0]])
            first = 1 if owner == keys[group[0]] else 0  # the first keeps it unless it is taken
            for number, i in enumerate(group[first:], start=2):
                stems[i] = f"{stems[i]}-{number}"
    return [InputFile(c.path, stem) for c, stem in zip(candidates, stems, strict=True)]
