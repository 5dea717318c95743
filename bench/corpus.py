"""The corpus benchmark: sohoa beside bare Tesseract, OCRmyPDF and img2table on every kind of
document, in one run.

    python bench/corpus.py            # 64 synthetic documents + the 6 real ones (real-dev)
    python bench/corpus.py --quick    # one synthetic document of every kind + the real ones
    python bench/corpus.py --only stamp,real-photo --seed 1 --count 64

Documents come from bench/corpus/ (generator, deterministic per seed; files cached in
bench/.cache/corpus/) and ../shared/real-dev/ (or $SOHOA_REAL_DEV). Each input goes through
``run_pipeline.py convert`` of THIS checkout (a subprocess, one page at a time: -j 1) and,
on the same page images, through ``tesseract -l vie`` and
``ocrmypdf -l vie --deskew --output-type pdf`` (text layer read back with pdftotext);
img2table (TesseractOCR ``vie``) reads the pages holding tables. Peer outputs are cached by
input hash and tool version (bench/.cache/corpus/peers/): the same tool on the same pixels.

Printed per document and per kind: body WER/CER (truth aligned to the best-matching span of
the output; NFC, case folding, one tone-placement convention), metadata fields right, table
cells right and rows found (sohoa vs img2table), codes lost, seconds per page. Restorer
faithfulness: every synthetic document's truth text is converted as a TXT file (restore on)
and compared with itself (words changed, document codes damaged), as are the digital PDFs and
DOCX files. Writes bench/results/corpus.md (--quick: corpus-quick.md). The LAST line gives
the aggregates.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # bench/corpus (this package) and bench/metrics.py

from img2table_peer import page_rows  # noqa: E402

from corpus import build as corpus_build  # noqa: E402
from corpus import score  # noqa: E402

REAL_DEV = Path(os.environ.get("SOHOA_REAL_DEV", ROOT.parent / "shared" / "real-dev"))
if not REAL_DEV.exists():
    REAL_DEV = Path("/work/shared/real-dev")
PEER_CACHE = corpus_build.CACHE / "peers"
RESULTS = HERE / "results" / "corpus.md"
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
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


# --- the documents ----------------------------------------------------------------------------


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


# --- running the tools --------------------------------------------------------------------------


def run_sohoa(case: Case, outdir: Path) -> tuple[str, dict[str, Any], float, str]:
    """``convert`` of this checkout on the case's input: text, JSON, seconds, error line."""
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(case.input), "-o",
         str(outdir), "--formats", "txt,json", "-j", "1", "--force", "-q"],
        capture_output=True, text=True, env=ENV, timeout=1800,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    stem = case.input.stem
    text_path, json_path = outdir / f"{stem}.txt", outdir / f"{stem}.json"
    text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
    document = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    error = "" if process.returncode == 0 else (process.stderr.strip().splitlines() or ["?"])[-1]
    return text, document, seconds, error


def _tool_version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "missing"


def _cached(tool: str, version: str, paths: list[Path], extra: str, run) -> dict[str, Any]:
    digest = hashlib.sha256(f"{tool}|{version}|{extra}".encode())
    for path in paths:
        digest.update(path.read_bytes())
    cache = PEER_CACHE / f"{tool}-{digest.hexdigest()[:24]}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    started = time.perf_counter()
    result = run()
    result["seconds"] = time.perf_counter() - started
    if not result.get("error"):  # a failure (a broken install, say) is not the tool's answer
        PEER_CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return result


def run_tesseract(case: Case, version: str) -> dict[str, Any]:
    def run() -> dict[str, Any]:
        texts = []
        for page in case.pages:
            out = subprocess.run(["tesseract", str(page), "-", "-l", "vie"], capture_output=True,
                                 text=True, env=ENV, timeout=900)  # fmt: skip
            texts.append(out.stdout)
        return {"text": "\n".join(texts)}

    return _cached("tesseract", version, case.pages, "vie", run)


