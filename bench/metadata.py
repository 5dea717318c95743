"""Metadata accuracy and speed: fields right on the seeds (TXT input) and on scans.

    /work/venv/bin/python bench/metadata.py

Truth is what a reader finds in each text (written down by hand below; a field the text
does not contain is left out, except where its absence is the truth, e.g. the blank draft
number of 002). Scans: the two-column decision page of tests/metadata_scans.py at 200 dpi,
clean / light / heavy, and seed 004's decision typeset in one column (scan_simulator, heavy),
OCR'd by Tesseract (vie). Real documents: the six of /work/shared/real-dev (or
$SOHOA_REAL_DEV), converted with the default settings and scored per field against
``metadata_truth.json`` (``also_right`` answers accepted; see ``real_field_right``).
``--real`` runs only those. Layout kinds: the pages of ``LAYOUT_KINDS`` (tests/metadata_scans.py),
light and heavy, per field (``--layouts`` runs only those). The LAST line prints the key figures.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from metadata_scans import (  # noqa: E402
    DECISION,
    LAYOUT_KINDS,
    LAYOUT_TRUTH,
    render_admin_page,
    two_column_decision_scan,
)
from metrics import wer  # noqa: E402

import run_pipeline  # noqa: E402,F401  (registers this checkout as the package `sohoa`)
from sohoa.corpus import scan_simulator as scans  # noqa: E402
from sohoa.model import Metadata  # noqa: E402
from sohoa.normalize.unicode import normalize_syllable  # noqa: E402
from sohoa.pipeline import convert_document  # noqa: E402
from sohoa.settings import Settings  # noqa: E402

SIGNED = {
    "nguoi_ky.chuc_vu": "PHÓ CHỦ TỊCH",
    "nguoi_ky.tham_quyen": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
}
UBND = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
TRUTH: dict[str, dict[str, Any]] = {
    "000": {"loai_van_ban": "Kế hoạch", **SIGNED, "noi_nhan": 10,
            "tham_chieu": {"996/QĐ-TTg": "thực hiện", "409/KH-UBND": "thay thế",
                           "523/QĐ-UBND": "thay thế"}},
    "001": {"so_hieu": None, "loai_van_ban": "Kế hoạch", "co_quan_ban_hanh.ten": UBND,
            "nguoi_ky.ho_ten": "Mai Sơn", **SIGNED, "noi_nhan": 10,
            "tham_chieu": {"38-CT/TW": "thực hiện", "1703/QĐ-TTg": "thực hiện"}},
    "002": {"so_hieu": None, "loai_van_ban": "Kế hoạch", "co_quan_ban_hanh.ten": UBND,
            "nguoi_ky.ho_ten": "Mai Sơn", **SIGNED, "noi_nhan": 10,
            "tham_chieu": {"996/QĐ-TTg": "thực hiện", "409/KH-UBND": "thay thế",
                           "523/QĐ-UBND": "thay thế"}},
    "003": {"so_hieu": "49/KH-UBND", "loai_van_ban": "Kế hoạch", "ngay_ban_hanh": "2025-08-28",
            "dia_danh": "Bắc Ninh", "co_quan_ban_hanh.ten": UBND, **SIGNED, "noi_nhan": 10,
            "tham_chieu": {"1322/QĐ-TTg": "thực hiện", "36/QĐ-TTg": "thực hiện"}},
    "004": {"so_hieu": "523/QĐ-UBND", "loai_van_ban": "Quyết định", "ngay_ban_hanh": "2020-11-03",
            "dia_danh": "Bắc Ninh", "co_quan_ban_hanh.ten": UBND,
            "nguoi_ky.ho_ten": "Đào Quang Khải", **SIGNED, "noi_nhan": 6,
            "tham_chieu": {"996/QĐ-TTg": "căn cứ", "838/TTr-SKH-CN": "theo đề nghị"}},
}  # fmt: skip


def value(meta: Metadata, key: str) -> Any:
    if key == "noi_nhan":
        return len(meta.noi_nhan)
    if key == "tham_chieu":
        return {r.so_hieu: r.quan_he for r in meta.tham_chieu if r.so_hieu}
    target: Any = meta
    for part in key.split("."):
        target = getattr(target, part)
    return target


def score(meta: Metadata, truth: dict[str, Any]) -> tuple[int, int, list[str]]:
    """Fields right, fields checked, and what went wrong. References: each cited number
    with its relation counts as one field."""
    right, total, wrong = 0, 0, []
    for key, expected in truth.items():
        found = value(meta, key)
        if key == "tham_chieu":
            for number, relation in expected.items():
                total += 1
                ok = found.get(number, "<missing>") == relation
                right += ok
                if not ok:
                    wrong.append(f"{number}: {found.get(number, '<missing>')!r}")
            continue
        total += 1
        right += found == expected
        if found != expected:
            wrong.append(f"{key}: {found!r} (want {expected!r})")
    return right, total, wrong


REAL_DEV = Path(os.environ.get("SOHOA_REAL_DEV", "/work/shared/real-dev"))
REAL_FIELDS = [
    "so_hieu", "loai_van_ban", "ngay_ban_hanh", "co_quan_ban_hanh.ten",
    "co_quan_ban_hanh.cap_tren", "nguoi_ky", "chuc_vu", "trich_yeu",
]  # fmt: skip


def _real_found(meta: Metadata, field: str) -> str | None:
    """The field as the truth writes it. A number the page does not print (blank or
    handwritten) is written "/UBND-LĐTBXH" there; sohoa gives it as ``so_hieu`` null with
    the code in ``ky_hieu`` (README), which is the same answer."""
    printed = f"/{meta.ky_hieu}" if meta.ky_hieu else None
    return {
        "so_hieu": meta.so_hieu or printed,
        "loai_van_ban": meta.loai_van_ban,
        "ngay_ban_hanh": meta.ngay_ban_hanh,
        "co_quan_ban_hanh.ten": meta.co_quan_ban_hanh.ten,
        "co_quan_ban_hanh.cap_tren": meta.co_quan_ban_hanh.cap_tren,
        "nguoi_ky": meta.nguoi_ky.ho_ten,
        "chuc_vu": meta.nguoi_ky.chuc_vu,
        "trich_yeu": meta.trich_yeu,
    }[field]


def _real_truths(truth: dict[str, Any], field: str) -> list[str | None]:
    """The printed answer and the other accepted ones (``also_right``)."""
    if field.startswith("co_quan_ban_hanh."):
        body = truth["co_quan_ban_hanh"] or {}
        first = body.get(field.split(".")[1])
    else:
        first = truth[field]
    return [first, *truth.get("also_right", {}).get(field, [])]


def _one_convention(text: str) -> str:
    """NFC, case folded, single spaces, one tone-placement convention (hoà = hòa)."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(regex.sub(r"\p{L}+", lambda m: normalize_syllable(m.group()), text).split())


