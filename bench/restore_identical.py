"""Check that a speed change leaves the restorer's output byte-for-byte the same.

    PYTHONHASHSEED=0 /work/venv/bin/python bench/restore_identical.py save [FILE]  # before
    PYTHONHASHSEED=0 /work/venv/bin/python bench/restore_identical.py [FILE]       # after

Restores seed 000's body, seed 003, the first validation pages of Tesseract `vie` OCR
(corpus/data/channel-vie-pages.jsonl, when present) and the cached Tesseract `vie` texts
of the scan benchmark (``bench/restore.py --scans`` writes them), each twice (cold
caches, then warm), with the shipped model, and compares a SHA-256 of the restored text
plus the edit log with the fingerprints saved by ``save`` (a small JSON file outside the
repo; FILE, default /tmp/sohoa-restore-identical.json, so that helpers working at the
same time can keep their own).
Fix the hash seed: the restorer's results can depend on set order (see the last line).
The last line says IDENTICAL or which texts differ.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from restore import CACHE, OCR_OLD, body  # noqa: E402

import run_pipeline  # noqa: E402,F401  (makes this checkout importable as `sohoa`)
from sohoa.normalize.restore import load_model, restore_text  # noqa: E402

FINGERPRINTS = Path("/tmp/sohoa-restore-identical.json")
VIE_PAGES = 6  # validation pages of `vie` OCR restored (the other profile's code paths)


def texts() -> dict[str, str]:
    found = {
        "000 body": body(OCR_OLD.read_text(encoding="utf-8")),
        "003": (ROOT / "corpus" / "seeds" / "003_cdf48d5100b823ae.txt").read_text("utf-8"),
    }
    vie_pages = ROOT / "corpus" / "data" / "channel-vie-pages.jsonl"
    if vie_pages.exists():
        lines = vie_pages.read_text(encoding="utf-8").splitlines()
        for line in lines[:VIE_PAGES]:
            page = json.loads(line)
            found[f"vie page {page['document']} {page['page']}"] = page["ocr_text"]
    for path in sorted(CACHE.glob("*-vie.txt")):
        found[path.name] = path.read_text(encoding="utf-8")
    return found


def fingerprints() -> dict[str, str]:
    restorer = load_model(None)
    found = {}
    for run in ("cold", "warm"):
        for name, text in texts().items():
            restored, edits = restore_text(text, restorer)
            log = "\n".join(json.dumps(dataclasses.asdict(e), ensure_ascii=False) for e in edits)
            found[f"{name} {run}"] = hashlib.sha256((restored + "\0" + log).encode()).hexdigest()
    return found


def main() -> None:
    args = sys.argv[1:]
    save = args[:1] == ["save"]
    path = Path(args[int(save)]) if len(args) > int(save) else FINGERPRINTS
    found = fingerprints()
    if save:
        path.write_text(json.dumps(found, indent=1), encoding="utf-8")
        print(f"saved {len(found)} fingerprints to {path}")
        return
    saved = json.loads(path.read_text(encoding="utf-8"))
    differ = [name for name in found if saved.get(name) != found[name]]
    seed = os.environ.get("PYTHONHASHSEED", "random")
    print(("IDENTICAL" if not differ else "DIFFER: " + ", ".join(differ)) + f" (hash seed {seed})")


if __name__ == "__main__":
    main()
