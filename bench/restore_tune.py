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
import bisect
import dataclasses
import hashlib
import itertools
import os
import re
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import metrics  # noqa: E402
from restore import (  # noqa: E402
    BENCH_SOURCES,
    SEEDS,
    SOURCES,
    edit_precision,
    same_convention,
    words,
)

import sohoa.corpus.build as build  # noqa: E402
import sohoa.normalize.channel_keys as channel_keys  # noqa: E402
import sohoa.normalize.restore as restore  # noqa: E402
from sohoa.corpus.channel_pairs import (  # noqa: E402
    Channel,
    PageResult,
    default_documents,
    ocr_pages,
    pair_counts,
    read_pages,
    write_pages,
    write_tsv,
)
from sohoa.corpus.model import load_model_file, save_model  # noqa: E402
from sohoa.corpus.token_alignment import align  # noqa: E402
from sohoa.normalize.calibration import (  # noqa: E402
    edit_kind,
    fit_by_kind,
    fit_isotonic,
    save_calibration,
)
from sohoa.normalize.params import CandidateParams, RestorerParams  # noqa: E402

DATA = ROOT / "corpus" / "data"
CACHE = ROOT / "bench" / ".cache" / "restore"
TIE = 2e-4  # smaller gains (~3 of the ~16,000 words) are noise: the setting stays
MAX_PAGES = 8  # pages validated per fold (keeps a settings search affordable)
# fold -> (document name in the page files, LM source left out, lines of it left out)
FOLDS = {
    "seed-001": ("seed-001", SEEDS / "001_b2bd4cc6c0423af8.txt", None),
    "seed-004": ("seed-004", SEEDS / "004_270c43c183b8e566.txt", None),
    "vlsp": ("vlsp2013-underthesea", SOURCES / "vlsp2013-underthesea.txt", (0, 600)),
    "lo-help": ("libreoffice-help-vi", SOURCES / "libreoffice-help-vi.txt", (2000, 2600)),
}
# Every setting chosen here: the fields of RestorerParams and of its search
# (CandidateParams), and one build setting re-applied to the fold models.
SEARCH_SETTINGS = tuple(f.name for f in dataclasses.fields(CandidateParams))
SETTINGS = (
    *(f.name for f in dataclasses.fields(RestorerParams) if f.name != "search"),
    *SEARCH_SETTINGS,
    "word_bonus",
)
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
    "search_margin": [6.0, 7.0, 8.0, 10.0, 12.0],
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


SHIFTED = Channel(lang="eng", dpi=200, level="heavy")  # the eng channel's pages: 300 dpi, light


def shifted_pages() -> list[PageResult]:
    """The folds' pages scanned unlike the channel data's: English-model OCR of heavy 200 dpi
    scans, whose misreadings the learned eng channel prices wrong (cached).

    What restoring the OCR of an engine or scanner the channel was not learned from (seed
    000's) looks like, without looking at 000: settings that trust the learned channel
    too far show here.
    """
    path = CACHE / f"shifted-{SHIFTED.lang}-{SHIFTED.dpi}-{SHIFTED.level}-pages.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        found = []
        folds = {document for document, _, _ in FOLDS.values()}
        for document in [d for d in default_documents(600) if d.name in folds]:
            print(f"  scanning {document.name} ({SHIFTED})", flush=True)
            found += list(ocr_pages(document, SHIFTED, MAX_PAGES))
        write_pages(path, found)
    return read_pages(path)


def fold_model(fold: str, pages: dict[str, list[PageResult]]):
    """The LM + channel model of one fold, built without the fold's text (cached)."""
    document, left_out, lines = FOLDS[fold]
    code = b"".join(
        (ROOT / p).read_bytes()
        for p in ("corpus/build.py", "corpus/channel_learn.py", "corpus/model.py")
    )
    sources = [p for _, paths in BENCH_SOURCES for p in paths]
    listed = "".join(f"{p.name}:{p.stat().st_size};" for p in sources).encode()
    # ... and by the channel pages its channel is learned from (make channel rewrites them)
    listed += "".join(p.ocr_text for found in pages.values() for p in found).encode()
    digest = hashlib.sha1(code + listed + fold.encode()).hexdigest()[:12]
    path = CACHE / f"tune-{fold}-{digest}.pkl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        if lines is None:
            sources.remove(left_out)
        else:
            held = left_out.read_text(encoding="utf-8").splitlines()
            kept_text = CACHE / f"tune-{fold}-{left_out.name}"
            kept_text.write_text("\n".join(held[: lines[0]] + held[lines[1] :]), encoding="utf-8")
            sources[sources.index(left_out)] = kept_text
        tsvs = []
        for name, found in pages.items():
            tsv = CACHE / f"tune-{fold}" / f"channel-{name}.tsv"
            tsv.parent.mkdir(parents=True, exist_ok=True)
            others = [p for p in found if p.document != document]
            write_tsv(tsv, pair_counts(align(p.ocr, p.clean) for p in others))
            tsvs.append(tsv)
        started = time.perf_counter()
        # The candidate tables are only a cache of channel.candidates(); the search
        # changes the settings they depend on, so candidates are computed on demand.
        model = build.build_model(sources, channel_files=tsvs, with_candidate_tables=False)
        save_model(model, path)
        print(f"  built {fold} model in {time.perf_counter() - started:.0f} s", flush=True)
    model = load_model_file(path)
    model.candidate_tables = {}
    return model