def run_ocrmypdf(case: Case, version: str) -> dict[str, Any]:
    assert case.peer_pdf is not None
    flags = case.ocrmypdf_flags

    def run() -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "out.pdf"
            process = subprocess.run(
                [sys.executable, "-m", "ocrmypdf", "-l", "vie", "--deskew", "--output-type", "pdf",
                 "-j", "1", *flags, str(case.peer_pdf), str(out)],
                capture_output=True, text=True, env=ENV, timeout=1800,
            )  # fmt: skip
            if not out.exists():
                return {"text": "", "error": (process.stderr.strip().splitlines() or ["?"])[-1]}
            text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                                  text=True, timeout=300).stdout  # fmt: skip
            return {"text": text}

    extra = "skip" if flags == ["--skip-text"] else " ".join(flags)  # "skip": as cached before
    return _cached("ocrmypdf", version, [case.peer_pdf], extra, run)


def run_img2table(case: Case, pages: list[int], n: int, version: str) -> list[list[str]]:
    """img2table's rows on the given pages (1-based), merged cells blanked (bench/tables.py)."""
    paths = [case.pages[p - 1] for p in pages if p - 1 < len(case.pages)]
    if not paths:
        return []

    def run() -> dict[str, Any]:
        import cv2
        from img2table.ocr import TesseractOCR

        with _quiet_stdout():  # its constructor runs `tesseract --version` onto our stdout
            ocr = TesseractOCR(lang="vie", n_threads=1)
        rows: list[list[str]] = []
        for path in paths:
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            for values in page_rows(image, case.dpi, ocr):  # tried as bench/tables.py does
                rows.append([" ".join(v.split()) for v in values])
        return {"rows": rows}

    result = _cached("img2table", version, paths, f"vie tries {case.dpi}", run)
    return [(row + [""] * n)[:n] for row in result["rows"]]


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


# --- measuring one case -------------------------------------------------------------------------


def measure(case: Case, outdir: Path, versions: dict[str, str]) -> Result:
    result = Result(case)
    f = result.figures
    text, document, seconds, error = run_sohoa(case, outdir / case.id)
    f["error"] = error
    f["pages"] = case.n_pages
    f["sohoa"] = score.span_errors(case.body, text)
    f["sohoa_s"] = seconds
    if case.pages:
        tess = run_tesseract(case, versions["tesseract"])
        f["tess"] = score.span_errors(case.body, tess["text"])
        f["tess_s"] = tess["seconds"]
    if case.peer_pdf is not None:
        ocrmypdf = run_ocrmypdf(case, versions["ocrmypdf"])
        f["ocrmypdf"] = score.span_errors(case.body, ocrmypdf["text"])
        f["ocrmypdf_s"] = ocrmypdf["seconds"]
        f["ocrmypdf_error"] = ocrmypdf.get("error", "")
    f["metadata"] = score.metadata_fields(case.metadata, score.found_metadata(document))
    if case.encoding:
        f["encoding"] = found_encoding(document)
        if case.twin is not None:  # the decoding is exact when both read the same
            twin = Case(**{**case.__dict__, "id": case.id + "-twin", "input": case.twin})
            twin_text = run_sohoa(twin, outdir / twin.id)[0]
            f["same_as_twin"] = text.split() == twin_text.split()
            shutil.rmtree(outdir / twin.id, ignore_errors=True)
    found_tables = document.get("tables") or []
    f["tables"] = []
    for index, truth in enumerate(case.tables):
        n = len(truth["columns"])
        candidates = [score.table_cells(truth, score.json_rows(t, n)) for t in found_tables]
        best = max(candidates, key=lambda c: c["cells_right"], default=None)
        best = best or score.table_cells(truth, [])
        entry = {"sohoa": best}
        if case.pages and index < len(case.table_pages):
            rows = run_img2table(case, case.table_pages[index], n, versions["img2table"])
            entry["img2table"] = score.table_cells(truth, rows)
        f["tables"].append(entry)
    if case.layout_phrases:
        found = score.phrases_found(case.layout_phrases, text)
        f["layout"] = {"found": found, "phrases": len(case.layout_phrases)}
    f["codes"] = len(case.codes)
    f["codes_lost"] = score.codes_damaged(case.full_text, text, case.codes)
    if case.text_is_right:
        # the whole printed text against the whole output: a digital input must come out
        # word for word (a real PDF's truth is page 1 only: words lost are counted)
        synthetic = not case.kind.startswith("real-")
        changed, total = score.words_changed(case.full_text, text, count_added=synthetic)
        f["faithful"] = {"changed": changed, "words": total, "codes_damaged": f["codes_lost"]}
    return result


