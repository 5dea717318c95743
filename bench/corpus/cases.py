"""The documents the corpus benchmark measures, as ``Case``s: the synthetic ones (build.py,
files cached) and the six real ones of ../shared/real-dev/ (or $SOHOA_REAL_DEV), each with
its input, the pages and PDF the peers read, and its truth. ``Result`` holds a case's figures.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import build as corpus_build
from . import score

REAL_DEV = Path(os.environ.get("SOHOA_REAL_DEV", corpus_build.ROOT.parent / "shared" / "real-dev"))
if not REAL_DEV.exists():
    REAL_DEV = Path("/work/shared/real-dev")
REAL_KINDS = {  # real-dev file -> kind of document
    "tinhgia_ubnd_2020_photo.jpg": ("real-photo", "tinhgia_ubnd_2020_photo.truth.txt", 150),
    "bacninh_bvt_6191_2021_scan.png": ("real-scan", "bacninh_bvt_6191_2021_scan.truth.txt", 100),
    "nd30_2020_p1_photo.jpg": ("real-photo", "nd30_2020_p1_photo.truth.txt", 100),
    "cantho_qd_2018_photo.jpg": ("real-photo", "cantho_qd_2018_photo.truth.txt", 100),
    "cucthue_hcm_2011_scan.jpg": ("real-scan", "cucthue_hcm_2011_scan.truth.txt", 100),
    "luat_54_2014_qh13_congbao.pdf": ("real-digital", "luat_54_p1.textlayer.txt", 300),
}


@dataclass
class Case:
    """One document to measure: its input, the pages the peers read, and its truth."""

    id: str
    kind: str
    type: str
    input: Path
    pages: list[Path]  # page images for tesseract / img2table
    peer_pdf: Path | None  # for OCRmyPDF
    dpi: int
    body: str  # reference text for WER
    metadata: dict[str, Any]
    tables: list[dict[str, Any]] = field(default_factory=list)
    table_pages: list[list[int]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    text_is_right: bool = False  # digital input: the output must equal it (faithfulness)
    n_pages: int = 1
    full_text: str = ""
    # the header's two blocks and the signature block, each as printed in one run
    layout_phrases: list[str] = field(default_factory=list)
    encoding: str = ""  # an old digital file's legacy encoding (tcvn3, vni, cp1258, viqr)
    twin: Path | None = None  # the same document in Unicode (an old digital file's)
    ocrmypdf_flags: list[str] = field(default_factory=list)


@dataclass
class Result:
    case: Case
    figures: dict[str, Any] = field(default_factory=dict)


def synthetic_cases(seed: int, count: int, quick: bool) -> list[Case]:
    entries = corpus_build.plan(seed, count)
    if quick:
        entries = [e for e in entries if e.number in corpus_build.QUICK]
    cases = []
    for entry in entries:
        built = corpus_build.build(entry)
        truth = built.truth
        encoding = entry.kind.encoding
        cases.append(
            Case(
                id=entry.id,
                kind=entry.kind.name,
                type=entry.type,
                input=built.input,
                pages=built.pages,
                peer_pdf=built.peer_pdf,
                dpi=truth["dpi"],
                body=truth["body_text"],
                metadata=score.truth_metadata(truth["metadata"]),
                tables=truth["tables"],
                table_pages=truth["table_pages"],
                codes=truth["codes"],
                text_is_right=entry.kind.name in ("digital-pdf", "docx") or bool(encoding),
                n_pages=1 if entry.kind.single_page else truth["pages"],
                full_text=truth["full_text"],
                layout_phrases=layout_phrases(truth),
                encoding=encoding,
                twin=built.twin,
                ocrmypdf_flags=ocrmypdf_flags(entry.kind.name, encoding),
            )
        )
    return cases


def ocrmypdf_flags(kind: str, encoding: str) -> list[str]:
    """A digital PDF's text layer is kept; a TCVN3 one reads "Qu¶n lý", so OCRmyPDF's best
    on a legacy-font PDF is to OCR its pages again."""
    if encoding:
        return ["--force-ocr"]
    return ["--skip-text"] if kind == "digital-pdf" else []


def layout_phrases(truth: dict[str, Any]) -> list[str]:
    """The issuer (left block), quốc hiệu with tiêu ngữ (right block), the authority line
    with the position, and the signer's name: each must come out as one run of words."""
    authority = " ".join([*(truth.get("tham_quyen") or []), truth.get("chuc_vu") or ""])
    phrases = [
        truth["issuer"]["ten"],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        authority,
        truth.get("nguoi_ky") or "",
    ]
    return [p for p in phrases if p.strip()]


def real_cases() -> list[Case]:
    if not (REAL_DEV / "metadata_truth.json").exists():
        print(f"note: {REAL_DEV} not found; the real documents are left out", file=sys.stderr)
        return []
    metadata = json.loads((REAL_DEV / "metadata_truth.json").read_text(encoding="utf-8"))
    folder = corpus_build.CACHE / "real"
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for name, (kind, truth_name, dpi) in REAL_KINDS.items():
        source = REAL_DEV / "files" / name
        if not source.exists():
            continue
        body = (REAL_DEV / "truth" / truth_name).read_text(encoding="utf-8")
        page = folder / (Path(name).stem + ".png")
        if not page.exists():
            _page_png(source, page)
        peer_pdf = source if source.suffix == ".pdf" else folder / (Path(name).stem + ".pdf")
        if not peer_pdf.exists():
            _png_to_pdf(page, dpi, peer_pdf)
        truth = metadata.get(name) or {}
        cases.append(
            Case(
                id=Path(name).stem,
                kind=kind,
                type=truth.get("loai_van_ban") or "?",
                input=source,
                pages=[page],
                peer_pdf=peer_pdf,
                dpi=dpi,
                body=body,
                metadata=score.truth_metadata(truth),
                codes=score.codes_in(body),
                text_is_right=kind == "real-digital",
                ocrmypdf_flags=["--skip-text"] if kind == "real-digital" else [],
                n_pages=3 if source.suffix == ".pdf" else 1,
                full_text=body,
            )
        )
    return cases


def _page_png(source: Path, target: Path) -> None:
    """The first page as an RGB PNG (no alpha): what tesseract and img2table read."""
    import cv2

    if source.suffix == ".pdf":
        import pypdfium2 as pdfium

        page = pdfium.PdfDocument(str(source))[0].render(scale=300 / 72).to_pil().convert("RGB")
        page.save(target)
        return
    image = cv2.imread(str(source), cv2.IMREAD_COLOR)
    cv2.imwrite(str(target), image)


def _png_to_pdf(page: Path, dpi: int, target: Path) -> None:
    import img2pdf

    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    target.write_bytes(img2pdf.convert([str(page)], layout_fun=layout, nodate=True))
