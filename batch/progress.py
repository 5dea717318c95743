"""What a batch run tells its user while it works.

On a terminal: a progress bar (tqdm) with pages done, pages/s and ETA. Otherwise (a log
file, cron, CI): one plain line per finished document, carrying the same figures, plus a
progress line at least every 30 s during long documents. Errors always go to stderr, one
line each; everything else to stdout. ``quiet`` keeps only the errors; ``verbose`` adds a
line per page, per skipped input and per file the folder walk passed over (symlink loop,
FIFO, unsupported type, ...). The summary counts those as "skipped: N unreadable, N
unsupported".

The total number of pages is only known once every input has been opened, so the ETA uses
the pages seen so far plus, for inputs not yet opened, the mean pages per opened input.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tqdm import tqdm

from sohoa.batch.inputs import InputFile, Skipped

if TYPE_CHECKING:
    from sohoa.batch.runner import Summary

LOG_EVERY_S = 30.0


class Reporter:
    def __init__(
        self,
        quiet: bool = False,
        verbose: bool = False,
        bar: bool | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.use_bar = (self.err.isatty() if bar is None else bar) and not quiet
        self._bar: tqdm | None = None
        self.documents = 0
        self.finished = 0  # converted or failed
        self.documents_opened = 0
        self._opened: set[str] = set()
        self.unopenable = 0
        self.pages_opened = 0
        self.pages_done = 0
        self.started = time.monotonic()
        self._last_line = self.started

    # --- events from the runner --------------------------------------------------------------

    def skipped(self, item: InputFile) -> None:
        if self.verbose:
            self._say(f"skip {item.path} (done and unchanged; --force redoes it)")

    def walk_skipped(self, skipped: Skipped) -> None:
        if self.verbose:
            self._say(skipped.line())

    def start(self, documents: int, skipped: int) -> None:
        self.documents = documents
        self.started = self._last_line = time.monotonic()
        if skipped and not self.quiet and not self.verbose:
            self._say(
                f"skipping {skipped} input(s) already done and unchanged (--force redoes them)"
            )
        if self.use_bar and documents:
            self._bar = tqdm(
                total=0, unit="page", file=self.err, dynamic_ncols=True, desc=self._docs()
            )

    def opened(self, item: InputFile, pages: int, ready: int = 0) -> None:
        """``pages`` in the document, of which ``ready`` needed no page task (TXT, DOCX)."""
        self.documents_opened += 1
        self._opened.add(item.key)
        self.pages_opened += pages
        self.pages_done += ready
        if self._bar is not None:
            self._bar.total = self.estimated_pages()
            self._bar.update(ready)

    def page_done(self, item: InputFile, number: int, seconds: float) -> None:
        self.pages_done += 1
        if self._bar is not None:
            self._bar.update(1)
        if self.verbose:
            self._say(f"  page {number} of {item.path} ({seconds:.1f} s)")
        elif not self.use_bar and time.monotonic() - self._last_line > LOG_EVERY_S:
            self._say(f"{self.status()} working")

    def converted(self, item: InputFile, written: list[Path], pages: int, seconds: float) -> None:
        self.finished += 1
        self._advance_docs()
        if self.verbose or (not self.use_bar and not self.quiet):
            where = ", ".join(str(p) for p in written)
            self._say(f"{self.status()} {item.path} -> {where} ({pages} pages, {seconds:.1f} s)")

    def warned(self, warning: str) -> None:
        """Converted, but the user should know (shown even with --quiet)."""
        self._write(f"sohoa: warning: {warning}", self.err)

    def failed(self, item: InputFile, error: str) -> None:
        self.finished += 1
        if item.key not in self._opened:
            self.unopenable += 1  # no pages to expect from it
        self._advance_docs()
        self._write(f"sohoa: error: {error}", self.err)

    def writer_failed(self, item: InputFile, error: str) -> None:
        """One output format could not be written; the others were."""
        self._write(f"sohoa: error: {error}", self.err)

    def finish(self, summary: Summary) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        rate = summary.pages / summary.seconds * 60 if summary.seconds else 0.0
        counts = (
            f"{summary.converted} converted, {summary.skipped} skipped (already done), "
            f"{len(summary.failed)} failed"
            + (f", {summary.partial} partial (some formats failed)" if summary.partial else "")
            + f"; {summary.pages} pages in {summary.seconds:.1f} s ({rate:.1f} pages/min)"
            + _walk_counts(summary.walk_skipped)
        )
        if summary.interrupted:
            self._write(
                f"sohoa: interrupted: {counts} — run the same command again to finish the rest",
                self.err,
            )
            return
        if self.quiet:
            return
        self._say(f"summary: {counts}")
        if summary.catalog:
            self._say(f"catalogue: {', '.join(str(p) for p in summary.catalog)}")
        if summary.failed or summary.partial:
            self._say(
                f"{len(summary.failed) + summary.partial} input(s) failed in whole or part "
                "(errors above, also in the manifest); fix or remove them and run the same "
                "command again to retry only those"
            )

    # --- figures -----------------------------------------------------------------------------

    def estimated_pages(self) -> int:
        if not self.documents_opened:
            return 0
        not_opened = max(0, self.documents - self.documents_opened - self.unopenable)
        return self.pages_opened + round(not_opened * self.pages_opened / self.documents_opened)

    def status(self) -> str:
        """``[3/10 docs, 12/40 pages, 25.1 pages/min, ETA 0:01:20]``"""
        elapsed = time.monotonic() - self.started
        rate = self.pages_done / elapsed if elapsed > 0 else 0.0
        total = self.estimated_pages()
        remaining = max(0, total - self.pages_done)
        eta = _clock(remaining / rate) if rate > 0 else "?"
        return (
            f"[{self._docs()}, {self.pages_done}/{total} pages, "
            f"{rate * 60:.1f} pages/min, ETA {eta}]"
        )

    # --- output ------------------------------------------------------------------------------

    def _docs(self) -> str:
        return f"{self.finished}/{self.documents} docs"

    def _advance_docs(self) -> None:
        if self._bar is not None:
            self._bar.set_description(self._docs(), refresh=True)

    def _say(self, line: str) -> None:
        if not self.quiet:
            self._write(line, self.out)
            self._last_line = time.monotonic()

    def _write(self, line: str, stream: TextIO) -> None:
        if self._bar is not None:
            tqdm.write(line, file=stream)
        else:
            print(line, file=stream, flush=True)


def _walk_counts(skipped: list[Skipped]) -> str:
    """``; skipped: 1 unreadable, 3 unsupported, 1 sohoa output folder`` (or nothing)."""
    counts = {kind: sum(1 for s in skipped if s.kind == kind) for kind in _SKIP_WORDS}
    if not any(counts.values()):
        return ""
    parts = [f"{counts[kind]} {word}" for kind, word in _SKIP_WORDS.items()]
    if not counts["sohoa output"]:
        parts.pop()
    return "; skipped: " + ", ".join(parts) + " (-v lists them)"


_SKIP_WORDS = {
    "unreadable": "unreadable",
    "unsupported": "unsupported",
    "sohoa output": "earlier sohoa output folder(s)",
}


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