def found_encoding(document: dict[str, Any]) -> str:
    """The legacy encoding sohoa's JSON records: the input's (TXT, DOCX) or the legacy fonts'
    of its pages (PDF)."""
    ingest = (document.get("provenance") or {}).get("ingest") or {}
    if ingest.get("encoding"):
        return str(ingest["encoding"])
    fonts = set()
    for page in document.get("pages") or []:
        fonts |= set(((page.get("provenance") or {}).get("legacy_fonts") or {}).values())
    return ",".join(sorted(fonts)) or "—"


def faithfulness_txt(cases: list[Case], outdir: Path) -> dict[str, Any]:
    """Every synthetic truth as a TXT file through ``convert`` (restore on): what changed."""
    folder = outdir / "faithful-in"
    folder.mkdir(parents=True, exist_ok=True)
    # the old digital files are measured as they are (their own legacy encoding) in measure()
    synthetic = [c for c in cases if not c.kind.startswith("real-") and not c.encoding]
    for case in synthetic:
        (folder / f"{case.id}.txt").write_text(case.full_text + "\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "run_pipeline.py"), "convert", str(folder), "-o",
         str(outdir / "faithful-out"), "--formats", "txt", "-j", "1", "--force", "-q"],
        capture_output=True, text=True, env=ENV, timeout=3600,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    changed = words = damaged = codes = 0
    per_doc = {}
    for case in synthetic:
        path = outdir / "faithful-out" / f"{case.id}.txt"
        output = path.read_text(encoding="utf-8") if path.exists() else ""
        c, w = score.words_changed(case.full_text, output)
        d = score.codes_damaged(case.full_text, output, case.codes)
        per_doc[case.id] = (c, w, d)
        changed, words, damaged = changed + c, words + w, damaged + d
        codes += len(case.codes)
    return {"changed": changed, "words": words, "codes_damaged": damaged, "codes": codes,
            "seconds": seconds, "per_doc": per_doc}  # fmt: skip


# --- reporting ----------------------------------------------------------------------------------


def _rate(errors: int, total: int) -> str:
    return f"{100 * errors / total:.1f}%" if total else "—"


def _sum(results: list[Result], tool: str, key: str) -> tuple[int, int]:
    have = [r.figures[tool] for r in results if tool in r.figures]
    if not have:
        return 0, 0
    if key == "words":
        return sum(h["word_errors"] for h in have), sum(h["words"] for h in have)
    return sum(h["char_errors"] for h in have), sum(h["chars"] for h in have)


def _cells(results: list[Result], tool: str, shared: bool = False) -> tuple[int, int, int, int]:
    """Cells right, cells, rows found, rows (``shared``: only tables img2table also read)."""
    right = total = rows_found = rows = 0
    for r in results:
        for table in r.figures["tables"]:
            if tool in table and (not shared or "img2table" in table):
                right += table[tool]["cells_right"]
                total += table[tool]["cells"]
                rows_found += table[tool]["rows_found"]
                rows += table[tool]["rows"]
    return right, total, rows_found, rows


def _metadata(results: list[Result]) -> tuple[int, int]:
    right = sum(sum(r.figures["metadata"].values()) for r in results)
    return right, sum(len(r.figures["metadata"]) for r in results)


def _layout(results: list[Result]) -> tuple[int, int]:
    """Documents whose header blocks and signature came out each in one run / measured. Not
    the old digital files: a text file has no page layout to read (their TXT keeps the
    blocks by construction), and the figure stays comparable with the runs before them."""
    have = [r.figures["layout"] for r in results if "layout" in r.figures and not r.case.encoding]
    return sum(x["found"] == x["phrases"] for x in have), len(have)


def _speed(results: list[Result], key: str) -> str:
    have = [r for r in results if key in r.figures]
    pages = sum(r.figures["pages"] for r in have)
    return f"{sum(r.figures[key] for r in have) / pages:.1f}" if pages else "—"


