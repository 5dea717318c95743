"""The sohoa command line: ``python run_pipeline.py COMMAND`` or, once installed, ``sohoa COMMAND``.

convert   scanned/digital PDFs, images, DOCX or old OCR text -> text, JSON and more
restore   restore Vietnamese diacritics in a text file (one output line per input line)
corpus    build the restorer's model from clean Vietnamese text
"""

from __future__ import annotations

import sys
from pathlib import Path

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

from sohoa.errors import SohoaError
from sohoa.settings import Settings


def fail(message: str, code: int = 1) -> None:
    click.echo(f"sohoa: error: {message}", err=True)
    sys.exit(code)


def check_outdir(outdir: Path) -> None:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        probe = outdir / ".sohoa-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        fail(
            f"{outdir}: output folder is not writable ({error.strerror}) — "
            "choose another folder with -o or fix its permissions"
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
def convert(
    inputs: tuple[Path, ...],
    outdir: Path,
    lang: str,
    dpi: int,
    ocr_mode: str,
    formats: str,
    no_restore: bool,
) -> None:
    """Convert INPUTS (PDF, PNG/JPEG/TIFF, DOCX, TXT) into OUTDIR/<stem>.txt and .json.

    One bad file never stops the others: it is reported in one line and the exit code is 1.
    """
    from sohoa.output.writers import WRITERS, write_outputs
    from sohoa.pipeline import convert_document

    chosen = tuple(WRITERS) if formats == "all" else tuple(f.strip() for f in formats.split(","))
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown:
        fail(f"unknown format(s) {', '.join(unknown)} — choose from {', '.join(WRITERS)}", code=2)

    settings = Settings(
        lang=lang, dpi=dpi, ocr_mode=ocr_mode, restore=not no_restore, formats=chosen
    )  # type: ignore[arg-type]
    check_outdir(outdir)
    failed = 0
    for path in inputs:
        try:
            doc = convert_document(path, settings)
            written = write_outputs(doc, outdir, path.stem, settings.formats)
        except SohoaError as error:
            failed += 1
            click.echo(f"sohoa: error: {error.one_line()}", err=True)
            continue
        click.echo(f"{path} -> {', '.join(str(p) for p in written)}")
    if failed:
        sys.exit(1)


@main.command("restore")
@click.argument("input_path", metavar="INPUT.txt", type=click.Path(path_type=Path))
@click.option("--model", "model_path", type=click.Path(path_type=Path), help="Restorer model file.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Output file (default: stdout)."
)
@click.option(
    "--log", "log_path", type=click.Path(path_type=Path), help="Write every edit as JSONL."
)
def restore_command(
    input_path: Path, model_path: Path | None, output: Path | None, log_path: Path | None
) -> None:
    """Restore diacritics in INPUT.txt, keeping its lines; log each change with --log."""
    from sohoa.normalize.restore import restore_file

    try:
        restored, edits = restore_file(input_path, model_path, output, log_path)
    except SohoaError as error:
        fail(error.one_line())
    if output is None:
        click.echo(restored, nl=False)
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


if __name__ == "__main__":
    main()
