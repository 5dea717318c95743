"""The sohoa command line: ``python run_pipeline.py COMMAND`` or, once installed, ``sohoa COMMAND``.

convert   scanned/digital PDFs, images, DOCX or old OCR text (files or whole folders)
          -> text, JSON and more, plus a catalogue; resumable, parallel per page
restore   restore Vietnamese diacritics in a text file (one output line per input line)
corpus    build the restorer's model from clean Vietnamese text
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
from typing import Literal, NoReturn

if __package__ in (None, ""):
    # Run as a script from a checkout: make *this* checkout importable as the package
    # `sohoa` (the repository root is the package; see pyproject.toml).
    import importlib.util

    _root = Path(__file__).resolve().parent
    _spec = importlib.util.spec_from_file_location(
        "sohoa", _root / "__init__.py", submodule_search_locations=[str(_root)]
    )
    assert _spec and _spec.loader
    _package = importlib.util.module_from_spec(_spec)
    sys.modules["sohoa"] = _package
    _spec.loader.exec_module(_package)

import click

from sohoa.errors import SohoaError, os_error_line
from sohoa.settings import Settings

STREAM = Path("-")  # "-" as an input reads stdin; as an output (-o -) writes stdout
STREAM_FORMATS = ("txt", "md", "json")  # what `convert -o -` can write to stdout


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"sohoa: error: {message}", err=True)
    sys.exit(code)


def check_outdir(outdir: Path) -> None:
    """A set-up error (exit 2) unless ``outdir`` exists or can be made, and takes files."""
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


# options that convert and restore share
USER_MODEL_OPTION = click.option(
    "--user-model",
    type=click.Path(exists=True, path_type=Path),
    help="A user model learned from reviewers' corrections (corpus learn), stacked on the "
    "shipped restorer model (convert redoes inputs converted with another one).",
)
TONE_STYLE_OPTION = click.option(
    "--tone-style",
    type=click.Choice(["classic", "modern"]),
    help="Put every restored word's tone in one place: classic (hòa, thủy) or modern "
    "(hoà, thuỷ). Default: keep each document's own spelling.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sohoa", prog_name="sohoa", message="%(prog)s %(version)s")
def main() -> None:
    """Digitise Vietnamese administrative documents: OCR, diacritic restoration, tables.

    Start with:  sohoa convert scan.pdf -o out/
    """


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--outdir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the results (<stem>.txt, <stem>.json, ...).",
)
@click.option(
    "--lang", default="vie", show_default=True, help="Tesseract language(s), e.g. vie or vie+eng."
)
@click.option(
    "--dpi",
    default=300,
    show_default=True,
    type=click.IntRange(72, 1200),
    help="Resolution for rasterising PDF pages that need OCR.",
)
@click.option(
    "--ocr-mode",
    type=click.Choice(["auto", "force", "skip"]),
    default="auto",
    show_default=True,
    help="auto: OCR only pages without a usable text layer; force: OCR every page; "
    "skip: never OCR, use text layers only.",
)
@click.option(
    "--formats",
    default="all",
    show_default=True,
    help="Comma-separated output formats (txt,json,...), or 'all'.",
)
@click.option(
    "--no-restore", is_flag=True, help="Keep the OCR text as it is (no diacritic restoration)."
)
@click.option(
    "--corrections",
    "corrections_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of reviewers' <stem>.corrections.json (saved from the review reports) to "
    "apply; by default the one beside an input's outputs is applied. Inputs whose "
    "corrections changed are redone.",
)
@USER_MODEL_OPTION
@TONE_STYLE_OPTION
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="In folders, take only files matching GLOB (repeatable; matched against the name "
    "and the path inside the folder). Default: PDF, image, DOCX and TXT files.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="In folders, skip files matching GLOB (repeatable), e.g. --exclude 'drafts/*'.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=default_jobs,
    show_default="number of cores",
    help="Pages OCR'd in parallel (worker processes).",
)
@click.option("--force", is_flag=True, help="Redo inputs the manifest says are already done.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print each page and skipped input.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool here (--jobs); dask: a dask.distributed cluster (--scheduler).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Address of the Dask scheduler (with --executor dask).",
)
def convert(
    inputs: tuple[Path, ...],
    outdir: Path,
    lang: str,
    dpi: int,
    ocr_mode: str,
    formats: str,
    no_restore: bool,
    corrections_dir: Path | None,
    user_model: Path | None,
    tone_style: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    jobs: int,
    force: bool,
    quiet: bool,
    verbose: bool,
    executor: str,
    scheduler: str | None,
) -> None:
    """Convert INPUTS (files or folders of PDF, PNG/JPEG/TIFF, DOCX, TXT) into OUTDIR.

    Each input gives OUTDIR/<stem>.txt, .json, ... (folders keep their layout under OUTDIR);
    OUTDIR/catalog.csv and catalog.json list every converted document. A re-run skips inputs
    already done and unchanged (OUTDIR/manifest.sqlite), so an interrupted run is resumed by
    running the same command again. One bad file never stops the others: it is reported in
    one line. Inputs are never overwritten: an OUTDIR that holds an input is refused.
    "-" as the input reads stdin; "-o -" writes one format of one input to stdout.
    Exit code: 0 all converted, 1 some inputs (or formats) failed, 2 usage or set-up error
    (found before converting), 130 interrupted.
    """
    chosen = check_convert_usage(inputs, outdir, formats, lang, executor, scheduler)
    settings = Settings(
        lang=lang,
        dpi=dpi,
        ocr_mode=ocr_mode,  # type: ignore[arg-type]
        restore=not no_restore,
        tone_style=tone_style,  # type: ignore[arg-type]
        formats=chosen,
        corrections_dir=corrections_dir,
        user_model=user_model.absolute() if user_model else None,  # workers may run elsewhere
    )
    batch = Batch(include, exclude, jobs, force, executor, scheduler, quiet, verbose)
    sys.exit(convert_to(inputs, outdir, settings, batch))


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


@main.command("restore")
@click.argument("input_path", metavar="INPUT.txt", type=click.Path(path_type=Path))
@click.option("--model", "model_path", type=click.Path(path_type=Path), help="Restorer model file.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout)."
)
@click.option(
    "--log", "log_path", type=click.Path(path_type=Path), help="Write every edit as JSONL."
)
@TONE_STYLE_OPTION
@USER_MODEL_OPTION
def restore_command(
    input_path: Path,
    model_path: Path | None,
    output: Path | None,
    log_path: Path | None,
    tone_style: Literal["classic", "modern"] | None,
    user_model: Path | None,
) -> None:
    """Restore diacritics in INPUT.txt, keeping its lines; log each change with --log.

    INPUT.txt "-" reads stdin; "-o -" (the default) writes stdout. Exit code: 0 restored,
    1 the text cannot be restored (e.g. not Vietnamese), 2 usage error (input not found).
    """
    from sohoa.normalize.restore_command import restore_file

    if output == STREAM:
        output = None
    if input_path != STREAM and not input_path.is_file():
        fail(f"{input_path}: input file not found — check the path (or give - for stdin)", code=2)
    with contextlib.ExitStack() as stack:
        source = input_path
        if input_path == STREAM:
            source = stack.enter_context(spooled_stdin("stdin.txt"))
        try:
            restored, edits = restore_file(
                source, model_path, output, log_path, tone_style, user_model
            )
        except SohoaError as error:
            name = "-" if source != input_path and error.path == str(source) else error.path
            fail(SohoaError(name, error.problem, error.fix).one_line())
        except OSError as error:
            fail(os_error_line(error) or f"{error.filename}: {error.strerror}")
    if output is None:
        sys.stdout.buffer.write(restored.encode("utf-8"))
        sys.stdout.flush()
    click.echo(f"{input_path}: {len(edits)} edits", err=True)


@main.group("corpus")
def corpus_group() -> None:
    """Build the restorer's model from clean Vietnamese sources."""


