"""The one exception type users see: a one-line message naming the file and the fix."""

from __future__ import annotations


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
