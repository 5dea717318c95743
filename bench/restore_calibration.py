"""The restorer's confidence calibration, fitted and judged on the validation folds
(restore_folds.py; never seed 000 or 002): ``calibrate`` writes corpus/data/
restorer-calibration.json (``make calibration`` = restore_tune.py --calibrate), and
``reliability_table`` prints confidence bins against the share of edits right
(bench/restore.py --calibration)."""

from __future__ import annotations

import bisect
import itertools
import os
import re
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from restore_folds import (  # noqa: E402
    DATA,
    MAX_PAGES,
    PROFILE_OF,
    current_settings,
    fold_restorer,
    folds,
)
from restore_sources import same_convention  # noqa: E402

import sohoa.normalize.restore as restore  # noqa: E402
from sohoa.normalize.calibration import (  # noqa: E402
    edit_kind,
    fit_by_kind,
    fit_isotonic,
    save_calibration,
)

CALIBRATION = DATA / "restorer-calibration.json"
# Confidence bins of the reliability table (bench/restore.py --calibration)
BINS = (0.0, 0.3, 0.6, 0.7, 0.8, 0.9, 0.97, 1.0)


def reliability_table(
    ocr: str = "eng", data: Path = DATA, channels: tuple[str, ...] = ("eng", "vie")
) -> list[str]:
    """Confidence bins vs share of edits right on the validation folds: the decoder's
    confidence, the calibrated one by score alone, and by score and kind of edit (as
    shipped: calibration.edit_kind), each fold's edits calibrated by maps fitted on the
    other folds only (so no edit judges its own calibration). Last line: the targets."""
    models, texts = folds(ocr, data, channels, validated_only=True)
    found = fold_edits(models, texts, PROFILE_OF.get(ocr, ocr))
    raw = [(c, r) for points in found.values() for c, r, _ in points]
    by_score, by_kind = [], []
    for fold, points in found.items():
        others = [p for other, ps in found.items() if other != fold for p in ps]
        alone, kinds = fit_isotonic([(c, r) for c, r, _ in others]), fit_by_kind(others)
        by_score += [(alone(c), r) for c, r, _ in points]
        by_kind += [(kinds(c, kind), r) for c, r, kind in points]
    columns = (raw, by_score, by_kind)
    lines = [f"reliability on validation ({ocr} OCR, {len(models)} folds, {len(raw)} edits):"]
    lines.append(
        "  confidence     decoder: edits  right   by score: edits  right"
        "   by score and kind: edits  right"
    )
    for low, high in itertools.pairwise(BINS):
        cells = []
        for points in columns:
            inside = [r for c, r in points if low <= c < high or (high == 1.0 and c == 1.0)]
            share = f"{sum(inside) / len(inside):6.1%}" if inside else "     -"
            cells.append(f"{len(inside):6d} {share}")
        lines.append(
            f"  [{low:.2f}, {high:.2f}{']' if high == 1.0 else ')'}   " + "   ".join(cells)
        )

    def share(points, keep) -> str:
        inside = [r for c, r in points if keep(c)]
        return f"{sum(inside) / len(inside):.1%} of {len(inside)}" if inside else "none"

    def targets(points) -> str:
        return f"{share(points, lambda c: c >= 0.9)} / {share(points, lambda c: c < 0.6)}"

    lines.append(
        f"calibrated confidence (score and kind, as shipped): edits at >= 0.9 right "
        f"{share(by_kind, lambda c: c >= 0.9)}, at < 0.6 right {share(by_kind, lambda c: c < 0.6)}"
        f" (by score alone: {targets(by_score)}; decoder's: {targets(raw)})"
    )
    return lines


def fold_edits(models, texts, ocr: str | None = "eng") -> dict[str, list[tuple[float, bool, str]]]:
    """Per fold, each changed word's (decoder confidence, whether it now matches the
    reference, kind of edit), restored with the settings as they stand and no
    calibration."""
    found: dict[str, list[tuple[float, bool, str]]] = {}
    for fold, model in models.items():
        raw, reference = texts[fold]
        restorer = fold_restorer(model, current_settings())
        restored, edits = restore.restore_text(raw, restorer, ocr)
        found[fold] = judged_edits(raw, restored, reference, edits)
    return found


def judged_edits(raw: str, restored: str, reference: str, edits) -> list[tuple[float, bool, str]]:
    """(confidence, right, kind) of each whitespace word the restorer changed: right if it
    now matches the reference word it aligns with (tone placement aside); its confidence
    and kind (calibration.edit_kind) those of its least sure edit."""
    starts = [0]
    for line in raw.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", raw)]
    before, after = raw.split(), restored.split()
    gold = [same_convention(w) for w in reference.split()]
    right = set()
    mine = [same_convention(w) for w in after]
    for tag, i1, i2, _j1, _j2 in Levenshtein.opcodes(mine, gold):
        if tag == "equal":
            right.update(range(i1, i2))
    least: dict[int, tuple[float, str]] = {}
    offsets = [start for start, _ in spans]
    for edit in edits:
        at = starts[edit.line] + edit.column
        k = bisect.bisect_right(offsets, at) - 1
        if k not in least or edit.confidence < least[k][0]:
            least[k] = (edit.confidence, edit_kind(edit.original))
    found = []
    for k in range(len(before)):
        if before[k] != after[k]:
            confidence, kind = least.get(k, (1.0, edit_kind(before[k])))
            found.append((confidence, k in right, kind))
    return found


def calibrate(pages: Path, channels: tuple[str, ...], output: Path) -> None:
    """Fit the calibration on the validation folds' edits (``calibration_pages``: the
    folds' eng pages; the legacy engine's map on its own pages) and write it."""
    models, texts = folds("eng", pages, channels, validated_only=True)
    points = [p for found in fold_edits(models, texts, "eng").values() for p in found]
    calibration = fit_by_kind(points)
    about = {
        "fitted_on": f"make calibration (bench/restore_tune.py --calibrate): eng OCR, "
        f"folds {sorted(models)}, their first {MAX_PAGES} pages each",
        "edits": len(points),
    }
    if "eng-legacy" in channels:  # its own map: its edits are right at other rates
        legacy_models, legacy_texts = folds("eng-legacy", pages, channels, validated_only=True)
        found = fold_edits(legacy_models, legacy_texts, "eng-legacy")
        legacy = [p for points in found.values() for p in points]
        calibration.profiles["eng-legacy"] = fit_by_kind(legacy)
        about["fitted_apart"] = {
            "eng-legacy": {"folds": sorted(legacy_models), "edits": len(legacy)}
        }
    save_calibration(calibration, output, about)
    print(f"calibration fitted on {len(points)} validation edits: wrote {output}")
