"""Batch conversion: many inputs, OCR spread per PAGE over processes or a Dask cluster.

For each input not already done (see ``manifest.py``) the parent process opens the document
(cheap: it lists page tasks, holds no pixels), submits its page tasks, and, when all pages
are back, submits one document task running the document stages
(``pipeline.finish_document``) and the writers (atomic). The parent then marks the input
done in the manifest. At most ``executor.window`` tasks (2 per worker) are in flight and
documents are opened only as the window frees up, so memory stays bounded however large
the batch. A failure is recorded against its input and the batch goes on; a writer that
fails leaves the other formats written and the input ``partial``.

Before any of it, ``preflight`` checks what would make every input fail (language data for
OCR), so a run that cannot work stops at once with exit code 2 and the fix.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sohoa.batch.executors import Executor
from sohoa.batch.inputs import InputFile, Skipped, name_problem
from sohoa.batch.manifest import Manifest
from sohoa.batch.progress import Reporter
from sohoa.batch.tasks import Converted, document_task, one_line, page_task
from sohoa.errors import SetupError, SohoaError
from sohoa.model import Document, Page
from sohoa.normalize.corrections import corrections_sha256, find_corrections
from sohoa.normalize.user_model import load_user_model, user_model_sha256
from sohoa.ocr.ingest import PageTask, file_sha256, open_document
from sohoa.ocr.tesseract import check_languages
from sohoa.output.catalog import write_catalog
from sohoa.settings import Settings

# Inputs with these endings never need OCR (the format is sniffed later, from the bytes).
_TEXT_ONLY_SUFFIXES = (".txt", ".docx")


def preflight(inputs: list[InputFile], settings: Settings) -> None:
    """Raise SetupError for what would make every input fail, before converting any."""
    may_need_ocr = settings.ocr_mode != "skip" and any(
        item.path.suffix.lower() not in _TEXT_ONLY_SUFFIXES for item in inputs
    )
    if may_need_ocr:
        try:
            check_languages(settings.lang, f"--lang {settings.lang}")
        except SohoaError as error:
            fix = error.fix + (", or --ocr-mode skip to use only the PDFs' own text layers")
            raise SetupError(error.path, error.problem, fix) from None
    if settings.restore and settings.user_model:
        load_user_model(settings.user_model)  # a missing or broken one stops the run here


# --- the run ------------------------------------------------------------------------------


def settings_fingerprint(settings: Settings) -> str:
    """What, in the settings, changes the outputs; a change means done inputs are redone."""
    extra = {"tone_style": settings.tone_style} if settings.tone_style else {}  # old runs: same
    if settings.user_model and settings.restore:  # a changed user model redoes the inputs
        extra["user_model"] = user_model_sha256(settings.user_model)
    return json.dumps(
        {
            **extra,
            "lang": settings.lang,
            "dpi": settings.dpi,
            "ocr_mode": settings.ocr_mode,
            "psm": settings.psm,
            "preprocess": settings.preprocess,
            "restore": settings.restore,
            "model": str(settings.model_path) if settings.model_path else None,
            "tables": settings.extract_tables,
            "formats": sorted(settings.formats),
        },
        sort_keys=True,
    )


def input_fingerprint(fingerprint: str, outdir: Path, output: str, settings: Settings) -> str:
    """The settings' fingerprint, plus the hash of the input's corrections file if it has one,
    so an input whose reviewer's corrections changed is redone."""
    reviewed = find_corrections(outdir, output, settings.corrections_dir)
    if reviewed is None:
        return fingerprint
    try:
        return f"{fingerprint} corrections:{corrections_sha256(reviewed)}"
    except OSError:
        return f"{fingerprint} corrections:unreadable"  # redone: the error is reported then


@dataclass
class Summary:
    converted: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # one-line errors
    partial: int = 0  # converted, but some formats failed (also in ``failed_formats``)
    failed_formats: list[str] = field(default_factory=list)  # one-line errors
    walk_skipped: list[Skipped] = field(default_factory=list)  # not converted: why
    pages: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    catalog: list[Path] = field(default_factory=list)


@dataclass
class _Open:
    """A document whose pages are being OCR'd."""

    item: InputFile
    doc: Document
    expected: int
    started: float
    pages: list[Page] = field(default_factory=list)
    ocr_seconds: float = 0.0
    failed: bool = False
    previous_outputs: list[str] = field(default_factory=list)  # of earlier runs, to tidy


