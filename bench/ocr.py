"""OCR page by page beside the peers: sohoa vs bare ``tesseract -l vie`` vs ``ocrmypdf -l vie
--deskew``, on the same pages in the same run, one table row per kind of page.

    .venv/bin/python bench/ocr.py                 # the table; the LAST line is the aggregate
    .venv/bin/python bench/ocr.py --variants      # also every preprocessing variant per page
    .venv/bin/python bench/ocr.py --only real     # only pages whose kind starts with "real"

Pages (rendered once, cached in bench/.cache/ocr2):
- page 1 of the clean seeds 001 and 004 (never 002), rendered by corpus/scan_simulator.py in the
  seeds' font and degraded "light" (300 dpi), "heavy" (200 dpi) and "hard" (heavy damage at
  150 dpi); and in another font (DejaVu Sans) "heavy" and "hard";
- the real development documents in ../shared/real-dev/ that are images (photos, scans, a
  screenshot), with their truths.

Score: the truth is aligned to the best-matching span of each output (text outside it is not
counted) and WER is taken after NFC, case folding and one tone-placement convention (the
rule of shared/real-dev/README.md). sohoa is its OCR (restore off), as ``convert`` reads pages.
SOHOA_CHECKOUT=/path/to/checkout measures another checkout's sohoa (e.g. main, for "before").
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(os.environ.get("SOHOA_CHECKOUT", Path(__file__).resolve().parent.parent)).resolve()
HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE / "tests"))
sys.path.insert(0, str(HERE / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from metrics import tokens  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers the checkout as the package `sohoa`)
from sohoa.corpus import scan_simulator as scans  # noqa: E402
from sohoa.normalize.unicode import normalize_syllable  # noqa: E402
from sohoa.ocr.ingest import ingest  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

CACHE = HERE / "bench" / ".cache" / "ocr2"
REAL_DEV = HERE.parent / "shared" / "real-dev"
OTHER_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OTHER_FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CONDITIONS = {"light": ("light", 300), "heavy": ("heavy", 200), "hard": ("heavy", 150)}


@dataclass(frozen=True)
class BenchPage:
    kind: str  # e.g. "scan heavy 200", "real screenshot"
    name: str
    path: Path  # an image-only PDF or an image file
    truth: str
    dpi: int | None  # the scan's resolution (None: the image says or it is unknown)


# --- scoring ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [normalize_syllable(word) for word in tokens(text)]


def span_wer(truth: str, output: str) -> float:
    """Word edit distance between the truth and the best-matching span of ``output``."""
    ids: dict[str, int] = {}
    ref = [ids.setdefault(w, len(ids)) for w in _words(truth)]
    hyp = [ids.setdefault(w, len(ids)) for w in _words(output)]
    previous = list(range(len(ref) + 1))
    best = previous[-1]
    for word in hyp:  # free start and end in the output: row 0 costs nothing
        current = [0] * (len(ref) + 1)
        for i in range(1, len(ref) + 1):
            current[i] = min(
                previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (ref[i - 1] != word)
            )
        best = min(best, current[-1])
        previous = current
    return best / max(1, len(ref))


# --- pages -----------------------------------------------------------------------------------


def _use_font(regular: str, bold: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("ScanSerif", regular), ("ScanSerif-Bold", bold)):
        pdfmetrics._fonts.pop(name, None)  # reportlab keeps the first font of a name
        pdfmetrics.registerFont(TTFont(name, file))


def synthetic_pages() -> list[BenchPage]:
    pages = []
    plans: list[tuple[str, tuple[str, str] | None]] = [("seeds' font", None)]
    if Path(OTHER_FONT).exists():
        plans.append(("other font", (OTHER_FONT, OTHER_FONT_BOLD)))
    for _font_label, font in plans:
        conditions = ["light", "heavy", "hard"] if font is None else ["heavy", "hard"]
        for seed in ("001", "004"):
            for condition in conditions:
                level, dpi = CONDITIONS[condition]
                stem = f"{seed}-{condition}-{'other' if font else 'seed'}"
                path = CACHE / f"{stem}.pdf"
                truth_path = path.with_suffix(".txt")
                if not (path.exists() and truth_path.exists()):
                    regular, bold = font or scans.FONT_CANDIDATES[0]
                    _use_font(regular, bold)
                    scan = scans.make_scan(
                        scans.seed_text(seed),
                        path,
                        dpi=dpi,
                        level=level,
                        seed=23,  # type: ignore[arg-type]
                    )
                    truth_path.write_text(scan.reference[0], encoding="utf-8")
                kind = f"scan {condition} {dpi}" + (", other font" if font else "")
                pages.append(
                    BenchPage(kind, stem, path, truth_path.read_text(encoding="utf-8"), dpi)
                )
    return pages


REAL_KINDS = {
    "tinhgia_ubnd_2020_photo": "real photo",
    "nd30_2020_p1_photo": "real photo",
    "cantho_qd_2018_photo": "real photo",
    "bacninh_bvt_6191_2021_scan": "real scan (stamp, show-through)",
    "cucthue_hcm_2011_scan": "real screenshot",
}


def real_pages() -> list[BenchPage]:
    pages = []
    for stem, kind in REAL_KINDS.items():
        (path,) = (REAL_DEV / "files").glob(f"{stem}.*") or [None]
        truth = REAL_DEV / "truth" / f"{stem}.truth.txt"
        if path is not None and truth.exists():
            pages.append(BenchPage(kind, stem, path, truth.read_text(encoding="utf-8"), None))
    return pages


# --- the three readers -----------------------------------------------------------------------


def page_image_file(page: BenchPage, folder: Path) -> Path:
    """The page as an image file at its own resolution (what a user gives the peers)."""
    if page.path.suffix.lower() != ".pdf":
        return page.path
    from PIL import Image

    from sohoa.ocr.pdf import render_pdf_page

    assert page.dpi is not None
    out = folder / f"{page.name}.png"
    image = render_pdf_page(page.path, 0, page.dpi)
    Image.fromarray(image).save(out, dpi=(page.dpi, page.dpi))
    return out


def read_sohoa(page: BenchPage) -> tuple[str, dict]:
    doc = ingest(page.path, Settings(restore=False, extract_tables=False))
    return doc.pages[0].text(), getattr(doc.pages[0], "provenance", {}) or {}


def read_tesseract(image: Path) -> str:
    done = subprocess.run(
        ["tesseract", str(image), "-", "-l", "vie"], capture_output=True, text=True, check=True
    )
    return done.stdout


def read_ocrmypdf(page: BenchPage, image: Path, folder: Path) -> str | None:
    command = shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf")
    if not Path(command).exists():
        return None
    source = page.path if page.path.suffix.lower() == ".pdf" else image
    out = folder / f"{page.name}.ocrmypdf.pdf"
    args = [command, "-l", "vie", "--deskew", "--output-type", "pdf", "--jobs", "1", "-q"]
    if source.suffix.lower() != ".pdf":
        args += ["--image-dpi", "300"]  # used only when the image records none
    done = subprocess.run([*args, str(source), str(out)], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout


def timed(function, *args):
    """The result and the CPU seconds it took, this process's and its children's (Tesseract
    runs single-threaded in either): steadier than wall time on a shared machine."""
    started = _cpu_seconds()
    result = function(*args)
    return result, _cpu_seconds() - started


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


# --- variants (--variants) ---------------------------------------------------------------------


def variant_rows(page: BenchPage) -> list[tuple[str, float, float, float]]:
    """(variant, WER, mean confidence, valid-syllable share) of each preprocessing variant."""
    from sohoa.ocr.ingest import load_page_image

    try:
        from sohoa.ocr.page_ocr import VARIANTS, read_variant
    except ImportError:  # a checkout (SOHOA_CHECKOUT) from before the variants
        return []

    image, dpi = load_page_image(page.path, Settings())
    rows = []
    for variant in VARIANTS:
        reading = read_variant(image, dpi, variant, Settings())
        rows.append(
            (variant, span_wer(page.truth, reading.text), reading.confidence, reading.valid_share)
        )
    return rows


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", action="store_true", help="every variant, every page")
    parser.add_argument("--only", help="only pages whose kind starts with this")
    parser.add_argument("--no-ocrmypdf", action="store_true", help="skip the OCRmyPDF peer")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    pages = synthetic_pages() + real_pages()
    if args.only:
        pages = [p for p in pages if p.kind.startswith(args.only)]

    print(f"sohoa from {ROOT}; load {os.getloadavg()[0]:.1f}; WER against the truth's span")
    print(f"{'page':<34} {'sohoa':>6} {'tess':>6} {'ocrmy':>6} {'cpu s':>5} {'t cpu':>6}  choice")
    rows = []
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-ocr-") as tmp:
        folder = Path(tmp)
        for page in pages:
            image = page_image_file(page, folder)
            (text, provenance), seconds = timed(read_sohoa, page)
            bare, bare_seconds = timed(read_tesseract, image)
            ocrmy = None if args.no_ocrmypdf else read_ocrmypdf(page, image, folder)
            row = {
                "kind": page.kind,
                "sohoa": span_wer(page.truth, text),
                "tesseract": span_wer(page.truth, bare),
                "ocrmypdf": None if ocrmy is None else span_wer(page.truth, ocrmy),
                "seconds": seconds,
                "bare_seconds": bare_seconds,
            }
            rows.append(row)
            choice = provenance.get("variant", "")
            if provenance.get("tried"):
                choice += " (tried " + ", ".join(provenance["tried"]) + ")"
            print(
                f"{page.kind + ' ' + page.name:<34.34} {row['sohoa']:6.1%} "
                f"{row['tesseract']:6.1%} {_pct(row['ocrmypdf'])} {seconds:5.1f} "
                f"{bare_seconds:6.1f}  {choice}",
                flush=True,
            )
            if args.variants:
                for variant, wer, confidence, valid in variant_rows(page):
                    print(
                        f"    {variant:<14} {wer:6.1%}  conf {confidence:5.1f}  valid {valid:.3f}"
                    )

    print()
    print(f"{'kind of page':<34} {'pages':>5} {'sohoa':>6} {'tess':>6} {'ocrmy':>6} {'better?':>8}")
    kinds = sorted({row["kind"] for row in rows})
    for kind in kinds:
        group = [row for row in rows if row["kind"] == kind]
        ours, bare, ocrmy = (_mean(group, key) for key in ("sohoa", "tesseract", "ocrmypdf"))
        peer = min(x for x in (bare, ocrmy) if x is not None)
        verdict = "yes" if ours <= peer + 0.002 else "NO"
        print(f"{kind:<34} {len(group):5d} {ours:6.1%} {bare:6.1%} {_pct(ocrmy)} {verdict:>8}")
    ours, bare, ocrmy = (_mean(rows, key) for key in ("sohoa", "tesseract", "ocrmypdf"))
    speed = statistics.fmean(r["seconds"] for r in rows)
    bare_speed = statistics.fmean(r["bare_seconds"] for r in rows)
    losses = sum(
        1
        for kind in kinds
        for group in [[r for r in rows if r["kind"] == kind]]
        if _mean(group, "sohoa")
        > min(x for x in (_mean(group, "tesseract"), _mean(group, "ocrmypdf")) if x is not None)
        + 0.002
    )
    print(
        f"ALL {len(rows)} pages, {len(kinds)} kinds: mean WER sohoa {ours:.2%}, tesseract "
        f"{bare:.2%}, ocrmypdf {_pct(ocrmy).strip()}; kinds where sohoa loses: {losses}; "
        f"{speed:.2f} CPU s/page (bare tesseract {bare_speed:.2f})"
    )


def _mean(rows: list[dict], key: str) -> float | None:
    values = [row[key] for row in rows if row[key] is not None]
    return statistics.fmean(values) if values else None


def _pct(value: float | None) -> str:
    return f"{value:6.1%}" if value is not None else f"{'–':>6}"


if __name__ == "__main__":
    main()
