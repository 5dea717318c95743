"""The sohoa command line: ``python run_pipeline.py COMMAND`` or, once installed, ``sohoa COMMAND``.

convert   scanned/digital PDFs, images, DOCX or old OCR text (files or whole folders)
          -> text, JSON and more, plus a catalogue; resumable, parallel per page
restore   restore Vietnamese diacritics in a text file (one output line per input line)
corpus    build the restorer's model from clean Vietnamese text
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Literal

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

from sohoa.batch.command import (
    STREAM,
    Batch,
    check_convert_usage,
    check_output_file,
    check_text_input,
    convert_to,
    default_jobs,
    fail,
    spooled_stdin,
)
from sohoa.errors import SohoaError, os_error_line
from sohoa.settings import Settings

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
    1 the text cannot be restored (e.g. not Vietnamese), 2 usage error (input not found, a
    folder or a scan/DOCX: convert reads those; -o or --log a folder).
    """
    from sohoa.normalize.restore_command import restore_file

    if output == STREAM:
        output = None
    if input_path != STREAM:
        check_text_input(input_path)
    check_output_file(output, "-o")
    check_output_file(log_path, "--log")
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
@click.option(
    "--domain",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A source of the documents' own kind (administrative text): its own LM is mixed in.",
)
def corpus_build(
    sources: tuple[Path, ...],
    output: Path,
    exclude: tuple[Path, ...],
    style: str,
    channel_files: tuple[Path, ...],
    domain: tuple[Path, ...],
) -> None:
    """Build a model from SOURCES: text files, folders of *.txt, word lists (*.dic, *words*)."""
    from sohoa.corpus.build import build_model
    from sohoa.corpus.model import save_model

    try:
        model = build_model(
            sources,
            exclude,
            style,  # type: ignore[arg-type]
            channel_files=channel_files,
            domain=domain,
        )
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