def _same(a: str, b: str) -> bool:
    return _one_convention(a) == _one_convention(b)


def real_field_right(field: str, found: str | None, truths: list[str | None]) -> bool:
    """Exact (after NFC, case folding and spacing) for every field but the trích yếu, which
    is right at word error rate <= 10% and no longer than the truth by more than 20%
    (a long title read by OCR is rarely letter-perfect; one that runs into the body is wrong)."""
    for truth in truths:
        if truth is None or found is None:
            if truth is None and found is None:
                return True
            continue
        if field == "trich_yeu":
            near = wer(_one_convention(truth), _one_convention(found)) <= 0.10
            if near and len(found) <= 1.2 * len(truth):
                return True
        elif _same(truth, found):
            return True
    return False


def real_documents(per_field: dict[str, list[int]]) -> None:
    """Convert each real development document and score its metadata per field."""
    truths = json.loads((REAL_DEV / "metadata_truth.json").read_text(encoding="utf-8"))
    for name, truth in truths.items():
        meta = convert_document(REAL_DEV / "files" / name, Settings(extract_tables=False)).metadata
        wrong = []
        for field in REAL_FIELDS:
            found = _real_found(meta, field)
            ok = real_field_right(field, found, _real_truths(truth, field))
            per_field.setdefault(field, [0, 0])
            per_field[field][0] += ok
            per_field[field][1] += 1
            if not ok:
                wrong.append(f"{field}: {found!r} (want {_real_truths(truth, field)[0]!r})")
        right = len(REAL_FIELDS) - len(wrong)
        print(f"real {name}: {right}/{len(REAL_FIELDS)}", *(f"\n    {w}" for w in wrong))


def real_summary(per_field: dict[str, list[int]]) -> str:
    right = sum(r for r, _ in per_field.values())
    total = sum(t for _, t in per_field.values())
    fields = ", ".join(f"{name} {r}/{t}" for name, (r, t) in per_field.items())
    share = 100 * right / total
    return f"real-dev per field: {fields}; real-dev total {right}/{total} ({share:.0f}%)"