def run_batch(
    inputs: list[InputFile],
    outdir: Path,
    settings: Settings,
    executor: Executor,
    reporter: Reporter,
    force: bool = False,
    walk_skipped: list[Skipped] | None = None,
) -> Summary:
    """Convert ``inputs`` into ``outdir``; return what happened. Never raises for one input
    (a ``SetupError`` means the run could not start: the manifest is read-only or in use)."""
    started = time.perf_counter()
    summary = Summary(walk_skipped=list(walk_skipped or []))
    for skipped in summary.walk_skipped:
        reporter.walk_skipped(skipped)
    fingerprint = settings_fingerprint(settings)
    with Manifest(outdir) as manifest:
        if manifest.set_aside is not None:
            reporter.warned(
                f"{manifest.set_aside}: the manifest was corrupt; it was set aside and a new one"
                " rebuilt from the outputs present (their inputs are redone)"
            )
        _remove_partial_files(outdir)
        todo = []
        for item in inputs:
            expected = input_fingerprint(fingerprint, outdir, item.output, settings)
            if not force and _unchanged_and_done(manifest, item, expected):
                summary.skipped += 1
                reporter.skipped(item)
            else:
                todo.append(item)
        reporter.start(len(todo), summary.skipped)
        batch = _Batch(outdir, settings, executor, reporter, manifest, fingerprint, summary)
        try:
            batch.run(todo)
        except KeyboardInterrupt:
            summary.interrupted = True
            executor.close(cancel=True)
        else:
            executor.close()
        finished = manifest.entries("done") + manifest.entries("partial")
        rows = [e.catalog for e in sorted(finished, key=lambda e: e.output) if e.catalog]
        summary.catalog = write_catalog(rows, outdir)
    summary.seconds = time.perf_counter() - started
    reporter.finish(summary)
    return summary


def _remove_partial_files(outdir: Path) -> None:
    """Delete temporary files a killed run left behind (``output.files.write_atomic``'s)."""
    for partial in outdir.rglob(".*.part"):
        partial.unlink(missing_ok=True)


def _unchanged_and_done(manifest: Manifest, item: InputFile, fingerprint: str) -> bool:
    entry = manifest.get(item.key)
    if entry is None or entry.status != "done" or entry.settings != fingerprint:
        return False
    if entry.output != item.output:
        return False
    if not all((manifest.path.parent / name).exists() for name in entry.outputs):
        return False  # someone removed an output: make it again
    try:
        stat = item.path.stat()
    except OSError:
        return False
    if (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns):
        return True  # same size and time: trust it, as rsync does, without re-hashing
    return stat.st_size == entry.size and file_sha256(item.path) == entry.sha256


