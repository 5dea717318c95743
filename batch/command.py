"""What ``convert`` does once its options are read (the click command is in run_pipeline.py):
usage checks that stop it before any work (exit 2), stdin as an input and stdout as the
output, the batch run (``runner.run_batch``) and its exit code. ``fail`` is every command's
one-line error and exit.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from sohoa.errors import SohoaError, os_error_line
from sohoa.ocr.sniff import sniff_format
from sohoa.settings import Settings

STREAM = Path("-")  # "-" as an input reads stdin; as an output (-o -) writes stdout
STREAM_FORMATS = ("txt", "md", "json")  # what `convert -o -` can write to stdout


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"sohoa: error: {message}", err=True)
    sys.exit(code)


def check_text_input(path: Path) -> None:
    """``restore`` reads one text file: a usage error (exit 2) for a missing path, a folder
    or a file of another kind (a scan, a DOCX), naming the command that reads it; exit 1 for
    a file no command reads (empty, binary, damaged), with the line convert gives it."""
    if path.is_dir():
        fail(
            f"{path}: is a folder — restore reads one text file; convert reads a folder: "
            f"sohoa convert {path} -o OUTDIR",
            code=2,
        )
    if not path.is_file():
        fail(f"{path}: input file not found — check the path (or give - for stdin)", code=2)
    try:
        kind = sniff_format(path)
    except SohoaError as error:  # empty, binary, a damaged scan: what convert says of it
        fail(error.one_line(), code=1)
    if kind != "txt":
        fail(
            f"{path}: is a {kind.upper()} file, not text — restore reads text; convert reads "
            f"and restores it: sohoa convert {path} -o OUTDIR",
            code=2,
        )


def check_output_file(path: Path | None, option: str) -> None:
    """A usage error (exit 2) unless ``path`` can be a file: not a folder, in a folder that
    exists (found before the work, so that no output is written when another cannot be)."""
    if path is None or path == STREAM:
        return
    if path.is_dir():
        fail(
            f"{path}: is a folder — {option} takes a file name, e.g. {option} "
            f"{path / 'restored.txt'}",
            code=2,
        )
    if not path.parent.is_dir():
        fail(
            f"{path}: its folder {path.parent} does not exist or is a file — make the folder "
            f"or give {option} another path",
            code=2,
        )


def check_outdir(outdir: Path) -> None:
    """A set-up error (exit 2) unless ``outdir`` exists or can be made, and takes files."""
    in_the_way = next((p for p in (outdir, *outdir.parents) if p.is_file()), None)
    if in_the_way is not None:  # -o names a file, or a folder under one
        problem = "is a file" if in_the_way == outdir else f"cannot be made: {in_the_way} is a file"
        fail(
            f"{outdir}: {problem}, and the output must be a folder — choose a folder with -o "
            "(each input gives several files there)",
            code=2,
        )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        probe = outdir / ".sohoa-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        fail(
            f"{outdir}: output folder is not writable ({error.strerror}) — "
            "choose another folder with -o or fix its permissions",
            code=2,
        )


def check_lang(lang: str) -> None:
    """``--lang`` must be Tesseract codes joined by ``+`` (whether installed: preflight)."""
    if not re.fullmatch(r"[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*", lang):
        fail(
            f"--lang {lang!r} is not a Tesseract language — give codes joined by '+', e.g. "
            "vie or vie+eng (tesseract --list-langs shows those installed)",
            code=2,
        )


@contextlib.contextmanager
def spooled_stdin(name: str) -> Iterator[Path]:
    """Standard input saved to a temporary file ``name`` (a document is read more than once)."""
    with tempfile.TemporaryDirectory(prefix="sohoa-stdin-") as folder:
        path = Path(folder) / name
        with open(path, "wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle)
        yield path


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_convert_usage(
    inputs: tuple[Path, ...],
    outdir: Path,
    formats: str,
    lang: str,
    executor: str,
    scheduler: str | None,
) -> tuple[str, ...]:
    """The formats to write; a usage error (exit 2) for options that do not go together."""
    from sohoa.output.writers import WRITERS

    chosen = tuple(WRITERS) if formats == "all" else tuple(f.strip() for f in formats.split(","))
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown:
        fail(f"unknown format(s) {', '.join(unknown)} — choose from {', '.join(WRITERS)}", code=2)
    if executor == "dask" and not scheduler:
        fail("--executor dask needs --scheduler tcp://HOST:PORT", code=2)
    if scheduler and executor != "dask":
        fail("--scheduler is only used with --executor dask", code=2)
    check_lang(lang)
    if outdir == STREAM:
        if len(inputs) != 1 or (inputs[0] != STREAM and inputs[0].is_dir()):
            fail("-o - writes one input's text to stdout: give exactly one input file", code=2)
        chosen = ("txt",) if formats == "all" else chosen
        if len(chosen) != 1 or chosen[0] not in STREAM_FORMATS:
            fail(
                f"-o - writes one format: add --formats with one of {', '.join(STREAM_FORMATS)}",
                code=2,
            )
    if inputs.count(STREAM) > 1 or (STREAM in inputs and len(inputs) > 1):
        fail("- (stdin) is the only input when given: convert it alone", code=2)
    return chosen


def convert_to(inputs: tuple[Path, ...], outdir: Path, settings: Settings, batch: Batch) -> int:
    """Run the batch into ``outdir``, reading stdin for the input "-" and writing the one
    output to stdout for "-o -" (converted in a temporary folder); returns the exit code."""
    with contextlib.ExitStack() as stack:
        if inputs == (STREAM,):  # stdin is new each time: always converted
            inputs = (stack.enter_context(spooled_stdin("stdin")),)
            batch.force = True
        if outdir != STREAM:
            return run_convert(inputs, outdir, settings, batch)
        # convert in a temporary folder, then copy the one output to stdout
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sohoa-")))
        batch.messages_to_stderr = True
        code = run_convert(inputs, folder, settings, batch)
        produced = [p for p in folder.rglob(f"*.{settings.formats[0]}") if p.stem != "catalog"]
        if produced:
            sys.stdout.buffer.write(produced[0].read_bytes())
            sys.stdout.flush()
        return code


@dataclass
class Batch:
    """The convert options that shape the run, not the outputs."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    jobs: int
    force: bool
    executor: str
    scheduler: str | None
    quiet: bool
    verbose: bool
    messages_to_stderr: bool = False  # stdout carries the output (-o -)


