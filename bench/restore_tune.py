"""Validation set for the diacritic restorer: where its global settings are chosen.

    /work/venv/bin/python bench/restore_tune.py            # validation figures, settings as shipped
    /work/venv/bin/python bench/restore_tune.py --search   # coordinate search of the settings
    /work/venv/bin/python bench/restore_tune.py --ocr vie            # Vietnamese-model OCR
    /work/venv/bin/python bench/restore_tune.py --ocr eng-shifted    # scans unlike the channel's

Seed 000 (scored against 002) is the TEST: no setting is chosen by looking at it. The
settings (channel weight, beam, document-adaptation weight and confidence, free-edit
cost, candidates kept, reading cost, change threshold, margin for confirmed syllables; for
tokens that are no syllable the foreign-word cost and the wide search's candidates,
confusion reach and learned edit weight) are chosen here, on the simulated English-model
OCR pages of corpus/data/channel-eng-pages.jsonl (clean text + its OCR; texts other than 002), one
fold per text:

| fold | validated pages | model built without |
|---|---|---|
| seed-001 | 001's pages | seed 001 (and 002) in the LM; 001's pages in the channel |
| seed-004 | 004's pages | seed 004 (and 002); 004's pages in the channel |
| vlsp | the first VLSP pages | VLSP lines 0-599 (the rendered ones); VLSP pages in the channel |
| lo-help | the LibreOffice help pages | help lines 2000-2599; help pages in the channel |

So no fold's text is in its LM or its channel data. ``--ocr eng-shifted`` validates the
same folds' texts scanned unlike the channel data (heavy 200 dpi instead of light 300 dpi;
see shifted_pages): what an OCR the learned channel misprices looks like, as seed 000's
older engine is. Fold models are cached under
bench/.cache/restore/ (keyed by the build code and sources). The last line prints the
pooled validation WER and edit precision.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from restore_calibration import CALIBRATION, calibrate  # noqa: E402
from restore_folds import (  # noqa: E402
    DATA,
    FOLDS,
    PROFILE_OF,
    current_settings,
    folds,
    validate,
)

TIE = 2e-4  # smaller gains (~3 of the ~16,000 words) are noise: the setting stays
GRID = {
    "channel_weight": [0.9, 1.1, 1.3, 1.5, 1.8],
    "edit_cost": [4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
    "kept": [8, 12, 16, 20, 24],
    "reading_cost": [0.0, 0.5, 1.0, 2.0],
    "beam": [4, 6, 8],
    "adapt_weight": [0.0, 0.3, 0.6, 1.0],
    "adapt_min_confidence": [0.8, 0.9, 0.97],
    "adapt_pair_weight": [0.0, 0.5, 1.0, 1.5, 2.5],
    "min_change_confidence": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
    "confirmed_margin": [0.0, 2.0, 4.0, 6.0],
    "confirmed_kept": [1, 2, 4, 99],
    "search_margin": [6.0, 7.0, 8.0, 10.0, 12.0, 14.0, 16.0],
    "option_margin": [8.0, 10.0, 12.0, 14.0],
    "letter_prior_weight": [0.0, 10.0, 20.0, 50.0],
    "max_letter_bonus": [2.0, 4.0, 6.0, 8.0],
    "foreign_min_cost": [10.0, 12.0, 14.0, 17.0],
    "wide_kept": [4, 8, 12],
    "wide_confusion_cost": [2.0, 4.0, 6.0, 8.0],
    "learned_edit_weight": [0.0, 0.5, 1.0, 1.5],
    "word_bonus": [0.0, 0.5, 1.0, 1.5, 2.0, 2.5],
    "glyph_absorb_consonant_cost": [2.0, 3.0, 4.0, 99.0],
    "letter_weight": [0.0, 0.7, 1.0, 1.3],
    "char_weight": [0.0, 0.7, 1.0, 1.3],
    "trusted_marked_cost": [0.0, 2.0, 4.0, 6.0],
    "foreign_run_in_old_ocr": [0, 2, 3],
}


def objective(figures: dict[str, float]) -> float:
    """WER first; an edit-precision shortfall under 98% costs as much as its share of WER."""
    return figures["wer"] + 0.05 * max(0.0, 0.98 - figures["precision"])


def main() -> None:
    args = parse_args()
    profile = None if args.auto_profile else PROFILE_OF.get(args.ocr)
    channels, only = tuple(args.channels.split(",")), tuple(args.folds.split(","))
    if args.calibrate:
        calibrate(args.pages, channels, args.output)
        return
    models, texts = folds(args.ocr, args.pages, channels, only)
    settings = current_settings()
    for item in args.set:
        name, value = item.split("=")
        settings[name] = type(settings[name])(float(value))
    started, best = time.perf_counter(), validate(models, texts, settings, profile)
    print(f"shipped {settings}: {best} ({time.perf_counter() - started:.0f} s)", flush=True)
    for _ in range(args.rounds if args.search else 0):  # coordinate search
        for name, values in GRID.items():
            for value in values:
                if value == settings[name]:
                    continue
                trial = {**settings, name: value}
                figures = validate(models, texts, trial, profile)
                print(f"  {name}={value}: {figures}", flush=True)
                if objective(figures) < objective(best) - TIE:
                    settings, best = trial, figures
            print(f"  -> {settings}: {best}", flush=True)
    print(
        f"validation ({args.ocr} OCR, {len(models)} folds, each model built without its text): "
        f"WER {best['wer']:.2%}, edit precision {best['precision']:.1%}, settings {settings}"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--search", action="store_true", help="coordinate search of settings")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--set", nargs="*", default=[], metavar="NAME=VALUE", help="start from these settings"
    )
    parser.add_argument(
        "--ocr",
        choices=("eng", "vie", "eng-shifted", "eng-legacy", "vie-poor"),
        default="eng",
        help="which simulated OCR to validate on (eng-shifted: see shifted_pages; "
        "eng-legacy, vie-poor: corpus/channel_pairs.py's other engines and scans)",
    )
    parser.add_argument("--folds", default=",".join(FOLDS), help="the folds validated")
    parser.add_argument(
        "--auto-profile",
        action="store_true",
        help="restore with the profile the restorer chooses "
        "(normalize/channel_profile.choose_profile)",
    )
    parser.add_argument(
        "--channels",
        default="eng,vie",
        help="the channel pages the fold models learn from (eng-legacy: pooled with eng)",
    )
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help=f"fit the confidence calibration on the folds and write {CALIBRATION}",
    )
    parser.add_argument(
        "--pages",
        type=Path,
        default=DATA,
        help="folder of the channel-{eng,vie}-pages.jsonl files (default: make channel's)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=CALIBRATION,
        help=f"with --calibrate: the calibration file written (default {CALIBRATION})",
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
