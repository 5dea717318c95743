"""The errors users see: one line naming the file and the fix, never a traceback.

Two kinds, because they end a run differently:

- ``InputError`` (and its parent ``SohoaError``): this file is bad (corrupt, encrypted, not
  Vietnamese, ...). The batch records it and goes on with the other files (exit 1).
- ``SetupError``: the run cannot start (missing input path, bad ``--lang``, missing language
  data, unwritable output folder, read-only manifest, ...). Found by the pre-flight check
  before anything is converted; the command exits 2.

``os_error_line`` turns the operating-system errors a user can fix (disk full, name too long,
permission denied, read-only filesystem) into such a line instead of "unexpected error".
"""

from __future__ import annotations

import errno


class SohoaError(Exception):
    """A problem with an input or output that the user can fix; never shown as a traceback."""

    def __init__(self, path: object, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = f"{self.path}: {self.problem}"
        return f"{text} — {self.fix}" if self.fix else text


class InputError(SohoaError):
    """This input file is bad: it is reported and the batch goes on with the others."""


class SetupError(SohoaError):
    """The run cannot start as asked (usage or set-up): exit 2 before converting anything."""


# errno -> (problem, fix) for the OS errors whose fix we can name.
_KNOWN_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "no space left on the device",
        "free some space, then run the same command again",
    ),
    errno.EDQUOT: ("disk quota exceeded", "free some space, then run the same command again"),
    errno.ENAMETOOLONG: (
        "file name too long",
        "shorten the input's name or folder path, or use a shorter output folder (-o)",
    ),
    errno.EACCES: ("permission denied", "check the permissions of this file and its folder"),
    errno.EPERM: ("operation not permitted", "check the permissions of this file and its folder"),
    errno.EROFS: ("read-only file system", "choose an output folder on a writable disk (-o)"),
    errno.EISDIR: ("a folder is in the way", "move or rename that folder"),
    errno.ENOTDIR: ("a file is in the way of a folder", "move or rename that file"),
    errno.ELOOP: ("symlink loop", "fix or remove the symbolic link"),
    errno.EMFILE: ("too many open files", "raise the limit (ulimit -n 4096) and run again"),
}


def known_os_error(error: OSError) -> tuple[str, str] | None:
    """(problem, fix) for an OS error the user can act on; None for any other error."""
    return _KNOWN_OS_ERRORS.get(error.errno or -1)


def os_error_line(error: OSError, path: object = None) -> str | None:
    """One line with a fix for an OS error the user can act on; None for any other error."""
    known = known_os_error(error)
    if known is None:
        return None
    problem, fix = known
    where = path if path is not None else (error.filename or "sohoa")
    if path is not None and error.filename and str(error.filename) != str(path):
        problem = f"{problem} ({error.filename})"
    return f"{where}: {problem} — {fix}"