def run_convert(
    inputs: tuple[Path, ...],
    outdir: Path,
    settings: Settings,
    batch: Batch,
) -> int:
    """The batch: checks that stop the run before any work (exit 2), then the conversion;
    returns the exit code (0 all converted, 1 some failed, 130 interrupted)."""
    from sohoa.batch.executors import make_executor
    from sohoa.batch.inputs import find_inputs
    from sohoa.batch.manifest import claimed_outputs
    from sohoa.batch.progress import Reporter
    from sohoa.batch.runner import preflight, run_batch

    if batch.executor == "dask":  # workers have their own working folder: give them full paths
        inputs, outdir = tuple(p.absolute() for p in inputs), outdir.absolute()
    check_outdir(outdir)
    try:
        taken = claimed_outputs(outdir)
        found = find_inputs(list(inputs), outdir, batch.include, batch.exclude, taken)
        if not found.files:
            fail(
                f"no input files found in {', '.join(map(str, inputs))} — check the folder "
                "and --include/--exclude (-v lists what was skipped and why)",
                code=2,
            )
        preflight(found.files, settings)
        pool = make_executor(batch.executor, batch.jobs, batch.scheduler)
    except SohoaError as error:
        fail(error.one_line(), code=2)
    out = sys.stderr if batch.messages_to_stderr else None
    reporter = Reporter(quiet=batch.quiet, verbose=batch.verbose, out=out)
    try:
        summary = run_batch(
            found.files, outdir, settings, pool, reporter, batch.force, found.skipped
        )
    except SohoaError as error:  # the manifest is read-only, or in use by another run
        fail(error.one_line(), code=2)
    except OSError as error:
        line = os_error_line(error, error.filename or outdir)
        if line is None:
            raise_internal(error)
        fail(f"{line}; re-running the same command resumes where it stopped")
    except sqlite3.OperationalError as error:  # the manifest could not be updated
        if "full" not in str(error):
            raise_internal(error)
        fail(
            f"{outdir}: no space left on the device for the manifest — free some space, then "
            "run the same command again (it resumes where it stopped)"
        )
    except Exception as error:  # a bug in the runner itself: still one line, no traceback
        raise_internal(error)
    if summary.interrupted:
        return 130
    return 1 if summary.failed or summary.partial else 0


def raise_internal(error: Exception) -> None:
    fail(
        f"batch stopped by an internal error ({type(error).__name__}: {error}) — "
        "please report it; re-running the same command resumes where it stopped"
    )