def layout_kinds(totals: dict[str, list[int]], per_field: dict[str, list[int]]) -> None:
    """The pages of tests/metadata_scans.py's LAYOUT_KINDS (công văn, quyết định of a Chủ
    tịch, nghị định, báo cáo, a handwritten number), light and heavy scans, per field."""
    with tempfile.TemporaryDirectory() as folder:
        for level in ("light", "heavy"):
            for name, page in LAYOUT_KINDS.items():
                scan = render_admin_page(page, Path(folder) / f"{name}.png", level)
                meta = convert_document(scan, Settings(extract_tables=False)).metadata
                truth = LAYOUT_TRUTH[name]
                wrong = []
                for key, expected in truth.items():
                    ok = value(meta, key) == expected
                    per_field.setdefault(key, [0, 0])
                    per_field[key][0] += ok
                    per_field[key][1] += 1
                    totals.setdefault(f"layouts {level}", [0, 0])
                    totals[f"layouts {level}"][0] += ok
                    totals[f"layouts {level}"][1] += 1
                    if not ok:
                        wrong.append(f"{key}: {value(meta, key)!r} (want {expected!r})")
                right = len(truth) - len(wrong)
                print(
                    f"layout {name} {level}: {right}/{len(truth)}", *(f"\n    {w}" for w in wrong)
                )
    fields = ", ".join(f"{key} {r}/{t}" for key, (r, t) in per_field.items())
    print(f"layout kinds per field: {fields}")


def main() -> None:
    per_field: dict[str, list[int]] = {}
    if "--real" in sys.argv:
        real_documents(per_field)
        print(real_summary(per_field))
        return
    if "--layouts" in sys.argv:
        totals: dict[str, list[int]] = {}
        layout_kinds(totals, {})
        print(", ".join(f"{name} {r}/{t}" for name, (r, t) in totals.items()))
        return
    totals: dict[str, list[int]] = {}
    seconds: list[float] = []
    settings = Settings(restore=False, extract_tables=False)
    for prefix, truth in TRUTH.items():
        (path,) = (ROOT / "corpus" / "seeds").glob(f"{prefix}_*.txt")
        started = time.perf_counter()
        meta = convert_document(path, settings).metadata
        seconds.append(time.perf_counter() - started)
        right, total, wrong = score(meta, truth)
        totals.setdefault("seeds", [0, 0])
        totals["seeds"][0] += right
        totals["seeds"][1] += total
        print(f"seed {prefix}: {right}/{total}", *(f"\n    {w}" for w in wrong))
    with tempfile.TemporaryDirectory() as folder:
        for level in ("none", "light", "heavy"):
            for seed in (1, 2):
                scan = two_column_decision_scan(Path(folder) / f"{level}{seed}.png", level, seed)
                meta = convert_document(scan, Settings(extract_tables=False)).metadata
                right, total, wrong = score(meta, DECISION)
                totals.setdefault(level, [0, 0])
                totals[level][0] += right
                totals[level][1] += total
                print(f"scan {level} #{seed}: {right}/{total}", *(f"\n    {w}" for w in wrong))
        # seed 004's decision typeset in one column (scan_simulator), three pages, heavy damage
        decision = "\n".join(scans.seed_text("004").splitlines()[:48])
        scan = scans.make_scan(decision, Path(folder) / "d.pdf", level="heavy", max_pages=3)
        meta = convert_document(scan.path, Settings(dpi=200, extract_tables=False)).metadata
        right, total, wrong = score(meta, TRUTH["004"])
        totals["heavy 004 1-col"] = [right, total]
        print(f"scan 004 one column heavy: {right}/{total}", *(f"\n    {w}" for w in wrong))
    layout_kinds(totals, {})
    real_documents(per_field)
    print(real_summary(per_field))
    per_doc = 1000 * sum(seconds) / len(seconds)
    figures = ", ".join(f"{name} {r}/{t} ({100 * r / t:.0f}%)" for name, (r, t) in totals.items())
    right = sum(r for r, _ in per_field.values())
    total = sum(t for _, t in per_field.values())
    print(
        f"metadata fields right: {figures}, real-dev {right}/{total} "
        f"({100 * right / total:.0f}%); seeds TXT convert+extract {per_doc:.0f} ms/doc"
    )


if __name__ == "__main__":
    main()
