"""The peers, each on the same pages as sohoa: bare ``tesseract -l vie``, ``ocrmypdf -l vie
--deskew --output-type pdf`` (its text layer read back with pdftotext) and img2table
(TesseractOCR ``vie``) on the pages holding tables. Their outputs are cached by input hash
and tool version (bench/.cache/corpus/peers/): the same tool on the same pixels.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from img2table_peer import page_rows  # bench/img2table_peer.py

from . import build as corpus_build
from .cases import Case

PEER_CACHE = corpus_build.CACHE / "peers"
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def tool_versions() -> dict[str, str]:
    """The peers' versions, part of their cache keys and printed in the report."""
    return {
        "tesseract": _tool_version(["tesseract", "--version"]),
        "ocrmypdf": _tool_version([sys.executable, "-m", "ocrmypdf", "--version"]),
        "img2table": _package_version("img2table"),
    }


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


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"