class _Batch:
    """The scheduling loop: keep the executor busy, never more than its window ahead."""

    def __init__(
        self,
        outdir: Path,
        settings: Settings,
        executor: Executor,
        reporter: Reporter,
        manifest: Manifest,
        fingerprint: str,
        summary: Summary,
    ) -> None:
        self.outdir = outdir
        self.settings = settings
        self.executor = executor
        self.reporter = reporter
        self.manifest = manifest
        self.fingerprint = fingerprint
        self.summary = summary
        self.window = executor.window
        self.queued: deque[tuple[_Open, PageTask]] = deque()
        self.in_flight: dict[Any, tuple[Callable[..., None], _Open]] = {}

    def run(self, todo: list[InputFile]) -> None:
        waiting = iter(todo)
        more = True
        while True:
            while len(self.in_flight) < self.window and (self.queued or more):
                if self.queued:
                    state, task = self.queued.popleft()
                    if not state.failed:
                        self._submit(self._page_done, state, page_task, task, self.settings)
                else:
                    item = next(waiting, None)
                    more = item is not None
                    if item is not None:
                        self._open(item)
            if not self.in_flight:
                return
            done = self.executor.wait_any(list(self.in_flight))
            for future in [f for f in self.in_flight if f in done]:  # in submission order
                handler, state = self.in_flight.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # the worker itself died (crash, out of memory)
                    self._fail(state, f"{state.item.path}: worker process died ({error!r})")
                    continue
                handler(state, result)

    def _submit(
        self, handler: Callable[..., None], state: _Open, fn: Callable[..., Any], *args: Any
    ) -> None:
        self.in_flight[self.executor.submit(fn, *args)] = (handler, state)

    def _open(self, item: InputFile) -> None:
        started = time.perf_counter()
        try:
            stat = item.path.stat()
            size, mtime_ns = stat.st_size, stat.st_mtime_ns
        except OSError:
            size, mtime_ns = 0, 0
        previous = self.manifest.get(item.key)
        superseded = self.manifest.release_output(item.output, item.key)  # gone inputs' rows
        fingerprint = input_fingerprint(self.fingerprint, self.outdir, item.output, self.settings)
        self.manifest.start(item.key, item.output, size, mtime_ns, fingerprint)
        state = _Open(item, Document(str(item.path), "txt"), 0, started)
        for entry in [previous, *superseded]:
            state.previous_outputs.extend(entry.outputs if entry else [])
        problem = name_problem(item.path)
        if problem is not None:
            self._fail(state, problem)
            return
        try:
            doc, tasks = open_document(item.path, self.settings)
        except Exception as error:
            self._fail(state, one_line(str(item.path), error))
            return
        doc.sha256 = doc.sha256 or file_sha256(item.path)
        state.doc, state.expected = doc, len(tasks)
        # TXT and DOCX pages come ready from open_document; PDFs and images come as tasks.
        self.summary.pages += len(doc.pages)
        self.reporter.opened(item, pages=len(doc.pages) + len(tasks), ready=len(doc.pages))
        if not tasks:
            self._all_pages_done(state)
        self.queued.extend((state, task) for task in tasks)

    def _page_done(self, state: _Open, result: tuple[Page | None, float, str | None]) -> None:
        page, seconds, error = result
        if state.failed:
            return
        state.ocr_seconds += seconds
        if error is not None or page is None:
            self._fail(state, error or f"{state.item.path}: page lost")
            return
        state.pages.append(page)
        self.summary.pages += 1
        self.reporter.page_done(state.item, page.number, seconds)
        if len(state.pages) == state.expected:
            self._all_pages_done(state)

    def _all_pages_done(self, state: _Open) -> None:
        self._submit(
            self._document_done, state, document_task, state.doc, state.pages, self.settings,
            state.ocr_seconds, str(self.outdir.resolve()), state.item.output,
        )  # fmt: skip

    def _document_done(self, state: _Open, result: tuple[Converted | None, str | None]) -> None:
        converted, error = result
        if error is not None or converted is None:
            self._fail(state, error or f"{state.item.path}: document lost")
            return
        if converted.failed_formats and not converted.written:  # every writer failed
            self._fail(state, next(iter(converted.failed_formats.values())))
            return
        seconds = time.perf_counter() - state.started
        kept, stale = self._sort_previous(state, converted)
        self.manifest.finish(
            state.item.key, converted.sha256, converted.pages, seconds, state.ocr_seconds,
            converted.written + kept, converted.catalog,
        )  # fmt: skip
        for name in stale:
            path = self.outdir / name
            if path.resolve().is_relative_to(self.outdir.resolve()) and path.is_file():
                path.unlink(missing_ok=True)
        written = [self.outdir / name for name in converted.written]
        if converted.failed_formats:
            errors = list(converted.failed_formats.values())
            self.manifest.partial(
                state.item.key, sorted(converted.failed_formats), "\n".join(errors)
            )
            self.summary.partial += 1
            self.summary.failed_formats.extend(errors)
            for error in errors:
                self.reporter.writer_failed(state.item, error)
        else:
            self.summary.converted += 1
        self.reporter.converted(state.item, written, converted.pages, seconds)
        for warning in converted.warnings:
            self.reporter.warned(warning)

    def _sort_previous(self, state: _Open, converted: Converted) -> tuple[list[str], list[str]]:
        """Split the outputs of earlier runs that this run did not write again into those
        kept (same output name, of a format not asked for now or that failed now: the last
        good file stays until a new one replaces it) and those stale, to delete (an old
        ``.table-3.csv``, the files of an old output name)."""
        kept, stale = [], []
        for name in dict.fromkeys(state.previous_outputs):
            if name in converted.written:
                continue
            fmt = _format_of(name)
            not_redone = fmt not in self.settings.formats or fmt in converted.failed_formats
            if not_redone and _stem_of(name) == state.item.output:
                kept.append(name)
            else:
                stale.append(name)
        return kept, stale

    def _fail(self, state: _Open, error: str) -> None:
        if state.failed:
            return  # already recorded (its other pages are still coming back)
        state.failed = True
        seconds = time.perf_counter() - state.started
        self.manifest.fail(state.item.key, error, state.expected or None, seconds)
        self.summary.failed.append(error)
        self.reporter.failed(state.item, error)


def _format_of(name: str) -> str:
    """The output format of an output file name: ``2023/kh.table-2.csv`` -> ``csv``."""
    return name.rsplit(".", 1)[-1]


def _stem_of(name: str) -> str:
    """The output stem of an output file name: ``2023/kh.table-2.csv`` -> ``2023/kh``."""
    return (
        re.sub(r"\.table-\d+\.csv$", "", name) if name.endswith(".csv") else name.rsplit(".", 1)[0]
    )