def summary_row(name: str, results: list[Result]) -> list[str]:
    pages = sum(r.figures["pages"] for r in results)
    wer = [_rate(*_sum(results, tool, "words")) for tool in ("sohoa", "tess", "ocrmypdf")]
    cer = [_rate(*_sum(results, tool, "chars")) for tool in ("sohoa", "tess", "ocrmypdf")]
    meta = _metadata(results)
    layout = _layout(results)
    ours, theirs = _cells(results, "sohoa"), _cells(results, "img2table")
    lost = sum(r.figures["codes_lost"] for r in results)
    codes = sum(r.figures["codes"] for r in results)
    return [
        name, str(len(results)), str(pages), *wer, *cer,
        f"{meta[0]}/{meta[1]}",
        "{}/{}".format(*layout) if layout[1] else "—",
        _rate(ours[0], ours[1]) if ours[1] else "—",
        _rate(theirs[0], theirs[1]) if theirs[1] else "—",
        f"{ours[2]}/{ours[3]}" if ours[3] else "—",
        f"{lost}/{codes}",
        _speed(results, "sohoa_s"), _speed(results, "tess_s"), _speed(results, "ocrmypdf_s"),
    ]  # fmt: skip


HEAD = ["", "docs", "pages", "WER sohoa", "WER tess", "WER ocrmypdf", "CER sohoa", "CER tess",
        "CER ocrmypdf", "metadata", "header+signature", "cells sohoa", "cells img2table",
        "rows found", "codes lost", "s/page sohoa", "s/page tess", "s/page ocrmypdf"]  # fmt: skip