@corpus_group.command("build")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Model file.")
@click.option(
    "--exclude", multiple=True, type=click.Path(path_type=Path), help="Leave out this file."
)
@click.option(
    "--style",
    type=click.Choice(["classic", "modern"]),
    default="classic",
    show_default=True,
    help="Tone placement: classic hóa/thủy (the seeds), modern hoá/thuỷ.",
)
@click.option(
    "--channel",
    "channel_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="OCR channel pairs (channel-eng.tsv, channel-vie.tsv) to learn confusions from.",
)
def corpus_build(
    sources: tuple[Path, ...],
    output: Path,
    exclude: tuple[Path, ...],
    style: str,
    channel_files: tuple[Path, ...],
) -> None:
    """Build a model from SOURCES: text files, folders of *.txt, word lists (*.dic, *words*)."""
    from sohoa.corpus.build import build_model
    from sohoa.corpus.model import save_model

    try:
        model = build_model(sources, exclude, style, channel_files=channel_files)  # type: ignore[arg-type]
        if output.parent and not output.parent.exists():
            output.parent.mkdir(parents=True)
        save_model(model, output)
    except SohoaError as error:
        fail(error.one_line())
    except OSError as error:
        fail(f"{output}: cannot write the model ({error.strerror}) — choose another path")
    click.echo(f"{output}: {model.summary()} from {len(model.sources)} sources")


@corpus_group.command("learn")
@click.argument("corrections", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="User model folder (user-model.json is written in it).",
)
@click.option(
    "--outputs",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the documents' JSON outputs, when not beside the corrections files.",
)
@click.option("--add", is_flag=True, help="Add to the user model already in --output.")
def corpus_learn(
    corrections: tuple[Path, ...], output: Path, outputs: Path | None, add: bool
) -> None:
    """Learn a user model from reviewers' corrections (folders of <stem>.corrections.json,
    each beside its document's <stem>.json): the reviewed words and codes, how this archive's
    OCR read them, and the reviewed text's n-grams. Use it with convert/restore --user-model."""
    from sohoa.corpus.learn import learn_user_model, load_user_model, save_user_model

    try:
        user = load_user_model(output) if add else None
        user = learn_user_model(corrections, outputs, user=user)
        path = save_user_model(user, output)
    except SohoaError as error:
        fail(error.one_line())
    except OSError as error:
        fail(f"{output}: cannot write the user model ({error.strerror}) — choose another folder")
    click.echo(f"{path}: {user.summary()}")


if __name__ == "__main__":
    main()
