"""Shared by the batch tests: a small archive folder and the CLI as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import run_cli  # noqa: F401  (re-exported for the batch tests)

ROOT = Path(__file__).resolve().parent.parent

TXT_JSON = ("--formats", "txt,json")  # the runner's tests need no DOCX/PDF/HTML writers

GOOD_TEXTS = {
    "ke-hoach.txt": "KE HOACH\nThuc hien Quyet dinh so 996/QD-TTg\n\nNoi dung\n",
    "2023/quyet-dinh.txt": "QUYET DINH\nVe viec phe duyet\fTrang hai\n",
    "2023/cong-van.txt": "CONG VAN\nGui cac so, nganh\n",
}


def make_archive(folder: Path, corrupt: bool = True) -> Path:
    """Three good inputs (one in a sub-folder) and, optionally, one corrupt PDF."""
    for name, text in GOOD_TEXTS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if corrupt:
        (folder / "2023" / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage, no xref\n")
    return folder


def output_files(outdir: Path) -> dict[str, str]:
    """Every output under ``outdir`` by relative path, minus run-dependent parts (timings)."""
    files = {}
    for path in sorted(outdir.rglob("*")):
        name = path.relative_to(outdir).as_posix()
        if not path.is_file() or name.startswith("manifest.sqlite"):
            continue
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix == ".json" and name != "catalog.json":
            data = json.loads(text)
            data["provenance"].pop("timings_s", None)
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        files[name] = text
    return files


def make_scanned_archive(folder: Path, count: int = 3) -> Path:
    """One-page image-only scans at 200 dpi, each a different short text (~1 s of OCR);
    at most 6."""
    from sohoa.corpus import scan_simulator as scans

    first, second = scans.seed_text("001"), scans.seed_text("004")
    texts = [first[:1200], second[:1200], first[3000:4200]]
    texts += [second[3000:4200], first[6000:7200], second[6000:7200]]
    texts = texts[:count]
    folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(texts):
        scan = scans.make_scan(text, folder / f"scan-{index + 1}.pdf", dpi=200, seed=index)
        scan.path.with_suffix(".clean.pdf").unlink()  # keep only the scan in the archive
    return folder