def markdown(rows: list[list[str]], head: list[str]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def by_kind(results: list[Result]) -> dict[str, list[Result]]:
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[r.case.kind].append(r)
    return dict(groups)


def behind(results: list[Result]) -> list[tuple[float, str, str]]:
    """Kinds where sohoa's body WER is furthest above the best peer's (points)."""
    gaps = []
    for kind, group in by_kind(results).items():
        e, t = _sum(group, "sohoa", "words")
        if not t:
            continue
        ours = e / t
        for peer in ("tess", "ocrmypdf"):
            pe, pt = _sum(group, peer, "words")
            if pt:
                gaps.append((ours - pe / pt, kind, peer))
    best: dict[str, tuple[float, str, str]] = {}
    for gap in gaps:
        if gap[1] not in best or gap[0] > best[gap[1]][0]:
            best[gap[1]] = gap
    return sorted(best.values(), reverse=True)


def report(results: list[Result], faithful: dict[str, Any], args: argparse.Namespace,
           elapsed: float, versions: dict[str, str]) -> str:  # fmt: skip
    kinds = by_kind(results)
    kind_rows = [summary_row(kind, group) for kind, group in kinds.items()]
    synthetic = [r for r in results if not r.case.kind.startswith("real-")]
    real = [r for r in results if r.case.kind.startswith("real-")]
    kind_rows += [summary_row("**synthetic**", synthetic), summary_row("**real**", real),
                  summary_row("**all**", results)]  # fmt: skip
    type_groups: dict[str, list[Result]] = defaultdict(list)
    for r in synthetic:
        type_groups[r.case.type].append(r)
    type_rows = [summary_row(name, group) for name, group in sorted(type_groups.items())]
    doc_rows = []
    for r in results:
        row = summary_row(r.case.id, [r])
        row[1] = r.case.kind
        row[2] = f"{r.case.type}, {r.figures['pages']} p"
        if r.figures["error"]:
            row[0] += f" (error: {r.figures['error'][:60]})"
        doc_rows.append(row)
    field_rows = []
    for name in score.FIELDS:
        per = [r.figures["metadata"][name] for r in results]
        syn = [r.figures["metadata"][name] for r in synthetic]
        rl = [r.figures["metadata"][name] for r in real]
        field_rows.append([name, f"{sum(per)}/{len(per)}", f"{sum(syn)}/{len(syn)}",
                           f"{sum(rl)}/{len(rl)}"])  # fmt: skip
    gaps = behind(results)
    mode = "--quick" if args.quick else "full"
    lines = [
        "# Corpus benchmark",
        "",
        f"`python bench/corpus.py{' --quick' if args.quick else ''}` ({mode}, seed {args.seed}, "
        f"generator v{corpus_build.GENERATOR_VERSION}; {versions['tesseract']}, "
        f"OCRmyPDF {versions['ocrmypdf']}, img2table {versions['img2table']}). "
        "WER/CER: body text, truth aligned to the best-matching span of the output (NFC, "
        "case folded, hoà = hòa). Cells: exact cells of the tables' body rows. Codes lost: "
        "document codes of the truth not found as printed in sohoa's text. s/page: wall "
        "seconds, one process, one thread (peers' from their cached run).",
        "",
        "## Per kind",
        "",
        markdown(kind_rows, HEAD),
        "",
        "Furthest behind a peer (body WER, points): "
        + "; ".join(f"{kind} {100 * gap:+.1f} vs {peer}" for gap, kind, peer in gaps[:3]),
        "",
        "## Per type of document (synthetic)",
        "",
        markdown(type_rows, HEAD),
        "",
        "## Metadata fields right",
        "",
        markdown(field_rows, ["field", "all", "synthetic", "real"]),
        "",
        "## Restorer faithfulness",
        "",
        f"Truth texts of the synthetic documents converted as TXT (restore on): "
        f"{faithful['changed']} of {faithful['words']} words changed "
        f"({_rate(faithful['changed'], faithful['words'])}), "
        f"{faithful['codes_damaged']} of {faithful['codes']} document codes damaged.",
        "",
        *legacy_section(results),
        "## Per document",
        "",
        markdown(doc_rows, ["document", "kind", "type, pages", *HEAD[3:]]),
        "",
    ]
    return "\n".join(lines)


def legacy_section(results: list[Result]) -> list[str]:
    """Old digital files: encoding written and found, and whether the text came out exact."""
    rows = []
    for r in results:
        if not r.case.encoding:
            continue
        f = r.figures
        words = f.get("faithful", {})
        exact = f["sohoa"]["word_errors"] == 0 and f["codes_lost"] == 0 and f.get("same_as_twin")
        peers = [_rate(f[t]["word_errors"], f[t]["words"]) if t in f else "—"
                 for t in ("tess", "ocrmypdf")]  # fmt: skip
        rows.append([r.case.id, r.case.kind, r.case.encoding, f.get("encoding", "—"),
                     _rate(f["sohoa"]["word_errors"], f["sohoa"]["words"]), *peers,
                     f"{words.get('changed', '?')}/{words.get('words', '?')}",
                     f"{f['codes_lost']}/{f['codes']}",
                     "yes" if f.get("same_as_twin") else "**no**",
                     "yes" if exact else "**no**"])  # fmt: skip
    if not rows:
        return []
    head = ["document", "kind", "written in", "sohoa found", "WER sohoa", "WER tess",
            "WER ocrmypdf", "words changed", "codes lost", "= Unicode twin", "exact"]  # fmt: skip
    return [
        "## Old digital files (legacy encodings)",
        "",
        "Words changed: each file's whole printed text against sohoa's (words added or lost "
        "count too). '= Unicode twin': sohoa's text of the file is word for word its text of "
        "the same document in Unicode (UTF-8 TXT, DOCX, PDF in the Unicode font), so the "
        "decoding adds nothing; exact: that, body WER 0 and no code lost. 'found': the "
        "encoding sohoa's JSON records (provenance.ingest.encoding, or the pages' "
        "legacy_fonts for a PDF). OCRmyPDF reads the TCVN3 PDF with --force-ocr (its text "
        "layer reads 'Qu¶n lý'); TXT and DOCX have no peer.",
        "",
        markdown(rows, head),
        "",
    ]


def last_line(results: list[Result], faithful: dict[str, Any], elapsed: float) -> str:
    """Aggregates; WER and cells over the documents / tables every tool read (DOCX has no
    peer), so the figures side by side are of the same pages."""
    shared = [r for r in results if "tess" in r.figures and "ocrmypdf" in r.figures]
    wer = {tool: _rate(*_sum(shared, tool, "words")) for tool in ("sohoa", "tess", "ocrmypdf")}
    meta = _metadata(results)
    ours, theirs = _cells(results, "sohoa", shared=True), _cells(results, "img2table")
    digital = [r.figures["faithful"] for r in results if "faithful" in r.figures]
    changed = faithful["changed"] + sum(d["changed"] for d in digital)
    words = faithful["words"] + sum(d["words"] for d in digital)
    damaged = faithful["codes_damaged"] + sum(d["codes_damaged"] for d in digital)
    synthetic = sum(not r.case.kind.startswith("real-") for r in results)
    return (
        f"corpus: {len(results)} docs ({synthetic} synthetic, {len(results) - synthetic} real), "
        f"WER {wer['sohoa']} (tess {wer['tess']}, ocrmypdf {wer['ocrmypdf']}), "
        f"metadata {_rate(*meta)}, header+signature {_rate(*_layout(results))}, "
        f"cells {_rate(ours[0], ours[1])} "
        f"(img2table {_rate(theirs[0], theirs[1])}), codes damaged {damaged}, "
        f"faithfulness {100 * changed / max(1, words):.2f}%, "
        f"sohoa {_speed(results, 'sohoa_s')} s/page, {elapsed / 60:.1f} min"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one document of every kind")
    parser.add_argument("--seed", type=int, default=corpus_build.DEFAULT_SEED)
    parser.add_argument("--count", type=int, default=corpus_build.COUNT)
    parser.add_argument("--only", default="", help="comma-separated kinds or document ids")
    parser.add_argument("--no-real", action="store_true", help="leave out real-dev")
    parser.add_argument("--retry-failed", action="store_true", help="reuse the last run's "
                        "figures (bench/.cache/corpus/results-*.json) and measure again only "
                        "the documents where a tool failed")  # fmt: skip
    parser.add_argument("--redo", default="", help="with --retry-failed: kinds or ids to "
                        "measure again as well")  # fmt: skip
    parser.add_argument("--output", type=Path, help="the Markdown report (default: "
                        "bench/results/corpus.md, corpus-quick.md with --quick)")  # fmt: skip
    args = parser.parse_args()
    if args.output is None:
        args.output = RESULTS.with_name("corpus-quick.md") if args.quick else RESULTS
    started = time.perf_counter()
    versions = {
        "tesseract": _tool_version(["tesseract", "--version"]),
        "ocrmypdf": _tool_version([sys.executable, "-m", "ocrmypdf", "--version"]),
        "img2table": _package_version("img2table"),
    }
    cases = synthetic_cases(args.seed, args.count, args.quick)
    if not args.no_real:
        cases += real_cases()
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c.kind in wanted or c.id in wanted]
    print(f"{len(cases)} documents rendered in {time.perf_counter() - started:.0f} s; "
          f"load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    raw = corpus_build.CACHE / f"results-{'quick' if args.quick else 'full'}.json"
    saved: dict[str, Any] = {"documents": {}, "faithful": None}
    if args.retry_failed and raw.exists():
        saved = json.loads(raw.read_text(encoding="utf-8"))
    results = []
    with tempfile.TemporaryDirectory(prefix="sohoa-corpus-") as folder:
        outdir = Path(folder)
        for case in cases:
            before = saved["documents"].get(case.id)
            redo = case.kind in args.redo.split(",") or case.id in args.redo.split(",")
            failed = not before or before.get("error") or before.get("ocrmypdf_error")
            if not failed and not redo:
                figures = {k: v for k, v in before.items() if k not in ("kind", "type")}
                results.append(Result(case, figures))
                continue
            result = measure(case, outdir, versions)
            results.append(result)
            row = summary_row(case.id, [result])
            print(f"{case.id:<34} {case.kind:<15} {case.type:<11} WER {row[3]:>6} "
                  f"(tess {row[4]:>6}, ocrmypdf {row[5]:>6})  meta {row[9]:>5}  "
                  f"header+signature {row[10]:>3}  "
                  f"cells {row[11]:>6} (img2table {row[12]:>6})  codes lost {row[14]:>5}  "
                  f"{row[15]} s/p {result.figures['error'][:80]}", flush=True)  # fmt: skip
            shutil.rmtree(outdir / case.id, ignore_errors=True)
        faithful = saved["faithful"] or faithfulness_txt(cases, outdir)
    elapsed = time.perf_counter() - started
    text = report(results, faithful, args, elapsed, versions)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    figures = {r.case.id: {"kind": r.case.kind, "type": r.case.type, **r.figures} for r in results}
    raw.write_text(json.dumps({"documents": figures, "faithful": faithful}, default=str))
    print()
    print(markdown([summary_row(k, g) for k, g in by_kind(results).items()], HEAD))
    print(
        "furthest behind a peer: "
        + "; ".join(
            f"{kind} {100 * gap:+.1f} pts vs {peer}" for gap, kind, peer in behind(results)[:3]
        )
    )
    print(f"report: {args.output}")
    print(last_line(results, faithful, elapsed))


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


if __name__ == "__main__":
    main()
