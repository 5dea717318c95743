"""Outputs identical? Convert a fixed set of documents with this checkout, keep every output
under a label, and compare two labels file by file.

    python bench/compare_outputs.py run before       # convert, keep the outputs as "before"
    python bench/compare_outputs.py run after
    python bench/compare_outputs.py compare before after
    python bench/compare_outputs.py check before     # run "after" now, then compare with before

The documents: the seeds (../shared/seeds/*.txt), the sample scan (samples/) and the inputs of
the corpus benchmark's quick set (bench/corpus.py --quick: one generated document of every kind
from bench/.cache/corpus/, and the real documents of ../shared/real-dev/). They go through
``run_pipeline.py convert`` of THIS checkout (a subprocess: the command line as a user runs it)
with every format (txt, json, md, csv, docx, pdf, html), one page at a time (-j 1, one OCR
thread). Outputs are kept in bench/.cache/outputs/<label>/ (or --store).

Only what changes from one run to the next is normalised before comparing: timings, the
paths of the output folder, the checkout and the shared inputs, DOCX's modification time, a
PDF's /ID, dates and the random names pikepdf gives overlays (PDFs are compared object by
object, decoded). The manifest (times) is not compared. Every difference is printed; the LAST
line is ``identical: N/M documents`` (M counts the catalogue and the run's exit code and
messages as two more).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORE = HERE / ".cache" / "outputs"
SHARED = (ROOT.parent / "shared").resolve()
if not SHARED.exists():
    SHARED = Path("/work/shared")
FORMATS = "txt,json,md,csv,docx,pdf,html"
VOLATILE_KEYS = {"timings_s", "seconds", "seconds_per_page", "converted_at", "elapsed_s"}


# --- the documents ------------------------------------------------------------------------


def quick_set_inputs() -> list[Path]:
    """The inputs of ``bench/corpus.py --quick`` (built there and cached; built here if not)."""
    sys.path.insert(0, str(HERE))
    from corpus import build as corpus_build  # bench/corpus: the generator

    entries = [e for e in corpus_build.plan() if e.number in corpus_build.QUICK]
    inputs = [corpus_build.build(entry).input for entry in entries]
    real = SHARED / "real-dev" / "files"
    inputs += sorted(p for p in real.iterdir() if p.is_file()) if real.exists() else []
    return inputs


def documents() -> list[Path]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    samples = sorted((ROOT / "samples").glob("*.pdf"))
    return [*seeds, *samples, *quick_set_inputs()]


# --- running ------------------------------------------------------------------------------


def run(label: str, store: Path, only: str = "") -> Path:
    """Convert every document (or those whose path contains ``only``) into ``store/label``
    (emptied first); return that folder."""
    folder = store / label
    outdir = folder / "out"
    if folder.exists():
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    outdir.mkdir(parents=True)
    inputs = [p for p in documents() if only in str(p)]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    process = subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", *map(str, inputs),
         "-o", str(outdir), "--formats", FORMATS, "-j", "1", "--force", "-q"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    record = {
        "label": label,
        "commit": commit,
        "checkout": str(ROOT),
        "shared": str(SHARED),
        "outdir": str(outdir),
        "inputs": [str(p) for p in inputs],
        "exit_code": process.returncode,
        "stderr": process.stderr,
    }
    (folder / "run.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    print(f"{label}: {len(inputs)} documents converted into {outdir} "
          f"(exit {process.returncode}, commit {commit[:8]})")  # fmt: skip
    return folder


# --- normalising --------------------------------------------------------------------------


class Normaliser:
    """Replace what differs between two runs of the same code: the output folder and the
    checkout's path, timings, dates and identifiers written by the PDF and DOCX libraries."""

    def __init__(self, record: dict[str, Any]) -> None:
        seeds = [p for p in record["inputs"] if "/seeds/" in p]
        shared = record.get("shared") or (seeds[0].split("/seeds/")[0] if seeds else "")
        self.paths = [(record["outdir"], "<OUT>"), (record["checkout"], "<CHECKOUT>")]
        self.paths += [(shared, "<SHARED>")] if shared else []

    def text(self, text: str) -> str:
        for path, mark in self.paths:
            text = text.replace(path, mark)
        return text

    def json_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: "<volatile>" if k in VOLATILE_KEYS else self.json_value(v)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.json_value(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def docx(self, path: Path) -> list[str]:
        with zipfile.ZipFile(path) as archive:
            parts = []
            for name in sorted(archive.namelist()):
                data = archive.read(name)
                if name == "docProps/core.xml":  # the time of writing, wherever it is used
                    now = re.search(rb"<dcterms:modified[^>]*>([^<]*)<", data)
                    data = data.replace(now.group(1), b"<now>") if now else data
                parts.append(f"{name} {hashlib.sha256(data).hexdigest()[:16]}")
            return parts

    def pdf(self, path: Path) -> list[str]:
        import pikepdf

        with pikepdf.open(path) as document:
            lines = [f"pages {len(document.pages)}"]
            info = {k: str(v) for k, v in document.docinfo.items()}
            for key in ("/CreationDate", "/ModDate"):
                info.pop(key, None)
            lines.append(f"info {json.dumps(info, ensure_ascii=False, sort_keys=True)}")
            for number, page in enumerate(document.pages, start=1):
                lines += [f"page {number} {line}" for line in _pdf_page(page.obj)]
            lines.append(f"root {_pdf_digest(document.Root, set(), skip={'/Pages'})}")
            return lines


XMP_VOLATILE = re.compile(
    rb"<(xmp:(?:CreateDate|ModifyDate|MetadataDate)|xmpMM:(?:DocumentID|InstanceID))>[^<]*<"
    rb"|(xmp:(?:CreateDate|ModifyDate|MetadataDate)|xmpMM:(?:DocumentID|InstanceID))=\"[^\"]*\""
)


def _pdf_page(page: Any) -> list[str]:
    """A page as digests: its XObjects named by their content (pikepdf names an overlay's
    form XObject at random), its content streams with those names, everything else."""
    import pikepdf

    resources = page.get("/Resources", pikepdf.Dictionary())
    xobjects = resources.get("/XObject", pikepdf.Dictionary())
    names = {str(name): f"/X{_pdf_digest(xobjects[name], set())}" for name in xobjects}
    contents = page.get("/Contents")
    streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents or [])
    data = b"\n".join(stream.read_bytes() for stream in streams)
    for name, canonical in names.items():
        pattern = re.escape(name.encode()) + rb"(?=[\s/\[\]()<>{}%]|$)"
        data = re.sub(pattern, canonical.encode(), data)
    return [
        f"xobjects {' '.join(sorted(names.values()))}",
        f"contents {hashlib.sha256(data).hexdigest()[:16]}",
        f"resources {_pdf_digest(resources, set(), skip={'/XObject'})}",
        f"page {_pdf_digest(page, set(), skip={'/Contents', '/Resources'})}",
    ]