def current_settings() -> dict[str, float]:
    """The shipped settings: RestorerParams' defaults and the build's word bonus."""
    params = RestorerParams()
    found = {n: getattr(params, n) for n in SETTINGS if n not in (*SEARCH_SETTINGS, "word_bonus")}
    found["word_bonus"] = build.WORD_BONUS
    found.update({n: getattr(params.search, n) for n in SEARCH_SETTINGS})
    return found


def params_of(settings: dict[str, float]) -> RestorerParams:
    """The restorer's params for ``settings`` (current_settings' names)."""
    search = CandidateParams(**{name: settings[name] for name in SEARCH_SETTINGS})
    return RestorerParams(
        **{n: settings[n] for n in SETTINGS if n not in SEARCH_SETTINGS and n != "word_bonus"},
        search=search,
    )


def fold_restorer(model, settings: dict[str, float]) -> restore.Restorer:
    """A restorer of a fold model under ``settings`` (the word bonus re-applied to it)."""
    build.set_word_bonus(model, settings["word_bonus"])
    return restore.Restorer(model, channel_keys.CandidateIndex(model), params_of(settings))


def validate(
    models, texts, settings: dict[str, float], ocr: str | None = "eng"
) -> dict[str, float]:
    """Pooled WER / edit precision over the folds under ``settings``."""
    errors = reference_words = changed = right = 0.0
    for fold, model in models.items():
        raw, reference = texts[fold]
        restorer = fold_restorer(model, settings)
        restored, _ = restore.restore_text(raw, restorer, ocr)
        n = len(words(reference))
        errors += metrics.wer(reference, restored) * n
        reference_words += n
        before, after, gold = words(raw), words(restored), words(reference)
        precision = edit_precision(before, after, gold)
        count = changed_words(before, after)
        if precision == precision:
            changed += count
            right += precision * count
    return {"wer": errors / reference_words, "precision": right / max(changed, 1)}


def changed_words(before: list[str], after: list[str]) -> int:
    """How many words of ``after`` differ from ``before`` (edit_precision's denominator)."""
    return sum(
        j2 - j1 for tag, _i1, _i2, j1, j2 in Levenshtein.opcodes(before, after) if tag != "equal"
    )


def objective(figures: dict[str, float]) -> float:
    """WER first; an edit-precision shortfall under 98% costs as much as its share of WER."""
    return figures["wer"] + 0.05 * max(0.0, 0.98 - figures["precision"])


CALIBRATION = DATA / "restorer-calibration.json"
# The OCR profile each validation OCR is restored with; others (the legacy engine's, poor
# vie scans') get the profile the restorer chooses itself, as a user's text would.
PROFILE_OF = {"eng": "eng", "eng-shifted": "eng", "vie": "vie"}
# Confidence bins of the reliability table (bench/restore.py --calibration)
BINS = (0.0, 0.3, 0.6, 0.7, 0.8, 0.9, 0.97, 1.0)


def folds(
    ocr: str = "eng",
    data: Path = DATA,
    channels: tuple[str, ...] = ("eng", "vie"),
    only: tuple[str, ...] = tuple(FOLDS),
    validated_only: bool = False,
) -> tuple[dict, dict[str, tuple[str, str]]]:
    """The fold models and their (OCR text, clean text) for ``ocr`` (see the docstring);
    the channel pages are read from ``data`` (``make channel``'s, unless told), and the
    fold models' channels learned from those of ``channels`` (channel-eng-legacy pages
    pool with eng's: corpus/channel_learn.py). ``validated_only``: of the eng and vie
    pages only the folds' validated ones (``calibration_pages``)."""
    pages = {name: read_pages(data / f"channel-{name}-pages.jsonl") for name in channels}
    if validated_only:
        pages = calibration_pages(pages)
    if ocr == "eng-shifted":
        validated = shifted_pages()
    else:
        validated = read_pages(data / f"channel-{ocr}-pages.jsonl")
    models, texts = {}, {}
    for fold, (document, _, _) in FOLDS.items():
        mine = [p for p in validated if p.document == document][:MAX_PAGES]
        if not mine or fold not in only:
            continue
        texts[fold] = (
            "\n".join(p.ocr_text for p in mine),
            "\n".join(p.clean_text for p in mine),
        )
        models[fold] = fold_model(fold, pages)
    return models, texts


def calibration_pages(pages: dict[str, list[PageResult]]) -> dict[str, list[PageResult]]:
    """The channel pages the calibration's fold models learn from: of eng's only the
    folds' validated pages (each fold's first MAX_PAGES), none of vie's, and the other
    engines' all. So the calibration depends on make channel's eng page budget no more
    than the validation does (a page's OCR is the same whatever the budget): the folds'
    32 eng pages and make channel-engines' 40 legacy pages."""
    documents = {document for document, _, _ in FOLDS.values()}
    kept: dict[str, list[PageResult]] = {}
    for name, found in pages.items():
        if name == "vie":
            kept[name] = []
        elif name == "eng":
            taken: dict[str, int] = {}
            kept[name] = []
            for page in found:
                if page.document in documents and taken.get(page.document, 0) < MAX_PAGES:
                    taken[page.document] = taken.get(page.document, 0) + 1
                    kept[name].append(page)
        else:
            kept[name] = found
    return kept


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
