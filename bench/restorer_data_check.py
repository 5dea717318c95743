"""Check that a rebuild of the restorer's data reproduces the committed files.

    make restorer-data-check                        # rebuild into out/restorer-data-check, compare
    python bench/restorer_data_check.py FOLDER      # compare a folder built by make restorer-data

Compares FOLDER's channel pairs (channel-{eng,vie,eng-legacy}.tsv), model
(restorer-model.pkl) and calibration (restorer-calibration.json) with corpus/data's: each
must be byte-identical. For a file that differs it says how (lines of a table that differ;
the calibration's largest difference in probability). The last line says REPRODUCED or
which files differ; the exit code is 0 only if all are reproduced.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import run_pipeline  # noqa: E402,F401  (makes this checkout importable as `sohoa`)
from sohoa.normalize.calibration import calibration_from_json  # noqa: E402

DATA = ROOT / "corpus" / "data"
FILES = (
    "channel-eng.tsv",
    "channel-vie.tsv",
    "channel-eng-legacy.tsv",
    "restorer-model.pkl",
    "restorer-calibration.json",
)


def how_they_differ(name: str, built: Path, committed: Path) -> str:
    """A short account of the difference between two versions of a data file."""
    if name.endswith(".tsv"):
        mine = set(built.read_text(encoding="utf-8").splitlines())
        theirs = set(committed.read_text(encoding="utf-8").splitlines())
        return (
            f"{len(mine - theirs)} lines only in the rebuild, {len(theirs - mine)} only committed"
        )
    if name.endswith(".json"):
        mine, theirs = (json.loads(p.read_text(encoding="utf-8")) for p in (built, committed))
        return f"largest difference in probability {largest_difference(mine, theirs):.4f}"
    return "sha256 " + " vs ".join(
        hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in (built, committed)
    )


def largest_difference(mine: dict, theirs: dict) -> float:
    """The largest difference between two calibrations' maps, over a grid of scores
    (every map: the shared one, per profile and per kind of edit)."""
    first, second = calibration_from_json(mine), calibration_from_json(theirs)
    grid = [k / 1000 for k in range(1001)]
    worst = 0.0
    for name, a in first.all_maps().items():
        b = second.all_maps().get(name)
        if b is None:
            return 1.0
        worst = max(worst, *(abs(a(s) - b(s)) for s in grid))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="the folder make restorer-data built")
    args = parser.parse_args()
    differing = []
    for name in FILES:
        built, committed = args.folder / name, DATA / name
        if not built.is_file():
            print(f"  {name}: not built")
            differing.append(name)
        elif built.read_bytes() == committed.read_bytes():
            print(f"  {name}: identical")
        else:
            print(f"  {name}: differs ({how_they_differ(name, built, committed)})")
            differing.append(name)
    print("REPRODUCED" if not differing else "DIFFERENT: " + ", ".join(differing))
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