def _pdf_digest(obj: Any, seen: set[tuple[int, int]], skip: set[str] | None = None) -> str:
    """A digest of a PDF object and everything it refers to (decoded streams; the XMP's dates
    and identifiers removed; /Parent links not followed)."""
    import pikepdf

    digest = hashlib.sha256()

    def walk(value: Any) -> None:
        if isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
            if value.is_indirect:
                if value.objgen in seen:
                    digest.update(f"ref{value.objgen}".encode())
                    return
                seen.add(value.objgen)
            for key in sorted(value.keys()):
                if key == "/Parent" or (skip and key in skip) or key == "/Length":
                    continue
                digest.update(key.encode())
                walk(value[key])
            if isinstance(value, pikepdf.Stream):
                try:
                    data = value.read_bytes()
                except pikepdf.PdfError:
                    data = value.read_raw_bytes()
                if value.get("/Type") == "/Metadata":
                    data = XMP_VOLATILE.sub(b"<volatile>", data)
                digest.update(data)
        elif isinstance(value, pikepdf.Array):
            digest.update(b"[")
            for item in value:
                walk(item)
            digest.update(b"]")
        else:
            digest.update(repr(value).encode())

    walk(obj)
    return digest.hexdigest()[:16]


# --- comparing ----------------------------------------------------------------------------


