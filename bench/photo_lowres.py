"""Low-resolution photos and screenshots of pages: sohoa beside bare Tesseract on the same
shrunk pixels.

    python bench/photo_lowres.py                  # the default set of one-page documents
    python bench/photo_lowres.py --only s1-008,s1-120 --widths 600

Real archives' phone photos and screenshots are often 600-800 px wide: the text's x-height
is then 5-12 px, far below what Tesseract reads well, and the corpus's synthetic photos
(rendered at 1000-2000 px, crisp) do not show it. This bench takes the corpus's one-page
synthetic photo and scan pages (bench/corpus, seed 1: the page images the peers read, and
their body truths) and makes each what a phone sends: shrunk until its page is 600, 700 or
800 px across (``--widths`` in turn), blurred, every other one faded to a room-lit photo's
gray ink on gray paper, saved as JPEG quality 70 (some recording 96 dpi, as phone pictures
do, the rest none). It reads them with ``run_pipeline.py convert`` of this checkout (one
process for all, -j 1) and with ``tesseract -l vie`` (cached by the corpus's peers cache).
Body WER as in bench/corpus.py (truth aligned to the best-matching span). The LAST line
gives the figures: WER sohoa, WER tesseract, s/page sohoa.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # bench/corpus and bench/metrics.py
sys.path.append(str(ROOT))  # run_pipeline.py (after bench/corpus: ROOT has its own corpus/)

from corpus.cases import Case  # noqa: E402
from corpus.peers import ENV  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers the checkout as the package `sohoa`)
from corpus import cases as cases_of  # noqa: E402
from corpus import peers, score  # noqa: E402
from sohoa.ocr.photo_page import find_page_corners  # noqa: E402

# one-page documents set in the serif faces real administrative documents are printed in
# (Times New Roman's metric twin Liberation Serif, then DejaVu Serif), of every kind of
# photo and scan, and two curled photos in a sans face
DEFAULT_IDS = (
    "s1-006,s1-007,s1-008,s1-009,s1-020,s1-041,s1-056,s1-063,"  # Liberation Serif
    "s1-004,s1-014,s1-026,s1-044,"  # DejaVu Serif
    "s1-120,s1-123"  # photo-curled
)


@dataclass(frozen=True)
class Shrink:
    """How one page is made a low-resolution photo."""

    width: int  # pixels across
    blur: float  # Gaussian sigma after shrinking (0: none)
    # ink and paper gray levels after fading (a phone photo of a printed page in room light:
    # the Tĩnh Gia photo's ink is 110-130, its paper 185-205)
    ink: int = 0
    paper: int = 255
    quality: int = 70  # JPEG quality
    dpi: int | None = None  # the dpi the JPEG records (phone pictures: 96, or none)


FADED = (110, 205)
CRISP = (30, 240)


def shrink_of(index: int, widths: list[int]) -> Shrink:
    """The ``index``-th page's shrink: widths in turn, blur 0.4/0.7/1.0 px in turn every
    three pages, every other page faded, every other pair recording 96 dpi."""
    ink, paper = FADED if index % 2 == 0 else CRISP
    return Shrink(
        width=widths[index % len(widths)],
        blur=(0.4, 0.7, 1.0)[(index // len(widths)) % 3],
        ink=ink,
        paper=paper,
        dpi=96 if (index // 2) % 2 else None,
    )


def page_width(image: np.ndarray) -> float:
    """The width of the page in ``image``: a photographed page's own (ocr.photo_page), else
    the picture's."""
    corners = find_page_corners(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY))
    if corners is None:
        return float(image.shape[1])
    return float(corners[:, 0].max() - corners[:, 0].min())


def write_shrunk(source: Path, shrink: Shrink, target: Path) -> None:
    """``source`` shrunk (INTER_AREA) until its page is ``shrink.width`` px across, blurred,
    faded, saved as JPEG."""
    image = cv2.cvtColor(cv2.imread(str(source), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    factor = min(1.0, shrink.width / page_width(image))
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    if shrink.blur:
        small = cv2.GaussianBlur(small, (0, 0), shrink.blur)
    span = (shrink.paper - shrink.ink) / 255
    small = cv2.convertScaleAbs(small, alpha=span, beta=shrink.ink)
    extra = {"dpi": (shrink.dpi, shrink.dpi)} if shrink.dpi else {}
    Image.fromarray(small).save(target, quality=shrink.quality, **extra)


def run_sohoa(folder: Path, outdir: Path) -> float:
    """``convert`` of this checkout on every page of ``folder``; wall seconds."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(folder), "-o",
         str(outdir), "--formats", "txt", "-j", "1", "--force", "-q"],
        capture_output=True, text=True, env=ENV, timeout=7200, check=False,
    )  # fmt: skip
    return time.perf_counter() - started


def wer(errors: dict[str, int]) -> str:
    return f"{100 * errors['word_errors'] / max(1, errors['words']):.1f}%"


def main() -> None:
    args = parse_args()
    wanted = args.only.split(",")
    cases = [c for c in cases_of.synthetic_cases(1, 64, False) if c.id in wanted]
    widths = [int(w) for w in args.widths.split(",")]
    version = peers.tool_versions()["tesseract"]
    totals = {"sohoa": [0, 0], "tess": [0, 0]}
    with tempfile.TemporaryDirectory(prefix="sohoa-lowres-") as temporary:
        folder = args.keep or Path(temporary)
        pages, outdir = folder / "in", folder / "out"
        pages.mkdir(parents=True, exist_ok=True)
        shrinks = {}
        for index, case in enumerate(cases):
            shrinks[case.id] = shrink_of(index, widths)
            write_shrunk(case.pages[0], shrinks[case.id], pages / f"{case.id}.jpg")
        seconds = run_sohoa(pages, outdir)
        print(f"{'document':<8} {'kind':<15} {'width':>5} {'blur':>4} {'ink':>7} {'dpi':>4}  "
              f"{'sohoa':>6} {'tess':>6}")  # fmt: skip
        for case in cases:
            output = outdir / f"{case.id}.txt"
            text = output.read_text(encoding="utf-8") if output.exists() else ""
            shrunk = replace(case, pages=[pages / f"{case.id}.jpg"])
            ours = score.span_errors(case.body, text)
            theirs = score.span_errors(case.body, run_peer(shrunk, version))
            for name, errors in (("sohoa", ours), ("tess", theirs)):
                totals[name][0] += errors["word_errors"]
                totals[name][1] += errors["words"]
            s = shrinks[case.id]
            print(f"{case.id:<8} {case.kind:<15} {s.width:>5} {s.blur:>4} "
                  f"{s.ink:>3}/{s.paper:>3} {s.dpi or '-':>4}  "
                  f"{wer(ours):>6} {wer(theirs):>6}", flush=True)  # fmt: skip
    figures = {k: {"word_errors": e, "words": w} for k, (e, w) in totals.items()}
    print(f"pages {len(cases)}  WER sohoa {wer(figures['sohoa'])}  tess {wer(figures['tess'])}"
          f"  s/page sohoa {seconds / max(1, len(cases)):.1f}")  # fmt: skip


def run_peer(case: Case, version: str) -> str:
    return str(peers.run_tesseract(case, version)["text"])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=DEFAULT_IDS, help="comma-separated document ids")
    parser.add_argument("--widths", default="600,700,800", help="page widths, in turn")
    parser.add_argument("--keep", type=Path, help="keep the pages (in/) and outputs (out/) here")
    return parser.parse_args()


if __name__ == "__main__":
    main()