def normalised(path: Path, normaliser: Normaliser) -> list[str]:
    """The file as lines to compare."""
    suffix = path.suffix
    if suffix == ".json":
        value = normaliser.json_value(json.loads(path.read_text(encoding="utf-8")))
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
    if suffix == ".docx":
        return normaliser.docx(path)
    if suffix == ".pdf":
        return normaliser.pdf(path)
    return normaliser.text(path.read_text(encoding="utf-8")).splitlines()


def output_files(outdir: Path) -> dict[str, Path]:
    skip = {"manifest.sqlite", "manifest.sqlite.lock"}
    return {
        str(p.relative_to(outdir)): p
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in skip and not p.name.startswith(".")
    }


def document_of(name: str) -> str:
    """The document an output file belongs to: its stem before the format suffixes."""
    base = Path(name).name.split(".")[0]
    return "(catalogue)" if base == "catalog" else base


def first_difference(a: list[str], b: list[str]) -> str:
    for number, (x, y) in enumerate(zip(a, b, strict=False), start=1):
        if x != y:
            return f"line {number}: {x[:160]!r} != {y[:160]!r}"
    return f"{len(a)} lines vs {len(b)} lines"


def compare(label_a: str, label_b: str, store: Path) -> tuple[int, int]:
    """Print every difference between two labels; return (identical documents, documents)."""
    runs = [json.loads((store / label / "run.json").read_text()) for label in (label_a, label_b)]
    normalisers = [Normaliser(r) for r in runs]
    files = [output_files(Path(r["outdir"])) for r in runs]
    differences: dict[str, list[str]] = {}
    if runs[0]["exit_code"] != runs[1]["exit_code"]:
        differences.setdefault("(run)", []).append(
            f"exit code {runs[0]['exit_code']} vs {runs[1]['exit_code']}"
        )
    errors = [normalisers[i].text(runs[i]["stderr"]).splitlines() for i in (0, 1)]
    if errors[0] != errors[1]:
        differences.setdefault("(run)", []).append(
            "stderr: " + first_difference(errors[0], errors[1])
        )
    names = sorted(set(files[0]) | set(files[1]))
    documents = {document_of(n) for n in names} | {"(run)"}
    for name in names:
        where = document_of(name)
        if name not in files[0] or name not in files[1]:
            side = label_b if name not in files[0] else label_a
            differences.setdefault(where, []).append(f"{name}: only in {side}")
            continue
        a, b = (normalised(files[i][name], normalisers[i]) for i in (0, 1))
        if a != b:
            differences.setdefault(where, []).append(f"{name}: {first_difference(a, b)}")
    for where in sorted(differences):
        for line in differences[where]:
            print(f"DIFFERENT {where}: {line}")
    same = len(documents) - len(differences)
    return same, len(documents)


def iter_labels(store: Path) -> Iterator[str]:
    yield from sorted(p.name for p in store.iterdir() if (p / "run.json").exists())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=STORE, help="where labels are kept")
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("run", help="convert every document, keep outputs")
    one.add_argument("label")
    both = commands.add_parser("compare", help="compare two labels")
    both.add_argument("before")
    both.add_argument("after")
    check = commands.add_parser("check", help="run 'after' (or --label), compare with BEFORE")
    check.add_argument("before")
    check.add_argument("--label", default="after")
    for command in (one, check):
        command.add_argument("--only", default="", help="only inputs whose path contains this")
    commands.add_parser("list", help="the labels kept")
    args = parser.parse_args()
    if args.command == "list":
        print("\n".join(iter_labels(args.store)))
        return
    if args.command == "run":
        run(args.label, args.store, args.only)
        return
    if args.command == "check":
        run(args.label, args.store, args.only)
        before, after = args.before, args.label
    else:
        before, after = args.before, args.after
    same, total = compare(before, after, args.store)
    print(f"identical: {same}/{total} documents ({before} vs {after})")


if __name__ == "__main__":
    main()
